//! Activity events: one row per meaningful action, written in the action's own transaction.
//! Challenges and dashboards are computed from them: each event names its subject (kind and
//! id) and its context (the circle; the actor's team is filled in by the insert), so they can
//! be counted by circle or team without joining the tables of every kind of subject.
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
    use sqlx::PgExecutor;
    use uuid::Uuid;

    /// Appends one event: `subject` is what it was about, `circle_id` where it happened; the
    /// actor's team is the first of their teams. Call it with the transaction of the action.
    pub async fn record(
        db: impl PgExecutor<'_>,
        org_id: Uuid,
        person_id: Uuid,
        kind: ActivityKind,
        subject: Subject,
        circle_id: Option<Uuid>,
    ) -> sqlx::Result<()> {
        let (subject_kind, subject_id) = subject.as_db();
        sqlx::query!(
            "insert into activity_events (org_id, person_id, kind, subject_kind, subject_id, circle_id, team_id)
             values ($1, $2, $3, $4, $5, $6,
                     (select min(team_id::text)::uuid from team_members where org_id = $1 and person_id = $2))",
            org_id,
            person_id,
            kind.as_db(),
            subject_kind,
            subject_id,
            circle_id,
        )
        .execute(db)
        .await?;
        Ok(())
    }
}
