//! The animators' circle pages, each loaded lazily and kept on the device for offline reading:
//!
//! - `/manage/circles`: every circle (open ones, then archived ones), and the form to create one;
//! - `/manage/circles/:id`: a circle's members, the people picker (a search by name, in the URL
//!   so it works without JavaScript), and archiving or reopening it.
use crate::circles::admin::{
    get_circle_members, get_managed_circles, ArchiveCircle, Candidate, CircleMembers, CreateCircle, ManagedCircle,
    Person, PlcType, PostArchive, PostCircleMember, PostNewCircle, SetCircleMember, ADVISED_MEMBERS, MAX_NAME_CHARS,
    MAX_PURPOSE_CHARS, MIN_QUERY_CHARS,
};
use crate::circles::model::CircleKind;
use crate::error::{AppError, Field};
use crate::home::page::KindLabel;
use crate::i18n::*;
use crate::identity::model::Me;
use crate::offline::outbox::{new_client_id, Outbox};
use crate::offline::outbox_list::{OutboxList, OutboxOfKind};
use crate::offline::refill::{refused_form, Refused};
use crate::offline::sync_mark::SyncMark;
use crate::offline::write_form::{close_folded, posted_error, EnvelopeFields};
use crate::offline::writes::{Command, Write};
use crate::shell::layout::current_me;
use crate::tr;
use crate::ui::error::ErrorAlert;
use crate::ui::text;
use leptos::either::Either;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};
use leptos_router::{lazy_route, LazyRoute};
use uuid::Uuid;

/// The list of circles, `/manage/circles`. Its data is asked for in `view`, with the page's
/// own code (see `network::page::NetworkPage`).
pub struct ManageCirclesPage;

#[lazy_route]
impl LazyRoute for ManageCirclesPage {
    fn data() -> Self {
        ManageCirclesPage
    }

    fn view(this: Self) -> AnyView {
        let ManageCirclesPage = this;
        let outbox = Outbox::use_outbox();
        let circles = Resource::new(move || outbox.synced_count(), |_| get_managed_circles());
        let i18n = use_i18n();
        view! {
            <Title text=move || format!("{} · Apprenance", t_string!(i18n, admin.page_title)) />
            <main class="page">
                <h1>{tr!(i18n, admin.page_title)}</h1>
                <p class="lead">{tr!(i18n, admin.lede)}</p>
                <Transition fallback=move || view! { <p class="loading">{tr!(i18n, circle.loading)}</p> }>
                    {move || Suspend::new(async move {
                        let me = current_me().await;
                        match crate::offline::cache::fresh_or_cached("manage:circles", circles.await) {
                            Ok(shown) => {
                                let ids: Vec<Uuid> = shown.data.iter().map(|c| c.id).collect();
                                if shown.offline_since.is_none() {
                                    Effect::new(move |_| outbox.forget_landed(&ids));
                                }
                                Either::Left(view! {
                                    <SyncMark offline_since=shown.offline_since cache_key="manage:circles".to_owned() />
                                    <NewCircleForm me />
                                    <OutboxOfKind kind=CreateCircle::KIND />
                                    <CircleList circles=shown.data />
                                })
                            }
                            Err(error) => Either::Right(view! { <ErrorAlert error /> }),
                        }
                    })}
                </Transition>
            </main>
        }
        .into_any()
    }
}

/// The name of a PLC's type.
pub(crate) fn plc_type_name(locale: Locale, plc_type: PlcType) -> &'static str {
    match plc_type {
        PlcType::WorkTeam => td_string!(locale, admin.plc_work_team),
        PlcType::Topic => td_string!(locale, admin.plc_topic),
        PlcType::Department => td_string!(locale, admin.plc_department),
    }
}

/// What the app says of a circle of `count` members: nothing within the advised size.
fn size_advice(locale: Locale, count: i64) -> Option<String> {
    if count > *ADVISED_MEMBERS.end() {
        Some(td_string!(locale, admin.too_many, max = *ADVISED_MEMBERS.end()).to_string())
    } else if count < *ADVISED_MEMBERS.start() {
        Some(td_string!(locale, admin.too_few, min = *ADVISED_MEMBERS.start()).to_string())
    } else {
        None
    }
}

#[component]
fn CircleList(circles: Vec<ManagedCircle>) -> impl IntoView {
    let i18n = use_i18n();
    if circles.is_empty() {
        return Either::Left(view! { <p class="empty">{tr!(i18n, admin.no_circles)}</p> });
    }
    let items = circles
        .into_iter()
        .map(|c| {
            let count = c.member_count;
            let plc = c.plc_type.map(|t| move || format!(" · {}", plc_type_name(i18n.get_locale(), t)));
            let badge = if c.archived {
                Some(view! { <span class="badge">{tr!(i18n, admin.archived)}</span> }.into_any())
            } else if count > *ADVISED_MEMBERS.end() {
                Some(view! { <span class="badge warn">{tr!(i18n, admin.large)}</span> }.into_any())
            } else {
                None
            };
            view! {
                <li>
                    <a class=if c.archived { "card circle-link is-archived" } else { "card circle-link" } href=crate::circles::admin::members_href(c.id)>
                        <strong>{c.name}</strong>
                        <span class="muted">
                            <KindLabel kind=c.kind />
                            {plc}
                            " · "
                            {move || t_string!(i18n, home.members, count).to_string()}
                        </span>
                        {badge}
                    </a>
                </li>
            }
        })
        .collect_view();
    Either::Right(view! {
        <section aria-labelledby="all-circles-title">
            <h2 id="all-circles-title">{tr!(i18n, admin.all_circles)}</h2>
            <ul class="circle-list">{items}</ul>
        </section>
    })
}

/// The form to create a circle, folded until opened. Once hydrated the circle is queued with an
/// id made now (a plain post uses the one the server put in the form).
#[component]
fn NewCircleForm(me: Option<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let posted = posted_error::<PostNewCircle>();
    let local_error = RwSignal::new(None::<AppError>);
    let name = NodeRef::<html::Input>::new();
    let purpose = NodeRef::<html::Textarea>::new();
    let plc_type = NodeRef::<html::Select>::new();
    // Refused without JavaScript: what was typed and chosen, back in the form.
    let refill = refused_form(PostNewCircle::url(), &[]);
    let chosen = |name: &str| refill.as_ref().and_then(|r| r.value(name)).map(str::to_owned);
    let first_kind = chosen("kind").map(|k| CircleKind::from_db(&k)).unwrap_or(CircleKind::Peer);
    let first_plc_type = chosen("plc_type").and_then(|t| PlcType::from_db(&t)).unwrap_or(PlcType::Topic);
    let (was_name, was_purpose) =
        (Refused::or(&refill, "name", String::new()), Refused::or(&refill, "purpose", String::new()));
    let kind = RwSignal::new(first_kind);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (Some(n), Some(p), Some(t)) = (name.get(), purpose.get(), plc_type.get()) else { return };
        let checked = text::required(Field::CircleName, &n.value(), MAX_NAME_CHARS).and(text::optional(
            Field::Purpose,
            &p.value(),
            MAX_PURPOSE_CHARS,
        ));
        let kind = kind.get_untracked();
        let write = Write::CreateCircle(CreateCircle {
            circle_id: new_client_id(),
            name: n.value(),
            purpose: p.value(),
            kind,
            plc_type: (kind == CircleKind::Plc).then(|| PlcType::from_db(&t.value())).flatten(),
        });
        match checked.and_then(|_| outbox.enqueue(write)) {
            Ok(()) => {
                local_error.set(None);
                n.set_value("");
                p.set_value("");
                close_folded(&n);
            }
            Err(e) => local_error.set(Some(e)),
        }
    };
    let error = move || local_error.get().or_else(|| posted.get()).map(|error| view! { <ErrorAlert error /> });
    let refused = move || posted.with(Option::is_some);
    let kinds = CircleKind::ALL
        .into_iter()
        .map(|k| {
            let id = format!("new-circle-kind-{}", k.as_db());
            view! {
                <label class="choice">
                    <input type="radio" id=id name="kind" value=k.as_db() checked=k == first_kind
                        on:change=move |_| kind.set(k) />
                    <KindLabel kind=k />
                </label>
            }
        })
        .collect_view();
    let plc_types = PlcType::ALL
        .into_iter()
        .map(|t| view! { <option value=t.as_db() selected=t == first_plc_type>{move || plc_type_name(i18n.get_locale(), t)}</option> })
        .collect_view();
    view! {
        <details class="card share" open=refused>
            <summary>{tr!(i18n, admin.new_title)}</summary>
            // autocomplete off: a restored form must not post the same client id again.
            <form method="post" action=PostNewCircle::url() autocomplete="off" on:submit=on_submit>
                <EnvelopeFields me />
                <input type="hidden" name="circle_id" value=new_client_id().to_string() />
                <label for="new-circle-name">{tr!(i18n, admin.name)}</label>
                <input id="new-circle-name" name="name" type="text" maxlength=MAX_NAME_CHARS node_ref=name value=was_name
                    placeholder=move || t_string!(i18n, admin.name_hint) />
                <label for="new-circle-purpose">{tr!(i18n, admin.purpose)}</label>
                <textarea id="new-circle-purpose" name="purpose" rows="3" maxlength=MAX_PURPOSE_CHARS node_ref=purpose
                    placeholder=move || t_string!(i18n, admin.purpose_hint)>{text::server_escaped(was_purpose)}</textarea>
                <fieldset class="kinds">
                    <legend>{tr!(i18n, admin.kind)}</legend>
                    {kinds}
                </fieldset>
                <label for="new-circle-plc-type">{tr!(i18n, admin.plc_type)}</label>
                <select id="new-circle-plc-type" name="plc_type" node_ref=plc_type>{plc_types}</select>
                <p class="hint">{move || t_string!(i18n, admin.hint, min = *ADVISED_MEMBERS.start(), max = *ADVISED_MEMBERS.end()).to_string()}</p>
                {error}
                <button type="submit" class="primary">{tr!(i18n, admin.create)}</button>
            </form>
        </details>
    }
}

/// A circle's members page, `/manage/circles/:id`.
pub struct CircleMembersPage {
    circle_id: Memo<Option<Uuid>>,
    query: Memo<String>,
}

#[lazy_route]
impl LazyRoute for CircleMembersPage {
    fn data() -> Self {
        let params = use_params_map();
        let q = use_query_map();
        let circle_id = Memo::new(move |_| params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok()));
        let query = Memo::new(move |_| q.read().get("q").unwrap_or_default());
        CircleMembersPage { circle_id, query }
    }

    fn view(this: Self) -> AnyView {
        let CircleMembersPage { circle_id, query } = this;
        let outbox = Outbox::use_outbox();
        let page = Resource::new(
            move || (circle_id.get(), query.get(), outbox.synced_count()),
            |(id, q, _)| async move {
                match id {
                    Some(id) => get_circle_members(id, (!q.is_empty()).then_some(q)).await,
                    None => Err(AppError::NotFound),
                }
            },
        );
        let i18n = use_i18n();
        // A search is kept apart from the page without one.
        let key = move || match query.get() {
            q if q.is_empty() => format!("manage:circle:{}", circle_id.get().unwrap_or_default()),
            q => format!("manage:circle:{}:{q}", circle_id.get().unwrap_or_default()),
        };
        view! {
            <main class="page">
                <p class="back"><a href="/manage/circles">{tr!(i18n, admin.back)}</a></p>
                <Transition fallback=move || view! { <p class="loading">{tr!(i18n, circle.loading)}</p> }>
                    {move || Suspend::new(async move {
                        let me = current_me().await;
                        match crate::offline::cache::fresh_or_cached(&key(), page.await) {
                            Ok(shown) => {
                                let id = shown.data.circle.id;
                                if shown.offline_since.is_none() {
                                    Effect::new(move |_| outbox.forget_landed(&[id]));
                                }
                                Either::Left(view! {
                                    <SyncMark offline_since=shown.offline_since cache_key=key() />
                                    <Members page=shown.data me />
                                })
                            }
                            Err(error) => Either::Right(view! {
                                <h1>{tr!(i18n, admin.page_title)}</h1>
                                <ErrorAlert error />
                            }),
                        }
                    })}
                </Transition>
            </main>
        }
        .into_any()
    }
}

#[component]
fn Members(page: CircleMembers, me: Option<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let CircleMembers { circle, members, query, found } = page;
    let (circle_id, count, archived) = (circle.id, circle.member_count, circle.archived);
    let name = circle.name.clone();
    let advice = move || size_advice(i18n.get_locale(), count).map(|a| view! { <p class="advice">{a}</p> });
    let searched = query.chars().count() >= MIN_QUERY_CHARS;
    let results = if !searched {
        None
    } else if found.is_empty() {
        Some(Either::Left(view! { <p class="empty">{tr!(i18n, admin.nobody_found)}</p> }))
    } else {
        let rows = found
            .into_iter()
            .map(|Candidate { person, member }| {
                let button = if member {
                    Either::Left(view! { <span class="muted">{tr!(i18n, admin.already)}</span> })
                } else {
                    Either::Right(view! { <MemberButton circle_id person=person.clone() member=true me=me.clone() /> })
                };
                view! { <PersonRow person>{button}</PersonRow> }
            })
            .collect_view();
        Some(Either::Right(view! { <ul class="people">{rows}</ul> }))
    };
    let member_rows = if members.is_empty() {
        Either::Left(view! { <p class="empty">{tr!(i18n, admin.no_members)}</p> })
    } else {
        let rows = members
            .into_iter()
            .map(|person| {
                let button = view! { <MemberButton circle_id person=person.clone() member=false me=me.clone() /> };
                view! { <PersonRow person>{button}</PersonRow> }
            })
            .collect_view();
        Either::Right(view! { <ul class="people">{rows}</ul> })
    };
    let plc = circle.plc_type.map(|t| move || format!(" · {}", plc_type_name(i18n.get_locale(), t)));
    view! {
        <Title text=format!("{name} · Apprenance") />
        <header class="circle-head">
            <p class="muted">
                <KindLabel kind=circle.kind />
                {plc}
                " · "
                {move || t_string!(i18n, home.members, count).to_string()}
            </p>
            <h1>{circle.name}</h1>
            {(!circle.purpose.is_empty()).then(|| view! { <p class="purpose">{circle.purpose}</p> })}
            {archived.then(|| view! { <p class="archived-note">{tr!(i18n, admin.archived_note)}</p> })}
            <p><a href=format!("/circles/{circle_id}")>{tr!(i18n, admin.open_circle)}</a></p>
        </header>
        <RefusedChange />
        <section class="card picker" aria-labelledby="picker-title">
            <h2 id="picker-title">{tr!(i18n, admin.add_title)}</h2>
            <Form method="GET" action="" attr:role="search">
                <label for="people-q">{tr!(i18n, admin.search_label)}</label>
                <div class="search-row">
                    <input id="people-q" name="q" type="search" maxlength=MAX_NAME_CHARS value=query.clone()
                        placeholder=move || t_string!(i18n, admin.search_hint) />
                    <button type="submit">{tr!(i18n, admin.search)}</button>
                </div>
            </Form>
            {results}
        </section>
        <OutboxList circle_id />
        <section aria-labelledby="members-title">
            <h2 id="members-title">{move || t_string!(i18n, admin.members_title, count).to_string()}</h2>
            {advice}
            {member_rows}
        </section>
        <ArchiveForm circle_id archived name me />
    }
}

/// Someone in a list, with what can be done (`children`).
#[component]
fn PersonRow(person: Person, children: Children) -> impl IntoView {
    view! {
        <li class="person">
            <span class="who">
                <strong>{person.name}</strong>
                {(!person.teams.is_empty()).then(|| view! { <span class="muted">{person.teams}</span> })}
            </span>
            {children()}
        </li>
    }
}

/// The refusal of a change posted without JavaScript (Leptos carries it in the URL), once.
#[component]
fn RefusedChange() -> impl IntoView {
    let member = posted_error::<PostCircleMember>();
    let archive = posted_error::<PostArchive>();
    move || member.get().or_else(|| archive.get()).map(|error| view! { <ErrorAlert error /> })
}

/// Adds `person` to the circle (`member`) or takes them out: a plain form without JavaScript,
/// a queued write once hydrated.
#[component]
fn MemberButton(circle_id: Uuid, person: Person, member: bool, me: Option<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let error = RwSignal::new(None::<AppError>);
    let (person_id, name, hidden_name) = (person.id, person.name.clone(), person.name.clone());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let write = Write::SetCircleMember(SetCircleMember { circle_id, person_id, member, name: name.clone() });
        error.set(outbox.enqueue(write).err());
    };
    let label = move || {
        let name = &person.name;
        if member {
            t_string!(i18n, admin.add_named, name).to_string()
        } else {
            t_string!(i18n, admin.remove_named, name).to_string()
        }
    };
    view! {
        <form class="member-change" method="post" action=PostCircleMember::url() on:submit=on_submit>
            <EnvelopeFields me />
            <input type="hidden" name="circle_id" value=circle_id.to_string() />
            <input type="hidden" name="member_id" value=person_id.to_string() />
            <input type="hidden" name="member" value=member.to_string() />
            <input type="hidden" name="name" value=hidden_name />
            <button type="submit" class=if member { "chip" } else { "chip quiet" } aria-label=label>
                {move || if member { t_string!(i18n, admin.add) } else { t_string!(i18n, admin.remove) }}
            </button>
        </form>
        {move || error.get().map(|error| view! { <ErrorAlert error /> })}
    }
}

/// Archives the circle, or reopens it.
#[component]
fn ArchiveForm(circle_id: Uuid, archived: bool, name: String, me: Option<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let error = RwSignal::new(None::<AppError>);
    let wanted = !archived;
    let sent = name.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let write = Write::ArchiveCircle(ArchiveCircle { circle_id, archived: wanted, name: sent.clone() });
        error.set(outbox.enqueue(write).err());
    };
    view! {
        <section class="card archive" aria-labelledby="archive-title">
            <h2 id="archive-title">{move || if archived { t_string!(i18n, admin.reopen_title) } else { t_string!(i18n, admin.archive_title) }}</h2>
            <p class="hint">{move || if archived { t_string!(i18n, admin.reopen_hint) } else { t_string!(i18n, admin.archive_hint) }}</p>
            <form method="post" action=PostArchive::url() on:submit=on_submit>
                <EnvelopeFields me />
                <input type="hidden" name="circle_id" value=circle_id.to_string() />
                <input type="hidden" name="archived" value=wanted.to_string() />
                <input type="hidden" name="name" value=name />
                <button type="submit" class=if archived { "primary" } else { "danger" }>
                    {move || if archived { t_string!(i18n, admin.reopen) } else { t_string!(i18n, admin.archive) }}
                </button>
            </form>
            {move || error.get().map(|error| view! { <ErrorAlert error /> })}
        </section>
    }
}
