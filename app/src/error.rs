//! The one error type of the application.
//!
//! Every server function returns `Result<T, AppError>`. Variants are what a person can act on;
//! the real cause of a database or internal fault is logged on the server and never sent.
//! The browser turns each variant into a sentence in the person's language
//! (`ui::error::ErrorText`).
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What went wrong, in terms the interface can explain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No session, or it has ended.
    #[error("not signed in")]
    Unauthenticated,
    /// Signed in, but this organisation, circle or action is not theirs.
    #[error("forbidden")]
    Forbidden,
    /// Nothing with that id in this organisation.
    #[error("not found")]
    NotFound,
    /// A field is empty, too long or malformed.
    #[error("invalid {field:?}: {problem:?}")]
    Invalid { field: Field, problem: Problem },
    /// Unknown e-mail or wrong password: one message for both.
    #[error("bad credentials")]
    BadCredentials,
    /// Too many failed sign-ins for this account or this address.
    #[error("too many attempts, retry in {retry_after_minutes} min")]
    TooManyAttempts { retry_after_minutes: u32 },
    /// More than `per_minute` replies in a minute: nothing written. A queued reply waits and
    /// goes a little later (429 keeps it pending).
    #[error("too fast: {per_minute} per minute at most")]
    TooFast { per_minute: u32 },
    /// The request itself is malformed (an id that is not a UUID, a body that does not
    /// decode): a fault of the sender, never of the server.
    #[error("bad request")]
    BadRequest,
    /// This write's client id was already used for a different write.
    #[error("conflict")]
    Conflict,
    /// An edit made on an older version of a post than the current one: nothing was changed.
    /// Carries the current version and text, to show both texts and edit again from it.
    #[error("stale edit, now at version {version}")]
    Stale { version: i32, current: String },
    /// Someone moved it on meanwhile (a proposal decided, an experiment further along):
    /// nothing was changed.
    #[error("moved on meanwhile")]
    Moved,
    /// The session has ended: nobody answers any more.
    #[error("session over")]
    Over,
    /// The session has not started: who came is recorded once it has.
    #[error("session not started")]
    TooEarly,
    /// The prompt is not open yet, or closed: it is answered while open only.
    #[error("prompt not open")]
    PromptNotOpen,
    #[error("prompt closed")]
    PromptClosed,
    /// The circle is archived: it is read, and takes nothing new.
    #[error("circle archived")]
    Archived,
    /// A queued write saved by an older version of the app that this one cannot read.
    #[error("outdated queued write")]
    Outdated,
    /// The browser refused to store a write (storage full or disabled): nothing was saved.
    #[error("device storage full")]
    StorageFull,
    /// A write that did not come from this site's own pages.
    #[error("cross-site request")]
    CrossSite,
    /// The database does not answer: try again later, nothing was written.
    #[error("service unavailable")]
    Unavailable,
    /// Anything else on the server; the details are in its log.
    #[error("internal error")]
    Internal,
    /// The request never reached the server or its answer never came back (offline).
    #[error("network: {0}")]
    Network(String),
}

/// The field an `Invalid` error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Email,
    Password,
    Question,
    Reply,
    Organisation,
    /// A practice's parts: what was done (required), its context, what happened, what was
    /// hard, its tags.
    Practice,
    Context,
    Outcome,
    Difficulty,
    Tags,
    /// How trying a practice went ("I tried it").
    Tried,
    /// A library entry's themes and skills.
    Themes,
    Skills,
    /// Why a post is reported, hidden or restored.
    Reason,
    /// A circle's name and purpose.
    CircleName,
    Purpose,
    /// A PLC charter as a whole (empty: not one part written), and its parts.
    Charter,
    Mission,
    Vision,
    Values,
    Goals,
    /// A learning network's theme (its name, its expected outcome), a proposal's parts, the
    /// committee's note on a decision, an experiment's dates and result.
    ThemeName,
    ExpectedOutcome,
    ProposalTitle,
    ProposalProblem,
    Change,
    Experiment,
    Note,
    StartsOn,
    EndsOn,
    Result,
    /// A live session's title, times, place and link; a time zone.
    SessionTitle,
    StartsAt,
    EndsAt,
    Place,
    Link,
    TimeZone,
    /// A themed prompt's text, its opening and closing times, the circles it goes to.
    Prompt,
    OpensAt,
    ClosesAt,
    Circles,
}

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Empty,
    TooLong {
        max: u32,
    },
    /// More items than allowed (tags).
    TooMany {
        max: u32,
    },
    Malformed,
    /// Already used by another (a circle's name).
    Taken,
    /// A time already past (a session's end).
    Past,
    /// An end that does not come after its start.
    BeforeStart,
}

impl AppError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            AppError::Unauthenticated => S::UNAUTHORIZED,
            AppError::Forbidden | AppError::CrossSite => S::FORBIDDEN,
            AppError::NotFound => S::NOT_FOUND,
            AppError::Invalid { .. } => S::UNPROCESSABLE_ENTITY,
            AppError::BadRequest => S::BAD_REQUEST,
            AppError::Conflict
            | AppError::Stale { .. }
            | AppError::Archived
            | AppError::Moved
            | AppError::Over
            | AppError::TooEarly
            | AppError::PromptNotOpen
            | AppError::PromptClosed => S::CONFLICT,
            AppError::Outdated | AppError::StorageFull => S::UNPROCESSABLE_ENTITY,
            AppError::BadCredentials => S::UNAUTHORIZED,
            AppError::TooManyAttempts { .. } | AppError::TooFast { .. } => S::TOO_MANY_REQUESTS,
            AppError::Unavailable => S::SERVICE_UNAVAILABLE,
            AppError::Internal | AppError::Network(_) => S::INTERNAL_SERVER_ERROR,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = crate::json::JsonText;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(e) | ServerFnErrorErr::Response(e) => AppError::Network(e),
            ServerFnErrorErr::MiddlewareError(_) => AppError::CrossSite,
            // On the server: arguments that do not decode. In the browser, an answer that does
            // not decode is not the app's (a proxy's error page): the request may succeed later.
            ServerFnErrorErr::Args(_) => AppError::BadRequest,
            ServerFnErrorErr::Deserialization(e) if cfg!(feature = "ssr") => {
                let _ = e;
                AppError::BadRequest
            }
            ServerFnErrorErr::Deserialization(e) => AppError::Network(e),
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                tracing::warn!(error = %e, "database unavailable");
                AppError::Unavailable
            }
            sqlx::Error::RowNotFound => AppError::NotFound,
            _ => {
                tracing::error!(error = %e, "database error");
                AppError::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl From<tower_sessions::session::Error> for AppError {
    fn from(e: tower_sessions::session::Error) -> Self {
        tracing::warn!(error = %e, "session store error");
        AppError::Unavailable
    }
}
