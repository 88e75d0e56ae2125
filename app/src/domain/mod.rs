//! Pure rules: no Leptos, no sqlx. Unit-tested where they are written.
pub mod sign_in_limits;
pub mod text;
