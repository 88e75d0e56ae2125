//! What a learning network holds (seed 002): its people and their parts (sponsor, committee,
//! facilitators), its themes, its members' proposals and the experiments they became.
use crate::error::{AppError, Field, Problem};
use crate::ui::time::UnixMs;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest theme name, proposal title, in characters (the database checks the same).
pub const MAX_TITLE_CHARS: usize = 120;
/// Longest expected outcome of a theme, and committee's note on a decision.
pub const MAX_NOTE_CHARS: usize = 1000;
/// Longest part of a proposal (problem, change, experiment) and an experiment's result.
pub const MAX_PART_CHARS: usize = 2000;

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalState {
    /// Waiting for the committee.
    Filed,
    /// Sent back with a comment: its author revises it and files it again.
    Returned,
    /// Accepted: it has its experiment.
    Accepted,
    /// Declined with a reason: it stays so.
    Declined,
}

impl ProposalState {
    pub fn as_db(self) -> &'static str {
        match self {
            ProposalState::Filed => "filed",
            ProposalState::Returned => "returned",
            ProposalState::Accepted => "accepted",
            ProposalState::Declined => "declined",
        }
    }

    pub fn from_db(s: &str) -> ProposalState {
        match s {
            "returned" => ProposalState::Returned,
            "accepted" => ProposalState::Accepted,
            "declined" => ProposalState::Declined,
            _ => ProposalState::Filed,
        }
    }
}

/// What the committee decides of a filed proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Accept,
    /// Send back, with a comment.
    Return,
    /// Decline, with a reason.
    Decline,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Decision::Accept, Decision::Return, Decision::Decline];

    /// The state it puts the proposal in.
    pub fn state(self) -> ProposalState {
        match self {
            Decision::Accept => ProposalState::Accepted,
            Decision::Return => ProposalState::Returned,
            Decision::Decline => ProposalState::Declined,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Accept => "accept",
            Decision::Return => "return",
            Decision::Decline => "decline",
        }
    }

    /// A committee's note, checked: optional on acceptance, the comment or reason otherwise.
    pub fn checked_note(self, raw: &str) -> Result<String, AppError> {
        use crate::ui::text::{optional, required};
        match self {
            Decision::Accept => optional(Field::Note, raw, MAX_NOTE_CHARS),
            Decision::Return | Decision::Decline => required(Field::Note, raw, MAX_NOTE_CHARS),
        }
    }
}

/// Where an experiment stands; it only moves forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExperimentState {
    Planned,
    Running,
    Concluded,
}

impl ExperimentState {
    pub const ALL: [ExperimentState; 3] =
        [ExperimentState::Planned, ExperimentState::Running, ExperimentState::Concluded];

    pub fn as_db(self) -> &'static str {
        match self {
            ExperimentState::Planned => "planned",
            ExperimentState::Running => "running",
            ExperimentState::Concluded => "concluded",
        }
    }

    pub fn from_db(s: &str) -> ExperimentState {
        match s {
            "running" => ExperimentState::Running,
            "concluded" => ExperimentState::Concluded,
            _ => ExperimentState::Planned,
        }
    }
}

/// A day typed in a date field (`YYYY-MM-DD`), or none when empty.
pub fn day(field: Field, raw: &str) -> Result<Option<time::Date>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let malformed = AppError::Invalid { field, problem: Problem::Malformed };
    let mut parts = raw.splitn(3, '-').map(str::parse::<u16>);
    let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) = (parts.next(), parts.next(), parts.next()) else {
        return Err(malformed);
    };
    let month = u8::try_from(m).ok().and_then(|m| time::Month::try_from(m).ok()).ok_or(malformed.clone())?;
    let d = u8::try_from(d).map_err(|_| malformed.clone())?;
    time::Date::from_calendar_date(i32::from(y), month, d).map(Some).map_err(|_| malformed)
}

/// A day as a date field holds it (`YYYY-MM-DD`).
pub fn day_text(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A day as people read it (`DD/MM/YYYY`, as times are shown elsewhere).
pub fn day_shown(raw: &str) -> String {
    match day(Field::StartsOn, raw) {
        Ok(Some(d)) => format!("{:02}/{:02}/{}", d.day(), u8::from(d.month()), d.year()),
        _ => raw.to_owned(),
    }
}

/// An experiment's move, checked: forward only; running needs its start, concluded its end
/// and a result; the end not before the start.
pub fn checked_experiment(
    from: ExperimentState,
    to: ExperimentState,
    starts_on: &str,
    ends_on: &str,
    result: &str,
) -> Result<(Option<time::Date>, Option<time::Date>, String), AppError> {
    if to < from {
        return Err(AppError::Moved);
    }
    let starts = day(Field::StartsOn, starts_on)?;
    let ends = day(Field::EndsOn, ends_on)?;
    if to >= ExperimentState::Running && starts.is_none() {
        return Err(AppError::Invalid { field: Field::StartsOn, problem: Problem::Empty });
    }
    if to == ExperimentState::Concluded && ends.is_none() {
        return Err(AppError::Invalid { field: Field::EndsOn, problem: Problem::Empty });
    }
    if let (Some(s), Some(e)) = (starts, ends) {
        if e < s {
            return Err(AppError::Invalid { field: Field::EndsOn, problem: Problem::Malformed });
        }
    }
    let result = if to == ExperimentState::Concluded {
        crate::ui::text::required(Field::Result, result, MAX_PART_CHARS)?
    } else {
        crate::ui::text::optional(Field::Result, result, MAX_PART_CHARS)?
    };
    Ok((starts, ends, result))
}

/// A proposal's parts as written: a title, the problem, the proposed change, the experiment
/// to run (optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalText {
    pub title: String,
    pub problem: String,
    pub change: String,
    pub experiment: String,
}

impl ProposalText {
    /// Each part checked and trimmed, in the form's order.
    pub fn checked(&self) -> Result<ProposalText, AppError> {
        use crate::ui::text::{optional, required};
        Ok(ProposalText {
            title: required(Field::ProposalTitle, &self.title, MAX_TITLE_CHARS)?,
            problem: required(Field::ProposalProblem, &self.problem, MAX_PART_CHARS)?,
            change: required(Field::Change, &self.change, MAX_PART_CHARS)?,
            experiment: optional(Field::Experiment, &self.experiment, MAX_PART_CHARS)?,
        })
    }
}

/// A theme the network works on: an expected outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    pub id: Uuid,
    pub name: String,
    pub outcome: String,
}

/// A member of the network and their parts in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkPerson {
    pub id: Uuid,
    pub name: String,
    /// The sponsor, on the committee whatever `committee` says.
    pub sponsor: bool,
    /// Marked as on the committee.
    pub committee: bool,
    pub facilitator: bool,
}

/// What an accepted proposal became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Experiment {
    pub state: ExperimentState,
    /// `YYYY-MM-DD`, empty while not set.
    pub starts_on: String,
    pub ends_on: String,
    pub result: String,
}

/// A proposal as the network's page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: Uuid,
    pub theme_id: Option<Uuid>,
    pub theme: Option<String>,
    pub text: ProposalText,
    pub state: ProposalState,
    pub note: String,
    /// None for who left the organisation.
    pub author: Option<String>,
    pub mine: bool,
    pub decided_by: Option<String>,
    pub filed_at: UnixMs,
    pub decided_at: Option<UnixMs>,
    pub experiment: Option<Experiment>,
    /// Whether the reader may move its experiment along.
    pub may_run: bool,
}

/// A learning network's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Network {
    pub circle_id: Uuid,
    pub name: String,
    pub purpose: String,
    pub archived: bool,
    pub people: Vec<NetworkPerson>,
    pub themes: Vec<Theme>,
    /// Newest filed first.
    pub proposals: Vec<Proposal>,
    pub may_propose: bool,
    pub may_decide: bool,
    pub may_shape: bool,
    /// An animator: chooses the sponsor, the committee and the facilitators.
    pub may_manage: bool,
}

#[cfg(feature = "ssr")]
pub use queries::*;

#[cfg(feature = "ssr")]
mod queries {
    use super::*;
    use crate::identity::session::Caller;
    use sqlx::PgConnection;

    /// The network `circle_id`'s page for `me` (`NotFound` when it is no network), the
    /// permissions left false for the caller to set.
    pub async fn read(db: &mut PgConnection, me: Caller, circle_id: Uuid) -> Result<Network, AppError> {
        let org_id = me.org_id;
        let c = sqlx::query!(
            r#"select name, purpose, archived_at is not null as "archived!", sponsor_id
               from circles where org_id = $1 and id = $2 and kind = 'network'"#,
            org_id,
            circle_id,
        )
        .fetch_optional(&mut *db)
        .await?
        .ok_or(AppError::NotFound)?;
        let people = sqlx::query!(
            r#"select m.person_id, p.display_name, m.on_committee, m.role
               from circle_members m join people p on p.id = m.person_id
               where m.org_id = $1 and m.circle_id = $2
               order by p.display_name, m.person_id"#,
            org_id,
            circle_id,
        )
        .fetch_all(&mut *db)
        .await?
        .into_iter()
        .map(|r| {
            let sponsor = c.sponsor_id == Some(r.person_id);
            NetworkPerson {
                id: r.person_id,
                name: r.display_name,
                sponsor,
                committee: r.on_committee,
                facilitator: r.role == "facilitator",
            }
        })
        .collect();
        let themes = sqlx::query_as!(
            Theme,
            "select id, name, outcome from network_themes where org_id = $1 and circle_id = $2 order by created_at, id",
            org_id,
            circle_id,
        )
        .fetch_all(&mut *db)
        .await?;
        let proposals = sqlx::query!(
            r#"select p.id, p.theme_id, t.name as "theme?", p.title, p.problem, p.change, p.experiment, p.state,
                      p.decision_note, a.display_name as "author?", p.author_id, d.display_name as "decided_by?",
                      p.filed_at, p.decided_at, e.state as "experiment_state?", e.starts_on, e.ends_on,
                      e.result as "result?"
               from network_proposals p
               left join network_themes t on t.org_id = p.org_id and t.id = p.theme_id
               left join people a on a.id = p.author_id
               left join people d on d.id = p.decided_by
               left join network_experiments e on e.org_id = p.org_id and e.proposal_id = p.id
               where p.org_id = $1 and p.circle_id = $2
               order by p.filed_at desc, p.id"#,
            org_id,
            circle_id,
        )
        .fetch_all(&mut *db)
        .await?
        .into_iter()
        .map(|r| Proposal {
            id: r.id,
            theme_id: r.theme_id,
            theme: r.theme,
            text: ProposalText { title: r.title, problem: r.problem, change: r.change, experiment: r.experiment },
            state: ProposalState::from_db(&r.state),
            note: r.decision_note,
            author: r.author,
            mine: r.author_id == Some(me.person_id),
            decided_by: r.decided_by,
            filed_at: crate::ui::time::unix_ms(r.filed_at),
            decided_at: r.decided_at.map(crate::ui::time::unix_ms),
            experiment: r.experiment_state.map(|s| Experiment {
                state: ExperimentState::from_db(&s),
                starts_on: r.starts_on.map(day_text).unwrap_or_default(),
                ends_on: r.ends_on.map(day_text).unwrap_or_default(),
                result: r.result.unwrap_or_default(),
            }),
            may_run: false,
        })
        .collect();
        Ok(Network {
            circle_id,
            name: c.name,
            purpose: c.purpose,
            archived: c.archived,
            people,
            themes,
            proposals,
            may_propose: false,
            may_decide: false,
            may_shape: false,
            may_manage: false,
        })
    }

    /// Locks network `circle_id`'s row (see `circles::model::lock_of_kind`); `NotFound` when
    /// it is no network.
    pub async fn lock(tx: &mut PgConnection, org_id: Uuid, circle_id: Uuid) -> Result<(), AppError> {
        crate::circles::model::lock_of_kind(tx, org_id, circle_id, crate::circles::model::CircleKind::Network).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_read_as_date_fields_write_them() {
        assert_eq!(day(Field::StartsOn, " "), Ok(None));
        assert_eq!(day(Field::StartsOn, "2026-12-07").map(|d| d.map(day_text)), Ok(Some("2026-12-07".into())));
        for bad in ["2026-02-30", "07/12/2026", "2026-13-01", "demain"] {
            assert!(matches!(day(Field::StartsOn, bad), Err(AppError::Invalid { problem: Problem::Malformed, .. })));
        }
        assert_eq!(day_shown("2026-12-07"), "07/12/2026");
    }

    #[test]
    fn an_experiment_moves_forward_with_what_each_step_needs() {
        use ExperimentState::*;
        assert!(checked_experiment(Planned, Planned, "", "", "").is_ok());
        assert_eq!(
            checked_experiment(Planned, Running, "", "", ""),
            Err(AppError::Invalid { field: Field::StartsOn, problem: Problem::Empty })
        );
        assert!(checked_experiment(Planned, Running, "2026-12-07", "", "").is_ok());
        assert_eq!(
            checked_experiment(Running, Concluded, "2026-12-07", "2027-01-07", " "),
            Err(AppError::Invalid { field: Field::Result, problem: Problem::Empty })
        );
        assert_eq!(
            checked_experiment(Running, Running, "2026-12-07", "2026-12-01", ""),
            Err(AppError::Invalid { field: Field::EndsOn, problem: Problem::Malformed })
        );
        assert_eq!(checked_experiment(Concluded, Running, "2026-12-07", "", ""), Err(AppError::Moved));
        assert!(checked_experiment(Running, Concluded, "2026-12-07", "2027-01-07", "Moins d'appels.").is_ok());
    }

    #[test]
    fn sending_back_or_declining_says_why() {
        assert_eq!(Decision::Accept.checked_note(" "), Ok(String::new()));
        for d in [Decision::Return, Decision::Decline] {
            assert_eq!(d.checked_note(""), Err(AppError::Invalid { field: Field::Note, problem: Problem::Empty }));
        }
    }
}
