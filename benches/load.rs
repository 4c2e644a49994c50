//! Benchmarks: loading and word-counting the Reuters-21578 corpus written out as .txt files.
//!
//! The corpus is written once into `target/bench-data/reuters` with the shared `explode-corpus`
//! tool; when `../shared` is absent the benches print a note and measure nothing.

use criterion::{Criterion, criterion_group, criterion_main};
use quarry::analysis::analyze;
use quarry::corpus::load;
use quarry::jobs::JobCtx;
use std::path::PathBuf;

#[path = "common/reuters.rs"]
mod reuters;

fn reuters() -> Option<PathBuf> {
    reuters::exploded("reuters", &["--with-body-only"])
}

fn bench(c: &mut Criterion) {
    let Some(dir) = reuters() else { return };
    let ctx = JobCtx::detached();
    let mut g = c.benchmark_group("reuters");
    g.sample_size(10);
    g.bench_function("load", |b| {
        b.iter(|| load(&dir, &ctx).map(|c| c.docs.len()))
    });
    let corpus = match load(&dir, &ctx) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("note: cannot load {}: {e}", dir.display());
            return;
        }
    };
    g.bench_function("analyze", |b| {
        b.iter(|| analyze(&corpus, &ctx).map(|a| a.total_tokens))
    });
    g.bench_function("load+analyze", |b| {
        b.iter(|| {
            let c = load(&dir, &ctx).ok()?;
            analyze(&c, &ctx).map(|a| a.total_tokens)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
