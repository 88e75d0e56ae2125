//! Circles: peer groups, learning networks and PLCs, where people ask and share.
//!
//! - `page`, `thread`: the circle page and a thread (each loaded lazily);
//! - `api`: their server functions, and the writes made in a circle (ask, reply, react);
//! - `model`, `posts`: circles, posts and reactions, and their queries (server; a post's in
//!   `post_queries`);
//! - `tried`: "I tried it" on a practice, with the team of who tried it (write, queries, parts);
//! - `edit`: an author edits (stale edits refused with the current text) or deletes a post;
//! - `moderation`: reports, an animator's decisions (hide, restore), and the moderation page;
//! - `admin`, `admin_page`: the animators create circles, choose their members, archive them;
//! - `ask_form`, `practice_form`, `post_card`, `reactions`: the pieces the pages show.
pub mod admin;
pub mod admin_page;
pub mod api;
pub mod ask_form;
pub mod edit;
pub mod model;
pub mod moderation;
pub mod moderation_page;
pub mod page;
pub mod post_card;
#[cfg(feature = "ssr")]
mod post_queries;
pub mod posts;
pub mod practice_form;
pub mod reactions;
pub mod thread;
pub mod tried;
