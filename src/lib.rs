//! Quarry: explore a folder of articles.
//!
//! The crate is a GUI-free core shared by the desktop app, the command line and the tests:
//!
//! - [`corpus`] walks a folder in parallel, reads every file (txt, md, html, json, jsonl),
//!   decodes it, extracts its metadata and keeps its raw text; a file it cannot use becomes a
//!   [`corpus::Problem`] and the load goes on.
//! - [`analysis`] tokenises every document (tokens are byte ranges into the raw text) and
//!   counts words, document frequencies and postings, once per corpus.
//! - [`ner`] finds people, organisations, places and other names in raw text, and groups a
//!   corpus's mentions into a catalog of entities with aliases, user edits and merge
//!   suggestions.
//! - [`jobs`] runs such work on a background thread with progress counters, a cancel flag and
//!   a repaint waker that knows nothing of egui.
//! - [`cli`] prints the same results headless; [`desktop`] installs the app for a user.
//! - `ui` (feature `gui`, on by default) is the egui/eframe app: panels in a dock read an
//!   `Arc<Corpus>` and `Arc<Analysis>`, follow one shared selection and push commands that the
//!   app applies once per frame.
//!
//! Every list that reaches a user or a test is sorted with a full tie-break, so output is
//! deterministic whatever the thread count.

pub mod analysis;
pub mod cli;
pub mod corpus;
pub mod desktop;
pub mod export;
pub mod jobs;
pub mod ner;
#[cfg(feature = "gui")]
pub mod ui;
