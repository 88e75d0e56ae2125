//! Working offline: data already seen is kept in browser storage (`cache`), and writes made
//! without a network wait in an outbox (`outbox`) until they can be replayed. On the server
//! both are inert, so the same components render there.
pub mod cache;
pub mod outbox;

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
