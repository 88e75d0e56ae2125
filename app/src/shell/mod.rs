//! The frame every page sits in: the layout with the signed-in person, the top bar and
//! navigation, the sign-out dialog, the page for unknown addresses, and the script that starts
//! the app on a page. Loaded with the first page; pages themselves are in their areas.
pub mod boot;
#[cfg(feature = "ssr")]
pub mod build_files;
pub mod language;
pub mod layout;
pub mod nav;
pub mod not_found;
