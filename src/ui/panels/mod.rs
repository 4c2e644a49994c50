//! The panels, one file each. Each `show` reads a [`crate::ui::context::Ctx`], changes only its
//! own view state and pushes commands; panels never import each other. They are registered
//! in `ui::dock`.

pub mod cloud;
pub mod concordance;
pub mod documents;
pub mod entities;
pub mod keywords;
pub mod matrix;
pub mod network;
pub mod phrases;
pub mod problems;
pub mod reader;
pub mod start;
pub mod summary;
pub mod trends;
pub mod words;
