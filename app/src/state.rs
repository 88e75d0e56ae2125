//! What the server hands every request: built once in `server`, provided to server functions as
//! context and to axum handlers as state.
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sqlx::PgPool;

/// Shared, cheap to clone; holds no per-user state so any number of instances can run.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: PgPool,
}

/// The pool of the current request, from the context the server provides.
pub fn pool() -> PgPool {
    leptos::prelude::expect_context::<AppState>().pool
}
