//! Quarry core.
pub mod analysis;
pub mod cli;
pub mod corpus;
pub mod desktop;
pub mod jobs;
#[cfg(feature = "gui")]
pub mod ui;
