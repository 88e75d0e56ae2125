//! Themed prompts: a question or a debate theme an animator puts to circles for a while
//! (seed 001's "questions du moment"); members answer it in its thread in their circle.
//!
//! - `model`: a prompt's fields and their rules (both sides), what the pages show;
//! - `api`: the animators' page, scheduling a prompt (a write of the sync engine), and what
//!   the circle page and a prompt's thread read of it;
//! - `page`: the animators' page `/manage/prompts` (loaded lazily) and the circle page's panel.
pub mod api;
pub mod model;
pub mod page;
