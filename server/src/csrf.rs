//! Refuses writes that do not come from the site's own pages.
//!
//! Browsers say where a request comes from: `Sec-Fetch-Site` (all current ones) or `Origin`
//! (older ones, on every POST). A write is let through when it is same-origin by either, or
//! when neither header is there (not a browser, so no ambient cookie to abuse).
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, Method, StatusCode};
use std::sync::Arc;

/// The site's own origin, e.g. `http://127.0.0.1:3000`.
#[derive(Clone)]
pub struct SiteOrigin(pub Arc<str>);

/// Whether a write with these headers may go on.
pub fn allowed(site: &str, sec_fetch_site: Option<&str>, origin: Option<&str>) -> bool {
    match (sec_fetch_site, origin) {
        (Some(s), _) => s == "same-origin" || s == "none",
        (None, Some(o)) => o == site,
        (None, None) => true,
    }
}

/// The middleware.
pub async fn check_origin(State(site): State<SiteOrigin>, req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe {
        let h = req.headers();
        let fetch_site = h.get("sec-fetch-site").and_then(|v| v.to_str().ok());
        let origin = h.get(header::ORIGIN).and_then(|v| v.to_str().ok());
        if !allowed(&site.0, fetch_site, origin) {
            tracing::warn!(?fetch_site, ?origin, path = %req.uri().path(), "cross-site write refused");
            let body = serde_json::to_string(&app::error::AppError::CrossSite).unwrap_or_default();
            return (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "application/json")], Body::from(body))
                .into_response();
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::allowed;
    const SITE: &str = "http://127.0.0.1:3000";

    #[test]
    fn same_origin_passes() {
        assert!(allowed(SITE, Some("same-origin"), Some(SITE)));
        assert!(allowed(SITE, None, Some(SITE)));
        assert!(allowed(SITE, Some("none"), None));
    }

    #[test]
    fn other_sites_are_refused() {
        assert!(!allowed(SITE, Some("cross-site"), Some("https://evil.example")));
        assert!(!allowed(SITE, Some("same-site"), None));
        assert!(!allowed(SITE, None, Some("https://evil.example")));
    }

    #[test]
    fn non_browsers_pass() {
        assert!(allowed(SITE, None, None));
    }
}
