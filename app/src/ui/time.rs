//! Times as the browser receives them.

/// Milliseconds since the Unix epoch, as sent to the browser (no time zone surprises).
pub type UnixMs = i64;

#[cfg(feature = "ssr")]
pub(crate) fn unix_ms(t: time::OffsetDateTime) -> UnixMs {
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}
