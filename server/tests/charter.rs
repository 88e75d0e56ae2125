//! A PLC's charter over HTTP: its members and the animators write it together, each edit made
//! on the version it was read at, applied once; an edit made on an older version is refused
//! with the current parts and overwrites nothing, two first edits at once included; the same
//! text again makes a version and no event; only a PLC has one, an archived PLC's is read only,
//! and a refusal leaves no row behind. Its page renders on the server (503 when Postgres is
//! gone), and its plain form works without JavaScript.
mod common;
use app::circles::admin::PlcType;
use app::error::{AppError, Field, Problem};
use app::offline::writes::{Receipt, Write};
use app::plc::charter::{Charter, CharterText, EditCharter, MAX_CHARTER_PART_CHARS};
use common::*;
use http::{header, Request, StatusCode};
use sqlx::PgPool;
use uuid::Uuid;

fn edit(circle_id: Uuid, version: i32, mission: &str, values: &str) -> Write {
    Write::EditCharter(EditCharter {
        circle_id,
        version,
        name: "CAP A".into(),
        mission: mission.into(),
        vision: String::new(),
        values: values.into(),
        goals: String::new(),
    })
}

async fn charter(client: &mut Client, circle: Uuid) -> Charter {
    client.get(&format!("/api/charter?circle_id={circle}")).await.json()
}

async fn events(pool: &PgPool) -> i64 {
    count(pool, "select count(*) from activity_events where kind = 'edited_charter'").await
}

fn json(e: AppError) -> String {
    serde_json::to_string(&e).expect("json")
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn members_write_the_charter_together_and_an_edit_on_an_older_text_overwrites_nothing(pool: PgPool) {
    let w = world(pool).await;
    let plc = plc_with(&w.pool, w.org_a, "member@a.test").await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;

    let unwritten = charter(&mut camille, plc).await;
    assert_eq!((unwritten.version, unwritten.may_edit, unwritten.archived), (0, true, false));
    assert_eq!((unwritten.circle_name.as_str(), unwritten.plc_type), ("CAP A", Some(PlcType::Topic)));
    assert!(unwritten.text.is_empty() && unwritten.updated_by.is_none() && unwritten.updated_at.is_none());

    // Camille writes it; sent again (the answer was lost), it is applied once.
    let first = camille.envelope(edit(plc, 0, "  Apprendre ensemble.  ", "Entraide.\nFranchise."));
    let answer = camille.sync(&first).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let again: Receipt = camille.sync(&first).await.json();
    assert!(again.replayed);
    assert_eq!((again.subject_id, events(&w.pool).await), (Some(plc), 1));
    let written = charter(&mut camille, plc).await;
    assert_eq!(written.version, 1);
    assert_eq!(
        (written.text.mission.as_str(), written.text.values.as_str()),
        ("Apprendre ensemble.", "Entraide.\nFranchise.")
    );
    assert_eq!(written.updated_by.as_deref(), Some("member@a.test"));
    assert!(written.updated_at.is_some());

    // The animator, who runs every PLC, edits on top of it.
    let answer = sophie.sync(&sophie.envelope(edit(plc, 1, "Apprendre ensemble, vite.", "Entraide."))).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);

    // The animator is in no PLC, and may write in every one.
    assert!(charter(&mut sophie, plc).await.may_edit);

    // Camille's edit made on version 1, queued offline meanwhile: refused with the current
    // parts (for the outbox to show each beside hers), which stay.
    let before = count(&w.pool, "select count(*) from plc_charters where version = 2").await;
    let stale = camille.sync(&camille.envelope(edit(plc, 1, "Autre mission.", ""))).await;
    let now =
        CharterText { mission: "Apprendre ensemble, vite.".into(), values: "Entraide.".into(), ..Default::default() };
    let current = serde_json::to_string(&now).expect("json");
    assert_eq!((stale.status, stale.body), (StatusCode::CONFLICT, json(AppError::Stale { version: 2, current })));
    let now = charter(&mut camille, plc).await;
    assert_eq!((now.version, now.text.mission.as_str()), (2, "Apprendre ensemble, vite."));
    assert_eq!((before, events(&w.pool).await), (1, 2));

    // Sent on top of the current version, it lands.
    let answer = camille.sync(&camille.envelope(edit(plc, 2, "Autre mission.", ""))).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    // The same text again: a new version (the device's next edit is made on top of it), no
    // event, and still said to be by who changed it last.
    let answer = sophie.sync(&sophie.envelope(edit(plc, 3, "Autre mission.", " "))).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let same = charter(&mut camille, plc).await;
    assert_eq!((same.version, same.updated_by.as_deref(), events(&w.pool).await), (4, Some("member@a.test"), 3));

    // Bad input: nothing written, the part named.
    let empty = camille.sync(&camille.envelope(edit(plc, 4, "  ", "\n"))).await;
    let whole = AppError::Invalid { field: Field::Charter, problem: Problem::Empty };
    assert_eq!((empty.status, empty.body), (StatusCode::UNPROCESSABLE_ENTITY, json(whole)));
    let long = "v".repeat(MAX_CHARTER_PART_CHARS + 1);
    let too_long = camille.sync(&camille.envelope(edit(plc, 4, "Courte.", &long))).await;
    let part = AppError::Invalid { field: Field::Values, problem: Problem::TooLong { max: 2000 } };
    assert_eq!((too_long.status, too_long.body), (StatusCode::UNPROCESSABLE_ENTITY, json(part)));
    // Exactly the longest part fits (characters, not bytes).
    let longest = "é".repeat(MAX_CHARTER_PART_CHARS);
    let answer = camille.sync(&camille.envelope(edit(plc, 4, "Courte.", &longest))).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(charter(&mut camille, plc).await.version, 5);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn two_first_edits_at_once_are_applied_one_after_the_other(pool: PgPool) {
    let w = world(pool).await;
    let plc = plc_with(&w.pool, w.org_a, "member@a.test").await;
    let camille = Client::signed_in(&w, "member@a.test").await;
    let sophie = Client::signed_in(&w, "animator@a.test").await;
    // Both made on the unwritten charter, sent together a few times over.
    for round in 0..4 {
        let (mut a, mut b) = (camille.clone(), sophie.clone());
        let (va, vb) = (charter(&mut a, plc).await.version, charter(&mut b, plc).await.version);
        let ea = a.envelope(edit(plc, va, &format!("Celle de Camille {round}."), ""));
        let eb = b.envelope(edit(plc, vb, &format!("Celle de Sophie {round}."), ""));
        let (ra, rb) = tokio::join!(a.sync(&ea), b.sync(&eb));
        let mut statuses = [ra.status, rb.status];
        statuses.sort();
        // One lands; the other is refused as stale, never written over it.
        assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT], "{} / {}", ra.body, rb.body);
    }
    assert_eq!((count(&w.pool, "select max(version)::bigint from plc_charters").await, events(&w.pool).await), (4, 4));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn only_a_plc_has_a_charter_and_an_archived_plcs_is_read_only(pool: PgPool) {
    let w = world(pool).await;
    let plc = plc_with(&w.pool, w.org_a, "member@a.test").await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;

    // A peer circle has none: nothing to read, nothing written.
    let peer = camille.get(&format!("/api/charter?circle_id={}", w.circle_a)).await;
    assert_eq!(peer.status, StatusCode::NOT_FOUND);
    let refused = camille.sync(&camille.envelope(edit(w.circle_a, 0, "Mission.", ""))).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.body);
    assert_eq!(count(&w.pool, "select count(*) from plc_charters").await, 0);

    // Someone else's: a colleague outside it, another organisation.
    let mut outsider = Client::signed_in(&w, "outsider@a.test").await;
    assert_eq!(outsider.get(&format!("/api/charter?circle_id={plc}")).await.status, StatusCode::FORBIDDEN);
    let mut other = Client::signed_in(&w, "animator@b.test").await;
    assert_eq!(other.get(&format!("/api/charter?circle_id={plc}")).await.status, StatusCode::NOT_FOUND);
    let refused = other.sync(&other.envelope(edit(plc, 0, "Intrusion.", ""))).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.body);
    let unknown = camille.get(&format!("/api/charter?circle_id={}", Uuid::new_v4())).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let malformed = camille.get("/api/charter?circle_id=pas-un-uuid").await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);

    // Archived: still read by its members, written by nobody.
    let answer = camille.sync(&camille.envelope(edit(plc, 0, "Mission.", ""))).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    sqlx::query("update circles set archived_at = now() where id = $1")
        .bind(plc)
        .execute(&w.pool)
        .await
        .expect("archive");
    let read = charter(&mut camille, plc).await;
    assert_eq!((read.archived, read.may_edit, read.text.mission.as_str()), (true, false, "Mission."));
    let closed = camille.sync(&camille.envelope(edit(plc, 1, "Autre.", ""))).await;
    assert_eq!((closed.status, closed.body), (StatusCode::CONFLICT, json(AppError::Archived)));
    assert_eq!(events(&w.pool).await, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_charter_page_renders_on_the_server_and_its_form_works_without_javascript(pool: PgPool) {
    let w = world(pool).await;
    let plc = plc_with(&w.pool, w.org_a, "member@a.test").await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let page = format!("/circles/{plc}/charter");

    let (person_id, org_id) = camille.ids();
    let form = |client_id: Uuid, mission: &str| {
        serde_urlencoded::to_string([
            ("org_id", org_id.to_string()),
            ("person_id", person_id.to_string()),
            ("client_id", client_id.to_string()),
            ("circle_id", plc.to_string()),
            ("version", "0".into()),
            ("name", "CAP A".into()),
            ("mission", mission.into()),
            ("vision", "Plus personne ne cherche seul.".into()),
            ("values", String::new()),
            ("goals", String::new()),
        ])
        .expect("form")
    };
    let post = |body: String| {
        let req = Request::post("/api/edit_charter")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, format!("{SITE}{page}"));
        (req, body)
    };
    // A part too long: back to the page, nothing written.
    let (req, body) = post(form(Uuid::new_v4(), &"m".repeat(MAX_CHARTER_PART_CHARS + 1)));
    let refused = camille.send(req, body).await;
    assert!(refused.status.is_redirection(), "{} {}", refused.status, refused.body);
    // Leptos carries the refusal in the URL (the page shows it, see the no-JS spec).
    let back = refused.location.as_deref().unwrap_or_default();
    assert!(back.contains("/charter?") && back.contains("__err="), "{back}");
    assert_eq!(count(&w.pool, "select count(*) from plc_charters").await, 0);
    // Then written; the same form posted twice is one write.
    let client_id = Uuid::new_v4();
    for _ in 0..2 {
        let (req, body) = post(form(client_id, "Accueillir <b>ensemble</b>."));
        let answer = camille.send(req, body).await;
        assert!(answer.status.is_redirection(), "{} {}", answer.status, answer.body);
    }
    assert_eq!((charter(&mut camille, plc).await.version, events(&w.pool).await), (1, 1));

    // The page, as a browser without JavaScript gets it: the text, escaped, and the form.
    let html = camille.send(Request::get(&page).header(header::ACCEPT, "text/html"), String::new()).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains("Charte de la communauté"), "{}", html.body);
    assert!(html.body.contains("Accueillir &lt;b&gt;ensemble&lt;/b&gt;."), "{}", html.body);
    assert!(html.body.contains("Plus personne ne cherche seul.") && html.body.contains("action=\"/api/edit_charter\""));
    assert!(html.body.contains("Modifiée par member@a.test"), "{}", html.body);
    // A version that is no number: refused, nothing written.
    let (req, body) = post(form(Uuid::new_v4(), "Autre.").replace("version=0", "version=abc"));
    let refused = camille.send(req, body).await;
    assert!(refused.location.as_deref().is_some_and(|l| l.contains("__err=")), "{:?}", refused.location);
    assert_eq!((charter(&mut camille, plc).await.version, events(&w.pool).await), (1, 1));
    // The circle's page leads to it.
    let circle =
        camille.send(Request::get(format!("/circles/{plc}")).header(header::ACCEPT, "text/html"), String::new()).await;
    assert!(circle.body.contains(&format!("href=\"{page}\"")), "{}", circle.body);
    // Outside the PLC: refused with its status.
    let mut outsider = Client::signed_in(&w, "outsider@a.test").await;
    let page_answer = outsider.send(Request::get(&page).header(header::ACCEPT, "text/html"), String::new()).await;
    assert_eq!(page_answer.status, StatusCode::FORBIDDEN);
    // Archived: read, no form.
    sqlx::query("update circles set archived_at = now() where id = $1")
        .bind(plc)
        .execute(&w.pool)
        .await
        .expect("archive");
    let html = camille.send(Request::get(&page).header(header::ACCEPT, "text/html"), String::new()).await;
    assert!(html.body.contains("Plus personne ne cherche seul.") && html.body.contains("Ce cercle est archivé"));
    assert!(!html.body.contains("action=\"/api/edit_charter\""), "{}", html.body);
    // Postgres gone: the page says so, with its status.
    w.pool.close().await;
    let down = camille.send(Request::get(&page).header(header::ACCEPT, "text/html"), String::new()).await;
    assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(down.body.contains("momentanément indisponible"));
}
