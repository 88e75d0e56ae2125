//! Learning networks (seed 002): what a network has beyond being a circle.
//!
//! - `model`: its people's parts (sponsor, committee, facilitators), themes, proposals and
//!   experiments, the rules of their states, and the page's query;
//! - `api`: its page's server function and its writes (a theme, someone's parts, a proposal
//!   filed or filed again, a decision, an experiment's progress), each through the sync engine;
//! - `page`: the network's page (loaded lazily).
pub mod api;
pub mod model;
pub mod page;
