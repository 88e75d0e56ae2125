//! The outbox: the signed-in person's writes on this device, shown at once and sent in order.
//!
//! A write is stored first (`store`, one key per write) and only then shown as pending; if the
//! browser cannot store it, the person is told and the text stays where they typed it. Writes
//! are replayed at start-up, when the network returns, after each new write and every 30 s, by
//! one tab at a time (`lock`): the others follow through `storage` events. Outcomes come from
//! the HTTP status (`send`): 2xx landed; a refusal the server states (400, 403, 404, 409, 422)
//! turns the write failed with the reason, and later writes of the same scope wait behind it;
//! 401 keeps everything and asks the person to sign in again; anything else (5xx, a proxy's
//! page, no network) keeps it pending and stops the replay so order holds.
#[cfg(feature = "hydrate")]
use super::store;
use super::store::{Loaded, Stored};
use super::writes::{Envelope, Scope, Write};
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;

/// Where a write stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Pending,
    /// The server has it; shown until the page shows it from the server.
    Synced,
    Failed(AppError),
}

/// One write as the interface shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Its storage key: stable, unique.
    pub key: String,
    /// `None` for an entry this version cannot read (then `status` is `Failed(Outdated)`).
    pub envelope: Option<Envelope>,
    pub text: String,
    pub status: Status,
    /// What it created, once the server has it.
    pub subject: Option<Uuid>,
}

impl Item {
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn from_loaded(l: Loaded) -> Item {
        match l {
            Loaded::Ready { key, stored } => Item {
                key,
                text: match stored.envelope.summary() {
                    // No `body` (another version's write, a reaction): the text found in it.
                    s if s.is_empty() && stored.envelope.reaction().is_none() => {
                        super::store::text_in(&stored.envelope.write.to_string())
                    }
                    s => s,
                },
                status: match (stored.landed, stored.failed) {
                    (Some(_), _) => Status::Synced,
                    (None, Some(e)) => Status::Failed(e),
                    (None, None) => Status::Pending,
                },
                subject: stored.landed.flatten(),
                envelope: Some(stored.envelope),
            },
            Loaded::Unreadable { key, text } => {
                Item { key, envelope: None, text, status: Status::Failed(AppError::Outdated), subject: None }
            }
        }
    }

    /// Where it belongs, when this version can read it.
    pub fn scope(&self) -> Option<Scope> {
        self.envelope.as_ref().and_then(Envelope::scope)
    }

    fn unsent(&self) -> bool {
        self.status != Status::Synced
    }
}

/// The outbox of the signed-in person on this device, provided as context by `App`.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub struct Outbox {
    items: RwSignal<Vec<Item>>,
    /// The person, and the organisation new writes are made in.
    owner: RwSignal<Option<(Uuid, Uuid)>>,
    /// Who the page was rendered for, known during hydration; `owner` follows when `attach`
    /// runs (an effect, a task later). A write made in between is queued for them.
    expected: StoredValue<Option<(Uuid, Uuid)>>,
    replaying: StoredValue<bool>,
    again: StoredValue<bool>,
    synced: RwSignal<u32>,
    /// Counts landed writes that change what `me` says (a time zone chosen).
    me_changed: RwSignal<u32>,
    signed_out: RwSignal<bool>,
    /// Why the writes wait, when the server said to send them slower (too many replies in a
    /// minute); cleared when one lands.
    slowed: RwSignal<Option<AppError>>,
    /// The writes queued on this page, as JSON (`kind`, `args`), in order (not those loaded
    /// from the device).
    enqueued: RwSignal<Vec<serde_json::Value>>,
    listening: StoredValue<bool>,
}

impl Outbox {
    /// Creates the outbox and provides it to the components below.
    pub fn provide() -> Outbox {
        let outbox = Outbox {
            items: RwSignal::new(Vec::new()),
            owner: RwSignal::new(None),
            expected: StoredValue::new(None),
            replaying: StoredValue::new(false),
            again: StoredValue::new(false),
            synced: RwSignal::new(0),
            me_changed: RwSignal::new(0),
            signed_out: RwSignal::new(false),
            slowed: RwSignal::new(None),
            enqueued: RwSignal::new(Vec::new()),
            listening: StoredValue::new(false),
        };
        provide_context(outbox);
        outbox
    }

    /// The outbox provided by `App`.
    pub fn use_outbox() -> Outbox {
        expect_context::<Outbox>()
    }

    /// Every write of the person, in order (unreadable ones last).
    pub fn items(&self) -> Vec<Item> {
        self.items.get()
    }

    /// The state the person last asked for of `reaction` to `post_id`, while that write is on
    /// its way or has just landed (a failed one does not count).
    pub fn wanted_reaction(&self, post_id: Uuid, reaction: crate::circles::posts::Reaction) -> Option<bool> {
        self.items.with(|items| {
            items.iter().rev().filter(|i| !matches!(i.status, Status::Failed(_))).find_map(|i| {
                match i.envelope.as_ref().and_then(Envelope::reaction) {
                    Some((r, post, on)) if post == post_id && r == reaction => Some(on),
                    _ => None,
                }
            })
        })
    }

    /// Writes not yet on the server (pending or failed).
    pub fn unsent_count(&self) -> usize {
        self.items.with(|items| items.iter().filter(|i| i.unsent()).count())
    }

    /// Counts writes that landed (here or in another tab): pages refetch when it changes.
    pub fn synced_count(&self) -> u32 {
        self.synced.get()
    }

    /// Whether a write of `kind` about `ids` (argument names and values, as a form's hidden
    /// fields carry them) was queued since the page loaded.
    pub fn queued_since_load(&self, kind: &str, ids: &[(String, String)]) -> bool {
        self.enqueued.with(|writes| writes.iter().any(|w| is_about(w, kind, ids)))
    }

    /// Counts landed writes that change who the signed-in person is as the server says (their
    /// time zone): the layout asks for them again when it changes, so every page follows.
    pub fn me_changes(&self) -> u32 {
        self.me_changed.get()
    }

    /// Forgets the landed writes of `kind`, which the page now shows from the server (a write
    /// with nothing on screen to match it by: a time zone chosen).
    pub fn forget_landed_of_kind(&self, kind: &str) {
        let landed = |i: &Item| i.status == Status::Synced && i.envelope.as_ref().is_some_and(|e| e.kind() == kind);
        if self.items.with_untracked(|items| items.iter().any(landed)) {
            self.items.update(|items| items.retain(|i| !landed(i)));
        }
    }

    /// `true` once the server said the session has ended: writes wait for a new sign-in.
    pub fn needs_sign_in(&self) -> bool {
        self.signed_out.get()
    }

    /// Whether `item` waits behind an earlier failed write of the same scope.
    pub fn is_blocked(&self, item: &Item) -> bool {
        self.items.with(|items| blocked(items, item))
    }

    /// Why the pending writes wait, when the server asked for them slower (they go by
    /// themselves at the next round, within a minute).
    pub fn slowed(&self) -> Option<AppError> {
        self.slowed.get()
    }

    /// Says who the page is for, while it hydrates: no signal changes, so nothing the server
    /// rendered is rendered differently; `attach` follows in an effect.
    pub fn rendered_for(&self, person_id: Uuid, org_id: Uuid) {
        self.expected.set_value(Some((person_id, org_id)));
    }

    /// Loads the person's queue and starts replaying it (browser only; call it from an effect
    /// once the person is known). `org_id` is where new writes are made.
    pub fn attach(&self, person_id: Uuid, org_id: Uuid) {
        if self.owner.get_untracked() == Some((person_id, org_id)) {
            // Signed in again after the session ended (in this tab, without a reload): resume.
            if self.signed_out.get_untracked() {
                self.signed_out.set(false);
                self.flush();
            }
            return;
        }
        self.owner.set(Some((person_id, org_id)));
        self.signed_out.set(false);
        #[cfg(feature = "hydrate")]
        {
            self.reload();
            self.listen();
            self.flush();
        }
    }

    /// Queues a write for the signed-in person. On `Err` nothing was stored: keep the text on
    /// screen and show the error.
    pub fn enqueue(&self, write: Write) -> Result<(), AppError> {
        let Some((person_id, org_id)) = self.owner.get_untracked().or_else(|| self.expected.get_value()) else {
            return Err(AppError::Unauthenticated);
        };
        let envelope = Envelope::new(new_client_id(), person_id, org_id, &write);
        #[cfg(feature = "hydrate")]
        {
            let (key, stored) = store::append(envelope)?;
            self.items.update(|items| items.push(Item::from_loaded(Loaded::Ready { key, stored })));
            if let Ok(queued) = serde_json::to_value(&write) {
                self.enqueued.update(|writes| writes.push(queued));
            }
            self.flush();
            Ok(())
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = envelope;
            Err(AppError::StorageFull)
        }
    }

    /// Puts a failed write back in the queue, in its original place.
    pub fn retry(&self, key: &str) {
        if self.update_stored(key, |s| s.failed = None) {
            self.flush();
        }
    }

    /// Puts a refused edit back in the queue, in its original place, made on `version` (the
    /// current one): what waited behind it still comes after. This device's later edits of the
    /// same post or charter, made on top of it, move up as much. Client ids stay: a refused write left
    /// nothing in the ledger, and the later ones have not been sent.
    pub fn resend_edit_on(&self, key: &str, version: i32) {
        let Some((edited, was)) = self.items.with_untracked(|items| {
            let e = items.iter().find(|i| i.key == key)?.envelope.as_ref()?;
            Some((Edited::of(e)?, edit_version(e)?))
        }) else {
            return;
        };
        let later: Vec<String> = self.items.with_untracked(|items| {
            let at = items.iter().position(|i| i.key == key).unwrap_or(items.len());
            items[at + 1..]
                .iter()
                .filter(|i| i.status == Status::Pending)
                .filter(|i| i.envelope.as_ref().is_some_and(|e| Edited::of(e) == Some(edited)))
                .map(|i| i.key.clone())
                .collect()
        });
        let moved = self.update_stored(key, |s| {
            set_edit_version(&mut s.envelope, version);
            s.failed = None;
        });
        for k in later {
            self.update_stored(&k, |s| {
                if let Some(v) = edit_version(&s.envelope) {
                    set_edit_version(&mut s.envelope, v + version - was);
                }
            });
        }
        if moved {
            self.flush();
        }
    }

    /// The version a new edit of `edited` is made on: the page's, or the one after this
    /// device's own edits of it still on their way or not yet shown, whichever is later.
    pub fn next_edit_version(&self, edited: Edited, page_version: i32) -> i32 {
        self.items.with_untracked(|items| {
            items
                .iter()
                .filter_map(|i| i.envelope.as_ref().filter(|e| Edited::of(e) == Some(edited)).and_then(edit_version))
                .map(|v| v + 1)
                .fold(page_version, i32::max)
        })
    }

    /// This device's latest edit of `edited` not landed yet (waiting or refused): what its
    /// form shows rather than the older text the page has.
    pub fn latest_edit(&self, edited: Edited) -> Option<Envelope> {
        self.items.with_untracked(|items| {
            items
                .iter()
                .rev()
                .filter(|i| i.status != Status::Synced)
                .find_map(|i| i.envelope.clone().filter(|e| Edited::of(e) == Some(edited)))
        })
    }

    /// Drops a write for good.
    pub fn discard(&self, key: &str) {
        #[cfg(feature = "hydrate")]
        store::remove(key);
        self.items.update(|items| items.retain(|i| i.key != key));
    }

    /// Drops every write not yet sent (sign-out: "discard them").
    pub fn discard_unsent(&self) {
        let keys: Vec<String> =
            self.items.with_untracked(|items| items.iter().filter(|i| i.unsent()).map(|i| i.key.clone()).collect());
        for key in keys {
            self.discard(&key);
        }
    }

    /// Forgets landed writes that the page now shows fresh from the server (never from the
    /// device's copy, which may predate them): what they created, or the post whose figures
    /// they changed.
    ///
    /// A landed deletion shows as an absence: it is forgotten at once, with the landed writes
    /// about the post it deleted.
    pub fn forget_landed(&self, shown: &[Uuid]) {
        const DELETE: &str = <crate::circles::edit::DeletePost as super::writes::Command>::KIND;
        let deleted: Vec<Uuid> = self.items.with_untracked(|items| {
            items
                .iter()
                .filter(|i| i.status == Status::Synced)
                .filter_map(|i| i.envelope.as_ref().filter(|e| e.kind() == DELETE).and_then(Envelope::shown_with))
                .collect()
        });
        let on_screen = |id: Option<Uuid>| id.is_some_and(|id| shown.contains(&id) || deleted.contains(&id));
        let landed = |i: &Item| {
            i.status == Status::Synced
                && (on_screen(i.subject) || on_screen(i.envelope.as_ref().and_then(Envelope::shown_with)))
        };
        if self.items.with_untracked(|items| items.iter().any(landed)) {
            self.items.update(|items| items.retain(|i| !landed(i)));
        }
    }

    /// Changes the stored entry under `key`; `false` when the browser did not store it.
    fn update_stored(&self, key: &str, change: impl FnOnce(&mut Stored)) -> bool {
        #[cfg(feature = "hydrate")]
        if let Some(mut stored) = self.stored(key) {
            change(&mut stored);
            let kept = store::put(key, &stored).is_ok();
            self.reload();
            return kept;
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (key, change);
        false
    }

    /// Replays pending writes, in order, if no other tab is doing it.
    pub fn flush(&self) {
        #[cfg(feature = "hydrate")]
        {
            let this = *self;
            leptos::task::spawn_local(async move {
                this.replay(false).await;
            });
        }
    }

    /// Replays now and returns when done, waiting for another tab's replay to finish first
    /// (sign-out's "send them now"). Returns how many writes are still unsent.
    pub async fn flush_now(&self) -> usize {
        #[cfg(feature = "hydrate")]
        self.replay(true).await;
        self.items.with_untracked(|items| items.iter().filter(|i| i.unsent()).count())
    }
}

/// Whether `item` waits behind an earlier failed write of the same scope.
fn blocked(items: &[Item], item: &Item) -> bool {
    let Some(scope) = item.scope() else { return false };
    items
        .iter()
        .take_while(|i| i.key != item.key)
        // A write of another version's making holds nothing back: nothing can depend on it.
        .any(|i| matches!(&i.status, Status::Failed(e) if *e != AppError::Outdated) && i.scope() == Some(scope))
}

/// The next write to send: the first pending one that nothing failed holds back.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn next_to_send(items: &[Item]) -> Option<Item> {
    items.iter().find(|i| i.status == Status::Pending && i.envelope.is_some() && !blocked(items, i)).cloned()
}

#[cfg(feature = "hydrate")]
impl Outbox {
    /// The stored entry under `key`, if this version can read it.
    fn stored(&self, key: &str) -> Option<Stored> {
        let (person, _) = self.owner.get_untracked()?;
        store::load_all(person).into_iter().find_map(|l| match l {
            Loaded::Ready { key: k, stored } if k == key => Some(stored),
            _ => None,
        })
    }

    /// Reads the queue from storage again (another tab may have changed it), keeping the
    /// writes this tab saw land until the page shows them.
    fn reload(&self) {
        let Some((person, _)) = self.owner.get_untracked() else { return };
        let fresh: Vec<Item> = store::load_all(person).into_iter().map(Item::from_loaded).collect();
        let mut landed_elsewhere = false;
        self.items.update(|items| {
            let kept: Vec<Item> = items
                .iter()
                .filter(|i| i.status == Status::Synced && !fresh.iter().any(|f| f.key == i.key))
                .cloned()
                .collect();
            landed_elsewhere = fresh.iter().any(|f| {
                f.status == Status::Synced && items.iter().any(|i| i.key == f.key && i.status != Status::Synced)
            });
            let mut next = fresh;
            next.extend(kept);
            *items = next;
        });
        if landed_elsewhere {
            self.synced.update(|n| *n += 1);
        }
    }

    /// Shows the write under `key` as landed (once), and lets pages refetch.
    fn mark_landed(&self, key: &str, subject: Option<Uuid>, item: Option<&Item>) {
        let mut changed = false;
        self.items.update(|items| match items.iter_mut().find(|i| i.key == key) {
            Some(i) if i.status != Status::Synced => {
                i.status = Status::Synced;
                i.subject = subject;
                changed = true;
            }
            Some(_) => {}
            None => {
                if let Some(item) = item {
                    items.push(Item { status: Status::Synced, subject, ..item.clone() });
                    changed = true;
                }
            }
        });
        if changed {
            const ZONE: &str = <crate::identity::settings::SetTimeZone as super::writes::Command>::KIND;
            let of_me = self.items.with_untracked(|items| {
                items.iter().any(|i| i.key == key && i.envelope.as_ref().is_some_and(|e| e.kind() == ZONE))
            });
            if of_me {
                self.me_changed.update(|n| *n += 1);
            }
            self.synced.update(|n| *n += 1);
        }
    }

    /// Follows other tabs (storage events), the network coming back, and retries every 30 s.
    fn listen(&self) {
        if self.listening.get_value() {
            return;
        }
        self.listening.set_value(true);
        let this = *self;
        let on_online = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || this.flush());
        let on_storage =
            wasm_bindgen::closure::Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
                let Some((person, org)) = this.owner.get_untracked() else { return };
                let Some(key) = ev.key() else { return this.reload() };
                if super::cache::is_owner_key(&key) {
                    // Signed out, or someone else signed in, in another tab: this tab must not
                    // go on showing this person's pages and writes. The same person working in
                    // another organisation: this tab reloads into it.
                    let Some(w) = web_sys::window() else { return };
                    match super::cache::owner_in(ev.new_value().as_deref()) {
                        Some((p, o)) if p == person && o == org => {}
                        Some((p, _)) if p == person => {
                            let _ = w.location().reload();
                        }
                        _ => {
                            let _ = w.location().replace("/login");
                        }
                    }
                } else if store::is_queue_key(person, &key) {
                    // Another tab marks a write landed just before removing it: take it from the
                    // event, the key may already be gone.
                    let landed =
                        ev.new_value().and_then(|raw| serde_json::from_str::<Stored>(&raw).ok()).and_then(|s| s.landed);
                    if let Some(subject) = landed {
                        this.mark_landed(&key, subject, None);
                    }
                    this.reload();
                }
            });
        if let Some(w) = web_sys::window() {
            use wasm_bindgen::JsCast;
            let _ = w.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
            let _ = w.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
        }
        on_online.forget();
        on_storage.forget();
        let _ = set_interval_with_handle(move || this.flush(), std::time::Duration::from_secs(30));
    }

    async fn replay(&self, wait: bool) {
        let Some((person, _)) = self.owner.get_untracked() else { return };
        if self.replaying.get_value() {
            self.again.set_value(true);
            if !wait {
                return;
            }
        }
        self.replaying.set_value(true);
        let this = *self;
        let name = format!("apprenance-outbox-{person}");
        let ran = super::lock::with_lock(&name, wait, move || async move {
            loop {
                this.again.set_value(false);
                this.reload();
                let Some(item) = this.items.with_untracked(|items| next_to_send(items)) else { break };
                let Some(envelope) = item.envelope.clone() else { break };
                match super::send::send(&envelope).await {
                    super::send::Outcome::Landed(subject) => {
                        // Marked landed first, so other tabs see it land rather than vanish.
                        if let Some(mut stored) = this.stored(&item.key) {
                            stored.landed = Some(subject);
                            let _ = store::put(&item.key, &stored);
                        }
                        store::remove(&item.key);
                        this.slowed.set(None);
                        this.mark_landed(&item.key, subject, Some(&item));
                    }
                    super::send::Outcome::Refused(e) => {
                        // If the failure cannot be stored (storage full), stop rather than send
                        // the same write again at once: it stays pending until the next round.
                        if !this.update_stored(&item.key, |s| s.failed = Some(e)) {
                            break;
                        }
                    }
                    super::send::Outcome::SignIn => {
                        this.signed_out.set(true);
                        break;
                    }
                    super::send::Outcome::Later => {
                        if !this.again.get_value() {
                            break;
                        }
                    }
                    // Sent again at the next round (every 30 s), not at once.
                    super::send::Outcome::Slowed(e) => {
                        this.slowed.set(Some(e));
                        break;
                    }
                }
            }
        })
        .await;
        self.replaying.set_value(false);
        // Something asked for a replay while this one was ending: go again (it stops at the
        // first transient failure, so this does not spin offline).
        if !ran {
            // Another tab holds the lock and replays: nothing to go again on here.
            self.again.set_value(false);
        } else if self.again.get_value() && super::cache::online() {
            self.flush();
        }
    }
}

/// Whether `write` (as JSON: `kind`, `args`) is of `kind` and its arguments hold `ids` (a text
/// as a form posts it: a uuid, `true`).
fn is_about(write: &serde_json::Value, kind: &str, ids: &[(String, String)]) -> bool {
    write["kind"].as_str() == Some(kind)
        && ids.iter().all(|(name, value)| match &write["args"][name] {
            serde_json::Value::String(s) => s == value,
            serde_json::Value::Null => false,
            other => serde_json::from_str::<serde_json::Value>(value).ok().as_ref() == Some(other),
        })
}

/// A random (v4) UUID made by the device.
pub fn new_client_id() -> Uuid {
    #[cfg(feature = "hydrate")]
    {
        let mut bytes = [0u8; 16];
        let filled = web_sys::window()
            .and_then(|w| w.crypto().ok())
            .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
        if !filled {
            // Never the same id twice: without crypto, the clock and Math.random.
            for (i, b) in bytes.iter_mut().enumerate() {
                *b = ((js_sys::Math::random() * 256.0) as u8) ^ ((js_sys::Date::now() as u64 >> (i % 8 * 8)) as u8);
            }
        }
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
    #[cfg(all(not(feature = "hydrate"), feature = "ssr"))]
    {
        Uuid::new_v4()
    }
    #[cfg(all(not(feature = "hydrate"), not(feature = "ssr")))]
    {
        Uuid::nil()
    }
}

/// What an edit made on a version changes: refused as stale when another edit landed first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edited {
    Post(Uuid),
    /// A PLC's charter, by its circle.
    Charter(Uuid),
}

impl Edited {
    /// What `e` edits, if it is such an edit.
    pub fn of(e: &Envelope) -> Option<Edited> {
        use super::writes::Command;
        match e.kind() {
            k if k == crate::circles::edit::EditPost::KIND => e.shown_with().map(Edited::Post),
            k if k == crate::plc::charter::EditCharter::KIND => match e.scope()? {
                super::writes::Scope::Circle(id) => Some(Edited::Charter(id)),
                super::writes::Scope::Prompt(_) | super::writes::Scope::Own(_) => None,
            },
            _ => None,
        }
    }
}

/// The version an edit was made on (`args.version`).
fn edit_version(e: &Envelope) -> Option<i32> {
    e.write.get("args")?.get("version")?.as_i64().and_then(|v| i32::try_from(v).ok())
}

fn set_edit_version(e: &mut Envelope, version: i32) {
    if let Some(args) = e.write.get_mut("args").and_then(serde_json::Value::as_object_mut) {
        args.insert("version".into(), version.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::circles::api::AskQuestion;

    fn item(key: &str, circle: Uuid, status: Status) -> Item {
        let write = Write::AskQuestion(AskQuestion { circle_id: circle, body: key.into() });
        let envelope = Envelope::new(Uuid::new_v4(), Uuid::nil(), Uuid::nil(), &write);
        Item { key: key.into(), envelope: Some(envelope), text: key.into(), status, subject: None }
    }

    #[test]
    fn a_queued_write_is_known_by_its_kind_and_ids() {
        let (circle, post) = (Uuid::new_v4(), Uuid::new_v4());
        let edit = serde_json::to_value(Write::EditPost(crate::circles::edit::EditPost {
            circle_id: circle,
            post_id: post,
            version: 2,
            body: "b".into(),
            context: String::new(),
            outcome: String::new(),
            difficulty: String::new(),
            tags: String::new(),
        }))
        .expect("json");
        let ids = |list: &[(&str, String)]| list.iter().map(|(n, v)| ((*n).to_owned(), v.clone())).collect::<Vec<_>>();
        assert!(is_about(&edit, "edit_post", &[]));
        assert!(is_about(&edit, "edit_post", &ids(&[("post_id", post.to_string())])));
        assert!(is_about(&edit, "edit_post", &ids(&[("version", "2".into())])));
        assert!(!is_about(&edit, "edit_post", &ids(&[("post_id", Uuid::new_v4().to_string())])));
        assert!(!is_about(&edit, "edit_post", &ids(&[("proposal_id", post.to_string())])));
        assert!(!is_about(&edit, "ask_question", &[]));
    }

    #[test]
    fn a_failed_write_holds_back_later_ones_of_its_scope_only() {
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let items = vec![
            item("1", a, Status::Failed(AppError::Forbidden)),
            item("2", a, Status::Pending),
            item("3", b, Status::Pending),
        ];
        assert!(blocked(&items, &items[1]));
        assert!(!blocked(&items, &items[2]));
        assert_eq!(next_to_send(&items).map(|i| i.key), Some("3".to_owned()));
    }

    #[test]
    fn order_is_kept_after_a_retry() {
        let a = Uuid::new_v4();
        let items = vec![item("1", a, Status::Pending), item("2", a, Status::Pending)];
        assert_eq!(next_to_send(&items).map(|i| i.key), Some("1".to_owned()));
    }
}
