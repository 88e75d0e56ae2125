//! The sync engine's ledger over HTTP: every kind of write is applied once per organisation,
//! person and client id, in sequence or concurrently, only for the person and organisation it
//! was made for; a refused write leaves nothing behind and can be sent again.
mod common;
use app::circles::admin::{ArchiveCircle, CreateCircle, SetCircleMember};
use app::circles::api::{AskQuestion, React, Reply, SharePractice};
use app::circles::edit::{DeletePost, EditPost};
use app::circles::model::CircleKind;
use app::circles::moderation::{ModeratePost, ReportPost};
use app::circles::posts::Reaction;
use app::circles::tried::TryPractice;
use app::error::{AppError, Field, Problem};
use app::identity::settings::SetTimeZone;
use app::library::api::PromotePractice;
use app::network::api::{AddTheme, DecideProposal, FileProposal, RunExperiment, SetNetworkRoles};
use app::network::model::{Decision, ExperimentState};
use app::notifications::api::ReadNotifications;
use app::offline::writes::{Envelope, Receipt, Write};
use app::plc::charter::EditCharter;
use app::prompts::api::SchedulePrompt;
use app::prompts::model::PromptKind;
use app::sessions::api::{AnswerSession, RecordAttendance, ScheduleSession};
use common::*;
use http::StatusCode;
use sqlx::PgPool;
use uuid::Uuid;

fn ask(client: &Client, circle: Uuid, body: &str) -> Envelope {
    client.envelope(Write::AskQuestion(AskQuestion { circle_id: circle, body: body.into() }))
}

/// One envelope of each kind of write, with the client that sends it, in the world's circle:
/// Camille's question, practice, reply and reaction to a question of the animator's, and her
/// "I tried it" of a practice of the animator's, which the animator promotes; Camille edits a
/// question of hers and deletes another, and reports the animator's question, which the
/// animator hides; the animator creates a circle, adds a colleague to the world's circle and
/// archives the new one; Camille writes the charter of a PLC she is in; in a learning network
/// she is in, the animator adds a theme, puts her on the committee and files a proposal, which
/// she accepts and the animator starts. Posts in the database: 4 before.
async fn one_of_each_kind(w: &World) -> Vec<(Client, Envelope)> {
    let circle_id = w.circle_a;
    let camille = Client::signed_in(w, "member@a.test").await;
    let sophie = Client::signed_in(w, "animator@a.test").await;
    let post_id = question_by(&w.pool, w.org_a, circle_id, "animator@a.test", "Comment fais-tu pour trier ?").await;
    let practice = practice_by(&w.pool, (w.org_a, circle_id), "animator@a.test", "Trier le courrier à 9 h.").await;
    let own = question_by(&w.pool, w.org_a, circle_id, "member@a.test", "Comment fais-tu pour ranger ?").await;
    let gone = question_by(&w.pool, w.org_a, circle_id, "member@a.test", "Une question à retirer ?").await;
    let new_circle = Uuid::new_v4();
    let plc = plc_with(&w.pool, w.org_a, "member@a.test").await;
    let network = network_with(&w.pool, w.org_a, &["member@a.test"]).await;
    let proposal = Uuid::new_v4();
    // A session of the world's circle, under way, that the animator scheduled.
    let session = Uuid::new_v4();
    sqlx::query(
        "insert into live_sessions (org_id, id, circle_id, title, starts_at, ends_at, time_zone, created_by)
         values ($1, $2, $3, 'Point du jeudi', now() - interval '1 hour', now() + interval '1 hour', 'Europe/Paris',
                 (select id from people where email = 'animator@a.test'))",
    )
    .bind(w.org_a)
    .bind(session)
    .bind(circle_id)
    .execute(&w.pool)
    .await
    .expect("session");
    let all = vec![
        ask(&camille, circle_id, "Comment fais-tu pour dire non ?"),
        camille.envelope(Write::SharePractice(SharePractice {
            circle_id,
            context: "Trop de demandes le lundi.".into(),
            body: "Je réponds d'abord aux plus anciennes.".into(),
            outcome: "Moins de relances.".into(),
            difficulty: String::new(),
            tags: "priorités, lundi".into(),
        })),
        camille.envelope(Write::Reply(Reply { circle_id, post_id, body: "Je commence par le plus court.".into() })),
        camille.envelope(Write::React(React { circle_id, post_id, reaction: Reaction::Useful, on: true })),
        camille.envelope(Write::TryPractice(TryPractice {
            circle_id,
            post_id: practice,
            body: "Essayé une semaine.".into(),
        })),
        sophie.envelope(Write::PromotePractice(PromotePractice {
            circle_id,
            post_id: practice,
            themes: "Courrier".into(),
            skills: "Organisation".into(),
        })),
        camille.envelope(Write::EditPost(EditPost {
            circle_id,
            post_id: own,
            version: 1,
            body: "Comment fais-tu pour ranger ton bureau ?".into(),
            context: String::new(),
            outcome: String::new(),
            difficulty: String::new(),
            tags: String::new(),
        })),
        camille.envelope(Write::DeletePost(DeletePost { circle_id, post_id: gone })),
        camille.envelope(Write::ReportPost(ReportPost { circle_id, post_id, body: "Hors sujet.".into() })),
        sophie.envelope(Write::ModeratePost(ModeratePost {
            circle_id,
            post_id,
            version: 1,
            was_hidden: false,
            hidden: true,
            body: "Hors sujet, en effet.".into(),
        })),
        sophie.envelope(Write::CreateCircle(CreateCircle {
            circle_id: new_circle,
            name: "Cercle du courrier".into(),
            purpose: String::new(),
            kind: CircleKind::Peer,
            plc_type: None,
        })),
        sophie.envelope(Write::SetCircleMember(SetCircleMember {
            circle_id,
            person_id: person_id(&w.pool, "outsider@a.test").await,
            member: true,
            name: "outsider@a.test".into(),
        })),
        sophie.envelope(Write::ArchiveCircle(ArchiveCircle {
            circle_id: new_circle,
            archived: true,
            name: "Cercle du courrier".into(),
        })),
        camille.envelope(Write::EditCharter(EditCharter {
            circle_id: plc,
            version: 0,
            name: "CAP du courrier".into(),
            mission: "Que personne ne trie seul.".into(),
            vision: String::new(),
            values: "Entraide.".into(),
            goals: String::new(),
        })),
        sophie.envelope(Write::AddTheme(AddTheme {
            circle_id: network,
            theme_id: Uuid::new_v4(),
            name: "Le courrier du lundi".into(),
            outcome: "Trié avant 10 h.".into(),
        })),
        sophie.envelope(Write::SetNetworkRoles(SetNetworkRoles {
            circle_id: network,
            person_id: camille.ids().0,
            name: "member@a.test".into(),
            sponsor: false,
            committee: true,
            facilitator: false,
            was_sponsor: false,
            was_committee: false,
            was_facilitator: false,
        })),
        sophie.envelope(Write::FileProposal(FileProposal {
            circle_id: network,
            proposal_id: proposal,
            theme_id: None,
            name: "Trier à deux".into(),
            problem: "Le lundi, une personne trie seule.".into(),
            change: "Trier à deux de 9 h à 10 h.".into(),
            experiment: String::new(),
        })),
        camille.envelope(Write::DecideProposal(DecideProposal {
            circle_id: network,
            proposal_id: proposal,
            decision: Decision::Accept,
            note: String::new(),
            name: "Trier à deux".into(),
        })),
        sophie.envelope(Write::RunExperiment(RunExperiment {
            circle_id: network,
            proposal_id: proposal,
            state: ExperimentState::Running,
            starts_on: "2026-12-07".into(),
            ends_on: String::new(),
            result: String::new(),
            name: "Trier à deux".into(),
        })),
        camille.envelope(Write::ScheduleSession(ScheduleSession {
            circle_id,
            session_id: Uuid::new_v4(),
            name: "Manager Boost".into(),
            starts: common::next_january(14, "18:30"),
            ends: common::next_january(14, "20:00"),
            zone: "Europe/Paris".into(),
            place: "Salle 2".into(),
            link: String::new(),
        })),
        camille.envelope(Write::AnswerSession(AnswerSession {
            circle_id,
            session_id: session,
            going: true,
            name: "Point du jeudi".into(),
        })),
        sophie.envelope(Write::RecordAttendance(RecordAttendance {
            circle_id,
            session_id: session,
            person_id: camille.ids().0,
            attended: true,
            name: "member@a.test".into(),
        })),
        sophie.envelope(Write::SchedulePrompt(SchedulePrompt {
            prompt_id: Uuid::new_v4(),
            kind: PromptKind::Question,
            body: "Comment préparez-vous vos entretiens annuels ?".into(),
            opens: common::next_january(4, "09:00"),
            closes: common::next_january(11, "18:00"),
            zone: "Europe/Paris".into(),
            circle_ids: vec![circle_id],
        })),
        camille
            .envelope(Write::ReadNotifications(ReadNotifications { notification_id: None, up_to: 4_102_444_800_000 })),
        camille.envelope(Write::SetTimeZone(SetTimeZone { zone: "America/Montreal".into(), name: "Montréal".into() })),
    ];
    let kinds: Vec<&str> = all.iter().map(Envelope::kind).collect();
    assert_eq!(kinds, Write::KINDS, "one envelope of each kind, in their order");
    all.into_iter().map(|e| (if e.person_id == sophie.ids().0 { sophie.clone() } else { camille.clone() }, e)).collect()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn every_kind_travels_under_the_name_its_ledger_rows_carry(pool: PgPool) {
    let w = world(pool).await;
    for (_, envelope) in one_of_each_kind(&w).await {
        let write = envelope.decode().expect("a write");
        assert_eq!(envelope.write["kind"], write.kind());
    }
}

async fn ledger_rows(w: &World) -> i64 {
    count(&w.pool, "select count(*) from write_ledger").await
}

async fn posts(w: &World) -> i64 {
    count(&w.pool, "select count(*) from posts").await
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn every_kind_applied_twice_in_sequence_changes_the_database_once(pool: PgPool) {
    let w = world(pool).await;
    for (mut client, envelope) in one_of_each_kind(&w).await {
        let first = client.sync(&envelope).await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.body);
        let (events, rows) = (count(&w.pool, "select count(*) from activity_events").await, ledger_rows(&w).await);
        let again = client.sync(&envelope).await;
        let (first, again): (Receipt, Receipt) = (first.json(), again.json());
        assert!(!first.replayed && again.replayed);
        assert_eq!((&first.kind, first.subject_id, &first.result), (&again.kind, again.subject_id, &again.result));
        assert_eq!(count(&w.pool, "select count(*) from activity_events").await, events);
        assert_eq!(ledger_rows(&w).await, rows);
    }
    // The animator's question and practice, Camille's two questions (one deleted, kept), the
    // question, the practice and the reply; one reaction, account of trying, library entry,
    // edit, deletion, report and decision; and the prompt's thread in its circle.
    assert_eq!(posts(&w).await, 8);
    assert_eq!(count(&w.pool, "select count(*) from practices").await, 2);
    for table in ["reactions", "tryouts", "library_entries", "post_reports", "post_moderations"] {
        assert_eq!(count(&w.pool, &format!("select count(*) from {table}")).await, 1, "{table}");
    }
    assert_eq!(count(&w.pool, "select count(*) from posts where version = 2").await, 1);
    assert_eq!(count(&w.pool, "select count(*) from posts where deleted_at is not null").await, 1);
    assert_eq!(count(&w.pool, "select count(*) from circles where archived_at is not null").await, 1);
    assert_eq!(count(&w.pool, "select count(*) from circle_members").await, 4);
    assert_eq!(count(&w.pool, "select count(*) from plc_charters where version = 1").await, 1);
    assert_eq!(count(&w.pool, "select count(*) from network_themes").await, 1);
    assert_eq!(count(&w.pool, "select count(*) from circle_members where on_committee").await, 1);
    assert_eq!(count(&w.pool, "select count(*) from network_experiments where state = 'running'").await, 1);
    assert_eq!(count(&w.pool, "select count(*) from live_sessions").await, 2);
    assert_eq!(count(&w.pool, "select count(*) from session_answers").await, 1);
    assert_eq!(count(&w.pool, "select count(*) from session_attendance").await, 1);
    assert_once_each_and_read(&w).await;
}

/// The notifications the writes owed were made once each, and Camille's due ones were read.
async fn assert_once_each_and_read(w: &World) {
    assert!(count(&w.pool, "select count(*) from notifications").await > 0);
    let twice = "select count(*) from (select 1 from notifications group by person_id, event_id having count(*) > 1) t";
    assert_eq!(count(&w.pool, twice).await, 0);
    let unread = "select count(*) from shown_notifications n join people p on p.id = n.person_id
                  where p.email = 'member@a.test' and n.read_at is null";
    assert_eq!(count(&w.pool, unread).await, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn every_kind_applied_concurrently_changes_the_database_once(pool: PgPool) {
    let w = world(pool).await;
    for (client, envelope) in one_of_each_kind(&w).await {
        let sends = (0..6).map(|_| {
            let (mut c, e) = (client.clone(), envelope.clone());
            tokio::spawn(async move { c.sync(&e).await })
        });
        let mut receipts = Vec::new();
        for s in sends.collect::<Vec<_>>() {
            let answer = s.await.expect("task");
            assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
            receipts.push(answer.json::<Receipt>());
        }
        assert_eq!(receipts.iter().filter(|r| !r.replayed).count(), 1);
        assert!(receipts.iter().all(|r| r.subject_id == receipts[0].subject_id && r.result == receipts[0].result));
    }
    assert_eq!(posts(&w).await, 8);
    assert_eq!(count(&w.pool, "select count(*) from posts where version = 2").await, 1);
    assert_eq!(count(&w.pool, "select count(*) from prompts").await, 1);
    for kind in [
        "asked_question",
        "shared_practice",
        "replied",
        "reacted_useful",
        "tried_practice",
        "promoted_practice",
        "deleted_post",
        "hid_post",
        "edited_charter",
        "added_theme",
        "set_network_roles",
        "filed_proposal",
        "accepted_proposal",
        "updated_experiment",
        "scheduled_session",
        "answered_session",
        "attended_session",
        "scheduled_prompt",
    ] {
        let events = count(&w.pool, &format!("select count(*) from activity_events where kind = '{kind}'")).await;
        assert_eq!(events, 1, "{kind}");
    }
    assert_once_each_and_read(&w).await;
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_write_made_for_another_person_or_organisation_is_refused(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let outsider = Client::signed_in(&w, "outsider@a.test").await;
    let other_org = Client::signed_in(&w, "member@b.test").await;

    // Made for a colleague (a shared phone's previous person), sent with Camille's session: not
    // applied, and answered 401 so the device keeps it for its own person.
    let theirs = ask(&outsider, w.circle_a, "Pas à moi");
    let refused = camille.sync(&theirs).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{}", refused.body);
    // Made for an organisation Camille is not in.
    let mut elsewhere = ask(&camille, w.circle_a, "Ailleurs");
    elsewhere.org_id = other_org.ids().1;
    assert_eq!(camille.sync(&elsewhere).await.status, StatusCode::FORBIDDEN);
    // Nobody signed in: kept for later by the browser (401), never applied.
    let mut anonymous = Client::new(&w);
    assert_eq!(anonymous.sync(&ask(&camille, w.circle_a, "Anonyme")).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!((posts(&w).await, ledger_rows(&w).await), (0, 0));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_write_queued_before_switching_organisation_lands_where_it_was_made(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let queued = ask(&camille, w.circle_a, "Écrite avant de changer d'organisation");
    let (person, _) = camille.ids();
    sqlx::query("insert into memberships (org_id, person_id, role) values ($1, $2, 'member')")
        .bind(w.org_b)
        .bind(person)
        .execute(&w.pool)
        .await
        .expect("membership");
    camille.post("/api/switch_org", &[("org_id", &w.org_b.to_string())]).await;
    let landed = camille.sync(&queued).await;
    assert_eq!(landed.status, StatusCode::OK, "{}", landed.body);
    assert_eq!(count(&w.pool, &format!("select count(*) from posts where org_id = '{}'", w.org_a)).await, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_refused_write_leaves_nothing_and_can_be_fixed_and_sent_again(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut envelope = ask(&camille, w.circle_a, "   ");
    let refused = camille.sync(&envelope).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json::<AppError>(), AppError::Invalid { field: Field::Question, problem: Problem::Empty });
    assert_eq!((posts(&w).await, ledger_rows(&w).await), (0, 0));
    envelope.set_write(&Write::AskQuestion(AskQuestion { circle_id: w.circle_a, body: "Enfin écrite".into() }));
    assert_eq!(camille.sync(&envelope).await.status, StatusCode::OK);
    assert_eq!((posts(&w).await, ledger_rows(&w).await), (1, 1));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn someone_elses_circle_id_is_refused_and_changes_nothing(pool: PgPool) {
    let w = world(pool).await;
    let mut intruder = Client::signed_in(&w, "member@b.test").await;
    let envelope = ask(&intruder, w.circle_a, "Je tente");
    let answer = intruder.sync(&envelope).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND, "{}", answer.body);
    assert_eq!((posts(&w).await, ledger_rows(&w).await), (0, 0));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_database_that_does_not_answer_keeps_the_write_for_later(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let envelope = ask(&camille, w.circle_a, "Quand tout rame");
    w.pool.close().await;
    let answer = camille.sync(&envelope).await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE, "{}", answer.body);
    assert_eq!(answer.json::<AppError>(), AppError::Unavailable);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_same_id_with_another_write_is_refused_not_taken_for_a_replay(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut envelope = ask(&camille, w.circle_a, "Première version");
    assert_eq!(camille.sync(&envelope).await.status, StatusCode::OK);
    envelope.set_write(&Write::AskQuestion(AskQuestion { circle_id: w.circle_a, body: "Autre chose".into() }));
    let answer = camille.sync(&envelope).await;
    assert_eq!(answer.status, StatusCode::CONFLICT, "{}", answer.body);
    assert_eq!(answer.json::<AppError>(), AppError::Conflict);
    assert_eq!((posts(&w).await, ledger_rows(&w).await), (1, 1));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn json_that_is_no_write_is_refused_as_malformed_and_changes_nothing(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut envelope = ask(&camille, w.circle_a, "Bien formée");
    for write in [
        serde_json::json!({ "kind": "ask_question", "args": { "circle_id": w.circle_a, "body": 42 } }),
        serde_json::json!({ "kind": "from_the_future", "args": { "circle_id": w.circle_a, "body": "?" } }),
        serde_json::json!("ask_question"),
    ] {
        envelope.write = write;
        let answer = camille.sync(&envelope).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
        assert_eq!(answer.json::<AppError>(), AppError::BadRequest);
    }
    assert_eq!((posts(&w).await, ledger_rows(&w).await), (0, 0));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_body_larger_than_any_write_is_refused_before_it_is_read(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut envelope = ask(&camille, w.circle_a, "Trop gros");
    envelope.write["args"]["padding"] = serde_json::Value::String("x".repeat(server::API_BODY_LIMIT));
    let answer = camille.sync(&envelope).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", answer.body.chars().take(200).collect::<String>());
    assert_eq!(answer.json::<AppError>(), AppError::BadRequest);
    assert_eq!((posts(&w).await, ledger_rows(&w).await), (0, 0));
}
