//! A small world for HTTP tests: two organisations, people with known passwords, a circle, and
//! a client that signs in and keeps its session cookie. Requests go through the real router
//! (sessions, CSRF check, server functions) into a fresh Postgres database per test.
#![allow(dead_code)]
use app::circles::api::{AskQuestion, React, Reply};
use app::circles::posts::Reaction;
use app::offline::writes::{Envelope, Write};
use app::state::AppState;
use axum::body::Body;
use axum::Router;
use http::{header, Request, StatusCode};
use leptos::prelude::LeptosOptions;
use sqlx::PgPool;
use tower::ServiceExt;
use uuid::Uuid;

pub const PASSWORD: &str = "mot-de-passe-de-test";
pub const SITE: &str = "http://127.0.0.1:3000";

pub struct World {
    pub pool: PgPool,
    pub router: Router,
    pub org_a: Uuid,
    pub org_b: Uuid,
    pub circle_a: Uuid,
}

pub async fn person(pool: &PgPool, org: Uuid, email: &str, role: &str) -> Uuid {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash = HASH.get_or_init(|| app::identity::api::password::hash(PASSWORD).expect("hash"));
    let id = Uuid::new_v4();
    sqlx::query("insert into people (id, email, display_name, password_hash) values ($1, $2, $2, $3)")
        .bind(id)
        .bind(email)
        .bind(hash)
        .execute(pool)
        .await
        .expect("person");
    sqlx::query("insert into memberships (org_id, person_id, role) values ($1, $2, $3)")
        .bind(org)
        .bind(id)
        .bind(role)
        .execute(pool)
        .await
        .expect("membership");
    id
}

pub async fn world(pool: PgPool) -> World {
    tower_sessions_sqlx_store::PostgresStore::new(pool.clone()).migrate().await.expect("session store");
    let (org_a, org_b) = (Uuid::new_v4(), Uuid::new_v4());
    for (id, slug) in [(org_a, "org-a"), (org_b, "org-b")] {
        sqlx::query("insert into organisations (id, slug, name) values ($1, $2, $2)")
            .bind(id)
            .bind(slug)
            .execute(&pool)
            .await
            .expect("org");
    }
    let member = person(&pool, org_a, "member@a.test", "member").await;
    person(&pool, org_a, "outsider@a.test", "member").await;
    person(&pool, org_a, "animator@a.test", "animator").await;
    person(&pool, org_b, "member@b.test", "member").await;
    person(&pool, org_b, "animator@b.test", "animator").await;
    let circle_a = Uuid::new_v4();
    sqlx::query("insert into circles (org_id, id, kind, name) values ($1, $2, 'peer', 'Cercle A')")
        .bind(org_a)
        .bind(circle_a)
        .execute(&pool)
        .await
        .expect("circle");
    sqlx::query("insert into circle_members (org_id, circle_id, person_id) values ($1, $2, $3)")
        .bind(org_a)
        .bind(circle_a)
        .bind(member)
        .execute(&pool)
        .await
        .expect("circle member");
    let options = LeptosOptions::builder().output_name("apprenance").build();
    let router = server::router(
        AppState::new(options, pool.clone(), 2),
        server::RouterOptions { site_url: SITE.into(), secure_cookies: false },
    );
    World { pool, router, org_a, org_b, circle_a }
}

/// An answer: status and body text.
pub struct Answer {
    pub status: StatusCode,
    pub body: String,
    /// Where a redirect leads.
    pub location: Option<String>,
}

impl Answer {
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// A browser-like client: same-origin requests, keeps the session cookie.
#[derive(Clone)]
pub struct Client {
    pub router: Router,
    pub cookie: Option<String>,
    /// Who signed in (set by `signed_in`).
    pub me: Option<app::identity::model::Me>,
    /// The network address the requests come from.
    pub address: std::net::SocketAddr,
}

impl Client {
    pub fn new(world: &World) -> Client {
        Client { router: world.router.clone(), cookie: None, me: None, address: ([192, 0, 2, 1], 40000).into() }
    }

    /// A client whose requests come from `address`.
    pub fn from_address(world: &World, address: [u8; 4]) -> Client {
        Client { address: (address, 40000).into(), ..Client::new(world) }
    }

    pub async fn send(&mut self, req: http::request::Builder, body: String) -> Answer {
        let mut req = req.header("sec-fetch-site", "same-origin");
        if let Some(c) = &self.cookie {
            req = req.header(header::COOKIE, c);
        }
        let mut req = req.body(Body::from(body)).expect("request");
        req.extensions_mut().insert(axum::extract::ConnectInfo(self.address));
        let res = self.router.clone().oneshot(req).await.expect("response");
        let status = res.status();
        let location = res.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let cookie = res
            .headers()
            .get(header::SET_COOKIE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(str::to_owned);
        if let Some(c) = cookie {
            self.cookie = Some(c);
        }
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 20).await.expect("body");
        Answer { status, body: String::from_utf8_lossy(&bytes).into_owned(), location }
    }

    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Answer {
        let body = serde_urlencoded::to_string(form).expect("form");
        let req = Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        self.send(req, body).await
    }

    pub async fn get(&mut self, path: &str) -> Answer {
        self.send(Request::get(path), String::new()).await
    }

    pub async fn sign_in(&mut self, email: &str, password: &str) -> Answer {
        self.post("/api/sign_in", &[("email", email), ("password", password)]).await
    }

    pub async fn signed_in(world: &World, email: &str) -> Client {
        let mut c = Client::new(world);
        let a = c.sign_in(email, PASSWORD).await;
        assert!(a.status.is_success() || a.status.is_redirection(), "sign in {email}: {} {}", a.status, a.body);
        assert!(c.cookie.is_some(), "no session cookie");
        c.me = c.get("/api/me").await.json();
        c
    }

    /// The signed-in person's (person, organisation).
    pub fn ids(&self) -> (Uuid, Uuid) {
        let me = self.me.as_ref().expect("signed in");
        (me.person_id, me.org_id)
    }

    /// Asks through the sync endpoint, as the browser's queue does.
    pub async fn ask(&mut self, circle: Uuid, client_id: Uuid, body: &str) -> Answer {
        let (person_id, org_id) = self.ids();
        let write = Write::AskQuestion(AskQuestion { circle_id: circle, body: body.into() });
        self.sync(&Envelope::new(client_id, person_id, org_id, &write)).await
    }

    /// `write` in an envelope for this client's person and organisation, with a new client id.
    pub fn envelope(&self, write: Write) -> Envelope {
        let (person_id, org_id) = self.ids();
        Envelope::new(Uuid::new_v4(), person_id, org_id, &write)
    }

    /// Replies to `post` through the sync endpoint.
    pub async fn reply(&mut self, circle: Uuid, post: Uuid, body: &str) -> Answer {
        let e = self.envelope(Write::Reply(Reply { circle_id: circle, post_id: post, body: body.into() }));
        self.sync(&e).await
    }

    /// Gives (`on`) or takes back `reaction` to `post` through the sync endpoint.
    pub async fn react(&mut self, circle: Uuid, post: Uuid, reaction: Reaction, on: bool) -> Answer {
        let e = self.envelope(Write::React(React { circle_id: circle, post_id: post, reaction, on }));
        self.sync(&e).await
    }

    /// A thread as its page loads it.
    pub async fn thread(&mut self, circle: Uuid, post: Uuid) -> Answer {
        self.get(&format!("/api/thread?circle_id={circle}&post_id={post}")).await
    }

    /// Posts a queued write to the sync endpoint.
    pub async fn sync(&mut self, envelope: &Envelope) -> Answer {
        let body = serde_json::json!({ "envelope": envelope }).to_string();
        let req = Request::post("/api/sync").header(header::CONTENT_TYPE, "application/json");
        self.send(req, body).await
    }

    /// Asks with the plain form (JavaScript off).
    pub async fn ask_with_form(&mut self, circle: Uuid, client_id: Uuid, body: &str) -> Answer {
        let (person_id, org_id) = self.ids();
        self.post(
            "/api/ask_question",
            &[
                ("org_id", &org_id.to_string()),
                ("person_id", &person_id.to_string()),
                ("client_id", &client_id.to_string()),
                ("circle_id", &circle.to_string()),
                ("body", body),
            ],
        )
        .await
    }

    pub async fn posts(&mut self, circle: Uuid) -> Answer {
        self.get(&format!("/api/circle_posts?circle_id={circle}")).await
    }
}

/// The id of the person signed up with `email`.
pub async fn person_id(pool: &PgPool, email: &str) -> Uuid {
    sqlx::query_scalar("select id from people where email = $1").bind(email).fetch_one(pool).await.expect("person id")
}

/// A question written straight into circle `circle` of `org` by the person with `email` (no
/// ledger, no event): something to reply and react to.
pub async fn question_by(pool: &PgPool, org: Uuid, circle: Uuid, email: &str, body: &str) -> Uuid {
    post_by(pool, (org, circle), email, "question", body).await
}

/// A post of `kind` ('question' or 'practice') written straight into (organisation, circle).
pub async fn post_by(pool: &PgPool, (org, circle): (Uuid, Uuid), email: &str, kind: &str, body: &str) -> Uuid {
    let id = Uuid::new_v4();
    sqlx::query("insert into posts (org_id, id, circle_id, author_id, kind, body) values ($1, $2, $3, $4, $5, $6)")
        .bind(org)
        .bind(id)
        .bind(circle)
        .bind(person_id(pool, email).await)
        .bind(kind)
        .bind(body)
        .execute(pool)
        .await
        .expect("post");
    id
}

/// A practice (post and parts) written straight into (organisation, circle) by `email`.
pub async fn practice_by(pool: &PgPool, (org, circle): (Uuid, Uuid), email: &str, body: &str) -> Uuid {
    let id = post_by(pool, (org, circle), email, "practice", body).await;
    sqlx::query(
        "insert into practices (org_id, post_id, context, tags) values ($1, $2, 'Le lundi matin.', '{accueil}')",
    )
    .bind(org)
    .bind(id)
    .execute(pool)
    .await
    .expect("practice");
    id
}

/// Puts practice `post` of `org` into the library straight (no ledger, no event).
pub async fn promoted(pool: &PgPool, org: Uuid, post: Uuid, themes: &[&str], skills: &[&str]) {
    sqlx::query(
        "insert into library_entries (org_id, post_id, themes, skills, document)
         values ($1, $2, $3, $4, library_document($1, $2, $3, $4))",
    )
    .bind(org)
    .bind(post)
    .bind(themes)
    .bind(skills)
    .execute(pool)
    .await
    .expect("library entry");
}

/// A learning network in `org` with `members` in it, nobody on its committee yet.
pub async fn network_with(pool: &PgPool, org: Uuid, members: &[&str]) -> Uuid {
    let network = Uuid::new_v4();
    sqlx::query("insert into circles (org_id, id, kind, name) values ($1, $2, 'network', 'Réseau A')")
        .bind(org)
        .bind(network)
        .execute(pool)
        .await
        .expect("network");
    for member in members {
        join(pool, org, network, member).await;
    }
    network
}

/// A PLC (of type topic) in `org` with `member` in it, its charter unwritten.
pub async fn plc_with(pool: &PgPool, org: Uuid, member: &str) -> Uuid {
    let plc = Uuid::new_v4();
    sqlx::query("insert into circles (org_id, id, kind, plc_type, name) values ($1, $2, 'plc', 'topic', 'CAP A')")
        .bind(org)
        .bind(plc)
        .execute(pool)
        .await
        .expect("plc");
    join(pool, org, plc, member).await;
    plc
}

/// Puts the person with `email` into circle `circle` of `org`.
pub async fn join(pool: &PgPool, org: Uuid, circle: Uuid, email: &str) {
    sqlx::query("insert into circle_members (org_id, circle_id, person_id) values ($1, $2, $3)")
        .bind(org)
        .bind(circle)
        .bind(person_id(pool, email).await)
        .execute(pool)
        .await
        .expect("circle member");
}

/// A local time on `day` of next January (`YYYY-MM-DDTHH:MM`): always to come, and in winter
/// time (Paris is then UTC+1).
pub fn next_january(day: u8, at: &str) -> String {
    let year = time::OffsetDateTime::now_utc().year() + 1;
    format!("{year}-01-{day:02}T{at}")
}

pub async fn count(pool: &PgPool, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(pool).await.expect("count");
    n
}
