//! The outbox: writes made on this device wait here, in order, until the server has them.
//!
//! Each write gets a UUID made on the device and a per-device sequence number. It is shown at
//! once as pending, kept in `localStorage` (it survives a reload and a browser restart), and
//! replayed in sequence order at start-up, when the network comes back, after each new write
//! and every 30 s while something waits. The server applies each UUID once, so a replay after
//! a lost answer cannot duplicate anything. A write the server refuses turns failed, with the
//! reason, and can be retried or discarded; a transient fault (offline, database down) leaves
//! it pending and stops the replay so that order is kept.
//!
//! New kinds of write plug in as variants of [`Write`].
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A write that can wait for the network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Write {
    AskQuestion { circle_id: Uuid, body: String },
}

impl Write {
    /// The circle the write belongs to, to show it there while it waits.
    pub fn circle_id(&self) -> Option<Uuid> {
        match self {
            Write::AskQuestion { circle_id, .. } => Some(*circle_id),
        }
    }

    /// The text to show for it.
    pub fn summary(&self) -> &str {
        match self {
            Write::AskQuestion { body, .. } => body,
        }
    }

    #[cfg(feature = "hydrate")]
    async fn send(&self, client_id: Uuid) -> Result<(), AppError> {
        match self.clone() {
            Write::AskQuestion { circle_id, body } => {
                crate::api::circles::ask_question(circle_id, client_id, body).await.map(|_| ())
            }
        }
    }
}

/// Where a write stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Pending,
    Synced,
    Failed(AppError),
}

/// One queued write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: Uuid,
    pub seq: u64,
    pub write: Write,
    pub status: Status,
}

/// The outbox of the signed-in person on this device, provided as context by the layout.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub struct Outbox {
    items: RwSignal<Vec<Item>>,
    owner: RwSignal<Option<Uuid>>,
    flushing: StoredValue<bool>,
    again: StoredValue<bool>,
    synced: RwSignal<u32>,
}

#[cfg(feature = "hydrate")]
const SEQ_KEY: &str = "apprenance:v1:outbox-seq";

impl Outbox {
    /// Creates the outbox and provides it to the components below.
    pub fn provide() -> Outbox {
        let outbox = Outbox {
            items: RwSignal::new(Vec::new()),
            owner: RwSignal::new(None),
            flushing: StoredValue::new(false),
            again: StoredValue::new(false),
            synced: RwSignal::new(0),
        };
        provide_context(outbox);
        outbox
    }

    /// The outbox provided by the layout.
    pub fn use_outbox() -> Outbox {
        expect_context::<Outbox>()
    }

    /// Every write, in sequence order.
    pub fn items(&self) -> Vec<Item> {
        self.items.get()
    }

    /// Counts writes the server accepted: pages refetch when it changes.
    pub fn synced_count(&self) -> u32 {
        self.synced.get()
    }

    /// Loads the person's queued writes and starts replaying them (browser only; call it from
    /// an effect once the person is known).
    pub fn attach(&self, person_id: Uuid) {
        if self.owner.get_untracked() == Some(person_id) {
            return;
        }
        self.owner.set(Some(person_id));
        #[cfg(feature = "hydrate")]
        {
            use gloo_storage::Storage;
            let mut items: Vec<Item> = gloo_storage::LocalStorage::get(storage_key(person_id)).unwrap_or_default();
            items.sort_by_key(|i| i.seq);
            self.items.set(items);
            let this = *self;
            let on_online = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || this.flush());
            if let Some(w) = web_sys::window() {
                let _ = w.add_event_listener_with_callback(
                    "online",
                    wasm_bindgen::JsCast::unchecked_ref(on_online.as_ref()),
                );
            }
            on_online.forget();
            let _ = set_interval_with_handle(move || this.flush(), std::time::Duration::from_secs(30));
            self.flush();
        }
    }

    /// Queues a write, shows it as pending and tries to send it.
    pub fn enqueue(&self, write: Write) {
        let item = Item { id: new_client_id(), seq: next_seq(), write, status: Status::Pending };
        self.items.update(|items| items.push(item));
        self.persist();
        self.flush();
    }

    /// Puts a failed write back in the queue.
    pub fn retry(&self, id: Uuid) {
        self.set_status(id, Status::Pending);
        self.flush();
    }

    /// Drops a write for good.
    pub fn discard(&self, id: Uuid) {
        self.items.update(|items| items.retain(|i| i.id != id));
        self.persist();
    }

    /// Forgets synced writes that the page now shows from the server.
    pub fn forget_landed(&self, landed: &[Uuid]) {
        let before = self.items.with_untracked(Vec::len);
        self.items.update(|items| items.retain(|i| !(i.status == Status::Synced && landed.contains(&i.id))));
        if self.items.with_untracked(Vec::len) != before {
            self.persist();
        }
    }

    fn set_status(&self, id: Uuid, status: Status) {
        self.items.update(|items| {
            if let Some(i) = items.iter_mut().find(|i| i.id == id) {
                i.status = status;
            }
        });
        self.persist();
    }

    fn persist(&self) {
        #[cfg(feature = "hydrate")]
        if let Some(person) = self.owner.get_untracked() {
            use gloo_storage::Storage;
            let items = self.items.get_untracked();
            let _ = gloo_storage::LocalStorage::set(storage_key(person), items);
        }
    }

    /// Replays pending writes in sequence order, one at a time.
    pub fn flush(&self) {
        #[cfg(feature = "hydrate")]
        {
            if self.owner.get_untracked().is_none() {
                return;
            }
            if self.flushing.get_value() {
                self.again.set_value(true);
                return;
            }
            self.flushing.set_value(true);
            let this = *self;
            leptos::task::spawn_local(async move {
                loop {
                    this.again.set_value(false);
                    let next = this.items.with_untracked(|items| {
                        items.iter().filter(|i| i.status == Status::Pending).min_by_key(|i| i.seq).cloned()
                    });
                    let Some(item) = next else { break };
                    match item.write.send(item.id).await {
                        Ok(()) => {
                            this.set_status(item.id, Status::Synced);
                            this.synced.update(|n| *n += 1);
                        }
                        Err(e) if e.is_transient() => {
                            if !this.again.get_value() {
                                break;
                            }
                        }
                        Err(e) => this.set_status(item.id, Status::Failed(e)),
                    }
                }
                this.flushing.set_value(false);
            });
        }
    }
}

#[cfg(feature = "hydrate")]
fn storage_key(person: Uuid) -> String {
    format!("apprenance:v1:outbox:{person}")
}

/// The next sequence number of this device.
fn next_seq() -> u64 {
    #[cfg(feature = "hydrate")]
    {
        use gloo_storage::Storage;
        let next = gloo_storage::LocalStorage::get::<u64>(SEQ_KEY).unwrap_or(0) + 1;
        let _ = gloo_storage::LocalStorage::set(SEQ_KEY, next);
        next
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0
    }
}

/// A random (v4) UUID made by the device.
pub fn new_client_id() -> Uuid {
    #[cfg(feature = "hydrate")]
    {
        let mut bytes = [0u8; 16];
        if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
            let _ = crypto.get_random_values_with_u8_array(&mut bytes);
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
