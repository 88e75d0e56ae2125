//! The notifications page, `/notifications` (loaded lazily, kept on the device for offline
//! reading): the newest first, unread ones marked. Opening one marks it read and opens what it
//! is about; without JavaScript each is a plain form that does both on the server.
use crate::i18n::*;
use crate::identity::model::Me;
use crate::network::model::Decision;
use crate::notifications::api::{get_notifications, PostReadNotifications, ReadNotifications};
use crate::notifications::model::{Notice, NoticeKind, NoticesPage as Page};
use crate::offline::cache;
use crate::offline::outbox::Outbox;
use crate::offline::outbox_list::OutboxOfKind;
use crate::offline::sync_mark::SyncMark;
use crate::offline::write_form::EnvelopeFields;
use crate::offline::writes::{Command, Write};
use crate::shell::layout::{current_me, Unread};
use crate::tr;
use crate::ui::error::ErrorAlert;
use crate::ui::time::{format_time, UnixMs};
use leptos::either::Either;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;
use leptos_router::{lazy_route, LazyRoute};

/// The page. Its data is asked for in `view`, with the page's own code; asked again when a
/// write lands.
pub struct NotificationsPage;

#[lazy_route]
impl LazyRoute for NotificationsPage {
    fn data() -> Self {
        NotificationsPage
    }

    fn view(_this: Self) -> AnyView {
        let outbox = Outbox::use_outbox();
        let page = Resource::new(move || outbox.synced_count(), |_| get_notifications());
        let i18n = use_i18n();
        const KEY: &str = "notifications";
        view! {
            <Title text=move || format!("{} · Apprenance", t_string!(i18n, notice.page_title)) />
            <main class="page notifications-page">
                <h1>{tr!(i18n, notice.page_title)}</h1>
                <Transition fallback=move || view! { <p class="loading">{tr!(i18n, circle.loading)}</p> }>
                    {move || Suspend::new(async move {
                        let me = current_me().await;
                        match cache::fresh_or_cached(KEY, page.await) {
                            Ok(shown) => {
                                let Page { notices, unread } = shown.data;
                                if shown.offline_since.is_none() {
                                    if let Some(count) = use_context::<Unread>() {
                                        count.0.set(unread);
                                    }
                                }
                                Either::Left(view! {
                                    <SyncMark offline_since=shown.offline_since cache_key=KEY.to_owned() />
                                    // Marking read that failed (a notification gone since):
                                    // here to retry or discard.
                                    <OutboxOfKind kind=ReadNotifications::KIND failed_only=true />
                                    <NoticeList notices unread me />
                                })
                            }
                            Err(error) => Either::Right(view! { <ErrorAlert error /> }),
                        }
                    })}
                </Transition>
            </main>
        }
        .into_any()
    }
}

/// The list, with "mark all as read" while some are unread.
#[component]
fn NoticeList(notices: Vec<Notice>, unread: i64, me: Option<Me>) -> impl IntoView {
    let i18n = use_i18n();
    if notices.is_empty() {
        return Either::Left(view! { <p class="empty card">{tr!(i18n, notice.none)}</p> });
    }
    let newest = notices.iter().map(|n| n.at).max().unwrap_or_default();
    let read: Vec<RwSignal<bool>> = notices.iter().map(|n| RwSignal::new(n.read)).collect();
    // Unread beyond the newest shown count too: "mark all" stays until it is used.
    let beyond = unread > i64::try_from(read.iter().filter(|r| !r.get_untracked()).count()).unwrap_or(i64::MAX);
    let marked = RwSignal::new(false);
    let all_read = read.clone();
    let left = move || !marked.get() && (beyond || all_read.iter().any(|r| !r.get()));
    let items = notices
        .into_iter()
        .zip(read.iter().copied())
        .map(|(notice, read)| view! { <NoticeItem notice read me=me.clone() /> })
        .collect_view();
    let mark_all = read.clone();
    let outbox = Outbox::use_outbox();
    let on_all = move |ev: SubmitEvent| {
        ev.prevent_default();
        let write = Write::ReadNotifications(ReadNotifications { notification_id: None, up_to: newest });
        if outbox.enqueue(write).is_ok() {
            mark_all.iter().for_each(|r| r.set(true));
            marked.set(true);
            if let Some(count) = use_context::<Unread>() {
                count.0.set(0);
            }
        }
    };
    Either::Right(view! {
        <Show when=left>
            <form class="mark-all" method="post" action=PostReadNotifications::url() on:submit=on_all.clone()>
                <EnvelopeFields me=me.clone() />
                <input type="hidden" name="up_to" value=newest />
                <button type="submit" class="quiet">{tr!(i18n, notice.mark_all)}</button>
            </form>
        </Show>
        <ul class="notice-list">{items}</ul>
    })
}

/// One notification: a button that marks it read and opens what it is about.
#[component]
fn NoticeItem(notice: Notice, read: RwSignal<bool>, me: Option<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let navigate = use_navigate();
    let href = notice.href();
    let (id, at) = (notice.id, notice.at);
    let on_open = {
        let href = href.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            if !read.get_untracked() {
                let write = Write::ReadNotifications(ReadNotifications { notification_id: Some(id), up_to: at });
                if outbox.enqueue(write).is_ok() {
                    read.set(true);
                    if let Some(count) = use_context::<Unread>() {
                        count.0.update(|c| *c = (*c - 1).max(0));
                    }
                }
            }
            navigate(&href, Default::default());
        }
    };
    let text = headline(&notice);
    let quote = notice.snippet.clone().map(|s| view! { <span class="notice-quote">{s}</span> });
    let when = format_time(notice.at);
    view! {
        <li class="notice" class:is-unread=move || !read.get()>
            <form method="post" action=PostReadNotifications::url() on:submit=on_open>
                <EnvelopeFields me />
                <input type="hidden" name="notification_id" value=id.to_string() />
                <input type="hidden" name="up_to" value=at />
                <button type="submit" class="notice-open">
                    <span class="notice-text">
                        <Show when=move || !read.get()>
                            <span class="visually-hidden">{tr!(i18n, notice.unread)}" "</span>
                        </Show>
                        {move || text(i18n.get_locale())}
                    </span>
                    {quote}
                    <span class="notice-when muted">{when}</span>
                </button>
            </form>
        </li>
    }
}

/// What a notification says, in a language.
fn headline(notice: &Notice) -> impl Fn(Locale) -> String + Send + Sync + 'static {
    let (kind, decision) = (notice.kind, notice.decision);
    let circle = notice.circle_name.clone();
    let actor = notice.actor.clone();
    let starts: Option<UnixMs> = notice.starts_at;
    let starts = starts.map(format_time).unwrap_or_default();
    move |locale| {
        let who = actor.clone().unwrap_or_else(|| td_string!(locale, notice.someone).to_owned());
        let circle = circle.as_str();
        match kind {
            NoticeKind::Reply => td_string!(locale, notice.reply, who = &who, circle).to_string(),
            NoticeKind::PracticeTried => td_string!(locale, notice.tried, who = &who, circle).to_string(),
            NoticeKind::PracticePromoted => td_string!(locale, notice.promoted, who = &who).to_string(),
            NoticeKind::PromptOpened => td_string!(locale, notice.prompt, circle).to_string(),
            NoticeKind::SessionSoon => td_string!(locale, notice.session, circle, at = &starts).to_string(),
            NoticeKind::ProposalDecided => match decision {
                Some(Decision::Accept) => td_string!(locale, notice.accepted, circle).to_string(),
                Some(Decision::Return) => td_string!(locale, notice.returned, circle).to_string(),
                Some(Decision::Decline) | None => td_string!(locale, notice.declined, circle).to_string(),
            },
        }
    }
}
