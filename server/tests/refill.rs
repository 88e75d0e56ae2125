//! A plain form (JavaScript off) refused by the server comes back with what was typed: the
//! page the refusal leads back to fills it into the form it came from, once; a stale edit
//! shows the person's text in its form, open, and the post's current text above it; nothing
//! is kept for a stranger, nor across a sign-in or a change of organisation, and another form
//! posting to the same place stays as it was. Choices come back chosen (radios, a select,
//! boxes ticked) and a text keeps its leading line break. Text that closes its element
//! (`</textarea>`, `</title>`) stays inside it.
mod common;
use app::circles::edit::EditPost;
use app::offline::writes::Write;
use common::*;
use http::{header, Request, StatusCode};
use uuid::Uuid;

/// Posts `form` to `path` as a browser without JavaScript does from the page `from`.
async fn post_from(client: &mut Client, from: &str, path: &str, form: &[(&str, &str)]) -> Answer {
    let body = serde_urlencoded::to_string(form).expect("form");
    let req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, format!("{SITE}{from}"));
    client.send(req, body).await
}

/// The page a refusal's redirect leads to, as a browser without JavaScript gets it.
async fn follow(client: &mut Client, refused: &Answer) -> Answer {
    assert!(refused.status.is_redirection(), "{} {}", refused.status, refused.body);
    let to = refused.location.as_deref().unwrap_or_default();
    assert!(to.contains("__err="), "{to}");
    let path = to.strip_prefix(SITE).unwrap_or(to).to_owned();
    client.send(Request::get(path).header(header::ACCEPT, "text/html"), String::new()).await
}

/// The text inside the `<textarea>` whose id is `id` on `html`.
fn area<'a>(html: &'a str, id: &str) -> &'a str {
    let open = format!("id=\"{id}\"");
    let start = html.find(&open).unwrap_or_else(|| panic!("no {id} in {html}"));
    let from = start + html[start..].find('>').expect("tag end") + 1;
    let to = from + html[from..].find("</textarea>").expect("textarea end");
    &html[from..to]
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_refused_question_comes_back_in_its_form_once(pool: sqlx::PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let (person, org) = camille.ids();
    let page = format!("/circles/{}", w.circle_a);
    let typed = format!("<b>Comment</b> fais-tu ? {}", "x".repeat(app::ui::text::MAX_POST_CHARS));
    let form = [
        ("org_id", org.to_string()),
        ("person_id", person.to_string()),
        ("client_id", Uuid::new_v4().to_string()),
        ("circle_id", w.circle_a.to_string()),
        ("body", typed.clone()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let refused = post_from(&mut camille, &page, "/api/ask_question", &form).await;
    assert_eq!(count(&w.pool, "select count(*) from posts").await, 0);
    let back = follow(&mut camille, &refused).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    let escaped = typed.replace('<', "&lt;").replace('>', "&gt;");
    assert_eq!(area(&back.body, "ask-body"), escaped, "the question comes back, escaped");
    // Taken once: the same address again shows the empty form (and still the refusal).
    let again = follow(&mut camille, &refused).await;
    assert_eq!(area(&again.body, "ask-body"), "");

    // Refused again from the page its first refusal led to: Leptos appends the second
    // refusal to that address, and the second text comes back.
    let on_error_page = refused.location.as_deref().unwrap_or_default();
    let on_error_page = on_error_page.strip_prefix(SITE).unwrap_or(on_error_page).to_owned();
    let mut second = form.clone();
    let second_text = format!("Deuxième essai {}", "y".repeat(app::ui::text::MAX_POST_CHARS));
    second[4] = ("body", &second_text);
    let twice = post_from(&mut camille, &on_error_page, "/api/ask_question", &second).await;
    assert!(twice.location.as_deref().unwrap_or_default().matches("__path=").count() >= 2, "{:?}", twice.location);
    let back = follow(&mut camille, &twice).await;
    assert_eq!(area(&back.body, "ask-body"), second_text);

    // A refusal waiting for its page (another tab's) is not taken by a page carrying another
    // form's refusal.
    let waiting = post_from(&mut camille, &page, "/api/ask_question", &form).await;
    let elsewhere = format!("{page}?__path=%2Fapi%2Freply&__err=%22x%22");
    let other = camille.send(Request::get(elsewhere).header(header::ACCEPT, "text/html"), String::new()).await;
    assert_eq!(other.status, StatusCode::OK, "{}", other.body);
    assert_eq!(area(&other.body, "ask-body"), "");
    assert_eq!(area(&follow(&mut camille, &waiting).await.body, "ask-body"), escaped);

    // A sign-in on this phone starts with nothing kept: on a shared phone the refused text was
    // the last person's (here the same person signs in again, so the page is one they may read).
    let kept = post_from(&mut camille, &page, "/api/ask_question", &form).await;
    let next = camille.sign_in("member@a.test", PASSWORD).await;
    assert!(next.status.is_redirection() || next.status.is_success(), "{}", next.status);
    assert_eq!(area(&follow(&mut camille, &kept).await.body, "ask-body"), "");

    // Nor does a change of organisation keep it (back in the first one, the form is empty).
    let member = person_id(&w.pool, "member@a.test").await;
    sqlx::query("insert into memberships (org_id, person_id, role) values ($1, $2, 'member')")
        .bind(w.org_b)
        .bind(member)
        .execute(&w.pool)
        .await
        .expect("membership");
    let kept = post_from(&mut camille, &page, "/api/ask_question", &form).await;
    for to in [w.org_b, w.org_a] {
        let switched = camille.post("/api/switch_org", &[("org_id", &to.to_string())]).await;
        assert!(switched.status.is_redirection() || switched.status.is_success(), "{}", switched.status);
    }
    assert_eq!(area(&follow(&mut camille, &kept).await.body, "ask-body"), "");

    // A stranger's refused post keeps nothing, and makes no session.
    let sessions = "select count(*) from tower_sessions.session";
    let before = count(&w.pool, sessions).await;
    let mut stranger = Client::new(&w);
    let refused = post_from(&mut stranger, &page, "/api/ask_question", &form).await;
    assert!(refused.status.is_redirection() || refused.status.is_client_error(), "{}", refused.status);
    assert!(stranger.cookie.is_none(), "{:?}", stranger.cookie);
    assert_eq!(count(&w.pool, sessions).await, before, "no session row for a stranger");
}

/// Whether the `<details>` holding the field `id` on `html` is open.
fn opened_around(html: &str, id: &str) -> bool {
    let at = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no {id} in {html}"));
    let start = html[..at].rfind("<details").expect("a details around it");
    let tag = &html[start..start + html[start..].find('>').expect("tag end")];
    tag.split_whitespace().any(|attr| attr == "open" || attr.starts_with("open="))
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_stale_edit_comes_back_open_with_both_texts(pool: sqlx::PgPool) {
    let w = world(pool).await;
    let question = question_by(&w.pool, w.org_a, w.circle_a, "member@a.test", "Comment commencer ?").await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let (person, org) = camille.ids();
    // From another device: the question changes (version 1 to 2).
    let edit = Write::EditPost(EditPost {
        circle_id: w.circle_a,
        post_id: question,
        version: 1,
        body: "Comment bien commencer ?".into(),
        context: String::new(),
        outcome: String::new(),
        difficulty: String::new(),
        tags: String::new(),
    });
    assert_eq!(camille.sync(&camille.envelope(edit)).await.status, StatusCode::OK);
    // Then the form this phone loaded before, on version 1, without JavaScript.
    let page = format!("/circles/{}/posts/{question}", w.circle_a);
    let form = [
        ("org_id", org.to_string()),
        ("person_id", person.to_string()),
        ("client_id", Uuid::new_v4().to_string()),
        ("circle_id", w.circle_a.to_string()),
        ("post_id", question.to_string()),
        ("version", "1".into()),
        ("body", "Comment commencer, quand on ne connaît personne ?".into()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let refused = post_from(&mut camille, &page, "/api/edit_post", &form).await;
    let back = follow(&mut camille, &refused).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    // Theirs in the form, open; the current text on the card; the form now on version 2.
    assert_eq!(area(&back.body, &format!("edit-{question}")), "Comment commencer, quand on ne connaît personne ?");
    assert!(opened_around(&back.body, &format!("edit-{question}")), "{}", back.body);
    assert!(back.body.contains("Comment bien commencer ?"), "{}", back.body);
    assert!(back.body.contains("name=\"version\" value=\"2\""), "{}", back.body);
    assert!(back.body.contains("role=\"alert\""), "the refusal is said: {}", back.body);
    assert_eq!(count(&w.pool, "select count(*) from posts where body like '%personne%'").await, 0);

    // A refusal of another post's edit fills nothing here.
    let other = question_by(&w.pool, w.org_a, w.circle_a, "member@a.test", "Et ensuite ?").await;
    let mut form = form.clone();
    let other_id = other.to_string();
    form[4] = ("post_id", &other_id);
    form[5] = ("version", "9");
    let refused = post_from(&mut camille, &page, "/api/edit_post", &form).await;
    let back = follow(&mut camille, &refused).await;
    assert_eq!(area(&back.body, &format!("edit-{question}")), "Comment bien commencer ?");
    assert!(!opened_around(&back.body, &format!("edit-{question}")), "{}", back.body);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_text_that_closes_its_field_stays_in_it(pool: sqlx::PgPool) {
    let w = world(pool).await;
    let body = "Fin ? </textarea><img src=x onerror=alert(1)></title><img src=y>";
    let question = question_by(&w.pool, w.org_a, w.circle_a, "member@a.test", body).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let page = format!("/circles/{}/posts/{question}", w.circle_a);
    let html = camille.send(Request::get(page).header(header::ACCEPT, "text/html"), String::new()).await;
    assert_eq!(html.status, StatusCode::OK, "{}", html.body);
    // Its edit form holds it, escaped: nothing of it is read as HTML.
    assert_eq!(
        area(&html.body, &format!("edit-{question}")),
        "Fin ? &lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt;&lt;/title&gt;&lt;img src=y&gt;"
    );
    // And the page's title, its first words.
    assert!(html.body.contains("<title>Fin ? &lt;/textarea&gt;"), "{}", html.body);
    assert!(!html.body.contains("<img src=") && !html.body.contains("</title><img"), "{}", html.body);
}

/// The opening tag on `html` that holds `needle` (an id, a value).
fn tag_with<'a>(html: &'a str, needle: &str) -> &'a str {
    let at = html.find(needle).unwrap_or_else(|| panic!("no {needle} in {html}"));
    let start = html[..at].rfind('<').expect("tag start");
    &html[start..at + html[at..].find('>').expect("tag end")]
}

/// Whether the tag holding `needle` on `html` carries the bare attribute `attr`.
fn marked(html: &str, needle: &str, attr: &str) -> bool {
    tag_with(html, needle).split_whitespace().any(|a| a == attr || a.starts_with(&format!("{attr}=")))
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_refused_new_circle_comes_back_with_its_choices(pool: sqlx::PgPool) {
    let w = world(pool).await;
    let mut anna = Client::signed_in(&w, "animator@a.test").await;
    let (person, org) = anna.ids();
    let long_name = "N".repeat(app::circles::admin::MAX_NAME_CHARS + 1);
    let (client, circle) = (Uuid::new_v4().to_string(), Uuid::new_v4().to_string());
    let form = [
        ("org_id", org.to_string()),
        ("person_id", person.to_string()),
        ("client_id", client),
        ("circle_id", circle),
        ("name", long_name.clone()),
        ("purpose", "\nDeuxième ligne".to_owned()),
        ("kind", "plc".to_owned()),
        ("plc_type", "department".to_owned()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let refused = post_from(&mut anna, "/manage/circles", "/api/create_circle", &form).await;
    assert_eq!(count(&w.pool, "select count(*) from circles").await, 1, "only the world's circle");
    let back = follow(&mut anna, &refused).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert!(marked(&back.body, "id=\"new-circle-kind-plc\"", "checked"), "{}", back.body);
    assert!(!marked(&back.body, "id=\"new-circle-kind-peer\"", "checked"), "{}", back.body);
    assert!(marked(&back.body, "value=\"department\"", "selected"), "{}", back.body);
    assert!(tag_with(&back.body, "id=\"new-circle-name\"").contains(&long_name), "{}", back.body);
    // The parser drops one line break after `<textarea>`: the page sends two, the person's is kept.
    assert_eq!(area(&back.body, "new-circle-purpose"), "\n\nDeuxième ligne");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_refused_prompt_keeps_its_kind_and_its_circles_ticked(pool: sqlx::PgPool) {
    let w = world(pool).await;
    let second = Uuid::new_v4();
    sqlx::query("insert into circles (org_id, id, kind, name) values ($1, $2, 'peer', 'Cercle B')")
        .bind(w.org_a)
        .bind(second)
        .execute(&w.pool)
        .await
        .expect("circle");
    let mut anna = Client::signed_in(&w, "animator@a.test").await;
    let (person, org) = anna.ids();
    let form = [
        ("org_id", org.to_string()),
        ("person_id", person.to_string()),
        ("client_id", Uuid::new_v4().to_string()),
        ("prompt_id", Uuid::new_v4().to_string()),
        ("kind", "debate".to_owned()),
        ("body", String::new()),
        ("opens", next_january(5, "09:00")),
        ("closes", next_january(12, "18:00")),
        ("zone", "Europe/Paris".to_owned()),
        ("circle_ids[]", second.to_string()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let refused = post_from(&mut anna, "/manage/prompts", "/api/schedule_prompt", &form).await;
    let back = follow(&mut anna, &refused).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert_eq!(count(&w.pool, "select count(*) from prompts").await, 0);
    assert!(marked(&back.body, "value=\"debate\"", "checked"), "{}", back.body);
    assert!(!marked(&back.body, "value=\"question\"", "checked"), "{}", back.body);
    assert!(marked(&back.body, &format!("value=\"{second}\""), "checked"), "{}", back.body);
    assert!(!marked(&back.body, &format!("value=\"{}\"", w.circle_a), "checked"), "{}", back.body);
    assert!(tag_with(&back.body, "name=\"opens\"").contains(&next_january(5, "09:00")), "{}", back.body);
}

/// The browser lets a refusal go once the refused form's kind of write is queued, knowing the
/// kind from the address the form posted to: every kind's plain form posts to `/api/<kind>`.
#[test]
fn every_kind_of_write_has_its_plain_endpoint_by_name() {
    let paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths().map(|(p, _)| p).collect();
    for kind in Write::KINDS {
        assert!(paths.contains(&format!("/api/{kind}").as_str()), "{kind}: {paths:?}");
    }
}
