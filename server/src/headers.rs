//! Security headers on every response.
//!
//! Pages set their own Content-Security-Policy with the nonce Leptos gave the response, which
//! the inline boot script carries (`app::shell::boot`); everything else gets the same policy
//! (`app::content_security_policy`) without a nonce. No
//! inline script runs without that nonce, WebAssembly may compile (`'wasm-unsafe-eval'`), and
//! nothing may frame the site. Personal answers (pages, API) are never stored by the browser's
//! or a proxy's cache: offline copies are the app's own, per person.
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::{header, HeaderValue};

/// Whether the site is served over https (then HSTS is sent).
#[derive(Clone, Copy)]
pub struct Https(pub bool);

/// The policy for everything but pages (which add their nonce): `app::content_security_policy`.
static DEFAULT_CSP: std::sync::LazyLock<HeaderValue> = std::sync::LazyLock::new(|| {
    HeaderValue::from_str(&app::content_security_policy(None)).unwrap_or(HeaderValue::from_static("default-src 'self'"))
});

/// The middleware.
pub async fn security_headers(State(https): State<Https>, req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.entry(header::CONTENT_SECURITY_POLICY).or_insert_with(|| DEFAULT_CSP.clone());
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if https.0 {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    let html = h.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    if (html || api) && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    }
    res
}
