//! Notifications over HTTP: each is made with the event that owes it (a reply, a practice
//! tried or promoted, a prompt opened, a session tomorrow, a decision), for the person it
//! concerns and never for who acted; shown once due; counted unread in `me` and `unread`;
//! marked read one by one or all at once, by their person only, through the sync engine and
//! the plain form (which then opens what it is about).
mod common;
use app::circles::admin::SetCircleMember;
use app::circles::tried::TryPractice;
use app::identity::model::Me;
use app::library::api::PromotePractice;
use app::network::api::DecideProposal;
use app::network::model::Decision;
use app::notifications::api::ReadNotifications;
use app::notifications::model::{NoticeKind, NoticesPage};
use app::offline::writes::{Receipt, Write};
use app::prompts::api::SchedulePrompt;
use app::prompts::model::PromptKind;
use app::sessions::api::{AnswerSession, ScheduleSession};
use common::*;
use http::StatusCode;
use uuid::Uuid;

async fn notices(client: &mut Client) -> NoticesPage {
    let answer = client.get("/api/notifications").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.json()
}

async fn unread(client: &mut Client) -> (i64, i64) {
    let me: Me = client.get("/api/me").await.json();
    (me.unread, client.get("/api/unread").await.json())
}

fn read(notification_id: Option<Uuid>) -> Write {
    Write::ReadNotifications(ReadNotifications { notification_id, up_to: 4_102_444_800_000 })
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn replies_and_practices_tell_their_author_and_nobody_of_their_own_doing(pool: sqlx::PgPool) {
    let w = world(pool).await;
    join(&w.pool, w.org_a, w.circle_a, "outsider@a.test").await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut karim = Client::signed_in(&w, "outsider@a.test").await;
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;
    let question = question_by(&w.pool, w.org_a, w.circle_a, "member@a.test", "Comment fais-tu pour dire non ?").await;
    let practice = practice_by(&w.pool, (w.org_a, w.circle_a), "member@a.test", "Un point de dix minutes.").await;

    // Her own reply tells nobody; Karim's tells her, quoting her question.
    assert_eq!(camille.reply(w.circle_a, question, "Je précise : le lundi.").await.status, StatusCode::OK);
    assert_eq!(unread(&mut camille).await, (0, 0));
    assert_eq!(karim.reply(w.circle_a, question, "Je propose un autre créneau.").await.status, StatusCode::OK);
    let page = notices(&mut camille).await;
    assert_eq!(page.unread, 1);
    let n = &page.notices[0];
    assert_eq!((n.kind, n.actor.as_deref(), n.read), (NoticeKind::Reply, Some("outsider@a.test"), false));
    assert_eq!(n.snippet.as_deref(), Some("Comment fais-tu pour dire non ?"));
    assert_eq!(n.href(), format!("/circles/{}/posts/{question}", w.circle_a));
    assert!(notices(&mut karim).await.notices.is_empty(), "who replied is not told");

    // Tried (once, however often said), then promoted: two more, for her.
    let tried = Write::TryPractice(TryPractice { circle_id: w.circle_a, post_id: practice, body: "Adopté.".into() });
    for _ in 0..2 {
        assert_eq!(karim.sync(&karim.envelope(tried.clone())).await.status, StatusCode::OK);
    }
    let promote = Write::PromotePractice(PromotePractice {
        circle_id: w.circle_a,
        post_id: practice,
        themes: "Réunions".into(),
        skills: String::new(),
    });
    assert_eq!(sophie.sync(&sophie.envelope(promote)).await.status, StatusCode::OK);
    let page = notices(&mut camille).await;
    let kinds: Vec<NoticeKind> = page.notices.iter().map(|n| n.kind).collect();
    assert_eq!(kinds.len(), 3);
    assert!(kinds.contains(&NoticeKind::PracticeTried) && kinds.contains(&NoticeKind::PracticePromoted), "{kinds:?}");
    assert_eq!(unread(&mut camille).await, (3, 3));

    // Opening one marks it read, once; the rest go with "mark all as read".
    let first = camille.envelope(read(Some(n.id)));
    let receipt: Receipt = camille.sync(&first).await.json();
    assert_eq!(receipt.result, serde_json::json!(1));
    assert!(camille.sync(&first).await.json::<Receipt>().replayed);
    assert_eq!(unread(&mut camille).await, (2, 2));
    // Someone else's is not theirs to mark, and nothing changes.
    let theirs = karim.sync(&karim.envelope(read(Some(n.id)))).await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN);
    let mut other = Client::signed_in(&w, "member@b.test").await;
    assert_eq!(other.sync(&other.envelope(read(Some(n.id)))).await.status, StatusCode::NOT_FOUND);
    // "Mark all" says up to the newest it showed, in milliseconds: that one is marked too.
    let newest = page.notices.iter().map(|n| n.at).max().expect("shown");
    let all = Write::ReadNotifications(ReadNotifications { notification_id: None, up_to: newest });
    let all: Receipt = camille.sync(&camille.envelope(all)).await.json();
    assert_eq!(all.result, serde_json::json!(2));
    assert_eq!(unread(&mut camille).await, (0, 0));
    assert!(notices(&mut camille).await.notices.iter().all(|n| n.read));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn prompts_and_sessions_tell_the_circle_when_due_and_decisions_tell_the_author(pool: sqlx::PgPool) {
    let w = world(pool).await;
    join(&w.pool, w.org_a, w.circle_a, "outsider@a.test").await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut karim = Client::signed_in(&w, "outsider@a.test").await;
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;

    // A prompt opening next January: its members are told then, not now; its animator never.
    let prompt = Write::SchedulePrompt(SchedulePrompt {
        prompt_id: Uuid::new_v4(),
        kind: PromptKind::Question,
        body: "Comment préparez-vous vos entretiens ?".into(),
        opens: next_january(4, "09:00"),
        closes: next_january(11, "18:00"),
        zone: "Europe/Paris".into(),
        circle_ids: vec![w.circle_a],
    });
    assert_eq!(sophie.sync(&sophie.envelope(prompt)).await.status, StatusCode::OK);
    // A session Camille schedules next January: Karim is told a day before, Camille never.
    let session = Uuid::new_v4();
    let schedule = Write::ScheduleSession(ScheduleSession {
        circle_id: w.circle_a,
        session_id: session,
        name: "Manager Boost".into(),
        starts: next_january(14, "18:30"),
        ends: next_january(14, "20:00"),
        zone: "Europe/Paris".into(),
        place: String::new(),
        link: String::new(),
    });
    assert_eq!(camille.sync(&camille.envelope(schedule)).await.status, StatusCode::OK);
    assert_eq!(count(&w.pool, "select count(*) from notifications").await, 3);
    assert!(notices(&mut karim).await.notices.is_empty(), "nothing is due yet");
    assert_eq!(unread(&mut karim).await, (0, 0));

    // Due: shown, the session's with its start.
    sqlx::query("update notifications set due_at = now() - interval '1 minute'").execute(&w.pool).await.expect("due");
    let page = notices(&mut karim).await;
    let mut kinds: Vec<NoticeKind> = page.notices.iter().map(|n| n.kind).collect();
    kinds.sort_by_key(|k| format!("{k:?}"));
    assert_eq!(kinds, [NoticeKind::PromptOpened, NoticeKind::SessionSoon]);
    assert!(page.notices.iter().any(|n| n.starts_at.is_some() && n.snippet.as_deref() == Some("Manager Boost")));
    assert!(notices(&mut sophie).await.notices.is_empty(), "the animator scheduled it and is in no circle");
    let mine = notices(&mut camille).await;
    assert_eq!(mine.notices.iter().map(|n| n.kind).collect::<Vec<_>>(), [NoticeKind::PromptOpened]);

    // Karim will not go: the reminder is no longer shown, nor counted.
    let answer = Write::AnswerSession(AnswerSession {
        circle_id: w.circle_a,
        session_id: session,
        going: false,
        name: "Manager Boost".into(),
    });
    assert_eq!(karim.sync(&karim.envelope(answer)).await.status, StatusCode::OK);
    let page = notices(&mut karim).await;
    assert_eq!((page.notices.len(), page.unread), (1, 1));
    assert_eq!(unread(&mut karim).await, (1, 1));

    // Taken out of the circle, he is shown neither; added back, the same again, not doubled.
    let set = |person_id, member| {
        Write::SetCircleMember(SetCircleMember { circle_id: w.circle_a, person_id, member, name: "Karim".into() })
    };
    let karim_id = person_id(&w.pool, "outsider@a.test").await;
    assert_eq!(sophie.sync(&sophie.envelope(set(karim_id, false))).await.status, StatusCode::OK);
    assert_eq!(unread(&mut karim).await, (0, 0));
    assert!(notices(&mut karim).await.notices.is_empty());
    let made = count(&w.pool, "select count(*) from notifications").await;
    assert_eq!(sophie.sync(&sophie.envelope(set(karim_id, true))).await.status, StatusCode::OK);
    assert_eq!(unread(&mut karim).await, (1, 1));
    assert_eq!(count(&w.pool, "select count(*) from notifications").await, made);
    // Someone added later is told of the prompt still open and the session to come, when due.
    let newcomer = person(&w.pool, w.org_a, "newcomer@a.test", "member").await;
    assert_eq!(sophie.sync(&sophie.envelope(set(newcomer, true))).await.status, StatusCode::OK);
    let theirs = format!(
        "select count(*) from notifications where person_id = '{newcomer}' and due_at > now() + interval '1 day'
           and kind in ('prompt_opened', 'session_soon')"
    );
    assert_eq!(count(&w.pool, &theirs).await, 2);

    // A decision tells the proposal's author, with the decision.
    let network = network_with(&w.pool, w.org_a, &["member@a.test", "outsider@a.test"]).await;
    sqlx::query("update circle_members set on_committee = true where circle_id = $1 and person_id = $2")
        .bind(network)
        .bind(person_id(&w.pool, "outsider@a.test").await)
        .execute(&w.pool)
        .await
        .expect("committee");
    let proposal = Uuid::new_v4();
    sqlx::query(
        "insert into network_proposals (org_id, id, circle_id, author_id, title, problem, change)
         values ($1, $2, $3, $4, 'Une signature sous 500 €', 'Trois signatures.', 'Une seule.')",
    )
    .bind(w.org_a)
    .bind(proposal)
    .bind(network)
    .bind(person_id(&w.pool, "member@a.test").await)
    .execute(&w.pool)
    .await
    .expect("proposal");
    let decide = Write::DecideProposal(DecideProposal {
        circle_id: network,
        proposal_id: proposal,
        decision: Decision::Return,
        note: "Précisez le périmètre.".into(),
        name: "Une signature sous 500 €".into(),
    });
    assert_eq!(karim.sync(&karim.envelope(decide)).await.status, StatusCode::OK);
    let page = notices(&mut camille).await;
    let decided = page.notices.iter().find(|n| n.kind == NoticeKind::ProposalDecided).expect("decision told");
    assert_eq!(decided.decision, Some(Decision::Return));
    assert_eq!(decided.snippet.as_deref(), Some("Une signature sous 500 €"));
    assert_eq!(decided.href(), format!("/circles/{network}/network#proposal-{proposal}"));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_plain_form_marks_it_read_and_opens_what_it_is_about(pool: sqlx::PgPool) {
    let w = world(pool).await;
    join(&w.pool, w.org_a, w.circle_a, "outsider@a.test").await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut karim = Client::signed_in(&w, "outsider@a.test").await;
    let question = question_by(&w.pool, w.org_a, w.circle_a, "member@a.test", "Comment fais-tu ?").await;
    assert_eq!(karim.reply(w.circle_a, question, "Ainsi.").await.status, StatusCode::OK);
    let id = notices(&mut camille).await.notices[0].id;
    let (person, org) = camille.ids();
    let fields = [
        ("org_id", org.to_string()),
        ("person_id", person.to_string()),
        ("client_id", Uuid::new_v4().to_string()),
        ("notification_id", id.to_string()),
        ("up_to", "4102444800000".to_owned()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let req = http::Request::post("/api/read_notifications")
        .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(http::header::ACCEPT, "text/html");
    let answer = camille.send(req, serde_urlencoded::to_string(&fields).expect("form")).await;
    assert!(answer.status.is_redirection(), "{} {}", answer.status, answer.body);
    assert_eq!(answer.location.as_deref(), Some(format!("/circles/{}/posts/{question}", w.circle_a).as_str()));
    assert_eq!(unread(&mut camille).await, (0, 0));
    // The page without JavaScript: the list, read.
    let page = camille
        .send(http::Request::get("/notifications").header(http::header::ACCEPT, "text/html"), String::new())
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("outsider@a.test a répondu à votre message dans Cercle A"), "{}", page.body);
}
