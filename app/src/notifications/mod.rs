//! Notifications: what a person is told of in the app (a reply to their post, their practice
//! tried or promoted, a prompt opened in their circle, a session of theirs tomorrow, their
//! proposal decided), made with the activity event that owes them (`activity::record`).
//!
//! - `model`: a notification's kind, what the list shows, where opening it leads;
//! - `api`: the list and the unread count, and marking them read (a write of the sync engine);
//! - `page`: `/notifications` (loaded lazily); the navigation shows the unread count.
pub mod api;
pub mod model;
pub mod page;
