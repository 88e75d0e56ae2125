//! One page per file.
pub mod circle;
pub mod home;
pub mod layout;
pub mod login;
pub mod not_found;
