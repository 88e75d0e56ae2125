//! "Partager une pratique": a short experience report (seed 001) in four parts and a few tags.
//! Folded under its summary until opened (a `<details>`, so it opens without JavaScript too).
//! Like every write: a plain form posted to `share_practice` without JavaScript, queued in the
//! outbox once hydrated. A refusal names the part it is about, and what was typed stays in the
//! fields (without JavaScript, the page it comes back to fills them again: `offline::refill`).
use crate::circles::api::{PostPractice, SharePractice};
use crate::circles::edit::{EditPost, PostEdit};
use crate::circles::posts::PostView;
use crate::error::{AppError, Field};
use crate::i18n::*;
use crate::identity::model::Me;
use crate::offline::outbox::{Edited, Outbox};
use crate::offline::refill::{refused_form, Refused};
use crate::offline::write_form::{close_folded, posted_error, EnvelopeFields};
use crate::offline::writes::Write;
use crate::ui::error::FieldError;
use crate::ui::text::{self, MAX_PART_CHARS, MAX_POST_CHARS};
use leptos::either::Either;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use uuid::Uuid;

/// The name of a practice's part, for an error about it.
fn part_name(locale: Locale, field: Field) -> Option<&'static str> {
    Some(match field {
        Field::Context => td_string!(locale, practice.context),
        Field::Practice => td_string!(locale, practice.body),
        Field::Outcome => td_string!(locale, practice.outcome),
        Field::Difficulty => td_string!(locale, practice.difficulty),
        Field::Tags => td_string!(locale, practice.tags),
        _ => return None,
    })
}

/// The form to share a practice in circle `circle_id`, or with `edit`, to edit that practice
/// (filled with its parts as they are, made on its current version).
#[component]
pub fn PracticeForm(circle_id: Uuid, me: Option<Me>, #[prop(optional)] edit: Option<PostView>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    // An edit's refusal without JavaScript shows once, above the thread (see `thread`).
    let posted = if edit.is_some() { Signal::derive(|| None) } else { posted_error::<PostPractice>() };
    let local_error = RwSignal::new(None::<AppError>);
    let [context, body, outcome, difficulty] = [(); 4].map(|()| NodeRef::<html::Textarea>::new());
    let tags = NodeRef::<html::Input>::new();
    let editing = edit.as_ref().map(|p| (p.id, p.version));

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (Some(c), Some(b), Some(o), Some(d), Some(t)) =
            (context.get(), body.get(), outcome.get(), difficulty.get(), tags.get())
        else {
            return;
        };
        // The same checks as the server's, so a refusal shows at once, offline too.
        // In the server's order, so both name the same part first.
        let checked = text::required(Field::Practice, &b.value(), MAX_POST_CHARS)
            .and(text::optional(Field::Context, &c.value(), MAX_PART_CHARS))
            .and(text::optional(Field::Outcome, &o.value(), MAX_PART_CHARS))
            .and(text::optional(Field::Difficulty, &d.value(), MAX_PART_CHARS))
            .and(text::tags(&t.value()));
        let (context, body, outcome, difficulty, tags) = (c.value(), b.value(), o.value(), d.value(), t.value());
        let write = match editing {
            Some((post_id, version)) => {
                // Made on the version after this device's own edits still on their way.
                let version = outbox.next_edit_version(Edited::Post(post_id), version);
                Write::EditPost(EditPost { circle_id, post_id, version, body, context, outcome, difficulty, tags })
            }
            None => Write::SharePractice(SharePractice { circle_id, context, body, outcome, difficulty, tags }),
        };
        match checked.and_then(|_| outbox.enqueue(write)) {
            Ok(()) => {
                local_error.set(None);
                close_folded(&b);
                if editing.is_some() {
                    return;
                }
                for area in [&c, &b, &o, &d] {
                    area.set_value("");
                }
                t.set_value("");
            }
            Err(e) => local_error.set(Some(e)),
        }
    };
    let error =
        move || local_error.get().or_else(|| posted.get()).map(|error| view! { <FieldError error names=part_name /> });
    // A refusal without JavaScript comes back with the form open.
    let refused = move || posted.with(Option::is_some);
    // Ids unique on the page: a thread holds an edit form per practice.
    let prefix = editing.map_or_else(|| "practice".to_owned(), |(id, _)| format!("edit-{id}"));
    let area = |part: &str,
                name: &'static str,
                rows: &'static str,
                max: usize,
                label: fn(Locale) -> &'static str,
                hint: fn(Locale) -> &'static str,
                node: NodeRef<html::Textarea>,
                initial: String| {
        let id = format!("{prefix}-{part}");
        view! {
            <label for=id.clone()>{move || label(i18n.get_locale())}</label>
            <textarea id=id name=name rows=rows maxlength=max placeholder=move || hint(i18n.get_locale()) node_ref=node>
                {text::server_escaped(initial)}
            </textarea>
        }
    };
    let was = edit.clone().map(|p| {
        let parts = p.practice.unwrap_or_default();
        [parts.context, p.body, parts.outcome, parts.difficulty, parts.tags.join(", ")]
    });
    let tags_id = format!("{prefix}-tags");
    let (action, which) = match editing {
        Some((post_id, version)) => (PostEdit::url(), Some((post_id.to_string(), version.to_string()))),
        None => (PostPractice::url(), None),
    };
    // Refused without JavaScript: what was typed, rather than what was there.
    let circle = circle_id.to_string();
    let keys = match &which {
        Some((post_id, _)) => vec![("circle_id", circle.as_str()), ("post_id", post_id.as_str())],
        None => vec![("circle_id", circle.as_str())],
    };
    let refill = refused_form(action, &keys);
    let [context_was, body_was, outcome_was, difficulty_was, tags_was] = was.unwrap_or_default();
    let was_context = Refused::or(&refill, "context", context_was);
    let was_body = Refused::or(&refill, "body", body_was);
    let was_outcome = Refused::or(&refill, "outcome", outcome_was);
    let was_difficulty = Refused::or(&refill, "difficulty", difficulty_was);
    let was_tags = Refused::or(&refill, "tags", tags_was);
    let form = view! {
        // autocomplete off: a restored form must not post the same client id again.
        <form method="post" action=action autocomplete="off" on:submit=on_submit>
            <EnvelopeFields me />
            <input type="hidden" name="circle_id" value=circle_id.to_string() />
            {which.map(|(post_id, version)| view! {
                <input type="hidden" name="post_id" value=post_id />
                <input type="hidden" name="version" value=version />
            })}
            {area("context", "context", "2", MAX_PART_CHARS, |l| td_string!(l, practice.context), |l| td_string!(l, practice.context_hint), context, was_context)}
            {area("body", "body", "3", MAX_POST_CHARS, |l| td_string!(l, practice.body), |l| td_string!(l, practice.body_hint), body, was_body)}
            {area("outcome", "outcome", "2", MAX_PART_CHARS, |l| td_string!(l, practice.outcome), |l| td_string!(l, practice.outcome_hint), outcome, was_outcome)}
            {area("difficulty", "difficulty", "2", MAX_PART_CHARS, |l| td_string!(l, practice.difficulty), |l| td_string!(l, practice.difficulty_hint), difficulty, was_difficulty)}
            <label for=tags_id.clone()>{move || td_string!(i18n.get_locale(), practice.tags)}</label>
            <input id=tags_id name="tags" type="text" maxlength="200" value=was_tags placeholder=move || td_string!(i18n.get_locale(), practice.tags_hint) node_ref=tags />
            <p class="hint">{move || td_string!(i18n.get_locale(), practice.hint)}</p>
            {error}
            <button type="submit" class="primary">
                {move || if editing.is_some() { td_string!(i18n.get_locale(), edit.submit) } else { td_string!(i18n.get_locale(), practice.submit) }}
            </button>
        </form>
    };
    if editing.is_some() {
        return Either::Left(view! {
            <div class="card edit">
                <h2>{move || td_string!(i18n.get_locale(), edit.practice_title)}</h2>
                {form}
            </div>
        });
    }
    Either::Right(view! {
        <details class="card share" open=refused>
            <summary>{move || td_string!(i18n.get_locale(), practice.title)}</summary>
            {form}
        </details>
    })
}
