//! The frame around every signed-in page: a top bar (organisation, settings, language, sign-out) and the
//! main navigation, at the bottom on phones and at the side on wide screens.
use crate::i18n::*;
use crate::identity::api::{SignOut, SwitchOrg};
use crate::identity::model::Me;
use crate::identity::settings::SETTINGS_HREF;
use crate::notifications::api::NOTIFICATIONS_HREF;
use crate::offline::{cache, outbox::Outbox};
use crate::shell::language::LanguageSwitch;
use crate::tr;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_location;

/// The top bar.
#[component]
pub fn TopBar(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let switcher = (me.orgs.len() > 1).then(|| {
        let current = me.org_id;
        view! {
            <form class="org-switch" method="post" action=SwitchOrg::url()>
                <label for="org-select" class="visually-hidden">{tr!(i18n, nav.organisation)}</label>
                <select id="org-select" name="org_id">
                    {me
                        .orgs
                        .iter()
                        .map(|o| view! { <option value=o.id.to_string() selected=o.id == current>{o.name.clone()}</option> })
                        .collect_view()}
                </select>
                <button type="submit" class="quiet">{tr!(i18n, nav.switch_org)}</button>
            </form>
        }
    });
    view! {
        <header class="topbar">
            <a href="/" class="brand">{tr!(i18n, app_name)}</a>
            <span class="org-name">{me.org_name.clone()}</span>
            {switcher}
            <a href=SETTINGS_HREF class="settings-link">
                <span class="icon" aria-hidden="true">"⚙"</span>
                <span class="settings-text">{tr!(i18n, nav.settings)}</span>
            </a>
            <LanguageSwitch />
            <SignOutForm />
        </header>
    }
}

/// Signing out forgets the person's copies on this device. With writes not sent yet, it asks
/// first: send them now, discard them, or keep them for this person's next sign-in here (they
/// are stored under the person, so nobody else's session ever sends or shows them).
#[component]
fn SignOutForm() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let still_unsent = RwSignal::new(false);
    let form = NodeRef::<html::Form>::new();
    // A modal <dialog>: the browser's top layer (above the sticky bars), focus kept inside,
    // Escape closes it.
    let dialog = NodeRef::<html::Dialog>::new();
    let close = move || {
        still_unsent.set(false);
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    let leave = move || {
        cache::forget_owner();
        if let Some(f) = form.get_untracked() {
            let _ = f.submit();
        }
    };
    let on_submit = move |ev: SubmitEvent| {
        if outbox.unsent_count() > 0 {
            ev.prevent_default();
            if let Some(d) = dialog.get_untracked() {
                let _ = d.show_modal();
            }
        } else {
            cache::forget_owner();
        }
    };
    let send_now = move |_| {
        leptos::task::spawn_local(async move {
            if outbox.flush_now().await == 0 {
                leave();
            } else {
                still_unsent.set(true);
            }
        })
    };
    let count = move || outbox.unsent_count();
    view! {
        <form method="post" action=SignOut::url() on:submit=on_submit node_ref=form>
            <button type="submit" class="quiet">{tr!(i18n, nav.sign_out)}</button>
        </form>
        <dialog
            node_ref=dialog
            class="dialog"
            role="alertdialog"
            aria-labelledby="sign-out-title"
            aria-describedby="sign-out-text"
        >
            <h2 id="sign-out-title">{move || t_string!(i18n, sign_out.pending_title, count = count()).to_string()}</h2>
            <p id="sign-out-text">{tr!(i18n, sign_out.pending_text)}</p>
            <Show when=move || still_unsent.get()>
                <p class="alert" role="alert">
                    {tr!(i18n, sign_out.still_pending)}
                </p>
            </Show>
            <div class="dialog-actions">
                <button type="button" class="primary" on:click=send_now>
                    {tr!(i18n, sign_out.send_now)}
                </button>
                <button
                    type="button"
                    on:click=move |_| {
                        outbox.discard_unsent();
                        leave();
                    }
                >
                    {tr!(i18n, sign_out.discard)}
                </button>
                <button type="button" on:click=move |_| leave()>
                    {tr!(i18n, sign_out.keep)}
                </button>
                <button type="button" class="quiet" on:click=move |_| close()>
                    {tr!(i18n, sign_out.cancel)}
                </button>
            </div>
        </dialog>
    }
}

/// The main navigation, with the count of unread notifications (asked again of the server on
/// each navigation and once writes land: one small request).
#[component]
pub fn MainNav(unread: RwSignal<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let outbox = Outbox::use_outbox();
    // Answers may come back out of order: only the latest request's is shown.
    let asked = StoredValue::new(0_u64);
    Effect::new(move |seen: Option<()>| {
        location.pathname.track();
        outbox.synced_count();
        if seen.is_some() {
            asked.update_value(|n| *n += 1);
            let this = asked.get_value();
            leptos::task::spawn_local(async move {
                if let Ok(count) = crate::notifications::api::get_unread().await {
                    // While reads wait in the outbox, the count set here is newer than the
                    // server's: the next landing asks again.
                    let waiting = outbox.unsent_count() > 0;
                    if asked.try_get_value() == Some(this) && !waiting {
                        unread.set(count);
                    }
                }
            });
        }
    });
    let badge = move || {
        let count = unread.get();
        (count > 0).then(|| {
            let shown = if count > 99 { "99+".to_owned() } else { count.to_string() };
            view! { <span class="badge-count" aria-hidden="true">{shown}</span> }
        })
    };
    let said = move || {
        let count = unread.get();
        (count > 0).then(
            || view! { " " <span class="visually-hidden">{t_string!(i18n, nav.unread, count).to_string()}</span> },
        )
    };
    let current = move |prefix: &'static str| {
        move || {
            let path = location.pathname.get();
            let here = if prefix == "/" { path == "/" } else { path.starts_with(prefix) };
            here.then_some("page")
        }
    };
    view! {
        <nav class="mainnav" aria-label=move || t_string!(i18n, nav.main).to_string()>
            <a href="/" aria-current=current("/")>
                <span class="icon" aria-hidden="true">"⌂"</span>
                <span>{tr!(i18n, nav.home)}</span>
            </a>
            <a href="/#circles" aria-current=current("/circles")>
                <span class="icon" aria-hidden="true">"◎"</span>
                <span>{tr!(i18n, nav.circles)}</span>
            </a>
            <a href="/library" aria-current=current("/library")>
                <span class="icon" aria-hidden="true">"▤"</span>
                <span>{tr!(i18n, nav.library)}</span>
            </a>
            <a href=NOTIFICATIONS_HREF aria-current=current(NOTIFICATIONS_HREF)>
                <span class="icon" aria-hidden="true">"◔"</span>
                <span>{tr!(i18n, nav.notifications)}</span>
                {badge}
                {said}
            </a>
        </nav>
    }
}
