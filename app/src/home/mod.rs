//! The home page: my circles, my teams, the latest activity in my circles. Part of the first
//! load, with the shell.
pub mod api;
pub mod page;
