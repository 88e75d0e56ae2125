//! The "Comment fais-tu pour… ?" form of a circle.
//!
//! Without JavaScript it is a plain form posted to the `ask_question` endpoint, with a UUID the
//! server rendered in it and the person and organisation it is made for, so it goes through the
//! same ledger as queued writes (a double submit still makes one post). Once hydrated, a submit
//! goes to the outbox instead: stored on the device, shown at once as pending, sent when it can.
//! If the device cannot store it, the person is told and the text stays in the field.
use crate::circles::api::AskQuestion;
use crate::circles::api::PostQuestion;
use crate::error::{AppError, Field};
use crate::i18n::*;
use crate::identity::model::Me;
use crate::offline::outbox::{new_client_id, Outbox};
use crate::offline::writes::Write;
use crate::tr;
use crate::ui::error::ErrorAlert;
use crate::ui::text;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use uuid::Uuid;

/// The form to ask a question in circle `circle_id`.
#[component]
pub fn AskForm(
    circle_id: Uuid,
    /// Who asks: their person and organisation go with the plain form.
    me: Option<Me>,
) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    // Carries the error of a form posted without JavaScript (Leptos puts it in the URL).
    let posted = ServerAction::<PostQuestion>::new();
    let local_error = RwSignal::new(None::<AppError>);
    let body = NodeRef::<html::Textarea>::new();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(area) = body.get() else { return };
        match text::required(Field::Question, &area.value(), text::MAX_POST_CHARS) {
            Ok(question) => match outbox.enqueue(Write::AskQuestion(AskQuestion { circle_id, body: question })) {
                Ok(()) => {
                    area.set_value("");
                    local_error.set(None);
                }
                Err(e) => local_error.set(Some(e)),
            },
            Err(e) => local_error.set(Some(e)),
        }
    };
    let error = move || {
        local_error
            .get()
            .or_else(|| posted.value().get().and_then(Result::err))
            .map(|error| view! { <ErrorAlert error /> })
    };
    let max = text::MAX_POST_CHARS;
    let (org_id, person_id) = me.map(|m| (m.org_id.to_string(), m.person_id.to_string())).unwrap_or_default();

    view! {
        // autocomplete off: a restored form must not post the same client id again.
        <form class="card ask" method="post" action=PostQuestion::url() autocomplete="off" on:submit=on_submit>
            <h2>{tr!(i18n, ask.title)}</h2>
            <input type="hidden" name="org_id" value=org_id />
            <input type="hidden" name="person_id" value=person_id />
            <input type="hidden" name="circle_id" value=circle_id.to_string() />
            <input type="hidden" name="client_id" value=new_client_id().to_string() />
            <label for="ask-body">{tr!(i18n, ask.label)}</label>
            <textarea
                id="ask-body"
                name="body"
                rows="3"
                maxlength=max
                placeholder=move || t_string!(i18n, ask.placeholder).to_string()
                node_ref=body
            ></textarea>
            <p class="hint">{move || t_string!(i18n, ask.hint, max).to_string()}</p>
            {error}
            <button type="submit" class="primary">
                {tr!(i18n, ask.submit)}
            </button>
        </form>
    }
}
