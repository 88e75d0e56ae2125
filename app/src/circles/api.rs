//! A circle's server functions: its header, its posts, a thread; and the writes made in it
//! (asking, replying, reacting), each a write of the sync engine with a plain-form endpoint
//! for pages used without JavaScript.
// The plain-form endpoints take one argument per field of their form (the `server` macro
// repeats them in code an item's `allow` does not reach).
#![allow(clippy::too_many_arguments)]
#[cfg(feature = "ssr")]
use crate::access::Action;
use crate::circles::model::CircleDetail;
#[cfg(feature = "ssr")]
use crate::circles::posts::PostKind;
use crate::circles::posts::{Cursor, PostPage, Reaction, Thread};
use crate::error::AppError;
use crate::json::Answer;
use crate::offline::writes::{Command, Receipt};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Checks that `caller` may do `action` in circle `circle_id` (the access policy decides, from
/// their role and whether they are a member); answers whether they are a member. An archived
/// circle's refusal says so to whoever may read it.
#[cfg(feature = "ssr")]
pub(crate) async fn granted(
    db: impl sqlx::PgExecutor<'_>,
    caller: crate::identity::session::Caller,
    circle_id: Uuid,
    action: crate::access::Action,
) -> Result<bool, AppError> {
    Ok(granted_standing(db, caller, circle_id, action).await?.circle_member)
}

/// [`granted`], answering how `caller` stands towards the circle (to ask the policy of other
/// actions without another query).
#[cfg(feature = "ssr")]
pub(crate) async fn granted_standing(
    db: impl sqlx::PgExecutor<'_>,
    caller: crate::identity::session::Caller,
    circle_id: Uuid,
    action: crate::access::Action,
) -> Result<crate::access::Standing, AppError> {
    use crate::circles::model::{self as circle, Access};
    let found = circle::membership(db, caller.org_id, circle_id, caller.person_id).await?;
    let standing = found.standing();
    match circle::access(found.exists, standing, caller.role, action) {
        Access::Granted => Ok(standing),
        Access::Denied => Err(archived_or_forbidden(caller, standing, action)),
        Access::Missing => Err(AppError::NotFound),
    }
}

/// Why `action` was refused to `caller` standing so: `Archived` when only the archive stands in
/// the way, for someone who reads the circle; else `Forbidden`.
#[cfg(feature = "ssr")]
pub(crate) fn archived_or_forbidden(
    caller: crate::identity::session::Caller,
    standing: crate::access::Standing,
    action: Action,
) -> AppError {
    use crate::access::{allows, closed_by_archive, Standing};
    let open = Standing { archived: false, ..standing };
    if closed_by_archive(standing, action) && allows(caller.role, open, action) {
        AppError::Archived
    } else {
        AppError::Forbidden
    }
}

/// Post `post_id` of circle `circle_id`, if `caller` may do `action` to it (the access policy
/// decides, from their role and how they stand towards it). Whoever may not see it (they read
/// neither its circle nor the library holding it) is refused before learning whether it exists.
#[cfg(feature = "ssr")]
pub(crate) async fn post_allowing(
    tx: &mut sqlx::PgConnection,
    caller: crate::identity::session::Caller,
    (circle_id, post_id): (Uuid, Uuid),
    action: Action,
) -> Result<crate::circles::posts::Found, AppError> {
    use crate::access::{allows, Standing};
    use crate::circles::{model as circle, posts as post};
    let (org, person) = (caller.org_id, caller.person_id);
    let circle = circle::membership(&mut *tx, org, circle_id, person).await?;
    if !circle.exists {
        return Err(AppError::NotFound);
    }
    let in_library = crate::library::model::holds(&mut *tx, org, circle_id, post_id).await?;
    let seen = Standing { in_library, ..circle.standing() };
    if !in_library && !allows(caller.role, seen, Action::ReadCircle) {
        return Err(AppError::Forbidden);
    }
    let Some(found) = post::found_in_circle(&mut *tx, org, circle_id, post_id).await? else {
        return Err(AppError::NotFound);
    };
    // Hidden from them: nothing to do with it but wait (its author and animators read it).
    if !found.readable_by(caller) {
        return Err(AppError::Forbidden);
    }
    let standing = Standing { author: found.author_id == person, ..seen };
    if !allows(caller.role, standing, action) {
        return Err(archived_or_forbidden(caller, standing, action));
    }
    Ok(found)
}

/// A circle's header, for its members and animators.
#[server(endpoint = "circle", input = GetUrl, output = Answer)]
pub async fn get_circle(circle_id: Uuid) -> Result<CircleDetail, AppError> {
    use crate::circles::model::{self as circle, Access};
    crate::identity::session::respond(|req| async move {
        let me = req.caller().await?;
        match circle::detail_for(&req.pool, me.org_id, circle_id, me.person_id, me.role).await? {
            Ok(detail) => Ok(detail),
            Err(Access::Denied) => Err(AppError::Forbidden),
            Err(_) => Err(AppError::NotFound),
        }
    })
    .await
}

/// A page of a circle's posts, newest first; `before` continues from a previous page.
#[server(endpoint = "circle_posts", input = GetUrl, output = Answer)]
pub async fn list_circle_posts(circle_id: Uuid, before: Option<Cursor>) -> Result<PostPage, AppError> {
    use crate::circles::posts as post;
    crate::identity::session::respond(|req| async move {
        let me = req.caller().await?;
        let page = post::list_in_circle(&req.pool, me, circle_id, before, post::PAGE_SIZE).await?;
        if page.posts.is_empty() {
            // Empty: an empty circle, or not theirs to read. Only then is access asked apart.
            granted(&req.pool, me, circle_id, Action::ReadCircle).await?;
        }
        Ok(page)
    })
    .await
}

/// "Comment fais-tu pour… ?" asked in a circle: a write of the sync engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskQuestion {
    pub circle_id: Uuid,
    pub body: String,
}

impl Command for AskQuestion {
    const KIND: &'static str = "ask_question";
}

#[cfg(feature = "ssr")]
impl crate::offline::ledger::Apply for AskQuestion {
    type Output = crate::circles::posts::PostView;

    async fn apply(
        self,
        tx: &mut sqlx::PgConnection,
        caller: crate::identity::session::Caller,
    ) -> Result<Self::Output, AppError> {
        use crate::error::Field;
        use crate::ui::text;
        granted(&mut *tx, caller, self.circle_id, Action::WriteInCircle).await?;
        let body = text::required(Field::Question, &self.body, text::MAX_POST_CHARS)?;
        Ok(crate::circles::posts::ask_question(tx, caller, self.circle_id, &body).await?)
    }

    fn subject(output: &Self::Output) -> Option<Uuid> {
        Some(output.id)
    }
}

/// The ask form posted without JavaScript (the hydrated page queues the write instead). It
/// carries what a queued write carries, so it goes through the same ledger: a double submit
/// with the form's client id makes one post.
#[server(endpoint = "ask_question", output = Answer)]
pub async fn post_question(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    body: String,
) -> Result<Receipt, AppError> {
    use crate::offline::writes::Write;
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        Write::AskQuestion(AskQuestion { circle_id, body }).apply(&req.pool, caller, client_id).await
    })
    .await
}

/// A question or practice and its replies, for the circle's members and animators.
#[server(endpoint = "thread", input = GetUrl, output = Answer)]
pub async fn get_thread(circle_id: Uuid, post_id: Uuid) -> Result<Thread, AppError> {
    use crate::circles::posts as post;
    crate::identity::session::respond(|req| async move {
        let me = req.caller().await?;
        // Whether the circle is archived (closed to replies), asked alongside the thread.
        let (found, membership) = tokio::try_join!(
            post::thread(&req.pool, me, circle_id, post_id),
            crate::circles::model::membership(&req.pool, me.org_id, circle_id, me.person_id),
        )?;
        let found = found.map(|thread| Thread { archived: membership.archived, ..thread });
        match found {
            // A hidden practice's accounts and library words are for who may read it.
            Some(mut thread) if thread.post.kind == PostKind::Practice && thread.post.readable => {
                let (tryouts, promotion) = tokio::try_join!(
                    crate::circles::tried::list(&req.pool, me.org_id, post_id, me.person_id),
                    crate::library::model::promotion(&req.pool, me.org_id, post_id),
                )?;
                thread.tryouts = tryouts;
                thread.promotion = promotion;
                Ok(thread)
            }
            Some(mut thread) if thread.post.kind == PostKind::Prompt => {
                thread.prompt = crate::prompts::api::prompt_window(&req.pool, me.org_id, post_id).await?;
                Ok(thread)
            }
            Some(thread) => Ok(thread),
            None => {
                // Not theirs to read, or no such post: only then is access asked apart.
                granted(&req.pool, me, circle_id, Action::ReadCircle).await?;
                Err(AppError::NotFound)
            }
        }
    })
    .await
}

/// A practice shared in a circle, as a short experience report: a write of the sync engine.
/// `body` is what was done (required); the other parts may be empty; `tags` as typed, "a, b".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharePractice {
    pub circle_id: Uuid,
    pub context: String,
    pub body: String,
    pub outcome: String,
    pub difficulty: String,
    pub tags: String,
}

impl Command for SharePractice {
    const KIND: &'static str = "share_practice";
}

#[cfg(feature = "ssr")]
impl crate::offline::ledger::Apply for SharePractice {
    type Output = crate::circles::posts::PostView;

    async fn apply(
        self,
        tx: &mut sqlx::PgConnection,
        caller: crate::identity::session::Caller,
    ) -> Result<Self::Output, AppError> {
        use crate::circles::posts::{self as post, Parts};
        use crate::error::Field;
        use crate::ui::text::{self, MAX_PART_CHARS, MAX_POST_CHARS};
        granted(&mut *tx, caller, self.circle_id, Action::WriteInCircle).await?;
        let body = text::required(Field::Practice, &self.body, MAX_POST_CHARS)?;
        let parts = Parts {
            context: text::optional(Field::Context, &self.context, MAX_PART_CHARS)?,
            outcome: text::optional(Field::Outcome, &self.outcome, MAX_PART_CHARS)?,
            difficulty: text::optional(Field::Difficulty, &self.difficulty, MAX_PART_CHARS)?,
            tags: text::tags(&self.tags)?,
        };
        Ok(post::share_practice(tx, caller, self.circle_id, &body, &parts).await?)
    }

    fn subject(output: &Self::Output) -> Option<Uuid> {
        Some(output.id)
    }
}

/// The practice form posted without JavaScript (see [`post_question`]): one argument per field
/// of the form.
#[server(endpoint = "share_practice", output = Answer)]
pub async fn post_practice(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    context: String,
    body: String,
    outcome: String,
    difficulty: String,
    tags: String,
) -> Result<Receipt, AppError> {
    use crate::offline::writes::Write;
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        let write = SharePractice { circle_id, context, body, outcome, difficulty, tags };
        Write::SharePractice(write).apply(&req.pool, caller, client_id).await
    })
    .await
}

/// A reply to a question or practice: a write of the sync engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub circle_id: Uuid,
    /// The question or practice it answers.
    pub post_id: Uuid,
    pub body: String,
}

impl Command for Reply {
    const KIND: &'static str = "reply";
}

#[cfg(feature = "ssr")]
impl crate::offline::ledger::Apply for Reply {
    type Output = crate::circles::posts::PostView;

    async fn apply(
        self,
        tx: &mut sqlx::PgConnection,
        caller: crate::identity::session::Caller,
    ) -> Result<Self::Output, AppError> {
        use crate::circles::posts as post;
        use crate::error::Field;
        use crate::ui::text;
        granted(&mut *tx, caller, self.circle_id, Action::WriteInCircle).await?;
        // Only a question, practice or prompt of this circle takes replies (one level of
        // thread); a prompt, while it is open.
        let parent = match post::found_in_circle(&mut *tx, caller.org_id, self.circle_id, self.post_id).await? {
            Some(found) if found.kind != PostKind::Reply && found.readable_by(caller) => found.kind,
            Some(found) if found.kind != PostKind::Reply => return Err(AppError::Forbidden),
            _ => return Err(AppError::NotFound),
        };
        if parent == PostKind::Prompt {
            crate::prompts::api::open_for_answers(&mut *tx, caller.org_id, self.post_id).await?;
        }
        let body = text::required(Field::Reply, &self.body, text::MAX_POST_CHARS)?;
        let per_minute = text::MAX_REPLIES_PER_MINUTE;
        if post::replies_in_last_minute(&mut *tx, caller).await? >= i64::from(per_minute) {
            return Err(AppError::TooFast { per_minute });
        }
        Ok(post::reply(tx, caller, self.circle_id, (self.post_id, parent), &body).await?)
    }

    fn subject(output: &Self::Output) -> Option<Uuid> {
        Some(output.id)
    }
}

/// "Useful" or "I'll try it" given (`on`) or taken back: a write of the sync engine. It says
/// the state wanted, not "toggle", so a replay or two tabs never flip it twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct React {
    pub circle_id: Uuid,
    pub post_id: Uuid,
    pub reaction: Reaction,
    pub on: bool,
}

/// No `body`: the outbox names a reaction in the person's language.
impl Command for React {
    const KIND: &'static str = "react";
}

#[cfg(feature = "ssr")]
impl crate::offline::ledger::Apply for React {
    type Output = crate::circles::posts::PostView;

    async fn apply(
        self,
        tx: &mut sqlx::PgConnection,
        caller: crate::identity::session::Caller,
    ) -> Result<Self::Output, AppError> {
        use crate::access::{allows, Standing};
        use crate::circles::posts as post;
        let circle_member = granted(&mut *tx, caller, self.circle_id, Action::WriteInCircle).await?;
        let Some(found) = post::found_in_circle(&mut *tx, caller.org_id, self.circle_id, self.post_id).await? else {
            return Err(AppError::NotFound);
        };
        let standing = Standing { circle_member, author: found.author_id == caller.person_id, ..Standing::default() };
        if !allows(caller.role, standing, Action::ReactToPost) || !found.readable_by(caller) {
            return Err(AppError::Forbidden);
        }
        // "I'll try it" is for what one can take up, not for a question.
        if !found.kind.takes(self.reaction) {
            return Err(AppError::BadRequest);
        }
        Ok(post::react(tx, caller, self.circle_id, self.post_id, self.reaction, self.on).await?)
    }

    fn subject(output: &Self::Output) -> Option<Uuid> {
        Some(output.id)
    }
}

/// The reply form posted without JavaScript (see [`post_question`]).
#[server(endpoint = "reply", output = Answer)]
pub async fn post_reply(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    post_id: Uuid,
    body: String,
) -> Result<Receipt, AppError> {
    use crate::offline::writes::Write;
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        Write::Reply(Reply { circle_id, post_id, body }).apply(&req.pool, caller, client_id).await
    })
    .await
}

/// A reaction button posted without JavaScript (see [`post_question`]).
#[server(endpoint = "react", output = Answer)]
pub async fn post_reaction(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    post_id: Uuid,
    reaction: Reaction,
    on: bool,
) -> Result<Receipt, AppError> {
    use crate::offline::writes::Write;
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        Write::React(React { circle_id, post_id, reaction, on }).apply(&req.pool, caller, client_id).await
    })
    .await
}
