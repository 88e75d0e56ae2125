//! A circle's live sessions (listed with the circle's header, `circles::model::detail_for`): a
//! session's page, and the writes made about them
//! (each a write of the sync engine with a plain-form endpoint): scheduling one (a member or an
//! animator), answering going or not (until it ends), recording who came (once it has started:
//! a facilitator, an animator, or who scheduled it). And a session as iCalendar, for phones'
//! calendars (`/sessions/{id}.ics`, served by the server crate with [`calendar_file`]).
// The plain-form endpoints take one argument per field of their form (the `server` macro
// repeats them in code an item's `allow` does not reach).
#![allow(clippy::too_many_arguments)]
use crate::error::AppError;
use crate::json::Answer;
#[cfg(feature = "ssr")]
use crate::offline::writes::Write;
use crate::offline::writes::{Command, Receipt};
use crate::sessions::model::SessionDetail;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A session scheduled in a circle: its times as typed (`datetime-local`), in the time zone of
/// who typed them (`zone`). `name` is its title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleSession {
    pub circle_id: Uuid,
    /// Made by the device.
    pub session_id: Uuid,
    pub name: String,
    pub starts: String,
    pub ends: String,
    pub zone: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub link: String,
}

impl Command for ScheduleSession {
    const KIND: &'static str = "schedule_session";
}

/// Going, or not, to a session. `name` is its title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerSession {
    pub circle_id: Uuid,
    pub session_id: Uuid,
    pub going: bool,
    pub name: String,
}

impl Command for AnswerSession {
    const KIND: &'static str = "answer_session";
}

/// Someone came to a session (`attended`), or did not after all. `name` is theirs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordAttendance {
    pub circle_id: Uuid,
    pub session_id: Uuid,
    pub person_id: Uuid,
    pub attended: bool,
    pub name: String,
}

impl Command for RecordAttendance {
    const KIND: &'static str = "record_attendance";
}

#[cfg(feature = "ssr")]
pub use queries::*;

#[cfg(feature = "ssr")]
mod queries {
    use super::*;
    use crate::access::{allows, Action, Standing};
    use crate::activity::{self, ActivityKind, Subject};
    use crate::circles::api::{archived_or_forbidden, granted, granted_standing};
    use crate::error::{Field, Problem};
    use crate::identity::session::Caller;
    use crate::offline::ledger::Apply;
    use crate::sessions::model::{checked, Attendee};
    use crate::ui::time::{instant, unix_ms};
    use sqlx::{PgConnection, PgExecutor, PgPool};

    /// Session `session_id` of circle `circle_id`: when it starts and ends (whether it has
    /// started, ended), and who scheduled it. `NotFound` when the circle has no such session.
    struct Found {
        started: bool,
        ended: bool,
        created_by: Option<Uuid>,
    }

    async fn found(
        db: impl PgExecutor<'_>,
        org_id: Uuid,
        circle_id: Uuid,
        session_id: Uuid,
    ) -> Result<Found, AppError> {
        let r = sqlx::query!(
            r#"select starts_at <= now() as "started!", ends_at <= now() as "ended!", created_by
               from live_sessions where org_id = $1 and circle_id = $2 and id = $3"#,
            org_id,
            circle_id,
            session_id,
        )
        .fetch_optional(db)
        .await?
        .ok_or(AppError::NotFound)?;
        Ok(Found { started: r.started, ended: r.ended, created_by: r.created_by })
    }

    impl Apply for ScheduleSession {
        /// The session.
        type Output = Uuid;

        async fn apply(self, tx: &mut PgConnection, caller: Caller) -> Result<Uuid, AppError> {
            granted(&mut *tx, caller, self.circle_id, Action::WriteInCircle).await?;
            let (title, starts, ends, place, link) =
                checked(&self.name, &self.starts, &self.ends, &self.place, &self.link)?;
            let starts_at = instant(&self.zone, Field::StartsAt, starts)?;
            let ends_at = instant(&self.zone, Field::EndsAt, ends)?;
            // Local times in order may not be once the clocks change between them.
            if ends_at <= starts_at {
                return Err(AppError::Invalid { field: Field::EndsAt, problem: Problem::BeforeStart });
            }
            if ends_at <= time::OffsetDateTime::now_utc() {
                return Err(AppError::Invalid { field: Field::EndsAt, problem: Problem::Past });
            }
            let inserted = sqlx::query!(
                "insert into live_sessions (org_id, id, circle_id, title, starts_at, ends_at, place, link, time_zone,
                                            created_by)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                caller.org_id,
                self.session_id,
                self.circle_id,
                title,
                starts_at,
                ends_at,
                place,
                link,
                self.zone,
                caller.person_id,
            )
            .execute(&mut *tx)
            .await;
            if let Err(sqlx::Error::Database(e)) = &inserted {
                if e.constraint() == Some("live_sessions_pkey") {
                    return Err(AppError::Conflict);
                }
            }
            inserted?;
            let subject = Subject::Session(self.session_id);
            activity::record(
                &mut *tx,
                caller.org_id,
                caller.person_id,
                ActivityKind::ScheduledSession,
                subject,
                Some(self.circle_id),
            )
            .await?;
            Ok(self.session_id)
        }

        fn subject(output: &Uuid) -> Option<Uuid> {
            Some(*output)
        }
    }

    impl Apply for AnswerSession {
        /// The session.
        type Output = Uuid;

        async fn apply(self, tx: &mut PgConnection, caller: Caller) -> Result<Uuid, AppError> {
            let (org_id, circle_id, id) = (caller.org_id, self.circle_id, self.session_id);
            // The circle's members answer (an animator who runs it but is not in it does not go).
            if !granted(&mut *tx, caller, circle_id, Action::WriteInCircle).await? {
                return Err(AppError::Forbidden);
            }
            if found(&mut *tx, org_id, circle_id, id).await?.ended {
                return Err(AppError::Over);
            }
            let changed = sqlx::query!(
                "insert into session_answers (org_id, session_id, person_id, going) values ($1, $2, $3, $4)
                 on conflict (org_id, session_id, person_id) do update set going = excluded.going, answered_at = now()
                 where session_answers.going <> excluded.going",
                org_id,
                id,
                caller.person_id,
                self.going,
            )
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed > 0 {
                let subject = Subject::Session(id);
                activity::record(
                    &mut *tx,
                    org_id,
                    caller.person_id,
                    ActivityKind::AnsweredSession,
                    subject,
                    Some(circle_id),
                )
                .await?;
            }
            Ok(id)
        }

        fn subject(output: &Uuid) -> Option<Uuid> {
            Some(*output)
        }
    }

    impl Apply for RecordAttendance {
        /// The session.
        type Output = Uuid;

        async fn apply(self, tx: &mut PgConnection, caller: Caller) -> Result<Uuid, AppError> {
            let (org_id, circle_id, id) = (caller.org_id, self.circle_id, self.session_id);
            let standing = granted_standing(&mut *tx, caller, circle_id, Action::ReadCircle).await?;
            let session = found(&mut *tx, org_id, circle_id, id).await?;
            let standing = Standing { author: session.created_by == Some(caller.person_id), ..standing };
            if !allows(caller.role, standing, Action::RecordAttendance) {
                return Err(archived_or_forbidden(caller, standing, Action::RecordAttendance));
            }
            if !session.started {
                return Err(AppError::TooEarly);
            }
            // Only a member of the circle comes to its sessions.
            let member = crate::circles::model::membership(&mut *tx, org_id, circle_id, self.person_id).await?;
            if !member.member {
                return Err(AppError::NotFound);
            }
            let changed = if self.attended {
                sqlx::query!(
                    "insert into session_attendance (org_id, session_id, person_id, recorded_by) values ($1, $2, $3, $4)
                     on conflict do nothing",
                    org_id,
                    id,
                    self.person_id,
                    caller.person_id,
                )
                .execute(&mut *tx)
                .await?
                .rows_affected()
            } else {
                sqlx::query!(
                    "delete from session_attendance where org_id = $1 and session_id = $2 and person_id = $3",
                    org_id,
                    id,
                    self.person_id,
                )
                .execute(&mut *tx)
                .await?
                .rows_affected()
            };
            if changed > 0 {
                // The attendee's own event: coming is what counts for them.
                let kind = if self.attended { ActivityKind::AttendedSession } else { ActivityKind::UnattendedSession };
                activity::record(&mut *tx, org_id, self.person_id, kind, Subject::Session(id), Some(circle_id)).await?;
            }
            Ok(id)
        }

        fn subject(output: &Uuid) -> Option<Uuid> {
            Some(*output)
        }
    }

    /// Session `session_id` of circle `circle_id` for `caller`, with what they may do.
    pub async fn detail(
        pool: &PgPool,
        caller: Caller,
        circle_id: Uuid,
        session_id: Uuid,
    ) -> Result<SessionDetail, AppError> {
        let standing = granted_standing(pool, caller, circle_id, Action::ReadCircle).await?;
        let org_id = caller.org_id;
        let r = sqlx::query!(
            r#"select s.title, s.starts_at, s.ends_at, s.place, s.link, s.created_by, c.name as circle_name,
                      p.display_name as "scheduled_by?", s.starts_at <= now() as "started!", s.ends_at <= now() as "ended!"
               from live_sessions s join circles c on c.org_id = s.org_id and c.id = s.circle_id
               left join people p on p.id = s.created_by
               where s.org_id = $1 and s.circle_id = $2 and s.id = $3"#,
            org_id,
            circle_id,
            session_id,
        )
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)?;
        let people = sqlx::query!(
            r#"select m.person_id, p.display_name, a.going as "going?",
                      exists (select 1 from session_attendance t where t.org_id = m.org_id and t.session_id = $3
                                                                   and t.person_id = m.person_id) as "attended!"
               from circle_members m join people p on p.id = m.person_id
               left join session_answers a on a.org_id = m.org_id and a.session_id = $3 and a.person_id = m.person_id
               where m.org_id = $1 and m.circle_id = $2
               order by p.display_name, m.person_id"#,
            org_id,
            circle_id,
            session_id,
        )
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|p| Attendee { id: p.person_id, name: p.display_name, answer: p.going, attended: p.attended })
        .collect::<Vec<_>>();
        let mine = people.iter().find(|p| p.id == caller.person_id).and_then(|p| p.answer);
        let author = Standing { author: r.created_by == Some(caller.person_id), ..standing };
        Ok(SessionDetail {
            id: session_id,
            circle_id,
            circle_name: r.circle_name,
            title: r.title,
            starts_at: unix_ms(r.starts_at),
            ends_at: unix_ms(r.ends_at),
            place: r.place,
            link: r.link,
            scheduled_by: r.scheduled_by,
            people,
            mine,
            started: r.started,
            ended: r.ended,
            may_answer: !r.ended && standing.circle_member && allows(caller.role, standing, Action::WriteInCircle),
            may_record: r.started && allows(caller.role, author, Action::RecordAttendance),
        })
    }

    /// The circle of session `session_id` in `org_id`, if there is one.
    pub async fn circle_of(pool: &PgPool, org_id: Uuid, session_id: Uuid) -> Result<Uuid, AppError> {
        sqlx::query_scalar!("select circle_id from live_sessions where org_id = $1 and id = $2", org_id, session_id)
            .fetch_optional(pool)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// Session `session_id` as an iCalendar file, for who may read its circle: one event, its
    /// times in UTC (every calendar shows them in its own zone), its place or link, and its page
    /// at `page`.
    pub async fn calendar_file(
        pool: &PgPool,
        caller: Caller,
        session_id: Uuid,
        site: &str,
    ) -> Result<String, AppError> {
        use icalendar::{Calendar, Component, Event, EventLike};
        let circle_id = circle_of(pool, caller.org_id, session_id).await?;
        let s = detail(pool, caller, circle_id, session_id).await?;
        let at = |ms| chrono::DateTime::from_timestamp_millis(ms).ok_or(AppError::Internal);
        let page = format!("{site}{}", super::session_href(circle_id, session_id));
        let mut event = Event::new();
        event
            .uid(&format!("{session_id}@apprenance"))
            .summary(&s.title)
            .starts(at(s.starts_at)?)
            .ends(at(s.ends_at)?)
            .description(&format!("{}\n{page}", s.circle_name))
            .url(&page);
        let place =
            [s.place.as_str(), s.link.as_str()].into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" · ");
        if !place.is_empty() {
            event.location(&place);
        }
        let calendar = Calendar::new().push(event.done()).done();
        Ok(calendar.to_string())
    }
}

/// A session's page.
#[server(endpoint = "session", input = GetUrl, output = Answer)]
pub async fn get_session(circle_id: Uuid, session_id: Uuid) -> Result<SessionDetail, AppError> {
    crate::identity::session::respond(|req| async move {
        let me = req.caller().await?;
        detail(&req.pool, me, circle_id, session_id).await
    })
    .await
}

/// The schedule form posted without JavaScript.
#[server(endpoint = "schedule_session", output = Answer)]
pub async fn post_schedule(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    session_id: Uuid,
    name: String,
    starts: String,
    ends: String,
    zone: String,
    place: String,
    link: String,
) -> Result<Receipt, AppError> {
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        let write = ScheduleSession { circle_id, session_id, name, starts, ends, zone, place, link };
        Write::ScheduleSession(write).apply(&req.pool, caller, client_id).await
    })
    .await
}

/// Going or not, posted without JavaScript.
#[server(endpoint = "answer_session", output = Answer)]
pub async fn post_answer(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    session_id: Uuid,
    going: bool,
    name: String,
) -> Result<Receipt, AppError> {
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        Write::AnswerSession(AnswerSession { circle_id, session_id, going, name })
            .apply(&req.pool, caller, client_id)
            .await
    })
    .await
}

/// Who came, posted without JavaScript.
#[server(endpoint = "record_attendance", output = Answer)]
pub async fn post_attendance(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    session_id: Uuid,
    member_id: Uuid,
    attended: bool,
    name: String,
) -> Result<Receipt, AppError> {
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        let write = RecordAttendance { circle_id, session_id, person_id: member_id, attended, name };
        Write::RecordAttendance(write).apply(&req.pool, caller, client_id).await
    })
    .await
}

/// A session's page.
pub fn session_href(circle_id: Uuid, session_id: Uuid) -> String {
    format!("/circles/{circle_id}/sessions/{session_id}")
}

/// A session's calendar file.
pub fn calendar_href(session_id: Uuid) -> String {
    format!("/sessions/{session_id}.ics")
}
