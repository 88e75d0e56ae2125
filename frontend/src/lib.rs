//! The browser entry points: `hydrate` takes over a page the server rendered; `mount` starts
//! the app in the offline shell, rendering from the device's copies (see `offline-boot.js`).
#![recursion_limit = "512"]

/// Called by the generated JS once the WebAssembly module is loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Lazy routes: hydration waits for the current page's chunk (preloaded by the server's
    // `<link rel=preload>`), then takes over the server's nodes.
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else {
            return;
        };
        leptos::mount::hydrate_from_async(body, app::App).await.forget();
        mark_ready();
    });
}

/// Called by `offline-boot.js` in the offline shell, which has no server-rendered content.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
    mark_ready();
}

/// Lets browser tests wait for interactivity instead of sleeping.
fn mark_ready() {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &"__apprenance_hydrated".into(), &true.into());
    }
}
