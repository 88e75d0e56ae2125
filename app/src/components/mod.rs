//! Reusable pieces of the interface.
pub mod ask_form;
pub mod error;
pub mod nav;
pub mod outbox_list;
pub mod post_card;
pub mod sync_mark;
