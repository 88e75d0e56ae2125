//! The queries of posts (server only): lists, a thread, cards, and every write to a post.
//! Re-exported by `posts`, whose types they return.
use super::posts::*;
use crate::access::{allows, sees_every_circle, Action, Standing};
use crate::activity::{self, ActivityKind};
use crate::identity::session::Caller;
use crate::ui::markdown;
use crate::ui::time::unix_ms;
use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

/// A row of the `post_cards` view, with the reader's own reactions.
struct Row {
    id: Uuid,
    circle_id: Uuid,
    circle_name: String,
    author_name: String,
    kind: String,
    body: String,
    /// `None` until the start-up pass has rendered a post written before HTML was kept.
    body_html: Option<String>,
    created_at: OffsetDateTime,
    parent_id: Option<Uuid>,
    mine: bool,
    reply_count: i64,
    useful_count: i64,
    will_try_count: i64,
    reacted: Vec<String>,
    practice: Option<serde_json::Value>,
    version: i32,
    edited_at: Option<OffsetDateTime>,
    hidden_at: Option<OffsetDateTime>,
    hidden_reason: Option<String>,
    open_reports: i64,
}

impl Row {
    /// The post as `reader` may see it: a hidden post's text only for those the access
    /// policy lets read it, reports only for those who decide on them.
    fn view(self, reader: Caller) -> PostView {
        let hidden = self.hidden_at.is_some();
        let standing = Standing { author: self.mine, ..Standing::default() };
        let readable = !hidden || allows(reader.role, standing, Action::ReadHidden);
        let moderator = allows(reader.role, standing, Action::ModeratePost);
        let practice = self.practice.and_then(|p| serde_json::from_value(p).ok());
        PostView {
            id: self.id,
            circle_id: self.circle_id,
            circle_name: self.circle_name,
            author_name: self.author_name,
            kind: PostKind::from_db(&self.kind),
            body_html: match (readable, self.body_html) {
                (false, _) => String::new(),
                (true, Some(html)) => html,
                (true, None) => markdown::to_html(&self.body),
            },
            body: if readable { self.body } else { String::new() },
            created_at: unix_ms(self.created_at),
            parent_id: self.parent_id,
            mine: self.mine,
            reply_count: self.reply_count,
            useful_count: self.useful_count,
            will_try_count: self.will_try_count,
            reacted: self.reacted.iter().filter_map(|r| Reaction::from_db(r)).collect(),
            practice: if readable { practice } else { None },
            version: self.version,
            edited: self.edited_at.is_some(),
            hidden,
            hidden_reason: if readable { self.hidden_reason } else { None },
            readable,
            open_reports: if moderator { self.open_reports } else { 0 },
        }
    }

    fn cursor(&self) -> Cursor {
        let us = self.created_at.unix_timestamp_nanos() / 1000;
        Cursor { before_us: i64::try_from(us).unwrap_or(i64::MIN), before_id: self.id }
    }
}

// Each query below names the same columns of `post_cards` (a view: sqlx cannot tell they
// are never null, hence the `!`): sqlx checks a query only when it is one literal, and a
// checked query is worth the repeated lines.

/// A page of a circle's questions and practices, newest first, starting after `cursor`,
/// for a `reader` who may read it: the circle's members, or anyone who sees every circle
/// (animators). Someone else gets an empty page: tell that apart from an empty circle with
/// `circle::membership`.
pub async fn list_in_circle(
    db: impl PgExecutor<'_>,
    reader: Caller,
    circle_id: Uuid,
    cursor: Option<Cursor>,
    limit: i64,
) -> sqlx::Result<PostPage> {
    let before = cursor
        .map(|c| OffsetDateTime::from_unix_timestamp_nanos(i128::from(c.before_us) * 1000))
        .transpose()
        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    let mut rows = sqlx::query_as!(
        Row,
        r#"select v.id as "id!", v.circle_id as "circle_id!", v.circle_name as "circle_name!",
                  v.author_name as "author_name!", v.kind as "kind!", v.body as "body!", v.body_html, v.created_at as "created_at!",
                  v.parent_id, v.author_id = $6 as "mine!", v.reply_count as "reply_count!",
                  v.useful_count as "useful_count!", v.will_try_count as "will_try_count!",
                  array(select x.kind from reactions x where x.org_id = v.org_id and x.post_id = v.id and x.person_id = $6) as "reacted!",
                  v.practice, v.version as "version!", v.edited_at, v.hidden_at, v.hidden_reason, v.open_reports as "open_reports!"
           from post_cards v
           where v.org_id = $1 and v.circle_id = $2 and v.parent_id is null and v.kind <> 'prompt'
             and ($3::timestamptz is null or (v.created_at, v.id) < ($3, $4))
             and ($7 or exists (select 1 from circle_members cm
                                where cm.org_id = v.org_id and cm.circle_id = v.circle_id and cm.person_id = $6))
           order by v.created_at desc, v.id desc limit $5"#,
        reader.org_id,
        circle_id,
        before,
        cursor.map(|c| c.before_id) as Option<Uuid>,
        limit + 1,
        reader.person_id,
        sees_every_circle(reader.role),
    )
    .fetch_all(db)
    .await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    let next = if more { rows.last().map(Row::cursor) } else { None };
    Ok(PostPage { posts: rows.into_iter().map(|r| r.view(reader)).collect(), next })
}

/// The latest questions and practices across the circles `reader` sees (see
/// `circle::circles_for`).
pub async fn latest_for(db: impl PgExecutor<'_>, reader: Caller, limit: i64) -> sqlx::Result<Vec<PostView>> {
    let rows = sqlx::query_as!(
        Row,
        r#"select v.id as "id!", v.circle_id as "circle_id!", v.circle_name as "circle_name!",
                  v.author_name as "author_name!", v.kind as "kind!", v.body as "body!", v.body_html, v.created_at as "created_at!",
                  v.parent_id, v.author_id = $2 as "mine!", v.reply_count as "reply_count!",
                  v.useful_count as "useful_count!", v.will_try_count as "will_try_count!",
                  array(select x.kind from reactions x where x.org_id = v.org_id and x.post_id = v.id and x.person_id = $2) as "reacted!",
                  v.practice, v.version as "version!", v.edited_at, v.hidden_at, v.hidden_reason, v.open_reports as "open_reports!"
           from post_cards v
           where v.org_id = $1 and v.parent_id is null and v.kind <> 'prompt'
             and ($3 or exists (select 1 from circle_members cm
                                where cm.org_id = v.org_id and cm.circle_id = v.circle_id and cm.person_id = $2))
           order by v.created_at desc, v.id desc limit $4"#,
        reader.org_id,
        reader.person_id,
        sees_every_circle(reader.role),
        limit,
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| r.view(reader)).collect())
}

/// A question or practice of circle `circle_id` and its replies, for a `reader` who may
/// read the circle (as in [`list_in_circle`]); `None` when there is no such post or it is
/// not theirs to read.
pub async fn thread(
    db: impl PgExecutor<'_>,
    reader: Caller,
    circle_id: Uuid,
    post_id: Uuid,
) -> sqlx::Result<Option<Thread>> {
    let rows = sqlx::query_as!(
        Row,
        r#"select v.id as "id!", v.circle_id as "circle_id!", v.circle_name as "circle_name!",
                  v.author_name as "author_name!", v.kind as "kind!", v.body as "body!", v.body_html, v.created_at as "created_at!",
                  v.parent_id, v.author_id = $4 as "mine!", v.reply_count as "reply_count!",
                  v.useful_count as "useful_count!", v.will_try_count as "will_try_count!",
                  array(select x.kind from reactions x where x.org_id = v.org_id and x.post_id = v.id and x.person_id = $4) as "reacted!",
                  v.practice, v.version as "version!", v.edited_at, v.hidden_at, v.hidden_reason, v.open_reports as "open_reports!"
           from post_cards v
           where v.org_id = $1 and v.circle_id = $2 and (v.id = $3 or v.parent_id = $3)
             and ($5 or exists (select 1 from circle_members cm
                                where cm.org_id = v.org_id and cm.circle_id = v.circle_id and cm.person_id = $4))
           order by v.parent_id nulls first, v.created_at, v.id limit $6"#,
        reader.org_id,
        circle_id,
        post_id,
        reader.person_id,
        sees_every_circle(reader.role),
        MAX_REPLIES + 1,
    )
    .fetch_all(db)
    .await?;
    let mut rows = rows.into_iter().map(|r| r.view(reader));
    // The post itself comes first (no parent); a reply's id is not a thread, nor are the
    // replies of a deleted post.
    Ok(match rows.next() {
        Some(post) if post.id == post_id && post.parent_id.is_none() => Some(Thread {
            post,
            replies: rows.collect(),
            tryouts: Vec::new(),
            promotion: None,
            archived: false,
            prompt: None,
        }),
        _ => None,
    })
}

/// One post as `reader` sees it, whoever may read it (check access first).
async fn one(db: impl PgExecutor<'_>, reader: Caller, post_id: Uuid) -> sqlx::Result<PostView> {
    cards(db, reader, &[post_id]).await?.pop().ok_or(sqlx::Error::RowNotFound)
}

/// Posts `ids` as `reader` sees them, in no particular order, whoever may read them
/// (check access first: the library shows its practices to the whole organisation).
pub async fn cards(db: impl PgExecutor<'_>, reader: Caller, ids: &[Uuid]) -> sqlx::Result<Vec<PostView>> {
    let rows = sqlx::query_as!(
        Row,
        r#"select v.id as "id!", v.circle_id as "circle_id!", v.circle_name as "circle_name!",
                  v.author_name as "author_name!", v.kind as "kind!", v.body as "body!", v.body_html, v.created_at as "created_at!",
                  v.parent_id, v.author_id = $3 as "mine!", v.reply_count as "reply_count!",
                  v.useful_count as "useful_count!", v.will_try_count as "will_try_count!",
                  array(select x.kind from reactions x where x.org_id = v.org_id and x.post_id = v.id and x.person_id = $3) as "reacted!",
                  v.practice, v.version as "version!", v.edited_at, v.hidden_at, v.hidden_reason, v.open_reports as "open_reports!"
           from post_cards v where v.org_id = $1 and v.id = any ($2)"#,
        reader.org_id,
        ids,
        reader.person_id,
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| r.view(reader)).collect())
}

/// A post as a write to it needs it: who wrote it, of what kind it is, its version and
/// text as typed now.
pub struct Found {
    pub author_id: Uuid,
    pub kind: PostKind,
    pub version: i32,
    pub body: String,
    pub hidden: bool,
}

impl Found {
    /// Whether `caller` reads its text (and so may answer or react to it): anyone while it
    /// shows, its author and the animators while it is hidden.
    pub fn readable_by(&self, caller: Caller) -> bool {
        let standing = Standing { author: self.author_id == caller.person_id, ..Standing::default() };
        !self.hidden || allows(caller.role, standing, Action::ReadHidden)
    }
}

/// Post `post_id`, if it is one of circle `circle_id` and neither it nor the question or
/// practice it answers is deleted.
pub async fn found_in_circle(
    db: impl PgExecutor<'_>,
    org_id: Uuid,
    circle_id: Uuid,
    post_id: Uuid,
) -> sqlx::Result<Option<Found>> {
    let row = sqlx::query!(
        r#"select p.author_id, p.kind, p.version, p.body, p.hidden_at is not null as "hidden!" from posts p
           where p.org_id = $1 and p.circle_id = $2 and p.id = $3 and p.deleted_at is null
             and not exists (select 1 from posts pp where pp.org_id = p.org_id and pp.id = p.parent_id
                             and pp.deleted_at is not null)"#,
        org_id,
        circle_id,
        post_id,
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| Found {
        author_id: r.author_id,
        kind: PostKind::from_db(&r.kind),
        version: r.version,
        body: r.body,
        hidden: r.hidden,
    }))
}

/// Locks post `post_id`'s row until the caller's transaction ends: a decision then reads
/// the version and state no edit or other decision changes before it is written.
pub async fn lock(tx: &mut PgConnection, org_id: Uuid, post_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!("select id from posts where org_id = $1 and id = $2 for update", org_id, post_id)
        .fetch_optional(&mut *tx)
        .await?;
    Ok(())
}

/// Writes a post of `kind` (a reply: under `parent_id`) by `author` and its activity `event`,
/// inside the caller's transaction; returns its id. What each kind needs besides is its
/// caller's.
async fn insert(
    tx: &mut PgConnection,
    author: Caller,
    circle_id: Uuid,
    parent_id: Option<Uuid>,
    (kind, event): (PostKind, ActivityKind),
    body: &str,
) -> sqlx::Result<Uuid> {
    let id = Uuid::new_v4();
    sqlx::query!(
        "insert into posts (org_id, id, circle_id, parent_id, author_id, kind, body, body_html)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
        author.org_id,
        id,
        circle_id,
        parent_id,
        author.person_id,
        kind.as_db(),
        body,
        markdown::to_html(body),
    )
    .execute(&mut *tx)
    .await?;
    let subject = activity::Subject::Post(id);
    activity::record(&mut *tx, author.org_id, author.person_id, event, subject, Some(circle_id)).await?;
    Ok(id)
}

/// Asks a question in a circle, with its activity event, inside the caller's transaction
/// (the sync engine's, which makes it happen once per client id). Check access first.
pub async fn ask_question(
    tx: &mut PgConnection,
    author: Caller,
    circle_id: Uuid,
    body: &str,
) -> sqlx::Result<PostView> {
    let id = insert(tx, author, circle_id, None, (PostKind::Question, ActivityKind::AskedQuestion), body).await?;
    one(&mut *tx, author, id).await
}

/// A practice's parts besides what was done, checked (see `circles::api::SharePractice`).
pub struct Parts {
    pub context: String,
    pub outcome: String,
    pub difficulty: String,
    pub tags: Vec<String>,
}

/// Writes `parts` of practice `post_id`, new or edited, inside the caller's transaction.
async fn put_parts(tx: &mut PgConnection, org_id: Uuid, post_id: Uuid, parts: &Parts) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into practices (org_id, post_id, context, context_html, outcome, outcome_html,
                                difficulty, difficulty_html, tags)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         on conflict (org_id, post_id) do update set
           context = excluded.context, context_html = excluded.context_html,
           outcome = excluded.outcome, outcome_html = excluded.outcome_html,
           difficulty = excluded.difficulty, difficulty_html = excluded.difficulty_html,
           tags = excluded.tags",
        org_id,
        post_id,
        parts.context,
        markdown::to_html(&parts.context),
        parts.outcome,
        markdown::to_html(&parts.outcome),
        parts.difficulty,
        markdown::to_html(&parts.difficulty),
        &parts.tags,
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Shares a practice in a circle, with its activity event, inside the caller's
/// transaction. Check access and the parts first.
pub async fn share_practice(
    tx: &mut PgConnection,
    author: Caller,
    circle_id: Uuid,
    body: &str,
    parts: &Parts,
) -> sqlx::Result<PostView> {
    let id = insert(tx, author, circle_id, None, (PostKind::Practice, ActivityKind::SharedPractice), body).await?;
    put_parts(tx, author.org_id, id, parts).await?;
    one(&mut *tx, author, id).await
}

/// How many replies `author` posted in the last minute (deleted ones too), inside the caller's
/// transaction. Their membership row is locked first, so two replies sent at once are
/// counted one after the other.
pub async fn replies_in_last_minute(tx: &mut PgConnection, author: Caller) -> sqlx::Result<i64> {
    sqlx::query!(
        "select 1 as one from memberships where org_id = $1 and person_id = $2 for no key update",
        author.org_id,
        author.person_id,
    )
    .fetch_optional(&mut *tx)
    .await?;
    let n = sqlx::query_scalar!(
        r#"select count(*) as "n!" from posts
           where org_id = $1 and author_id = $2 and parent_id is not null
             and created_at > now() - interval '1 minute'"#,
        author.org_id,
        author.person_id,
    )
    .fetch_one(&mut *tx)
    .await?;
    Ok(n)
}

/// Replies to question, practice or prompt `parent_id` of circle `circle_id`, with its
/// activity event (answering a prompt counts as such), inside the caller's transaction. Check
/// access, and that the parent is one of that circle ([`found_in_circle`]), first.
pub async fn reply(
    tx: &mut PgConnection,
    author: Caller,
    circle_id: Uuid,
    (parent_id, parent_kind): (Uuid, PostKind),
    body: &str,
) -> sqlx::Result<PostView> {
    let event = if parent_kind == PostKind::Prompt { ActivityKind::AnsweredPrompt } else { ActivityKind::Replied };
    let id = insert(tx, author, circle_id, Some(parent_id), (PostKind::Reply, event), body).await?;
    one(&mut *tx, author, id).await
}

/// Replaces the text of post `post_id` (and a practice's `parts`) if it is still at
/// `version`, inside the caller's transaction: `None` when another edit came first. A
/// practice in the library is searched by its new words. Check access and input first.
pub async fn edit(
    tx: &mut PgConnection,
    author: Caller,
    post_id: Uuid,
    version: i32,
    body: &str,
    parts: Option<&Parts>,
) -> sqlx::Result<Option<PostView>> {
    let changed = sqlx::query!(
        "update posts set body = $3, body_html = $4, version = version + 1, edited_at = now()
         where org_id = $1 and id = $2 and version = $5 and deleted_at is null",
        author.org_id,
        post_id,
        body,
        markdown::to_html(body),
        version,
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Ok(None);
    }
    if let Some(parts) = parts {
        put_parts(tx, author.org_id, post_id, parts).await?;
        sqlx::query!(
            "update library_entries set document = library_document(org_id, post_id, themes, skills)
             where org_id = $1 and post_id = $2",
            author.org_id,
            post_id,
        )
        .execute(&mut *tx)
        .await?;
    }
    one(&mut *tx, author, post_id).await.map(Some)
}

/// Deletes post `post_id` of circle `circle_id` (kept for the events and replies that refer
/// to it, shown nowhere again), with its activity event, inside the caller's transaction.
/// Check access first.
pub async fn delete(tx: &mut PgConnection, author: Caller, circle_id: Uuid, post_id: Uuid) -> sqlx::Result<()> {
    let done = sqlx::query!(
        "update posts set deleted_at = now() where org_id = $1 and id = $2 and deleted_at is null",
        author.org_id,
        post_id,
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 1 {
        let subject = activity::Subject::Post(post_id);
        let kind = ActivityKind::DeletedPost;
        activity::record(&mut *tx, author.org_id, author.person_id, kind, subject, Some(circle_id)).await?;
    }
    Ok(())
}

/// Gives (`on`) or takes back `reaction` of `person` to post `post_id`, inside the
/// caller's transaction; a change (not a repeat) appends its activity event. Returns the
/// post as `person` now sees it. Check access, and that they are not its author, first.
pub async fn react(
    tx: &mut PgConnection,
    person: Caller,
    circle_id: Uuid,
    post_id: Uuid,
    reaction: Reaction,
    on: bool,
) -> sqlx::Result<PostView> {
    let (org_id, person_id) = (person.org_id, person.person_id);
    let changed = if on {
        sqlx::query!(
            "insert into reactions (org_id, post_id, person_id, kind) values ($1, $2, $3, $4) on conflict do nothing",
            org_id,
            post_id,
            person_id,
            reaction.as_db(),
        )
        .execute(&mut *tx)
        .await?
    } else {
        sqlx::query!(
            "delete from reactions where org_id = $1 and post_id = $2 and person_id = $3 and kind = $4",
            org_id,
            post_id,
            person_id,
            reaction.as_db(),
        )
        .execute(&mut *tx)
        .await?
    }
    .rows_affected()
        == 1;
    if changed {
        let kind = if on { ActivityKind::Reacted(reaction) } else { ActivityKind::Unreacted(reaction) };
        activity::record(&mut *tx, org_id, person_id, kind, activity::Subject::Post(post_id), Some(circle_id)).await?;
    }
    one(&mut *tx, person, post_id).await
}

/// Renders the HTML of posts written before it was kept (or after the column was cleared
/// for new rules), a batch at a time; returns how many. Run at start-up.
pub async fn render_missing_html(pool: &sqlx::PgPool) -> sqlx::Result<u64> {
    let mut done = 0;
    loop {
        let rows = sqlx::query!("select org_id, id, body from posts where body_html is null limit 500")
            .fetch_all(pool)
            .await?;
        if rows.is_empty() {
            return Ok(done);
        }
        let (mut orgs, mut ids, mut html) = (Vec::new(), Vec::new(), Vec::new());
        for r in rows {
            orgs.push(r.org_id);
            ids.push(r.id);
            html.push(markdown::to_html(&r.body));
        }
        sqlx::query!(
            "update posts p set body_html = r.html
             from unnest($1::uuid[], $2::uuid[], $3::text[]) as r (org_id, id, html)
             where p.org_id = r.org_id and p.id = r.id",
            &orgs,
            &ids,
            &html,
        )
        .execute(pool)
        .await?;
        done += ids.len() as u64;
    }
}
