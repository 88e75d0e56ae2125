//! What a notification is, on both sides: its kind, what the list shows of it, and where
//! opening it leads.
use crate::network::model::Decision;
use crate::ui::time::UnixMs;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How many notifications the page lists, newest first.
pub const SHOWN: i64 = 50;

/// What a notification tells of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// Someone replied to my post.
    Reply,
    /// Someone said "I tried it" of my practice.
    PracticeTried,
    /// An animator promoted my practice into the library.
    PracticePromoted,
    /// A themed prompt opened in my circle.
    PromptOpened,
    /// A session of my circle starts within a day.
    SessionSoon,
    /// The committee decided my proposal.
    ProposalDecided,
}

impl NoticeKind {
    /// Parses `notifications.kind`.
    pub fn from_db(s: &str) -> Option<NoticeKind> {
        Some(match s {
            "reply" => NoticeKind::Reply,
            "practice_tried" => NoticeKind::PracticeTried,
            "practice_promoted" => NoticeKind::PracticePromoted,
            "prompt_opened" => NoticeKind::PromptOpened,
            "session_soon" => NoticeKind::SessionSoon,
            "proposal_decided" => NoticeKind::ProposalDecided,
            _ => return None,
        })
    }
}

/// The decision an event of the committee records (`activity_events.kind`).
pub fn decision_of(event_kind: &str) -> Option<Decision> {
    match event_kind {
        "accepted_proposal" => Some(Decision::Accept),
        "returned_proposal" => Some(Decision::Return),
        "declined_proposal" => Some(Decision::Decline),
        _ => None,
    }
}

/// One notification as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub id: Uuid,
    pub kind: NoticeKind,
    pub circle_id: Uuid,
    pub circle_name: String,
    /// The thread, session or proposal it opens.
    pub target_id: Uuid,
    /// Who did it (none once they left the organisation).
    pub actor: Option<String>,
    /// A few words of what it is about: the post, the prompt, the session's title, the
    /// proposal's title (none once deleted).
    pub snippet: Option<String>,
    /// A proposal's decision.
    pub decision: Option<Decision>,
    /// A session's start.
    pub starts_at: Option<UnixMs>,
    /// When it was shown to them.
    pub at: UnixMs,
    pub read: bool,
}

impl Notice {
    /// Where opening it leads.
    pub fn href(&self) -> String {
        let (circle, target) = (self.circle_id, self.target_id);
        match self.kind {
            NoticeKind::Reply | NoticeKind::PracticeTried | NoticeKind::PromptOpened => {
                format!("/circles/{circle}/posts/{target}")
            }
            NoticeKind::PracticePromoted => format!("/library/{target}"),
            NoticeKind::SessionSoon => format!("/circles/{circle}/sessions/{target}"),
            NoticeKind::ProposalDecided => format!("/circles/{circle}/network#proposal-{target}"),
        }
    }
}

/// The notifications page: the newest [`SHOWN`], and how many are unread in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticesPage {
    pub notices: Vec<Notice>,
    pub unread: i64,
}

/// The first `max` characters of a text on one line, with an ellipsis when cut: what a
/// notification quotes.
pub fn snippet(text: &str, max: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", line[..cut].trim_end()),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(kind: NoticeKind) -> Notice {
        Notice {
            id: Uuid::nil(),
            kind,
            circle_id: Uuid::from_u128(1),
            circle_name: "Cercle".into(),
            target_id: Uuid::from_u128(2),
            actor: None,
            snippet: None,
            decision: None,
            starts_at: None,
            at: 0,
            read: false,
        }
    }

    #[test]
    fn each_kind_opens_its_page() {
        let c = Uuid::from_u128(1);
        let t = Uuid::from_u128(2);
        assert_eq!(notice(NoticeKind::Reply).href(), format!("/circles/{c}/posts/{t}"));
        assert_eq!(notice(NoticeKind::PracticePromoted).href(), format!("/library/{t}"));
        assert_eq!(notice(NoticeKind::SessionSoon).href(), format!("/circles/{c}/sessions/{t}"));
        assert_eq!(notice(NoticeKind::ProposalDecided).href(), format!("/circles/{c}/network#proposal-{t}"));
        for kind in
            ["reply", "practice_tried", "practice_promoted", "prompt_opened", "session_soon", "proposal_decided"]
        {
            assert!(NoticeKind::from_db(kind).is_some(), "{kind}");
        }
        assert_eq!(NoticeKind::from_db("other"), None);
        assert_eq!(decision_of("returned_proposal"), Some(Decision::Return));
        assert_eq!(decision_of("replied"), None);
    }

    #[test]
    fn a_snippet_is_one_short_line() {
        assert_eq!(snippet("Comment  fais-tu\npour…", 80), "Comment fais-tu pour…");
        assert_eq!(snippet("Une réunion très courte", 10), "Une réunio…");
        assert_eq!(snippet("Une réunion", 11), "Une réunion");
    }
}
