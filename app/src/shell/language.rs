//! Which language a page is in, and the switch between them.
//!
//! The choice lives in one cookie, `i18n_pref_locale`: only the browser writes it, when someone
//! switches (Path=/, a year); the server reads it, or else `Accept-Language`, to render every
//! page in that language and never sets it; hydration follows the page's `<html lang>`.
//! `leptos_i18n`'s own cookie support is left off: in the browser it brought `leptos-use`'s
//! cookie parser with the `time` crate's date parsing, 21 KB of the first load in brotli, to
//! write one line.
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::context::UseLocalesOptions;

/// The cookie's name (what `leptos_i18n` used, so earlier choices carry over).
pub const LOCALE_COOKIE: &str = "i18n_pref_locale";

/// How long a choice is kept: a year, in seconds.
#[cfg(feature = "hydrate")]
const KEPT_FOR_SECONDS: u32 = 365 * 24 * 60 * 60;

/// What the server tells `leptos_i18n` the person asked for: their saved choice first, then
/// their browser's languages. (In the browser, the page's `<html lang>` decides.)
pub fn saved_or_accepted_languages() -> UseLocalesOptions {
    let options = UseLocalesOptions::default();
    #[cfg(feature = "ssr")]
    let options = options
        .ssr_lang_header_getter(|| use_context::<http::request::Parts>().and_then(|parts| asked_for(&parts.headers)));
    options
}

/// The saved language if the request carries a valid one (the first valid one: an older
/// cookie on a narrower path may come first), else its `Accept-Language`.
#[cfg(feature = "ssr")]
fn asked_for(headers: &http::HeaderMap) -> Option<String> {
    use std::str::FromStr;
    let saved = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find_map(|c| if c.name() == LOCALE_COOKIE { Locale::from_str(c.value()).ok() } else { None });
    match saved {
        Some(locale) => Some(locale.as_str().to_string()),
        None => headers.get(http::header::ACCEPT_LANGUAGE)?.to_str().ok().map(str::to_string),
    }
}

/// Saves the choice for a year, for the whole site (`Secure` over https). Also drops the copy
/// `leptos_i18n` used to leave on `/circles` (it set no path), which would otherwise win there.
#[cfg(feature = "hydrate")]
fn save_choice(locale: Locale) {
    use wasm_bindgen::JsCast;
    let Some(document) = document().dyn_into::<web_sys::HtmlDocument>().ok() else {
        return;
    };
    let secure = if location().protocol().is_ok_and(|p| p == "https:") { "; Secure" } else { "" };
    let _ = document.set_cookie(&format!("{LOCALE_COOKIE}=; Path=/circles; Max-Age=0"));
    let _ = document.set_cookie(&format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age={KEPT_FOR_SECONDS}; SameSite=Lax{secure}",
        locale.as_str()
    ));
}

/// Français / English.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let button = move |locale: Locale, label: &'static str| {
        view! {
            <button
                type="button"
                class="lang"
                lang=locale.as_str()
                aria-pressed=move || (i18n.get_locale() == locale).to_string()
                on:click=move |_| {
                    i18n.set_locale(locale);
                    #[cfg(feature = "hydrate")]
                    save_choice(locale);
                }
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || t_string!(i18n, nav.language).to_string()>
            {button(Locale::fr, "FR")}
            {button(Locale::en, "EN")}
        </div>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use http::{header, HeaderMap, HeaderValue};

    fn headers(pairs: &[(header::HeaderName, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn the_saved_choice_comes_before_the_browser_languages() {
        let both =
            headers(&[(header::COOKIE, "id=abc; i18n_pref_locale=en"), (header::ACCEPT_LANGUAGE, "fr-FR,fr;q=0.9")]);
        assert_eq!(asked_for(&both).as_deref(), Some("en"));
        // Cookies may come in several headers.
        let split = headers(&[(header::COOKIE, "id=abc"), (header::COOKIE, "i18n_pref_locale=fr")]);
        assert_eq!(asked_for(&split).as_deref(), Some("fr"));
        // A bad copy first does not hide a good one.
        let bad_first = headers(&[(header::COOKIE, "i18n_pref_locale=xx; i18n_pref_locale=en")]);
        assert_eq!(asked_for(&bad_first).as_deref(), Some("en"));
    }

    #[test]
    fn without_a_valid_choice_the_browser_decides() {
        let unknown =
            headers(&[(header::COOKIE, "i18n_pref_locale=klingon"), (header::ACCEPT_LANGUAGE, "en-GB,en;q=0.8")]);
        assert_eq!(asked_for(&unknown).as_deref(), Some("en-GB,en;q=0.8"));
        assert_eq!(asked_for(&HeaderMap::new()), None);
    }
}
