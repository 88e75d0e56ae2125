//! Sends one queued write to the sync endpoint and says what became of it, from the HTTP
//! status: the server-function client would turn a proxy's 502 page into an error that looks
//! final, and an ended session into a refusal.
use crate::error::AppError;
use serde::Deserialize;
use uuid::Uuid;

/// What became of a write.
#[derive(Debug)]
pub enum Outcome {
    /// Applied now or before; what it created.
    Landed(Option<Uuid>),
    /// The server stated why it will not apply it.
    Refused(AppError),
    /// The session has ended: keep it, ask the person to sign in.
    SignIn,
    /// Offline, a fault, a proxy's answer: keep it pending and try later.
    Later,
    /// Sent faster than the server takes (replies per minute): it goes by itself a little
    /// later, and the person is told why it waits.
    Slowed(AppError),
}

/// The part of a `Receipt` the device needs.
#[derive(Deserialize)]
struct Landed {
    client_id: Uuid,
    subject_id: Option<Uuid>,
}

/// A sync request that has had no answer for this long is given up (kept pending): a hung
/// connection must not hold the replay lock of every tab.
#[cfg(feature = "hydrate")]
const TIMEOUT_MS: u32 = 20_000;

/// Posts `envelope` to the sync endpoint.
#[cfg(feature = "hydrate")]
pub async fn send(envelope: &super::writes::Envelope) -> Outcome {
    use super::api::SyncWrite;
    use leptos::server_fn::ServerFn;
    use wasm_bindgen::JsCast;
    let Ok(body) = serde_json::to_string(&SyncWrite { envelope: envelope.clone() }) else {
        return Outcome::Refused(AppError::Internal);
    };
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&body.into());
    let headers = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&headers, &"content-type".into(), &"application/json".into());
    let _ = js_sys::Reflect::set(&headers, &"accept".into(), &"application/json".into());
    init.set_headers(&headers);
    // Where the browser has AbortSignal.timeout (older Safari lacks it).
    let has_timeout = js_sys::Reflect::get(&js_sys::global(), &"AbortSignal".into())
        .and_then(|a| js_sys::Reflect::get(&a, &"timeout".into()))
        .is_ok_and(|f| f.is_function());
    if has_timeout {
        init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS)));
    }
    let Some(window) = web_sys::window() else { return Outcome::Later };
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str_and_init(SyncWrite::url(), &init)).await;
    let Ok(response) = response.and_then(|r| r.dyn_into::<web_sys::Response>()) else { return Outcome::Later };
    let text = match response.text() {
        Ok(p) => wasm_bindgen_futures::JsFuture::from(p).await.ok().and_then(|t| t.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    classify(response.status(), &text, envelope.client_id)
}

/// The outcome of an answer with this status and body to the write `client_id`.
pub fn classify(status: u16, body: &str, client_id: Uuid) -> Outcome {
    match status {
        200..=299 => match serde_json::from_str::<Landed>(body) {
            Ok(l) if l.client_id == client_id => Outcome::Landed(l.subject_id),
            // Something answered 2xx that is not this write's receipt: not proof it landed.
            _ => Outcome::Later,
        },
        401 => Outcome::SignIn,
        400 | 403 | 404 | 409 | 413 | 422 => match serde_json::from_str::<AppError>(body) {
            // The server reads no write in it: made by a version whose writes differ from
            // today's. Retrying cannot help; the person can copy its text.
            Ok(AppError::BadRequest) if status == 400 => Outcome::Refused(AppError::Outdated),
            Ok(e) => Outcome::Refused(e),
            // Not the app's own answer (a proxy's page): it may pass later.
            Err(_) => Outcome::Later,
        },
        429 => match serde_json::from_str::<AppError>(body) {
            Ok(e @ AppError::TooFast { .. }) => Outcome::Slowed(e),
            _ => Outcome::Later,
        },
        _ => Outcome::Later,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_refusal_the_server_states_fails_a_write() {
        let id = Uuid::new_v4();
        let forbidden = serde_json::to_string(&AppError::Forbidden).expect("json");
        assert!(matches!(classify(403, &forbidden, id), Outcome::Refused(AppError::Forbidden)));
        let malformed = serde_json::to_string(&AppError::BadRequest).expect("json");
        assert!(matches!(classify(400, &malformed, id), Outcome::Refused(AppError::Outdated)));
        // Too large: failed with the reason, never retried for ever.
        assert!(matches!(classify(413, &malformed, id), Outcome::Refused(AppError::BadRequest)));
        assert!(matches!(classify(413, "<html>proxy</html>", id), Outcome::Later));
        assert!(matches!(classify(422, "<html>proxy</html>", id), Outcome::Later));
        assert!(matches!(classify(502, "<html>Bad gateway</html>", id), Outcome::Later));
        assert!(matches!(classify(503, "\"Unavailable\"", id), Outcome::Later));
        // Too many replies in a minute: it goes a little later, not failed.
        let too_fast = serde_json::to_string(&AppError::TooFast { per_minute: 6 }).expect("json");
        assert!(matches!(classify(429, &too_fast, id), Outcome::Slowed(AppError::TooFast { per_minute: 6 })));
        assert!(matches!(classify(429, "<html>slow down</html>", id), Outcome::Later));
        assert!(matches!(classify(401, "\"Unauthenticated\"", id), Outcome::SignIn));
        let receipt = format!(
            r#"{{"client_id":"{id}","kind":"ask_question","subject_id":"{id}","result":null,"replayed":true}}"#
        );
        assert!(matches!(classify(200, &receipt, id), Outcome::Landed(Some(s)) if s == id));
        assert!(matches!(classify(200, &receipt, Uuid::new_v4()), Outcome::Later));
        assert!(matches!(classify(200, "{}", id), Outcome::Later));
        assert!(matches!(classify(200, "<html>captive portal</html>", id), Outcome::Later));
    }
}
