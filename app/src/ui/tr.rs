//! Words that follow the language, as one compiled view for every key.
//!
//! `t!(i18n, key)` makes a new closure type per call, and each closure type brings its own copy
//! of the code that renders, updates and hydrates it. `tr!(i18n, key)` passes the key as a plain
//! function to the one closure below, so a key costs a few bytes of the first load instead
//! (42 call sites: 7 KB of brotli).
//! Text that takes values: `move || t_string!(i18n, key, name = &name).to_string()`, not `t!`
//! (see the README, "Writing views that stay small").
use crate::i18n::Locale;
use leptos_i18n::I18nContext;

/// The text `words` gives for the current language, updated when the language changes.
/// Called by `tr!`.
#[doc(hidden)]
pub fn follow_locale(
    i18n: I18nContext<Locale>,
    words: fn(Locale) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || words(i18n.get_locale())
}

/// `tr!(i18n, nav.home)`: like `t!`, without a closure type of its own.
#[macro_export]
macro_rules! tr {
    ($i18n:expr, $($key:tt)+) => {
        $crate::ui::tr::follow_locale($i18n, |locale| $crate::i18n::td_string!(locale, $($key)+))
    };
}
