//! Running circles, for the animators: create a circle (name, purpose, kind), choose its members
//! with a people picker that searches names, archive it and reopen it. Each is a write of the
//! sync engine, with a plain-form endpoint for pages used without JavaScript. The pages are in
//! `admin_page`.
// The plain-form endpoints take one argument per field of their form (the `server` macro
// repeats them in code an item's `allow` does not reach).
#![allow(clippy::too_many_arguments)]
use crate::circles::model::CircleKind;
use crate::error::AppError;
use crate::json::Answer;
use crate::offline::writes::{Command, Receipt};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest circle name, in characters (the database checks the same).
pub const MAX_NAME_CHARS: usize = 120;
/// Longest purpose, in characters (the database checks the same).
pub const MAX_PURPOSE_CHARS: usize = 2000;
/// The size the app recommends for a circle: small enough that everyone speaks (sources).
pub const ADVISED_MEMBERS: std::ops::RangeInclusive<i64> = 3..=12;
/// People the picker lists for one search, at most.
pub const MAX_FOUND: i64 = 20;
/// Characters a search needs before it runs.
pub const MIN_QUERY_CHARS: usize = 2;

/// The three kinds of PLC (seed 004).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlcType {
    WorkTeam,
    Topic,
    Department,
}

impl PlcType {
    pub const ALL: [PlcType; 3] = [PlcType::WorkTeam, PlcType::Topic, PlcType::Department];

    /// The value stored in `circles.plc_type`, and sent by the form.
    pub fn as_db(self) -> &'static str {
        match self {
            PlcType::WorkTeam => "work_team",
            PlcType::Topic => "topic",
            PlcType::Department => "department",
        }
    }

    pub fn from_db(s: &str) -> Option<PlcType> {
        PlcType::ALL.into_iter().find(|t| t.as_db() == s)
    }
}

impl CircleKind {
    pub const ALL: [CircleKind; 3] = [CircleKind::Peer, CircleKind::Network, CircleKind::Plc];

    /// The value stored in `circles.kind`, and sent by the form.
    pub fn as_db(self) -> &'static str {
        match self {
            CircleKind::Peer => "peer",
            CircleKind::Network => "network",
            CircleKind::Plc => "plc",
        }
    }
}

/// A circle as the animators run it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedCircle {
    pub id: Uuid,
    pub name: String,
    pub kind: CircleKind,
    pub plc_type: Option<PlcType>,
    pub purpose: String,
    pub member_count: i64,
    pub archived: bool,
}

/// Someone of the organisation, as the picker and the member list show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: Uuid,
    pub name: String,
    /// Their teams' names, joined ("" when in none).
    pub teams: String,
}

/// Someone the picker found, and whether they are in the circle already.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub person: Person,
    pub member: bool,
}

/// A circle's members page: the circle, its members by name, and whom the search found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CircleMembers {
    pub circle: ManagedCircle,
    pub members: Vec<Person>,
    /// The search as run (trimmed); empty when none ran.
    pub query: String,
    pub found: Vec<Candidate>,
}

/// A new circle: a write of the sync engine. Its id is made on the device, so the circle can be
/// linked to before it lands, and a replay finds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateCircle {
    pub circle_id: Uuid,
    pub name: String,
    pub purpose: String,
    pub kind: CircleKind,
    /// For a PLC only.
    pub plc_type: Option<PlcType>,
}

impl Command for CreateCircle {
    const KIND: &'static str = "create_circle";
}

/// Someone added to a circle (`member`) or taken out of it: a write of the sync engine. It
/// states the wanted state, so a replay never undoes a later change. `name` is theirs, for the
/// outbox to show while it waits (the server goes by `person_id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetCircleMember {
    pub circle_id: Uuid,
    pub person_id: Uuid,
    pub member: bool,
    pub name: String,
}

impl Command for SetCircleMember {
    const KIND: &'static str = "set_circle_member";
}

/// A circle archived (`archived`) or reopened: a write of the sync engine, stating the wanted
/// state. `name` is the circle's, for the outbox to show while it waits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveCircle {
    pub circle_id: Uuid,
    pub archived: bool,
    pub name: String,
}

impl Command for ArchiveCircle {
    const KIND: &'static str = "archive_circle";
}

/// The animators only: whoever else asks learns nothing.
#[cfg(feature = "ssr")]
fn may_manage(caller: crate::identity::session::Caller) -> Result<(), AppError> {
    use crate::access::{allows, Action, Standing};
    if allows(caller.role, Standing::default(), Action::ManageCircles) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[cfg(feature = "ssr")]
impl crate::offline::ledger::Apply for CreateCircle {
    type Output = ManagedCircle;

    async fn apply(
        self,
        tx: &mut sqlx::PgConnection,
        caller: crate::identity::session::Caller,
    ) -> Result<Self::Output, AppError> {
        use crate::error::Field;
        use crate::ui::text;
        may_manage(caller)?;
        let name = text::required(Field::CircleName, &self.name, MAX_NAME_CHARS)?;
        let purpose = text::optional(Field::Purpose, &self.purpose, MAX_PURPOSE_CHARS)?;
        // A PLC is of one of three types; no other circle has one.
        let plc_type = match (self.kind, self.plc_type) {
            (CircleKind::Plc, None) => return Err(AppError::BadRequest),
            (CircleKind::Plc, some) => some,
            (_, _) => None,
        };
        let new = NewCircle { id: self.circle_id, name: &name, purpose: &purpose, kind: self.kind, plc_type };
        create(tx, caller, new).await
    }

    fn subject(output: &Self::Output) -> Option<Uuid> {
        Some(output.id)
    }
}

#[cfg(feature = "ssr")]
impl crate::offline::ledger::Apply for SetCircleMember {
    /// The circle: the page that lists it shows the change.
    type Output = Uuid;

    async fn apply(
        self,
        tx: &mut sqlx::PgConnection,
        caller: crate::identity::session::Caller,
    ) -> Result<Self::Output, AppError> {
        may_manage(caller)?;
        set_member(tx, caller, self.circle_id, self.person_id, self.member).await?;
        Ok(self.circle_id)
    }

    fn subject(output: &Self::Output) -> Option<Uuid> {
        Some(*output)
    }
}

#[cfg(feature = "ssr")]
impl crate::offline::ledger::Apply for ArchiveCircle {
    /// The circle: the page that lists it shows the change.
    type Output = Uuid;

    async fn apply(
        self,
        tx: &mut sqlx::PgConnection,
        caller: crate::identity::session::Caller,
    ) -> Result<Self::Output, AppError> {
        may_manage(caller)?;
        archive(tx, caller, self.circle_id, self.archived).await?;
        Ok(self.circle_id)
    }

    fn subject(output: &Self::Output) -> Option<Uuid> {
        Some(*output)
    }
}

/// Every circle of the organisation, for its animators: open ones by name, then archived ones.
#[server(endpoint = "managed_circles", input = GetUrl, output = Answer)]
pub async fn get_managed_circles() -> Result<Vec<ManagedCircle>, AppError> {
    crate::identity::session::respond(|req| async move {
        let me = req.caller().await?;
        may_manage(me)?;
        Ok(managed(&req.pool, me.org_id).await?)
    })
    .await
}

/// A circle's members, and the people whose name holds `q` (from [`MIN_QUERY_CHARS`]), for
/// the animators.
#[server(endpoint = "circle_members", input = GetUrl, output = Answer)]
pub async fn get_circle_members(circle_id: Uuid, q: Option<String>) -> Result<CircleMembers, AppError> {
    crate::identity::session::respond(|req| async move {
        let me = req.caller().await?;
        may_manage(me)?;
        let Some(circle) = managed_one(&req.pool, me.org_id, circle_id).await? else {
            return Err(AppError::NotFound);
        };
        let members = members(&req.pool, me.org_id, circle_id).await?;
        let query: String = q.unwrap_or_default().trim().chars().take(MAX_NAME_CHARS).collect();
        let found = if query.chars().count() >= MIN_QUERY_CHARS {
            find_people(&req.pool, me.org_id, circle_id, &query).await?
        } else {
            Vec::new()
        };
        Ok(CircleMembers { circle, members, query, found })
    })
    .await
}

/// The new-circle form posted without JavaScript: it leads to the new circle's members page.
#[server(endpoint = "create_circle", output = Answer)]
pub async fn post_new_circle(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    name: String,
    purpose: String,
    kind: CircleKind,
    plc_type: String,
) -> Result<Receipt, AppError> {
    let answer = use_context::<leptos_axum::ResponseOptions>();
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        let plc_type = PlcType::from_db(&plc_type);
        let write = CreateCircle { circle_id, name, purpose, kind, plc_type };
        let receipt = crate::offline::writes::Write::CreateCircle(write).apply(&req.pool, caller, client_id).await?;
        // Replaces the redirect back that Leptos gives a plain form post.
        if let (Some(answer), Ok(page)) = (answer, http::HeaderValue::from_str(&members_href(circle_id))) {
            answer.insert_header(http::header::LOCATION, page);
        }
        Ok(receipt)
    })
    .await
}

/// An add or remove button posted without JavaScript.
#[server(endpoint = "set_circle_member", output = Answer)]
pub async fn post_circle_member(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    member_id: Uuid,
    member: bool,
    name: String,
) -> Result<Receipt, AppError> {
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        let write = SetCircleMember { circle_id, person_id: member_id, member, name };
        crate::offline::writes::Write::SetCircleMember(write).apply(&req.pool, caller, client_id).await
    })
    .await
}

/// The archive or reopen button posted without JavaScript.
#[server(endpoint = "archive_circle", output = Answer)]
pub async fn post_archive(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    archived: bool,
    name: String,
) -> Result<Receipt, AppError> {
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        crate::offline::writes::Write::ArchiveCircle(ArchiveCircle { circle_id, archived, name })
            .apply(&req.pool, caller, client_id)
            .await
    })
    .await
}

/// The page where a circle's members are chosen.
pub fn members_href(circle_id: Uuid) -> String {
    format!("/manage/circles/{circle_id}")
}

#[cfg(feature = "ssr")]
pub use queries::*;

#[cfg(feature = "ssr")]
mod queries {
    use super::*;
    use crate::activity::{self, ActivityKind, Subject};
    use crate::error::{Field, Problem};
    use crate::identity::session::Caller;
    use sqlx::{PgConnection, PgExecutor};

    /// A circle about to be created, its fields checked.
    pub struct NewCircle<'a> {
        pub id: Uuid,
        pub name: &'a str,
        pub purpose: &'a str,
        pub kind: CircleKind,
        pub plc_type: Option<PlcType>,
    }

    /// Creates `new` for `creator`'s organisation and appends its event, inside the caller's
    /// transaction. A name another circle has (whatever its case) is refused; so is an id
    /// taken already (another write's).
    pub async fn create(tx: &mut PgConnection, creator: Caller, new: NewCircle<'_>) -> Result<ManagedCircle, AppError> {
        let org_id = creator.org_id;
        let inserted = sqlx::query!(
            "insert into circles (org_id, id, kind, plc_type, name, purpose, created_by)
             values ($1, $2, $3, $4, $5, $6, $7)",
            org_id,
            new.id,
            new.kind.as_db(),
            new.plc_type.map(PlcType::as_db),
            new.name,
            new.purpose,
            creator.person_id,
        )
        .execute(&mut *tx)
        .await;
        if let Err(sqlx::Error::Database(e)) = &inserted {
            match e.constraint() {
                Some("circles_name_key") => {
                    return Err(AppError::Invalid { field: Field::CircleName, problem: Problem::Taken })
                }
                Some("circles_pkey") => return Err(AppError::Conflict),
                _ => {}
            }
        }
        inserted?;
        let subject = Subject::Circle(new.id);
        activity::record(&mut *tx, org_id, creator.person_id, ActivityKind::CreatedCircle, subject, Some(new.id))
            .await?;
        managed_one(&mut *tx, org_id, new.id).await?.ok_or(AppError::Internal)
    }

    /// Adds `person_id` to circle `circle_id` (`member`) or takes them out, inside the caller's
    /// transaction; a change appends its event. Both must be of the caller's organisation.
    pub async fn set_member(
        tx: &mut PgConnection,
        by: Caller,
        circle_id: Uuid,
        person_id: Uuid,
        member: bool,
    ) -> Result<(), AppError> {
        let org_id = by.org_id;
        let found = sqlx::query!(
            r#"select exists (select 1 from circles where org_id = $1 and id = $2) as "circle!",
                      exists (select 1 from memberships where org_id = $1 and person_id = $3) as "person!""#,
            org_id,
            circle_id,
            person_id,
        )
        .fetch_one(&mut *tx)
        .await?;
        if !found.circle || !found.person {
            return Err(AppError::NotFound);
        }
        let changed = if member {
            sqlx::query!(
                "insert into circle_members (org_id, circle_id, person_id, added_by) values ($1, $2, $3, $4)
                 on conflict do nothing",
                org_id,
                circle_id,
                person_id,
                by.person_id,
            )
            .execute(&mut *tx)
            .await?
            .rows_affected()
        } else {
            sqlx::query!(
                "delete from circle_members where org_id = $1 and circle_id = $2 and person_id = $3",
                org_id,
                circle_id,
                person_id,
            )
            .execute(&mut *tx)
            .await?
            .rows_affected()
        };
        if changed > 0 && !member {
            // A sponsor taken out of their network sponsors it no more (added back, they are a
            // member like any other).
            sqlx::query!(
                "update circles set sponsor_id = null where org_id = $1 and id = $2 and sponsor_id = $3",
                org_id,
                circle_id,
                person_id,
            )
            .execute(&mut *tx)
            .await?;
        }
        if changed > 0 {
            let kind = if member { ActivityKind::AddedMember } else { ActivityKind::RemovedMember };
            activity::record(&mut *tx, org_id, by.person_id, kind, Subject::Person(person_id), Some(circle_id)).await?;
        }
        Ok(())
    }

    /// Archives circle `circle_id` (`archived`) or reopens it, inside the caller's transaction;
    /// a change appends its event.
    pub async fn archive(tx: &mut PgConnection, by: Caller, circle_id: Uuid, archived: bool) -> Result<(), AppError> {
        let org_id = by.org_id;
        let was = sqlx::query_scalar!(
            r#"select archived_at is not null as "archived!" from circles where org_id = $1 and id = $2 for update"#,
            org_id,
            circle_id,
        )
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
        if was == archived {
            return Ok(());
        }
        sqlx::query!(
            "update circles set archived_at = case when $3 then now() end where org_id = $1 and id = $2",
            org_id,
            circle_id,
            archived,
        )
        .execute(&mut *tx)
        .await?;
        let kind = if archived { ActivityKind::ArchivedCircle } else { ActivityKind::ReopenedCircle };
        activity::record(&mut *tx, org_id, by.person_id, kind, Subject::Circle(circle_id), Some(circle_id)).await?;
        Ok(())
    }

    /// Every circle of `org_id`: open ones by name, then archived ones by name.
    pub async fn managed(db: impl PgExecutor<'_>, org_id: Uuid) -> sqlx::Result<Vec<ManagedCircle>> {
        let rows = sqlx::query!(
            r#"select c.id, c.name, c.kind, c.plc_type, c.purpose, c.archived_at is not null as "archived!",
                      (select count(*) from circle_members cm where cm.org_id = c.org_id and cm.circle_id = c.id)
                          as "member_count!"
               from circles c where c.org_id = $1
               order by c.archived_at is not null, lower(c.name)"#,
            org_id,
        )
        .fetch_all(db)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| ManagedCircle {
                id: r.id,
                name: r.name,
                kind: CircleKind::from_db(&r.kind),
                plc_type: r.plc_type.as_deref().and_then(PlcType::from_db),
                purpose: r.purpose,
                member_count: r.member_count,
                archived: r.archived,
            })
            .collect())
    }

    /// Circle `circle_id` of `org_id`, if there is one.
    pub async fn managed_one(
        db: impl PgExecutor<'_>,
        org_id: Uuid,
        circle_id: Uuid,
    ) -> sqlx::Result<Option<ManagedCircle>> {
        let row = sqlx::query!(
            r#"select c.id, c.name, c.kind, c.plc_type, c.purpose, c.archived_at is not null as "archived!",
                      (select count(*) from circle_members cm where cm.org_id = c.org_id and cm.circle_id = c.id)
                          as "member_count!"
               from circles c where c.org_id = $1 and c.id = $2"#,
            org_id,
            circle_id,
        )
        .fetch_optional(db)
        .await?;
        Ok(row.map(|r| ManagedCircle {
            id: r.id,
            name: r.name,
            kind: CircleKind::from_db(&r.kind),
            plc_type: r.plc_type.as_deref().and_then(PlcType::from_db),
            purpose: r.purpose,
            member_count: r.member_count,
            archived: r.archived,
        }))
    }

    /// Circle `circle_id`'s members, by name.
    pub async fn members(db: impl PgExecutor<'_>, org_id: Uuid, circle_id: Uuid) -> sqlx::Result<Vec<Person>> {
        let rows = sqlx::query!(
            r#"select p.id, p.display_name,
                      coalesce((select string_agg(t.name, ', ' order by t.name)
                                from team_members tm join teams t on t.org_id = tm.org_id and t.id = tm.team_id
                                where tm.org_id = cm.org_id and tm.person_id = p.id), '') as "teams!"
               from circle_members cm join people p on p.id = cm.person_id
               where cm.org_id = $1 and cm.circle_id = $2
               order by lower(p.display_name), p.id"#,
            org_id,
            circle_id,
        )
        .fetch_all(db)
        .await?;
        Ok(rows.into_iter().map(|r| Person { id: r.id, name: r.display_name, teams: r.teams }).collect())
    }

    /// People of `org_id` whose name holds `query`, whatever its accents and case, by name
    /// (at most [`MAX_FOUND`]), each with whether they are in circle `circle_id`.
    pub async fn find_people(
        db: impl PgExecutor<'_>,
        org_id: Uuid,
        circle_id: Uuid,
        query: &str,
    ) -> sqlx::Result<Vec<Candidate>> {
        let rows = sqlx::query!(
            r#"select p.id, p.display_name,
                      coalesce((select string_agg(t.name, ', ' order by t.name)
                                from team_members tm join teams t on t.org_id = tm.org_id and t.id = tm.team_id
                                where tm.org_id = m.org_id and tm.person_id = p.id), '') as "teams!",
                      exists (select 1 from circle_members cm
                              where cm.org_id = m.org_id and cm.circle_id = $2 and cm.person_id = p.id) as "member!"
               from memberships m join people p on p.id = m.person_id
               where m.org_id = $1 and strpos(unaccent(lower(p.display_name)), unaccent(lower($3))) > 0
               order by lower(p.display_name), p.id
               limit $4"#,
            org_id,
            circle_id,
            query,
            MAX_FOUND,
        )
        .fetch_all(db)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| Candidate { person: Person { id: r.id, name: r.display_name, teams: r.teams }, member: r.member })
            .collect())
    }
}
