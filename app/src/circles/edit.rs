//! An author changes their mind: editing a post (a question, a reply, a practice and its
//! parts) and deleting it. Both are writes of the sync engine, so they work offline.
//!
//! An edit names the version of the post it was made on. If the post changed in between (the
//! author edited it on another device, or an edit queued offline lands late), nothing is
//! overwritten: the write is refused with the current text (`AppError::Stale`), and the outbox
//! shows both texts and lets the person send theirs on top of the current one.
//!
//! A deleted post is kept for the activity events and replies that refer to it, and shown
//! nowhere again: a question or practice takes its replies with it.
// The plain-form endpoints take one argument per field of their form (the `server` macro
// repeats them in code an item's `allow` does not reach).
#![allow(clippy::too_many_arguments)]
use crate::circles::posts::PostView;
use crate::error::{AppError, Field};
use crate::i18n::*;
use crate::identity::model::Me;
use crate::json::Answer;
use crate::offline::outbox::{Edited, Outbox};
use crate::offline::write_form::{EnvelopeFields, WriteForm};
use crate::offline::writes::{Command, Receipt, Write};
use crate::ui::error::ErrorAlert;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A post's new text, made on `version`: a write of the sync engine. A practice's other parts
/// come with it (the whole report is edited at once); a question or reply leaves them empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditPost {
    pub circle_id: Uuid,
    pub post_id: Uuid,
    /// The version the person saw when they edited it.
    pub version: i32,
    pub body: String,
    #[serde(default)]
    pub context: String,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub difficulty: String,
    #[serde(default)]
    pub tags: String,
}

impl Command for EditPost {
    const KIND: &'static str = "edit_post";
}

/// A post deleted by its author: a write of the sync engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletePost {
    pub circle_id: Uuid,
    pub post_id: Uuid,
}

impl Command for DeletePost {
    const KIND: &'static str = "delete_post";
}

#[cfg(feature = "ssr")]
impl crate::offline::ledger::Apply for EditPost {
    type Output = PostView;

    async fn apply(
        self,
        tx: &mut sqlx::PgConnection,
        caller: crate::identity::session::Caller,
    ) -> Result<Self::Output, AppError> {
        use crate::access::Action;
        use crate::circles::posts::{self as post, Parts, PostKind};
        use crate::ui::text::{self, MAX_PART_CHARS, MAX_POST_CHARS};
        let ids = (self.circle_id, self.post_id);
        let found = crate::circles::api::post_allowing(&mut *tx, caller, ids, Action::ChangeOwnPost).await?;
        let field = match found.kind {
            PostKind::Question => Field::Question,
            PostKind::Practice => Field::Practice,
            PostKind::Reply => Field::Reply,
            // A prompt's words are its animator's, the same in every circle it went to.
            PostKind::Prompt => return Err(AppError::Forbidden),
        };
        if found.kind == PostKind::Reply {
            crate::prompts::api::answer_may_change(&mut *tx, caller.org_id, self.post_id).await?;
        }
        let body = text::required(field, &self.body, MAX_POST_CHARS)?;
        let parts = match found.kind {
            PostKind::Practice => Some(Parts {
                context: text::optional(Field::Context, &self.context, MAX_PART_CHARS)?,
                outcome: text::optional(Field::Outcome, &self.outcome, MAX_PART_CHARS)?,
                difficulty: text::optional(Field::Difficulty, &self.difficulty, MAX_PART_CHARS)?,
                tags: text::tags(&self.tags)?,
            }),
            _ => None,
        };
        if found.version != self.version {
            return Err(AppError::Stale { version: found.version, current: found.body });
        }
        match post::edit(tx, caller, self.post_id, self.version, &body, parts.as_ref()).await? {
            Some(view) => Ok(view),
            // Another edit committed between the read and the update: tell its text.
            None => match post::found_in_circle(&mut *tx, caller.org_id, self.circle_id, self.post_id).await? {
                Some(now) => Err(AppError::Stale { version: now.version, current: now.body }),
                None => Err(AppError::NotFound),
            },
        }
    }

    fn subject(output: &Self::Output) -> Option<Uuid> {
        Some(output.id)
    }
}

#[cfg(feature = "ssr")]
impl crate::offline::ledger::Apply for DeletePost {
    type Output = Uuid;

    async fn apply(
        self,
        tx: &mut sqlx::PgConnection,
        caller: crate::identity::session::Caller,
    ) -> Result<Self::Output, AppError> {
        use crate::access::Action;
        let ids = (self.circle_id, self.post_id);
        let found = crate::circles::api::post_allowing(&mut *tx, caller, ids, Action::ChangeOwnPost).await?;
        if found.kind == crate::circles::posts::PostKind::Prompt {
            return Err(AppError::Forbidden);
        }
        crate::circles::posts::delete(tx, caller, self.circle_id, self.post_id).await?;
        Ok(self.post_id)
    }

    fn subject(output: &Self::Output) -> Option<Uuid> {
        Some(*output)
    }
}

/// The edit form posted without JavaScript (see `circles::api::post_question`). A question's
/// or reply's form sends no practice parts.
#[server(endpoint = "edit_post", output = Answer)]
pub async fn post_edit(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    post_id: Uuid,
    version: i32,
    body: String,
    context: Option<String>,
    outcome: Option<String>,
    difficulty: Option<String>,
    tags: Option<String>,
) -> Result<Receipt, AppError> {
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        let write = EditPost {
            circle_id,
            post_id,
            version,
            body,
            context: context.unwrap_or_default(),
            outcome: outcome.unwrap_or_default(),
            difficulty: difficulty.unwrap_or_default(),
            tags: tags.unwrap_or_default(),
        };
        Write::EditPost(write).apply(&req.pool, caller, client_id).await
    })
    .await
}

/// The delete button posted without JavaScript (see `circles::api::post_question`). Sent from
/// the deleted post's own thread, it leads to the circle rather than back to a thread that is
/// gone.
#[server(endpoint = "delete_post", output = Answer)]
pub async fn post_deletion(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    post_id: Uuid,
) -> Result<Receipt, AppError> {
    // Read before the first `.await`, while the request's context is certain.
    let from_its_thread = use_context::<http::request::Parts>()
        .and_then(|p| {
            p.headers.get(http::header::REFERER)?.to_str().ok().map(|r| r.contains(&format!("/posts/{post_id}")))
        })
        .unwrap_or(false);
    let answer = use_context::<leptos_axum::ResponseOptions>().filter(|_| from_its_thread);
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        let receipt = Write::DeletePost(DeletePost { circle_id, post_id }).apply(&req.pool, caller, client_id).await?;
        // Replaces the redirect back that Leptos gives a plain form post.
        if let (Some(answer), Ok(circle)) = (answer, http::HeaderValue::from_str(&format!("/circles/{circle_id}"))) {
            answer.insert_header(http::header::LOCATION, circle);
        }
        Ok(receipt)
    })
    .await
}

/// The form to edit a question or reply (a practice has `practice_form::PracticeForm`), filled
/// with its current text.
#[component]
pub fn EditForm(post: PostView, me: Option<Me>) -> impl IntoView {
    let (circle_id, post_id, version) = (post.circle_id, post.id, post.version);
    let field = if post.parent_id.is_some() { Field::Reply } else { Field::Question };
    let outbox = Outbox::use_outbox();
    let write = move |body| {
        let (context, outcome, difficulty, tags) = Default::default();
        // Made on the version after this device's own edits still on their way.
        let version = outbox.next_edit_version(Edited::Post(post_id), version);
        Write::EditPost(EditPost { circle_id, post_id, version, body, context, outcome, difficulty, tags })
    };
    view! {
        <WriteForm
            action=PostEdit::url()
            me
            fields=vec![
                ("circle_id", circle_id.to_string()),
                ("post_id", post_id.to_string()),
                ("version", version.to_string()),
            ]
            field
            write={Callback::new(write)}
            posted={Signal::derive(|| None)}
            id=format!("edit-{post_id}")
            class="edit"
            title={|l| td_string!(l, edit.title)}
            label={|l| td_string!(l, edit.label)}
            placeholder={|l| td_string!(l, edit.label)}
            submit={|l| td_string!(l, edit.submit)}
            hint={|l, max| td_string!(l, edit.hint, max).to_string()}
            initial=post.body
        />
    }
}

/// The button to delete `post`, with what it takes along said first. Deleting a question or
/// practice leads back to its circle.
#[component]
pub fn DeleteForm(post: PostView, me: Option<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let error = RwSignal::new(None::<AppError>);
    let (circle_id, post_id, replies) = (post.circle_id, post.id, post.reply_count);
    let root = post.parent_id.is_none();
    let navigate = leptos_router::hooks::use_navigate();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match outbox.enqueue(Write::DeletePost(DeletePost { circle_id, post_id })) {
            Ok(()) if root => navigate(&format!("/circles/{circle_id}"), Default::default()),
            Ok(()) => error.set(None),
            Err(e) => error.set(Some(e)),
        }
    };
    let warning = move || {
        if root && replies > 0 {
            t_string!(i18n, edit.delete_with_replies, count = replies).to_string()
        } else {
            t_string!(i18n, edit.delete_warning).to_string()
        }
    };
    view! {
        <form class="delete" method="post" action=PostDeletion::url() autocomplete="off" on:submit=on_submit>
            <EnvelopeFields me />
            <input type="hidden" name="circle_id" value=circle_id.to_string() />
            <input type="hidden" name="post_id" value=post_id.to_string() />
            <p class="hint">{warning}</p>
            {move || error.get().map(|error| view! { <ErrorAlert error /> })}
            <button type="submit" class="danger">{move || t_string!(i18n, edit.delete)}</button>
        </form>
    }
}
