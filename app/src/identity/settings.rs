//! A person's own settings: for now the time zone their dates and times are shown in (theirs,
//! or their organisation's when they chose none). Choosing one is a write of the sync engine
//! (their own, in no circle), with a plain-form endpoint for pages used without JavaScript. The
//! page is in `settings_page`.
use crate::error::AppError;
use crate::json::Answer;
use crate::offline::writes::{Command, Receipt};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The settings page.
pub const SETTINGS_HREF: &str = "/settings";

/// What the settings page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The zone the person chose; `None` when they follow their organisation's.
    pub time_zone: Option<String>,
    /// Their organisation's zone.
    pub org_time_zone: String,
    /// The zones one may choose, by region (IANA names, as both the server's database and
    /// every browser know them).
    pub zones: Vec<String>,
}

/// Shows the caller's times in `zone` (an IANA name), or in their organisation's when it is
/// empty. `name` is what the outbox shows while it waits (the zone, or the words for the
/// organisation's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetTimeZone {
    pub zone: String,
    pub name: String,
}

impl Command for SetTimeZone {
    const KIND: &'static str = "set_time_zone";
}

/// The regions whose zones are offered: the IANA database's areas where people live and work
/// (not `Etc/GMT+5` and the like, which read backwards, nor old names such as `US/Eastern`;
/// the database's older names of places, `America/Montreal`, are listed too).
const REGIONS: [&str; 9] =
    ["Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"];

/// Whether `zone` is one the page offers: in a region, or `UTC`.
pub fn offered(zone: &str) -> bool {
    zone == "UTC" || zone.split_once('/').is_some_and(|(region, _)| REGIONS.contains(&region))
}

/// The region of an offered zone (`None` for `UTC`) and its place as people read it
/// ("America/Port_of_Spain": "America", "Port of Spain").
pub fn region_and_place(zone: &str) -> (Option<&str>, String) {
    match zone.split_once('/') {
        Some((region, place)) => (Some(region), place.replace('_', " ").replace('/', " / ")),
        None => (None, zone.to_owned()),
    }
}

/// The zones the page offers, sorted: those of the bundled IANA database in `REGIONS`, and UTC
/// (read once).
#[cfg(feature = "ssr")]
pub fn zones() -> &'static [String] {
    static ZONES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    ZONES.get_or_init(|| {
        let mut zones: Vec<String> =
            jiff::tz::db().available().map(|name| name.as_str().to_owned()).filter(|z| offered(z)).collect();
        zones.sort_unstable();
        zones.dedup();
        zones
    })
}

/// The zone to store for `zone` as chosen: `None` for the organisation's (empty), the name
/// when it is one the list offers, exactly as written there (so the page finds it selected),
/// else refused.
#[cfg(feature = "ssr")]
pub fn checked_zone(zone: &str) -> Result<Option<String>, AppError> {
    use crate::error::{Field, Problem};
    let zone = zone.trim();
    if zone.is_empty() {
        return Ok(None);
    }
    if zone.len() <= 64 && offered(zone) && zones().binary_search_by(|z| z.as_str().cmp(zone)).is_ok() {
        Ok(Some(zone.to_owned()))
    } else {
        Err(AppError::Invalid { field: Field::TimeZone, problem: Problem::Malformed })
    }
}

/// Whether `caller` may change their own settings (the policy's rule: everyone, their own).
/// Whose they are is settled before: a write is refused for anyone but the signed-in person
/// (`Request::caller_for`), and the queries name `caller.person_id` only.
#[cfg(feature = "ssr")]
fn own(caller: crate::identity::session::Caller) -> Result<(), AppError> {
    use crate::access::{allows, Action, Standing};
    if allows(caller.role, Standing { recipient: true, ..Standing::default() }, Action::ChangeOwnSettings) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[cfg(feature = "ssr")]
impl crate::offline::ledger::Apply for SetTimeZone {
    /// The zone stored (`None`: the organisation's).
    type Output = Option<String>;

    async fn apply(
        self,
        tx: &mut sqlx::PgConnection,
        caller: crate::identity::session::Caller,
    ) -> Result<Self::Output, AppError> {
        own(caller)?;
        let zone = checked_zone(&self.zone)?;
        sqlx::query!("update people set time_zone = $2 where id = $1", caller.person_id, zone.as_deref())
            .execute(&mut *tx)
            .await?;
        Ok(zone)
    }

    fn subject(_: &Self::Output) -> Option<Uuid> {
        None
    }
}

/// The caller's settings, and the zones they may choose from.
#[server(endpoint = "settings", input = GetUrl, output = Answer)]
pub async fn get_settings() -> Result<Settings, AppError> {
    crate::identity::session::respond(|req| async move {
        let me = req.caller().await?;
        own(me)?;
        let row = sqlx::query!(
            "select p.time_zone, o.time_zone as org_time_zone from people p, organisations o
             where p.id = $1 and o.id = $2",
            me.person_id,
            me.org_id,
        )
        .fetch_one(&req.pool)
        .await?;
        Ok(Settings { time_zone: row.time_zone, org_time_zone: row.org_time_zone, zones: zones().to_vec() })
    })
    .await
}

/// The time zone form posted without JavaScript; the page then opens again, with the zone.
#[server(endpoint = "set_time_zone", output = Answer)]
pub async fn post_set_time_zone(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    zone: String,
    #[server(default)] name: String,
) -> Result<Receipt, AppError> {
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        let name = if name.is_empty() { zone.clone() } else { name };
        crate::offline::writes::Write::SetTimeZone(SetTimeZone { zone, name }).apply(&req.pool, caller, client_id).await
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offered_zones_are_places_not_aliases() {
        assert!(offered("Europe/Paris") && offered("America/Argentina/Buenos_Aires") && offered("UTC"));
        assert!(!offered("Etc/GMT+5") && !offered("US/Eastern") && !offered("EST5EDT") && !offered(""));
        assert_eq!(region_and_place("America/Port_of_Spain"), (Some("America"), "Port of Spain".to_owned()));
        assert_eq!(
            region_and_place("America/Argentina/Buenos_Aires"),
            (Some("America"), "Argentina / Buenos Aires".to_owned())
        );
        assert_eq!(region_and_place("UTC"), (None, "UTC".to_owned()));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_database_gives_the_zones_and_checks_a_choice() {
        let zones = zones();
        assert!(zones.len() > 300, "{}", zones.len());
        assert!(zones.iter().any(|z| z == "Europe/Paris") && zones.iter().any(|z| z == "UTC"));
        assert!(zones.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(checked_zone(" America/Montreal "), Ok(Some("America/Montreal".to_owned())));
        assert_eq!(checked_zone(""), Ok(None));
        for bad in ["Nowhere/Atlantis", "Etc/GMT+5", "Europe/PARIS", "Europe/Paris; drop table people", "x"] {
            assert!(checked_zone(bad).is_err(), "{bad}");
        }
    }
}
