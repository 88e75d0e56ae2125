//! Teams: each has one lead; a person can be in several.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A team as shown on the home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamSummary {
    pub id: Uuid,
    pub name: String,
    pub lead_name: String,
    pub members: Vec<String>,
}

#[cfg(feature = "ssr")]
pub async fn teams_of(db: impl sqlx::PgExecutor<'_>, org_id: Uuid, person_id: Uuid) -> sqlx::Result<Vec<TeamSummary>> {
    sqlx::query_as!(
        TeamSummary,
        r#"select t.id, t.name, lead.display_name as lead_name,
                array(select p.display_name from team_members tm2 join people p on p.id = tm2.person_id
                      where tm2.org_id = t.org_id and tm2.team_id = t.id order by p.display_name) as "members!"
         from team_members tm
         join teams t on t.org_id = tm.org_id and t.id = tm.team_id
         join people lead on lead.id = t.lead_id
         where tm.org_id = $1 and tm.person_id = $2
         order by t.name"#,
        org_id,
        person_id,
    )
    .fetch_all(db)
    .await
}
