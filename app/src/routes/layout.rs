//! The signed-in frame: loads who is signed in (or their cached copy offline), sends anyone
//! else to the sign-in page, and holds the outbox.
use crate::api::auth::get_me;
use crate::components::error::ErrorAlert;
use crate::components::nav::{MainNav, TopBar};
use crate::components::outbox_list::OutboxNotices;
use crate::error::AppError;
use crate::i18n::*;
use crate::models::identity::Me;
use crate::offline::{cache, outbox::Outbox};
use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect};

/// Wraps every page but sign-in.
#[component]
pub fn AppLayout() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let me = Resource::new(|| (), |_| get_me());
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, circle.loading)}</p> }>
            {move || Suspend::new(async move {
                match signed_in(me.await) {
                    Ok(Some(me)) => {
                        let (person, org) = (me.person_id, me.org_id);
                        provide_context(me.clone());
                        Effect::new(move |_| outbox.attach(person, org));
                        view! {
                            <div class="frame">
                                <TopBar me />
                                <MainNav />
                                <div class="content">
                                    <OutboxNotices />
                                    <Outlet />
                                </div>
                            </div>
                        }
                            .into_any()
                    }
                    Ok(None) => view! { <Redirect path="/login" /> }.into_any(),
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

/// Who is signed in: from the server, or offline from the copy of whoever signed in on this
/// device last (nobody's once they signed out: then the sign-in page).
fn signed_in(fresh: Result<Option<Me>, AppError>) -> Result<Option<Me>, AppError> {
    match fresh {
        Ok(Some(me)) => {
            #[cfg(feature = "hydrate")]
            cache::set_owner(me.person_id, me.org_id);
            cache::save("me", &me);
            Ok(Some(me))
        }
        Ok(None) => {
            cache::forget_owner();
            Ok(None)
        }
        // The browser could not reach the server, and nobody is signed in on this device.
        Err(AppError::Network(_)) if !cache::has_owner() => Ok(None),
        Err(e) => cache::fresh_or_cached::<Option<Me>>("me", Err(e)).map(|shown| shown.data),
    }
}
