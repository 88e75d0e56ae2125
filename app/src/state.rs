//! What the server hands every request: built once in `server`, given to axum handlers as state,
//! and to server functions both as Leptos context and as a request extension
//! (see `identity::session::Req`).
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sqlx::PgPool;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Shared, cheap to clone; holds no per-user state so any number of instances can run.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: PgPool,
    /// Password hashes allowed at once (each takes 19 MiB and tens of milliseconds of a core):
    /// a flood of sign-ins waits briefly, then gets 503, instead of exhausting the machine.
    pub hashing: Arc<Semaphore>,
}

impl AppState {
    /// State with `hashes` password hashes allowed at once.
    pub fn new(leptos_options: LeptosOptions, pool: PgPool, hashes: usize) -> AppState {
        AppState { leptos_options, pool, hashing: Arc::new(Semaphore::new(hashes.max(1))) }
    }
}
