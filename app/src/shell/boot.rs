//! The script that starts the app on a page the server rendered.
//!
//! It replaces Leptos's `HydrationScripts`. That one preloads the wasm (and a lazy page's
//! chunk) from the `<head>`, even with its `defer` option (at low priority). On a phone the
//! page is readable before any of it arrives, and a download that ends before the first paint
//! counts as part of that paint (Lighthouse's LCP went from 1 s to 3 s for it). So nothing of
//! the app is fetched until the browser has painted the page and is idle; then the JS and the
//! wasm download side by side, and taking over the server's nodes runs as a task of its own
//! rather than in the one that compiled the module. Forms post without JavaScript until then.
use leptos::prelude::*;

/// The inline module script (with this response's CSP nonce) naming this build's JS and wasm.
#[component]
pub fn Boot(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        use std::sync::OnceLock;
        static SCRIPT: OnceLock<String> = OnceLock::new();
        let script = SCRIPT.get_or_init(|| {
            let files = super::build_files::BuildFiles::read(&options);
            let pkg = &options.site_pkg_dir;
            format!(
                "({})({:?}, {:?});",
                include_str!("boot.js").trim(),
                format!("/{pkg}/{}", files.js),
                format!("/{pkg}/{}", files.wasm)
            )
        });
        view! { <script type="module" nonce=leptos::nonce::use_nonce()>{script.as_str()}</script> }
    }
    #[cfg(not(feature = "ssr"))]
    {
        // Only the server renders the document's <head>.
        let _ = options;
    }
}
