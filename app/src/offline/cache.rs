//! Copies of server data the person has seen, in `localStorage`, so a page can render offline
//! with a "last synced" mark.
//!
//! Copies belong to an owner, the signed-in person in their organisation: keys are
//! `apprenance:v2:copy:<person>:<org>:<what>`, and `apprenance:v2:owner` says whose copies the
//! device may show. When someone else signs in on the device, the previous owner's copies are
//! deleted; at sign-out (or when the server says nobody is signed in) the owner's are. Offline
//! with no owner, there is nothing to show but the sign-in page.
use crate::error::AppError;
#[cfg(feature = "hydrate")]
use gloo_storage::Storage as _;
use serde::{de::DeserializeOwned, Deserialize, Serialize};
#[cfg(feature = "hydrate")]
use uuid::Uuid;

#[cfg(feature = "hydrate")]
const COPY_PREFIX: &str = "apprenance:v2:copy:";
#[cfg(feature = "hydrate")]
const OWNER_KEY: &str = "apprenance:v2:owner";
/// The foundation's copies were not per person: deleted on sight.
#[cfg(feature = "hydrate")]
const LEGACY_PREFIX: &str = "apprenance:v1:cache:";

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

/// Keeps fresh data for later, or falls back to the owner's copy when the browser could not
/// reach the server. An error the server itself answered (503 when Postgres is down) is shown
/// as it is: the server rendered it so, and hydrating the copy instead would not match.
pub fn fresh_or_cached<T>(key: &str, result: Result<T, AppError>) -> Result<Shown<T>, AppError>
where
    T: Serialize + DeserializeOwned,
{
    match result {
        Ok(data) => {
            save(key, &data);
            Ok(Shown { data, offline_since: None })
        }
        Err(e @ AppError::Network(_)) => match load::<T>(key) {
            Some(c) => Ok(Shown { data: c.data, offline_since: Some(c.synced_at) }),
            None => Err(e),
        },
        // Gone, or no longer theirs: the device's copy goes too.
        Err(e @ (AppError::NotFound | AppError::Forbidden)) => {
            forget(key);
            Err(e)
        }
        Err(e) => Err(e),
    }
}

/// Makes `person` in `org` the device's owner of copies, deleting anyone else's.
#[cfg(feature = "hydrate")]
pub fn set_owner(person: Uuid, org: Uuid) {
    use gloo_storage::Storage;
    let owner = format!("{person}:{org}");
    if owner_key().as_deref() != Some(owner.as_str()) {
        let mine = format!("{COPY_PREFIX}{owner}:");
        delete_where(|k| (k.starts_with(COPY_PREFIX) && !k.starts_with(&mine)) || k.starts_with(LEGACY_PREFIX));
        let _ = gloo_storage::LocalStorage::set(OWNER_KEY, owner);
    }
}

/// Deletes the owner's copies and forgets the owner (sign-out, ended session).
pub fn forget_owner() {
    #[cfg(feature = "hydrate")]
    {
        delete_where(|k| k.starts_with(COPY_PREFIX) || k.starts_with(LEGACY_PREFIX));
        <gloo_storage::LocalStorage as gloo_storage::Storage>::delete(OWNER_KEY);
    }
}

/// Whether the device has an owner of copies (someone signed in here last).
pub fn has_owner() -> bool {
    #[cfg(feature = "hydrate")]
    {
        owner_key().is_some()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        false
    }
}

/// Whether a storage key is the one naming the device's owner.
#[cfg(feature = "hydrate")]
pub fn is_owner_key(key: &str) -> bool {
    key == OWNER_KEY
}

/// The (person, organisation) an owner key's stored value names.
#[cfg(feature = "hydrate")]
pub fn owner_in(raw: Option<&str>) -> Option<(Uuid, Uuid)> {
    let owner = serde_json::from_str::<String>(raw?).ok()?;
    let (person, org) = owner.split_once(':')?;
    Some((Uuid::parse_str(person).ok()?, Uuid::parse_str(org).ok()?))
}

#[cfg(feature = "hydrate")]
fn owner_key() -> Option<String> {
    use gloo_storage::Storage;
    gloo_storage::LocalStorage::get::<String>(OWNER_KEY).ok()
}

#[cfg(feature = "hydrate")]
fn delete_where(matches: impl Fn(&str) -> bool) {
    let raw = gloo_storage::LocalStorage::raw();
    let Ok(len) = raw.length() else { return };
    let keys: Vec<String> =
        (0..len).filter_map(|i| raw.key(i).ok().flatten()).filter(|k| matches(k.as_str())).collect();
    for k in keys {
        let _ = raw.remove_item(&k);
    }
}

/// Stores the owner's copy under `key`. Offline, the data on screen came from a copy already,
/// so the stored time is left as it was.
pub fn save<T: Serialize>(key: &str, data: &T) {
    #[cfg(feature = "hydrate")]
    if let (true, Some(owner)) = (online(), owner_key()) {
        use gloo_storage::Storage;
        let entry = Cached { synced_at: super::now_ms(), data };
        // A full storage only costs the offline copy: the page itself is already shown.
        let _ = gloo_storage::LocalStorage::set(format!("{COPY_PREFIX}{owner}:{key}"), entry);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (key, data);
}

/// Deletes the owner's copy under `key`, if any.
pub fn forget(key: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(owner) = owner_key() {
        let _ = gloo_storage::LocalStorage::raw().remove_item(&format!("{COPY_PREFIX}{owner}:{key}"));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = key;
}

/// The owner's copy stored under `key`, if any.
pub fn load<T: DeserializeOwned>(key: &str) -> Option<Cached<T>> {
    #[cfg(feature = "hydrate")]
    {
        use gloo_storage::Storage;
        let owner = owner_key()?;
        gloo_storage::LocalStorage::get(format!("{COPY_PREFIX}{owner}:{key}")).ok()
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
