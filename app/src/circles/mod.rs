//! Circles: peer groups, learning networks and PLCs, where people ask and share.
//!
//! - `page`: the circle page (loaded lazily);
//! - `api`: its server functions, and the write a question is;
//! - `model`, `posts`: circles and posts, and their queries (server);
//! - `ask_form`, `post_card`: the pieces the pages show.
pub mod api;
pub mod ask_form;
pub mod model;
pub mod page;
pub mod post_card;
pub mod posts;
