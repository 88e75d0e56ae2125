//! Notifications: a person's list and unread count, and marking them read (a write of the sync
//! engine, with a plain-form endpoint that then opens what the notification is about). They
//! are made with the activity events that owe them (`activity::record`), nowhere else.
use crate::error::AppError;
use crate::json::Answer;
use crate::notifications::model::NoticesPage;
#[cfg(feature = "ssr")]
use crate::offline::writes::Write;
use crate::offline::writes::{Command, Receipt};
use crate::ui::time::UnixMs;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Marks the caller's notification `notification_id` read; without one, every notification of
/// theirs shown at `up_to` or before (what their list showed when they asked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadNotifications {
    pub notification_id: Option<Uuid>,
    pub up_to: UnixMs,
}

impl Command for ReadNotifications {
    const KIND: &'static str = "read_notifications";
}

#[cfg(feature = "ssr")]
pub use queries::*;

#[cfg(feature = "ssr")]
mod queries {
    use super::*;
    use crate::access::{allows, Action, Standing};
    use crate::identity::session::Caller;
    use crate::network::model::Decision;
    use crate::notifications::model::{decision_of, snippet, Notice, NoticeKind, SHOWN};
    use crate::offline::ledger::Apply;
    use crate::ui::time::unix_ms;
    use sqlx::{PgConnection, PgExecutor, PgPool};

    /// How many words of a post or title a notification quotes.
    const SNIPPET_CHARS: usize = 120;

    /// Refuses a notification that is not the caller's: `NotFound` outside their organisation,
    /// `Forbidden` when it is someone else's. Its (kind, circle, target) when it is theirs.
    async fn own(db: impl PgExecutor<'_>, caller: Caller, id: Uuid) -> Result<(String, Uuid, Uuid), AppError> {
        let row = sqlx::query!(
            "select person_id, kind, circle_id, target_id from notifications where org_id = $1 and id = $2",
            caller.org_id,
            id,
        )
        .fetch_optional(db)
        .await?
        .ok_or(AppError::NotFound)?;
        let standing = Standing { recipient: row.person_id == caller.person_id, ..Standing::default() };
        if !allows(caller.role, standing, Action::ReadNotifications) {
            return Err(AppError::Forbidden);
        }
        Ok((row.kind, row.circle_id, row.target_id))
    }

    impl Apply for ReadNotifications {
        /// How many it marked read now (0 when they were already).
        type Output = u64;

        async fn apply(self, tx: &mut PgConnection, caller: Caller) -> Result<u64, AppError> {
            if let Some(id) = self.notification_id {
                own(&mut *tx, caller, id).await?;
            }
            let up_to = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.up_to) * 1_000_000)
                .map_err(|_| AppError::BadRequest)?;
            // Only the caller's own (`Action::ReadNotifications` is the recipient's), and only
            // what they are shown (not what is hidden: a session they will not go to, ...).
            // `up_to` is in milliseconds, as the list showed it: the newest is not missed by its µs.
            let done = sqlx::query!(
                "update notifications set read_at = now()
                 where org_id = $1
                   and id in (select id from shown_notifications
                              where org_id = $1 and person_id = $2 and read_at is null
                                and case when $3::uuid is null then date_trunc('milliseconds', due_at) <= $4
                                         else id = $3 end)",
                caller.org_id,
                caller.person_id,
                self.notification_id,
                up_to,
            )
            .execute(&mut *tx)
            .await?;
            Ok(done.rows_affected())
        }

        fn subject(_: &u64) -> Option<Uuid> {
            None
        }
    }

    /// Whether the caller may read their own notifications (the policy's rule, as for one).
    pub fn own_list(caller: Caller) -> Result<(), AppError> {
        let standing = Standing { recipient: true, ..Standing::default() };
        if allows(caller.role, standing, Action::ReadNotifications) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The caller's newest notifications and their unread count, in one query.
    pub async fn page(pool: &PgPool, caller: Caller) -> Result<NoticesPage, AppError> {
        let rows = sqlx::query!(
            r#"select n.id as "id!", n.kind as "kind!", n.circle_id as "circle_id!", c.name as circle_name,
                      n.target_id as "target_id!", a.display_name as "actor?",
                      coalesce(p.body, s.title, pr.title) as snippet, e.kind as event_kind,
                      s.starts_at as "starts_at?", n.due_at as "due_at!", n.read_at is not null as "read!",
                      count(*) filter (where n.read_at is null) over () as "unread!"
               from shown_notifications n
               join circles c on c.org_id = n.org_id and c.id = n.circle_id
               join activity_events e on e.org_id = n.org_id and e.id = n.event_id
               left join people a on a.id = n.actor_id
               left join posts p on p.org_id = n.org_id and p.id = n.target_id and p.deleted_at is null
               left join live_sessions s on s.org_id = n.org_id and s.id = n.target_id
               left join network_proposals pr on pr.org_id = n.org_id and pr.id = n.target_id
               where n.org_id = $1 and n.person_id = $2
               order by n.due_at desc, n.id
               limit $3"#,
            caller.org_id,
            caller.person_id,
            SHOWN,
        )
        .fetch_all(pool)
        .await?;
        let unread = rows.first().map_or(0, |r| r.unread);
        let notices = rows
            .into_iter()
            .filter_map(|r| {
                let kind = NoticeKind::from_db(&r.kind)?;
                let decision: Option<Decision> = decision_of(&r.event_kind);
                Some(Notice {
                    id: r.id,
                    kind,
                    circle_id: r.circle_id,
                    circle_name: r.circle_name,
                    target_id: r.target_id,
                    actor: r.actor,
                    snippet: r.snippet.map(|s| snippet(&s, SNIPPET_CHARS)),
                    decision,
                    starts_at: r.starts_at.map(unix_ms),
                    at: unix_ms(r.due_at),
                    read: r.read,
                })
            })
            .collect();
        Ok(NoticesPage { notices, unread })
    }

    /// How many of the caller's notifications are unread.
    pub async fn unread(db: impl PgExecutor<'_>, caller: Caller) -> Result<i64, AppError> {
        let count = sqlx::query_scalar!(
            r#"select count(*) as "count!" from shown_notifications
               where org_id = $1 and person_id = $2 and read_at is null"#,
            caller.org_id,
            caller.person_id,
        )
        .fetch_one(db)
        .await?;
        Ok(count)
    }

    /// Where the caller's notification `id` leads.
    pub async fn href_of(db: impl PgExecutor<'_>, caller: Caller, id: Uuid) -> Result<String, AppError> {
        let (kind, circle_id, target_id) = own(db, caller, id).await?;
        let kind = NoticeKind::from_db(&kind).ok_or(AppError::Internal)?;
        let notice = Notice {
            id,
            kind,
            circle_id,
            circle_name: String::new(),
            target_id,
            actor: None,
            snippet: None,
            decision: None,
            starts_at: None,
            at: 0,
            read: true,
        };
        Ok(notice.href())
    }
}

/// The caller's notifications.
#[server(endpoint = "notifications", input = GetUrl, output = Answer)]
pub async fn get_notifications() -> Result<NoticesPage, AppError> {
    crate::identity::session::respond(|req| async move {
        let me = req.caller().await?;
        own_list(me)?;
        page(&req.pool, me).await
    })
    .await
}

/// How many of the caller's notifications are unread (the navigation's count).
#[server(endpoint = "unread", input = GetUrl, output = Answer)]
pub async fn get_unread() -> Result<i64, AppError> {
    crate::identity::session::respond(|req| async move {
        let me = req.caller().await?;
        own_list(me)?;
        unread(&req.pool, me).await
    })
    .await
}

/// A notification opened without JavaScript: marked read, then what it is about opens (the
/// list again when all were marked read).
#[server(endpoint = "read_notifications", output = Answer)]
pub async fn post_read_notifications(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    #[server(default)] notification_id: Option<Uuid>,
    up_to: UnixMs,
) -> Result<Receipt, AppError> {
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        let receipt = Write::ReadNotifications(ReadNotifications { notification_id, up_to })
            .apply(&req.pool, caller, client_id)
            .await?;
        if let Some(id) = notification_id {
            leptos_axum::redirect(&href_of(&req.pool, caller, id).await?);
        }
        Ok(receipt)
    })
    .await
}

/// The notifications page.
pub const NOTIFICATIONS_HREF: &str = "/notifications";
