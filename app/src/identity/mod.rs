//! Who is calling: sign-in and its limits, sessions, organisations and the person's role in
//! each, teams.
//!
//! - `login`: the sign-in page;
//! - `api`: sign in, sign out, switch organisation, who am I (server functions);
//! - `session` (server): the caller of a request, loaded once and shared by every server
//!   function the render runs; the only way a server function learns who calls;
//! - `model`: people, organisations, roles, and their queries (server);
//! - `teams`: teams and their leads;
//! - `settings`, `settings_page`: the person's own settings (their time zone) and their page;
//! - `sign_in_limits`: pure throttling rules.
pub mod api;
pub mod login;
pub mod model;
#[cfg(feature = "ssr")]
pub mod session;
pub mod settings;
pub mod settings_page;
pub mod sign_in_limits;
pub mod teams;
