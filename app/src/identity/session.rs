//! What a server function needs from its request, taken once before its first `.await` (the
//! Leptos context is only certain to be there until then): the pool, the session, the caller's
//! address, and where to set the response status.
//!
//! Who is calling is checked against Postgres on every request, so a removed membership takes
//! effect at once; within one request it is loaded once (one query for the person, their role
//! and their organisations) and shared by every server function the page's render runs.
use crate::error::AppError;
use crate::identity::model::{self as identity, Me, Role};
use crate::state::AppState;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use sqlx::PgPool;
use std::future::Future;
use tower_sessions::Session;
use uuid::Uuid;

/// Session key of the signed-in person's id.
pub const PERSON_KEY: &str = "person_id";
/// Session key of the organisation they are working in.
pub const ORG_KEY: &str = "org_id";
/// Session key of when the session was last extended (seconds since the epoch).
pub const TOUCHED_KEY: &str = "touched_at";
/// A session in use is extended at most this often (each extension is one write to Postgres):
/// it expires after its inactivity period counted from real use, give or take this much.
const TOUCH_EVERY_SECS: i64 = 3600;

/// The signed-in caller of a server function.
#[derive(Debug, Clone, Copy)]
pub struct Caller {
    pub person_id: Uuid,
    pub org_id: Uuid,
    pub role: Role,
}

/// Who is calling, loaded at most once per request: provided as context for each request by
/// the server (pages and server functions alike).
#[derive(Clone, Default)]
pub struct RequestCaller(std::sync::Arc<tokio::sync::OnceCell<Option<Me>>>);

/// The parts of the request a server function uses.
#[derive(Clone)]
pub struct Req {
    pub pool: PgPool,
    /// Permits for password hashing (see `AppState::hashing`).
    pub hashing: std::sync::Arc<tokio::sync::Semaphore>,
    pub session: Session,
    /// The client's IP address, for counting failed sign-ins per address.
    pub address: String,
    known: RequestCaller,
}

impl Req {
    fn current() -> Result<Req, AppError> {
        let parts = use_context::<http::request::Parts>();
        let ext = parts.as_ref().map(|p| &p.extensions);
        let state = use_context::<AppState>().or_else(|| ext.and_then(|e| e.get::<AppState>().cloned()));
        let session = ext.and_then(|e| e.get::<Session>().cloned());
        let address = ext
            .and_then(|e| e.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>())
            .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string());
        match (state, session) {
            (Some(state), Some(session)) => Ok(Req {
                pool: state.pool,
                hashing: state.hashing,
                session,
                address,
                known: use_context::<RequestCaller>().unwrap_or_default(),
            }),
            _ => {
                tracing::error!("server function called without application state or session layer");
                Err(AppError::Internal)
            }
        }
    }

    /// The signed-in person in their current organisation, or `Unauthenticated` when there is
    /// no valid session or membership. Loaded once per request.
    pub async fn me(&self) -> Result<Me, AppError> {
        let (person_id, org_id) = signed_in(&self.session).await?;
        self.touch().await?;
        let me = self.known.0.get_or_try_init(|| identity::me_in(&self.pool, person_id, org_id)).await?;
        me.clone().ok_or(AppError::Unauthenticated)
    }

    /// The caller, or `Unauthenticated` when there is no valid session or membership.
    pub async fn caller(&self) -> Result<Caller, AppError> {
        let me = self.me().await?;
        Ok(Caller { person_id: me.person_id, org_id: me.org_id, role: me.role })
    }

    /// The caller acting for a write made for `person_id` in `org_id` (a queued write carries
    /// both): refused unless the session is that person's and they are a member of that
    /// organisation, whichever organisation the session is working in now. A session of
    /// someone else answers `Unauthenticated`: the write is not refused, it waits for its own
    /// person to sign in (on a shared phone, a kept write must not turn failed).
    pub async fn caller_for(&self, person_id: Uuid, org_id: Uuid) -> Result<Caller, AppError> {
        let signed_in: Option<Uuid> = self.session.get(PERSON_KEY).await?;
        let Some(signed_in) = signed_in else { return Err(AppError::Unauthenticated) };
        if signed_in != person_id {
            return Err(AppError::Unauthenticated);
        }
        let current: Option<Uuid> = self.session.get(ORG_KEY).await?;
        if current == Some(org_id) {
            return self.caller().await;
        }
        self.touch().await?;
        match identity::role_in(&self.pool, person_id, org_id).await? {
            Some(role) => Ok(Caller { person_id, org_id, role }),
            None => Err(AppError::Forbidden),
        }
    }

    /// Extends a session that is being used, so it ends after real inactivity, not after a
    /// fixed time since it was last changed.
    async fn touch(&self) -> Result<(), AppError> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let touched: Option<i64> = self.session.get(TOUCHED_KEY).await?;
        if touched.is_none_or(|t| now - t >= TOUCH_EVERY_SECS) {
            self.session.insert(TOUCHED_KEY, now).await?;
        }
        Ok(())
    }
}

/// The person and organisation a session is signed in for; `Unauthenticated` when it is not.
pub async fn signed_in(session: &Session) -> Result<(Uuid, Uuid), AppError> {
    let person: Option<Uuid> = session.get(PERSON_KEY).await?;
    let org: Option<Uuid> = session.get(ORG_KEY).await?;
    match (person, org) {
        (Some(person_id), Some(org_id)) => Ok((person_id, org_id)),
        _ => Err(AppError::Unauthenticated),
    }
}

/// The caller of a request that is no server function (a calendar file), from its session and
/// their membership now: `Unauthenticated` without either.
pub async fn caller_of(pool: &PgPool, session: &Session) -> Result<Caller, AppError> {
    let (person_id, org_id) = signed_in(session).await?;
    let me = identity::me_in(pool, person_id, org_id).await?.ok_or(AppError::Unauthenticated)?;
    Ok(Caller { person_id: me.person_id, org_id: me.org_id, role: me.role })
}

/// Runs a server function's body with its request and, on error, answers with the error's
/// HTTP status: the API's answer, and the page's when a page's render ran it (a page whose
/// data failed answers 403, 404 or 503 like the API).
///
/// A plain HTML form post (JavaScript off) keeps Leptos's answer, a redirect back to the form
/// with the error carried in the URL: a status would replace that redirect.
pub async fn respond<T, F, Fut>(body: F) -> Result<T, AppError>
where
    F: FnOnce(Req) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let res = use_context::<ResponseOptions>();
    let form_post = use_context::<http::request::Parts>()
        .filter(|p| p.method == http::Method::POST)
        .and_then(|p| {
            p.headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).map(|v| v.contains("text/html"))
        })
        .unwrap_or(false);
    let result = match Req::current() {
        Ok(req) => body(req).await,
        Err(e) => Err(e),
    };
    if let (Err(e), Some(res), false) = (&result, res, form_post) {
        res.set_status(e.status());
    }
    result
}
