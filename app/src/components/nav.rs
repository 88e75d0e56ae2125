//! The frame around every signed-in page: a top bar (organisation, language, sign-out) and the
//! main navigation, at the bottom on phones and at the side on wide screens.
use crate::api::auth::{SignOut, SwitchOrg};
use crate::i18n::*;
use crate::models::identity::Me;
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
                <label for="org-select" class="visually-hidden">{t!(i18n, nav.organisation)}</label>
                <select id="org-select" name="org_id">
                    {me
                        .orgs
                        .iter()
                        .map(|o| view! { <option value=o.id.to_string() selected=o.id == current>{o.name.clone()}</option> })
                        .collect_view()}
                </select>
                <button type="submit" class="quiet">{t!(i18n, nav.switch_org)}</button>
            </form>
        }
    });
    view! {
        <header class="topbar">
            <a href="/" class="brand">{t!(i18n, app_name)}</a>
            <span class="org-name">{me.org_name.clone()}</span>
            {switcher}
            <LanguageSwitch />
            <form method="post" action=SignOut::url() on:submit=|_| crate::offline::cache::clear()>
                <button type="submit" class="quiet">{t!(i18n, nav.sign_out)}</button>
            </form>
        </header>
    }
}

/// Français / English.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let button = move |locale: Locale, label: &'static str, name: &'static str| {
        view! {
            <button
                type="button"
                class="lang"
                lang=name
                aria-pressed=move || (i18n.get_locale() == locale).to_string()
                on:click=move |_| i18n.set_locale(locale)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || t_string!(i18n, nav.language).to_string()>
            {button(Locale::fr, "FR", "fr")}
            {button(Locale::en, "EN", "en")}
        </div>
    }
}

/// The main navigation.
#[component]
pub fn MainNav() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
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
                <span>{t!(i18n, nav.home)}</span>
            </a>
            <a href="/#circles" aria-current=current("/circles")>
                <span class="icon" aria-hidden="true">"◎"</span>
                <span>{t!(i18n, nav.circles)}</span>
            </a>
        </nav>
    }
}
