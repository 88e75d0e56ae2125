//! A person's time zone over HTTP: chosen through the sync engine or the plain form, it is the
//! zone `me` (and so every page) shows times in; empty goes back to the organisation's; an
//! unknown zone or another person's write is refused and changes nothing; a replay is one write.
mod common;
use app::error::{AppError, Field, Problem};
use app::identity::model::Me;
use app::identity::settings::{SetTimeZone, Settings};
use app::offline::writes::{Receipt, Write};
use common::*;
use http::StatusCode;
use uuid::Uuid;

async fn settings(client: &mut Client) -> Settings {
    let answer = client.get("/api/settings").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.json()
}

async fn zone_of_me(client: &mut Client) -> String {
    client.get("/api/me").await.json::<Me>().time_zone
}

fn set(zone: &str) -> Write {
    Write::SetTimeZone(SetTimeZone { zone: zone.into(), name: zone.into() })
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_chosen_zone_is_the_one_times_are_shown_in_until_set_back(pool: sqlx::PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let first = settings(&mut camille).await;
    assert_eq!((first.time_zone.as_deref(), first.org_time_zone.as_str()), (None, "Europe/Paris"));
    assert!(first.zones.iter().any(|z| z == "America/Toronto") && !first.zones.iter().any(|z| z == "Etc/GMT+5"));
    assert_eq!(zone_of_me(&mut camille).await, "Europe/Paris");

    let envelope = camille.envelope(set("America/Toronto"));
    let answer = camille.sync(&envelope).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(zone_of_me(&mut camille).await, "America/Toronto");
    assert_eq!(settings(&mut camille).await.time_zone.as_deref(), Some("America/Toronto"));
    // Sent again (the device did not hear the answer): nothing more is done.
    let again: Receipt = camille.sync(&envelope).await.json();
    assert!(again.replayed);
    assert_eq!(count(&w.pool, "select count(*) from write_ledger where kind = 'set_time_zone'").await, 1);

    // Someone else's zone is theirs alone.
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;
    assert_eq!(zone_of_me(&mut sophie).await, "Europe/Paris");

    // Back to the organisation's, with the plain form.
    let (person, org) = camille.ids();
    let answer = camille
        .post(
            "/api/set_time_zone",
            &[
                ("org_id", &org.to_string()),
                ("person_id", &person.to_string()),
                ("client_id", &Uuid::new_v4().to_string()),
                ("zone", ""),
            ],
        )
        .await;
    assert!(answer.status.is_success() || answer.status.is_redirection(), "{} {}", answer.status, answer.body);
    assert_eq!(settings(&mut camille).await.time_zone, None);
    assert_eq!(zone_of_me(&mut camille).await, "Europe/Paris");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_unknown_zone_or_another_persons_write_changes_nothing(pool: sqlx::PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let zones = "select coalesce(string_agg(coalesce(time_zone, '-'), ',' order by email), '') from people";
    let before = sqlx::query_scalar::<_, String>(zones).fetch_one(&w.pool).await.expect("zones");
    for bad in
        ["Nowhere/Atlantis", "Etc/GMT+5", "europe/paris", "Europe/Paris'; drop table people; --", &"A/".repeat(40)]
    {
        let refused = camille.sync(&camille.envelope(set(bad))).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {}", refused.body);
        assert_eq!(
            refused.json::<AppError>(),
            AppError::Invalid { field: Field::TimeZone, problem: Problem::Malformed },
            "{bad}"
        );
    }
    // Sophie's write, sent with Camille's session: refused, whoever's ids it names.
    let sophie = Client::signed_in(&w, "animator@a.test").await;
    let hers = sophie.envelope(set("Asia/Tokyo"));
    let refused = camille.sync(&hers).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{}", refused.body);
    let (sophie_id, org) = sophie.ids();
    let refused = camille
        .post(
            "/api/set_time_zone",
            &[
                ("org_id", &org.to_string()),
                ("person_id", &sophie_id.to_string()),
                ("client_id", &Uuid::new_v4().to_string()),
                ("zone", "Asia/Tokyo"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{}", refused.body);
    assert_eq!(sqlx::query_scalar::<_, String>(zones).fetch_one(&w.pool).await.expect("zones"), before);
    assert_eq!(count(&w.pool, "select count(*) from write_ledger").await, 0);
}
