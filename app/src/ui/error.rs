//! Errors in plain words, in the person's language.
use crate::error::{AppError, Problem};
use crate::i18n::*;
use leptos::prelude::*;

/// The sentence for an error.
#[component]
pub fn ErrorText(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    match error {
        AppError::Unauthenticated => t!(i18n, errors.unauthenticated).into_any(),
        AppError::Forbidden => t!(i18n, errors.forbidden).into_any(),
        AppError::NotFound => t!(i18n, errors.not_found).into_any(),
        AppError::BadCredentials => t!(i18n, errors.bad_credentials).into_any(),
        AppError::TooManyAttempts { retry_after_minutes } => {
            t!(i18n, errors.too_many, minutes = retry_after_minutes).into_any()
        }
        AppError::CrossSite => t!(i18n, errors.cross_site).into_any(),
        AppError::Unavailable => t!(i18n, errors.unavailable).into_any(),
        AppError::Internal => t!(i18n, errors.internal).into_any(),
        AppError::Network(_) => t!(i18n, errors.network).into_any(),
        AppError::BadRequest => t!(i18n, errors.bad_request).into_any(),
        AppError::Conflict => t!(i18n, errors.conflict).into_any(),
        AppError::Outdated => t!(i18n, errors.outdated).into_any(),
        AppError::StorageFull => t!(i18n, errors.storage_full).into_any(),
        AppError::Invalid { problem: Problem::Empty, .. } => t!(i18n, errors.empty).into_any(),
        AppError::Invalid { problem: Problem::TooLong { max }, .. } => t!(i18n, errors.too_long, max).into_any(),
        AppError::Invalid { problem: Problem::Malformed, .. } => t!(i18n, errors.malformed).into_any(),
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
