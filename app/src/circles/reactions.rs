//! "Utile" and "Je vais essayer" under a post: one of each per person, undoable.
//!
//! Each button is a plain form without JavaScript (posted to `react` with the state wanted).
//! Once hydrated, a tap queues a `React` write: the button shows the new state at once, from
//! the outbox, until the page shows the server's.
use crate::circles::api::{PostReaction, React};
use crate::circles::posts::{PostView, Reaction};
use crate::error::AppError;
use crate::i18n::*;
use crate::identity::model::Me;
use crate::offline::outbox::Outbox;
use crate::offline::write_form::{posted_error, EnvelopeFields};
use crate::offline::writes::Write;
use crate::ui::error::ErrorAlert;
use leptos::either::Either;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use uuid::Uuid;

/// The name of a reaction, in the current language.
pub fn reaction_name(locale: Locale, reaction: Reaction) -> &'static str {
    match reaction {
        Reaction::Useful => td_string!(locale, reaction.useful),
        Reaction::WillTry => td_string!(locale, reaction.will_try),
    }
}

/// The refusal of a reaction posted without JavaScript (Leptos carries it in the URL), once
/// per page, above its posts.
#[component]
pub fn RefusedReaction() -> impl IntoView {
    let posted = posted_error::<PostReaction>();
    move || posted.get().map(|error| view! { <ErrorAlert error /> })
}

/// The reactions `post` takes (`PostKind::takes`), as buttons; as counts only on the reader's
/// own post.
#[component]
pub fn Reactions(post: PostView, me: Option<Me>) -> impl IntoView {
    let error = RwSignal::new(None::<AppError>);
    let buttons = [Reaction::Useful, Reaction::WillTry]
        .into_iter()
        .filter(|r| post.kind.takes(*r))
        .map(|reaction| {
            let given = post.reacted.contains(&reaction);
            let count = post.count(reaction);
            let (circle_id, post_id) = (post.circle_id, post.id);
            view! { <ReactionButton circle_id post_id reaction given count own=post.mine me=me.clone() error /> }
        })
        .collect_view();
    view! {
        <div class="reactions">{buttons}</div>
        {move || error.get().map(|error| view! { <ErrorAlert error /> })}
    }
}

#[component]
fn ReactionButton(
    circle_id: Uuid,
    post_id: Uuid,
    reaction: Reaction,
    /// Given by the reader, as the server last said.
    given: bool,
    count: i64,
    /// The reader wrote the post: nothing to tap.
    own: bool,
    me: Option<Me>,
    error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    // The latest reaction of this kind to this post still on its way (or just landed) wins
    // over the server's answer.
    let wanted = move || outbox.wanted_reaction(post_id, reaction).unwrap_or(given);
    let shown = move || count - i64::from(given) + i64::from(wanted());
    let label = move || format!("{} · {}", reaction_name(i18n.get_locale(), reaction), shown());
    if own {
        return Either::Left(view! { <span class="reaction-count">{label}</span> });
    }
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let write = Write::React(React { circle_id, post_id, reaction, on: !wanted() });
        error.set(outbox.enqueue(write).err());
    };
    Either::Right(view! {
        <form class="reaction" method="post" action=PostReaction::url() on:submit=on_submit>
            <EnvelopeFields me />
            <input type="hidden" name="circle_id" value=circle_id.to_string() />
            <input type="hidden" name="post_id" value=post_id.to_string() />
            <input type="hidden" name="reaction" value=reaction.as_db() />
            <input type="hidden" name="on" value=(!given).to_string() />
            <button type="submit" class="chip" aria-pressed=move || wanted().to_string()>{label}</button>
        </form>
    })
}
