//! The signed-in frame: loads who is signed in (or their cached copy offline), sends anyone
//! else to the sign-in page, and holds the outbox.
use crate::api::auth::get_me;
use crate::components::error::ErrorAlert;
use crate::components::nav::{MainNav, TopBar};
use crate::i18n::*;
use crate::offline::{cache, outbox::Outbox};
use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect};

/// Wraps every page but sign-in.
#[component]
pub fn AppLayout() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::provide();
    let me = Resource::new(|| (), |_| get_me());
    keep_pages_for_offline();
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, circle.loading)}</p> }>
            {move || Suspend::new(async move {
                match cache::fresh_or_cached("me", me.await) {
                    Ok(shown) => match shown.data {
                        Some(me) => {
                            let person = me.person_id;
                            provide_context(me.clone());
                            Effect::new(move |_| outbox.attach(person));
                            view! {
                                <div class="frame">
                                    <TopBar me />
                                    <MainNav />
                                    <div class="content">
                                        <Outlet />
                                    </div>
                                </div>
                            }
                                .into_any()
                        }
                        None => view! { <Redirect path="/login" /> }.into_any(),
                    },
                    Err(error) => view! {
                        <main class="page narrow">
                            <h1>{t!(i18n, app_name)}</h1>
                            <ErrorAlert error />
                        </main>
                    }
                        .into_any(),
                }
            })}
        </Transition>
    }
}

/// After each navigation, asks the service worker to keep the page for offline reloads
/// (client-side navigations never pass through its fetch handler).
fn keep_pages_for_offline() {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let location = leptos_router::hooks::use_location();
        Effect::new(move |_| {
            let path = location.pathname.get();
            let search = location.search.get();
            let url = if search.is_empty() { path } else { format!("{path}?{search}") };
            let Some(window) = web_sys::window() else { return };
            let keep = js_sys::Reflect::get(&window, &"apprenanceKeepPage".into()).ok();
            if let Some(f) = keep.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
                let _ = f.call1(&wasm_bindgen::JsValue::NULL, &url.into());
            }
        });
    }
}
