//! One post in a list.
use crate::circles::posts::{PostKind, PostView, PracticeView};
use crate::i18n::*;
use crate::offline::write_form::Words;
use crate::ui::time::format_time;
use leptos::either::Either;
use leptos::prelude::*;

/// A post: kind, author, when, text; with the circle's name where posts of several circles mix,
/// and under a question or practice the link to its thread. `children` go in its footer (the
/// reaction buttons).
#[component]
pub fn PostCard(
    post: PostView,
    #[prop(optional)] show_circle: bool,
    /// Shown as the head of its own thread: no link to it.
    #[prop(optional)]
    in_thread: bool,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = post.kind;
    let kind_label = move || match kind {
        PostKind::Question => t_string!(i18n, post.question),
        PostKind::Practice => t_string!(i18n, post.practice),
        PostKind::Reply => t_string!(i18n, post.reply),
        PostKind::Prompt => t_string!(i18n, post.prompt),
    };
    let circle = show_circle.then(|| {
        let href = format!("/circles/{}", post.circle_id);
        let name = post.circle_name.clone();
        view! {
            " · "
            <a href=href>{move || t_string!(i18n, home.in_circle, circle = &name).to_string()}</a>
        }
    });
    let thread = (post.parent_id.is_none() && !in_thread).then(|| {
        let href = format!("/circles/{}/posts/{}", post.circle_id, post.id);
        let count = post.reply_count;
        view! {
            <a class="replies" href=href>
                {move || {
                    if count == 0 {
                        t_string!(i18n, post.answer).to_string()
                    } else {
                        t_string!(i18n, post.replies, count).to_string()
                    }
                }}
            </a>
        }
    });
    let edited = post.edited.then(|| view! { <span class="edited">{move || t_string!(i18n, post.edited)}</span> });
    let reports = post.open_reports;
    let reported = (reports > 0).then(|| {
        view! { <span class="badge warn">{move || t_string!(i18n, post.reported, count = reports).to_string()}</span> }
    });
    // Hidden: its place, and (for its author and the animators, who still read it) why.
    let hidden = post.hidden.then(|| {
        let reason = post.hidden_reason.clone();
        view! {
            <p class="hidden-note">
                {move || match &reason {
                    Some(reason) => t_string!(i18n, post.hidden_because, reason).to_string(),
                    None => t_string!(i18n, post.hidden).to_string(),
                }}
            </p>
        }
    });
    let body = match (post.practice, post.readable) {
        (_, false) => None,
        (None, true) => Some(Either::Left(view! { <div class="post-body rich" inner_html=post.body_html></div> })),
        (Some(practice), true) => Some(Either::Right(view! { <Practice practice body_html=post.body_html /> })),
    };
    view! {
        <article class="post" class:is-hidden=post.hidden id=format!("post-{}", post.id)>
            <header class="post-meta">
                <span class="badge">{kind_label}</span>
                {reported}
                <strong>{post.author_name}</strong>
                <time>{format_time(post.created_at)}</time>
                {edited}
                {circle}
            </header>
            {hidden}
            {body}
            <footer class="post-foot">
                {thread}
                {children.map(|c| c())}
            </footer>
        </article>
    }
}

/// A practice's parts in the order one tells it: the context, what was done, what happened,
/// what was hard; then its tags. Parts left empty are left out.
#[component]
fn Practice(practice: PracticeView, body_html: String) -> impl IntoView {
    let PracticeView { context_html, outcome_html, difficulty_html, tags, .. } = practice;
    let parts: [(Words, String); 4] = [
        (|l| td_string!(l, practice.context), context_html),
        (|l| td_string!(l, practice.body), body_html),
        (|l| td_string!(l, practice.outcome), outcome_html),
        (|l| td_string!(l, practice.difficulty), difficulty_html),
    ];
    let i18n = use_i18n();
    let parts = parts
        .into_iter()
        .filter(|(_, html)| !html.is_empty())
        .map(|(label, html)| {
            view! {
                <h3 class="part-label">{move || label(i18n.get_locale())}</h3>
                <div class="post-body rich" inner_html=html></div>
            }
        })
        .collect_view();
    let tags = (!tags.is_empty()).then(|| {
        view! { <ul class="tags">{tags.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul> }
    });
    view! { <div class="practice">{parts}{tags}</div> }
}
