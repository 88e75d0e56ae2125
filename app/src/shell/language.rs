//! Which language a page is in, and the switch between them.
//!
//! The choice lives in one cookie that both ends read the same way: the browser writes it when
//! someone switches, the server reads it (or else `Accept-Language`) to render the next page in
//! that language, and the page's `<html lang>` tells hydration what the server chose.
//! `leptos_i18n`'s own cookie support is left off: in the browser it brings `leptos-use`'s
//! cookie parser with the `time` crate's date parsing, about 19 KB of the first load, to write
//! one line.
use crate::i18n::*;
use leptos::prelude::*;

/// The cookie's name (what `leptos_i18n` uses, so earlier choices carry over).
pub const COOKIE: &str = "i18n_pref_locale";

/// What the server tells `leptos_i18n` the person asked for: their saved choice first, then
/// their browser's languages. (In the browser, the page's `<html lang>` decides.)
pub fn requested() -> leptos_use::UseLocalesOptions {
    let options = leptos_use::UseLocalesOptions::default();
    #[cfg(feature = "ssr")]
    let options = options
        .ssr_lang_header_getter(|| use_context::<http::request::Parts>().and_then(|parts| asked_for(&parts.headers)));
    options
}

/// The saved language if the request carries a valid one, else its `Accept-Language`.
#[cfg(feature = "ssr")]
fn asked_for(headers: &http::HeaderMap) -> Option<String> {
    use std::str::FromStr;
    let saved = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == COOKIE)
        .and_then(|c| Locale::from_str(c.value()).ok());
    match saved {
        Some(locale) => Some(locale.as_str().to_string()),
        None => headers.get(http::header::ACCEPT_LANGUAGE)?.to_str().ok().map(str::to_string),
    }
}

/// Saves the choice for a year, for the whole site.
#[cfg(feature = "hydrate")]
fn remember(locale: Locale) {
    use wasm_bindgen::JsCast;
    let line = format!("{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", locale.as_str());
    if let Some(document) = document().dyn_ref::<web_sys::HtmlDocument>() {
        let _ = document.set_cookie(&line);
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
                on:click=move |_| {
                    i18n.set_locale(locale);
                    #[cfg(feature = "hydrate")]
                    remember(locale);
                }
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
    }

    #[test]
    fn without_a_valid_choice_the_browser_decides() {
        let unknown =
            headers(&[(header::COOKIE, "i18n_pref_locale=klingon"), (header::ACCEPT_LANGUAGE, "en-GB,en;q=0.8")]);
        assert_eq!(asked_for(&unknown).as_deref(), Some("en-GB,en;q=0.8"));
        assert_eq!(asked_for(&HeaderMap::new()), None);
    }
}
