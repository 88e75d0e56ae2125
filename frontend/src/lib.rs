//! The browser entry point: hydrates the server-rendered page with the same `App`.
#![recursion_limit = "512"]

/// Called by the generated JS once the WebAssembly module is loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // Lets browser tests wait for interactivity instead of sleeping.
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &"__apprenance_hydrated".into(), &true.into());
    }
}
