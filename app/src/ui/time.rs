//! Times as the browser receives them, and as people read them: in their own time zone (theirs,
//! else their organisation's), the same text on the server and in the browser, so a page
//! rendered on the server hydrates without a difference.
//!
//! The server reads the IANA database through `jiff`; the browser asks its own `Intl` (the same
//! database, so no time zone data travels in the wasm). Both give the civil date and time, and
//! one function writes them.

/// Milliseconds since the Unix epoch, as sent to the browser (no time zone surprises).
pub type UnixMs = i64;

use crate::error::{AppError, Field, Problem};

/// The zone a person's times are shown in when neither they nor their organisation chose one.
pub const DEFAULT_ZONE: &str = "Europe/Paris";

#[cfg(feature = "ssr")]
pub(crate) fn unix_ms(t: time::OffsetDateTime) -> UnixMs {
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

/// A local date and time as a `datetime-local` field gives it (`YYYY-MM-DDTHH:MM`): its date,
/// hour and minute, comparable.
pub type Local = (time::Date, u8, u8);

/// Reads a `datetime-local` field; `Empty` when blank, `Malformed` when it is no such time.
pub fn local(field: Field, raw: &str) -> Result<Local, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::Invalid { field, problem: Problem::Empty });
    }
    let malformed = AppError::Invalid { field, problem: Problem::Malformed };
    let (date, clock) = raw.split_once('T').ok_or(malformed.clone())?;
    let day = crate::network::model::day(field, date)?.ok_or(malformed.clone())?;
    let mut hm = clock.split(':').map(str::parse::<u8>);
    match (hm.next(), hm.next()) {
        (Some(Ok(h)), Some(Ok(m))) if h < 24 && m < 60 => Ok((day, h, m)),
        _ => Err(malformed),
    }
}

/// The instant a local time of `zone` names, for `field` (a time a change of clocks skips
/// or repeats: jiff's "compatible" choice, as calendars do).
#[cfg(feature = "ssr")]
pub fn instant(zone: &str, field: Field, (date, hour, minute): Local) -> Result<time::OffsetDateTime, AppError> {
    let unknown = AppError::Invalid { field: Field::TimeZone, problem: Problem::Malformed };
    let tz = jiff::tz::TimeZone::get(zone).map_err(|_| unknown.clone())?;
    let malformed = AppError::Invalid { field, problem: Problem::Malformed };
    let (y, m, d) = (date.year(), u8::from(date.month()), date.day());
    let day = jiff::civil::Date::new(
        i16::try_from(y).map_err(|_| malformed.clone())?,
        i8::try_from(m).map_err(|_| malformed.clone())?,
        i8::try_from(d).map_err(|_| malformed.clone())?,
    )
    .map_err(|_| malformed.clone())?;
    let at = day
        .at(
            i8::try_from(hour).map_err(|_| malformed.clone())?,
            i8::try_from(minute).map_err(|_| malformed.clone())?,
            0,
            0,
        )
        .to_zoned(tz)
        .map_err(|_| malformed.clone())?;
    time::OffsetDateTime::from_unix_timestamp(at.timestamp().as_second()).map_err(|_| malformed)
}

/// A civil date and time: year, month, day, hour, minute.
pub type Civil = (i32, u8, u8, u8, u8);

/// The civil date and time of `ms` in time zone `zone` (an IANA name); `None` for a zone the
/// database does not know.
#[cfg(feature = "ssr")]
pub fn civil(ms: UnixMs, zone: &str) -> Option<Civil> {
    let zoned = jiff::Timestamp::from_millisecond(ms).ok()?.in_tz(zone).ok()?;
    let [m, d, h, min] = [zoned.month(), zoned.day(), zoned.hour(), zoned.minute()].map(|v| u8::try_from(v).ok());
    Some((i32::from(zoned.year()), m?, d?, h?, min?))
}

/// [`civil`], in the browser.
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub fn civil(ms: UnixMs, zone: &str) -> Option<Civil> {
    use js_sys::{Array, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    let options = Object::new();
    for (key, value) in [
        ("timeZone", zone),
        ("year", "numeric"),
        ("month", "2-digit"),
        ("day", "2-digit"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("hourCycle", "h23"),
    ] {
        Reflect::set(&options, &key.into(), &value.into()).ok()?;
    }
    // 24-hour time also where an engine ignores `hourCycle`.
    Reflect::set(&options, &"hour12".into(), &JsValue::FALSE).ok()?;
    // Constructed through `Reflect`: an unknown zone is a `RangeError` to catch, not a panic.
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor = Reflect::get(&intl, &"DateTimeFormat".into()).ok()?;
    let args = Array::of2(&JsValue::from_str("en-US"), &options);
    let format = Reflect::construct(constructor.dyn_ref::<js_sys::Function>()?, &args).ok()?;
    let to_parts = Reflect::get(&format, &"formatToParts".into()).ok()?;
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    let parts = Reflect::apply(to_parts.dyn_ref::<js_sys::Function>()?, &format, &Array::of1(&date)).ok()?;
    let parts: Array = parts.dyn_into().ok()?;
    let part = |name: &str| -> Option<i32> {
        parts.iter().find_map(|p| {
            let kind = Reflect::get(&p, &"type".into()).ok()?.as_string()?;
            (kind == name).then(|| Reflect::get(&p, &"value".into()).ok()?.as_string()?.parse().ok())?
        })
    };
    let small = |name: &str| part(name).and_then(|v| u8::try_from(v).ok());
    Some((part("year")?, small("month")?, small("day")?, small("hour")?, small("minute")?))
}

/// Neither side (a build for tests of pure code).
#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
pub fn civil(_ms: UnixMs, _zone: &str) -> Option<Civil> {
    None
}

/// `ms` as people read it in `zone` ("07/12/2026 18:30"); in UTC, said so, when the zone is
/// unknown here.
pub fn format_in(ms: UnixMs, zone: &str) -> String {
    if let Some((y, m, d, h, min)) = civil(ms, zone) {
        return format!("{d:02}/{m:02}/{y} {h:02}:{min:02}");
    }
    match time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000) {
        Ok(t) => {
            format!("{:02}/{:02}/{} {:02}:{:02} UTC", t.day(), u8::from(t.month()), t.year(), t.hour(), t.minute())
        }
        Err(_) => String::new(),
    }
}

/// `ms` as the signed-in person reads it, in their time zone. Called while rendering a page,
/// which has the person already (every page waits for them first), on the server and in the
/// browser alike.
pub fn format_time(ms: UnixMs) -> String {
    use leptos::prelude::*;
    let zone = use_context::<crate::shell::layout::MeResource>()
        .and_then(|me| me.zone())
        .unwrap_or_else(|| DEFAULT_ZONE.to_owned());
    format_in(ms, &zone)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn times_read_in_the_zone_with_its_summer_time() {
        // 2026-12-07 17:30 UTC: 18:30 in Paris (winter), 12:30 in Montreal.
        let winter = 1_796_664_600_000;
        assert_eq!(format_in(winter, "Europe/Paris"), "07/12/2026 18:30");
        assert_eq!(format_in(winter, "America/Toronto"), "07/12/2026 12:30");
        // 2026-07-01 08:00 UTC: 10:00 in Paris (summer).
        assert_eq!(format_in(1_782_892_800_000, "Europe/Paris"), "01/07/2026 10:00");
        assert_eq!(format_in(winter, "Nowhere/Atlantis"), "07/12/2026 17:30 UTC");
    }
}
