//! The Apprenance server: configuration, Postgres, sessions, the CSRF check, static files and
//! the Leptos routes. `main.rs` only wires these together; tests build the same router.
#![recursion_limit = "512"]
pub mod assets;
pub mod config;
pub mod csrf;
pub mod demo;
pub mod headers;
pub mod jobs;
pub mod refill;

use app::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use http::{header, HeaderValue};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::ServeDir;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::PostgresStore;

/// Migrations, embedded in the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// The largest request body a server function accepts, in bytes.
pub const API_BODY_LIMIT: usize = 64 * 1024;

/// A pool that fails fast when Postgres is down, so a page can say so instead of hanging.
pub async fn connect(url: &str, max_connections: u32) -> sqlx::Result<PgPool> {
    PgPoolOptions::new().max_connections(max_connections).acquire_timeout(Duration::from_secs(3)).connect(url).await
}

/// Creates or updates the schema: the app's tables and the session store's; then renders the
/// HTML of posts that have none yet (written before it was kept).
pub async fn migrate(pool: &PgPool) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    MIGRATOR.run(pool).await?;
    PostgresStore::new(pool.clone()).migrate().await?;
    let rendered = app::circles::posts::render_missing_html(pool).await?;
    if rendered > 0 {
        tracing::info!(rendered, "rendered the HTML of earlier posts");
    }
    Ok(())
}

/// How the router is set up.
pub struct RouterOptions {
    /// The site's public origin, for the CSRF check.
    pub site_url: String,
    /// `Secure` cookies (served over https).
    pub secure_cookies: bool,
}

/// The whole application as one axum router.
pub fn router(state: AppState, opts: RouterOptions) -> Router {
    let routes = generate_route_list(app::App);
    let store = PostgresStore::new(state.pool.clone());
    // Over https the cookie is `__Host-`: the browser then only accepts it Secure, for this
    // host alone and the whole path, so a sibling subdomain cannot plant or read one.
    let cookie_name = if opts.secure_cookies { "__Host-apprenance_session" } else { "apprenance_session" };
    let sessions = SessionManagerLayer::new(store)
        .with_name(cookie_name)
        .with_path("/")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(opts.secure_cookies)
        .with_expiry(Expiry::OnInactivity(tower_sessions::cookie::time::Duration::days(14)));
    let pkg_dir = format!("{}/{}", state.leptos_options.site_root, state.leptos_options.site_pkg_dir);
    let pkg = Router::new()
        .fallback_service(ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip())
        .layer(axum::middleware::from_fn(pkg_cache_control));
    let site = csrf::SiteOrigin(Arc::from(opts.site_url.as_str()));

    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/sw.js", get(assets::service_worker))
        .route(assets::OFFLINE_SHELL, get(assets::offline_shell))
        .route("/api/{*fn_name}", get(server_fn).post(server_fn))
        .route("/sessions/{file}", {
            let site: Arc<str> = Arc::from(opts.site_url.as_str());
            get(move |state, session, file| calendar_file(state, session, file, site.clone()))
        })
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                move || {
                    provide_context(state.clone());
                    provide_context(app::identity::session::RequestCaller::default());
                }
            },
            {
                let options = state.leptos_options.clone();
                move || app::shell(options.clone())
            },
        )
        .nest(&format!("/{}", state.leptos_options.site_pkg_dir), pkg)
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(app::shell))
        .layer(axum::middleware::from_fn(refill::refused_forms))
        .layer(axum::middleware::from_fn(server_fn_status))
        .layer(sessions)
        .layer(axum::Extension(state.clone()))
        .layer(axum::middleware::from_fn_with_state(site, csrf::check_origin))
        .layer(axum::middleware::from_fn_with_state(headers::Https(opts.secure_cookies), headers::security_headers))
        // Pages and JSON, compressed per response at brotli quality 1 (gzip 1): quality 4 spent
        // about 19% of the server's CPU on a circle page (perf), mostly setting up its hash
        // tables; quality 1 takes 1.29 ms of CPU per page against 1.47 ms, for 3.3 KB sent
        // instead of 2.9 KB. The hashed files are precompressed at the best settings instead.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(1)))
        .with_state(state)
}

/// A live session as an iCalendar file (`/sessions/{id}.ics`), for who may read its circle: the
/// same access as its page (401 signed out, 404 in another organisation, 403 outside the
/// circle), the error's words as text.
async fn calendar_file(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    axum::extract::Path(file): axum::extract::Path<String>,
    site: Arc<str>,
) -> axum::response::Response {
    let Some(id) = file.strip_suffix(".ics").and_then(|id| uuid::Uuid::parse_str(id).ok()) else {
        return (http::StatusCode::NOT_FOUND, "not found").into_response();
    };
    let answer = async {
        let caller = app::identity::session::caller_of(&state.pool, &session).await?;
        app::sessions::api::calendar_file(&state.pool, caller, id, &site).await
    };
    match answer.await {
        Ok(ics) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8")),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_str(&format!("attachment; filename=\"{id}.ics\""))
                        .unwrap_or(HeaderValue::from_static("attachment")),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
            ],
            ics,
        )
            .into_response(),
        Err(e) => (e.status(), e.to_string()).into_response(),
    }
}

async fn server_fn(State(state): State<AppState>, req: Request<Body>) -> impl IntoResponse {
    let context = move || {
        provide_context(state.clone());
        provide_context(app::identity::session::RequestCaller::default());
    };
    handle_server_fns_with_context(context, req).await
}

/// Leptos answers an error it raised itself (arguments that do not decode) with 500; the
/// answer's status is made the error's own (400 for a malformed argument), as it is for errors
/// the server functions return.
///
/// It also refuses (413) a request body larger than [`API_BODY_LIMIT`] before it is decoded:
/// the longest legitimate one is a practice, about 5,000 characters of text. (Server functions
/// are routed by `leptos_routes_with_context`, one route each, so this is the one place every
/// call passes.)
async fn server_fn_status(req: Request<Body>, next: axum::middleware::Next) -> axum::response::Response {
    let api = req.uri().path().starts_with("/api/");
    let req = if api && req.method() == http::Method::POST {
        let (parts, body) = req.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, API_BODY_LIMIT).await else {
            return too_large();
        };
        Request::from_parts(parts, Body::from(bytes))
    } else {
        req
    };
    let res = next.run(req).await;
    if !api || res.status() != http::StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, API_BODY_LIMIT).await else {
        return axum::response::Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status = error.status();
    }
    axum::response::Response::from_parts(parts, Body::from(bytes))
}

/// The answer to a body over [`API_BODY_LIMIT`], or one that broke off: the app's own refusal,
/// which a queued write shows as failed (it would fail the same way every time).
pub(crate) fn too_large() -> axum::response::Response {
    let refusal = serde_json::to_string(&app::error::AppError::BadRequest).unwrap_or_default();
    (http::StatusCode::PAYLOAD_TOO_LARGE, refusal).into_response()
}

/// Cache headers of the build's files. wasm and CSS names follow their bytes: cached for a year.
/// The JS is revalidated: in a `--split` build cargo-leptos writes the chunk loader's new name
/// into the main JS after naming that file by its hash, so its name can stay while its bytes
/// change, and a year-old copy would import a loader that no longer exists.
async fn pkg_cache_control(req: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    let revalidate = req.uri().path().ends_with(".js");
    let mut res = next.run(req).await;
    let value = if revalidate { "no-cache" } else { "public, max-age=31536000, immutable" };
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    res
}
