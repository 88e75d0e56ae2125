//! Themed prompts: what a prompt is, the rules its fields follow (both sides), and what the
//! pages show of it.
use crate::error::{AppError, Field, Problem};
use crate::ui::time::{local, Local, UnixMs};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest prompt, in characters (the database checks the same).
pub const MAX_PROMPT_CHARS: usize = 500;
/// Most circles one prompt goes to.
pub const MAX_CIRCLES: usize = 50;

/// A question to answer, or a theme to debate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PromptKind {
    Question,
    Debate,
}

impl PromptKind {
    pub const ALL: [PromptKind; 2] = [PromptKind::Question, PromptKind::Debate];

    /// The value stored in `prompts.kind`.
    pub fn as_db(self) -> &'static str {
        match self {
            PromptKind::Question => "question",
            PromptKind::Debate => "debate",
        }
    }

    /// Parses the value stored in `prompts.kind`.
    pub fn from_db(s: &str) -> PromptKind {
        if s == "debate" {
            PromptKind::Debate
        } else {
            PromptKind::Question
        }
    }
}

/// A prompt's fields as typed, checked: its text, an opening and a closing after it (local
/// times of one zone), and at least one circle, each once.
pub fn checked(body: &str, opens: &str, closes: &str, circles: &[Uuid]) -> Result<(String, Local, Local), AppError> {
    let body = crate::ui::text::required(Field::Prompt, body, MAX_PROMPT_CHARS)?;
    let opens = local(Field::OpensAt, opens)?;
    let closes = local(Field::ClosesAt, closes)?;
    if closes <= opens {
        return Err(AppError::Invalid { field: Field::ClosesAt, problem: Problem::BeforeStart });
    }
    if circles.is_empty() {
        return Err(AppError::Invalid { field: Field::Circles, problem: Problem::Empty });
    }
    if circles.len() > MAX_CIRCLES {
        let max = u32::try_from(MAX_CIRCLES).unwrap_or(u32::MAX);
        return Err(AppError::Invalid { field: Field::Circles, problem: Problem::TooMany { max } });
    }
    let mut distinct = circles.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() != circles.len() {
        return Err(AppError::Invalid { field: Field::Circles, problem: Problem::Malformed });
    }
    Ok((body, opens, closes))
}

/// Where a prompt stands in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PromptState {
    Upcoming,
    Open,
    Closed,
}

impl PromptState {
    /// The state at `now` of a prompt open from `opens_at` until `closes_at`.
    pub fn at(now: UnixMs, opens_at: UnixMs, closes_at: UnixMs) -> PromptState {
        if now < opens_at {
            PromptState::Upcoming
        } else if now < closes_at {
            PromptState::Open
        } else {
            PromptState::Closed
        }
    }
}

/// A prompt open in a circle, on the circle's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenPrompt {
    /// Its thread in this circle.
    pub post_id: Uuid,
    pub kind: PromptKind,
    pub body: String,
    pub closes_at: UnixMs,
    /// How many of the circle's members answered, and whether the reader did.
    pub answered: i64,
    pub mine: bool,
}

/// A prompt's window, on its thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromptWindow {
    pub kind: PromptKind,
    pub opens_at: UnixMs,
    pub closes_at: UnixMs,
    pub state: PromptState,
}

/// How a prompt fares in one of its circles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reach {
    pub circle_id: Uuid,
    pub circle_name: String,
    /// Its thread there.
    pub post_id: Uuid,
    pub members: i64,
    /// Members who answered at least once (a deleted answer does not count).
    pub answered: i64,
}

impl Reach {
    /// The response rate in whole percent, rounded down; none in a circle without members.
    pub fn rate(&self) -> Option<i64> {
        (self.members > 0).then(|| self.answered.clamp(0, self.members) * 100 / self.members)
    }
}

/// A prompt on the animators' page, with its reach in each circle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedPrompt {
    pub id: Uuid,
    pub kind: PromptKind,
    pub body: String,
    pub opens_at: UnixMs,
    pub closes_at: UnixMs,
    pub state: PromptState,
    pub author: Option<String>,
    pub circles: Vec<Reach>,
}

/// A circle a prompt can go to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub id: Uuid,
    pub name: String,
}

/// The animators' prompts page: open and upcoming prompts first, then the latest closed ones,
/// and the circles a new one can go to (those not archived).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromptsPage {
    pub prompts: Vec<ManagedPrompt>,
    pub targets: Vec<Target>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prompt_has_text_a_closing_after_its_opening_and_distinct_circles() {
        let c = [Uuid::from_u128(1), Uuid::from_u128(2)];
        assert!(checked("Comment faites-vous ?", "2026-12-07T09:00", "2026-12-14T18:00", &c).is_ok());
        let err = |field, problem| Some(AppError::Invalid { field, problem });
        assert_eq!(checked(" ", "2026-12-07T09:00", "2026-12-14T18:00", &c).err(), err(Field::Prompt, Problem::Empty));
        let long = "a".repeat(MAX_PROMPT_CHARS + 1);
        assert!(checked(&long, "2026-12-07T09:00", "2026-12-14T18:00", &c).is_err());
        assert_eq!(
            checked("Q", "2026-12-07T09:00", "2026-12-07T09:00", &c).err(),
            err(Field::ClosesAt, Problem::BeforeStart)
        );
        assert_eq!(
            checked("Q", "2026-12-07T09:00", "2026-12-08T09:00", &[]).err(),
            err(Field::Circles, Problem::Empty)
        );
        assert_eq!(
            checked("Q", "2026-12-07T09:00", "2026-12-08T09:00", &[c[0], c[0]]).err(),
            err(Field::Circles, Problem::Malformed)
        );
        assert_eq!(checked("Q", "demain", "2026-12-08T09:00", &c).err(), err(Field::OpensAt, Problem::Malformed));
    }

    #[test]
    fn the_rate_counts_members_who_answered_and_none_without_members() {
        let reach = |members, answered| Reach {
            circle_id: Uuid::nil(),
            circle_name: String::new(),
            post_id: Uuid::nil(),
            members,
            answered,
        };
        assert_eq!(reach(7, 3).rate(), Some(42));
        assert_eq!(reach(4, 4).rate(), Some(100));
        assert_eq!(reach(0, 0).rate(), None);
        assert_eq!(PromptState::at(5, 10, 20), PromptState::Upcoming);
        assert_eq!(PromptState::at(10, 10, 20), PromptState::Open);
        assert_eq!(PromptState::at(20, 10, 20), PromptState::Closed);
    }
}
