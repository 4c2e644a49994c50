//! Integration tests: loading real folders — the sample corpus and a folder of broken files.

use quarry::analysis::analyze;
use quarry::corpus::{Corpus, Format, ProblemKind, load};
use quarry::jobs::JobCtx;
use std::path::{Path, PathBuf};

fn manifest(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn load_dir(p: &Path) -> Corpus {
    load(p, &JobCtx::detached()).expect("folder loads")
}

fn problem<'a>(c: &'a Corpus, path: &str) -> Vec<&'a quarry::corpus::Problem> {
    c.problems.iter().filter(|p| p.path == path).collect()
}

#[test]
fn sample_corpus_loads_every_format_with_metadata() {
    let c = load_dir(&manifest("sample_data"));
    assert!(
        (40..=70).contains(&c.docs.len()),
        "{} documents",
        c.docs.len()
    );
    let formats: Vec<Format> = c.format_counts().into_iter().map(|(f, _)| f).collect();
    assert_eq!(
        formats,
        [
            Format::Txt,
            Format::Md,
            Format::Html,
            Format::Json,
            Format::Jsonl
        ]
    );
    // Everything loads; the only note is the file deliberately saved as Windows-1252.
    assert_eq!(c.skipped(), 0, "{:?}", c.problems);
    assert!(c.problems.iter().all(|p| p.kind == ProblemKind::Encoding));
    // Most articles carry a date, and the dates span months.
    let dated = c.docs.iter().filter(|d| d.date.is_some()).count();
    assert!(
        dated * 10 >= c.docs.len() * 9,
        "{dated} of {} dated",
        c.docs.len()
    );
    let (lo, hi) = c.date_range().unwrap();
    assert!((hi - lo).num_days() > 90);
    // Titles are real headlines, not markup or file names.
    for d in &c.docs {
        assert!(
            !d.title.is_empty() && !d.title.starts_with('<'),
            "{}: {:?}",
            d.label(),
            d.title
        );
        assert!(!d.text.contains("<script"), "{}", d.label());
    }
    // Documents are sorted by path, then index.
    let keys: Vec<(String, Option<u32>)> =
        c.docs.iter().map(|d| (d.path.clone(), d.index)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn sample_txt_text_is_the_file_byte_for_byte() {
    let c = load_dir(&manifest("sample_data"));
    for d in c
        .docs
        .iter()
        .filter(|d| d.format == Some(Format::Txt) && d.encoding == "UTF-8")
    {
        let bytes = std::fs::read(&d.file).unwrap();
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        assert_eq!(d.text.as_bytes(), bytes, "{}", d.path);
    }
}

#[test]
fn sample_bylines_datelines_and_multi_article_files() {
    let c = load_dir(&manifest("sample_data"));
    let aurora = c
        .docs
        .iter()
        .find(|d| d.title.starts_with("Aurora Airways cuts routes"))
        .unwrap();
    assert_eq!(aurora.authors, ["Peter Lindqvist"]);
    assert_eq!(aurora.dateline.as_deref(), Some("COPENHAGEN"));
    assert_eq!(aurora.source.as_deref(), Some("Meridian News"));
    assert_eq!(aurora.date.unwrap().date().to_string(), "2025-03-25");
    let jsonl: Vec<_> = c
        .docs
        .iter()
        .filter(|d| d.format == Some(Format::Jsonl))
        .collect();
    assert!(jsonl.len() >= 4);
    assert!(jsonl.iter().all(|d| d.index.is_some()));
}

#[test]
fn bad_files_are_reported_and_the_rest_loads() {
    let c = load_dir(&manifest("tests/fixtures/bad"));
    let kinds =
        |path: &str| -> Vec<ProblemKind> { problem(&c, path).iter().map(|p| p.kind).collect() };
    assert_eq!(kinds("empty.txt"), [ProblemKind::Empty]);
    assert_eq!(kinds("whitespace.md"), [ProblemKind::Empty]);
    assert_eq!(kinds("binary-named.txt"), [ProblemKind::Binary]);
    assert_eq!(kinds("truncated.json"), [ProblemKind::Invalid]);
    assert!(problem(&c, "truncated.json")[0].message.contains("line 1"));
    assert_eq!(kinds("not-article.json"), [ProblemKind::Invalid]);
    assert_eq!(kinds("no-body.html"), [ProblemKind::Invalid]);
    assert_eq!(kinds("image.png"), [ProblemKind::NotArticle]);
    assert_eq!(kinds("blob.dat"), [ProblemKind::NotArticle]);
    assert_eq!(kinds("latin1.txt"), [ProblemKind::Encoding]);
    // One bad item inside a multi-article file does not lose the others.
    assert_eq!(kinds("array.json"), [ProblemKind::Invalid]);
    assert!(problem(&c, "array.json")[0].message.starts_with("item 2"));
    assert_eq!(kinds("mixed.jsonl"), [ProblemKind::Invalid]);
    assert!(problem(&c, "mixed.jsonl")[0].message.starts_with("line 2"));

    let titles: Vec<&str> = c.docs.iter().map(|d| d.title.as_str()).collect();
    for t in [
        "Council backs ceasefire plan",
        "Café talks in Zürich",
        "UTF-16 headline",
        "BOM headline",
        "One",
        "Three",
        "L1",
        "L4",
        "Plain notes with an unknown extension",
        "Deep article",
    ] {
        assert!(titles.contains(&t), "{t} missing from {titles:?}");
    }
    assert!(!titles.contains(&"Hidden file"));
    let bom = c.docs.iter().find(|d| d.title == "BOM headline").unwrap();
    assert!(bom.text.starts_with("BOM headline"));
    assert_eq!(bom.encoding, "UTF-8");
    let utf16 = c
        .docs
        .iter()
        .find(|d| d.title == "UTF-16 headline")
        .unwrap();
    assert_eq!(utf16.encoding, "UTF-16LE");
    // Problems are sorted by path for stable output.
    let paths: Vec<&str> = c.problems.iter().map(|p| p.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert!(analyze(&c, &JobCtx::detached()).is_some());
}

#[cfg(unix)]
#[test]
fn symlink_loops_dangling_links_and_odd_names_do_not_stop_the_load() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("a/b")).unwrap();
    std::fs::write(root.join("a/b/story.txt"), "Story\n\nText.").unwrap();
    std::os::unix::fs::symlink(root.join("a"), root.join("a/b/loop")).unwrap();
    std::os::unix::fs::symlink(root.join("missing.txt"), root.join("dangling.txt")).unwrap();
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9-\xff.txt");
    std::fs::write(root.join(odd), "Odd name\n\nStill loads.").unwrap();
    let c = load_dir(root);
    let titles: Vec<&str> = c.docs.iter().map(|d| d.title.as_str()).collect();
    assert!(titles.contains(&"Story"), "{titles:?}");
    assert!(titles.contains(&"Odd name"), "{titles:?}");
    assert!(
        c.problems
            .iter()
            .any(|p| p.kind == ProblemKind::Walk && p.message.contains("loop")),
        "{:?}",
        c.problems
    );
    assert!(
        c.problems.iter().any(|p| p.path.contains("dangling")),
        "{:?}",
        c.problems
    );
}

#[test]
fn thousands_of_tiny_files_and_a_large_file() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3000 {
        let sub = dir.path().join(format!("d{}", i % 30));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            sub.join(format!("f{i:05}.txt")),
            format!("Tiny {i}\n\nword{}", i % 10),
        )
        .unwrap();
    }
    // A 40 MB single article: one line repeated.
    let big: String = "The envoy met the ministers in Geneva again. ".repeat(900_000);
    std::fs::write(dir.path().join("big.txt"), &big).unwrap();
    let c = load_dir(dir.path());
    assert_eq!(c.docs.len(), 3001);
    // The only note: the 40 MB article is longer than entity analysis reads.
    assert!(
        c.problems
            .iter()
            .all(|p| p.path.ends_with("big.txt") && p.message.contains("entity analysis")),
        "{:?}",
        c.problems
    );
    let a = analyze(&c, &JobCtx::detached()).unwrap();
    assert_eq!(a.docs_with("word3").len(), 300);
    assert_eq!(a.docs_with("envoy").len(), 1);
}

#[test]
fn cancelled_load_stops() {
    let ctx = JobCtx::detached();
    let job = quarry::jobs::Job::spawn("t", quarry::jobs::no_waker(), move |ctx| {
        load(&manifest("sample_data"), ctx).map(|c| c.docs.len())
    })
    .unwrap();
    job.cancel();
    // Either it finished before the flag was seen, or it reports the cancel; it never hangs.
    match job.wait().unwrap() {
        Ok(n) => assert!(n > 0),
        Err(e) => assert!(matches!(e, quarry::corpus::LoadError::Cancelled)),
    }
    drop(ctx);
}

#[test]
fn missing_folder_is_an_error_not_a_panic() {
    let e = load(Path::new("/definitely/not/here"), &JobCtx::detached()).unwrap_err();
    assert!(e.to_string().contains("does not exist"), "{e}");
}

#[test]
fn loading_never_writes_into_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "A\n\nText.").unwrap();
    let before: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let c = load_dir(dir.path());
    analyze(&c, &JobCtx::detached()).unwrap();
    let after: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(before, after);
}

#[test]
fn skipped_counts_whole_files_only() {
    let c = load_dir(&manifest("tests/fixtures/bad"));
    // array.json and mixed.jsonl lost one item each but loaded the rest; latin1.txt loaded with a note.
    let not_loaded = [
        "binary-named.txt",
        "blob.dat",
        "empty.txt",
        "image.png",
        "no-body.html",
        "not-article.json",
        "truncated.json",
        "whitespace.md",
    ];
    assert_eq!(c.skipped(), not_loaded.len(), "{:?}", c.problems);
}

#[test]
fn a_date_far_from_the_rest_of_the_folder_is_left_out_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("a.txt"),
        "Talks open in Geneva\n\nBy Nadia Farouk\n\nGENEVA, April 7, 2025 (Meridian News) - Envoys met.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("b.md"),
        "---\ntitle: Ceasefire holds\ndate: 2025-08-04\n---\n# Ceasefire holds\n\nMonitors said the truce held.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("c.txt"),
        "Second round stalls\n\n20 May 2025\n\nThe talks stalled over the plant.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("d.txt"),
        "Archive note on the old treaty\n\n3 March 1925\n\nThe treaty was signed a century ago.\n",
    )
    .unwrap();
    let c = load_dir(root);
    assert_eq!(c.docs.len(), 4);
    let (lo, hi) = c.date_range().unwrap();
    assert_eq!(lo.date().to_string(), "2025-04-07");
    assert_eq!(hi.date().to_string(), "2025-08-04");
    let d = c.docs.iter().find(|d| d.path == "d.txt").unwrap();
    assert_eq!(d.date, None);
    let notes = problem(&c, "d.txt");
    assert_eq!(notes.len(), 1, "{:?}", c.problems);
    assert!(notes[0].kind.loaded());
    assert!(
        notes[0].message.contains("1925-03-03"),
        "{}",
        notes[0].message
    );
    assert_eq!(c.skipped(), 0);
    assert_eq!(c.problems.len(), 1, "{:?}", c.problems);
}
