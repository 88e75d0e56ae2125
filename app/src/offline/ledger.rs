//! The idempotency ledger: every write is applied at most once per (organisation, person,
//! client id), whatever its kind, and a replay gets the first result back.
//!
//! The ledger row is inserted first, in the write's own transaction. A second request with the
//! same id (a replay after a lost answer, two tabs, a double submit) either finds the committed
//! row, or waits on the first transaction's uncommitted row (Postgres makes a conflicting insert
//! wait) and then finds it; if the first transaction failed, its row is gone and the second one
//! applies the write. A refused write (invalid, forbidden) leaves no row, so it can be fixed
//! and sent again.
use super::writes::{Command, Receipt};
use crate::error::AppError;
use crate::identity::session::Caller;
use serde::{de::DeserializeOwned, Serialize};
use sqlx::{PgConnection, PgPool};
use std::future::Future;
use uuid::Uuid;

/// What a kind of write does on the server.
pub trait Apply: Command + Send {
    /// Its result, stored in the ledger and returned on replays.
    type Output: Serialize + DeserializeOwned + Send;

    /// Checks access and input, then writes, all inside `tx` (the ledger's transaction). An
    /// error rolls everything back.
    fn apply(
        self,
        tx: &mut PgConnection,
        caller: Caller,
    ) -> impl Future<Output = Result<Self::Output, AppError>> + Send;

    /// What the write created or touched.
    fn subject(output: &Self::Output) -> Option<Uuid>;
}

/// Applies `write` once for `caller` under `client_id`.
pub async fn apply<C: Apply>(pool: &PgPool, caller: Caller, client_id: Uuid, write: C) -> Result<Receipt, AppError> {
    let args = serde_json::to_value(&write).map_err(|e| {
        tracing::error!(error = %e, kind = C::KIND, "write arguments do not serialise");
        AppError::Internal
    })?;
    let mut tx = pool.begin().await?;
    let fresh = sqlx::query!(
        "insert into write_ledger (org_id, person_id, client_id, kind, args) values ($1, $2, $3, $4, $5)
         on conflict do nothing",
        caller.org_id,
        caller.person_id,
        client_id,
        C::KIND,
        &args,
    )
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !fresh {
        let stored = sqlx::query!(
            "select kind, args, subject_id, result from write_ledger
             where org_id = $1 and person_id = $2 and client_id = $3",
            caller.org_id,
            caller.person_id,
            client_id,
        )
        .fetch_one(&mut *tx)
        .await?;
        let (kind, stored_args, subject_id, result) = (stored.kind, stored.args, stored.subject_id, stored.result);
        tx.commit().await?;
        // The same id with another kind or other arguments is another write, not a replay.
        if kind != C::KIND || stored_args.is_some_and(|a| a != args) {
            return Err(AppError::Conflict);
        }
        let result = result.unwrap_or(serde_json::Value::Null);
        return Ok(Receipt { client_id, kind, subject_id, result, replayed: true });
    }
    let output = write.apply(&mut tx, caller).await?;
    let subject_id = C::subject(&output);
    let result = serde_json::to_value(&output).map_err(|e| {
        tracing::error!(error = %e, kind = C::KIND, "write result does not serialise");
        AppError::Internal
    })?;
    sqlx::query!(
        "update write_ledger set subject_id = $4, result = $5
         where org_id = $1 and person_id = $2 and client_id = $3",
        caller.org_id,
        caller.person_id,
        client_id,
        subject_id,
        &result,
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Receipt { client_id, kind: C::KIND.to_owned(), subject_id, result, replayed: false })
}

/// How long a write's ledger row is kept: a device that replays a write later than this (it
/// was offline for half a year) would apply it again.
pub const KEEP_DAYS: i32 = 180;

/// Deletes ledger rows older than [`KEEP_DAYS`] (run by the server's background task).
pub async fn purge(db: impl sqlx::PgExecutor<'_>) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from write_ledger where applied_at < now() - make_interval(days => $1)", KEEP_DAYS)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}
