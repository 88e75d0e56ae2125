//! Practices over HTTP: a short experience report in parts, with tags, checked part by part.
mod common;
use app::circles::api::SharePractice;
use app::circles::posts::{PostKind, PostPage, PostView};
use app::error::{AppError, Field, Problem};
use app::offline::writes::{Receipt, Write};
use common::*;
use http::StatusCode;
use sqlx::PgPool;

fn practice(circle_id: uuid::Uuid, body: &str, tags: &str) -> SharePractice {
    SharePractice {
        circle_id,
        context: "Des arrivées le lundi, tout le monde en rush.".into(),
        body: body.into(),
        outcome: "Les intérimaires sont *autonomes* plus vite.".into(),
        difficulty: String::new(),
        tags: tags.into(),
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_practice_is_shared_in_parts_with_its_tags_and_event(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let write = practice(w.circle_a, "Un binôme d'accueil pour la première matinée.", " accueil, Intérim ,accueil ");
    let shared = camille.sync(&camille.envelope(Write::SharePractice(write))).await;
    assert_eq!(shared.status, StatusCode::OK, "{}", shared.body);
    let post: PostView = serde_json::from_value(shared.json::<Receipt>().result).expect("post");
    assert_eq!(post.kind, PostKind::Practice);
    let parts = post.practice.clone().expect("the practice's parts");
    assert_eq!(parts.tags, vec!["accueil".to_owned(), "Intérim".to_owned()]);
    assert!(parts.context_html.contains("rush"), "{}", parts.context_html);
    assert!(parts.outcome_html.contains("<em>autonomes</em>"), "{}", parts.outcome_html);
    assert_eq!(parts.difficulty_html, "");

    let page: PostPage = camille.posts(w.circle_a).await.json();
    assert_eq!(page.posts[0].practice, Some(parts));
    let events = count(
        &w.pool,
        &format!("select count(*) from activity_events where kind = 'shared_practice' and subject_id = '{}'", post.id),
    )
    .await;
    assert_eq!(events, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn each_part_is_checked_and_a_refusal_names_it(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let too_long = SharePractice { context: "é".repeat(1001), ..practice(w.circle_a, "Un binôme.", "") };
    let cases = [
        (practice(w.circle_a, "   ", ""), Field::Practice, Problem::Empty),
        (too_long, Field::Context, Problem::TooLong { max: 1000 }),
        (
            SharePractice { outcome: "é".repeat(1001), ..practice(w.circle_a, "Un binôme.", "") },
            Field::Outcome,
            Problem::TooLong { max: 1000 },
        ),
        (
            SharePractice { difficulty: "é".repeat(1001), ..practice(w.circle_a, "Un binôme.", "") },
            Field::Difficulty,
            Problem::TooLong { max: 1000 },
        ),
        (practice(w.circle_a, &"é".repeat(2001), ""), Field::Practice, Problem::TooLong { max: 2000 }),
        (practice(w.circle_a, "Un binôme.", "a, b, c, d, e, f"), Field::Tags, Problem::TooMany { max: 5 }),
        (practice(w.circle_a, "Un binôme.", &"x".repeat(31)), Field::Tags, Problem::TooLong { max: 30 }),
    ];
    for (write, field, problem) in cases {
        let refused = camille.sync(&camille.envelope(Write::SharePractice(write))).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
        assert_eq!(refused.json::<AppError>(), AppError::Invalid { field, problem });
    }
    assert_eq!(
        (count(&w.pool, "select count(*) from posts").await, count(&w.pool, "select count(*) from practices").await),
        (0, 0)
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_practice_is_shared_with_the_plain_form(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let (person, org) = camille.ids();
    let (person, org, client, circle) =
        (person.to_string(), org.to_string(), uuid::Uuid::new_v4().to_string(), w.circle_a.to_string());
    let form = [
        ("org_id", org.as_str()),
        ("person_id", person.as_str()),
        ("client_id", client.as_str()),
        ("circle_id", circle.as_str()),
        ("context", ""),
        ("body", "Une check-list plastifiée au poste."),
        ("outcome", "Moins d'oublis."),
        ("difficulty", ""),
        ("tags", "check-list"),
    ];
    for _ in 0..2 {
        let answer = camille.post("/api/share_practice", &form).await;
        assert!(answer.status.is_success(), "{} {}", answer.status, answer.body);
    }
    assert_eq!(
        (count(&w.pool, "select count(*) from posts").await, count(&w.pool, "select count(*) from practices").await),
        (1, 1)
    );
}
