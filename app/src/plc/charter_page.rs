//! A PLC's charter, `/circles/:id/charter`, loaded lazily: its four parts, who changed it last,
//! and for its members the form to write it (a write of the sync engine, so it works offline;
//! a plain form without JavaScript). Kept on the device for offline reading like a circle.
use crate::circles::admin_page::plc_type_name;
use crate::error::{AppError, Field, Problem};
use crate::i18n::*;
use crate::identity::model::Me;
use crate::offline::cache;
use crate::offline::outbox::{Edited, Outbox};
use crate::offline::outbox_list::OutboxList;
use crate::offline::refill::{refused_form, Refused};
use crate::offline::sync_mark::SyncMark;
use crate::offline::write_form::{posted_error, EnvelopeFields};
use crate::offline::writes::Write;
use crate::plc::charter::{
    get_charter, part_name, Charter, CharterText, EditCharter, PostCharter, CHARTER_PARTS, MAX_CHARTER_PART_CHARS,
};
use crate::shell::layout::current_me;
use crate::tr;
use crate::ui::error::{ErrorAlert, ErrorText};
use crate::ui::text;
use crate::ui::time::format_time;
use leptos::either::Either;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use leptos_router::{lazy_route, LazyRoute};
use uuid::Uuid;

/// The charter page. `data` (in every first load) only reads the address; the charter is asked
/// for in `view`, with the page's own code (see `network::page::NetworkPage`), and again when
/// a write lands.
pub struct CharterPage {
    circle_id: Memo<Option<Uuid>>,
}

#[lazy_route]
impl LazyRoute for CharterPage {
    fn data() -> Self {
        let params = use_params_map();
        let circle_id = Memo::new(move |_| params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok()));
        CharterPage { circle_id }
    }

    fn view(this: Self) -> AnyView {
        let CharterPage { circle_id } = this;
        let outbox = Outbox::use_outbox();
        let charter = Resource::new(
            move || (circle_id.get(), outbox.synced_count()),
            |(id, _)| async move {
                match id {
                    Some(id) => get_charter(id).await,
                    None => Err(AppError::NotFound),
                }
            },
        );
        let i18n = use_i18n();
        // What the person is typing outlives the page's re-renders (each landed write asks the
        // charter again).
        let draft = RwSignal::new(None::<CharterText>);
        let key = move || format!("charter:{}", circle_id.get().unwrap_or_default());
        view! {
            <main class="page charter-page">
                <Transition fallback=move || view! { <p class="loading">{tr!(i18n, circle.loading)}</p> }>
                    {move || Suspend::new(async move {
                        let me = current_me().await;
                        match cache::fresh_or_cached(&key(), charter.await) {
                            Ok(shown) => Either::Left(view! {
                                <SyncMark offline_since=shown.offline_since cache_key=key() />
                                <CharterView charter=shown.data me fresh=shown.offline_since.is_none() draft />
                            }),
                            Err(error) => {
                                let back = circle_id.get().map_or_else(|| "/".to_owned(), |id| format!("/circles/{id}"));
                                Either::Right(view! {
                                    <h1>{tr!(i18n, app_name)}</h1>
                                    <ErrorAlert error />
                                    <p><a href=back>{tr!(i18n, charter.back)}</a></p>
                                })
                            }
                        }
                    })}
                </Transition>
            </main>
        }
        .into_any()
    }
}

/// What each part is for (seed 004), shown to who may write it.
fn part_hint(locale: Locale, part: usize) -> &'static str {
    match part {
        0 => td_string!(locale, charter.mission_hint),
        1 => td_string!(locale, charter.vision_hint),
        2 => td_string!(locale, charter.values_hint),
        _ => td_string!(locale, charter.goals_hint),
    }
}

#[component]
fn CharterView(charter: Charter, me: Option<Me>, fresh: bool, draft: RwSignal<Option<CharterText>>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let circle_id = charter.circle_id;
    // This charter's edits that landed are shown from the server now: forget them.
    if fresh {
        Effect::new(move |_| outbox.forget_landed(&[circle_id]));
    }
    let (may_edit, archived) = (charter.may_edit, charter.archived);
    let name = charter.circle_name.clone();
    let plc = charter.plc_type.map(|t| move || format!(" · {}", plc_type_name(i18n.get_locale(), t)));
    let body = if charter.version == 0 {
        Either::Left(view! {
            <p class="empty">
                {move || match (may_edit, archived) {
                    (true, _) => t_string!(i18n, charter.empty_member),
                    (false, true) => t_string!(i18n, charter.never_written),
                    (false, false) => t_string!(i18n, charter.empty),
                }}
            </p>
        })
    } else {
        let parts = charter.text.parts().map(str::to_owned);
        Either::Right(view! {
            <section class="card charter" aria-label=move || t_string!(i18n, charter.title)>
                {parts
                    .into_iter()
                    .enumerate()
                    .map(|(i, part)| {
                        let shown = if !part.is_empty() {
                            Either::Left(view! { <p class="charter-part">{part}</p> })
                        } else {
                            // Who may write it reads what the part is for; anyone else, that it
                            // is not written yet.
                            Either::Right(view! {
                                <p class="muted">
                                    {move || if may_edit { part_hint(i18n.get_locale(), i) } else { t_string!(i18n, charter.unwritten) }}
                                </p>
                            })
                        };
                        view! {
                            <h2>{move || part_name(i18n.get_locale(), i)}</h2>
                            {shown}
                        }
                    })
                    .collect_view()}
            </section>
        })
    };
    let changed = charter.updated_at.map(|at| {
        let who = charter.updated_by.clone();
        let when = format_time(at);
        view! {
            <p class="muted charter-changed">
                {move || match &who {
                    Some(who) => t_string!(i18n, charter.last_changed, who, when = &when).to_string(),
                    // Who changed it has left the organisation.
                    None => t_string!(i18n, charter.changed_on, when = &when).to_string(),
                }}
            </p>
        }
    });
    let note = archived.then(|| view! { <p class="archived-note">{tr!(i18n, admin.archived_note)}</p> });
    let form = may_edit.then(|| view! { <CharterForm charter=charter.clone() me draft /> });
    view! {
        <Title text=move || format!("{} · {name} · Apprenance", t_string!(i18n, charter.title)) />
        <p class="crumb">
            <a href=format!("/circles/{circle_id}")>{move || t_string!(i18n, thread.in_circle, circle = &charter.circle_name).to_string()}</a>
        </p>
        <header class="circle-head">
            <p class="muted">{tr!(i18n, circle.kind_plc)}{plc}</p>
            <h1>{tr!(i18n, charter.title)}</h1>
            <p class="purpose">{tr!(i18n, charter.lede)}</p>
            {note}
        </header>
        {body}
        {changed}
        <OutboxList circle_id />
        {form}
    }
}

/// The field a refusal is about, in `CHARTER_PARTS`'s order.
fn part_of(field: Field) -> Option<usize> {
    [Field::Mission, Field::Vision, Field::Values, Field::Goals].iter().position(|f| *f == field)
}

/// The form to write the charter, made on its version (or the one after this device's own
/// edits still on their way). It shows the charter's text, or once hydrated what the person
/// was typing (kept in `draft` while the page re-renders) or their latest edit not landed yet,
/// so a second edit never quietly undoes the first. Open while the charter is unwritten, when
/// a plain post came back refused, or with text of the person's in it.
#[component]
fn CharterForm(charter: Charter, me: Option<Me>, draft: RwSignal<Option<CharterText>>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let posted = posted_error::<PostCharter>();
    let local_error = RwSignal::new(None::<AppError>);
    let nodes = [(); 4].map(|()| NodeRef::<html::Textarea>::new());
    let folded = NodeRef::<html::Details>::new();
    let (circle_id, version, name) = (charter.circle_id, charter.version, charter.circle_name.clone());
    let edited = Edited::Charter(circle_id);
    let typed = move || {
        let [Some(m), Some(v), Some(va), Some(g)] = nodes.map(|n| n.get_untracked()) else { return None };
        Some(CharterText { mission: m.value(), vision: v.value(), values: va.value(), goals: g.value() })
    };
    // Refused without JavaScript: what was typed, rather than the charter's text.
    let refill = refused_form(PostCharter::url(), &[("circle_id", &circle_id.to_string())]);
    let refilled = refill.is_some();
    // After hydration only (the server knows neither): the person's own text over the page's.
    // Text just refused and filled back is newer than an edit still on its way.
    Effect::new(move |_| {
        let (Some(details), [Some(m), Some(v), Some(va), Some(g)]) = (folded.get(), nodes.map(|n| n.get())) else {
            return;
        };
        let Some(text) = draft.get_untracked().or_else(|| {
            (!refilled).then(|| outbox.latest_edit(edited).map(|e| CharterText::of_envelope(&e))).flatten()
        }) else {
            return;
        };
        for (area, part) in [&m, &v, &va, &g].into_iter().zip(text.parts()) {
            area.set_value(part);
        }
        // Typing in it: open, as it was. An edit on its way: filled, folded.
        if draft.get_untracked().is_some() {
            details.set_open(true);
        }
    });
    let write_name = name.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(text) = typed() else { return };
        let edit = EditCharter {
            circle_id,
            // Made on the version after this device's own edits still on their way.
            version: outbox.next_edit_version(edited, version),
            name: write_name.clone(),
            mission: text.mission,
            vision: text.vision,
            values: text.values,
            goals: text.goals,
        };
        // The same checks as the server's, so a refusal shows at once, offline too.
        let checked = edit.text().checked().map(|_| ());
        match checked.and_then(|()| outbox.enqueue(Write::EditCharter(edit))) {
            Ok(()) => {
                local_error.set(None);
                draft.set(None);
                if let Some(details) = folded.get_untracked() {
                    details.set_open(false);
                }
            }
            Err(e) => local_error.set(Some(e)),
        }
    };
    let error = move || {
        local_error.get().or_else(|| posted.get()).map(|error| {
            let (part, whole) = match &error {
                AppError::Invalid { field: Field::Charter, problem: Problem::Empty } => (None, true),
                AppError::Invalid { field, .. } => (part_of(*field).map(|i| part_name(i18n.get_locale(), i)), false),
                _ => (None, false),
            };
            view! {
                <p class="alert" role="alert">
                    {part.map(|part| td_string!(i18n.get_locale(), practice.part_error, part).to_string())}
                    {if whole {
                        Either::Left(move || td_string!(i18n.get_locale(), charter.empty_error))
                    } else {
                        Either::Right(view! { <ErrorText error /> })
                    }}
                </p>
            }
        })
    };
    let open = charter.version == 0 || posted.with_untracked(Option::is_some);
    let fields = charter
        .text
        .parts()
        .map(str::to_owned)
        .into_iter()
        .zip(CHARTER_PARTS)
        .map(|(text, name)| Refused::or(&refill, name, text))
        .zip(nodes)
        .enumerate()
        .map(|(i, (initial, node))| {
            let id = format!("charter-{}", CHARTER_PARTS[i]);
            view! {
                <label for=id.clone()>{move || part_name(i18n.get_locale(), i)}</label>
                <textarea
                    id=id
                    name=CHARTER_PARTS[i]
                    rows="4"
                    maxlength=MAX_CHARTER_PART_CHARS
                    aria-describedby="charter-hint"
                    placeholder=move || part_hint(i18n.get_locale(), i)
                    node_ref=node
                    on:input=move |_| draft.set(typed())
                >
                    {text::server_escaped(initial)}
                </textarea>
            }
        })
        .collect_view();
    view! {
        <details class="card share charter-form" open=open node_ref=folded>
            <summary>{move || if version == 0 { t_string!(i18n, charter.write_title) } else { t_string!(i18n, charter.edit_title) }}</summary>
            // autocomplete off: a restored form must not post the same client id again.
            <form method="post" action=PostCharter::url() autocomplete="off" on:submit=on_submit>
                <EnvelopeFields me />
                <input type="hidden" name="circle_id" value=circle_id.to_string() />
                <input type="hidden" name="version" value=version.to_string() />
                <input type="hidden" name="name" value=name />
                {fields}
                <p class="hint" id="charter-hint">{move || t_string!(i18n, charter.hint, max = MAX_CHARTER_PART_CHARS).to_string()}</p>
                {error}
                <button type="submit" class="primary">{tr!(i18n, charter.submit)}</button>
            </form>
        </details>
    }
}
