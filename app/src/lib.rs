//! Apprenance: the Leptos crate shared by the server (feature `ssr`) and the browser
//! (feature `hydrate`). Pages, components and server functions live side by side; data access
//! and anything that needs Postgres sits behind `ssr`, browser storage behind `hydrate`.
#![recursion_limit = "512"]

pub mod access;
pub mod activity;
pub mod circles;
pub mod error;
pub mod home;
pub mod identity;
pub mod json;
pub mod library;
pub mod network;
pub mod notifications;
pub mod offline;
pub mod plc;
pub mod prompts;
pub mod sessions;
pub mod shell;
#[cfg(feature = "ssr")]
pub mod state;
pub mod ui;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path, Lazy, SsrMode,
};

/// The HTML document the server streams for every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    page_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#1d6b57" />
                <meta name="color-scheme" content="light dark" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
                <link rel="apple-touch-icon" href="/icons/icon-192.png" />
                <HashedStylesheet options=options.clone() id="leptos" />
                <AutoReload options=options.clone() />
                <shell::boot::Boot options />
                <script src="/sw-register.js" defer></script>
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The Content-Security-Policy, the one place it is written: scripts from this site only (and
/// the wasm, which needs `'wasm-unsafe-eval'`), plus on pages the inline boot script
/// (`shell::boot`) with that response's `nonce`. The server sends it without a nonce on everything else.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let inline = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self'{inline} 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'; manifest-src 'self'; worker-src 'self'"
    )
}

/// Sets this page's policy, with the nonce Leptos gave this response.
#[cfg(feature = "ssr")]
fn page_content_security_policy() {
    let (Some(nonce), Some(res)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>()) else {
        return;
    };
    if let Ok(value) = http::HeaderValue::from_str(&content_security_policy(Some(&nonce))) {
        res.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The application: language context, router and the pages.
///
/// Pages render in `SsrMode::Async`: the server sends each page whole, so it works without
/// JavaScript, a redirect to sign-in is a real HTTP redirect, and the service worker keeps
/// complete pages for offline reloads.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // For the app's whole life, not a page's: its listeners and timer outlive navigations.
    offline::outbox::Outbox::provide();
    offline::refill::provide_refused();
    view! {
        // No cookie of its own: shell::language writes and reads the choice.
        <I18nContextProvider
            enable_cookie=false
            ssr_lang_header_getter=shell::language::saved_or_accepted_languages()
        >
            // Every page's title is escaped on the server (see `server_escaped`).
            <Title text="Apprenance" formatter=ui::text::server_escaped />
            <Router>
                <offline::refill::ForgetRefusal />
                <Routes fallback=shell::not_found::NotFoundPage>
                    <Route path=path!("/login") view={Lazy::<identity::login::LoginPage>::new()} ssr=SsrMode::Async />
                    <ParentRoute path=path!("") view=shell::layout::AppLayout ssr=SsrMode::Async>
                        <Route path=path!("") view=home::page::HomePage ssr=SsrMode::Async />
                        <Route
                            path=path!("/circles/:id")
                            view={Lazy::<circles::page::CirclePage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/circles/:id/charter")
                            view={Lazy::<plc::charter_page::CharterPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/circles/:id/network")
                            view={Lazy::<network::page::NetworkPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/circles/:id/sessions/:session_id")
                            view={Lazy::<sessions::page::SessionPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/circles/:id/posts/:post_id")
                            view={Lazy::<circles::thread::ThreadPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/library") view={Lazy::<library::page::LibraryPage>::new()} ssr=SsrMode::Async />
                        <Route
                            path=path!("/moderation")
                            view={Lazy::<circles::moderation_page::ModerationPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/manage/circles")
                            view={Lazy::<circles::admin_page::ManageCirclesPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/manage/circles/:id")
                            view={Lazy::<circles::admin_page::CircleMembersPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/manage/prompts")
                            view={Lazy::<prompts::page::PromptsPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/notifications")
                            view={Lazy::<notifications::page::NotificationsPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/settings")
                            view={Lazy::<identity::settings_page::SettingsPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/library/:post_id")
                            view={Lazy::<library::entry::EntryPage>::new()}
                            ssr=SsrMode::Async
                        />
                    </ParentRoute>
                </Routes>
            </Router>
        </I18nContextProvider>
    }
}
