//! The sync engine and the device's copies.
//!
//! - `writes`: every kind of write, the envelope it travels in, the receipt it gets back;
//! - `ledger` (server): applies each write once per organisation, person and client id;
//! - `api`: the one endpoint queued writes are posted to;
//! - `store`, `outbox`, `lock`, `send` (browser): the queue in `localStorage`, its replay by
//!   one tab at a time, and what each answer means;
//! - `cache`: copies of data the person has seen, per person and organisation, for offline
//!   pages; forgotten at sign-out.
//!
//! - `outbox_list`, `sync_mark`: what the person sees of it (writes waiting or failed, the
//!   "offline, data from the last sync" mark).
//!
//! On the server the browser parts are inert, so the same components render there.
pub mod api;
pub mod cache;
#[cfg(feature = "ssr")]
pub mod ledger;
#[cfg(feature = "hydrate")]
mod lock;
pub mod outbox;
pub mod outbox_list;
pub mod refill;
pub mod send;
pub mod store;
pub mod sync_mark;
pub mod write_form;
pub mod writes;

/// Milliseconds since the epoch, by the browser's clock (0 on the server, which never stores).
pub fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0
    }
}
