//! One tab at a time replays a person's queue: the Web Locks API where the browser has it, a
//! lease in `localStorage` otherwise. The ledger makes a double send harmless either way; the
//! lock saves the requests and keeps the order of the replay.
use std::future::Future;

/// Runs `work` while holding the lock `name`. With `wait` false, returns at once (without
/// running it) when another tab holds the lock. Returns whether `work` ran.
pub async fn with_lock<F, Fut>(name: &str, wait: bool, work: F) -> bool
where
    F: FnOnce() -> Fut + 'static,
    Fut: Future<Output = ()> + 'static,
{
    use wasm_bindgen::{JsCast, JsValue};
    let locks = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"locks".into()).ok())
        .filter(|l| !l.is_undefined() && !l.is_null());
    let request = locks
        .as_ref()
        .and_then(|l| js_sys::Reflect::get(l, &"request".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let (Some(locks), Some(request)) = (locks, request) else {
        return with_lease(name, wait, work).await;
    };
    let callback = wasm_bindgen::closure::Closure::once_into_js(move |lock: JsValue| -> JsValue {
        if lock.is_null() {
            return js_sys::Promise::resolve(&JsValue::FALSE).into();
        }
        wasm_bindgen_futures::future_to_promise(async move {
            work().await;
            Ok(JsValue::TRUE)
        })
        .into()
    });
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"ifAvailable".into(), &JsValue::from_bool(!wait));
    match request.call3(&locks, &name.into(), &options, &callback).and_then(|p| p.dyn_into::<js_sys::Promise>()) {
        Ok(p) => wasm_bindgen_futures::JsFuture::from(p).await.ok().and_then(|v| v.as_bool()).unwrap_or(false),
        Err(_) => false,
    }
}

/// The fallback: a lease with an expiry, so a closed tab never holds it for long.
async fn with_lease<F, Fut>(name: &str, wait: bool, work: F) -> bool
where
    F: FnOnce() -> Fut + 'static,
    Fut: Future<Output = ()> + 'static,
{
    use gloo_storage::Storage;
    const LEASE_MS: i64 = 20_000;
    thread_local! {
        static TAB: u64 = { let id = super::outbox::new_client_id(); id.as_u64_pair().0 };
    }
    let me = TAB.with(|t| *t);
    let key = format!("apprenance:v2:lease:{name}");
    loop {
        let now = super::now_ms();
        let held: Option<(u64, i64)> = gloo_storage::LocalStorage::get(&key).ok();
        match held {
            Some((tab, until)) if tab != me && until > now => {
                if !wait {
                    return false;
                }
                sleep(500).await;
            }
            _ => break,
        }
    }
    let _ = gloo_storage::LocalStorage::set(&key, (me, super::now_ms() + LEASE_MS));
    work().await;
    if gloo_storage::LocalStorage::get::<(u64, i64)>(&key).ok().is_some_and(|(tab, _)| tab == me) {
        gloo_storage::LocalStorage::delete(&key);
    }
    true
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
