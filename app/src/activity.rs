//! Activity events: one row per meaningful action, written in the action's own transaction.
//! Challenges and dashboards are computed from them: each event names its subject (kind and
//! id) and its context (the circle; the actor's team is filled in by the insert), so they can
//! be counted by circle or team without joining the tables of every kind of subject. The
//! notifications an event owes are made with it, by `record` alone.
use serde::{Deserialize, Serialize};

/// The kinds of action that count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    SignedIn,
    AskedQuestion,
    SharedPractice,
    Replied,
    /// Marked a post useful, or said they will try it.
    Reacted(crate::circles::posts::Reaction),
    /// Took such a reaction back (counted against the one given).
    Unreacted(crate::circles::posts::Reaction),
    /// Said "I tried it" of a practice.
    TriedPractice,
    /// Promoted a practice into the library (an animator).
    PromotedPractice,
    /// Deleted their own post: what it counted for stops counting.
    DeletedPost,
    /// Hid a post (an animator): it stops counting while hidden.
    HidPost,
    /// Showed a hidden post again (an animator).
    RestoredPost,
    /// Created a circle (an animator).
    CreatedCircle,
    /// Added someone to a circle, or took them out (an animator; the subject is the person).
    AddedMember,
    RemovedMember,
    /// Archived a circle, or reopened it (an animator).
    ArchivedCircle,
    ReopenedCircle,
    /// Changed a PLC's charter (a member or an animator; the subject is the circle).
    EditedCharter,
    /// Added a theme to a learning network (the committee or an animator).
    AddedTheme,
    /// Changed someone's parts in a network: sponsor, committee, facilitator (an animator; the
    /// subject is the person).
    SetNetworkRoles,
    /// Filed a proposal in a network, or filed it again once sent back.
    FiledProposal,
    /// Decided a proposal (the committee).
    AcceptedProposal,
    ReturnedProposal,
    DeclinedProposal,
    /// Moved an experiment along (its dates, its state, its result).
    UpdatedExperiment,
    /// Scheduled a live session; answered going or not (a change of answer only).
    ScheduledSession,
    AnsweredSession,
    /// Came to a session, as recorded (the event is the attendee's), or recorded as not after
    /// all (counted against it).
    AttendedSession,
    UnattendedSession,
    /// Put a themed prompt to circles (an animator; the subject is the prompt).
    ScheduledPrompt,
    /// Answered a prompt (a reply to its thread; the subject is the answer).
    AnsweredPrompt,
}

impl ActivityKind {
    /// The value stored in `activity_events.kind`.
    pub fn as_db(self) -> &'static str {
        use crate::circles::posts::Reaction;
        match self {
            ActivityKind::SignedIn => "signed_in",
            ActivityKind::AskedQuestion => "asked_question",
            ActivityKind::SharedPractice => "shared_practice",
            ActivityKind::Replied => "replied",
            ActivityKind::Reacted(Reaction::Useful) => "reacted_useful",
            ActivityKind::Reacted(Reaction::WillTry) => "reacted_will_try",
            ActivityKind::Unreacted(Reaction::Useful) => "undid_useful",
            ActivityKind::Unreacted(Reaction::WillTry) => "undid_will_try",
            ActivityKind::TriedPractice => "tried_practice",
            ActivityKind::PromotedPractice => "promoted_practice",
            ActivityKind::DeletedPost => "deleted_post",
            ActivityKind::HidPost => "hid_post",
            ActivityKind::RestoredPost => "restored_post",
            ActivityKind::CreatedCircle => "created_circle",
            ActivityKind::AddedMember => "added_member",
            ActivityKind::RemovedMember => "removed_member",
            ActivityKind::ArchivedCircle => "archived_circle",
            ActivityKind::ReopenedCircle => "reopened_circle",
            ActivityKind::EditedCharter => "edited_charter",
            ActivityKind::AddedTheme => "added_theme",
            ActivityKind::SetNetworkRoles => "set_network_roles",
            ActivityKind::FiledProposal => "filed_proposal",
            ActivityKind::AcceptedProposal => "accepted_proposal",
            ActivityKind::ReturnedProposal => "returned_proposal",
            ActivityKind::DeclinedProposal => "declined_proposal",
            ActivityKind::UpdatedExperiment => "updated_experiment",
            ActivityKind::ScheduledSession => "scheduled_session",
            ActivityKind::AnsweredSession => "answered_session",
            ActivityKind::AttendedSession => "attended_session",
            ActivityKind::UnattendedSession => "unattended_session",
            ActivityKind::ScheduledPrompt => "scheduled_prompt",
            ActivityKind::AnsweredPrompt => "answered_prompt",
        }
    }

    /// Whether an event of this kind may tell someone (see `notify`): the others skip its query.
    pub fn may_notify(self) -> bool {
        matches!(
            self,
            ActivityKind::Replied
                | ActivityKind::TriedPractice
                | ActivityKind::PromotedPractice
                | ActivityKind::ScheduledPrompt
                | ActivityKind::ScheduledSession
                | ActivityKind::AddedMember
                | ActivityKind::AcceptedProposal
                | ActivityKind::ReturnedProposal
                | ActivityKind::DeclinedProposal
        )
    }
}

/// What an action was about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// Nothing in particular (signing in).
    None,
    Post(uuid::Uuid),
    Circle(uuid::Uuid),
    /// Someone of the organisation (added to a circle, ...).
    Person(uuid::Uuid),
    /// A learning network's theme, or proposal (and its experiment).
    Theme(uuid::Uuid),
    Proposal(uuid::Uuid),
    /// A live session.
    Session(uuid::Uuid),
    /// A themed prompt.
    Prompt(uuid::Uuid),
}

impl Subject {
    /// The stored (`subject_kind`, `subject_id`).
    pub fn as_db(self) -> (Option<&'static str>, Option<uuid::Uuid>) {
        match self {
            Subject::None => (None, None),
            Subject::Post(id) => (Some("post"), Some(id)),
            Subject::Circle(id) => (Some("circle"), Some(id)),
            Subject::Person(id) => (Some("person"), Some(id)),
            Subject::Theme(id) => (Some("theme"), Some(id)),
            Subject::Proposal(id) => (Some("proposal"), Some(id)),
            Subject::Session(id) => (Some("session"), Some(id)),
            Subject::Prompt(id) => (Some("prompt"), Some(id)),
        }
    }
}

#[cfg(feature = "ssr")]
pub use queries::*;

#[cfg(feature = "ssr")]
mod queries {
    use super::*;
    use sqlx::{PgConnection, PgExecutor};
    use uuid::Uuid;

    /// Appends one event: `subject` is what it was about, `circle_id` where it happened; the
    /// actor's team is the first of their teams. Call it with the transaction of the action:
    /// the notifications the event owes are made with it ([`notify`]).
    pub async fn record(
        conn: &mut PgConnection,
        org_id: Uuid,
        person_id: Uuid,
        kind: ActivityKind,
        subject: Subject,
        circle_id: Option<Uuid>,
    ) -> sqlx::Result<()> {
        let (subject_kind, subject_id) = subject.as_db();
        let id = sqlx::query_scalar!(
            "insert into activity_events (org_id, person_id, kind, subject_kind, subject_id, circle_id, team_id)
             values ($1, $2, $3, $4, $5, $6,
                     (select min(team_id::text)::uuid from team_members where org_id = $1 and person_id = $2))
             returning id",
            org_id,
            person_id,
            kind.as_db(),
            subject_kind,
            subject_id,
            circle_id,
        )
        .fetch_one(&mut *conn)
        .await?;
        if kind.may_notify() {
            notify(&mut *conn, org_id, &[id]).await?;
        }
        Ok(())
    }

    /// Makes the notifications events `ids` owe: the one place that makes any. A reply tells
    /// the author of the post replied to (not a prompt's: its answers are counted, not told);
    /// a practice tried or promoted tells its author; a prompt tells the members of each circle
    /// it was put to, at its opening; a session tells its circle's members a day before it
    /// starts (when it happens, if that is later); a decision tells the proposal's author; a
    /// member added to a circle is told of its prompts still open and sessions still to come
    /// (once: not again when added back; not of what they made). Nobody is told of what they
    /// did themselves (an animator adding themselves is told like anyone added); each is
    /// shown from when its event happened (or later), so past events (the demo's) are told as
    /// of their day.
    pub async fn notify(db: impl PgExecutor<'_>, org_id: Uuid, ids: &[i64]) -> sqlx::Result<()> {
        sqlx::query!(
            r#"with event as (
                 select org_id, id, person_id, kind, subject_id, circle_id, occurred_at from activity_events
                 where org_id = $1 and id = any ($2)
               ),
               told (event_id, person_id, kind, circle_id, target_id, due_at) as (
                 select e.id, q.author_id, 'reply', q.circle_id, q.id, e.occurred_at
                 from event e
                 join posts r on r.org_id = e.org_id and r.id = e.subject_id
                 join posts q on q.org_id = r.org_id and q.id = r.parent_id
                 where e.kind = 'replied' and q.kind <> 'prompt'
                 union all
                 select e.id, p.author_id,
                        case e.kind when 'tried_practice' then 'practice_tried' else 'practice_promoted' end,
                        p.circle_id, p.id, e.occurred_at
                 from event e join posts p on p.org_id = e.org_id and p.id = e.subject_id
                 where e.kind in ('tried_practice', 'promoted_practice')
                 union all
                 select e.id, m.person_id, 'prompt_opened', t.circle_id, t.id, greatest(q.opens_at, e.occurred_at)
                 from event e
                 join prompts q on q.org_id = e.org_id and q.id = e.subject_id
                 join posts t on t.org_id = q.org_id and t.prompt_id = q.id
                 join circle_members m on m.org_id = t.org_id and m.circle_id = t.circle_id
                 where e.kind = 'scheduled_prompt'
                 union all
                 select e.id, m.person_id, 'session_soon', s.circle_id, s.id,
                        greatest(s.starts_at - interval '1 day', e.occurred_at)
                 from event e
                 join live_sessions s on s.org_id = e.org_id and s.id = e.subject_id
                 join circle_members m on m.org_id = s.org_id and m.circle_id = s.circle_id
                 where e.kind = 'scheduled_session'
                 union all
                 select e.id, p.author_id, 'proposal_decided', p.circle_id, p.id, e.occurred_at
                 from event e join network_proposals p on p.org_id = e.org_id and p.id = e.subject_id
                 where e.kind in ('accepted_proposal', 'returned_proposal', 'declined_proposal')
                 union all
                 select e.id, e.subject_id, 'prompt_opened', t.circle_id, t.id, greatest(q.opens_at, e.occurred_at)
                 from event e
                 join posts t on t.org_id = e.org_id and t.circle_id = e.circle_id and t.prompt_id is not null
                 join prompts q on q.org_id = t.org_id and q.id = t.prompt_id
                 where e.kind = 'added_member' and q.closes_at > e.occurred_at and t.deleted_at is null
                   and q.created_by is distinct from e.subject_id
                 union all
                 select e.id, e.subject_id, 'session_soon', s.circle_id, s.id,
                        greatest(s.starts_at - interval '1 day', e.occurred_at)
                 from event e join live_sessions s on s.org_id = e.org_id and s.circle_id = e.circle_id
                 where e.kind = 'added_member' and s.starts_at > e.occurred_at
                   and s.created_by is distinct from e.subject_id
               )
               insert into notifications (org_id, person_id, kind, event_id, actor_id, circle_id, target_id, due_at)
               select e.org_id, t.person_id, t.kind, e.id, e.person_id, t.circle_id, t.target_id, t.due_at
               from told t join event e on e.id = t.event_id
               where (t.person_id <> e.person_id or e.kind = 'added_member')
                 and exists (select 1 from memberships m where m.org_id = e.org_id and m.person_id = t.person_id)
                 and not (e.kind = 'added_member'
                          and exists (select 1 from notifications x
                                      where x.org_id = e.org_id and x.person_id = t.person_id
                                        and x.kind = t.kind and x.target_id = t.target_id))
               on conflict do nothing"#,
            org_id,
            ids,
        )
        .execute(db)
        .await?;
        Ok(())
    }
}
