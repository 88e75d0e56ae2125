//! What the server hands every request: built once in `server`, given to axum handlers as state,
//! and to server functions both as Leptos context and as a request extension
//! (see `api::session::Req`).
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sqlx::PgPool;

/// Shared, cheap to clone; holds no per-user state so any number of instances can run.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: PgPool,
}
