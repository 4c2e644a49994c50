//! Benchmarks: loading and word-counting the Reuters-21578 corpus written out as .txt files.
//!
//! The corpus is written once into `target/bench-data/reuters` with the shared `explode-corpus`
//! tool; when `../shared` is absent the benches print a note and measure nothing.

use criterion::{Criterion, criterion_group, criterion_main};
use quarry::analysis::analyze;
use quarry::corpus::load;
use quarry::jobs::JobCtx;
use std::path::{Path, PathBuf};
use std::process::Command;

fn reuters() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target/bench-data/reuters");
    if out.is_dir() {
        return Some(out);
    }
    let shared = root.join("../shared");
    let tool = shared.join("tools/explode-corpus");
    let src = shared.join("corpora/reuters21578.jsonl.gz");
    if !tool.is_file() || !src.is_file() {
        eprintln!("note: ../shared is absent; Reuters benches skipped");
        return None;
    }
    let ok = Command::new(tool)
        .arg(src)
        .arg(&out)
        .arg("--with-body-only")
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    ok.then_some(out)
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
