//! `quarry export` and reading exports back: the tables hold what the folder gives, the parts
//! of a sharded export add up to the whole, offsets point at the mentions, the opened folder is
//! never written to, and broken tables get a message naming the file and column.

use arrow_array::{ArrayRef, Int64Array, RecordBatch, StringArray};
use parquet::arrow::ArrowWriter;
use quarry::jobs::JobCtx;
use quarry::tables::read::read_export;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data")
}

/// Runs `quarry export FOLDER --out OUT [ARGS]`; its exit code and standard error.
fn export(folder: &Path, out: &Path, args: &[&str], cache: &Path) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_quarry"))
        .arg("export")
        .arg(folder)
        .arg("--out")
        .arg(out)
        .args(args)
        .env("QUARRY_CACHE_DIR", cache)
        .output()
        .expect("quarry runs");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn open_folder(p: &Path) -> (quarry::corpus::Corpus, quarry::analysis::Analysis) {
    let o = quarry::index::open(
        &[p.to_path_buf()],
        &quarry::index::Options::default(),
        &JobCtx::detached(),
    )
    .expect("loads");
    (o.corpus, o.analysis)
}

#[test]
fn sharded_parts_read_together_equal_the_whole_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let whole = tmp.path().join("whole");
    let parts = tmp.path().join("parts");
    assert_eq!(export(&sample(), &whole, &[], &cache).0, 0);
    for i in 0..3 {
        let (code, err) = export(&sample(), &parts, &["--shard", &format!("{i}/3")], &cache);
        assert_eq!(code, 0, "{err}");
        assert!(err.contains(&format!("part {i} of 3")), "{err}");
    }
    for t in ["documents", "terms", "mentions", "entities"] {
        let n = std::fs::read_dir(parts.join(t)).unwrap().count();
        assert_eq!(n, 3, "{t}");
    }
    let (c, a) = open_folder(&sample());
    let ctx = JobCtx::detached();
    for dir in [&whole, &parts] {
        let t = read_export(dir, &ctx).expect("reads");
        assert_eq!(t.corpus.docs.len(), c.docs.len());
        let labels = |docs: &[quarry::corpus::Document]| -> Vec<String> {
            docs.iter().map(|d| d.label()).collect()
        };
        assert_eq!(labels(&t.corpus.docs), labels(&c.docs));
        assert_eq!(t.analysis.total_tokens, a.total_tokens);
        assert_eq!(t.analysis.vocab, a.vocab);
        assert_eq!(t.analysis.freq, a.freq);
        assert_eq!(t.analysis.doc_tokens, a.doc_tokens);
        assert_eq!(t.analysis.top_words(50, true), a.top_words(50, true));
        let dates = |docs: &[quarry::corpus::Document]| -> Vec<_> {
            docs.iter().map(|d| (d.date, d.title.clone())).collect()
        };
        assert_eq!(dates(&t.corpus.docs), dates(&c.docs));
        assert_eq!(
            t.source.as_deref(),
            Some(sample().canonicalize().unwrap().as_path())
        );
        assert_eq!(t.manifests.len(), if dir == &whole { 1 } else { 3 });
    }
}

#[test]
fn mention_offsets_point_at_the_mention_in_the_text() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("t");
    assert_eq!(export(&sample(), &out, &[], &tmp.path().join("c")).0, 0);
    let (c, _) = open_folder(&sample());
    let file = std::fs::File::open(out.join("mentions/part-0.parquet")).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let mut checked = 0;
    for b in reader {
        let b = b.unwrap();
        let col = |n: &str| b.column(b.schema().index_of(n).unwrap()).clone();
        let ids = col("doc_id");
        let ids = ids.as_any().downcast_ref::<StringArray>().unwrap();
        let (s, e) = (col("start"), col("end"));
        let s = s.as_any().downcast_ref::<Int64Array>().unwrap();
        let e = e.as_any().downcast_ref::<Int64Array>().unwrap();
        let text = col("text");
        let text = text.as_any().downcast_ref::<StringArray>().unwrap();
        for r in 0..b.num_rows() {
            let d = c.docs.iter().find(|d| d.label() == ids.value(r)).unwrap();
            let shift = d.offset_in_file() as i64;
            let range = (s.value(r) - shift) as usize..(e.value(r) - shift) as usize;
            assert_eq!(&d.text[range], text.value(r));
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked}");
}

#[test]
fn the_tables_are_never_written_into_the_folder_exported() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("news");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("a.txt"),
        "Talks in Geneva.\n\nThe UN met in Geneva.",
    )
    .unwrap();
    let (code, err) = export(&folder, &folder.join("tables"), &[], &tmp.path().join("c"));
    assert_eq!(code, 2);
    assert!(err.contains("inside the folder being exported"), "{err}");
    let names: Vec<_> = std::fs::read_dir(&folder).unwrap().flatten().collect();
    assert_eq!(names.len(), 1);
    let (code, err) = export(&folder, &folder.join("a.txt"), &[], &tmp.path().join("c"));
    assert_eq!(code, 2, "{err}");
    let (code, err) = export(
        &folder,
        &tmp.path().join("t"),
        &["--shard", "3/3"],
        &tmp.path().join("c"),
    );
    assert_eq!(code, 2);
    assert!(err.contains("not a shard"), "{err}");
}

/// Writes one Parquet file of the given columns.
fn write_parquet(path: &Path, cols: Vec<(&str, ArrayRef)>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let batch = RecordBatch::try_from_iter(cols).unwrap();
    let mut w =
        ArrowWriter::try_new(std::fs::File::create(path).unwrap(), batch.schema(), None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

fn read_error(dir: &Path) -> String {
    match read_export(dir, &JobCtx::detached()) {
        Ok(_) => panic!("{} was read", dir.display()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn broken_tables_are_refused_naming_the_file_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let good = tmp.path().join("good");
    assert_eq!(export(&sample(), &good, &[], &tmp.path().join("c")).0, 0);
    let copy = |name: &str| {
        let to = tmp.path().join(name);
        for t in ["documents", "terms", "mentions", "entities"] {
            std::fs::create_dir_all(to.join(t)).unwrap();
            let f = format!("{t}/part-0.parquet");
            std::fs::copy(good.join(&f), to.join(&f)).unwrap();
        }
        to
    };
    let strings = |v: &[&str]| -> ArrayRef { Arc::new(StringArray::from(v.to_vec())) };
    let ints = |v: &[i64]| -> ArrayRef { Arc::new(Int64Array::from(v.to_vec())) };

    // Unrelated Parquet files where the tables should be.
    let other = copy("unrelated");
    write_parquet(
        &other.join("documents/part-0.parquet"),
        vec![("city", strings(&["Oslo"])), ("people", ints(&[700_000]))],
    );
    let e = read_error(&other);
    assert!(
        e.contains("documents/part-0.parquet") && e.contains("\"doc_id\" is missing"),
        "{e}"
    );

    // A column of the wrong type.
    let typed = copy("typed");
    write_parquet(
        &typed.join("terms/part-1.parquet"),
        vec![
            ("doc_id", strings(&["x"])),
            ("term", strings(&["x"])),
            ("count", strings(&["many"])),
        ],
    );
    let e = read_error(&typed);
    assert!(
        e.contains("terms/part-1.parquet") && e.contains("\"count\" holds Utf8"),
        "{e}"
    );

    // A truncated file.
    let cut = copy("truncated");
    let f = cut.join("mentions/part-0.parquet");
    let bytes = std::fs::read(&f).unwrap();
    std::fs::write(&f, &bytes[..bytes.len() / 2]).unwrap();
    let e = read_error(&cut);
    assert!(
        e.contains("mentions/part-0.parquet") && e.contains("Parquet"),
        "{e}"
    );

    // A row naming a document the documents table lacks, and a label that is not one.
    let orphan = copy("orphan");
    write_parquet(
        &orphan.join("terms/part-9.parquet"),
        vec![
            ("doc_id", strings(&["nowhere.txt"])),
            ("term", strings(&["x"])),
            ("count", ints(&[1])),
        ],
    );
    let e = read_error(&orphan);
    assert!(
        e.contains("terms/part-9.parquet") && e.contains("\"nowhere.txt\""),
        "{e}"
    );

    // No part at all, and the same part twice.
    let empty = copy("empty");
    std::fs::remove_file(empty.join("documents/part-0.parquet")).unwrap();
    assert!(read_error(&empty).contains("holds no Parquet file"));
    let twice = copy("twice");
    std::fs::copy(
        twice.join("documents/part-0.parquet"),
        twice.join("documents/part-1.parquet"),
    )
    .unwrap();
    assert!(read_error(&twice).contains("appears twice"));
    // The good export still reads.
    assert!(read_export(&good, &JobCtx::detached()).is_ok());
}

/// The entity graph of a corpus in every scope, as (name, name, count) links, sorted.
fn links(
    c: &quarry::corpus::Corpus,
    a: &quarry::analysis::Analysis,
    found: &quarry::ner::catalog::Recognised,
    scope: quarry::analysis::cooccur::Scope,
) -> Vec<(String, String, u32)> {
    use quarry::ner::catalog::{Edits, group, top::GraphInput, top::graph_of_top_entities};
    let ctx = JobCtx::detached();
    let cat = group(found, a, c, &Edits::default(), &ctx).expect("grouped");
    let input = GraphInput {
        catalog: &cat,
        analysis: a,
        corpus: c,
        scope: None,
    };
    let opts = quarry::analysis::cooccur::CooccurOptions {
        scope,
        min_count: 1,
        ..Default::default()
    };
    let g = graph_of_top_entities(&input, &opts, None, &ctx).expect("a graph");
    let name =
        |i: petgraph::graph::NodeIndex| cat.entities[g.graph[i].entity as usize].name.clone();
    let mut out: Vec<_> = g
        .graph
        .raw_edges()
        .iter()
        .map(|e| (name(e.source()), name(e.target()), e.weight.count))
        .collect();
    out.sort();
    out
}

#[test]
fn the_entity_graph_of_the_tables_equals_the_folders_in_every_scope() {
    use quarry::analysis::cooccur::Scope;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("t");
    assert_eq!(
        export(&sample(), &out, &["--shard", "0/1"], &tmp.path().join("c")).0,
        0
    );
    let (c, a) = open_folder(&sample());
    let found = quarry::ner::catalog::recognise(
        &c,
        quarry::ner::Recognizer::english(),
        &JobCtx::detached(),
    )
    .expect("recognised");
    let t = read_export(&out, &JobCtx::detached()).expect("reads");
    for scope in [
        Scope::Sentence,
        Scope::Paragraph,
        Scope::Document,
        Scope::Window(5),
    ] {
        let want = links(&c, &a, &found, scope);
        assert!(want.len() > 50, "{scope:?}: {}", want.len());
        assert_eq!(
            links(&t.corpus, &t.analysis, &t.mentions, scope),
            want,
            "{scope:?}"
        );
    }
}

#[test]
fn commands_read_exported_tables_like_the_folder_or_say_they_need_texts() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("c");
    let out = tmp.path().join("t");
    assert_eq!(export(&sample(), &out, &[], &cache).0, 0);
    let run = |args: &[&str], path: &Path| {
        Command::new(env!("CARGO_BIN_EXE_quarry"))
            .args(&args[..1])
            .arg(path)
            .args(&args[1..])
            .env("QUARRY_CACHE_DIR", &cache)
            .output()
            .expect("quarry runs")
    };
    for args in [
        &["words", "--all", "--top", "100000"][..],
        &["words", "--stem", "--top", "50"][..],
        &[
            "keyness",
            "--from",
            "2025-03-01",
            "--to",
            "2025-03-31",
            "--top",
            "40",
        ][..],
    ] {
        let (a, b) = (run(args, &sample()), run(args, &out));
        assert!(a.status.success() && b.status.success(), "{args:?}");
        assert!(a.stdout.len() > 100, "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&b.stdout),
            String::from_utf8_lossy(&a.stdout),
            "{args:?}"
        );
    }
    for args in [&["kwic", "vellmark"][..], &["ngrams"][..], &["graph"][..]] {
        let o = run(args, &out);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("exported tables"),
            "{args:?}"
        );
    }
}
