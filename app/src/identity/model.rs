//! People, organisations and memberships: who is signed in, in which organisation, with which
//! role.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A person's role in one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Member,
    Lead,
    Animator,
    Admin,
}

impl Role {
    /// Parses the value stored in `memberships.role`.
    pub fn from_db(s: &str) -> Option<Role> {
        match s {
            "member" => Some(Role::Member),
            "lead" => Some(Role::Lead),
            "animator" => Some(Role::Animator),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// An organisation the signed-in person belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgChoice {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
}

/// The signed-in person in their current organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub person_id: Uuid,
    pub display_name: String,
    pub org_id: Uuid,
    pub org_name: String,
    pub role: Role,
    /// Every organisation they belong to, for the switcher.
    pub orgs: Vec<OrgChoice>,
    /// The IANA time zone their times are shown in: theirs, else their organisation's (empty
    /// in copies kept before it existed: the default zone then).
    #[serde(default)]
    pub time_zone: String,
    /// How many of their notifications in this organisation are unread (the navigation's count
    /// when the page was made; it follows `notifications::api::get_unread` after).
    #[serde(default)]
    pub unread: i64,
}

/// The account row needed to check a password.
#[cfg(feature = "ssr")]
#[derive(Debug)]
pub struct Account {
    pub id: Uuid,
    pub password_hash: String,
}

#[cfg(feature = "ssr")]
pub use queries::*;

#[cfg(feature = "ssr")]
mod queries {
    use super::*;
    use crate::identity::sign_in_limits::{Counted, WINDOW_MINUTES};
    use sqlx::PgExecutor;

    /// The account with this e-mail (compared case-insensitively), if any.
    pub async fn find_account(db: impl PgExecutor<'_>, email: &str) -> sqlx::Result<Option<Account>> {
        sqlx::query_as!(Account, "select id, password_hash from people where lower(email) = lower($1)", email)
            .fetch_optional(db)
            .await
    }

    /// Every organisation the person belongs to, by name.
    pub async fn orgs_of(db: impl PgExecutor<'_>, person_id: Uuid) -> sqlx::Result<Vec<OrgChoice>> {
        let rows = sqlx::query!(
            "select o.id, o.name, m.role from memberships m join organisations o on o.id = m.org_id
             where m.person_id = $1 order by o.name",
            person_id,
        )
        .fetch_all(db)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| Role::from_db(&r.role).map(|role| OrgChoice { id: r.id, name: r.name, role }))
            .collect())
    }

    /// The person as a member of `org_id`, or `None` when they are not (or no longer) one: one
    /// query for their name, role, every organisation they belong to, and their unread
    /// notifications.
    pub async fn me_in(db: impl PgExecutor<'_>, person_id: Uuid, org_id: Uuid) -> sqlx::Result<Option<Me>> {
        let rows = sqlx::query!(
            r#"select p.display_name, o.id, o.name, m.role, coalesce(p.time_zone, o.time_zone) as "time_zone!",
                    (select count(*) from shown_notifications n
                     where n.org_id = o.id and n.person_id = p.id and n.read_at is null
                       and o.id = $2) as "unread!"
             from people p
             join memberships m on m.person_id = p.id
             join organisations o on o.id = m.org_id
             where p.id = $1 order by o.name"#,
            person_id,
            org_id,
        )
        .fetch_all(db)
        .await?;
        let Some(display_name) = rows.first().map(|r| r.display_name.clone()) else { return Ok(None) };
        let current = rows.iter().find(|r| r.id == org_id);
        let time_zone = current.map(|r| r.time_zone.clone()).unwrap_or_default();
        let unread = current.map_or(0, |r| r.unread);
        let orgs: Vec<OrgChoice> = rows
            .into_iter()
            .filter_map(|r| Role::from_db(&r.role).map(|role| OrgChoice { id: r.id, name: r.name, role }))
            .collect();
        let Some(current) = orgs.iter().find(|o| o.id == org_id).cloned() else { return Ok(None) };
        Ok(Some(Me {
            person_id,
            display_name,
            org_id,
            org_name: current.name,
            role: current.role,
            orgs,
            time_zone,
            unread,
        }))
    }

    /// The person's role in the organisation, if they are a member of it.
    pub async fn role_in(db: impl PgExecutor<'_>, person_id: Uuid, org_id: Uuid) -> sqlx::Result<Option<Role>> {
        let role =
            sqlx::query_scalar!("select role from memberships where org_id = $1 and person_id = $2", org_id, person_id)
                .fetch_optional(db)
                .await?;
        Ok(role.and_then(|r| Role::from_db(&r)))
    }

    /// Counts one sign-in attempt for the (e-mail, address) pair and for the address, and
    /// returns both counters as they are now: one statement, so parallel attempts each see
    /// their own count. A counter whose window has passed starts again at 1.
    pub async fn count_attempt(
        db: impl PgExecutor<'_>,
        email: &str,
        address: &str,
    ) -> sqlx::Result<(Counted, Counted)> {
        let (pair_key, address_key) = attempt_keys(email, address);
        let rows = sqlx::query!(
            r#"insert into sign_in_counters as c (key, window_start, attempts)
             values ($1, now(), 1), ($2, now(), 1)
             on conflict (key) do update set
               attempts = case when c.window_start <= now() - make_interval(mins => $3) then 1
                               else c.attempts + 1 end,
               window_start = case when c.window_start <= now() - make_interval(mins => $3) then now()
                                   else c.window_start end
             returning key, attempts, extract(epoch from now() - window_start)::float8 / 60 as "minutes_ago!""#,
            pair_key,
            address_key,
            i32::try_from(WINDOW_MINUTES).unwrap_or(15),
        )
        .fetch_all(db)
        .await?;
        let counted = |key: &str| {
            rows.iter()
                .find(|r| r.key == key)
                .map(|r| Counted {
                    attempts: i64::from(r.attempts),
                    minutes_ago: r.minutes_ago.max(0.0).floor() as u32,
                })
                .unwrap_or(Counted { attempts: 0, minutes_ago: 0 })
        };
        Ok((counted(&pair_key), counted(&address_key)))
    }

    /// Gives a successful sign-in's attempt back: the pair starts afresh, the address counter
    /// drops by one (a busy office signing in does not use up its address's allowance).
    pub async fn release_attempt(db: impl PgExecutor<'_>, email: &str, address: &str) -> sqlx::Result<()> {
        let (pair_key, address_key) = attempt_keys(email, address);
        sqlx::query!(
            "with gone as (delete from sign_in_counters where key = $1)
             update sign_in_counters set attempts = greatest(attempts - 1, 0) where key = $2",
            pair_key,
            address_key,
        )
        .execute(db)
        .await?;
        Ok(())
    }

    /// Deletes counters whose window ended long ago (run by the server's background task).
    pub async fn purge_attempts(db: impl PgExecutor<'_>) -> sqlx::Result<u64> {
        let done = sqlx::query!("delete from sign_in_counters where window_start < now() - interval '1 day'")
            .execute(db)
            .await?;
        Ok(done.rows_affected())
    }

    fn attempt_keys(email: &str, address: &str) -> (String, String) {
        (format!("pair:{}|{address}", email.to_lowercase()), format!("address:{address}"))
    }
}
