//! Circles over HTTP: who may read and write, exactly-once writes, validation, and faults.
mod common;
use app::circles::posts::{PostPage, PostView};
use app::error::{AppError, Field, Problem};
use app::offline::writes::Receipt;
use common::*;
use http::StatusCode;
use sqlx::PgPool;
use uuid::Uuid;

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_member_asks_and_sees_the_question_with_its_activity_event(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let asked = camille.ask(w.circle_a, Uuid::new_v4(), "  Comment fais-tu pour animer un point court ?  ").await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    let receipt: Receipt = asked.json();
    let post: PostView = serde_json::from_value(receipt.result).expect("post");
    assert_eq!(post.body, "Comment fais-tu pour animer un point court ?");
    assert_eq!(receipt.subject_id, Some(post.id));

    let page: PostPage = camille.posts(w.circle_a).await.json();
    assert_eq!(page.posts.iter().map(|p| p.id).collect::<Vec<_>>(), vec![post.id]);
    let events = count(
        &w.pool,
        &format!(
            "select count(*) from activity_events where kind = 'asked_question' and subject_kind = 'post'
               and subject_id = '{}' and circle_id = '{}'",
            post.id, w.circle_a
        ),
    )
    .await;
    assert_eq!(events, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn another_organisations_member_can_neither_list_nor_post(pool: PgPool) {
    let w = world(pool).await;
    let mut intruder = Client::signed_in(&w, "member@b.test").await;
    let listed = intruder.posts(w.circle_a).await;
    assert_eq!(listed.status, StatusCode::NOT_FOUND);
    assert_eq!(listed.json::<AppError>(), AppError::NotFound);
    let asked = intruder.ask(w.circle_a, Uuid::new_v4(), "Je passe par là ?").await;
    assert_eq!(asked.status, StatusCode::NOT_FOUND);
    assert_eq!(count(&w.pool, "select count(*) from posts").await, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_colleague_outside_the_circle_cannot_read_it(pool: PgPool) {
    let w = world(pool).await;
    let mut outsider = Client::signed_in(&w, "outsider@a.test").await;
    let listed = outsider.posts(w.circle_a).await;
    assert_eq!(listed.status, StatusCode::FORBIDDEN);
    assert_eq!(listed.json::<AppError>(), AppError::Forbidden);
    let asked = outsider.ask(w.circle_a, Uuid::new_v4(), "Et moi ?").await;
    assert_eq!(asked.status, StatusCode::FORBIDDEN);
    assert_eq!(count(&w.pool, "select count(*) from posts").await, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_animator_runs_every_circle(pool: PgPool) {
    let w = world(pool).await;
    let mut animator = Client::signed_in(&w, "animator@a.test").await;
    assert_eq!(animator.posts(w.circle_a).await.status, StatusCode::OK);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_replayed_write_with_the_same_uuid_creates_one_row(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let id = Uuid::new_v4();
    let first: Receipt = camille.ask(w.circle_a, id, "Comment fais-tu pour prioriser ?").await.json();
    let again: Receipt = camille.ask(w.circle_a, id, "Comment fais-tu pour prioriser ?").await.json();
    assert_eq!((first.subject_id, &first.result, first.replayed), (again.subject_id, &again.result, !again.replayed));
    // The plain form (JavaScript off) with the same id is the same write.
    let form = camille.ask_with_form(w.circle_a, id, "Comment fais-tu pour prioriser ?").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.json::<Receipt>().replayed);
    assert_eq!(count(&w.pool, "select count(*) from posts").await, 1);
    assert_eq!(count(&w.pool, "select count(*) from activity_events where kind = 'asked_question'").await, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn empty_and_too_long_questions_are_refused_with_the_reason(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let empty = camille.ask(w.circle_a, Uuid::new_v4(), "   ").await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(empty.json::<AppError>(), AppError::Invalid { field: Field::Question, problem: Problem::Empty });
    let long = camille.ask(w.circle_a, Uuid::new_v4(), &"é".repeat(2001)).await;
    assert_eq!(
        long.json::<AppError>(),
        AppError::Invalid { field: Field::Question, problem: Problem::TooLong { max: 2000 } }
    );
    let (person, org) = camille.ids();
    let bad_id = camille
        .post(
            "/api/ask_question",
            &[
                ("org_id", &org.to_string()),
                ("person_id", &person.to_string()),
                ("client_id", &Uuid::new_v4().to_string()),
                ("circle_id", "not-a-uuid"),
                ("body", "Bonjour"),
            ],
        )
        .await;
    assert_eq!(bad_id.status, StatusCode::BAD_REQUEST, "{}", bad_id.body);
    assert_eq!(bad_id.json::<AppError>(), AppError::BadRequest);
    let bad_json = camille
        .send(
            http::Request::post("/api/sync").header(http::header::CONTENT_TYPE, "application/json"),
            r#"{"envelope":{"client_id":"nope"}}"#.into(),
        )
        .await;
    assert_eq!(bad_json.status, StatusCode::BAD_REQUEST, "{}", bad_json.body);
    assert_eq!(count(&w.pool, "select count(*) from posts").await, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn nobody_signed_in_gets_nothing(pool: PgPool) {
    let w = world(pool).await;
    let mut anonymous = Client::new(&w);
    let listed = anonymous.posts(w.circle_a).await;
    assert_eq!(listed.status, StatusCode::UNAUTHORIZED);
    assert_eq!(listed.json::<AppError>(), AppError::Unauthenticated);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn posts_come_newest_first_a_page_at_a_time_without_gaps(pool: PgPool) {
    let w = world(pool).await;
    let author: (Uuid,) =
        sqlx::query_as("select person_id from circle_members limit 1").fetch_one(&w.pool).await.expect("author");
    // 45 posts, several sharing the same timestamp, to exercise the (created_at, id) keyset.
    sqlx::query(
        "insert into posts (org_id, id, circle_id, author_id, kind, body, created_at)
         select $1, gen_random_uuid(), $2, $3, 'question', 'Q' || n, now() - make_interval(mins => n / 3)
         from generate_series(1, 45) n",
    )
    .bind(w.org_a)
    .bind(w.circle_a)
    .bind(author.0)
    .execute(&w.pool)
    .await
    .expect("posts");
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut seen = Vec::new();
    let mut path = format!("/api/circle_posts?circle_id={}", w.circle_a);
    loop {
        let page: PostPage = camille.get(&path).await.json();
        assert!(page.posts.len() <= 20);
        assert!(page.posts.windows(2).all(|p| p[0].created_at >= p[1].created_at));
        seen.extend(page.posts.iter().map(|p| p.id));
        match page.next {
            Some(c) => {
                path = format!(
                    "/api/circle_posts?circle_id={}&before[before_us]={}&before[before_id]={}",
                    w.circle_a, c.before_us, c.before_id
                )
            }
            None => break,
        }
    }
    let unique: std::collections::HashSet<_> = seen.iter().collect();
    assert_eq!(seen.len(), 45);
    assert_eq!(unique.len(), 45);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_database_that_does_not_answer_says_so(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    w.pool.close().await;
    let answer = camille.posts(w.circle_a).await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE, "{}", answer.body);
    assert_eq!(answer.json::<AppError>(), AppError::Unavailable);
}
