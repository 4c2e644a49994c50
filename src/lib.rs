//! Quarry: explore a folder of articles.
//!
//! The crate is a GUI-free core shared by the desktop app, the command line and the tests.
//! Data flows one way: folder → [`corpus`] → [`analysis`] → [`ner`] → derived values →
//! panels → commands. `ARCHITECTURE.md` at the root has the module table and says where a new
//! panel, format or measure goes.
//!
//! - [`corpus`] walks a folder in parallel, reads every file (one reader per format: txt, md,
//!   html, json, jsonl), decodes it, extracts its metadata and keeps its raw text; a file it
//!   cannot use becomes a [`corpus::Problem`] and the load goes on. A new format is a reader
//!   here.
//! - [`analysis`] tokenises every document (tokens are byte ranges into the raw text), counts
//!   words, document frequencies and postings once per corpus, and answers queries over any
//!   set of documents: n-grams, collocates, keyness, concordances, trends, co-occurrence
//!   graphs and their layout, the Documents list's filter and sort. Association and
//!   dispersion measures live in [`analysis::measures`]; a new measure is added there only.
//! - [`ner`] finds people, organisations, places and other names in raw text, and groups a
//!   corpus's mentions into a catalog of entities with aliases, user edits and merge
//!   suggestions ([`ner::catalog`]); the top entities of a date range and the graph among
//!   them are [`ner::catalog::top`], shared by the Network panel and `quarry graph`.
//! - [`export`] writes tables and graphs (CSV, GEXF, GraphML) atomically.
//! - [`tables`] writes a corpus's documents, words, mentions and entities as Parquet tables
//!   for data engines (`quarry export`), whole or as one of N shards.
//! - [`jobs`] runs such work on a background thread with progress counters, a cancel flag and
//!   a repaint waker that knows nothing of egui.
//! - [`cli`] prints the same results headless; [`desktop`] installs the app for a user.
//! - `ui` (feature `gui`, on by default) is the egui/eframe app: each panel reads a
//!   read-only context (corpus, selection, date range, stop-words, a store of derived values),
//!   changes only its own view and pushes commands that the app applies once per frame. A new
//!   panel is a file in `ui/panels/` registered in `ui/panels/mod.rs`.
//!
//! Every list that reaches a user or a test is sorted with a full tie-break, so output is
//! deterministic whatever the thread count.

pub mod analysis;
pub mod cli;
pub mod corpus;
pub mod desktop;
pub mod export;
pub mod index;
pub mod jobs;
pub mod ner;
pub mod tables;
#[cfg(feature = "gui")]
pub mod ui;
