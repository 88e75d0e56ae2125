//! Signing in and out over HTTP.
mod common;
use app::error::AppError;
use app::identity::model::{Me, Role};
use common::*;
use http::{header, Request, StatusCode};
use sqlx::PgPool;

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn sign_in_renews_the_session_and_records_it(pool: PgPool) {
    let w = world(pool).await;
    let mut c = Client::new(&w);
    let first = c.sign_in("member@a.test", PASSWORD).await;
    assert!(first.status.is_success() || first.status.is_redirection(), "{}", first.body);
    let cookie = c.cookie.clone().expect("cookie");
    let me: Option<Me> = c.get("/api/me").await.json();
    let me = me.expect("signed in");
    assert_eq!(me.org_id, w.org_a);
    assert_eq!(me.role, Role::Member);
    // Signing in again gives a new session id.
    c.sign_in("MEMBER@a.test", PASSWORD).await;
    assert_ne!(c.cookie.clone().expect("cookie"), cookie);
    assert_eq!(count(&w.pool, "select count(*) from activity_events where kind = 'signed_in'").await, 2);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn unknown_email_and_wrong_password_get_the_same_answer(pool: PgPool) {
    let w = world(pool).await;
    let mut c = Client::new(&w);
    let wrong = c.sign_in("member@a.test", "nope").await;
    let unknown = c.sign_in("nobody@a.test", "nope").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!((wrong.status, wrong.body.clone()), (unknown.status, unknown.body));
    assert_eq!(wrong.json::<AppError>(), AppError::BadCredentials);
    assert!(c.cookie.is_none() || c.get("/api/me").await.json::<Option<Me>>().is_none());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn repeated_failures_lock_the_account_with_429(pool: PgPool) {
    let w = world(pool).await;
    let mut c = Client::new(&w);
    for _ in 0..5 {
        assert_eq!(c.sign_in("member@a.test", "guess").await.status, StatusCode::UNAUTHORIZED);
    }
    let locked = c.sign_in("member@a.test", PASSWORD).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        matches!(locked.json::<AppError>(), AppError::TooManyAttempts { retry_after_minutes } if retry_after_minutes >= 1)
    );
    // Another account is not locked by it.
    let other = c.sign_in("outsider@a.test", PASSWORD).await;
    assert!(other.status.is_success() || other.status.is_redirection());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn sign_out_ends_the_session_on_the_server(pool: PgPool) {
    let w = world(pool).await;
    let mut c = Client::signed_in(&w, "member@a.test").await;
    let old_cookie = c.cookie.clone();
    let out = c.post("/api/sign_out", &[]).await;
    assert!(out.status.is_success() || out.status.is_redirection(), "{}", out.body);
    // Even replaying the old cookie finds no session.
    c.cookie = old_cookie;
    let me: Option<Me> = c.get("/api/me").await.json();
    assert!(me.is_none());
    assert_eq!(c.posts(w.circle_a).await.status, StatusCode::UNAUTHORIZED);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_cross_site_write_is_refused(pool: PgPool) {
    let w = world(pool).await;
    let req = Request::post("/api/sign_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "https://evil.example");
    let mut c = Client::new(&w);
    // `send` marks requests same-origin; build this one by hand.
    use tower::ServiceExt;
    let res = c
        .router
        .clone()
        .oneshot(
            req.header("sec-fetch-site", "cross-site")
                .body(axum::body::Body::from(format!("email=member%40a.test&password={PASSWORD}")))
                .expect("request"),
        )
        .await
        .expect("response");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(c.get("/api/me").await.json::<Option<Me>>().is_none());
    assert_eq!(count(&w.pool, "select count(*) from activity_events").await, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn switching_to_an_organisation_one_does_not_belong_to_is_refused(pool: PgPool) {
    let w = world(pool).await;
    let mut c = Client::signed_in(&w, "member@a.test").await;
    let refused = c.post("/api/switch_org", &[("org_id", &w.org_b.to_string())]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let me: Option<Me> = c.get("/api/me").await.json();
    assert_eq!(me.expect("still signed in").org_id, w.org_a);

    // Once a member of both, switching works.
    let (id,): (uuid::Uuid,) =
        sqlx::query_as("select id from people where email = 'member@a.test'").fetch_one(&w.pool).await.expect("person");
    sqlx::query("insert into memberships (org_id, person_id, role) values ($1, $2, 'lead')")
        .bind(w.org_b)
        .bind(id)
        .execute(&w.pool)
        .await
        .expect("membership");
    c.post("/api/switch_org", &[("org_id", &w.org_b.to_string())]).await;
    let me: Option<Me> = c.get("/api/me").await.json();
    let me = me.expect("signed in");
    assert_eq!((me.org_id, me.role, me.orgs.len()), (w.org_b, Role::Lead, 2));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn parallel_wrong_passwords_never_get_past_the_limit(pool: PgPool) {
    let w = world(pool).await;
    let guesses = (0..12).map(|i| {
        let mut c = Client::new(&w);
        async move { c.sign_in("member@a.test", &format!("guess-{i}")).await.status }
    });
    let statuses = futures_join_all(guesses).await;
    let checked = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    let refused = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert!(checked <= 5, "{checked} passwords were checked: {statuses:?}");
    assert_eq!(checked + refused, 12, "{statuses:?}");
    let (attempts,): (i32,) = sqlx::query_as("select attempts from sign_in_counters where key like 'pair:%'")
        .fetch_one(&w.pool)
        .await
        .expect("counter");
    assert_eq!(attempts, 12);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn failures_from_another_address_do_not_lock_the_account(pool: PgPool) {
    let w = world(pool).await;
    let mut stranger = Client::from_address(&w, [203, 0, 113, 9]);
    for _ in 0..8 {
        let s = stranger.sign_in("member@a.test", "guess").await.status;
        assert!(s == StatusCode::UNAUTHORIZED || s == StatusCode::TOO_MANY_REQUESTS);
    }
    assert_eq!(stranger.sign_in("member@a.test", PASSWORD).await.status, StatusCode::TOO_MANY_REQUESTS);
    // The account's owner, from their own address, signs in.
    let mut owner = Client::from_address(&w, [198, 51, 100, 7]);
    let ok = owner.sign_in("member@a.test", PASSWORD).await;
    assert!(ok.status.is_success() || ok.status.is_redirection(), "{}", ok.body);
    assert!(owner.get("/api/me").await.json::<Option<Me>>().is_some());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_successful_sign_in_gives_its_attempt_back(pool: PgPool) {
    let w = world(pool).await;
    for _ in 0..25 {
        let mut c = Client::new(&w);
        let ok = c.sign_in("member@a.test", PASSWORD).await;
        assert!(ok.status.is_success() || ok.status.is_redirection(), "{}", ok.body);
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_purge_deletes_expired_sessions_old_counters_and_old_ledger_rows(pool: PgPool) {
    let w = world(pool).await;
    let mut c = Client::new(&w);
    c.sign_in("member@a.test", "guess").await;
    let mut member = Client::signed_in(&w, "member@a.test").await;
    member.ask(w.circle_a, uuid::Uuid::new_v4(), "Une question d'il y a longtemps").await;
    member.ask(w.circle_a, uuid::Uuid::new_v4(), "Une question récente").await;
    sqlx::query(
        "update write_ledger set applied_at = now() - interval '181 days'
         where client_id = (select client_id from write_ledger order by applied_at limit 1)",
    )
    .execute(&w.pool)
    .await
    .expect("age");
    sqlx::query("update sign_in_counters set window_start = now() - interval '2 days'")
        .execute(&w.pool)
        .await
        .expect("age");
    sqlx::query("update tower_sessions.session set expiry_date = now() - interval '1 minute'")
        .execute(&w.pool)
        .await
        .expect("expire");
    let store = tower_sessions_sqlx_store::PostgresStore::new(w.pool.clone());
    server::jobs::purge_once(&w.pool, &store).await.expect("purge");
    assert_eq!(count(&w.pool, "select count(*) from sign_in_counters").await, 0);
    assert_eq!(count(&w.pool, "select count(*) from tower_sessions.session").await, 0);
    assert_eq!(count(&w.pool, "select count(*) from write_ledger").await, 1);
    assert_eq!(count(&w.pool, "select count(*) from posts").await, 2, "the writes themselves stay");
}

/// Runs futures concurrently on the test's runtime.
async fn futures_join_all<F: std::future::Future<Output = StatusCode> + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<StatusCode> {
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.expect("task"));
    }
    out
}
