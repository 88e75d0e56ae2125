//! Any path the router does not know.
use crate::i18n::*;
use crate::tr;
use leptos::prelude::*;

/// "Page not found", with a 404 status on the server.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <main class="page narrow">
            <h1>{tr!(i18n, not_found.title)}</h1>
            <p>
                <a href="/">{tr!(i18n, not_found.home)}</a>
            </p>
        </main>
    }
}
