//! Professional learning communities (seed 004): what a PLC has beyond being a circle.
//!
//! - `charter`: its charter (mission, vision, values, shared goals), written by its members,
//!   an edit made on an older text refused with the current one; its write and queries;
//! - `charter_page`: the charter's page (loaded lazily).
//!
//! Goals are text for now; the dashboards issue gives them a metric, a baseline and a target.
pub mod charter;
pub mod charter_page;
