//! Benchmarks of the folder index: a first open (reading every file and writing the index),
//! a reopen with nothing changed, and a reopen after one file in a hundred changed, on the
//! Reuters folder, BBC News written 20 times in mixed formats, and 50,000 generated articles
//! (`scripts/make-corpus`). Folders are written once under `target/bench-data`; without
//! `../shared` the benches print a note and measure nothing. The million-article figures are
//! taken with `quarry stats` and `/usr/bin/time -v` (see the README), not here.

use criterion::{Criterion, criterion_group, criterion_main};
use quarry::index::{Options, open};
use quarry::jobs::JobCtx;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

#[path = "common/reuters.rs"]
mod reuters;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// BBC News written 20 times, formats mixed.
fn bbc20() -> Option<PathBuf> {
    let out = root().join("target/bench-data/bbc20");
    if out.is_dir() {
        return Some(out);
    }
    let shared = root().join("../shared");
    let ok = Command::new(shared.join("tools/explode-corpus"))
        .arg(shared.join("corpora/bbc-news.jsonl.gz"))
        .arg(&out)
        .args(["--copies", "20", "--format", "mixed"])
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(out)
}

/// 50,000 generated articles.
fn generated() -> Option<PathBuf> {
    let out = root().join("target/bench-data/generated-50k");
    if out.is_dir() {
        return Some(out);
    }
    let ok = Command::new(root().join("scripts/make-corpus"))
        .arg("50000")
        .arg(&out)
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(out)
}

/// Every hundredth file, sorted by path.
fn one_in_a_hundred(dir: &Path) -> Vec<PathBuf> {
    let mut all = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(e.path());
            } else {
                all.push(e.path());
            }
        }
    }
    all.sort();
    all.into_iter().step_by(100).collect()
}

fn bench_folder(c: &mut Criterion, name: &str, dir: &Path) {
    let cache = root().join("target/bench-data/cache").join(name);
    let opts = Options {
        cache: Some(cache.clone()),
    };
    let none = Options::default();
    let ctx = JobCtx::detached();
    let paths = [dir.to_path_buf()];
    let mut g = c.benchmark_group(format!("index/{name}"));
    g.sample_size(10);
    g.bench_function("no index", |b| {
        b.iter(|| open(&paths, &none, &ctx).map(|o| o.analysis.total_tokens))
    });
    g.bench_function("first open", |b| {
        b.iter(|| {
            let _ = std::fs::remove_dir_all(&cache);
            open(&paths, &opts, &ctx).map(|o| o.analysis.total_tokens)
        })
    });
    let _ = open(&paths, &opts, &ctx);
    g.bench_function("reopen", |b| {
        b.iter(|| open(&paths, &opts, &ctx).map(|o| o.analysis.total_tokens))
    });
    // The files' times move forward before each run, so each run reads them again.
    let changed = one_in_a_hundred(dir);
    g.bench_function("1% changed", |b| {
        b.iter_batched(
            || {
                let now = SystemTime::now();
                for f in &changed {
                    if let Ok(file) = std::fs::File::options().append(true).open(f) {
                        let _ = file.set_modified(now);
                    }
                }
            },
            |()| open(&paths, &opts, &ctx).map(|o| o.analysis.total_tokens),
            criterion::BatchSize::PerIteration,
        )
    });
    g.finish();
}

fn bench(c: &mut Criterion) {
    let Some(reuters) = reuters::exploded("reuters", &["--with-body-only"]) else {
        return;
    };
    bench_folder(c, "reuters", &reuters);
    match bbc20() {
        Some(d) => bench_folder(c, "bbc20", &d),
        None => eprintln!("note: could not write BBC News ×20; skipped"),
    }
    match generated() {
        Some(d) => bench_folder(c, "generated-50k", &d),
        None => eprintln!("note: could not generate 50,000 articles; skipped"),
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
