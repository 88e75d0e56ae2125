//! A PLC's charter (seed 004, the first of a PLC's six parts: "une mission, une vision, des
//! valeurs et des objectifs communs"), written together by its members; the organisation's
//! animators (who run every circle) may write in it too. Goals are text for now: the dashboards
//! issue gives each goal its own row with a metric, a baseline and a target, and this text stays
//! as what the members wrote about them.
//!
//! Editing it is a write of the sync engine, so it works offline. Like a post's edit, it names
//! the version it was made on, and every accepted edit makes a new version (even with the same
//! text, so a device's next edit, made on top of its own, is never refused for it). An edit made
//! on an older version (another member's edit landed first) is refused with the current text
//! (`AppError::Stale`, its `current` the parts as JSON), never written over it; the outbox shows
//! the parts that differ, each under its name. The page is in `charter_page`; the URL is the
//! circle's (`/circles/:id/charter`).
// The plain-form endpoint takes one argument per field of its form (the `server` macro
// repeats them in code an item's `allow` does not reach).
#![allow(clippy::too_many_arguments)]
use crate::error::{AppError, Field, Problem};
use crate::json::Answer;
use crate::offline::writes::{Command, Receipt};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest part of a charter, in characters (the database checks the same).
pub const MAX_CHARTER_PART_CHARS: usize = 2000;

/// The parts of a charter, as the write names them: the outbox shows an edit's text from them.
pub const CHARTER_PARTS: [&str; 4] = ["mission", "vision", "values", "goals"];

/// The name of part `part` of a charter, in `CHARTER_PARTS`'s order.
pub fn part_name(locale: crate::i18n::Locale, part: usize) -> &'static str {
    use crate::i18n::td_string;
    match part {
        0 => td_string!(locale, charter.mission),
        1 => td_string!(locale, charter.vision),
        2 => td_string!(locale, charter.values),
        _ => td_string!(locale, charter.goals),
    }
}

/// A charter's four parts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharterText {
    pub mission: String,
    pub vision: String,
    pub values: String,
    pub goals: String,
}

impl CharterText {
    /// Nothing written in any part.
    pub fn is_empty(&self) -> bool {
        [&self.mission, &self.vision, &self.values, &self.goals].iter().all(|p| p.trim().is_empty())
    }

    /// The parts in the form's order, with their names in `CHARTER_PARTS`.
    pub fn parts(&self) -> [&str; 4] {
        [&self.mission, &self.vision, &self.values, &self.goals]
    }

    /// The text a queued charter edit would write (its `args`), as the person wrote it.
    pub fn of_envelope(e: &crate::offline::writes::Envelope) -> CharterText {
        let part = |name| e.text_arg(name).unwrap_or_default().to_owned();
        CharterText { mission: part("mission"), vision: part("vision"), values: part("values"), goals: part("goals") }
    }

    /// Each part checked and trimmed, in the form's order (so the device and the server name the
    /// same part first); at least one part written.
    pub fn checked(&self) -> Result<CharterText, AppError> {
        use crate::ui::text::optional;
        let max = MAX_CHARTER_PART_CHARS;
        let checked = CharterText {
            mission: optional(Field::Mission, &self.mission, max)?,
            vision: optional(Field::Vision, &self.vision, max)?,
            values: optional(Field::Values, &self.values, max)?,
            goals: optional(Field::Goals, &self.goals, max)?,
        };
        if checked.is_empty() {
            return Err(AppError::Invalid { field: Field::Charter, problem: Problem::Empty });
        }
        Ok(checked)
    }
}

/// A PLC's charter as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charter {
    pub circle_id: Uuid,
    pub circle_name: String,
    pub plc_type: Option<crate::circles::admin::PlcType>,
    pub archived: bool,
    pub text: CharterText,
    /// The version an edit is made on: 0 while nobody has written it.
    pub version: i32,
    /// Who changed it last, and when; none while unwritten (or for who left the organisation).
    pub updated_by: Option<String>,
    pub updated_at: Option<crate::ui::time::UnixMs>,
    /// Whether the reader may change it (a member or an animator, the PLC open).
    pub may_edit: bool,
}

/// A charter's new text, made on `version`: a write of the sync engine. `name` is the circle's,
/// for the outbox to show while it waits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditCharter {
    pub circle_id: Uuid,
    /// The version the person saw when they edited it (0: unwritten).
    pub version: i32,
    pub name: String,
    // Defaults: a part added or renamed later leaves queued edits readable.
    #[serde(default)]
    pub mission: String,
    #[serde(default)]
    pub vision: String,
    #[serde(default)]
    pub values: String,
    #[serde(default)]
    pub goals: String,
}

impl Command for EditCharter {
    const KIND: &'static str = "edit_charter";
}

impl EditCharter {
    /// The text it would write, as written (unchecked).
    pub fn text(&self) -> CharterText {
        CharterText {
            mission: self.mission.clone(),
            vision: self.vision.clone(),
            values: self.values.clone(),
            goals: self.goals.clone(),
        }
    }
}

#[cfg(feature = "ssr")]
impl crate::offline::ledger::Apply for EditCharter {
    /// The circle: the charter's page shows the change.
    type Output = Uuid;

    async fn apply(
        self,
        tx: &mut sqlx::PgConnection,
        caller: crate::identity::session::Caller,
    ) -> Result<Self::Output, AppError> {
        use crate::access::Action;
        // The PLC's row first: an archive committed meanwhile is seen by the access check, and
        // two edits (first ones too) are applied one after the other.
        lock(&mut *tx, caller.org_id, self.circle_id).await?;
        crate::circles::api::granted(&mut *tx, caller, self.circle_id, Action::EditCharter).await?;
        let text = self.text().checked()?;
        save(tx, caller, self.circle_id, self.version, &text).await?;
        Ok(self.circle_id)
    }

    fn subject(output: &Self::Output) -> Option<Uuid> {
        Some(*output)
    }
}

/// A PLC's charter, for its members and the animators. Another kind of circle has none
/// (`NotFound`).
#[server(endpoint = "charter", input = GetUrl, output = Answer)]
pub async fn get_charter(circle_id: Uuid) -> Result<Charter, AppError> {
    crate::identity::session::respond(|req| async move {
        use crate::access::{allows, Action};
        let me = req.caller().await?;
        let standing = crate::circles::api::granted_standing(&req.pool, me, circle_id, Action::ReadCircle).await?;
        let mut charter = read(&req.pool, me.org_id, circle_id).await?.ok_or(AppError::NotFound)?;
        charter.may_edit = allows(me.role, standing, Action::EditCharter);
        Ok(charter)
    })
    .await
}

/// The charter form posted without JavaScript.
#[server(endpoint = "edit_charter", output = Answer)]
pub async fn post_charter(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    version: i32,
    name: String,
    mission: String,
    vision: String,
    values: String,
    goals: String,
) -> Result<Receipt, AppError> {
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        let write = EditCharter { circle_id, version, name, mission, vision, values, goals };
        match crate::offline::writes::Write::EditCharter(write).apply(&req.pool, caller, client_id).await {
            // The page shows the current text again; the refusal travels in the URL, which
            // must stay short.
            Err(AppError::Stale { version, .. }) => Err(AppError::Stale { version, current: String::new() }),
            answer => answer,
        }
    })
    .await
}

/// A PLC's charter page.
pub fn charter_href(circle_id: Uuid) -> String {
    format!("/circles/{circle_id}/charter")
}

#[cfg(feature = "ssr")]
pub use queries::*;

#[cfg(feature = "ssr")]
mod queries {
    use super::*;
    use crate::activity::{self, ActivityKind, Subject};
    use crate::identity::session::Caller;
    use sqlx::{PgConnection, PgExecutor};

    /// The charter of PLC `circle_id` of `org_id` (empty, version 0, while unwritten); `None`
    /// when there is no such PLC. `may_edit` is left false for the caller to decide.
    pub async fn read(db: impl PgExecutor<'_>, org_id: Uuid, circle_id: Uuid) -> sqlx::Result<Option<Charter>> {
        let row = sqlx::query!(
            r#"select c.id, c.name, c.plc_type, c.archived_at is not null as "archived!",
                      ch.mission as "mission?", ch.vision as "vision?", ch."values" as "values?",
                      ch.goals as "goals?", ch.version as "version?", p.display_name as "updated_by?",
                      ch.updated_at as "updated_at?"
               from circles c
               left join plc_charters ch on ch.org_id = c.org_id and ch.circle_id = c.id
               left join people p on p.id = ch.updated_by
               where c.org_id = $1 and c.id = $2 and c.kind = 'plc'"#,
            org_id,
            circle_id,
        )
        .fetch_optional(db)
        .await?;
        Ok(row.map(|r| Charter {
            circle_id: r.id,
            circle_name: r.name,
            plc_type: r.plc_type.as_deref().and_then(crate::circles::admin::PlcType::from_db),
            archived: r.archived,
            text: CharterText {
                mission: r.mission.unwrap_or_default(),
                vision: r.vision.unwrap_or_default(),
                values: r.values.unwrap_or_default(),
                goals: r.goals.unwrap_or_default(),
            },
            version: r.version.unwrap_or(0),
            updated_by: r.updated_by,
            updated_at: r.updated_at.map(crate::ui::time::unix_ms),
            may_edit: false,
        }))
    }

    /// Locks PLC `circle_id`'s row (see `circles::model::lock_of_kind`); `NotFound` when
    /// there is no such PLC.
    pub async fn lock(tx: &mut PgConnection, org_id: Uuid, circle_id: Uuid) -> Result<(), AppError> {
        crate::circles::model::lock_of_kind(tx, org_id, circle_id, crate::circles::model::CircleKind::Plc).await
    }

    /// Writes `text` over PLC `circle_id`'s charter at `version` (0: unwritten) as its next
    /// version, inside the caller's transaction (which [`lock`]ed it), and appends its event
    /// when the text changed. Refused as stale, with the current parts, when the charter is at
    /// another version.
    pub async fn save(
        tx: &mut PgConnection,
        by: Caller,
        circle_id: Uuid,
        version: i32,
        text: &CharterText,
    ) -> Result<(), AppError> {
        let org_id = by.org_id;
        let now = read(&mut *tx, org_id, circle_id).await?.ok_or(AppError::NotFound)?;
        if now.version != version {
            let current = serde_json::to_string(&now.text).map_err(|_| AppError::Internal)?;
            return Err(AppError::Stale { version: now.version, current });
        }
        if now.text == *text {
            // Nothing changed (a written charter: an empty one is refused): a new version only,
            // still said to be by who last changed it.
            sqlx::query!(
                "update plc_charters set version = version + 1 where org_id = $1 and circle_id = $2",
                org_id,
                circle_id,
            )
            .execute(&mut *tx)
            .await?;
            return Ok(());
        }
        sqlx::query!(
            r#"insert into plc_charters (org_id, circle_id, mission, vision, "values", goals, version, updated_by)
               values ($1, $2, $3, $4, $5, $6, 1, $7)
               on conflict (org_id, circle_id) do update
               set mission = excluded.mission, vision = excluded.vision, "values" = excluded."values",
                   goals = excluded.goals, version = plc_charters.version + 1,
                   updated_by = excluded.updated_by, updated_at = now()"#,
            org_id,
            circle_id,
            text.mission,
            text.vision,
            text.values,
            text.goals,
            by.person_id,
        )
        .execute(&mut *tx)
        .await?;
        let subject = Subject::Circle(circle_id);
        activity::record(&mut *tx, org_id, by.person_id, ActivityKind::EditedCharter, subject, Some(circle_id)).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_charter_needs_one_part_and_each_part_fits() {
        let empty = CharterText { mission: "  ".into(), ..Default::default() };
        assert_eq!(empty.checked(), Err(AppError::Invalid { field: Field::Charter, problem: Problem::Empty }));
        let long = CharterText { values: "x".repeat(MAX_CHARTER_PART_CHARS + 1), ..Default::default() };
        assert!(matches!(long.checked(), Err(AppError::Invalid { field: Field::Values, .. })));
        let one = CharterText { goals: " Réduire les délais. ".into(), ..Default::default() };
        assert_eq!(one.checked().map(|t| t.goals), Ok("Réduire les délais.".into()));
    }
}
