//! Structure-aware property tests of every parser and every query a user types: generated
//! articles (plain text, Markdown with front matter, JSON, JSON lines, HTML, odd encodings),
//! dates, concordance queries, command-line options, settings files and damaged indexes.
//! Each input must be handled without a panic, within a time budget, and every offset handed
//! out must fall on a character boundary inside its text.
//!
//! A short run is part of `cargo test`; a long one sets `PROPTEST_CASES`, e.g.
//! `PROPTEST_CASES=20000 cargo test --release --test fuzz`.

mod index;
mod inputs;
mod options;
mod parsers;
mod pipeline;
mod settings;

use proptest::test_runner::Config;
use std::time::{Duration, Instant};

/// Cases per property in the short run; `PROPTEST_CASES` overrides it.
const SHORT_RUN: u32 = 48;

/// The test runner's settings: `PROPTEST_CASES` when set, else [`SHORT_RUN`] divided by
/// `cost` (a property whose cases are slow runs fewer of them); no files of past failures.
pub(crate) fn config(cost: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SHORT_RUN / cost.max(1));
    Config {
        cases: cases.max(1),
        failure_persistence: None,
        ..Config::default()
    }
}

/// Longest one input may take. Generous: the machine may be busy and tests run unoptimised.
pub(crate) const BUDGET: Duration = Duration::from_secs(3);

/// Runs `f`, failing when it takes longer than [`BUDGET`].
pub(crate) fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took <= BUDGET, "{what} took {took:?}");
    out
}

/// Fails unless `range` lies inside `text` on character boundaries.
pub(crate) fn on_chars(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what}: {start}..{end} outside 0..{}",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: {start}..{end} cuts a character"
    );
}
