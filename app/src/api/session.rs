//! Who is calling: the session cookie, the person and organisation it holds, and their role,
//! checked against Postgres on every call (a removed membership takes effect at once).
use crate::error::AppError;
use crate::models::identity::{self, Role};
use crate::state::pool;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use std::future::Future;
use tower_sessions::Session;
use uuid::Uuid;

/// Session key of the signed-in person's id.
pub const PERSON_KEY: &str = "person_id";
/// Session key of the organisation they are working in.
pub const ORG_KEY: &str = "org_id";

/// The signed-in caller of a server function.
#[derive(Debug, Clone, Copy)]
pub struct Caller {
    pub person_id: Uuid,
    pub org_id: Uuid,
    pub role: Role,
}

/// The request's session.
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = %e, "no session layer");
        AppError::Internal
    })
}

/// The caller, or `Unauthenticated` when there is no valid session or membership.
pub async fn caller() -> Result<Caller, AppError> {
    let session = session().await?;
    let person: Option<Uuid> = session.get(PERSON_KEY).await?;
    let org: Option<Uuid> = session.get(ORG_KEY).await?;
    let (Some(person_id), Some(org_id)) = (person, org) else {
        return Err(AppError::Unauthenticated);
    };
    match identity::role_in(&pool(), person_id, org_id).await? {
        Some(role) => Ok(Caller { person_id, org_id, role }),
        None => Err(AppError::Unauthenticated),
    }
}

/// Runs a server function's body and, on error, answers with the error's HTTP status.
///
/// A plain HTML form post (JavaScript off) is left alone: Leptos answers it with a redirect
/// back to the form, the error carried in the URL, and a status would replace that redirect.
pub async fn respond<T>(body: impl Future<Output = Result<T, AppError>>) -> Result<T, AppError> {
    let result = body.await;
    if let Err(e) = &result {
        let form_post = use_context::<http::request::Parts>()
            .and_then(|p| p.headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).map(|v| v.contains("text/html")))
            .unwrap_or(false);
        if !form_post {
            if let Some(res) = use_context::<ResponseOptions>() {
                res.set_status(e.status());
            }
        }
    }
    result
}
