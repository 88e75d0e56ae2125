//! Background upkeep: expired sessions, old sign-in counters and ledger rows past their keeping
//! time are deleted regularly, so the tables stay the size of current use.
use sqlx::PgPool;
use std::time::Duration;
use tower_sessions::ExpiredDeletion;
use tower_sessions_sqlx_store::PostgresStore;

/// Every `every`, deletes expired sessions and sign-in counters whose window ended a day ago.
/// A failed round (Postgres down) is logged and tried again next time.
pub fn spawn_purge(pool: PgPool, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let store = PostgresStore::new(pool.clone());
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            if let Err(e) = purge_once(&pool, &store).await {
                tracing::warn!(error = %e, "purge failed; will try again");
            }
        }
    })
}

/// One round of the purge.
pub async fn purge_once(pool: &PgPool, store: &PostgresStore) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    store.delete_expired().await?;
    let counters = app::identity::model::purge_attempts(pool).await?;
    let writes = app::offline::ledger::purge(pool).await?;
    tracing::debug!(counters, writes, "purged sign-in counters, old ledger rows and expired sessions");
    Ok(())
}
