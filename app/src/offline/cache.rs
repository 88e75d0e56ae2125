//! Copies of server data the person has seen, in `localStorage` (gloo-storage), so a page can
//! render offline with a "last synced" mark. Keys are per person: a shared device does not
//! show one person's circles to the next.
use crate::error::AppError;
use serde::{de::DeserializeOwned, Deserialize, Serialize};

#[cfg(feature = "hydrate")]
const PREFIX: &str = "apprenance:v1:cache:";

/// A stored copy and when it was fetched.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cached<T> {
    pub synced_at: i64,
    pub data: T,
}

/// What a page shows: fresh data, or a cached copy and the time it was fetched.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown<T> {
    pub data: T,
    /// `Some(ms)` when this is the cached copy fetched at `ms`.
    pub offline_since: Option<i64>,
}

/// Keeps fresh data for later, or falls back to the kept copy when the network failed.
pub fn fresh_or_cached<T>(key: &str, result: Result<T, AppError>) -> Result<Shown<T>, AppError>
where
    T: Serialize + DeserializeOwned,
{
    match result {
        Ok(data) => {
            save(key, &data);
            Ok(Shown { data, offline_since: None })
        }
        Err(e) if e.is_transient() => match load::<T>(key) {
            Some(c) => Ok(Shown { data: c.data, offline_since: Some(c.synced_at) }),
            None => Err(e),
        },
        Err(e) => Err(e),
    }
}

/// Stores a copy under `key`. Offline, the data on screen came from a copy already (the
/// service worker's page), so the stored time is left as it was.
pub fn save<T: Serialize>(key: &str, data: &T) {
    #[cfg(feature = "hydrate")]
    if online() {
        use gloo_storage::Storage;
        let entry = Cached { synced_at: super::now_ms(), data };
        // A full storage only costs the offline copy: the page itself is already shown.
        let _ = gloo_storage::LocalStorage::set(format!("{PREFIX}{key}"), entry);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (key, data);
}

/// The copy stored under `key`, if any.
pub fn load<T: DeserializeOwned>(key: &str) -> Option<Cached<T>> {
    #[cfg(feature = "hydrate")]
    {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::get(format!("{PREFIX}{key}")).ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = key;
        None
    }
}

/// When the copy under `key` was fetched, if there is one.
pub fn synced_at(key: &str) -> Option<i64> {
    load::<serde_json::Value>(key).map(|c| c.synced_at)
}

/// Whether the browser believes it is online (always true on the server).
pub fn online() -> bool {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window().is_none_or(|w| w.navigator().on_line())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        true
    }
}

/// Forgets every cached copy (at sign-out). The outbox is kept: it is per person.
pub fn clear() {
    #[cfg(feature = "hydrate")]
    {
        use gloo_storage::Storage;
        let raw = gloo_storage::LocalStorage::raw();
        let Ok(len) = raw.length() else { return };
        let keys: Vec<String> =
            (0..len).filter_map(|i| raw.key(i).ok().flatten()).filter(|k| k.starts_with(PREFIX)).collect();
        for k in keys {
            gloo_storage::LocalStorage::delete(k);
        }
    }
}
