//! Errors in plain words, in the person's language.
use crate::error::{AppError, Problem};
use crate::i18n::*;
use leptos::prelude::*;
use std::borrow::Cow;

/// The sentence for an error, in the current language.
///
/// One closure picks the words (`t_string!`), rather than a view per error joined by
/// `into_any()`: every `into_any` type carries its own copy of the rendering and hydration code
/// into the first load.
#[component]
pub fn ErrorText(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    move || -> Cow<'static, str> {
        match &error {
            AppError::Unauthenticated => t_string!(i18n, errors.unauthenticated).into(),
            AppError::Forbidden => t_string!(i18n, errors.forbidden).into(),
            AppError::NotFound => t_string!(i18n, errors.not_found).into(),
            AppError::BadCredentials => t_string!(i18n, errors.bad_credentials).into(),
            AppError::TooManyAttempts { retry_after_minutes } => {
                t_string!(i18n, errors.too_many, minutes = *retry_after_minutes).to_string().into()
            }
            AppError::TooFast { per_minute } => {
                t_string!(i18n, errors.too_fast, per_minute = *per_minute).to_string().into()
            }
            AppError::CrossSite => t_string!(i18n, errors.cross_site).into(),
            AppError::Unavailable => t_string!(i18n, errors.unavailable).into(),
            AppError::Internal => t_string!(i18n, errors.internal).into(),
            AppError::Network(_) => t_string!(i18n, errors.network).into(),
            AppError::BadRequest => t_string!(i18n, errors.bad_request).into(),
            AppError::Conflict => t_string!(i18n, errors.conflict).into(),
            AppError::Stale { .. } => t_string!(i18n, errors.stale).into(),
            AppError::Archived => t_string!(i18n, errors.archived).into(),
            AppError::Moved => t_string!(i18n, errors.moved).into(),
            AppError::Over => t_string!(i18n, errors.over).into(),
            AppError::TooEarly => t_string!(i18n, errors.too_early).into(),
            AppError::PromptNotOpen => t_string!(i18n, errors.prompt_not_open).into(),
            AppError::PromptClosed => t_string!(i18n, errors.prompt_closed).into(),
            AppError::Outdated => t_string!(i18n, errors.outdated).into(),
            AppError::StorageFull => t_string!(i18n, errors.storage_full).into(),
            AppError::Invalid { problem: Problem::Empty, .. } => t_string!(i18n, errors.empty).into(),
            AppError::Invalid { problem: Problem::TooLong { max }, .. } => {
                t_string!(i18n, errors.too_long, max = *max).to_string().into()
            }
            AppError::Invalid { problem: Problem::Malformed, .. } => t_string!(i18n, errors.malformed).into(),
            AppError::Invalid { problem: Problem::Taken, .. } => t_string!(i18n, errors.taken).into(),
            AppError::Invalid { problem: Problem::Past, .. } => t_string!(i18n, errors.past).into(),
            AppError::Invalid { problem: Problem::BeforeStart, .. } => t_string!(i18n, errors.before_start).into(),
            AppError::Invalid { problem: Problem::TooMany { max }, .. } => {
                t_string!(i18n, errors.too_many_items, max = *max).to_string().into()
            }
        }
    }
}

/// The name of the part of a form a field is, in a language (`None`: a field of no such form).
pub type FieldNames = fn(Locale, crate::error::Field) -> Option<&'static str>;

/// An error of a form with several parts as an alert box: a refusal about one of its fields
/// (named by `names`) says which part it is about.
#[component]
pub fn FieldError(error: AppError, names: FieldNames) -> impl IntoView {
    let i18n = use_i18n();
    let part = match &error {
        AppError::Invalid { field, .. } => names(i18n.get_locale(), *field),
        _ => None,
    };
    view! {
        <p class="alert" role="alert">
            {part.map(|part| td_string!(i18n.get_locale(), practice.part_error, part).to_string())}
            <ErrorText error />
        </p>
    }
}

/// An error as an alert box that screen readers announce.
#[component]
pub fn ErrorAlert(error: AppError) -> impl IntoView {
    view! {
        <p class="alert" role="alert">
            <ErrorText error />
        </p>
    }
}
