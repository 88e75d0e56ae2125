//! The frame every page sits in: the layout with the signed-in person, the top bar and
//! navigation, the sign-out dialog, and the page for unknown addresses. Loaded with the first
//! page; pages themselves are in their areas.
pub mod language;
pub mod layout;
pub mod nav;
pub mod not_found;
