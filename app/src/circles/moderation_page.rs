//! The animators' moderation page, `/moderation`, loaded lazily: posts reported and not yet
//! decided on, with each report's reason, and posts hidden now with why. Each links to its
//! thread, where the animator decides (`moderation::ModerateForm`). Kept on the device for
//! offline reading.
use crate::circles::moderation::{get_moderation, Queue, Reported};
use crate::circles::post_card::PostCard;
use crate::i18n::*;
use crate::offline::sync_mark::SyncMark;
use crate::offline::{cache, outbox::Outbox};
use crate::tr;
use crate::ui::error::ErrorAlert;
use crate::ui::time::format_time;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{lazy_route, LazyRoute};

/// The moderation page. Its queue is asked for in `view`, with the page's own code (see
/// `network::page::NetworkPage`).
pub struct ModerationPage;

#[lazy_route]
impl LazyRoute for ModerationPage {
    fn data() -> Self {
        ModerationPage
    }

    fn view(this: Self) -> AnyView {
        let ModerationPage = this;
        let outbox = Outbox::use_outbox();
        let queue = Resource::new(move || outbox.synced_count(), |_| get_moderation());
        let i18n = use_i18n();
        view! {
            <Title text=move || format!("{} · Apprenance", t_string!(i18n, moderation.page_title)) />
            <main class="page">
                <h1>{tr!(i18n, moderation.page_title)}</h1>
                <p class="lead">{tr!(i18n, moderation.lede)}</p>
                <Transition fallback=move || view! { <p class="loading">{tr!(i18n, circle.loading)}</p> }>
                    {move || Suspend::new(async move {
                        // Times read in the person's zone: known once they are.
                        let _ = crate::shell::layout::current_me().await;
                        match cache::fresh_or_cached("moderation", queue.await) {
                            Ok(shown) => Either::Left(view! {
                                <SyncMark offline_since=shown.offline_since cache_key="moderation".to_owned() />
                                <QueueView queue=shown.data />
                            }),
                            Err(error) => Either::Right(view! { <ErrorAlert error /> }),
                        }
                    })}
                </Transition>
            </main>
        }
        .into_any()
    }
}

#[component]
fn QueueView(queue: Queue) -> impl IntoView {
    let i18n = use_i18n();
    let Queue { reported, hidden } = queue;
    let (reported_count, hidden_count) = (reported.len(), hidden.len());
    let reported = if reported.is_empty() {
        Either::Left(view! { <p class="empty">{tr!(i18n, moderation.no_reports)}</p> })
    } else {
        Either::Right(reported.into_iter().map(|r| view! { <ReportedPost reported=r /> }).collect_view())
    };
    let hidden = if hidden.is_empty() {
        Either::Left(view! { <p class="empty">{tr!(i18n, moderation.none_hidden)}</p> })
    } else {
        Either::Right(
            hidden
                .into_iter()
                .map(|post| {
                    let link = thread_link(&post);
                    view! { <PostCard post show_circle=true>{link}</PostCard> }
                })
                .collect_view(),
        )
    };
    view! {
        <section aria-labelledby="reported-title">
            <h2 id="reported-title">{move || t_string!(i18n, moderation.reported, count = reported_count).to_string()}</h2>
            {reported}
        </section>
        <section aria-labelledby="hidden-title">
            <h2 id="hidden-title">{move || t_string!(i18n, moderation.hidden, count = hidden_count).to_string()}</h2>
            {hidden}
        </section>
    }
}

/// The link to decide on a post, in its thread (a reply: its question's thread).
fn thread_link(post: &crate::circles::posts::PostView) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let root = post.parent_id.unwrap_or(post.id);
    let href = format!("/circles/{}/posts/{}#post-{}", post.circle_id, root, post.id);
    view! { <a class="decide" href=href>{tr!(i18n, moderation.decide)}</a> }
}

#[component]
fn ReportedPost(reported: Reported) -> impl IntoView {
    let Reported { post, reasons } = reported;
    let link = thread_link(&post);
    let reasons = reasons
        .into_iter()
        .map(|(reason, at)| view! { <li><span>{reason}</span> " · " <time>{format_time(at)}</time></li> })
        .collect_view();
    view! {
        <PostCard post show_circle=true>
            <ul class="reasons">{reasons}</ul>
            {link}
        </PostCard>
    }
}
