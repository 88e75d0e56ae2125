//! The signed-in frame: loads who is signed in (or their cached copy offline), sends anyone
//! else to the sign-in page, and holds the outbox.
use crate::error::AppError;
use crate::i18n::*;
use crate::identity::api::get_me;
use crate::identity::model::Me;
use crate::offline::outbox_list::OutboxNotices;
use crate::offline::{cache, outbox::Outbox};
use crate::shell::nav::{MainNav, TopBar};
use crate::tr;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect};

/// Who is signed in, as loaded by the layout: pages read it inside their own `Suspend` with
/// [`current_me`].
#[derive(Clone, Copy)]
pub struct MeResource(Resource<Result<Option<Me>, AppError>>);

impl MeResource {
    /// The signed-in person's time zone, once they are known (every page waits for them).
    pub fn zone(self) -> Option<String> {
        self.0.get().and_then(|me| resolve(me).ok().flatten()).map(|me| me.time_zone).filter(|z| !z.is_empty())
    }
}

/// How many of the signed-in person's notifications are unread, as the navigation shows it:
/// from who is signed in, then from the server on each navigation, and lowered at once when
/// they open one.
#[derive(Clone, Copy)]
pub struct Unread(pub RwSignal<i64>);

/// The signed-in person (or their device copy offline), `None` when nobody is.
pub async fn current_me() -> Option<Me> {
    let me = use_context::<MeResource>()?;
    resolve(me.0.await).ok().flatten()
}

/// Wraps every page but sign-in.
///
/// Only the top bar and navigation wait for the person inside the `Transition`; the page
/// (`Outlet`) is outside it. A `Transition` re-runs its children to find every resource they
/// read, so a page inside it would be built, and its data loaded, twice per server render.
#[component]
pub fn AppLayout() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    // Asked again once a write changing what it says lands (a time zone chosen, here or in
    // another tab), so every page shows times in the new zone.
    let me = Resource::new(move || outbox.me_changes(), |_| get_me());
    provide_context(MeResource(me));
    let unread = RwSignal::new(0);
    provide_context(Unread(unread));
    view! {
        <div class="frame">
            <Transition fallback=move || view! { <p class="loading">{tr!(i18n, circle.loading)}</p> }>
                {move || Suspend::new(async move {
                    match resolve(me.await) {
                        Ok(Some(me)) => {
                            remember(&me);
                            unread.set(me.unread);
                            let (person, org) = (me.person_id, me.org_id);
                            outbox.rendered_for(person, org);
                            Effect::new(move |_| outbox.attach(person, org));
                            EitherOf3::A(view! {
                                <TopBar me />
                                <MainNav unread />
                            })
                        }
                        Ok(None) => {
                            cache::forget_owner();
                            EitherOf3::B(view! { <Redirect path="/login" /> })
                        }
                        // The page below says what failed, in its own words.
                        Err(_) => EitherOf3::C(view! {
                            <header class="topbar">
                                <span class="brand">{tr!(i18n, app_name)}</span>
                            </header>
                        }),
                    }
                })}
            </Transition>
            <div class="content">
                <OutboxNotices />
                <Outlet />
            </div>
        </div>
    }
}

/// Who is signed in: from the server, or offline from the copy of whoever signed in on this
/// device last (nobody's once they signed out: then the sign-in page).
fn resolve(fresh: Result<Option<Me>, AppError>) -> Result<Option<Me>, AppError> {
    match fresh {
        Ok(me) => Ok(me),
        // The browser could not reach the server, and nobody is signed in on this device.
        Err(AppError::Network(_)) if !cache::has_owner() => Ok(None),
        Err(e) => cache::fresh_or_cached::<Option<Me>>("me", Err(e)).map(|shown| shown.data),
    }
}

/// Makes the signed-in person the owner of the device's copies, and keeps theirs.
fn remember(me: &Me) {
    #[cfg(feature = "hydrate")]
    cache::set_owner(me.person_id, me.org_id);
    cache::save("me", &Some(me.clone()));
}
