//! Shared types, sent between server and browser. Their queries sit in `ssr`-only blocks of the
//! same files: every query takes the organisation id and filters by it.
pub mod activity;
pub mod circle;
pub mod identity;
pub mod post;
pub mod team;

/// Milliseconds since the Unix epoch, as sent to the browser (no time zone surprises).
pub type UnixMs = i64;

#[cfg(feature = "ssr")]
pub(crate) fn unix_ms(t: time::OffsetDateTime) -> UnixMs {
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}
