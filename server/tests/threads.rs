//! Replies and reactions over HTTP: a thread under a question, "useful" and "I'll try it" once
//! per person and undoable, never on one's own post, and each counted as activity.
mod common;
use app::circles::api::React;
use app::circles::posts::{PostPage, PostView, Reaction, Thread};
use app::error::{AppError, Field, Problem};
use app::offline::writes::{Receipt, Write};
use common::*;
use http::StatusCode;
use sqlx::PgPool;
use uuid::Uuid;

fn post_of(answer: &Answer) -> PostView {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    serde_json::from_value(answer.json::<Receipt>().result).expect("post")
}

async fn events(w: &World, kind: &str) -> i64 {
    count(&w.pool, &format!("select count(*) from activity_events where kind = '{kind}'")).await
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_reply_shows_in_its_thread_and_counts_under_its_question(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;
    let question = post_of(&camille.ask(w.circle_a, Uuid::new_v4(), "Comment fais-tu pour finir à l'heure ?").await);
    let reply = post_of(&sophie.reply(w.circle_a, question.id, "  Je bloque le dernier quart d'heure.  ").await);
    assert_eq!((reply.parent_id, reply.body.as_str()), (Some(question.id), "Je bloque le dernier quart d'heure."));
    assert!(reply.body_html.starts_with("<p>Je bloque"), "{}", reply.body_html);

    let thread: Thread = camille.thread(w.circle_a, question.id).await.json();
    assert_eq!(thread.post.id, question.id);
    assert_eq!(thread.post.reply_count, 1);
    assert_eq!(thread.replies.iter().map(|r| r.id).collect::<Vec<_>>(), vec![reply.id]);
    // The circle's list shows questions and practices; replies are counted under them.
    let page: PostPage = camille.posts(w.circle_a).await.json();
    assert_eq!(page.posts.iter().map(|p| (p.id, p.reply_count)).collect::<Vec<_>>(), vec![(question.id, 1)]);
    let replied = count(
        &w.pool,
        &format!(
            "select count(*) from activity_events where kind = 'replied' and subject_id = '{}' and circle_id = '{}'",
            reply.id, w.circle_a
        ),
    )
    .await;
    assert_eq!(replied, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_reaction_is_given_once_and_taken_back_with_its_events(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let practice = "Je délègue une tâche par semaine, avec un point à mi-chemin.";
    let question = post_by(&w.pool, (w.org_a, w.circle_a), "animator@a.test", "practice", practice).await;

    let given = post_of(&camille.react(w.circle_a, question, Reaction::Useful, true).await);
    assert_eq!((given.useful_count, given.reacted.clone()), (1, vec![Reaction::Useful]));
    // Given again (another tab, another id): still one, and no second event.
    let again = post_of(&camille.react(w.circle_a, question, Reaction::Useful, true).await);
    assert_eq!(again.useful_count, 1);
    let trying = post_of(&camille.react(w.circle_a, question, Reaction::WillTry, true).await);
    assert_eq!((trying.useful_count, trying.will_try_count), (1, 1));
    let taken_back = post_of(&camille.react(w.circle_a, question, Reaction::Useful, false).await);
    assert_eq!((taken_back.useful_count, taken_back.reacted), (0, vec![Reaction::WillTry]));
    assert_eq!(count(&w.pool, "select count(*) from reactions").await, 1);
    assert_eq!(
        (events(&w, "reacted_useful").await, events(&w, "reacted_will_try").await, events(&w, "undid_useful").await),
        (1, 1, 1)
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_replayed_reaction_never_flips_a_later_one(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let question =
        question_by(&w.pool, w.org_a, w.circle_a, "animator@a.test", "Comment fais-tu pour trancher ?").await;
    let (circle_id, post_id) = (w.circle_a, question);
    let on = camille.envelope(Write::React(React { circle_id, post_id, reaction: Reaction::Useful, on: true }));
    let off = camille.envelope(Write::React(React { circle_id, post_id, reaction: Reaction::Useful, on: false }));
    assert_eq!(camille.sync(&on).await.status, StatusCode::OK);
    assert_eq!(camille.sync(&off).await.status, StatusCode::OK);
    // The "on" arrives again (a lost answer, another tab): a replay, nothing changes.
    let replayed = camille.sync(&on).await;
    assert!(replayed.json::<Receipt>().replayed);
    assert_eq!(count(&w.pool, "select count(*) from reactions").await, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_question_is_useful_or_not_but_not_something_to_try(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let question = question_by(&w.pool, w.org_a, w.circle_a, "animator@a.test", "Comment fais-tu pour ranger ?").await;
    let refused = camille.react(w.circle_a, question, Reaction::WillTry, true).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    assert_eq!(count(&w.pool, "select count(*) from reactions").await, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn nobody_reacts_to_their_own_post(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mine = post_of(&camille.ask(w.circle_a, Uuid::new_v4(), "Comment fais-tu pour te relire ?").await);
    assert!(mine.mine);
    let refused = camille.react(w.circle_a, mine.id, Reaction::Useful, true).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert_eq!(count(&w.pool, "select count(*) from reactions").await, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_reply_goes_under_a_question_of_that_circle_only(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let question = question_by(&w.pool, w.org_a, w.circle_a, "animator@a.test", "Comment fais-tu pour classer ?").await;
    let reply = post_of(&camille.reply(w.circle_a, question, "Par date.").await);
    // No reply to a reply, to a post that does not exist, or under another circle's id.
    let other_circle = Uuid::new_v4();
    sqlx::query("insert into circles (org_id, id, kind, name) values ($1, $2, 'peer', 'Autre')")
        .bind(w.org_a)
        .bind(other_circle)
        .execute(&w.pool)
        .await
        .expect("circle");
    for (circle, post) in [(w.circle_a, reply.id), (w.circle_a, Uuid::new_v4())] {
        let refused = camille.reply(circle, post, "Et moi ?").await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.body);
    }
    // Camille may not write in the other circle at all; the animator may, but the question is
    // not one of that circle's.
    let elsewhere = camille.reply(other_circle, question, "Ailleurs").await;
    assert_eq!(elsewhere.status, StatusCode::FORBIDDEN, "{}", elsewhere.body);
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;
    let misplaced = sophie.reply(other_circle, question, "Ailleurs").await;
    assert_eq!(misplaced.status, StatusCode::NOT_FOUND, "{}", misplaced.body);
    // A reply's id is not a thread.
    assert_eq!(camille.thread(w.circle_a, reply.id).await.status, StatusCode::NOT_FOUND);
    assert_eq!(count(&w.pool, "select count(*) from posts where kind = 'reply'").await, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn empty_and_too_long_replies_are_refused_with_the_reason(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let question =
        question_by(&w.pool, w.org_a, w.circle_a, "animator@a.test", "Comment fais-tu pour respirer ?").await;
    let empty = camille.reply(w.circle_a, question, " \n ").await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(empty.json::<AppError>(), AppError::Invalid { field: Field::Reply, problem: Problem::Empty });
    let long = camille.reply(w.circle_a, question, &"é".repeat(2001)).await;
    assert_eq!(
        long.json::<AppError>(),
        AppError::Invalid { field: Field::Reply, problem: Problem::TooLong { max: 2000 } }
    );
    assert_eq!(
        (count(&w.pool, "select count(*) from posts").await, count(&w.pool, "select count(*) from write_ledger").await),
        (1, 0)
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_person_posts_a_few_replies_a_minute_and_a_queued_one_goes_later(pool: PgPool) {
    use app::ui::text::MAX_REPLIES_PER_MINUTE;
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;
    let question =
        question_by(&w.pool, w.org_a, w.circle_a, "animator@a.test", "Comment fais-tu pour ralentir ?").await;
    for i in 0..MAX_REPLIES_PER_MINUTE {
        post_of(&camille.reply(w.circle_a, question, &format!("Réponse {i}.")).await);
    }
    // One more within the minute: refused with the limit, nothing written (429 keeps it pending
    // in the phone's outbox).
    let write = app::circles::api::Reply { circle_id: w.circle_a, post_id: question, body: "Encore une.".into() };
    let envelope = camille.envelope(Write::Reply(write));
    let refused = camille.sync(&envelope).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.json::<AppError>(), AppError::TooFast { per_minute: MAX_REPLIES_PER_MINUTE });
    let replies = "select count(*) from posts where parent_id is not null";
    assert_eq!(count(&w.pool, replies).await, i64::from(MAX_REPLIES_PER_MINUTE));
    // Someone else replies meanwhile: the limit is each person's.
    post_of(&sophie.reply(w.circle_a, question, "Je réponds aussi.").await);
    // A minute later the same queued write lands, once.
    sqlx::query("update posts set created_at = created_at - interval '2 minutes'").execute(&w.pool).await.expect("age");
    post_of(&camille.sync(&envelope).await);
    assert!(camille.sync(&envelope).await.json::<Receipt>().replayed);
    assert_eq!(count(&w.pool, replies).await, i64::from(MAX_REPLIES_PER_MINUTE) + 2);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn replies_and_reactions_work_as_plain_forms_once(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let question =
        question_by(&w.pool, w.org_a, w.circle_a, "animator@a.test", "Comment fais-tu sans JavaScript ?").await;
    let (person, org) = camille.ids();
    let client_id = Uuid::new_v4().to_string();
    let reply = [
        ("org_id", org.to_string()),
        ("person_id", person.to_string()),
        ("client_id", client_id.clone()),
        ("circle_id", w.circle_a.to_string()),
        ("post_id", question.to_string()),
        ("body", "Avec un formulaire.".to_owned()),
    ];
    let reply: Vec<(&str, &str)> = reply.iter().map(|(k, v)| (*k, v.as_str())).collect();
    for _ in 0..2 {
        let answer = camille.post("/api/reply", &reply).await;
        assert!(answer.status.is_success() || answer.status.is_redirection(), "{} {}", answer.status, answer.body);
    }
    let react = [
        ("org_id", org.to_string()),
        ("person_id", person.to_string()),
        ("client_id", Uuid::new_v4().to_string()),
        ("circle_id", w.circle_a.to_string()),
        ("post_id", question.to_string()),
        ("reaction", "useful".to_owned()),
        ("on", "true".to_owned()),
    ];
    let react: Vec<(&str, &str)> = react.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let answer = camille.post("/api/react", &react).await;
    assert!(answer.status.is_success() || answer.status.is_redirection(), "{} {}", answer.status, answer.body);
    let thread: Thread = camille.thread(w.circle_a, question).await.json();
    assert_eq!((thread.replies.len(), thread.post.useful_count), (1, 1));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_thread_is_for_the_circle_only(pool: PgPool) {
    let w = world(pool).await;
    let question =
        question_by(&w.pool, w.org_a, w.circle_a, "member@a.test", "Comment fais-tu pour garder un secret ?").await;
    let mut outsider = Client::signed_in(&w, "outsider@a.test").await;
    assert_eq!(outsider.thread(w.circle_a, question).await.status, StatusCode::FORBIDDEN);
    let mut intruder = Client::signed_in(&w, "member@b.test").await;
    assert_eq!(intruder.thread(w.circle_a, question).await.status, StatusCode::NOT_FOUND);
    assert_eq!(Client::new(&w).thread(w.circle_a, question).await.status, StatusCode::UNAUTHORIZED);
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;
    assert_eq!(sophie.thread(w.circle_a, question).await.status, StatusCode::OK);
}
