//! A practice of the library, `/library/:post_id`, loaded lazily: the practice, the teams
//! that took it up and how it went for each person, and the form to say "I tried it". Every
//! member of the organisation reads it, whichever circle it came from; kept on the device for
//! offline reading.
use crate::circles::moderation::{PostReport, ReportForm};
use crate::circles::tried::{Adoption, TriedForm};
use crate::error::AppError;
use crate::i18n::*;
use crate::library::api::get_library_entry;
use crate::library::model::EntryPage as Entry;
use crate::library::page::EntryCard;
use crate::offline::outbox_list::OutboxList;
use crate::offline::sync_mark::SyncMark;
use crate::offline::write_form::posted_error;
use crate::offline::{cache, outbox::Outbox};
use crate::shell::layout::current_me;
use crate::tr;
use crate::ui::error::ErrorAlert;
use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use leptos_router::{lazy_route, LazyRoute};
use uuid::Uuid;

/// The entry page.
pub struct EntryPage {
    post_id: Memo<Option<Uuid>>,
}

#[lazy_route]
impl LazyRoute for EntryPage {
    fn data() -> Self {
        let params = use_params_map();
        let post_id = Memo::new(move |_| params.read().get("post_id").and_then(|s| Uuid::parse_str(&s).ok()));
        EntryPage { post_id }
    }

    fn view(this: Self) -> AnyView {
        let EntryPage { post_id } = this;
        let outbox = Outbox::use_outbox();
        let entry = Resource::new(
            move || (post_id.get(), outbox.synced_count()),
            |(id, _)| async move {
                match id {
                    Some(id) => get_library_entry(id).await,
                    None => Err(AppError::NotFound),
                }
            },
        );
        let i18n = use_i18n();
        let key = move || format!("library-entry:{}", post_id.get().unwrap_or_default());
        view! {
            <main class="page">
                <p class="crumb"><a href="/library">{tr!(i18n, library.back)}</a></p>
                <Transition fallback=move || view! { <p class="loading">{tr!(i18n, circle.loading)}</p> }>
                    {move || Suspend::new(async move {
                        let me = current_me().await;
                        match cache::fresh_or_cached(&key(), entry.await) {
                            Ok(shown) => {
                                let fresh = shown.offline_since.is_none();
                                Either::Left(view! {
                                    <SyncMark offline_since=shown.offline_since cache_key=key() />
                                    <EntryView page=shown.data me fresh />
                                })
                            }
                            Err(error) => Either::Right(view! {
                                <h1>{tr!(i18n, library.title)}</h1>
                                <ErrorAlert error />
                            }),
                        }
                    })}
                </Transition>
            </main>
        }
        .into_any()
    }
}

#[component]
fn EntryView(page: Entry, me: Option<crate::identity::model::Me>, fresh: bool) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let Entry { entry, tryouts } = page;
    let (circle_id, post_id) = (entry.post.circle_id, entry.post.id);
    let landed: Vec<Uuid> = tryouts.iter().map(|t| t.id).chain([post_id]).collect();
    if fresh {
        Effect::new(move |_| outbox.forget_landed(&landed));
    }
    let title = entry.post.body.chars().take(60).collect::<String>();
    let again = tryouts.iter().any(|t| t.mine);
    let tried = (!entry.post.mine).then(|| view! { <TriedForm circle_id post_id me=me.clone() again /> });
    // Anyone who reads it here may report it (animators decide from its thread instead).
    let animator = me.as_ref().is_some_and(|m| m.role == crate::identity::model::Role::Animator);
    let report = (!entry.post.mine && !animator).then(|| {
        let post = entry.post.clone();
        // Refused without JavaScript: the reason, back on this page (Leptos carries it in the URL).
        let refused = posted_error::<PostReport>();
        let reopened = crate::offline::refill::reopens(&[PostReport::url()], &[("post_id", &post.id.to_string())]);
        view! {
            {move || refused.get().map(|error| view! { <ErrorAlert error /> })}
            <details class="post-tools" open=reopened>
                <summary>{tr!(i18n, library.report)}</summary>
                <ReportForm post me />
            </details>
        }
    });
    view! {
        <Title text=format!("{title} · Apprenance") />
        <h1 class="thread-title">{tr!(i18n, library.entry_title)}</h1>
        <EntryCard entry on_its_page=true />
        <Adoption tryouts />
        <OutboxList circle_id />
        {tried}
        {report}
    }
}
