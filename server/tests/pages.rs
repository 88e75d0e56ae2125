//! Pages as the server renders them: language from the browser, sign-in redirect.
mod common;
use common::*;
use http::{header, Request, StatusCode};
use sqlx::PgPool;

async fn page(w: &World, path: &str, accept_language: &str) -> (StatusCode, Option<String>, String) {
    page_with(w, path, accept_language, None).await.0
}

/// A page with a `Cookie` header; also whether the answer sets the language cookie.
async fn page_with(
    w: &World,
    path: &str,
    accept_language: &str,
    cookie: Option<&str>,
) -> ((StatusCode, Option<String>, String), bool) {
    use tower::ServiceExt;
    let mut req = Request::get(path);
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    let req = req
        .header(header::ACCEPT_LANGUAGE, accept_language)
        .header(header::ACCEPT, "text/html")
        .body(axum::body::Body::empty())
        .expect("request");
    let res = w.router.clone().oneshot(req).await.expect("response");
    let status = res.status();
    let sets_language = res
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.starts_with("i18n_pref_locale")));
    let location = res.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let body = axum::body::to_bytes(res.into_body(), 1 << 22).await.expect("body");
    ((status, location, String::from_utf8_lossy(&body).into_owned()), sets_language)
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_sign_in_page_speaks_the_browsers_language_french_first(pool: PgPool) {
    let w = world(pool).await;
    let (status, _, fr) = page(&w, "/login", "fr-FR,fr;q=0.9").await;
    assert_eq!(status, StatusCode::OK);
    assert!(fr.contains("Connexion") && fr.contains("Mot de passe"), "{fr}");
    let (_, _, en) = page(&w, "/login", "en-GB,en;q=0.8").await;
    assert!(en.contains("Sign in") && en.contains("Password"), "{en}");
    let (_, _, other) = page(&w, "/login", "de-DE").await;
    assert!(other.contains("Connexion"), "French is the default");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_saved_language_beats_the_browsers_and_only_the_browser_saves_it(pool: PgPool) {
    let w = world(pool).await;
    let ((_, _, en), sets) = page_with(&w, "/login", "fr-FR,fr;q=0.9", Some("a=1; i18n_pref_locale=en")).await;
    assert!(en.contains(r#"lang="en""#) && en.contains("Password"), "{en}");
    assert!(!sets, "the server never writes the language cookie");
    let ((_, _, fr), sets) = page_with(&w, "/login", "fr-FR,fr;q=0.9", Some("i18n_pref_locale=klingon")).await;
    assert!(fr.contains(r#"lang="fr""#) && fr.contains("Mot de passe"), "an unknown value falls back: {fr}");
    assert!(!sets);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn signed_out_visitors_are_sent_to_sign_in(pool: PgPool) {
    let w = world(pool).await;
    let (status, location, _) = page(&w, "/", "fr").await;
    assert!(status.is_redirection(), "{status}");
    assert_eq!(location.as_deref(), Some("/login"));
}

/// A page as a signed-in browser asks for it.
async fn page_as(client: &mut Client, path: &str) -> Answer {
    client.send(Request::get(path).header(header::ACCEPT, "text/html"), String::new()).await
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_page_whose_data_failed_answers_its_status(pool: PgPool) {
    let w = world(pool).await;
    let mut outsider = Client::signed_in(&w, "outsider@a.test").await;
    let forbidden = page_as(&mut outsider, &format!("/circles/{}", w.circle_a)).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    assert!(forbidden.body.contains("Cet espace ne vous est pas ouvert."));
    let mut other_org = Client::signed_in(&w, "member@b.test").await;
    let missing = page_as(&mut other_org, &format!("/circles/{}", w.circle_a)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let mut member = Client::signed_in(&w, "member@a.test").await;
    assert_eq!(page_as(&mut member, &format!("/circles/{}", w.circle_a)).await.status, StatusCode::OK);
    w.pool.close().await;
    let down = page_as(&mut member, "/").await;
    assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(down.body.contains("momentanément indisponible"));
}
