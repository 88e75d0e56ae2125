//! Live sessions on screen: the circle page's list of sessions with the form to schedule one
//! ([`SessionsPanel`]), and a session's own page, `/circles/:id/sessions/:session_id`, loaded
//! lazily: when and where, the link to add it to a calendar, going or not, who is coming, and
//! for a facilitator once it has started, who came. Every form is a plain form without
//! JavaScript and a write of the outbox once hydrated; times read in the person's time zone.
use crate::error::{AppError, Field};
use crate::i18n::*;
use crate::identity::model::Me;
use crate::offline::cache;
use crate::offline::outbox::{new_client_id, Outbox};
use crate::offline::outbox_list::OutboxList;
use crate::offline::refill::{refused_form, Refused};
use crate::offline::sync_mark::SyncMark;
use crate::offline::write_form::{form_values, posted_error, queue_from, EnvelopeFields};
use crate::offline::writes::Write;
use crate::sessions::api::{
    calendar_href, get_session, session_href, AnswerSession, PostAnswer, PostAttendance, PostSchedule,
    RecordAttendance, ScheduleSession,
};
use crate::sessions::model::{
    checked, SessionDetail, SessionSummary, MAX_LINK_CHARS, MAX_PLACE_CHARS, MAX_TITLE_CHARS,
};
use crate::shell::layout::current_me;
use crate::tr;
use crate::ui::error::{ErrorAlert, FieldError};
use crate::ui::time::{format_time, UnixMs};
use leptos::either::Either;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use leptos_router::{lazy_route, LazyRoute};
use uuid::Uuid;

/// When a session is, as the person reads it: its start, and its end (the time alone when it
/// ends the same day).
fn when(starts: UnixMs, ends: UnixMs) -> String {
    let (from, to) = (format_time(starts), format_time(ends));
    match (from.split_once(' '), to.split_once(' ')) {
        (Some((day, _)), Some((end_day, end_time))) if day == end_day => format!("{from} – {end_time}"),
        _ => format!("{from} – {to}"),
    }
}

/// The name of a part of the schedule form, for an error about it.
fn field_name(locale: Locale, field: Field) -> Option<&'static str> {
    Some(match field {
        Field::SessionTitle => td_string!(locale, session.title),
        Field::StartsAt => td_string!(locale, session.starts),
        Field::EndsAt => td_string!(locale, session.ends),
        Field::Place => td_string!(locale, session.place),
        Field::Link => td_string!(locale, session.link),
        Field::TimeZone => td_string!(locale, session.zone),
        _ => return None,
    })
}

/// A circle's sessions, to come then past, and the form to schedule one (`may_schedule`).
#[component]
pub fn SessionsPanel(
    circle_id: Uuid,
    sessions: Vec<SessionSummary>,
    may_schedule: bool,
    me: Option<Me>,
    /// From the server, not the device's copy.
    fresh: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    // Sessions scheduled or answered from here that landed show in the list now: forget them.
    if fresh {
        let shown: Vec<Uuid> = sessions.iter().map(|s| s.id).collect();
        Effect::new(move |_| outbox.forget_landed(&shown));
    }
    let list = if sessions.is_empty() {
        Either::Left(view! { <p class="empty">{tr!(i18n, session.none)}</p> })
    } else {
        Either::Right(view! {
            <ul class="sessions">
                {sessions
                    .into_iter()
                    .map(|s| {
                        let answer = s.mine.map(|going| move || {
                            if going { t_string!(i18n, session.you_go) } else { t_string!(i18n, session.you_skip) }
                        });
                        let (going, ended, came) = (s.going, s.ended, s.came);
                        view! {
                            <li class="card session">
                                <a href=session_href(s.circle_id, s.id)><strong>{s.title}</strong></a>
                                <span class="muted">{when(s.starts_at, s.ends_at)}</span>
                                {(!s.place.is_empty()).then(|| view! { <span class="muted">{s.place}</span> })}
                                <span class="muted">
                                    {move || if ended {
                                        t_string!(i18n, session.ended_came, count = came).to_string()
                                    } else {
                                        t_string!(i18n, session.going_count, count = going).to_string()
                                    }}
                                    {answer.filter(|_| !ended).map(|a| view! { " · " {a} })}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        })
    };
    let form = may_schedule.then(|| view! { <ScheduleForm circle_id me /> });
    view! {
        <section class="sessions-section" aria-labelledby="sessions-title">
            <h2 id="sessions-title">{tr!(i18n, session.list_title)}</h2>
            {list}
            {form}
        </section>
    }
}

/// The form to schedule a session; its times are typed in the person's time zone.
#[component]
fn ScheduleForm(circle_id: Uuid, me: Option<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let error = RwSignal::new(None::<AppError>);
    let posted = posted_error::<PostSchedule>();
    let zone = me
        .as_ref()
        .map(|m| m.time_zone.clone())
        .filter(|z| !z.is_empty())
        .unwrap_or_else(|| crate::ui::time::DEFAULT_ZONE.to_owned());
    let sent_zone = zone.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let [name, starts, ends, place, link] = form_values(&ev, ["name", "starts", "ends", "place", "link"]);
        // The same checks as the server's, so a refusal shows at once, offline too.
        let write = checked(&name, &starts, &ends, &place, &link).map(|_| {
            Write::ScheduleSession(ScheduleSession {
                circle_id,
                session_id: new_client_id(),
                name,
                starts,
                ends,
                zone: sent_zone.clone(),
                place,
                link,
            })
        });
        queue_from(outbox, &ev, error, true, write);
    };
    let shown_zone = zone.clone();
    // Refused without JavaScript: what was typed, back in the form.
    let refill = refused_form(PostSchedule::url(), &[("circle_id", &circle_id.to_string())]);
    let [was_name, was_starts, was_ends, was_place, was_link] =
        ["name", "starts", "ends", "place", "link"].map(|name| Refused::or(&refill, name, String::new()));
    view! {
        <details class="card share schedule-form" open=posted.with_untracked(Option::is_some)>
            <summary>{tr!(i18n, session.schedule_title)}</summary>
            <form method="post" action=PostSchedule::url() autocomplete="off" on:submit=on_submit>
                <EnvelopeFields me />
                <input type="hidden" name="circle_id" value=circle_id.to_string() />
                <input type="hidden" name="session_id" value=new_client_id().to_string() />
                <input type="hidden" name="zone" value=zone />
                <label for="session-title">{tr!(i18n, session.title)}</label>
                <input id="session-title" name="name" type="text" maxlength=MAX_TITLE_CHARS value=was_name
                    placeholder=move || t_string!(i18n, session.title_hint) />
                <div class="dates">
                    <span>
                        <label for="session-starts">{tr!(i18n, session.starts)}</label>
                        <input id="session-starts" name="starts" type="datetime-local" value=was_starts />
                    </span>
                    <span>
                        <label for="session-ends">{tr!(i18n, session.ends)}</label>
                        <input id="session-ends" name="ends" type="datetime-local" value=was_ends />
                    </span>
                </div>
                <p class="hint">{move || t_string!(i18n, session.zone_hint, zone = &shown_zone).to_string()}</p>
                <label for="session-place">{tr!(i18n, session.place)}</label>
                <input id="session-place" name="place" type="text" maxlength=MAX_PLACE_CHARS value=was_place
                    placeholder=move || t_string!(i18n, session.place_hint) />
                <label for="session-link">{tr!(i18n, session.link)}</label>
                <input id="session-link" name="link" type="url" maxlength=MAX_LINK_CHARS placeholder="https://" value=was_link />
                {move || error.get().or_else(|| posted.get()).map(|error| view! { <FieldError error names=field_name /> })}
                <button type="submit" class="primary">{tr!(i18n, session.schedule)}</button>
            </form>
        </details>
    }
}

/// A session's page. Its data is asked for in `view`, with the page's own code (see
/// `network::page::NetworkPage`: a resource in `data` brings its decoder into every first
/// load); asked again when a write lands.
pub struct SessionPage {
    ids: Memo<Option<(Uuid, Uuid)>>,
}

#[lazy_route]
impl LazyRoute for SessionPage {
    fn data() -> Self {
        let params = use_params_map();
        let ids = Memo::new(move |_| {
            let p = params.read();
            Some((Uuid::parse_str(&p.get("id")?).ok()?, Uuid::parse_str(&p.get("session_id")?).ok()?))
        });
        SessionPage { ids }
    }

    fn view(this: Self) -> AnyView {
        let SessionPage { ids } = this;
        let outbox = Outbox::use_outbox();
        let session = Resource::new(
            move || (ids.get(), outbox.synced_count()),
            |(ids, _)| async move {
                match ids {
                    Some((circle, session)) => get_session(circle, session).await,
                    None => Err(AppError::NotFound),
                }
            },
        );
        let i18n = use_i18n();
        let key = move || format!("session:{}", ids.get().map(|(_, s)| s).unwrap_or_default());
        view! {
            <main class="page session-page">
                <Transition fallback=move || view! { <p class="loading">{tr!(i18n, circle.loading)}</p> }>
                    {move || Suspend::new(async move {
                        let me = current_me().await;
                        match cache::fresh_or_cached(&key(), session.await) {
                            Ok(shown) => Either::Left(view! {
                                <SyncMark offline_since=shown.offline_since cache_key=key() />
                                <SessionView session=shown.data me fresh=shown.offline_since.is_none() />
                            }),
                            Err(error) => {
                                let back = ids.get().map_or_else(|| "/".to_owned(), |(c, _)| format!("/circles/{c}"));
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

#[component]
fn SessionView(session: SessionDetail, me: Option<Me>, fresh: bool) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let (circle_id, id) = (session.circle_id, session.id);
    if fresh {
        Effect::new(move |_| outbox.forget_landed(&[id]));
    }
    let refused = [posted_error::<PostAnswer>(), posted_error::<PostAttendance>()];
    let refused = move || refusals_of(&refused).map(|error| view! { <ErrorAlert error /> });
    let going: Vec<String> = session.people.iter().filter(|p| p.answer == Some(true)).map(|p| p.name.clone()).collect();
    let not_going = session.people.iter().filter(|p| p.answer == Some(false)).count();
    let came = session.people.iter().filter(|p| p.attended).count();
    let going_count = going.len();
    let title = session.title.clone();
    let answer = session.may_answer.then(|| {
        view! { <AnswerButtons circle_id session_id=id title=session.title.clone() mine=session.mine me=me.clone() /> }
    });
    let record = session.may_record.then(|| {
        let rows = session
            .people
            .iter()
            .cloned()
            .map(|p| view! { <AttendanceRow circle_id session_id=id person=p me=me.clone() /> })
            .collect_view();
        view! {
            <section aria-labelledby="attendance-title">
                <h2 id="attendance-title">{move || t_string!(i18n, session.attendance_title, count = came).to_string()}</h2>
                <p class="hint">{tr!(i18n, session.attendance_hint)}</p>
                <ul class="people">{rows}</ul>
            </section>
        }
    });
    let link = (!session.link.is_empty()).then(|| {
        view! {
            <p><a class="session-link" href=session.link.clone() target="_blank" rel="noopener noreferrer">{tr!(i18n, session.join)}</a></p>
        }
    });
    let state = move || {
        if session.ended {
            t_string!(i18n, session.ended)
        } else if session.started {
            t_string!(i18n, session.now)
        } else {
            t_string!(i18n, session.coming)
        }
    };
    view! {
        <Title text=format!("{title} · Apprenance") />
        <p class="crumb">
            <a href=format!("/circles/{circle_id}")>{move || t_string!(i18n, thread.in_circle, circle = &session.circle_name).to_string()}</a>
        </p>
        <header class="circle-head">
            <p class="muted">{tr!(i18n, session.kind)} " · " {state}</p>
            <h1>{session.title.clone()}</h1>
            <p class="session-when"><strong>{when(session.starts_at, session.ends_at)}</strong></p>
            {(!session.place.is_empty()).then(|| view! { <p>{session.place.clone()}</p> })}
            {link}
            {session.scheduled_by.clone().map(|who| view! { <p class="muted">{move || t_string!(i18n, session.scheduled_by, who = &who).to_string()}</p> })}
            <p><a class="calendar-link" href=calendar_href(id) download=format!("{id}.ics")>{tr!(i18n, session.add_to_calendar)}</a></p>
        </header>
        {refused}
        <OutboxList circle_id />
        {answer}
        <section aria-labelledby="going-title">
            <h2 id="going-title">{move || t_string!(i18n, session.going_title, count = going_count).to_string()}</h2>
            {if going.is_empty() {
                Either::Left(view! { <p class="empty">{tr!(i18n, session.nobody_yet)}</p> })
            } else {
                Either::Right(view! { <p>{going.join(", ")}</p> })
            }}
            {(not_going > 0).then(|| view! { <p class="muted">{move || t_string!(i18n, session.not_going_count, count = not_going).to_string()}</p> })}
        </section>
        {record}
    }
}

/// The first refusal of a plain post among `posted`.
fn refusals_of(posted: &[Signal<Option<AppError>>]) -> Option<AppError> {
    posted.iter().find_map(|p| p.get())
}

/// "J'y vais" and "Je n'y vais pas", the person's answer pressed.
#[component]
fn AnswerButtons(
    circle_id: Uuid,
    session_id: Uuid,
    title: String,
    mine: Option<bool>,
    me: Option<Me>,
) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let error = RwSignal::new(None::<AppError>);
    let buttons = [true, false]
        .into_iter()
        .map(|going| {
            let name = title.clone();
            let on_submit = move |ev: SubmitEvent| {
                ev.prevent_default();
                let write = Write::AnswerSession(AnswerSession { circle_id, session_id, going, name: name.clone() });
                queue_from(outbox, &ev, error, false, Ok(write));
            };
            view! {
                <form method="post" action=PostAnswer::url() on:submit=on_submit>
                    <EnvelopeFields me=me.clone() />
                    <input type="hidden" name="circle_id" value=circle_id.to_string() />
                    <input type="hidden" name="session_id" value=session_id.to_string() />
                    <input type="hidden" name="going" value=going.to_string() />
                    <input type="hidden" name="name" value=title.clone() />
                    <button type="submit" class="chip" aria-pressed=(mine == Some(going)).to_string()>
                        {move || if going { t_string!(i18n, session.go) } else { t_string!(i18n, session.skip) }}
                    </button>
                </form>
            }
        })
        .collect_view();
    view! {
        <section class="card answer" aria-labelledby="answer-title">
            <h2 id="answer-title">{tr!(i18n, session.answer_title)}</h2>
            <div class="answer-buttons">{buttons}</div>
            {move || error.get().map(|error| view! { <ErrorAlert error /> })}
        </section>
    }
}

/// A member, and the button that records they came (or not after all).
#[component]
fn AttendanceRow(
    circle_id: Uuid,
    session_id: Uuid,
    person: crate::sessions::model::Attendee,
    me: Option<Me>,
) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let error = RwSignal::new(None::<AppError>);
    let (person_id, attended) = (person.id, !person.attended);
    let (name, sent, label_name) = (person.name.clone(), person.name.clone(), person.name.clone());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let write = RecordAttendance { circle_id, session_id, person_id, attended, name: sent.clone() };
        queue_from(outbox, &ev, error, false, Ok(Write::RecordAttendance(write)));
    };
    let label = move || {
        if attended {
            t_string!(i18n, session.mark_came, name = &label_name).to_string()
        } else {
            t_string!(i18n, session.mark_absent, name = &label_name).to_string()
        }
    };
    view! {
        <li class="person">
            <span class="who"><strong>{person.name}</strong>
                {person.answer.map(|going| view! {
                    <span class="muted">{move || if going { t_string!(i18n, session.said_go) } else { t_string!(i18n, session.said_skip) }}</span>
                })}
            </span>
            <form method="post" action=PostAttendance::url() on:submit=on_submit>
                <EnvelopeFields me />
                <input type="hidden" name="circle_id" value=circle_id.to_string() />
                <input type="hidden" name="session_id" value=session_id.to_string() />
                <input type="hidden" name="member_id" value=person_id.to_string() />
                <input type="hidden" name="attended" value=attended.to_string() />
                <input type="hidden" name="name" value=name />
                <button type="submit" class="chip" aria-pressed=(!attended).to_string() aria-label=label>
                    {tr!(i18n, session.came)}
                </button>
            </form>
            {move || error.get().map(|error| view! { <ErrorAlert error /> })}
        </li>
    }
}
