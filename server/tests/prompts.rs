//! Themed prompts over HTTP: an animator puts one to several circles; it shows in each while
//! open; members answer it as replies in its thread there (not before it opens, not after it
//! closes), each answer its own activity event; the animators' page gives each circle's
//! response rate, counting members once and deleted answers not at all. A prompt's words are not
//! edited or deleted from one circle. The plain form posts its ticked circles.
mod common;
use app::circles::model::CircleDetail;
use app::circles::posts::{PostPage, Thread};
use app::error::{AppError, Field, Problem};
use app::offline::writes::{Receipt, Write};
use app::prompts::api::SchedulePrompt;
use app::prompts::model::{PromptKind, PromptState, PromptsPage};
use common::*;
use http::StatusCode;
use sqlx::PgPool;
use uuid::Uuid;

fn prompt(prompt_id: Uuid, circles: &[Uuid], opens: &str, closes: &str) -> Write {
    Write::SchedulePrompt(SchedulePrompt {
        prompt_id,
        kind: PromptKind::Question,
        body: "Comment préparez-vous vos **entretiens** ?".into(),
        opens: opens.into(),
        closes: closes.into(),
        zone: "Europe/Paris".into(),
        circle_ids: circles.to_vec(),
    })
}

fn json(e: AppError) -> String {
    serde_json::to_string(&e).expect("json")
}

/// A second circle of organisation A, with the member and the outsider in it.
async fn circle_b(w: &World) -> Uuid {
    let id = Uuid::new_v4();
    sqlx::query("insert into circles (org_id, id, kind, name) values ($1, $2, 'peer', 'Cercle B')")
        .bind(w.org_a)
        .bind(id)
        .execute(&w.pool)
        .await
        .expect("circle");
    join(&w.pool, w.org_a, id, "member@a.test").await;
    join(&w.pool, w.org_a, id, "outsider@a.test").await;
    id
}

/// The thread of prompt `prompt` in `circle`.
async fn thread_of(pool: &PgPool, prompt: Uuid, circle: Uuid) -> Uuid {
    sqlx::query_scalar("select id from posts where prompt_id = $1 and circle_id = $2")
        .bind(prompt)
        .bind(circle)
        .fetch_one(pool)
        .await
        .expect("prompt thread")
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_animator_puts_a_prompt_to_circles_and_sees_each_circles_response_rate(pool: PgPool) {
    let w = world(pool).await;
    let other = circle_b(&w).await;
    let mut animator = Client::signed_in(&w, "animator@a.test").await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut colleague = Client::signed_in(&w, "outsider@a.test").await;
    let id = Uuid::new_v4();

    // Opened a while ago (set below), closing next January: one prompt, a thread per circle.
    let first =
        animator.envelope(prompt(id, &[w.circle_a, other], &next_january(4, "09:00"), &next_january(11, "18:00")));
    assert_eq!(animator.sync(&first).await.status, StatusCode::OK);
    assert!(animator.sync(&first).await.json::<Receipt>().replayed);
    assert_eq!(count(&w.pool, "select count(*) from posts where kind = 'prompt'").await, 2);
    assert_eq!(count(&w.pool, "select count(*) from activity_events where kind = 'scheduled_prompt'").await, 1);

    // Not open yet: not on the circle page, and an answer is refused.
    let (in_a, in_b) = (thread_of(&w.pool, id, w.circle_a).await, thread_of(&w.pool, id, other).await);
    let page: CircleDetail = camille.get(&format!("/api/circle?circle_id={}", w.circle_a)).await.json();
    assert!(page.prompts.is_empty());
    let early = camille.reply(w.circle_a, in_a, "Avec une trame.").await;
    assert_eq!((early.status, early.body), (StatusCode::CONFLICT, json(AppError::PromptNotOpen)));

    // Open: on both circles' pages, outside their lists of questions and practices.
    sqlx::query("update prompts set opens_at = now() - interval '1 day'").execute(&w.pool).await.expect("open");
    let page: CircleDetail = camille.get(&format!("/api/circle?circle_id={}", w.circle_a)).await.json();
    assert_eq!(page.prompts.len(), 1);
    assert_eq!((page.prompts[0].post_id, page.prompts[0].answered, page.prompts[0].mine), (in_a, 0, false));
    let posts: PostPage = camille.posts(w.circle_a).await.json();
    assert!(posts.posts.is_empty(), "a prompt is not one of the circle's questions");

    // Answers: Camille twice in circle A (counted once), the colleague in B then deletes it.
    for body in ["Avec une trame.", "Et en relisant l'an passé."] {
        assert_eq!(camille.reply(w.circle_a, in_a, body).await.status, StatusCode::OK);
    }
    let answer: Receipt = colleague.reply(other, in_b, "En binôme.").await.json();
    assert_eq!(count(&w.pool, "select count(*) from activity_events where kind = 'answered_prompt'").await, 3);
    assert_eq!(count(&w.pool, "select count(*) from activity_events where kind = 'replied'").await, 0);
    let page: CircleDetail = camille.get(&format!("/api/circle?circle_id={}", w.circle_a)).await.json();
    assert_eq!((page.prompts[0].answered, page.prompts[0].mine), (1, true));
    let thread: Thread = camille.thread(w.circle_a, in_a).await.json();
    let window = thread.prompt.expect("a prompt's thread says when it is open");
    assert_eq!((window.state, thread.replies.len()), (PromptState::Open, 2));

    let rates: PromptsPage = animator.get("/api/prompts").await.json();
    let reach: Vec<(&str, i64, i64, Option<i64>)> =
        rates.prompts[0].circles.iter().map(|r| (r.circle_name.as_str(), r.members, r.answered, r.rate())).collect();
    assert_eq!(reach, [("Cercle A", 1, 1, Some(100)), ("Cercle B", 2, 1, Some(50))]);
    assert_eq!(rates.targets.len(), 2);
    let deletion = Write::DeletePost(app::circles::edit::DeletePost {
        circle_id: other,
        post_id: answer.subject_id.expect("the answer"),
    });
    assert_eq!(colleague.sync(&colleague.envelope(deletion)).await.status, StatusCode::OK);
    let rates: PromptsPage = animator.get("/api/prompts").await.json();
    assert_eq!((rates.prompts[0].circles[1].answered, rates.prompts[0].circles[1].rate()), (0, Some(0)));

    // Its words are the animator's in every circle: not edited or deleted from one.
    let edit = Write::EditPost(app::circles::edit::EditPost {
        circle_id: w.circle_a,
        post_id: in_a,
        version: 1,
        body: "Autre chose ?".into(),
        context: String::new(),
        outcome: String::new(),
        difficulty: String::new(),
        tags: String::new(),
    });
    assert_eq!(animator.sync(&animator.envelope(edit)).await.status, StatusCode::FORBIDDEN);
    let delete = Write::DeletePost(app::circles::edit::DeletePost { circle_id: w.circle_a, post_id: in_a });
    assert_eq!(animator.sync(&animator.envelope(delete)).await.status, StatusCode::FORBIDDEN);

    // Closed: gone from the circle page, answers refused, and listed last on the animators' page.
    sqlx::query("update prompts set closes_at = now() - interval '1 minute'").execute(&w.pool).await.expect("close");
    let late = camille.reply(w.circle_a, in_a, "Trop tard ?").await;
    assert_eq!((late.status, late.body), (StatusCode::CONFLICT, json(AppError::PromptClosed)));
    let page: CircleDetail = camille.get(&format!("/api/circle?circle_id={}", w.circle_a)).await.json();
    assert!(page.prompts.is_empty());
    let rates: PromptsPage = animator.get("/api/prompts").await.json();
    assert_eq!(rates.prompts[0].state, PromptState::Closed);
    assert_eq!(count(&w.pool, "select count(*) from posts where kind = 'reply' and deleted_at is null").await, 2);
    // Its answers are what it gathered: not changed once it has closed (still deleted by their
    // author), while a reply elsewhere still is.
    let mine: Uuid = sqlx::query_scalar("select id from posts where parent_id = $1 and body = 'Avec une trame.'")
        .bind(in_a)
        .fetch_one(&w.pool)
        .await
        .expect("Camille's answer");
    let change = |post_id| {
        Write::EditPost(app::circles::edit::EditPost {
            circle_id: w.circle_a,
            post_id,
            version: 1,
            body: "Avec une trame, relue.".into(),
            context: String::new(),
            outcome: String::new(),
            difficulty: String::new(),
            tags: String::new(),
        })
    };
    let refused = camille.sync(&camille.envelope(change(mine))).await;
    assert_eq!((refused.status, refused.body), (StatusCode::CONFLICT, json(AppError::PromptClosed)));
    let question = question_by(&w.pool, w.org_a, w.circle_a, "animator@a.test", "Comment fais-tu pour relire ?").await;
    let reply: Receipt = camille.reply(w.circle_a, question, "Avec une trame.").await.json();
    let reply = reply.subject_id.expect("the reply");
    assert_eq!(camille.sync(&camille.envelope(change(reply))).await.status, StatusCode::OK);
    let gone = Write::DeletePost(app::circles::edit::DeletePost { circle_id: w.circle_a, post_id: mine });
    assert_eq!(camille.sync(&camille.envelope(gone)).await.status, StatusCode::OK);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_prompt_is_refused_without_circles_in_the_past_to_archived_or_foreign_circles_or_by_a_member(pool: PgPool) {
    let w = world(pool).await;
    let mut animator = Client::signed_in(&w, "animator@a.test").await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let (opens, closes) = (next_january(4, "09:00"), next_january(11, "18:00"));
    let foreign = Uuid::new_v4();
    sqlx::query("insert into circles (org_id, id, kind, name) values ($1, $2, 'peer', 'Cercle de B')")
        .bind(w.org_b)
        .bind(foreign)
        .execute(&w.pool)
        .await
        .expect("circle of B");
    let invalid = |field, problem| (StatusCode::UNPROCESSABLE_ENTITY, json(AppError::Invalid { field, problem }));
    for (write, refused) in [
        (prompt(Uuid::new_v4(), &[], &opens, &closes), invalid(Field::Circles, Problem::Empty)),
        (
            prompt(Uuid::new_v4(), &[w.circle_a], "2020-01-04T09:00", "2020-01-11T18:00"),
            invalid(Field::ClosesAt, Problem::Past),
        ),
        (prompt(Uuid::new_v4(), &[w.circle_a], &closes, &opens), invalid(Field::ClosesAt, Problem::BeforeStart)),
        (
            prompt(Uuid::new_v4(), &[w.circle_a, foreign], &opens, &closes),
            (StatusCode::NOT_FOUND, json(AppError::NotFound)),
        ),
    ] {
        let answer = animator.sync(&animator.envelope(write)).await;
        assert_eq!((answer.status, answer.body), refused);
    }
    let by_member = camille.sync(&camille.envelope(prompt(Uuid::new_v4(), &[w.circle_a], &opens, &closes))).await;
    assert_eq!(by_member.status, StatusCode::FORBIDDEN);
    assert_eq!(camille.get("/api/prompts").await.status, StatusCode::FORBIDDEN);
    sqlx::query("update circles set archived_at = now() where id = $1")
        .bind(w.circle_a)
        .execute(&w.pool)
        .await
        .expect("archive");
    let archived = animator.sync(&animator.envelope(prompt(Uuid::new_v4(), &[w.circle_a], &opens, &closes))).await;
    assert_eq!((archived.status, archived.body), (StatusCode::CONFLICT, json(AppError::Archived)));
    assert_eq!(count(&w.pool, "select count(*) from prompts").await, 0);
    assert_eq!(count(&w.pool, "select count(*) from posts").await, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_plain_form_posts_its_ticked_circles(pool: PgPool) {
    let w = world(pool).await;
    let other = circle_b(&w).await;
    let mut animator = Client::signed_in(&w, "animator@a.test").await;
    let (person, org) = animator.ids();
    let (a, b) = (w.circle_a.to_string(), other.to_string());
    let (opens, closes) = (next_january(4, "09:00"), next_january(11, "18:00"));
    let mut fields = vec![
        ("org_id", org.to_string()),
        ("person_id", person.to_string()),
        ("client_id", Uuid::new_v4().to_string()),
        ("prompt_id", Uuid::new_v4().to_string()),
        ("kind", "debate".to_owned()),
        ("body", "Le télétravail nous rapproche-t-il ?".to_owned()),
        ("opens", opens),
        ("closes", closes),
        ("zone", "Europe/Paris".to_owned()),
    ];
    // No box ticked: the form comes back with what is wrong.
    let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let none = animator.post("/api/schedule_prompt", &form).await;
    assert_eq!(none.body, json(AppError::Invalid { field: Field::Circles, problem: Problem::Empty }));
    fields[2].1 = Uuid::new_v4().to_string();
    fields.extend([("circle_ids[]", a), ("circle_ids[]", b)]);
    let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let sent = animator.post("/api/schedule_prompt", &form).await;
    assert!(sent.status.is_success(), "{} {}", sent.status, sent.body);
    assert_eq!(count(&w.pool, "select count(*) from posts where kind = 'prompt'").await, 2);
    assert_eq!(count(&w.pool, "select count(*) from prompts where kind = 'debate'").await, 1);
}
