//! The organisation's practice library: practices an animator promoted, with themes and
//! skills, searched with Postgres full text in French and English, accents ignored.
use crate::circles::posts::PostView;
use crate::circles::tried::TryoutView;
use crate::ui::time::UnixMs;
use serde::{Deserialize, Serialize};

/// How a search's results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best match first (newest first without words to match).
    #[default]
    Relevance,
    /// Newest in the library first.
    Recent,
    /// Taken up by the most teams first.
    Adoption,
}

impl Search {
    /// Whether it asks for anything (words, a theme or a skill).
    pub fn narrows(&self) -> bool {
        !(self.q.trim().is_empty() && self.theme.is_empty() && self.skill.is_empty())
    }
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Relevance, Sort::Recent, Sort::Adoption];

    /// Its value in a URL (`?sort=`) and in queries.
    pub fn as_param(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Recent => "recent",
            Sort::Adoption => "adoption",
        }
    }

    /// Parses `?sort=`; anything else is relevance.
    pub fn from_param(s: &str) -> Sort {
        Sort::ALL.into_iter().find(|o| o.as_param() == s).unwrap_or_default()
    }
}

/// What a search asks for: words, a theme, a skill (empty: any), an order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Search {
    pub q: String,
    pub theme: String,
    pub skill: String,
    pub sort: Sort,
}

/// Longest search, in characters: longer is cut.
pub const MAX_SEARCH_CHARS: usize = 200;
/// Results shown, at most.
pub const MAX_RESULTS: i64 = 50;

/// A practice in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryEntry {
    pub post: PostView,
    pub themes: Vec<String>,
    pub skills: Vec<String>,
    pub promoted_at: UnixMs,
    /// The teams that tried it, in the order they first did.
    pub teams: Vec<String>,
    /// How many people said they tried it.
    pub tried: i64,
}

/// A search's results, with every theme and skill to filter by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shelf {
    /// The search these results answer (a device keeps one copy of the last search).
    pub search: Search,
    pub entries: Vec<LibraryEntry>,
    pub themes: Vec<String>,
    pub skills: Vec<String>,
}

/// A library entry's own page: the practice, who tried it and how it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryPage {
    pub entry: LibraryEntry,
    pub tryouts: Vec<TryoutView>,
}

#[cfg(feature = "ssr")]
pub use queries::*;

#[cfg(feature = "ssr")]
mod queries {
    use super::*;
    use crate::activity::{self, ActivityKind};
    use crate::circles::posts;
    use crate::ui::time::unix_ms;
    use sqlx::{PgConnection, PgExecutor};
    use uuid::Uuid;

    /// Whether practice `post_id` of circle `circle_id` is in the library.
    pub async fn holds(db: impl PgExecutor<'_>, org_id: Uuid, circle_id: Uuid, post_id: Uuid) -> sqlx::Result<bool> {
        sqlx::query_scalar!(
            r#"select exists (select 1 from library_entries l
                              join posts p on p.org_id = l.org_id and p.id = l.post_id
                              where l.org_id = $1 and l.post_id = $2 and p.circle_id = $3
                                and p.deleted_at is null and p.hidden_at is null) as "held!""#,
            org_id,
            post_id,
            circle_id,
        )
        .fetch_one(db)
        .await
    }

    /// Practice `post_id`'s themes and skills, if it is in the library.
    pub async fn promotion(
        db: impl PgExecutor<'_>,
        org_id: Uuid,
        post_id: Uuid,
    ) -> sqlx::Result<Option<crate::circles::posts::Promotion>> {
        let row = sqlx::query!(
            "select themes, skills from library_entries where org_id = $1 and post_id = $2",
            org_id,
            post_id
        )
        .fetch_optional(db)
        .await?;
        Ok(row.map(|r| crate::circles::posts::Promotion { themes: r.themes, skills: r.skills }))
    }

    /// Entries matching `search` (or only entry `only`), as `reader` sees them. A practice
    /// deleted or hidden since it was promoted is left out until it is shown again.
    pub async fn search(
        db: &sqlx::PgPool,
        reader: crate::identity::session::Caller,
        search: &Search,
        only: Option<Uuid>,
    ) -> sqlx::Result<Vec<LibraryEntry>> {
        let org_id = reader.org_id;
        let q: String = search.q.trim().chars().take(MAX_SEARCH_CHARS).collect();
        let rows = sqlx::query!(
            r#"select l.post_id, l.themes, l.skills, l.promoted_at,
                      array(select t.name from tryouts ty join teams t on t.org_id = ty.org_id and t.id = ty.team_id
                            where ty.org_id = l.org_id and ty.post_id = l.post_id
                            group by t.name order by min(ty.created_at)) as "teams!",
                      (select count(*) from tryouts ty where ty.org_id = l.org_id and ty.post_id = l.post_id) as "tried!"
               from library_entries l,
                    lateral (select websearch_to_tsquery('apprenance_fr', $2) || websearch_to_tsquery('apprenance_en', $2) as query) s
               where l.org_id = $1
                 and ($2 = '' or l.document @@ s.query)
                 and ($3 = '' or l.themes @> array[$3])
                 and ($4 = '' or l.skills @> array[$4])
                 and ($6::uuid is null or l.post_id = $6)
                 and exists (select 1 from posts p where p.org_id = l.org_id and p.id = l.post_id
                             and p.deleted_at is null and p.hidden_at is null)
               order by case when $5 = 'relevance' and $2 <> '' then ts_rank(l.document, s.query) end desc nulls last,
                        case when $5 = 'adoption' then (select count(distinct ty.team_id) from tryouts ty
                                                        where ty.org_id = l.org_id and ty.post_id = l.post_id) end desc nulls last,
                        l.promoted_at desc, l.post_id
               limit $7"#,
            org_id,
            q,
            search.theme.trim(),
            search.skill.trim(),
            search.sort.as_param(),
            only,
            MAX_RESULTS,
        )
        .fetch_all(db)
        .await?;
        let ids: Vec<Uuid> = rows.iter().map(|r| r.post_id).collect();
        let mut cards = posts::cards(db, reader, &ids).await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                let at = cards.iter().position(|c| c.id == r.post_id)?;
                let mut post = cards.swap_remove(at);
                // The library shows the practice, not its circle: whoever is outside that circle
                // learns neither its name nor how its members answered.
                post.circle_name = String::new();
                (post.reply_count, post.useful_count, post.will_try_count) = (0, 0, 0);
                post.reacted.clear();
                Some(LibraryEntry {
                    post,
                    themes: r.themes,
                    skills: r.skills,
                    promoted_at: unix_ms(r.promoted_at),
                    teams: r.teams,
                    tried: r.tried,
                })
            })
            .collect())
    }

    /// Every theme and skill of the organisation's library, in alphabetical order (accents
    /// aside: "Réunions" before "Rituels", whatever the database's collation).
    pub async fn filters(db: impl PgExecutor<'_>, org_id: Uuid) -> sqlx::Result<(Vec<String>, Vec<String>)> {
        let row = sqlx::query!(
            r#"with shown as (select l.themes, l.skills from library_entries l
                              join posts p on p.org_id = l.org_id and p.id = l.post_id
                              where l.org_id = $1 and p.deleted_at is null and p.hidden_at is null)
               select array(select t from (select distinct unnest(themes) as t from shown) s
                            order by lower(unaccent(t)), t) as "themes!",
                      array(select t from (select distinct unnest(skills) as t from shown) s
                            order by lower(unaccent(t)), t) as "skills!""#,
            org_id,
        )
        .fetch_one(db)
        .await?;
        Ok((row.themes, row.skills))
    }

    /// Puts practice `post_id` in the library with `themes` and `skills` (or, already there,
    /// gives it these), inside the caller's transaction; the first time appends the
    /// animator's activity event. Check access, and that it is a practice, first.
    pub async fn promote(
        tx: &mut PgConnection,
        org_id: Uuid,
        circle_id: Uuid,
        post_id: Uuid,
        by: Uuid,
        themes: &[String],
        skills: &[String],
    ) -> sqlx::Result<()> {
        // The post's row lock orders this after an edit in progress (which holds it while it
        // rewrites the searched text), so the text searched is never an older one.
        sqlx::query!("select id from posts where org_id = $1 and id = $2 for update", org_id, post_id)
            .fetch_optional(&mut *tx)
            .await?;
        let first = sqlx::query_scalar!(
            r#"insert into library_entries (org_id, post_id, promoted_by, themes, skills, document)
               values ($1, $2, $3, $4, $5, library_document($1, $2, $4, $5))
               on conflict (org_id, post_id)
               do update set themes = excluded.themes, skills = excluded.skills, document = excluded.document
               returning (xmax = 0) as "first!""#,
            org_id,
            post_id,
            by,
            themes,
            skills,
        )
        .fetch_one(&mut *tx)
        .await?;
        if first {
            let subject = activity::Subject::Post(post_id);
            activity::record(&mut *tx, org_id, by, ActivityKind::PromotedPractice, subject, Some(circle_id)).await?;
        }
        Ok(())
    }
}
