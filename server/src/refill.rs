//! A refused plain form comes back with what was typed (see `app::offline::refill`).
//!
//! As the redirect of a refused plain post leaves, its fields go into the person's session;
//! the next page load whose URL carries that refusal takes them out and hands them to the
//! render as a request extension. Only a signed-in session keeps them: a stranger's post makes
//! no session row.
use app::offline::refill::{Refused, SESSION_KEY};
use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use tower_sessions::Session;

/// The middleware: inside the session layer, around the routes.
pub async fn refused_forms(req: Request, next: axum::middleware::Next) -> Response {
    let Some(session) = req.extensions().get::<Session>().cloned() else {
        return next.run(req).await;
    };
    let api = req.uri().path().starts_with("/api/");
    if api && req.method() == http::Method::POST && is_form(req.headers()) {
        let path = req.uri().path().to_owned();
        let (parts, body) = req.into_parts();
        // Already read whole (and capped) by `server_fn_status`: this only takes the bytes.
        let Ok(bytes) = axum::body::to_bytes(body, crate::API_BODY_LIMIT).await else {
            return next.run(Request::from_parts(parts, Body::empty())).await;
        };
        let res = next.run(Request::from_parts(parts, Body::from(bytes.clone()))).await;
        if refused(&res) && app::identity::session::signed_in(&session).await.is_ok() {
            let fields = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes).unwrap_or_default();
            if let Err(e) = session.insert(SESSION_KEY, Refused::new(&path, fields)).await {
                tracing::warn!(error = %e, "a refused form could not be kept for its page");
            }
        }
        return res;
    }
    let mut req = req;
    if !api && req.method() == http::Method::GET {
        if let Some(path) = carried_refusal(req.uri().query().unwrap_or_default()) {
            match session.remove::<Refused>(SESSION_KEY).await {
                Ok(Some(refused)) if refused.path == path => {
                    req.extensions_mut().insert(refused);
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "a refused form could not be read back"),
            }
        }
    }
    next.run(req).await
}

/// A url-encoded form's body (a plain HTML post; a queued write is JSON).
fn is_form(headers: &http::HeaderMap) -> bool {
    headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// Leptos's answer to a refused plain post: a redirect back with the error in the URL.
fn refused(res: &Response) -> bool {
    res.status().is_redirection()
        && res.headers().get(http::header::LOCATION).and_then(|v| v.to_str().ok()).is_some_and(|l| l.contains("__err="))
}

/// The server function whose refusal a redirected page's query carries (`__path`, with
/// `__err`).
fn carried_refusal(query: &str) -> Option<String> {
    if !query.contains("__err=") {
        return None;
    }
    let pairs = serde_urlencoded::from_str::<Vec<(String, String)>>(query).ok()?;
    pairs.into_iter().find(|(n, _)| n == "__path").map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_refusal_leptos_writes_in_the_url() {
        let q = "x=1&__path=%2Fapi%2Fask_question&__err=%22Forbidden%22";
        assert_eq!(carried_refusal(q).as_deref(), Some("/api/ask_question"));
        assert_eq!(carried_refusal("x=1"), None);
        assert_eq!(carried_refusal("__err=1"), None);
    }
}
