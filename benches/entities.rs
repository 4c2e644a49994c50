//! Entity recognition throughput on the CoNLL-2003 development texts (when `../shared` exists).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quarry::analysis::tokenize::tokens;
use quarry::ner::Recognizer;
use std::hint::black_box;
use std::path::Path;

fn texts() -> Option<Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/ner/conll2003/dev");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

fn bench(c: &mut Criterion) {
    let Some(texts) = texts() else {
        eprintln!("note: ../shared/ner/conll2003/dev not found; skipping the entity benchmark");
        return;
    };
    let rec = Recognizer::english();
    // Throughput is counted in word tokens (the word counter's tokens), one core.
    let words: u64 = texts.iter().map(|t| tokens(t).count() as u64).sum();
    let mut g = c.benchmark_group("entities");
    g.throughput(Throughput::Elements(words));
    g.sample_size(20);
    g.bench_function("conll_dev", |b| {
        b.iter(|| {
            let n: usize = texts
                .iter()
                .map(|t| rec.recognize(black_box(t)).len())
                .sum();
            black_box(n)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
