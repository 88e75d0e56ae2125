//! Posts in a circle: questions ("Comment fais-tu pour… ?"), practices and replies.
use crate::ui::time::UnixMs;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Kinds of post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostKind {
    Question,
    Practice,
    Reply,
    /// A themed prompt's thread in one circle: answered by replies while it is open.
    Prompt,
}

impl PostKind {
    /// Whether a post of this kind takes `reaction`: "I'll try it" is for practices and replies
    /// (what one can take up), not for questions.
    pub fn takes(self, reaction: Reaction) -> bool {
        reaction == Reaction::Useful || !matches!(self, PostKind::Question | PostKind::Prompt)
    }

    /// The value stored in `posts.kind`.
    pub fn as_db(self) -> &'static str {
        match self {
            PostKind::Question => "question",
            PostKind::Practice => "practice",
            PostKind::Reply => "reply",
            PostKind::Prompt => "prompt",
        }
    }

    /// Parses the value stored in `posts.kind`.
    pub fn from_db(s: &str) -> PostKind {
        match s {
            "practice" => PostKind::Practice,
            "reply" => PostKind::Reply,
            "prompt" => PostKind::Prompt,
            _ => PostKind::Question,
        }
    }
}

/// The two reactions a post takes, one of each per person, undoable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reaction {
    /// "Utile": this helped me.
    Useful,
    /// "Je vais essayer": I mean to take it up.
    WillTry,
}

impl Reaction {
    /// The value stored in `reactions.kind`.
    pub fn as_db(self) -> &'static str {
        match self {
            Reaction::Useful => "useful",
            Reaction::WillTry => "will_try",
        }
    }

    /// Parses the value stored in `reactions.kind`.
    pub fn from_db(s: &str) -> Option<Reaction> {
        match s {
            "useful" => Some(Reaction::Useful),
            "will_try" => Some(Reaction::WillTry),
            _ => None,
        }
    }
}

/// A post as shown in a list or a thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostView {
    pub id: Uuid,
    pub circle_id: Uuid,
    pub circle_name: String,
    pub author_name: String,
    pub kind: PostKind,
    /// As typed.
    pub body: String,
    /// As shown: sanitised HTML (`ui::markdown`), made on the server.
    pub body_html: String,
    pub created_at: UnixMs,
    /// The question or practice a reply answers.
    pub parent_id: Option<Uuid>,
    /// Written by the person reading it (who cannot react to it).
    pub mine: bool,
    pub reply_count: i64,
    pub useful_count: i64,
    pub will_try_count: i64,
    /// The reader's own reactions to it.
    pub reacted: Vec<Reaction>,
    /// A practice's other parts.
    pub practice: Option<PracticeView>,
    // Defaults: a post kept on a device before these existed still reads offline.
    /// Edits so far, plus one: an edit names the version it was made on.
    #[serde(default = "first_version")]
    pub version: i32,
    /// Changed by its author since it was written.
    #[serde(default)]
    pub edited: bool,
    /// Hidden by an animator: only its author and the animators read its text (for anyone
    /// else it comes without it, from the server).
    #[serde(default)]
    pub hidden: bool,
    /// Why it was hidden, for its author and the animators.
    #[serde(default)]
    pub hidden_reason: Option<String>,
    /// The reader reads its text (always, unless it is hidden from them): only then may they
    /// answer, react or report it.
    #[serde(default = "readable_default")]
    pub readable: bool,
    /// Reports not yet handled, for the animators (0 for anyone else).
    #[serde(default)]
    pub open_reports: i64,
}

fn first_version() -> i32 {
    1
}

fn readable_default() -> bool {
    true
}

impl PostView {
    /// How many people gave `reaction`.
    pub fn count(&self, reaction: Reaction) -> i64 {
        match reaction {
            Reaction::Useful => self.useful_count,
            Reaction::WillTry => self.will_try_count,
        }
    }
}

/// The parts of a practice besides what was done (the post's body), as the page shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeView {
    /// Sanitised HTML, empty when left out.
    pub context_html: String,
    pub outcome_html: String,
    pub difficulty_html: String,
    pub tags: Vec<String>,
    /// The parts as typed, to edit them.
    #[serde(default)]
    pub context: String,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub difficulty: String,
}

/// A question or practice and its replies, oldest reply first; for a practice, who tried it
/// and whether it is in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    pub post: PostView,
    pub replies: Vec<PostView>,
    // Defaults: a thread kept on a device before these existed still reads offline.
    #[serde(default)]
    pub tryouts: Vec<crate::circles::tried::TryoutView>,
    #[serde(default)]
    pub promotion: Option<Promotion>,
    /// Its circle is archived: read, with nothing to add.
    #[serde(default)]
    pub archived: bool,
    /// A themed prompt's thread: when it is open for answers.
    #[serde(default)]
    pub prompt: Option<crate::prompts::model::PromptWindow>,
}

/// How a practice stands in the library: its themes and skills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promotion {
    pub themes: Vec<String>,
    pub skills: Vec<String>,
}

/// Replies shown in a thread, at most (the oldest ones).
pub const MAX_REPLIES: i64 = 200;

/// Where the next page of a list starts: strictly older than this post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// `created_at` in microseconds since the epoch: the database's own precision, so the
    /// keyset never skips or repeats a post.
    pub before_us: i64,
    pub before_id: Uuid,
}

/// One page of posts, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostPage {
    pub posts: Vec<PostView>,
    pub next: Option<Cursor>,
}

/// Posts per page in a circle.
pub const PAGE_SIZE: i64 = 20;

#[cfg(feature = "ssr")]
pub use super::post_queries::*;
