//! The "offline, data from the last sync" mark over data rendered from the device's copy.
//!
//! It appears after hydration only (set from an effect), so the server's HTML and the first
//! browser render always agree, including when the page itself came from the service worker.
use crate::i18n::*;
use crate::offline::cache;
use leptos::prelude::*;

/// Nothing for fresh data; for a copy kept on the device, when it was fetched. `cache_key` is
/// where the page keeps its copy, to find that time when the page was reloaded offline.
#[component]
pub fn SyncMark(offline_since: Option<i64>, cache_key: String) -> impl IntoView {
    let i18n = use_i18n();
    let since = RwSignal::new(None::<i64>);
    Effect::new(move |_| {
        let when = offline_since.or_else(|| (!cache::online()).then(|| cache::synced_at(&cache_key)).flatten());
        since.set(when);
    });
    move || {
        since.get().map(|ms| {
            let when = crate::ui::time::format_time(ms);
            view! {
                <p class="sync-mark" role="status">
                    {t_string!(i18n, sync.offline_since, when).to_string()}
                </p>
            }
        })
    }
}
