//! Every kind of write a person makes, as one enum the browser queues and the server applies.
//!
//! A write travels in an [`Envelope`]: the client id the device made for it, and the person and
//! organisation it was made for. The server refuses an envelope for anyone but the signed-in
//! person, applies it in the envelope's organisation (so a write queued before switching
//! organisation still lands where it was made), and records it in the idempotency ledger in the
//! same transaction (`offline::ledger`), so a replay returns the first [`Receipt`].
//!
//! Adding a kind of write: a type that implements [`Command`] (what it is, where it shows) and,
//! on the server, `ledger::Apply` (what it does), then one line in the `writes!` list below.
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use uuid::Uuid;

/// Where a write shows while it waits, and what it is ordered behind: a later write waits while
/// an earlier one of the same scope has failed (a reply waits for its question).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    Circle(Uuid),
}

/// What every kind of write says about itself, on both sides.
pub trait Command: Serialize + DeserializeOwned + Clone + PartialEq {
    /// Its stable name: on the wire (`kind`), in the ledger, in the browser's queue.
    const KIND: &'static str;
    /// The text a person recognises it by while it waits.
    fn summary(&self) -> String;
    /// Where it belongs.
    fn scope(&self) -> Scope;
    /// The post whose figures show it once it has landed (a reply: its question's count of
    /// replies), besides what it created.
    fn shown_with(&self) -> Option<Uuid> {
        None
    }
}

/// One write as queued and sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// Made by the device: the same id is the same write, however often it is sent.
    pub client_id: Uuid,
    /// The person and organisation it was made for; the server refuses it for anyone else.
    pub person_id: Uuid,
    pub org_id: Uuid,
    pub write: Write,
}

/// What the server answers for an applied write, the first time and on every replay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    pub client_id: Uuid,
    pub kind: String,
    /// What the write created or touched (the new post, ...), to match it on screen.
    pub subject_id: Option<Uuid>,
    /// The handler's result as first returned (`null` for writes older than the ledger).
    pub result: serde_json::Value,
    /// `true` when this client id had been applied before and nothing was done now.
    pub replayed: bool,
}

macro_rules! writes {
    ($($variant:ident($ty:ty)),+ $(,)?) => {
        /// Every kind of write. Serialised as `{"kind": "...", "args": {...}}`.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(tag = "kind", content = "args", rename_all = "snake_case")]
        pub enum Write {
            $($variant($ty)),+
        }

        impl Write {
            /// Every kind's stable name.
            pub const KINDS: &[&str] = &[$(<$ty as Command>::KIND),+];

            /// The kind's stable name.
            pub fn kind(&self) -> &'static str {
                match self { $(Write::$variant(_) => <$ty as Command>::KIND),+ }
            }

            /// The text a person recognises it by.
            pub fn summary(&self) -> String {
                match self { $(Write::$variant(w) => w.summary()),+ }
            }

            /// Where it belongs.
            pub fn scope(&self) -> Scope {
                match self { $(Write::$variant(w) => w.scope()),+ }
            }

            /// See [`Command::shown_with`].
            pub fn shown_with(&self) -> Option<Uuid> {
                match self { $(Write::$variant(w) => w.shown_with()),+ }
            }

            /// Applies it once for `caller` (see `ledger::apply`).
            #[cfg(feature = "ssr")]
            pub async fn apply(
                self,
                pool: &sqlx::PgPool,
                caller: crate::identity::session::Caller,
                client_id: Uuid,
            ) -> Result<Receipt, crate::error::AppError> {
                match self { $(Write::$variant(w) => super::ledger::apply(pool, caller, client_id, w).await),+ }
            }
        }
    };
}

writes! {
    AskQuestion(crate::circles::api::AskQuestion),
    Reply(crate::circles::api::Reply),
    React(crate::circles::api::React),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::circles::api::AskQuestion;

    #[test]
    fn the_wire_name_is_the_ledger_name() {
        let w = Write::AskQuestion(AskQuestion { circle_id: Uuid::nil(), body: "Q".into() });
        let json = serde_json::to_value(&w).expect("serialise");
        assert_eq!(json["kind"], w.kind());
        assert_eq!(serde_json::from_value::<Write>(json).expect("decode"), w);
    }
}
