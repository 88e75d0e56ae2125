//! "Mettre dans la mallette": an animator puts a practice into the library, with themes and
//! skills, or gives an entry new ones. A plain form posted to `promote_practice` without
//! JavaScript; queued in the outbox once hydrated.
use crate::circles::posts::Promotion;
use crate::error::{AppError, Field};
use crate::i18n::*;
use crate::identity::model::Me;
use crate::library::api::{themes_and_skills, PostPromotion, PromotePractice};
use crate::offline::outbox::Outbox;
use crate::offline::refill::{refused_form, Refused};
use crate::offline::write_form::posted_error;
use crate::offline::write_form::EnvelopeFields;
use crate::offline::writes::Write;
use crate::ui::error::ErrorText;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use uuid::Uuid;

/// The form, for practice `post_id` of circle `circle_id`, as it stands in the library.
#[component]
pub fn PromoteForm(circle_id: Uuid, post_id: Uuid, promotion: Option<Promotion>, me: Option<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let posted = posted_error::<PostPromotion>();
    let local_error = RwSignal::new(None::<AppError>);
    let (themes, skills) = (NodeRef::<html::Input>::new(), NodeRef::<html::Input>::new());
    let promoted = promotion.is_some();
    let (themes_now, skills_now) = promotion.map(|p| (p.themes.join(", "), p.skills.join(", "))).unwrap_or_default();
    // Refused without JavaScript: what was typed, rather than what was there.
    let refill = refused_form(PostPromotion::url(), &[("post_id", &post_id.to_string())]);
    let (themes_now, skills_now) =
        (Refused::or(&refill, "themes", themes_now), Refused::or(&refill, "skills", skills_now));

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (Some(t), Some(s)) = (themes.get(), skills.get()) else { return };
        let checked = themes_and_skills(&t.value(), &s.value());
        let write = PromotePractice { circle_id, post_id, themes: t.value(), skills: s.value() };
        match checked.and_then(|_| outbox.enqueue(Write::PromotePractice(write))) {
            Ok(()) => local_error.set(None),
            Err(e) => local_error.set(Some(e)),
        }
    };
    let error = move || {
        local_error.get().or_else(|| posted.get()).map(|error| {
            let field = match &error {
                AppError::Invalid { field: Field::Themes, .. } => Some(td_string!(i18n.get_locale(), library.themes)),
                AppError::Invalid { field: Field::Skills, .. } => Some(td_string!(i18n.get_locale(), library.skills)),
                _ => None,
            };
            view! {
                <p class="alert" role="alert">
                    {field.map(|part| td_string!(i18n.get_locale(), practice.part_error, part).to_string())}
                    <ErrorText error />
                </p>
            }
        })
    };
    let status = promoted.then(|| {
        view! {
            <p class="hint">
                {move || td_string!(i18n.get_locale(), library.already)} " "
                <a href=format!("/library/{post_id}")>{move || td_string!(i18n.get_locale(), library.see_entry)}</a>
            </p>
        }
    });
    view! {
        // autocomplete off: a restored form must not post the same client id again.
        <form class="card promote" method="post" action=PostPromotion::url() autocomplete="off" on:submit=on_submit>
            <h2>{move || td_string!(i18n.get_locale(), library.promote_title)}</h2>
            {status}
            <EnvelopeFields me />
            <input type="hidden" name="circle_id" value=circle_id.to_string() />
            <input type="hidden" name="post_id" value=post_id.to_string() />
            <label for="promote-themes">{move || td_string!(i18n.get_locale(), library.themes)}</label>
            <input id="promote-themes" name="themes" type="text" maxlength="200" value=themes_now
                placeholder=move || td_string!(i18n.get_locale(), library.themes_hint) node_ref=themes />
            <label for="promote-skills">{move || td_string!(i18n.get_locale(), library.skills)}</label>
            <input id="promote-skills" name="skills" type="text" maxlength="200" value=skills_now
                placeholder=move || td_string!(i18n.get_locale(), library.skills_hint) node_ref=skills />
            {error}
            <button type="submit" class="primary">
                {move || if promoted { td_string!(i18n.get_locale(), library.update) } else { td_string!(i18n.get_locale(), library.promote) }}
            </button>
        </form>
    }
}
