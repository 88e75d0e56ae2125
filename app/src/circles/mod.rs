//! Circles: peer groups, learning networks and PLCs, where people ask and share.
//!
//! - `page`, `thread`: the circle page and a thread (each loaded lazily);
//! - `api`: their server functions, and the writes made in a circle (ask, reply, react);
//! - `model`, `posts`: circles, posts and reactions, and their queries (server);
//! - `tried`: "I tried it" on a practice, with the team of who tried it (write, queries, parts);
//! - `ask_form`, `practice_form`, `post_card`, `reactions`: the pieces the pages show.
pub mod api;
pub mod ask_form;
pub mod model;
pub mod page;
pub mod post_card;
pub mod posts;
pub mod practice_form;
pub mod reactions;
pub mod thread;
pub mod tried;
