//! "Partager une pratique": a short experience report (seed 001) in four parts and a few tags.
//! Folded under its summary until opened (a `<details>`, so it opens without JavaScript too).
//! Like every write: a plain form posted to `share_practice` without JavaScript, queued in the
//! outbox once hydrated. A refusal names the part it is about; once hydrated the text stays in
//! the fields (without JavaScript, Leptos's redirect back carries the error, not the text).
use crate::circles::api::{PostPractice, SharePractice};
use crate::error::{AppError, Field};
use crate::i18n::*;
use crate::identity::model::Me;
use crate::offline::outbox::{new_client_id, Outbox};
use crate::offline::write_form::posted_error;
use crate::offline::writes::Write;
use crate::ui::error::ErrorText;
use crate::ui::text::{self, MAX_PART_CHARS, MAX_POST_CHARS};
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

/// The form to share a practice in circle `circle_id`.
#[component]
pub fn PracticeForm(circle_id: Uuid, me: Option<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let posted = posted_error::<PostPractice>();
    let local_error = RwSignal::new(None::<AppError>);
    let [context, body, outcome, difficulty] = [(); 4].map(|()| NodeRef::<html::Textarea>::new());
    let tags = NodeRef::<html::Input>::new();
    let details = NodeRef::<html::Details>::new();

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
        let write = SharePractice {
            circle_id,
            context: c.value(),
            body: b.value(),
            outcome: o.value(),
            difficulty: d.value(),
            tags: t.value(),
        };
        match checked.and_then(|_| outbox.enqueue(Write::SharePractice(write))) {
            Ok(()) => {
                for area in [&c, &b, &o, &d] {
                    area.set_value("");
                }
                t.set_value("");
                local_error.set(None);
                if let Some(d) = details.get() {
                    d.set_open(false);
                }
            }
            Err(e) => local_error.set(Some(e)),
        }
    };
    let error = move || {
        local_error.get().or_else(|| posted.get()).map(|error| {
            let part = match &error {
                AppError::Invalid { field, .. } => part_name(i18n.get_locale(), *field),
                _ => None,
            };
            view! {
                <p class="alert" role="alert">
                    {part.map(|part| td_string!(i18n.get_locale(), practice.part_error, part).to_string())}
                    <ErrorText error />
                </p>
            }
        })
    };
    // A refusal without JavaScript comes back with the form open.
    let refused = move || posted.with(Option::is_some);
    let (org_id, person_id) = me.map(|m| (m.org_id.to_string(), m.person_id.to_string())).unwrap_or_default();
    let area = |id: &'static str,
                name: &'static str,
                rows: &'static str,
                max: usize,
                label: fn(Locale) -> &'static str,
                hint: fn(Locale) -> &'static str,
                node: NodeRef<html::Textarea>| {
        view! {
            <label for=id>{move || label(i18n.get_locale())}</label>
            <textarea id=id name=name rows=rows maxlength=max placeholder=move || hint(i18n.get_locale()) node_ref=node></textarea>
        }
    };

    view! {
        <details class="card share" open=refused node_ref=details>
            <summary>{move || td_string!(i18n.get_locale(), practice.title)}</summary>
            // autocomplete off: a restored form must not post the same client id again.
            <form method="post" action=PostPractice::url() autocomplete="off" on:submit=on_submit>
                <input type="hidden" name="org_id" value=org_id />
                <input type="hidden" name="person_id" value=person_id />
                <input type="hidden" name="client_id" value=new_client_id().to_string() />
                <input type="hidden" name="circle_id" value=circle_id.to_string() />
                {area("practice-context", "context", "2", MAX_PART_CHARS, |l| td_string!(l, practice.context), |l| td_string!(l, practice.context_hint), context)}
                {area("practice-body", "body", "3", MAX_POST_CHARS, |l| td_string!(l, practice.body), |l| td_string!(l, practice.body_hint), body)}
                {area("practice-outcome", "outcome", "2", MAX_PART_CHARS, |l| td_string!(l, practice.outcome), |l| td_string!(l, practice.outcome_hint), outcome)}
                {area("practice-difficulty", "difficulty", "2", MAX_PART_CHARS, |l| td_string!(l, practice.difficulty), |l| td_string!(l, practice.difficulty_hint), difficulty)}
                <label for="practice-tags">{move || td_string!(i18n.get_locale(), practice.tags)}</label>
                <input id="practice-tags" name="tags" type="text" maxlength="200" placeholder=move || td_string!(i18n.get_locale(), practice.tags_hint) node_ref=tags />
                <p class="hint">{move || td_string!(i18n.get_locale(), practice.hint)}</p>
                {error}
                <button type="submit" class="primary">{move || td_string!(i18n.get_locale(), practice.submit)}</button>
            </form>
        </details>
    }
}
