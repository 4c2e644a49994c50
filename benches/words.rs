//! Benchmarks of the word analysis on Reuters-21578 written out as dated .json files: load
//! (the baseline), the full analysis (counts, dispersion, token index), bigrams, a concordance
//! query for "said", collocates of "said", and keyness of the busiest month against the rest.
//!
//! The corpus is written once into `target/bench-data/reuters-json` with the shared
//! `explode-corpus` tool; when `../shared` is absent the benches print a note and measure nothing.

use chrono::Datelike;
use criterion::{Criterion, criterion_group, criterion_main};
use quarry::analysis::collocates::{Span, collocates};
use quarry::analysis::counts::counts;
use quarry::analysis::keyness::{LL_P05, keyness};
use quarry::analysis::kwic::{Query, search};
use quarry::analysis::measures::Association;
use quarry::analysis::ngrams::{NgramOptions, ngrams};
use quarry::analysis::trends::date_range_docs;
use quarry::analysis::{analyze, docset::DocSet};
use quarry::corpus::{Corpus, load};
use quarry::jobs::JobCtx;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[path = "common/reuters.rs"]
mod reuters;

fn reuters_json() -> Option<PathBuf> {
    reuters::exploded("reuters-json", &["--with-body-only", "--format", "json"])
}

/// The calendar month with the most documents.
fn busiest_month(c: &Corpus) -> DocSet {
    let mut months: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    for d in &c.docs {
        if let Some(t) = d.date {
            *months.entry((t.year(), t.month())).or_default() += 1;
        }
    }
    let ((y, m), _) = months
        .iter()
        .max_by_key(|(_, n)| **n)
        .map(|(k, n)| (*k, *n))
        .unwrap_or(((1987, 3), 0));
    let from = chrono::NaiveDate::from_ymd_opt(y, m, 1).unwrap();
    let to = from
        .checked_add_months(chrono::Months::new(1))
        .unwrap()
        .pred_opt()
        .unwrap();
    date_range_docs(c, from, to)
}

fn bench(c: &mut Criterion) {
    let Some(dir) = reuters_json() else { return };
    let ctx = JobCtx::detached();
    let corpus = load(&dir, &ctx).unwrap();
    let a = analyze(&corpus, &ctx).unwrap();
    let month = busiest_month(&corpus);
    eprintln!(
        "{} documents, {} tokens, {} bytes; busiest month {} documents",
        corpus.docs.len(),
        a.total_tokens,
        corpus.bytes_read,
        month.len()
    );
    let mut g = c.benchmark_group("words");
    g.sample_size(10);
    g.bench_function("load", |b| b.iter(|| load(&dir, &ctx).unwrap()));
    g.bench_function("analyze", |b| b.iter(|| analyze(&corpus, &ctx).unwrap()));
    let bigrams = NgramOptions {
        n: 2,
        min_count: 1,
        skip_stop_edges: false,
        skip_numbers: false,
    };
    g.bench_function("bigrams", |b| {
        b.iter(|| ngrams(&a, &bigrams, None, &ctx).unwrap())
    });
    g.bench_function("kwic_said", |b| {
        b.iter(|| {
            let q = Query::parse("said", &a).unwrap();
            search(&a, &q, None)
        })
    });
    g.bench_function("collocates_said", |b| {
        let q = Query::parse("said", &a).unwrap();
        let f = |t: u32| a.freq[t as usize];
        b.iter(|| {
            collocates(
                &a,
                &q,
                Span::Window(5),
                Association::LogDice,
                3,
                None,
                &f,
                a.total_tokens,
                &ctx,
            )
            .unwrap()
        })
    });
    g.bench_function("keyness_month", |b| {
        b.iter(|| {
            let t = counts(&a, &month, false, &ctx).unwrap();
            keyness(&a, &t, 5, LL_P05, &|t| a.is_stop[t as usize])
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
