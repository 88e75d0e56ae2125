//! The queue as kept in `localStorage`: one key per write, never one array.
//!
//! `apprenance:v2:outbox:<person>:<org>:<client id>` holds one [`Stored`] entry. An append
//! writes a new key, so two tabs appending at once cannot overwrite each other; a status change
//! rewrites only that entry. Entries carry a format version: one that no longer decodes (the
//! foundation's v1 array, another format) is loaded as [`Loaded::Unreadable`] with the text
//! found in it, shown as failed and never dropped without the person's say. The write inside
//! is JSON, checked by the server: one this version's server reads no write in (a release
//! changed its fields) comes back 400 and is shown the same way (`send`, `AppError::Outdated`).
//!
//! Order: `seq` is one more than the highest this device's queue holds when the write is made.
//! Two tabs appending in the same instant may pick the same number; neither saw the other's
//! write, so neither depends on it, and `(seq, created_ms, client id)` orders them stably.
use super::writes::Envelope;
use crate::error::AppError;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The format written by this version.
pub const FORMAT: u32 = 2;

/// One queued write as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    pub v: u32,
    pub seq: u64,
    pub created_ms: i64,
    pub envelope: Envelope,
    /// Set when the server refused it: the reason, until retried or discarded.
    pub failed: Option<AppError>,
    /// Set (for a moment, before the key is removed) when the server applied it, so other tabs
    /// see it land rather than vanish.
    pub landed: Option<Option<Uuid>>,
}

/// What a key of the queue held.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    Ready {
        key: String,
        stored: Stored,
    },
    /// Written by another version: its key, the text found in it.
    Unreadable {
        key: String,
        text: String,
    },
}

/// The text a person would recognise in an entry this version cannot read: its longest string.
pub fn text_in(raw: &str) -> String {
    fn longest(v: &serde_json::Value, best: &mut String) {
        match v {
            serde_json::Value::String(s) if s.chars().count() > best.chars().count() && Uuid::parse_str(s).is_err() => {
                best.clone_from(s)
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| longest(v, best)),
            serde_json::Value::Object(o) => o.values().for_each(|v| longest(v, best)),
            _ => {}
        }
    }
    let mut best = String::new();
    match serde_json::from_str::<serde_json::Value>(raw) {
        Ok(v) => longest(&v, &mut best),
        Err(_) => best = raw.to_owned(),
    }
    best
}

/// Whether an element of the foundation's queue still waits: not discarded (null) and not
/// already on the server (its status was `"Synced"`), which must not be offered again.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn still_owed(v: &serde_json::Value) -> bool {
    !v.is_null() && v.get("status").and_then(serde_json::Value::as_str) != Some("Synced")
}

fn queue_prefix(person: Uuid) -> String {
    format!("apprenance:v2:outbox:{person}:")
}

/// The key of an envelope's entry.
pub fn key_of(e: &Envelope) -> String {
    format!("{}{}:{}", queue_prefix(e.person_id), e.org_id, e.client_id)
}

/// The foundation's queue: one JSON array per person.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn legacy_key(person: Uuid) -> String {
    format!("apprenance:v1:outbox:{person}")
}

#[cfg(feature = "hydrate")]
pub use browser::*;

#[cfg(feature = "hydrate")]
mod browser {
    use super::*;

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window().and_then(|w| w.local_storage().ok().flatten())
    }

    fn keys_with(prefix: &str) -> Vec<String> {
        let Some(s) = storage() else { return Vec::new() };
        let len = s.length().unwrap_or(0);
        (0..len).filter_map(|i| s.key(i).ok().flatten()).filter(|k| k.starts_with(prefix)).collect()
    }

    /// Every entry of the person's queues (all their organisations), in order; unreadable ones
    /// last.
    pub fn load_all(person: Uuid) -> Vec<Loaded> {
        let Some(s) = storage() else { return Vec::new() };
        let mut ready = Vec::new();
        let mut unreadable = Vec::new();
        for key in keys_with(&queue_prefix(person)) {
            let Some(raw) = s.get_item(&key).ok().flatten() else { continue };
            match serde_json::from_str::<Stored>(&raw) {
                Ok(stored) if stored.v == FORMAT && key_of(&stored.envelope) == key => {
                    ready.push(Loaded::Ready { key, stored })
                }
                _ => unreadable.push(Loaded::Unreadable { text: text_in(&raw), key }),
            }
        }
        // The foundation kept the whole queue in one array: each element is shown on its own.
        let legacy = legacy_key(person);
        if let Some(raw) = s.get_item(&legacy).ok().flatten() {
            match serde_json::from_str::<Vec<serde_json::Value>>(&raw) {
                Ok(items) => {
                    unreadable.extend(items.iter().enumerate().filter(|(_, v)| still_owed(v)).map(|(i, v)| {
                        Loaded::Unreadable { key: format!("{legacy}#{i}"), text: text_in(&v.to_string()) }
                    }))
                }
                Err(_) => unreadable.push(Loaded::Unreadable { key: format!("{legacy}#0"), text: text_in(&raw) }),
            }
        }
        ready.sort_by(|a, b| match (a, b) {
            (Loaded::Ready { stored: a, .. }, Loaded::Ready { stored: b, .. }) => {
                (a.seq, a.created_ms, a.envelope.client_id).cmp(&(b.seq, b.created_ms, b.envelope.client_id))
            }
            _ => std::cmp::Ordering::Equal,
        });
        ready.extend(unreadable);
        ready
    }

    /// Queues a write: a new key, never a rewrite of the queue. Fails when the browser does not
    /// store it (quota, storage disabled): then nothing was saved.
    pub fn append(envelope: Envelope) -> Result<(String, Stored), AppError> {
        let seq = load_all(envelope.person_id)
            .iter()
            .filter_map(|l| match l {
                Loaded::Ready { stored, .. } => Some(stored.seq),
                Loaded::Unreadable { .. } => None,
            })
            .max()
            .unwrap_or(0)
            + 1;
        let stored =
            Stored { v: FORMAT, seq, created_ms: super::super::now_ms(), envelope, failed: None, landed: None };
        let key = key_of(&stored.envelope);
        put(&key, &stored)?;
        Ok((key, stored))
    }

    /// Rewrites one entry.
    pub fn put(key: &str, stored: &Stored) -> Result<(), AppError> {
        let json = serde_json::to_string(stored).map_err(|_| AppError::Internal)?;
        let s = storage().ok_or(AppError::StorageFull)?;
        s.set_item(key, &json).map_err(|_| AppError::StorageFull)?;
        // A browser may accept the call and keep nothing (some private modes): read it back.
        match s.get_item(key) {
            Ok(Some(back)) if back == json => Ok(()),
            _ => Err(AppError::StorageFull),
        }
    }

    /// Removes one entry (an element of the legacy array empties that array's slot).
    pub fn remove(key: &str) {
        let Some(s) = storage() else { return };
        if let Some((legacy, index)) = key.split_once('#') {
            let Ok(i) = index.parse::<usize>() else { return };
            let raw = s.get_item(legacy).ok().flatten().unwrap_or_default();
            let mut items: Vec<serde_json::Value> = serde_json::from_str(&raw).unwrap_or_default();
            if i < items.len() {
                items[i] = serde_json::Value::Null;
            }
            if items.iter().all(serde_json::Value::is_null) {
                let _ = s.remove_item(legacy);
            } else if let Ok(json) = serde_json::to_string(&items) {
                let _ = s.set_item(legacy, &json);
            }
        } else {
            let _ = s.remove_item(key);
        }
    }

    /// Whether a storage event's key belongs to the person's queues.
    pub fn is_queue_key(person: Uuid, key: &str) -> bool {
        key.starts_with(&queue_prefix(person)) || key == legacy_key(person)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_text_of_an_entry_it_cannot_read() {
        let v1 = r#"{"id":"7f0c1e9a-4a51-4c41-9b8e-0f3c2b1a9d10","seq":3,
            "write":{"AskQuestion":{"circle_id":"5b8f1c2e-0d3a-4a7b-8c6e-1f2a3b4c5d6e","body":"Comment fais-tu pour trier tes mails ?"}},
            "status":"Pending"}"#;
        assert_eq!(text_in(v1), "Comment fais-tu pour trier tes mails ?");
        let parsed: serde_json::Value = serde_json::from_str(v1).expect("json");
        assert!(still_owed(&parsed));
        assert!(!still_owed(&serde_json::json!({"status": "Synced"})));
        assert!(!still_owed(&serde_json::Value::Null));
        assert_eq!(text_in("not json"), "not json");
    }
}
