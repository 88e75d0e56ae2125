//! A thread, `/circles/:id/posts/:post_id`, loaded lazily: a question or practice, its replies
//! oldest first, each with its reactions, and the form to reply. Kept on the device for
//! offline reading like the circle page.
use crate::circles::api::get_thread;
use crate::circles::ask_form::ReplyForm;
use crate::circles::edit::{DeleteForm, EditForm, PostDeletion, PostEdit};
use crate::circles::moderation::{ModerateForm, PostModeration, PostReport, ReportForm};
use crate::circles::post_card::PostCard;
use crate::circles::posts::{PostKind, PostView, Thread};
use crate::circles::practice_form::PracticeForm;
use crate::circles::reactions::{Reactions, RefusedReaction};
use crate::circles::tried::{Adoption, TriedForm};
use crate::error::AppError;
use crate::i18n::*;
use crate::identity::model::{Me, Role};
use crate::library::promote_form::PromoteForm;
use crate::offline::outbox_list::OutboxList;
use crate::offline::refill::reopens;
use crate::offline::sync_mark::SyncMark;
use crate::offline::write_form::posted_error;
use crate::offline::{cache, outbox::Outbox};
use crate::prompts::model::{PromptState, PromptWindow};
use crate::shell::layout::current_me;
use crate::tr;
use crate::ui::error::ErrorAlert;
use crate::ui::time::format_time;
use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use leptos_router::{lazy_route, LazyRoute};
use uuid::Uuid;

/// The thread page. `data` (in every first load) only reads the address; the thread is asked
/// for in `view`, with the page's own code (see `network::page::NetworkPage`).
pub struct ThreadPage {
    ids: Memo<Option<(Uuid, Uuid)>>,
}

#[lazy_route]
impl LazyRoute for ThreadPage {
    fn data() -> Self {
        let params = use_params_map();
        let ids = Memo::new(move |_| {
            let p = params.read();
            Some((Uuid::parse_str(&p.get("id")?).ok()?, Uuid::parse_str(&p.get("post_id")?).ok()?))
        });
        ThreadPage { ids }
    }

    fn view(this: Self) -> AnyView {
        let ThreadPage { ids } = this;
        let outbox = Outbox::use_outbox();
        let thread = Resource::new(
            move || (ids.get(), outbox.synced_count()),
            |(ids, _)| async move {
                match ids {
                    Some((circle_id, post_id)) => get_thread(circle_id, post_id).await,
                    None => Err(AppError::NotFound),
                }
            },
        );
        let i18n = use_i18n();
        let key = move || {
            let (circle, post) = ids.get().unwrap_or_default();
            format!("thread:{circle}:{post}")
        };
        view! {
            <main class="page">
                <Transition fallback=move || view! { <p class="loading">{tr!(i18n, circle.loading)}</p> }>
                    {move || Suspend::new(async move {
                        let me = current_me().await;
                        match cache::fresh_or_cached(&key(), thread.await) {
                            Ok(shown) => Either::Left(view! {
                                <SyncMark offline_since=shown.offline_since cache_key=key() />
                                <ThreadView thread=shown.data me fresh=shown.offline_since.is_none() />
                            }),
                            Err(error) => {
                                let back = ids.get().map_or_else(|| "/".to_owned(), |(circle, _)| format!("/circles/{circle}"));
                                Either::Right(view! {
                                    <h1>{tr!(i18n, app_name)}</h1>
                                    <ErrorAlert error />
                                    <p><a href=back>{tr!(i18n, thread.back)}</a></p>
                                })
                            }
                        }
                    })}
                </Transition>
            </main>
        }
        .into_any()
    }
}

/// What one may do to a post besides reacting, folded under it: its author edits or deletes
/// it; anyone else reports it; an animator hides, restores or keeps it.
#[component]
fn PostTools(
    post: PostView,
    me: Option<Me>,
    /// Its words stay as they are: an answer to a prompt that has closed (still deleted).
    #[prop(optional)]
    settled: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let animator = me.as_ref().is_some_and(|m| m.role == Role::Animator);
    let circle_id = post.circle_id;
    // A prompt's words are its animator's, the same in every circle: not edited from one.
    let own = (post.mine && post.kind != PostKind::Prompt).then(|| {
        let edit = if settled {
            None
        } else if post.kind == PostKind::Practice {
            Some(Either::Left(view! { <PracticeForm circle_id me=me.clone() edit=post.clone() /> }))
        } else {
            Some(Either::Right(view! { <EditForm post=post.clone() me=me.clone() /> }))
        };
        view! {
            {edit}
            <DeleteForm post=post.clone() me=me.clone() />
        }
    });
    // The animators decide rather than report.
    let report = (!post.mine && !animator).then(|| view! { <ReportForm post=post.clone() me=me.clone() /> });
    let moderate = animator.then(|| view! { <ModerateForm post=post.clone() me=me.clone() /> });
    // Refused without JavaScript, it opens again with what was typed.
    let id = post.id.to_string();
    let reopened = reopens(&[PostEdit::url(), PostReport::url(), PostModeration::url()], &[("post_id", &id)]);
    view! {
        <details class="post-tools" open=reopened>
            <summary>{tr!(i18n, thread.tools)}</summary>
            {own}
            {report}
            {moderate}
        </details>
    }
}

/// The refusal of an edit, a deletion, a report or a decision posted without JavaScript
/// (Leptos carries it in the URL), once per page, above its posts.
#[component]
fn RefusedChange() -> impl IntoView {
    let posted = [
        posted_error::<PostEdit>(),
        posted_error::<PostDeletion>(),
        posted_error::<PostReport>(),
        posted_error::<PostModeration>(),
    ];
    move || posted.iter().find_map(|p| p.get()).map(|error| view! { <ErrorAlert error /> })
}

#[component]
fn ThreadView(thread: Thread, me: Option<Me>, fresh: bool) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let Thread { post, replies, tryouts, promotion, archived, prompt } = thread;
    let (circle_id, post_id) = (post.circle_id, post.id);
    // Replies, reactions and accounts that landed are shown from the server now: forget them.
    let landed: Vec<Uuid> = replies.iter().map(|r| r.id).chain(tryouts.iter().map(|t| t.id)).chain([post_id]).collect();
    if fresh {
        Effect::new(move |_| outbox.forget_landed(&landed));
    }
    let circle_name = post.circle_name.clone();
    let title = post.body.chars().take(60).collect::<String>();
    let count = post.reply_count;
    // Hidden from this reader: its place and its replies, nothing to do with it.
    let shut = !post.readable;
    // A closed prompt's answers are what it gathered: not edited any more.
    let settled = prompt.as_ref().is_some_and(|w| w.state == PromptState::Closed);
    let list = if replies.is_empty() && shut {
        Either::Left(None)
    } else if replies.is_empty() {
        Either::Left(Some(view! { <p class="empty">{tr!(i18n, thread.no_replies)}</p> }))
    } else {
        Either::Right(
            replies
                .into_iter()
                .map(|reply| {
                    // Hidden from this reader: its place only, nothing to do with it.
                    let shut = !reply.readable;
                    let (bar, tools) = (reply.clone(), reply.clone());
                    let me = me.clone();
                    let acts = (!shut).then(|| {
                        view! {
                            <Reactions post=bar me=me.clone() />
                            <PostTools post=tools me settled />
                        }
                    });
                    view! { <PostCard post=reply>{acts}</PostCard> }
                })
                .collect_view(),
        )
    };
    // A practice: who took it up, saying one did, and (animators) the library.
    let practice = (post.kind == PostKind::Practice && !shut).then(|| {
        let again = tryouts.iter().any(|t| t.mine);
        // An archived circle takes no new account of trying, unless the practice is in the
        // library (the organisation's to try, as the policy says).
        let open = !archived || promotion.is_some();
        let tried = (!post.mine && open).then(|| view! { <TriedForm circle_id post_id me=me.clone() again /> });
        let animator = me.as_ref().is_some_and(|m| m.role == Role::Animator);
        let promote = animator.then(|| view! { <PromoteForm circle_id post_id promotion me=me.clone() /> });
        view! {
            <Adoption tryouts />
            {tried}
            {promote}
        }
    });
    let (head, tools) = (post.clone(), post.clone());
    let me_for_form = me.clone();
    // A prompt is answered while it is open only.
    let open = prompt.is_none_or(|w| w.state == PromptState::Open);
    view! {
        <Title text=format!("{title} · Apprenance") />
        <p class="crumb">
            <a href=format!("/circles/{circle_id}")>{move || t_string!(i18n, thread.in_circle, circle = &circle_name).to_string()}</a>
        </p>
        <h1 class="thread-title">{tr!(i18n, thread.title)}</h1>
        <RefusedReaction />
        <RefusedChange />
        <PostCard post=head in_thread=true>
            {(!shut).then(|| view! {
                <Reactions post me=me.clone() />
                <PostTools post=tools me=me.clone() />
            })}
        </PostCard>
        {practice}
        {prompt.map(|window| view! { <PromptWindowNote window /> })}
        <section class="replies-list" aria-labelledby="replies-title">
            <h2 id="replies-title">{move || t_string!(i18n, thread.replies, count).to_string()}</h2>
            {list}
        </section>
        <OutboxList circle_id />
        {archived.then(|| view! { <p class="archived-note">{tr!(i18n, admin.archived_note)}</p> })}
        {(!shut && !archived && open).then(|| view! { <ReplyForm circle_id post_id me=me_for_form /> })}
    }
}

/// When a prompt's thread takes answers: until when, since when it is closed, or from when.
#[component]
fn PromptWindowNote(window: PromptWindow) -> impl IntoView {
    let i18n = use_i18n();
    let (opens, closes) = (format_time(window.opens_at), format_time(window.closes_at));
    let note = move || match window.state {
        PromptState::Upcoming => t_string!(i18n, prompt.opens_on, at = &opens).to_string(),
        PromptState::Open => t_string!(i18n, prompt.open_until, at = &closes).to_string(),
        PromptState::Closed => t_string!(i18n, prompt.closed_on, at = &closes).to_string(),
    };
    view! { <p class=if window.state == PromptState::Open { "prompt-window is-open" } else { "prompt-window" }>{note}</p> }
}
