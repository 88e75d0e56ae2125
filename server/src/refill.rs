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
            if let Err(e) = session.insert(SESSION_KEY, Kept { refused: Refused::new(&path, fields), at: now() }).await
            {
                tracing::warn!(error = %e, "a refused form could not be kept for its page");
            }
        }
        return res;
    }
    let mut req = req;
    if !api && req.method() == http::Method::GET {
        if let Some(path) = carried_refusal(req.uri().query().unwrap_or_default()) {
            if let Some(refused) = take_refusal(&session, &path).await {
                req.extensions_mut().insert(refused);
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
    // Refused again on a page already carrying a refusal, Leptos appends: the last is this one.
    pairs.into_iter().rev().find(|(n, _)| n == "__path").map(|(_, v)| v)
}

/// How long a refused post waits for the page its redirect leads to: that load follows at once;
/// an error URL opened later (history, a bookmark) finds nothing.
const KEPT_FOR_SECS: i64 = 120;

/// A refused post as the session keeps it, with when it was refused.
#[derive(serde::Serialize, serde::Deserialize)]
struct Kept {
    refused: Refused,
    at: i64,
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The kept post refused at `path`, taken out of the session; a stale one is dropped, and one
/// refused elsewhere (another tab's) stays for its own page. The session is written only when
/// something is taken.
async fn take_refusal(session: &Session, path: &str) -> Option<Refused> {
    let kept = match session.get::<Kept>(SESSION_KEY).await {
        Ok(kept) => kept?,
        Err(e) => {
            tracing::warn!(error = %e, "a refused form could not be read back");
            // Unreadable (an older shape): drop it rather than fail on every page.
            let _ = session.remove_value(SESSION_KEY).await;
            return None;
        }
    };
    let fresh = now().saturating_sub(kept.at) <= KEPT_FOR_SECS;
    if fresh && kept.refused.path != path {
        return None;
    }
    if let Err(e) = session.remove_value(SESSION_KEY).await {
        tracing::warn!(error = %e, "a refused form could not be let go");
    }
    fresh.then_some(kept.refused)
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
        // Refused twice in a row: Leptos appends the second refusal to the first's URL.
        let twice = "__path=%2Fapi%2Fa&__err=%221%22&__path=%2Fapi%2Fb&__err=%222%22";
        assert_eq!(carried_refusal(twice).as_deref(), Some("/api/b"));
    }
}
