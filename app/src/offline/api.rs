//! The sync engine's one endpoint: every queued write, of every kind, is posted here.
use super::writes::{Envelope, Receipt};
use crate::error::AppError;
use crate::json::Answer;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Applies a queued write once for the person and organisation it was made for. JSON in and
/// out; the browser's queue reads the HTTP status to tell a refusal (4xx: failed, with the
/// reason) from a fault (5xx, network: kept pending) and an ended session (401: kept, sign in).
#[server(endpoint = "sync", input = Json, output = Answer)]
pub async fn sync_write(envelope: Envelope) -> Result<Receipt, AppError> {
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(envelope.person_id, envelope.org_id).await?;
        envelope.decode()?.apply(&req.pool, caller, envelope.client_id).await
    })
    .await
}
