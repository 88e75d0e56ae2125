//! Server functions, one file per area. Each one is thin: who is calling (session), in which
//! organisation, with which role; validate; call a model; map the error. Endpoints are explicit
//! and stable, because writes queued offline must reach the same URL after a new release.
pub mod auth;
pub mod circles;
pub mod home;
#[cfg(feature = "ssr")]
pub mod session;
