//! Animators running circles, over HTTP: creating one (its checks: an empty or taken name, a PLC
//! without its type), choosing its members with the picker (accents ignored, someone of
//! another organisation out of reach), archiving it (read, closed to anything new, off the
//! members' home) and reopening it; each write applied once, each change counted once.
mod common;
use app::circles::admin::{ArchiveCircle, CircleMembers, CreateCircle, ManagedCircle, PlcType, SetCircleMember};
use app::circles::model::{CircleDetail, CircleKind};
use app::error::{AppError, Field, Problem};
use app::home::api::HomeOverview;
use app::offline::writes::{Receipt, Write};
use common::*;
use http::StatusCode;
use sqlx::PgPool;
use uuid::Uuid;

fn create(name: &str, kind: CircleKind, plc_type: Option<PlcType>) -> (Uuid, Write) {
    let circle_id = Uuid::new_v4();
    let write = Write::CreateCircle(CreateCircle {
        circle_id,
        name: name.into(),
        purpose: "Apprendre ensemble.".into(),
        kind,
        plc_type,
    });
    (circle_id, write)
}

fn member(circle_id: Uuid, person_id: Uuid, member: bool) -> Write {
    Write::SetCircleMember(SetCircleMember { circle_id, person_id, member, name: "Quelqu'un".into() })
}

fn archive(circle_id: Uuid, archived: bool) -> Write {
    Write::ArchiveCircle(ArchiveCircle { circle_id, archived, name: "Cercle A".into() })
}

async fn events(pool: &PgPool, kind: &str) -> i64 {
    count(pool, &format!("select count(*) from activity_events where kind = '{kind}'")).await
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_animator_creates_circles_of_each_kind_once_and_names_are_checked(pool: PgPool) {
    let w = world(pool).await;
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;

    let (peer, write) = create("Cercle des tuteurs", CircleKind::Peer, Some(PlcType::Topic));
    let envelope = sophie.envelope(write);
    let first = sophie.sync(&envelope).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    // Sent again (the answer was lost): the same circle, nothing more.
    let again: Receipt = sophie.sync(&envelope).await.json();
    assert!(again.replayed);
    let created: ManagedCircle = serde_json::from_value(again.result).expect("circle");
    assert_eq!((created.id, created.kind, created.plc_type, created.member_count), (peer, CircleKind::Peer, None, 0));
    assert_eq!(events(&w.pool, "created_circle").await, 1);

    let (plc, write) = create("CAP des conseillers", CircleKind::Plc, Some(PlcType::WorkTeam));
    assert_eq!(sophie.sync(&sophie.envelope(write)).await.status, StatusCode::OK);
    let all: Vec<ManagedCircle> = sophie.get("/api/managed_circles").await.json();
    let names: Vec<&str> = all.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["CAP des conseillers", "Cercle A", "Cercle des tuteurs"]);
    assert_eq!(all[0].plc_type, Some(PlcType::WorkTeam));
    assert_eq!(all[0].id, plc);

    // Refused, each saying why, nothing written.
    let refused = |e: AppError| serde_json::to_string(&e).expect("json");
    let (_, taken) = create("cercle des TUTEURS", CircleKind::Peer, None);
    let answer = sophie.sync(&sophie.envelope(taken)).await;
    let taken = AppError::Invalid { field: Field::CircleName, problem: Problem::Taken };
    assert_eq!((answer.status, answer.body), (StatusCode::UNPROCESSABLE_ENTITY, refused(taken)));
    let (_, empty) = create("   ", CircleKind::Peer, None);
    let answer = sophie.sync(&sophie.envelope(empty)).await;
    let empty = AppError::Invalid { field: Field::CircleName, problem: Problem::Empty };
    assert_eq!((answer.status, answer.body), (StatusCode::UNPROCESSABLE_ENTITY, refused(empty)));
    let (_, long) = create(&"n".repeat(121), CircleKind::Peer, None);
    assert_eq!(sophie.sync(&sophie.envelope(long)).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, untyped) = create("CAP sans type", CircleKind::Plc, None);
    assert_eq!(sophie.sync(&sophie.envelope(untyped)).await.status, StatusCode::BAD_REQUEST);
    // Another write reusing a created circle's id.
    let clash = Write::CreateCircle(CreateCircle {
        circle_id: peer,
        name: "Autre nom".into(),
        purpose: String::new(),
        kind: CircleKind::Peer,
        plc_type: None,
    });
    assert_eq!(sophie.sync(&sophie.envelope(clash)).await.status, StatusCode::CONFLICT);
    assert_eq!(count(&w.pool, "select count(*) from circles").await, 3);

    // Without JavaScript: the form leads to the new circle's members page.
    let (person_id, org_id) = sophie.ids();
    let id = Uuid::new_v4();
    let form = serde_urlencoded::to_string([
        ("org_id", org_id.to_string()),
        ("person_id", person_id.to_string()),
        ("client_id", Uuid::new_v4().to_string()),
        ("circle_id", id.to_string()),
        ("name", "Réseau des managers".into()),
        ("purpose", String::new()),
        ("kind", "network".into()),
        ("plc_type", "topic".into()),
    ])
    .expect("form");
    let req = http::Request::post("/api/create_circle")
        .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(http::header::ACCEPT, "text/html")
        .header(http::header::REFERER, format!("{SITE}/manage/circles"));
    let answer = sophie.send(req, form).await;
    assert!(answer.status.is_redirection(), "{} {}", answer.status, answer.body);
    assert_eq!(answer.location.as_deref(), Some(format!("/manage/circles/{id}").as_str()));
    let kind: (String, Option<String>) = sqlx::query_as("select kind, plc_type from circles where id = $1")
        .bind(id)
        .fetch_one(&w.pool)
        .await
        .expect("circle");
    assert_eq!(kind, ("network".to_owned(), None));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_picker_finds_names_whatever_their_accents_and_members_come_and_go_once(pool: PgPool) {
    let w = world(pool).await;
    let helene = person(&w.pool, w.org_a, "helene@a.test", "member").await;
    sqlx::query("update people set display_name = 'Hélène Dupré' where id = $1")
        .bind(helene)
        .execute(&w.pool)
        .await
        .expect("name");
    let elsewhere = person(&w.pool, w.org_b, "helene@b.test", "member").await;
    sqlx::query("update people set display_name = 'Hélène Martin' where id = $1")
        .bind(elsewhere)
        .execute(&w.pool)
        .await
        .expect("name");
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;
    let circle = w.circle_a;

    let page: CircleMembers = sophie.get(&format!("/api/circle_members?circle_id={circle}&q=HELENE")).await.json();
    let found: Vec<(&str, bool)> = page.found.iter().map(|c| (c.person.name.as_str(), c.member)).collect();
    assert_eq!(found, [("Hélène Dupré", false)], "accents and case ignored; nobody of another organisation");
    assert_eq!(page.members.len(), 1);
    // One letter is not a search.
    let page: CircleMembers = sophie.get(&format!("/api/circle_members?circle_id={circle}&q=h")).await.json();
    assert!(page.found.is_empty());

    let add = sophie.envelope(member(circle, helene, true));
    assert_eq!(sophie.sync(&add).await.status, StatusCode::OK);
    assert!(sophie.sync(&add).await.json::<Receipt>().replayed);
    // Adding again, with another write: already in, nothing counted.
    assert_eq!(sophie.sync(&sophie.envelope(member(circle, helene, true))).await.status, StatusCode::OK);
    let page: CircleMembers = sophie.get(&format!("/api/circle_members?circle_id={circle}&q=dupre")).await.json();
    assert_eq!(page.members.len(), 2);
    assert!(page.found[0].member);
    assert_eq!(events(&w.pool, "added_member").await, 1);
    // She sees the circle now.
    let mut her = Client::signed_in(&w, "helene@a.test").await;
    assert_eq!(her.get(&format!("/api/circle?circle_id={circle}")).await.status, StatusCode::OK);

    // Someone of another organisation, or nobody: not found, nothing written.
    for stranger in [elsewhere, Uuid::new_v4()] {
        assert_eq!(sophie.sync(&sophie.envelope(member(circle, stranger, true))).await.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(sophie.sync(&sophie.envelope(member(Uuid::new_v4(), helene, true))).await.status, StatusCode::NOT_FOUND);

    assert_eq!(sophie.sync(&sophie.envelope(member(circle, helene, false))).await.status, StatusCode::OK);
    assert_eq!(sophie.sync(&sophie.envelope(member(circle, helene, false))).await.status, StatusCode::OK);
    assert_eq!(events(&w.pool, "removed_member").await, 1);
    assert_eq!(her.get(&format!("/api/circle?circle_id={circle}")).await.status, StatusCode::FORBIDDEN);
    let added_by: Option<Uuid> = sqlx::query_scalar("select added_by from circle_members where person_id = $1")
        .bind(person_id(&w.pool, "member@a.test").await)
        .fetch_one(&w.pool)
        .await
        .expect("row");
    assert_eq!(added_by, None, "the world's member was there from the start");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_archived_circle_is_read_and_takes_nothing_new_until_reopened(pool: PgPool) {
    let w = world(pool).await;
    let question =
        question_by(&w.pool, w.org_a, w.circle_a, "animator@a.test", "Comment fais-tu pour archiver ?").await;
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let circle = w.circle_a;

    assert_eq!(sophie.sync(&sophie.envelope(archive(circle, true))).await.status, StatusCode::OK);
    assert_eq!(sophie.sync(&sophie.envelope(archive(circle, true))).await.status, StatusCode::OK);
    assert_eq!(events(&w.pool, "archived_circle").await, 1);

    // Read still, by its member, and said archived.
    let detail: CircleDetail = camille.get(&format!("/api/circle?circle_id={circle}")).await.json();
    assert!(detail.archived);
    assert_eq!(camille.posts(circle).await.status, StatusCode::OK);
    // Its threads too, which say so (their page shows no reply form then).
    let thread: app::circles::posts::Thread = camille.thread(circle, question).await.json();
    assert!(thread.archived);
    // Off her home page.
    let home: HomeOverview = camille.get("/api/home").await.json();
    assert!(home.circles.iter().all(|c| c.id != circle));

    // Nothing new: a question, a reply, a reaction; each refused as archived, nothing written.
    let posts = count(&w.pool, "select count(*) from posts").await;
    let archived = serde_json::to_string(&AppError::Archived).expect("json");
    for answer in [
        camille.ask(circle, Uuid::new_v4(), "Encore une question ?").await,
        camille.reply(circle, question, "Une réponse.").await,
        camille.react(circle, question, app::circles::posts::Reaction::Useful, true).await,
    ] {
        assert_eq!((answer.status, answer.body), (StatusCode::CONFLICT, archived.clone()));
    }
    assert_eq!(count(&w.pool, "select count(*) from posts").await, posts);
    assert_eq!(count(&w.pool, "select count(*) from reactions").await, 0);
    // Someone outside it is still just refused: the archive tells them nothing.
    let mut outsider = Client::signed_in(&w, "outsider@a.test").await;
    assert_eq!(outsider.ask(circle, Uuid::new_v4(), "Intrusion ?").await.status, StatusCode::FORBIDDEN);

    // Reopened: back on her home page, and open to writing.
    assert_eq!(sophie.sync(&sophie.envelope(archive(circle, false))).await.status, StatusCode::OK);
    assert_eq!(events(&w.pool, "reopened_circle").await, 1);
    let home: HomeOverview = camille.get("/api/home").await.json();
    assert!(home.circles.iter().any(|c| c.id == circle));
    assert_eq!(camille.ask(circle, Uuid::new_v4(), "De nouveau ouvert ?").await.status, StatusCode::OK);
    let thread: app::circles::posts::Thread = camille.thread(circle, question).await.json();
    assert!(!thread.archived);
}
