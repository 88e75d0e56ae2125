//! Live sessions ("Manager Boost", seed 001): a circle's meetings, who goes, who came.
//!
//! - `model`: a session's fields and their rules (both sides), what the pages show;
//! - `api`: the list and a session's page, the writes (schedule, answer, record attendance),
//!   each through the sync engine, and a session as an iCalendar file;
//! - `page`: the circle page's list and form, and a session's page (loaded lazily).
pub mod api;
pub mod model;
pub mod page;
