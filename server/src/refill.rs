//! A refused plain form comes back with what was typed (see `app::offline::refill`).
//!
//! As the redirect of a refused plain post leaves, its fields go into the person's session,
//! with the address that redirect leads to and whose they are; the next load of that very
//! address takes them out and hands them to the render as a request extension. Only a
//! signed-in session keeps them (a stranger's post makes no session row), only its person in
//! the same organisation gets them back, and not after [`KEPT_FOR_SECS`]: the next full page
//! load drops a stale one (and a sign-in, a change of organisation or the session's end drop
//! any), so typed text does not linger in the session store.
use app::offline::refill::{Refused, SESSION_KEY};
use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use http::Uri;
use tower_sessions::Session;
use uuid::Uuid;

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
            return crate::too_large();
        };
        let res = next.run(Request::from_parts(parts, Body::from(bytes.clone()))).await;
        if let Some(to) = refused_to(&res) {
            keep(&session, &path, &bytes, to).await;
        }
        return res;
    }
    let mut req = req;
    if !api && req.method() == http::Method::GET && is_page(req.headers()) {
        if let Some(refused) = take_refusal(&session, req.uri()).await {
            req.extensions_mut().insert(refused);
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

/// A page load (a file or a script's fetch leaves the session alone: no session read for them).
fn is_page(headers: &http::HeaderMap) -> bool {
    headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

/// Where Leptos's answer to a refused plain post leads, when it is one: a redirect back to the
/// form's page with the error in the URL. The path and query only (Leptos builds it from the
/// absolute `Referer`).
fn refused_to(res: &Response) -> Option<String> {
    if !res.status().is_redirection() {
        return None;
    }
    let location = res.headers().get(http::header::LOCATION)?.to_str().ok()?;
    let uri = location.parse::<Uri>().ok()?;
    let to = uri.path_and_query()?;
    to.query().is_some_and(|q| q.contains("__err=")).then(|| to.as_str().to_owned())
}

/// Keeps the refused post of the signed-in person for the page `to`; a body that does not
/// decode as a form keeps nothing.
async fn keep(session: &Session, path: &str, body: &[u8], to: String) {
    let Ok(owner) = app::identity::session::signed_in(session).await else { return };
    let Ok(fields) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(body) else {
        tracing::debug!(path, "a refused form did not decode: nothing kept");
        return;
    };
    let kept = Kept { refused: Refused::new(path, fields), to, owner, at: now() };
    if let Err(e) = session.insert(SESSION_KEY, kept).await {
        tracing::warn!(error = %e, "a refused form could not be kept for its page");
    }
}

/// How long a refused post waits for the page its redirect leads to: that load follows at once;
/// an error URL opened later (history, a bookmark) finds nothing.
pub const KEPT_FOR_SECS: i64 = 120;

/// A refused post as the session keeps it: for which page, whose, and when it was refused.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Kept {
    pub refused: Refused,
    /// The path and query the refusal's redirect leads to.
    pub to: String,
    /// The person and organisation who posted it.
    pub owner: (Uuid, Uuid),
    /// When, in seconds since the Unix epoch.
    pub at: i64,
}

/// What a page load does with the kept post.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// This load is the page the refusal leads to: it fills the form.
    Take,
    /// Another page (another tab's): the post waits for its own.
    Leave,
    /// Stale, or no longer the caller's: forgotten.
    Drop,
}

impl Kept {
    /// The verdict for a load of `uri` by `caller` (`None`: signed out) at `now`.
    pub fn verdict(&self, uri: &Uri, caller: Option<(Uuid, Uuid)>, now: i64) -> Verdict {
        if now.saturating_sub(self.at) > KEPT_FOR_SECS || caller != Some(self.owner) {
            Verdict::Drop
        } else if same_address(&self.to, uri) {
            Verdict::Take
        } else {
            Verdict::Leave
        }
    }
}

/// Whether `uri` is the address `to` (path and query), whatever way its query is written.
fn same_address(to: &str, uri: &Uri) -> bool {
    let Ok(to) = to.parse::<Uri>() else { return false };
    let pairs =
        |query: Option<&str>| serde_urlencoded::from_str::<Vec<(String, String)>>(query.unwrap_or_default()).ok();
    to.path() == uri.path() && matches!((pairs(to.query()), pairs(uri.query())), (Some(a), Some(b)) if a == b)
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The kept post when `uri` is the page it waits for, taken out of the session; a stale one,
/// or one of another person or organisation, is dropped. The session is written only when
/// something leaves it.
async fn take_refusal(session: &Session, uri: &Uri) -> Option<Refused> {
    let kept = match session.get::<Kept>(SESSION_KEY).await {
        Ok(kept) => kept?,
        Err(e) => {
            tracing::warn!(error = %e, "a refused form could not be read back");
            // Unreadable (an older shape): drop it rather than fail on every page.
            let _ = session.remove_value(SESSION_KEY).await;
            return None;
        }
    };
    let caller = app::identity::session::signed_in(session).await.ok();
    let verdict = kept.verdict(uri, caller, now());
    if verdict == Verdict::Leave {
        return None;
    }
    if let Err(e) = session.remove_value(SESSION_KEY).await {
        tracing::warn!(error = %e, "a refused form could not be let go");
    }
    (verdict == Verdict::Take).then_some(kept.refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(to: &str, owner: (Uuid, Uuid), at: i64) -> Kept {
        Kept { refused: Refused::new("/api/ask_question", Vec::new()), to: to.to_owned(), owner, at }
    }

    #[test]
    fn a_kept_post_goes_to_its_page_for_its_person_in_time() {
        let me = (Uuid::new_v4(), Uuid::new_v4());
        let to = "/circles/c1?__path=%2Fapi%2Fask_question&__err=%22Forbidden%22";
        let k = kept(to, me, 1_000);
        let at = |s: &str| s.parse::<Uri>().expect("uri");
        assert_eq!(k.verdict(&at(to), Some(me), 1_000), Verdict::Take);
        // The same address with its query written otherwise (as a browser may re-encode it).
        let written_otherwise = "/circles/c1?__path=/api/ask_question&__err=%22Forbidden%22";
        assert_eq!(k.verdict(&at(written_otherwise), Some(me), 1_000), Verdict::Take);
        assert_eq!(k.verdict(&at(to), Some(me), 1_000 + KEPT_FOR_SECS), Verdict::Take);
        // Too late: dropped, whatever page asks.
        assert_eq!(k.verdict(&at(to), Some(me), 1_001 + KEPT_FOR_SECS), Verdict::Drop);
        assert_eq!(k.verdict(&at("/"), Some(me), 1_001 + KEPT_FOR_SECS), Verdict::Drop);
        // Another page, or the same page carrying another refusal: it waits.
        assert_eq!(k.verdict(&at("/circles/c1"), Some(me), 1_010), Verdict::Leave);
        assert_eq!(
            k.verdict(&at("/circles/c2?__path=%2Fapi%2Fask_question&__err=%22Forbidden%22"), Some(me), 1_010),
            Verdict::Leave
        );
        assert_eq!(
            k.verdict(&at("/circles/c1?__path=%2Fapi%2Freply&__err=%22Forbidden%22"), Some(me), 1_010),
            Verdict::Leave
        );
        // Someone else, the same person in another organisation, or signed out: dropped.
        assert_eq!(k.verdict(&at(to), Some((Uuid::new_v4(), me.1)), 1_010), Verdict::Drop);
        assert_eq!(k.verdict(&at(to), Some((me.0, Uuid::new_v4())), 1_010), Verdict::Drop);
        assert_eq!(k.verdict(&at(to), None, 1_010), Verdict::Drop);
    }

    #[test]
    fn the_refusal_address_comes_from_the_redirect() {
        let redirect = |status: u16, location: &str| {
            let mut res = Response::new(Body::empty());
            *res.status_mut() = http::StatusCode::from_u16(status).expect("status");
            res.headers_mut().insert(http::header::LOCATION, location.parse().expect("header"));
            res
        };
        let absolute = redirect(303, "http://127.0.0.1:3000/circles/c1?__path=%2Fapi%2Fa&__err=%221%22");
        assert_eq!(refused_to(&absolute).as_deref(), Some("/circles/c1?__path=%2Fapi%2Fa&__err=%221%22"));
        assert_eq!(refused_to(&redirect(302, "/circles/c1?x=1&__err=2")).as_deref(), Some("/circles/c1?x=1&__err=2"));
        // A redirect of an accepted post, or no redirect at all: nothing was refused.
        assert_eq!(refused_to(&redirect(303, "/circles/c1")), None);
        assert_eq!(refused_to(&redirect(200, "/circles/c1?__err=1")), None);
    }
}
