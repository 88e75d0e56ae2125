//! A PLC's charter, `/circles/:id/charter`, loaded lazily: its four parts, who changed it last,
//! and for its members the form to write it (a write of the sync engine, so it works offline;
//! a plain form without JavaScript). Kept on the device for offline reading like a circle.
use crate::circles::admin_page::plc_type_name;
use crate::circles::post_card::format_time;
use crate::error::{AppError, Field, Problem};
use crate::i18n::*;
use crate::identity::model::Me;
use crate::offline::cache;
use crate::offline::outbox::{Edited, Outbox};
use crate::offline::outbox_list::OutboxList;
use crate::offline::sync_mark::SyncMark;
use crate::offline::write_form::{close_folded, posted_error, EnvelopeFields};
use crate::offline::writes::Write;
use crate::plc::charter::{get_charter, Charter, EditCharter, PostCharter, MAX_CHARTER_PART_CHARS};
use crate::shell::layout::current_me;
use crate::tr;
use crate::ui::error::{ErrorAlert, ErrorText};
use leptos::either::Either;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use leptos_router::{lazy_route, LazyRoute};
use uuid::Uuid;

/// The charter page. `data` runs with the first bundle, so the charter is requested while the
/// page's own code is still downloading; it is asked again when a write lands.
pub struct CharterPage {
    circle_id: Memo<Option<Uuid>>,
    charter: Resource<Result<Charter, AppError>>,
}

#[lazy_route]
impl LazyRoute for CharterPage {
    fn data() -> Self {
        let params = use_params_map();
        let circle_id = Memo::new(move |_| params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok()));
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
        CharterPage { circle_id, charter }
    }

    fn view(this: Self) -> AnyView {
        let CharterPage { circle_id, charter } = this;
        let i18n = use_i18n();
        let key = move || format!("charter:{}", circle_id.get().unwrap_or_default());
        view! {
            <main class="page charter-page">
                <Transition fallback=move || view! { <p class="loading">{tr!(i18n, circle.loading)}</p> }>
                    {move || Suspend::new(async move {
                        let me = current_me().await;
                        match cache::fresh_or_cached(&key(), charter.await) {
                            Ok(shown) => Either::Left(view! {
                                <SyncMark offline_since=shown.offline_since cache_key=key() />
                                <CharterView charter=shown.data me fresh=shown.offline_since.is_none() />
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

/// A part's title and what it is for (seed 004).
type PartWords = (fn(Locale) -> &'static str, fn(Locale) -> &'static str);

const MISSION: PartWords = (|l| td_string!(l, charter.mission), |l| td_string!(l, charter.mission_hint));
const VISION: PartWords = (|l| td_string!(l, charter.vision), |l| td_string!(l, charter.vision_hint));
const VALUES: PartWords = (|l| td_string!(l, charter.values), |l| td_string!(l, charter.values_hint));
const GOALS: PartWords = (|l| td_string!(l, charter.goals), |l| td_string!(l, charter.goals_hint));

#[component]
fn CharterView(charter: Charter, me: Option<Me>, fresh: bool) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let circle_id = charter.circle_id;
    // This charter's edits that landed are shown from the server now: forget them.
    if fresh {
        Effect::new(move |_| outbox.forget_landed(&[circle_id]));
    }
    let name = charter.circle_name.clone();
    let plc = charter.plc_type.map(|t| move || format!(" · {}", plc_type_name(i18n.get_locale(), t)));
    let text = charter.text.clone();
    let parts = [(MISSION, text.mission), (VISION, text.vision), (VALUES, text.values), (GOALS, text.goals)];
    let body = if charter.version == 0 {
        Either::Left(view! {
            <p class="empty">
                {move || if charter.may_edit { t_string!(i18n, charter.empty_member) } else { t_string!(i18n, charter.empty) }}
            </p>
        })
    } else {
        Either::Right(view! {
            <section class="card charter" aria-label=move || t_string!(i18n, charter.title)>
                {parts
                    .into_iter()
                    .map(|((title, hint), part)| {
                        let written = !part.is_empty();
                        view! {
                            <h2>{move || title(i18n.get_locale())}</h2>
                            {if written {
                                Either::Left(view! { <p class="charter-part">{part}</p> })
                            } else {
                                Either::Right(view! { <p class="muted">{move || hint(i18n.get_locale())}</p> })
                            }}
                        }
                    })
                    .collect_view()}
            </section>
        })
    };
    let changed = charter.updated_at.map(|at| {
        let who = charter.updated_by.clone().unwrap_or_default();
        let when = format_time(at);
        view! {
            <p class="muted changed">
                {move || t_string!(i18n, charter.last_changed, who = &who, when = &when).to_string()}
            </p>
        }
    });
    let archived = charter.archived.then(|| view! { <p class="archived-note">{tr!(i18n, admin.archived_note)}</p> });
    let form = charter.may_edit.then(|| view! { <CharterForm charter=charter.clone() me /> });
    view! {
        <Title text=move || format!("{} · {name} · Apprenance", t_string!(i18n, charter.title)) />
        <p class="crumb">
            <a href=format!("/circles/{circle_id}")>{move || t_string!(i18n, thread.in_circle, circle = &charter.circle_name).to_string()}</a>
        </p>
        <header class="circle-head">
            <p class="muted">{tr!(i18n, circle.kind_plc)}{plc}</p>
            <h1>{tr!(i18n, charter.title)}</h1>
            <p class="purpose">{tr!(i18n, charter.lede)}</p>
            {archived}
        </header>
        {body}
        {changed}
        <OutboxList circle_id />
        {form}
    }
}

/// The name of a charter's part, for an error about it.
fn part_name(locale: Locale, field: Field) -> Option<&'static str> {
    Some(match field {
        Field::Mission => MISSION.0(locale),
        Field::Vision => VISION.0(locale),
        Field::Values => VALUES.0(locale),
        Field::Goals => GOALS.0(locale),
        _ => return None,
    })
}

/// The form to write the charter, filled with its text as it is and made on its version
/// (or the one after this device's own edits still on their way). Open while the charter is
/// unwritten, or when a plain post came back refused.
#[component]
fn CharterForm(charter: Charter, me: Option<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let posted = posted_error::<PostCharter>();
    let local_error = RwSignal::new(None::<AppError>);
    let nodes = [(); 4].map(|()| NodeRef::<html::Textarea>::new());
    let (circle_id, version, name) = (charter.circle_id, charter.version, charter.circle_name.clone());
    let write_name = name.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let [Some(m), Some(v), Some(va), Some(g)] = nodes.map(|n| n.get()) else { return };
        let edit = EditCharter {
            circle_id,
            // Made on the version after this device's own edits still on their way.
            version: outbox.next_edit_version(Edited::Charter(circle_id), version),
            name: write_name.clone(),
            mission: m.value(),
            vision: v.value(),
            values: va.value(),
            goals: g.value(),
        };
        // The same checks as the server's, so a refusal shows at once, offline too.
        let checked = edit.text().checked().map(|_| ());
        match checked.and_then(|()| outbox.enqueue(Write::EditCharter(edit))) {
            Ok(()) => {
                local_error.set(None);
                close_folded(&m);
            }
            Err(e) => local_error.set(Some(e)),
        }
    };
    let error = move || {
        local_error.get().or_else(|| posted.get()).map(|error| {
            let (part, whole) = match &error {
                AppError::Invalid { field: Field::Charter, problem: Problem::Empty } => (None, true),
                AppError::Invalid { field, .. } => (part_name(i18n.get_locale(), *field), false),
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
    let text = charter.text;
    let areas = [
        ("mission", MISSION, text.mission),
        ("vision", VISION, text.vision),
        ("values", VALUES, text.values),
        ("goals", GOALS, text.goals),
    ];
    let fields = areas
        .into_iter()
        .zip(nodes)
        .map(|((part, (label, hint), initial), node)| {
            let id = format!("charter-{part}");
            view! {
                <label for=id.clone()>{move || label(i18n.get_locale())}</label>
                <textarea id=id name=part rows="4" maxlength=MAX_CHARTER_PART_CHARS placeholder=move || hint(i18n.get_locale()) node_ref=node>
                    {initial}
                </textarea>
            }
        })
        .collect_view();
    view! {
        <details class="card share charter-form" open=open>
            <summary>{move || if version == 0 { t_string!(i18n, charter.write_title) } else { t_string!(i18n, charter.edit_title) }}</summary>
            // autocomplete off: a restored form must not post the same client id again.
            <form method="post" action=PostCharter::url() autocomplete="off" on:submit=on_submit>
                <EnvelopeFields me />
                <input type="hidden" name="circle_id" value=circle_id.to_string() />
                <input type="hidden" name="version" value=version.to_string() />
                <input type="hidden" name="name" value=name />
                {fields}
                <p class="hint">{move || t_string!(i18n, charter.hint, max = MAX_CHARTER_PART_CHARS).to_string()}</p>
                {error}
                <button type="submit" class="primary">{tr!(i18n, charter.submit)}</button>
            </form>
        </details>
    }
}
