//! Live sessions ("Manager Boost", seed 001): what a circle's meeting is, and the rules its
//! fields follow on both sides.
use crate::error::{AppError, Field, Problem};
use crate::ui::time::{local, Local, UnixMs};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest title, place and link of a session, in characters (the database checks the same).
pub const MAX_TITLE_CHARS: usize = 120;
pub const MAX_PLACE_CHARS: usize = 200;
pub const MAX_LINK_CHARS: usize = 500;

/// A session's fields as typed, checked: a title, a start and an end after it (local times of
/// one zone), an optional place and an optional web link (http or https only: a link opens
/// from the page and from phone calendars).
pub fn checked(
    title: &str,
    starts: &str,
    ends: &str,
    place: &str,
    link: &str,
) -> Result<(String, Local, Local, String, String), AppError> {
    use crate::ui::text::{optional, required};
    let title = required(Field::SessionTitle, title, MAX_TITLE_CHARS)?;
    let starts = local(Field::StartsAt, starts)?;
    let ends = local(Field::EndsAt, ends)?;
    if ends <= starts {
        return Err(AppError::Invalid { field: Field::EndsAt, problem: Problem::BeforeStart });
    }
    let place = optional(Field::Place, place, MAX_PLACE_CHARS)?;
    let link = optional(Field::Link, link, MAX_LINK_CHARS)?;
    let web = link.starts_with("https://") || link.starts_with("http://");
    if !link.is_empty() && (!web || link.chars().any(char::is_whitespace)) {
        return Err(AppError::Invalid { field: Field::Link, problem: Problem::Malformed });
    }
    Ok((title, starts, ends, place, link))
}

/// A session in its circle's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: Uuid,
    pub circle_id: Uuid,
    pub title: String,
    pub starts_at: UnixMs,
    pub ends_at: UnixMs,
    pub place: String,
    pub going: i64,
    /// The reader's answer: going, not going, or none yet.
    pub mine: Option<bool>,
    /// It has ended, and how many of the circle came (as recorded).
    #[serde(default)]
    pub ended: bool,
    #[serde(default)]
    pub came: i64,
}

/// Someone of the circle, with their answer and whether they came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub id: Uuid,
    pub name: String,
    pub answer: Option<bool>,
    pub attended: bool,
}

/// A session's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionDetail {
    pub id: Uuid,
    pub circle_id: Uuid,
    pub circle_name: String,
    pub title: String,
    pub starts_at: UnixMs,
    pub ends_at: UnixMs,
    pub place: String,
    pub link: String,
    pub scheduled_by: Option<String>,
    /// The circle's members, by name, with their answers.
    pub people: Vec<Attendee>,
    pub mine: Option<bool>,
    /// It has started (who came may be recorded), it has ended (nobody answers any more).
    pub started: bool,
    pub ended: bool,
    pub may_answer: bool,
    pub may_record: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_has_a_title_an_end_after_its_start_and_a_web_link_or_none() {
        assert!(checked("Manager Boost", "2026-12-10T18:30", "2026-12-10T20:00", "Salle 2", "").is_ok());
        let end_first = checked("M", "2026-12-10T18:30", "2026-12-10T18:30", "", "");
        assert_eq!(end_first.err(), Some(AppError::Invalid { field: Field::EndsAt, problem: Problem::BeforeStart }));
        assert_eq!(
            checked("M", "", "2026-12-10T18:30", "", "").err(),
            Some(AppError::Invalid { field: Field::StartsAt, problem: Problem::Empty })
        );
        for bad in ["2026-12-10 18:30", "2026-12-10T25:00", "2026-02-30T10:00"] {
            assert!(checked("M", bad, "2026-12-31T10:00", "", "").is_err(), "{bad}");
        }
        for link in ["javascript:alert(1)", "visio.example.fr", "https://a b"] {
            let refused = checked("M", "2026-12-10T18:30", "2026-12-10T20:00", "", link);
            assert_eq!(refused.err(), Some(AppError::Invalid { field: Field::Link, problem: Problem::Malformed }));
        }
        assert!(checked("M", "2026-12-10T18:30", "2026-12-10T20:00", "", "https://visio.example.fr/boost").is_ok());
    }
}
