//! Activity events: one row per meaningful action, written in the action's own transaction.
//! Challenges and dashboards are computed from them.
use serde::{Deserialize, Serialize};

/// The kinds of action that count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    SignedIn,
    AskedQuestion,
    SharedPractice,
    Replied,
}

impl ActivityKind {
    /// The value stored in `activity_events.kind`.
    pub fn as_db(self) -> &'static str {
        match self {
            ActivityKind::SignedIn => "signed_in",
            ActivityKind::AskedQuestion => "asked_question",
            ActivityKind::SharedPractice => "shared_practice",
            ActivityKind::Replied => "replied",
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

    /// Appends one event. Call it with the transaction of the action it records.
    pub async fn record(
        db: impl PgExecutor<'_>,
        org_id: Uuid,
        person_id: Uuid,
        kind: ActivityKind,
        subject_id: Option<Uuid>,
    ) -> sqlx::Result<()> {
        sqlx::query("insert into activity_events (org_id, person_id, kind, subject_id) values ($1, $2, $3, $4)")
            .bind(org_id)
            .bind(person_id)
            .bind(kind.as_db())
            .bind(subject_id)
            .execute(db)
            .await?;
        Ok(())
    }
}
