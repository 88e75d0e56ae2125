//! Posts in a circle: questions ("Comment fais-tu pour… ?"), practices and replies.
use crate::ui::time::UnixMs;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Kinds of post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostKind {
    Question,
    Practice,
    Reply,
}

impl PostKind {
    /// Parses the value stored in `posts.kind`.
    pub fn from_db(s: &str) -> PostKind {
        match s {
            "practice" => PostKind::Practice,
            "reply" => PostKind::Reply,
            _ => PostKind::Question,
        }
    }
}

/// A post as shown in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostView {
    pub id: Uuid,
    pub circle_id: Uuid,
    pub circle_name: String,
    pub author_name: String,
    pub kind: PostKind,
    pub body: String,
    pub created_at: UnixMs,
}

/// Where the next page of a list starts: strictly older than this post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// `created_at` in microseconds since the epoch: the database's own precision, so the
    /// keyset never skips or repeats a post.
    pub before_us: i64,
    pub before_id: Uuid,
}

/// One page of posts, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostPage {
    pub posts: Vec<PostView>,
    pub next: Option<Cursor>,
}

/// Posts per page in a circle.
pub const PAGE_SIZE: i64 = 20;

#[cfg(feature = "ssr")]
pub use queries::*;

#[cfg(feature = "ssr")]
mod queries {
    use super::*;
    use crate::activity::{self, ActivityKind};
    use crate::ui::time::unix_ms;
    use sqlx::{PgConnection, PgExecutor};
    use time::OffsetDateTime;

    struct Row {
        id: Uuid,
        circle_id: Uuid,
        circle_name: String,
        author_name: String,
        kind: String,
        body: String,
        created_at: OffsetDateTime,
    }

    impl Row {
        fn view(self) -> PostView {
            PostView {
                id: self.id,
                circle_id: self.circle_id,
                circle_name: self.circle_name,
                author_name: self.author_name,
                kind: PostKind::from_db(&self.kind),
                body: self.body,
                created_at: unix_ms(self.created_at),
            }
        }

        fn cursor(&self) -> Cursor {
            let us = self.created_at.unix_timestamp_nanos() / 1000;
            Cursor { before_us: i64::try_from(us).unwrap_or(i64::MIN), before_id: self.id }
        }
    }

    // Each query below spells out the same columns and joins: sqlx checks a query only when it
    // is one literal, and a checked query is worth the three lines.

    /// A page of a circle's posts, newest first, starting after `cursor`, for a person who may
    /// read it: the circle's members, or anyone when `all_circles` (animators). Someone else
    /// gets an empty page: tell that apart from an empty circle with `circle::access_to`.
    pub async fn list_in_circle(
        db: impl PgExecutor<'_>,
        org_id: Uuid,
        circle_id: Uuid,
        reader: (Uuid, bool),
        cursor: Option<Cursor>,
        limit: i64,
    ) -> sqlx::Result<PostPage> {
        let before = cursor
            .map(|c| OffsetDateTime::from_unix_timestamp_nanos(i128::from(c.before_us) * 1000))
            .transpose()
            .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        let mut rows = sqlx::query_as!(
            Row,
            r#"select p.id, p.circle_id, c.name as circle_name, pe.display_name as author_name,
                      p.kind, p.body, p.created_at
               from posts p
               join circles c on c.org_id = p.org_id and c.id = p.circle_id
               join people pe on pe.id = p.author_id
               where p.org_id = $1 and p.circle_id = $2
                 and ($3::timestamptz is null or (p.created_at, p.id) < ($3, $4))
                 and ($7 or exists (select 1 from circle_members cm
                                    where cm.org_id = p.org_id and cm.circle_id = p.circle_id and cm.person_id = $6))
               order by p.created_at desc, p.id desc limit $5"#,
            org_id,
            circle_id,
            before,
            cursor.map(|c| c.before_id) as Option<Uuid>,
            limit + 1,
            reader.0,
            reader.1,
        )
        .fetch_all(db)
        .await?;
        let more = rows.len() as i64 > limit;
        rows.truncate(usize::try_from(limit).unwrap_or(0));
        let next = if more { rows.last().map(Row::cursor) } else { None };
        Ok(PostPage { posts: rows.into_iter().map(Row::view).collect(), next })
    }

    /// The latest posts across the circles a person sees (see `circle::circles_for`).
    pub async fn latest_for(
        db: impl PgExecutor<'_>,
        org_id: Uuid,
        person_id: Uuid,
        all_circles: bool,
        limit: i64,
    ) -> sqlx::Result<Vec<PostView>> {
        let rows = sqlx::query_as!(
            Row,
            r#"select p.id, p.circle_id, c.name as circle_name, pe.display_name as author_name,
                      p.kind, p.body, p.created_at
               from posts p
               join circles c on c.org_id = p.org_id and c.id = p.circle_id
               join people pe on pe.id = p.author_id
               where p.org_id = $1
                 and ($3 or exists (select 1 from circle_members cm
                                    where cm.org_id = p.org_id and cm.circle_id = p.circle_id and cm.person_id = $2))
               order by p.created_at desc, p.id desc limit $4"#,
            org_id,
            person_id,
            all_circles,
            limit,
        )
        .fetch_all(db)
        .await?;
        Ok(rows.into_iter().map(Row::view).collect())
    }

    /// Asks a question in a circle, with its activity event, inside the caller's transaction
    /// (the sync engine's, which makes it happen once per client id). Check access first.
    pub async fn ask_question(
        tx: &mut PgConnection,
        org_id: Uuid,
        circle_id: Uuid,
        author_id: Uuid,
        body: &str,
    ) -> sqlx::Result<PostView> {
        let id = Uuid::new_v4();
        sqlx::query!(
            "insert into posts (org_id, id, circle_id, author_id, kind, body) values ($1, $2, $3, $4, 'question', $5)",
            org_id,
            id,
            circle_id,
            author_id,
            body,
        )
        .execute(&mut *tx)
        .await?;
        activity::record(
            &mut *tx,
            org_id,
            author_id,
            ActivityKind::AskedQuestion,
            activity::Subject::Post(id),
            Some(circle_id),
        )
        .await?;
        let row = sqlx::query_as!(
            Row,
            r#"select p.id, p.circle_id, c.name as circle_name, pe.display_name as author_name,
                      p.kind, p.body, p.created_at
               from posts p
               join circles c on c.org_id = p.org_id and c.id = p.circle_id
               join people pe on pe.id = p.author_id
               where p.org_id = $1 and p.id = $2"#,
            org_id,
            id,
        )
        .fetch_one(&mut *tx)
        .await?;
        Ok(row.view())
    }
}
