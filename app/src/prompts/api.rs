//! Themed prompts: the animators' page (every prompt with its response rate in each circle),
//! scheduling one (a write of the sync engine, with a plain-form endpoint), and what the
//! circle page and a prompt's thread read of them. Answers are replies to the prompt's thread
//! in each circle (`circles::api::Reply`), accepted while it is open.
// The plain-form endpoint takes one argument per field of its form (the `server` macro repeats
// them in code an item's `allow` does not reach).
#![allow(clippy::too_many_arguments)]
use crate::error::AppError;
use crate::json::Answer;
#[cfg(feature = "ssr")]
use crate::offline::writes::Write;
use crate::offline::writes::{Command, Receipt};
use crate::prompts::model::{PromptKind, PromptsPage};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A prompt put to `circle_ids`, open between two local times (`datetime-local`) of `zone`,
/// the time zone of who typed them. `body` is its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchedulePrompt {
    /// Made by the device.
    pub prompt_id: Uuid,
    pub kind: PromptKind,
    pub body: String,
    pub opens: String,
    pub closes: String,
    pub zone: String,
    pub circle_ids: Vec<Uuid>,
}

impl Command for SchedulePrompt {
    const KIND: &'static str = "schedule_prompt";
}

#[cfg(feature = "ssr")]
pub use queries::*;

#[cfg(feature = "ssr")]
mod queries {
    use super::*;
    use crate::access::{allows, Action, Standing};
    use crate::activity::{self, ActivityKind, Subject};
    use crate::error::{Field, Problem};
    use crate::identity::session::Caller;
    use crate::offline::ledger::Apply;
    use crate::prompts::model::{checked, ManagedPrompt, PromptState, PromptWindow, Reach, Target};
    use crate::ui::time::{instant, unix_ms};
    use sqlx::{PgConnection, PgExecutor, PgPool};

    /// Refuses who may not schedule prompts (the animators do).
    fn may_schedule(caller: Caller) -> Result<(), AppError> {
        if allows(caller.role, Standing::default(), Action::SchedulePrompt) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    impl Apply for SchedulePrompt {
        /// The prompt.
        type Output = Uuid;

        async fn apply(self, tx: &mut PgConnection, caller: Caller) -> Result<Uuid, AppError> {
            may_schedule(caller)?;
            let (body, opens, closes) = checked(&self.body, &self.opens, &self.closes, &self.circle_ids)?;
            let opens_at = instant(&self.zone, Field::OpensAt, opens)?;
            let closes_at = instant(&self.zone, Field::ClosesAt, closes)?;
            // Local times in order may not be once the clocks change between them.
            if closes_at <= opens_at {
                return Err(AppError::Invalid { field: Field::ClosesAt, problem: Problem::BeforeStart });
            }
            if closes_at <= time::OffsetDateTime::now_utc() {
                return Err(AppError::Invalid { field: Field::ClosesAt, problem: Problem::Past });
            }
            // Every circle is one of this organisation's, and open to something new.
            let circles = sqlx::query!(
                r#"select id, archived_at is not null as "archived!" from circles
                   where org_id = $1 and id = any ($2) for share"#,
                caller.org_id,
                &self.circle_ids,
            )
            .fetch_all(&mut *tx)
            .await?;
            if circles.len() != self.circle_ids.len() {
                return Err(AppError::NotFound);
            }
            if circles.iter().any(|c| c.archived) {
                return Err(AppError::Archived);
            }
            let inserted = sqlx::query!(
                "insert into prompts (org_id, id, kind, body, opens_at, closes_at, time_zone, created_by)
                 values ($1, $2, $3, $4, $5, $6, $7, $8)",
                caller.org_id,
                self.prompt_id,
                self.kind.as_db(),
                body,
                opens_at,
                closes_at,
                self.zone,
                caller.person_id,
            )
            .execute(&mut *tx)
            .await;
            if let Err(sqlx::Error::Database(e)) = &inserted {
                if e.constraint() == Some("prompts_pkey") {
                    return Err(AppError::Conflict);
                }
            }
            inserted?;
            // Its thread in each circle, dated from its opening.
            sqlx::query!(
                "insert into posts (org_id, id, circle_id, author_id, kind, body, body_html, prompt_id, created_at)
                 select $1, gen_random_uuid(), c, $2, 'prompt', $3, $4, $5, greatest($6, now())
                 from unnest($7::uuid[]) c",
                caller.org_id,
                caller.person_id,
                body,
                crate::ui::markdown::to_html(&body),
                self.prompt_id,
                opens_at,
                &self.circle_ids,
            )
            .execute(&mut *tx)
            .await?;
            let subject = Subject::Prompt(self.prompt_id);
            activity::record(&mut *tx, caller.org_id, caller.person_id, ActivityKind::ScheduledPrompt, subject, None)
                .await?;
            Ok(self.prompt_id)
        }

        fn subject(output: &Uuid) -> Option<Uuid> {
            Some(*output)
        }
    }

    /// The window of the prompt whose thread is post `post_id`, if it is one.
    pub async fn prompt_window(
        db: impl PgExecutor<'_>,
        org_id: Uuid,
        post_id: Uuid,
    ) -> sqlx::Result<Option<PromptWindow>> {
        let row = sqlx::query!(
            r#"select p.kind, p.opens_at, p.closes_at, now() as "now!"
               from posts t join prompts p on p.org_id = t.org_id and p.id = t.prompt_id
               where t.org_id = $1 and t.id = $2"#,
            org_id,
            post_id,
        )
        .fetch_optional(db)
        .await?;
        Ok(row.map(|r| {
            let (opens_at, closes_at) = (unix_ms(r.opens_at), unix_ms(r.closes_at));
            PromptWindow {
                kind: PromptKind::from_db(&r.kind),
                opens_at,
                closes_at,
                state: PromptState::at(unix_ms(r.now), opens_at, closes_at),
            }
        }))
    }

    /// Refuses an answer to the prompt whose thread is `post_id` outside its window.
    pub async fn open_for_answers(tx: &mut PgConnection, org_id: Uuid, post_id: Uuid) -> Result<(), AppError> {
        match prompt_window(&mut *tx, org_id, post_id).await?.map(|w| w.state) {
            Some(PromptState::Upcoming) => Err(AppError::PromptNotOpen),
            Some(PromptState::Closed) => Err(AppError::PromptClosed),
            _ => Ok(()),
        }
    }

    /// Refuses a change to reply `reply_id` when it answers a prompt that has closed (its
    /// answers are what it gathered when it closed); any other reply may change.
    pub async fn answer_may_change(tx: &mut PgConnection, org_id: Uuid, reply_id: Uuid) -> Result<(), AppError> {
        let parent = sqlx::query_scalar!("select parent_id from posts where org_id = $1 and id = $2", org_id, reply_id)
            .fetch_optional(&mut *tx)
            .await?
            .flatten();
        let Some(parent) = parent else { return Ok(()) };
        match prompt_window(&mut *tx, org_id, parent).await?.map(|w| w.state) {
            Some(PromptState::Closed) => Err(AppError::PromptClosed),
            _ => Ok(()),
        }
    }

    /// The prompts page for an animator: prompts open or to come (soonest first), then the
    /// twenty latest closed; each with its reach in every circle; and the circles a new one can
    /// go to.
    pub async fn page(pool: &PgPool, caller: Caller) -> Result<PromptsPage, AppError> {
        may_schedule(caller)?;
        let org_id = caller.org_id;
        let prompts = sqlx::query!(
            r#"select p.id, p.kind, p.body, p.opens_at, p.closes_at, now() as "now!", who.display_name as "author?",
                      (select coalesce(json_agg(json_build_object(
                                  'circle_id', c.id, 'circle_name', c.name, 'post_id', t.id,
                                  'members', (select count(*) from circle_members m
                                              where m.org_id = c.org_id and m.circle_id = c.id),
                                  -- Members who answered (who left the circle since does not count).
                                  'answered', (select count(distinct r.author_id) from posts r
                                               join circle_members m on m.org_id = r.org_id and m.circle_id = r.circle_id
                                                                    and m.person_id = r.author_id
                                               where r.org_id = t.org_id and r.parent_id = t.id and r.deleted_at is null))
                              order by c.name, c.id), '[]'::json)
                       from posts t join circles c on c.org_id = t.org_id and c.id = t.circle_id
                       where t.org_id = p.org_id and t.prompt_id = p.id) as "circles!: serde_json::Value"
               from prompts p left join people who on who.id = p.created_by
               where p.org_id = $1
                 and (p.closes_at > now()
                      or p.id in (select x.id from prompts x where x.org_id = $1 and x.closes_at <= now()
                                  order by x.closes_at desc limit 20))
               order by p.closes_at <= now(), case when p.closes_at > now() then p.opens_at end, p.closes_at desc, p.id"#,
            org_id,
        )
        .fetch_all(pool);
        let targets = sqlx::query_as!(
            Target,
            "select id, name from circles where org_id = $1 and archived_at is null order by name, id",
            org_id,
        )
        .fetch_all(pool);
        let (prompts, targets) = tokio::try_join!(prompts, targets)?;
        let prompts = prompts
            .into_iter()
            .map(|r| {
                let (opens_at, closes_at) = (unix_ms(r.opens_at), unix_ms(r.closes_at));
                ManagedPrompt {
                    id: r.id,
                    kind: PromptKind::from_db(&r.kind),
                    body: r.body,
                    opens_at,
                    closes_at,
                    state: PromptState::at(unix_ms(r.now), opens_at, closes_at),
                    author: r.author,
                    circles: serde_json::from_value::<Vec<Reach>>(r.circles).unwrap_or_default(),
                }
            })
            .collect();
        Ok(PromptsPage { prompts, targets })
    }
}

/// The animators' prompts page.
#[server(endpoint = "prompts", input = GetUrl, output = Answer)]
pub async fn get_prompts() -> Result<PromptsPage, AppError> {
    crate::identity::session::respond(|req| async move {
        let me = req.caller().await?;
        page(&req.pool, me).await
    })
    .await
}

/// The schedule form posted without JavaScript: its circles are ticked boxes
/// (`circle_ids[]`), none when none is ticked.
#[server(endpoint = "schedule_prompt", output = Answer)]
pub async fn post_schedule_prompt(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    prompt_id: Uuid,
    kind: PromptKind,
    body: String,
    opens: String,
    closes: String,
    zone: String,
    #[server(default)] circle_ids: Vec<Uuid>,
) -> Result<Receipt, AppError> {
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        let write = SchedulePrompt { prompt_id, kind, body, opens, closes, zone, circle_ids };
        Write::SchedulePrompt(write).apply(&req.pool, caller, client_id).await
    })
    .await
}

/// The animators' prompts page.
pub const PROMPTS_HREF: &str = "/manage/prompts";
