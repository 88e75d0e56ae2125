//! Circles: peer circles, learning networks and PLCs. Their content is for their members and
//! for the animators who run them, nobody else.
use crate::identity::model::Role;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The three kinds of circle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CircleKind {
    Peer,
    Network,
    Plc,
}

impl CircleKind {
    /// Parses the value stored in `circles.kind`.
    pub fn from_db(s: &str) -> CircleKind {
        match s {
            "network" => CircleKind::Network,
            "plc" => CircleKind::Plc,
            _ => CircleKind::Peer,
        }
    }
}

/// A circle in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CircleSummary {
    pub id: Uuid,
    pub name: String,
    pub kind: CircleKind,
    pub member_count: i64,
    pub is_member: bool,
}

/// A circle's header on its own page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CircleDetail {
    pub id: Uuid,
    pub name: String,
    pub kind: CircleKind,
    pub purpose: String,
    pub member_count: i64,
    /// Archived: read, and closed to anything new (absent from copies kept before it existed).
    #[serde(default)]
    pub archived: bool,
    /// Its live sessions: those to come, soonest first, then the last three past, latest first.
    #[serde(default)]
    pub sessions: Vec<crate::sessions::model::SessionSummary>,
    /// Its themed prompts open now, closing soonest first.
    #[serde(default)]
    pub prompts: Vec<crate::prompts::model::OpenPrompt>,
}

/// How a person stands towards a circle, as the access policy needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    pub exists: bool,
    pub member: bool,
    pub archived: bool,
    /// On a learning network's steering committee: its sponsor, or a member marked so.
    pub committee: bool,
    /// One of its named facilitators.
    pub facilitator: bool,
}

impl Membership {
    /// The access policy's standing (not the author of anything, nothing in the library).
    pub fn standing(self) -> crate::access::Standing {
        crate::access::Standing {
            circle_member: self.member,
            archived: self.archived,
            committee: self.committee,
            facilitator: self.facilitator,
            ..Default::default()
        }
    }
}

/// Whether a person may read and write in a circle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No such circle in this organisation.
    Missing,
    /// The circle exists but is not theirs.
    Denied,
    Granted,
}

/// Whether a person with `role`, standing so towards a circle that exists or not, may do
/// `action` in it (`crate::access` decides).
pub fn access(exists: bool, standing: crate::access::Standing, role: Role, action: crate::access::Action) -> Access {
    match (exists, crate::access::allows(role, standing, action)) {
        (false, _) => Access::Missing,
        (true, false) => Access::Denied,
        (true, true) => Access::Granted,
    }
}

#[cfg(feature = "ssr")]
pub use queries::*;

#[cfg(feature = "ssr")]
mod queries {
    use super::*;
    use sqlx::PgExecutor;

    /// The circles a person sees on their home page: theirs, or all of them for an animator.
    pub async fn circles_for(
        db: impl PgExecutor<'_>,
        org_id: Uuid,
        person_id: Uuid,
        role: Role,
    ) -> sqlx::Result<Vec<CircleSummary>> {
        let rows = sqlx::query!(
            r#"select c.id, c.name, c.kind,
                    (select count(*) from circle_members cm where cm.org_id = c.org_id and cm.circle_id = c.id)
                        as "member_count!",
                    exists (select 1 from circle_members cm where cm.org_id = c.org_id and cm.circle_id = c.id
                            and cm.person_id = $2) as "is_member!"
             from circles c
             where c.org_id = $1 and c.archived_at is null
               and ($3 or exists (select 1 from circle_members cm
                                  where cm.org_id = c.org_id and cm.circle_id = c.id and cm.person_id = $2))
             order by c.name"#,
            org_id,
            person_id,
            crate::access::sees_every_circle(role),
        )
        .fetch_all(db)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| CircleSummary {
                id: r.id,
                name: r.name,
                kind: CircleKind::from_db(&r.kind),
                member_count: r.member_count,
                is_member: r.is_member,
            })
            .collect())
    }

    /// Whether circle `circle_id` of `org_id` exists, `person_id` is one of its members (on its
    /// committee, a facilitator), and it is archived.
    pub async fn membership(
        db: impl PgExecutor<'_>,
        org_id: Uuid,
        circle_id: Uuid,
        person_id: Uuid,
    ) -> sqlx::Result<Membership> {
        let r = sqlx::query!(
            r#"select c.id is not null as "exists!", m.person_id is not null as "is_member!",
                    coalesce(c.archived_at is not null, false) as "archived!",
                    coalesce(m.on_committee or c.sponsor_id = m.person_id, false) as "committee!",
                    coalesce(m.role = 'facilitator', false) as "facilitator!"
             from (select 1) one
             left join circles c on c.org_id = $1 and c.id = $2
             left join circle_members m on m.org_id = $1 and m.circle_id = $2 and m.person_id = $3"#,
            org_id,
            circle_id,
            person_id,
        )
        .fetch_one(db)
        .await?;
        Ok(Membership {
            exists: r.exists,
            member: r.is_member,
            archived: r.archived,
            committee: r.committee,
            facilitator: r.facilitator,
        })
    }

    /// Locks circle `circle_id`'s row until the caller's transaction ends (not its key: posts
    /// and members still come and go), when it is of `kind`; `NotFound` otherwise. A write that
    /// changes what a kind of circle holds (a PLC's charter, a network's decisions) takes it
    /// first: an archive or a change committed meanwhile is seen by the access check that
    /// follows, and two such writes are applied one after the other.
    pub async fn lock_of_kind(
        tx: &mut sqlx::PgConnection,
        org_id: Uuid,
        circle_id: Uuid,
        kind: CircleKind,
    ) -> Result<(), crate::error::AppError> {
        let found = sqlx::query_scalar!(
            "select kind from circles where org_id = $1 and id = $2 for no key update",
            org_id,
            circle_id,
        )
        .fetch_optional(&mut *tx)
        .await?;
        match found.as_deref().map(CircleKind::from_db) {
            Some(k) if k == kind => Ok(()),
            _ => Err(crate::error::AppError::NotFound),
        }
    }

    /// The circle's header with its sessions and open prompts, if `person_id` may use it: access and data in one
    /// query.
    pub async fn detail_for(
        db: impl PgExecutor<'_>,
        org_id: Uuid,
        circle_id: Uuid,
        person_id: Uuid,
        role: Role,
    ) -> sqlx::Result<Result<CircleDetail, Access>> {
        let row = sqlx::query!(
            r#"select c.id, c.name, c.kind, c.purpose, c.archived_at is not null as "archived!",
                    (select count(*) from circle_members cm where cm.org_id = c.org_id and cm.circle_id = c.id)
                        as "member_count!",
                    exists (select 1 from circle_members cm
                            where cm.org_id = c.org_id and cm.circle_id = c.id and cm.person_id = $3) as "is_member!",
                    (select coalesce(json_agg(json_build_object(
                                'id', s.id, 'circle_id', s.circle_id, 'title', s.title, 'place', s.place,
                                'starts_at', (extract(epoch from s.starts_at) * 1000)::bigint,
                                'ends_at', (extract(epoch from s.ends_at) * 1000)::bigint,
                                -- The circle's members going (who left, or runs it from outside, does not count).
                                'going', (select count(*) from session_answers a
                                          join circle_members m on m.org_id = a.org_id and m.circle_id = s.circle_id
                                                               and m.person_id = a.person_id
                                          where a.org_id = s.org_id and a.session_id = s.id and a.going),
                                'mine', (select a.going from session_answers a
                                         where a.org_id = s.org_id and a.session_id = s.id and a.person_id = $3),
                                'ended', s.ends_at <= now(),
                                'came', (select count(*) from session_attendance t
                                         where t.org_id = s.org_id and t.session_id = s.id))
                            order by s.ends_at <= now(),
                                     case when s.ends_at > now() then s.starts_at end,
                                     s.starts_at desc), '[]'::json)
                     from live_sessions s
                     where s.org_id = c.org_id and s.circle_id = c.id
                       and (s.ends_at > now()
                            or s.id in (select p.id from live_sessions p
                                        where p.org_id = c.org_id and p.circle_id = c.id and p.ends_at <= now()
                                        order by p.starts_at desc limit 3))) as "sessions!: serde_json::Value",
                    (select coalesce(json_agg(json_build_object(
                                'post_id', t.id, 'kind', pr.kind, 'body', pr.body,
                                'closes_at', (extract(epoch from pr.closes_at) * 1000)::bigint,
                                -- The circle's members who answered (as on the animators' page).
                                'answered', (select count(distinct r.author_id) from posts r
                                             join circle_members m on m.org_id = r.org_id and m.circle_id = r.circle_id
                                                                  and m.person_id = r.author_id
                                             where r.org_id = t.org_id and r.parent_id = t.id and r.deleted_at is null),
                                'mine', exists (select 1 from posts r where r.org_id = t.org_id and r.parent_id = t.id
                                                                       and r.author_id = $3 and r.deleted_at is null))
                            order by pr.closes_at, t.id), '[]'::json)
                     from posts t join prompts pr on pr.org_id = t.org_id and pr.id = t.prompt_id
                     where t.org_id = c.org_id and t.circle_id = c.id and t.kind = 'prompt' and t.deleted_at is null
                       and pr.opens_at <= now() and pr.closes_at > now()) as "prompts!: serde_json::Value"
             from circles c where c.org_id = $1 and c.id = $2"#,
            org_id,
            circle_id,
            person_id,
        )
        .fetch_optional(db)
        .await?;
        let Some(r) = row else { return Ok(Err(Access::Missing)) };
        let standing = crate::access::Standing { circle_member: r.is_member, ..Default::default() };
        Ok(match access(true, standing, role, crate::access::Action::ReadCircle) {
            Access::Granted => Ok(CircleDetail {
                id: r.id,
                name: r.name,
                kind: CircleKind::from_db(&r.kind),
                purpose: r.purpose,
                member_count: r.member_count,
                archived: r.archived,
                sessions: serde_json::from_value(r.sessions).unwrap_or_default(),
                prompts: serde_json::from_value(r.prompts).unwrap_or_default(),
            }),
            refused => Err(refused),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_circle_is_missing_whoever_asks() {
        use crate::access::{Action::ReadCircle, Standing};
        let (inside, outside) = (Standing { circle_member: true, ..Standing::default() }, Standing::default());
        assert_eq!(access(false, outside, Role::Animator, ReadCircle), Access::Missing);
        assert_eq!(access(true, outside, Role::Member, ReadCircle), Access::Denied);
        assert_eq!(access(true, inside, Role::Member, ReadCircle), Access::Granted);
    }
}
