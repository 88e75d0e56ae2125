//! What a page costs Postgres. The circle page, signed in, runs at most 4 queries: the session,
//! the caller (person, role and organisations, loaded once for every server function of the
//! render), the circle with its access check and its live sessions, and its posts with theirs.
//!
//! Alone in its own test binary: it counts every sqlx query event of the process.
mod common;
use common::*;
use http::{header, Request, StatusCode};
use sqlx::PgPool;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tracing_subscriber::layer::SubscriberExt;

/// Counts the queries sqlx runs (its `sqlx::query` events).
struct Counter(Arc<AtomicUsize>);

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Counter {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            self.0.fetch_add(1, Ordering::SeqCst);
            if std::env::var_os("SHOW_QUERIES").is_some() {
                struct Show;
                impl tracing::field::Visit for Show {
                    fn record_debug(&mut self, f: &tracing::field::Field, v: &dyn std::fmt::Debug) {
                        if f.name() == "summary" {
                            eprintln!("query: {v:?}");
                        }
                    }
                }
                event.record(&mut Show);
            }
        }
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_circle_page_runs_at_most_four_queries(pool: PgPool) {
    let queries = Arc::new(AtomicUsize::new(0));
    let subscriber = tracing_subscriber::registry()
        .with(tracing_subscriber::filter::LevelFilter::DEBUG)
        .with(Counter(queries.clone()));
    let _guard = tracing::subscriber::set_default(subscriber);

    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    camille.ask(w.circle_a, uuid::Uuid::new_v4(), "Comment fais-tu pour compter ?").await;
    let page = Request::get(format!("/circles/{}", w.circle_a)).header(header::ACCEPT, "text/html");
    let warm = camille.send(page, String::new()).await;
    assert_eq!(warm.status, StatusCode::OK);

    queries.store(0, Ordering::SeqCst);
    let page = Request::get(format!("/circles/{}", w.circle_a)).header(header::ACCEPT, "text/html");
    let answer = camille.send(page, String::new()).await;
    let n = queries.load(Ordering::SeqCst);
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.body.contains("Cercle A") && answer.body.contains("Comment fais-tu pour compter ?"));
    assert!(n <= 4, "the circle page ran {n} queries");
    assert!(n >= 3, "counting works ({n})");
}
