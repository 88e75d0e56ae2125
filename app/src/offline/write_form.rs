//! A form with one text field that makes a write (a question, a reply, ...).
//!
//! Without JavaScript it is a plain form posted to the write's own endpoint, with a UUID the
//! server rendered in it and the person and organisation it is made for, so it goes through
//! the same ledger as queued writes (a double submit still makes one write). Once hydrated, a
//! submit goes to the outbox instead: stored on the device, shown at once as pending, sent
//! when it can. If the device cannot store it, the person is told and the text stays in the
//! field; refused without JavaScript, the page it comes back to shows it again
//! (`offline::refill`).
use crate::error::{AppError, Field};
use crate::i18n::*;
use crate::identity::model::Me;
use crate::offline::outbox::{new_client_id, Outbox};
use crate::offline::refill::{refused_form, Refused};
use crate::offline::writes::Write;
use crate::ui::error::ErrorAlert;
use crate::ui::text;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Words of the form, for a language.
pub type Words = fn(Locale) -> &'static str;

/// The form. `fields` are the write's hidden inputs besides the person, organisation and
/// client id; `write` turns the checked text into the write to queue; `posted` is the error of
/// a plain post (Leptos carries it in the URL).
#[component]
pub fn WriteForm(
    /// The endpoint of the plain post.
    action: &'static str,
    /// Who writes: their person and organisation go with the plain form.
    me: Option<Me>,
    fields: Vec<(&'static str, String)>,
    field: Field,
    write: Callback<String, Write>,
    posted: Signal<Option<AppError>>,
    /// The text area's id, unique on the page.
    #[prop(into)]
    id: String,
    class: &'static str,
    title: Words,
    label: Words,
    placeholder: Words,
    submit: Words,
    /// The line under the field; it may name `max`.
    hint: fn(Locale, usize) -> String,
    /// The longest text, in characters.
    #[prop(default = text::MAX_POST_CHARS)]
    max: usize,
    /// The text the field starts with (an edit: the current text, kept after sending).
    #[prop(optional)]
    initial: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let local_error = RwSignal::new(None::<AppError>);
    let body = NodeRef::<html::Textarea>::new();
    let editing = !initial.is_empty();
    let keys: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (*n, v.as_str())).filter(|(n, _)| identifies(n)).collect();
    let initial = Refused::or(&refused_form(action, &keys), "body", initial);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(area) = body.get() else { return };
        let queued = text::required(field, &area.value(), max).and_then(|text| outbox.enqueue(write.run(text)));
        match queued {
            Ok(()) => {
                if !editing {
                    area.set_value("");
                }
                local_error.set(None);
                close_folded(&area);
            }
            Err(e) => local_error.set(Some(e)),
        }
    };
    let error = move || local_error.get().or_else(|| posted.get()).map(|error| view! { <ErrorAlert error /> });
    let hidden =
        fields.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value /> }).collect_view();

    view! {
        // autocomplete off: a restored form must not post the same client id again.
        <form class=format!("card {class}") method="post" action=action autocomplete="off" on:submit=on_submit>
            <h2>{move || title(i18n.get_locale())}</h2>
            <EnvelopeFields me />
            {hidden}
            <label for=id.clone()>{move || label(i18n.get_locale())}</label>
            <textarea
                id=id
                name="body"
                rows="3"
                maxlength=max
                placeholder=move || placeholder(i18n.get_locale())
                node_ref=body
            >
                {text::server_escaped(initial)}
            </textarea>
            <p class="hint">{move || hint(i18n.get_locale(), max)}</p>
            {error}
            <button type="submit" class="primary">{move || submit(i18n.get_locale())}</button>
        </form>
    }
}

/// Whether a hidden field tells a form from the others posting to the same place: the ids of
/// what it is about, and which way a decision goes; not what changes under it (a version).
pub fn identifies(name: &str) -> bool {
    name.ends_with("_id") || name == "hidden"
}

/// The fields every plain write form carries, as an outbox envelope does: the person and
/// organisation it is made for, and a client id made on the server for this form (a double
/// submit is one write).
#[component]
pub fn EnvelopeFields(me: Option<Me>) -> impl IntoView {
    let (org_id, person_id) = me.map(|m| (m.org_id.to_string(), m.person_id.to_string())).unwrap_or_default();
    view! {
        <input type="hidden" name="org_id" value=org_id />
        <input type="hidden" name="person_id" value=person_id />
        <input type="hidden" name="client_id" value=new_client_id().to_string() />
    }
}

/// Folds the `<details>` a sent form was opened from, if any (an edit, a report).
pub fn close_folded(field: &leptos::web_sys::Element) {
    if let Ok(Some(details)) = field.closest("details") {
        let _ = details.remove_attribute("open");
    }
}

/// The values of the fields named `names` of the form `ev` submitted, as posted ("" for a
/// field absent or a box not ticked).
pub fn form_values<const N: usize>(ev: &SubmitEvent, names: [&str; N]) -> [String; N] {
    #[cfg(feature = "hydrate")]
    {
        let data = submitted_form(ev).and_then(|f| web_sys::FormData::new_with_form(&f).ok());
        names.map(|n| data.as_ref().and_then(|d| d.get(n).as_string()).unwrap_or_default())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        names.map(|_| String::new())
    }
}

/// Every value posted under `name` by the form `ev` submitted (ticked boxes sharing a name).
pub fn form_list(ev: &SubmitEvent, name: &str) -> Vec<String> {
    #[cfg(feature = "hydrate")]
    {
        let data = submitted_form(ev).and_then(|f| web_sys::FormData::new_with_form(&f).ok());
        data.map(|d| d.get_all(name).iter().filter_map(|v| v.as_string()).collect()).unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (ev, name);
        Vec::new()
    }
}

/// The form `ev` was submitted from.
#[cfg(feature = "hydrate")]
fn submitted_form(ev: &SubmitEvent) -> Option<web_sys::HtmlFormElement> {
    use wasm_bindgen::JsCast;
    ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
}

/// Queues `write` (unless a check refused it: the error shows in `error`); once queued, the
/// form `ev` was submitted from is emptied when `reset` and folded, if it was opened from a
/// `<details>`. Refused, what the person typed stays.
pub fn queue_from(
    outbox: Outbox,
    ev: &SubmitEvent,
    error: RwSignal<Option<AppError>>,
    reset: bool,
    write: Result<Write, AppError>,
) {
    match write.and_then(|w| outbox.enqueue(w)) {
        Ok(()) => {
            error.set(None);
            #[cfg(feature = "hydrate")]
            if let Some(form) = submitted_form(ev) {
                if reset {
                    form.reset();
                }
                close_folded(&form);
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (ev, reset);
        }
        Err(e) => error.set(Some(e)),
    }
}

/// The error of a plain post of server function `S`, once the page is back (Leptos carries it
/// in the URL), until it is past (`refill::refusal_past`: a write queued since, the form sent
/// again once hydrated, or another address).
pub fn posted_error<S>() -> Signal<Option<AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    let posted = ServerAction::<S>::new();
    let past = crate::offline::refill::refusal_past();
    Signal::derive(move || {
        if past.get() {
            return None;
        }
        posted.value().with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))
    })
}
