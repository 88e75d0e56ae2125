//! A circle: its purpose, the form to ask a question, the writes still on their way, and its
//! posts newest first, a page at a time (the cursor is in the URL, so paging works without
//! JavaScript too).
use crate::circles::api::{get_circle, list_circle_posts};
use crate::circles::ask_form::AskForm;
use crate::circles::model::{CircleDetail, CircleKind};
use crate::circles::post_card::PostCard;
use crate::circles::posts::{Cursor, PostPage};
use crate::circles::practice_form::PracticeForm;
use crate::circles::reactions::{Reactions, RefusedReaction};
use crate::error::AppError;
use crate::home::page::KindLabel;
use crate::i18n::*;
use crate::identity::model::Me;
use crate::network::api::network_href;
use crate::offline::outbox_list::OutboxList;
use crate::offline::sync_mark::SyncMark;
use crate::offline::{cache, outbox::Outbox};
use crate::plc::charter::charter_href;
use crate::prompts::page::OpenPrompts;
use crate::sessions::page::SessionsPanel;
use crate::shell::layout::current_me;
use crate::tr;
use crate::ui::error::ErrorAlert;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use leptos_router::{lazy_route, LazyRoute};
use uuid::Uuid;

/// The circle page, `/circles/:id`, loaded lazily. `data` (in every first load) only reads the
/// address; the circle and its posts are asked for in `view`, with the page's own code, so
/// their decoders stay out of the first load (see `network::page::NetworkPage`).
pub struct CirclePage {
    circle_id: Memo<Option<Uuid>>,
    cursor: Memo<Option<Cursor>>,
}

#[lazy_route]
impl LazyRoute for CirclePage {
    fn data() -> Self {
        let params = use_params_map();
        let query = use_query_map();
        let circle_id = Memo::new(move |_| params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok()));
        let cursor = Memo::new(move |_| {
            let q = query.read();
            let before_us = q.get("before_us")?.parse().ok()?;
            let before_id = Uuid::parse_str(&q.get("before_id")?).ok()?;
            Some(Cursor { before_us, before_id })
        });
        CirclePage { circle_id, cursor }
    }

    fn view(this: Self) -> AnyView {
        let CirclePage { circle_id, cursor } = this;
        let outbox = Outbox::use_outbox();
        // Asked again when a write lands: its sessions are listed with it.
        let circle = Resource::new(
            move || (circle_id.get(), outbox.synced_count()),
            |(id, _)| async move {
                match id {
                    Some(id) => get_circle(id).await,
                    None => Err(AppError::NotFound),
                }
            },
        );
        let posts = Resource::new(
            move || (circle_id.get(), cursor.get(), outbox.synced_count()),
            |(id, cursor, _)| async move {
                match id {
                    Some(id) => list_circle_posts(id, cursor).await,
                    None => Err(AppError::NotFound),
                }
            },
        );
        let i18n = use_i18n();
        // Copies for offline use are kept per circle (and per page of older posts).
        let circle_key = move || format!("circle:{}", circle_id.get().unwrap_or_default());
        let posts_key = move || match cursor.get() {
            Some(c) => format!("posts:{}:{}:{}", circle_id.get().unwrap_or_default(), c.before_us, c.before_id),
            None => format!("posts:{}", circle_id.get().unwrap_or_default()),
        };

        view! {
            <main class="page">
                <Transition fallback=move || view! { <p class="loading">{tr!(i18n, circle.loading)}</p> }>
                    {move || Suspend::new(async move {
                        let me = current_me().await;
                        match cache::fresh_or_cached(&circle_key(), circle.await) {
                            Ok(shown) => {
                                let (id, archived) = (shown.data.id, shown.data.archived);
                                let fresh = shown.offline_since.is_none();
                                let sessions = shown.data.sessions.clone();
                                let prompts = shown.data.prompts.clone();
                                // Archived: read, with nothing to write in.
                                let forms = (!archived).then(|| view! {
                                    <AskForm circle_id=id me=me.clone() />
                                    <PracticeForm circle_id=id me=me.clone() />
                                });
                                Either::Left(view! {
                                    <Header circle=shown.data />
                                    <SyncMark offline_since=shown.offline_since cache_key=circle_key() />
                                    <OpenPrompts circle_id=id prompts />
                                    {forms}
                                    <OutboxList circle_id=id />
                                    // Whoever reads the circle schedules in it, while it is open.
                                    <SessionsPanel circle_id=id sessions may_schedule=!archived me fresh />
                                })
                            }
                            Err(error) => Either::Right(view! {
                                <h1>{tr!(i18n, app_name)}</h1>
                                <ErrorAlert error />
                                <p><a href="/">{tr!(i18n, circle.back)}</a></p>
                            }),
                        }
                    })}
                </Transition>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let me = current_me().await;
                        match cache::fresh_or_cached(&posts_key(), posts.await) {
                            Ok(shown) => EitherOf3::A(view! { <Posts page=shown.data me fresh=shown.offline_since.is_none() /> }),
                            Err(AppError::Forbidden | AppError::NotFound) => EitherOf3::B(()),
                            Err(error) => EitherOf3::C(view! { <ErrorAlert error /> }),
                        }
                    })}
                </Transition>
            </main>
        }
        .into_any()
    }
}

#[component]
fn Header(circle: CircleDetail) -> impl IntoView {
    let i18n = use_i18n();
    let count = circle.member_count;
    let name = circle.name.clone();
    view! {
        <Title text=format!("{name} · Apprenance") />
        <header class="circle-head">
            <p class="muted">
                <KindLabel kind=circle.kind />
                " · "
                {move || t_string!(i18n, home.members, count).to_string()}
            </p>
            <h1>{circle.name}</h1>
            {(!circle.purpose.is_empty()).then(|| view! { <p class="purpose">{circle.purpose}</p> })}
            {(circle.kind == CircleKind::Plc).then(|| view! {
                <p><a class="charter-link" href=charter_href(circle.id)>{tr!(i18n, charter.link)}</a></p>
            })}
            {(circle.kind == CircleKind::Network).then(|| view! {
                <p><a class="charter-link" href=network_href(circle.id)>{tr!(i18n, network.link)}</a></p>
            })}
            {circle.archived.then(|| view! { <p class="archived-note">{tr!(i18n, admin.archived_note)}</p> })}
        </header>
    }
}

#[component]
fn Posts(page: PostPage, me: Option<Me>, fresh: bool) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let landed: Vec<Uuid> = page.posts.iter().map(|p| p.id).collect();
    if fresh {
        Effect::new(move |_| outbox.forget_landed(&landed));
    }
    let list = if page.posts.is_empty() {
        Either::Left(view! { <p class="empty">{tr!(i18n, circle.no_posts)}</p> })
    } else {
        Either::Right(
            page.posts
                .into_iter()
                .map(|post| {
                    let bar = post.clone();
                    let me = me.clone();
                    // Hidden from this reader: its place only (a reaction would be refused).
                    let acts = bar.readable.then(|| view! { <Reactions post=bar me /> });
                    view! { <PostCard post>{acts}</PostCard> }
                })
                .collect_view(),
        )
    };
    let older = page.next.map(|c| {
        view! {
            <a class="more" href=format!("?before_us={}&before_id={}", c.before_us, c.before_id)>
                {tr!(i18n, circle.more)}
            </a>
        }
    });
    view! {
        <section class="posts" aria-labelledby="posts-title">
            <h2 id="posts-title">{tr!(i18n, circle.posts)}</h2>
            <RefusedReaction />
            {list}
            {older}
        </section>
    }
}
