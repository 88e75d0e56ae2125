//! The organisation's practice library ("la mallette"): practices an animator promoted from a
//! circle, for everyone in the organisation to find, take up and say how it went.
//!
//! - `page`, `entry`: the library's search and an entry's page (each loaded lazily);
//! - `api`: their server functions, and promoting a practice (a write);
//! - `model`: entries, searches, and their queries (server);
//! - `promote_form`: the animators' form, on a practice's thread.
pub mod api;
pub mod entry;
pub mod model;
pub mod page;
pub mod promote_form;
