//! The folder index: reopening gives the same analysis, changed files are picked up, a bad
//! index is rebuilt with a note, two processes can open one folder at once, and the opened
//! folder is never written to.

use quarry::corpus::ProblemKind;
use quarry::index::{self, Opened, Options, State};
use quarry::jobs::JobCtx;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data")
}

/// A copy of the sample corpus to change, and an empty cache folder.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("news");
    copy_dir(&sample(), &folder);
    let cache = tmp.path().join("cache");
    (tmp, folder, cache)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

fn open(folder: &Path, cache: Option<&Path>) -> Opened {
    let opts = Options {
        cache: cache.map(Path::to_path_buf),
    };
    index::open(&[folder.to_path_buf()], &opts, &JobCtx::detached()).unwrap()
}

/// Everything a user sees of an opened folder, as text to compare.
fn fingerprint(o: &Opened) -> String {
    let a = &o.analysis;
    let mut s = String::new();
    for d in &o.corpus.docs {
        s += &format!(
            "{}|{:?}|{}|{:?}|{}|{}\n",
            d.label(),
            d.date,
            d.title,
            d.authors,
            d.body_start,
            d.text.len()
        );
    }
    for p in &o.corpus.problems {
        if p.kind != ProblemKind::Index {
            s += &format!("{p:?}\n");
        }
    }
    s += &format!("{:?}\n{:?}\n", a.vocab, a.freq);
    s += &format!("{:?}\n{:?}\n", a.doc_tokens, a.stream);
    for pos in 0..a.stream.len() {
        s += &format!("{:?}{:?} ", a.span(pos), a.brk(pos));
    }
    for t in 0..a.vocab.len() as u32 {
        s += &format!("{:?}", a.postings(t).collect::<Vec<_>>());
    }
    s += &format!("{:?}{:?}", a.dp, a.by_freq);
    s
}

/// Names, sizes and modification times of every file under `dir`.
fn listing(dir: &Path) -> BTreeMap<PathBuf, (u64, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let m = e.metadata().unwrap();
            if m.is_dir() {
                stack.push(e.path());
            }
            out.insert(e.path(), (m.len(), m.modified().unwrap()));
        }
    }
    out
}

#[test]
fn reopening_gives_the_same_analysis_from_the_index() {
    let (_tmp, folder, cache) = setup();
    let before = listing(&folder);
    let fresh = open(&folder, None);
    let first = open(&folder, Some(&cache));
    assert_eq!(first.report.state, State::Created);
    assert!(first.report.bytes > 0);
    let again = open(&folder, Some(&cache));
    assert_eq!(again.report.state, State::Reused);
    assert_eq!(again.report.reused, first.corpus.files_seen as usize);
    assert_eq!(fingerprint(&fresh), fingerprint(&first));
    assert_eq!(fingerprint(&fresh), fingerprint(&again));
    // The opened folder was not written to: same files, sizes and times.
    assert_eq!(listing(&folder), before);
    // The index is in the cache folder and lists the folder.
    let listed = index::dirs::list(&cache);
    assert_eq!(listed.len(), 1);
    assert!(listed[0].root.ends_with("news"), "{}", listed[0].root);
}

#[test]
fn changed_added_and_removed_files_are_picked_up() {
    let (_tmp, folder, cache) = setup();
    open(&folder, Some(&cache));
    let mut files: Vec<PathBuf> = listing(&folder)
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 3);
    // Changed: a new word at the end (and a different size).
    let mut text = std::fs::read_to_string(&files[0]).unwrap();
    text.push_str("\nA zanzibarite was found.\n");
    std::fs::write(&files[0], text).unwrap();
    // Removed, and added.
    std::fs::remove_file(&files[1]).unwrap();
    std::fs::write(
        folder.join("zz-new.md"),
        "# Quokkas\n\nQuokkas visited Geneva.\n",
    )
    .unwrap();

    let again = open(&folder, Some(&cache));
    let r = &again.report;
    assert_eq!(r.state, State::Updated);
    assert_eq!((r.added, r.changed, r.removed), (1, 1, 1));
    assert_eq!(r.reused + 2, again.corpus.files_seen as usize);
    let fresh = open(&folder, None);
    assert_eq!(fingerprint(&fresh), fingerprint(&again));
    assert_eq!(again.analysis.docs_with("zanzibarite").len(), 1);
    assert_eq!(again.analysis.docs_with("quokkas").len(), 1);
    // The updated index is what the next open reuses.
    let third = open(&folder, Some(&cache));
    assert_eq!(third.report.state, State::Reused);
    assert_eq!(fingerprint(&fresh), fingerprint(&third));
}

fn index_file(cache: &Path) -> PathBuf {
    let listed = index::dirs::list(cache);
    listed[0].files[0].clone()
}

#[test]
fn a_truncated_or_garbage_index_is_rebuilt_with_a_note() {
    let (_tmp, folder, cache) = setup();
    let fresh = fingerprint(&open(&folder, Some(&cache)));
    let path = index_file(&cache);
    let full = std::fs::read(&path).unwrap();
    for bad in [
        full[..full.len() / 2].to_vec(),
        b"not an index at all".to_vec(),
        Vec::new(),
        {
            let mut flipped = full.clone();
            flipped[full.len() / 3] ^= 0x55;
            flipped
        },
    ] {
        std::fs::write(&path, &bad).unwrap();
        let o = open(&folder, Some(&cache));
        assert!(
            matches!(o.report.state, State::Rebuilt(_)),
            "{:?}",
            o.report.state
        );
        let note = o
            .corpus
            .problems
            .iter()
            .find(|p| p.kind == ProblemKind::Index);
        assert!(note.is_some(), "a note says the index was rebuilt");
        assert_eq!(fingerprint(&o), fresh);
        // Rebuilt, so the next open uses it again.
        assert_eq!(open(&folder, Some(&cache)).report.state, State::Reused);
    }
}

#[test]
fn an_index_of_another_format_version_is_rebuilt() {
    let (_tmp, folder, cache) = setup();
    open(&folder, Some(&cache));
    let path = index_file(&cache);
    let mut bytes = std::fs::read(&path).unwrap();
    // The format version follows the 8-byte magic.
    bytes[8..12].copy_from_slice(&0u32.to_le_bytes());
    std::fs::write(&path, &bytes).unwrap();
    let o = open(&folder, Some(&cache));
    match &o.report.state {
        State::Rebuilt(why) => assert!(why.contains("format 0"), "{why}"),
        s => panic!("{s:?}"),
    }
}

#[test]
fn two_processes_opening_one_folder_at_once_both_succeed() {
    let (_tmp, folder, cache) = setup();
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_quarry"))
            .env("QUARRY_CACHE_DIR", &cache)
            .args(["stats", "--json"])
            .arg(&folder)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (run(), run());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success() && b.status.success());
    // The index left behind is whole: the next open reuses it.
    assert_eq!(open(&folder, Some(&cache)).report.state, State::Reused);
    let names: Vec<_> = std::fs::read_dir(cache.join("index"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "no temporary file is left: {names:?}");
}

#[test]
fn the_cache_command_lists_and_clears() {
    let (_tmp, folder, cache) = setup();
    let quarry = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_quarry"))
            .env("QUARRY_CACHE_DIR", &cache)
            .args(args)
            .output()
            .unwrap()
    };
    let f = folder.to_str().unwrap();
    assert!(quarry(&["stats", f, "--no-cache"]).status.success());
    assert!(!cache.join("index").exists(), "--no-cache writes nothing");
    let out = quarry(&["stats", f]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Index           index created"), "{text}");
    let out = quarry(&["stats", f]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Index           all "), "{text}");
    let list = String::from_utf8(quarry(&["cache"]).stdout).unwrap();
    assert!(
        list.contains("news") && list.contains("1 folder,"),
        "{list}"
    );
    let cleared = String::from_utf8(quarry(&["cache", "--clear", f]).stdout).unwrap();
    assert!(cleared.starts_with("removed 1 index"), "{cleared}");
    let list = String::from_utf8(quarry(&["cache"]).stdout).unwrap();
    assert!(list.contains("0 folders,"), "{list}");
}

#[test]
fn saved_mentions_are_reused_and_match_a_fresh_recognition() {
    use quarry::ner::Recognizer;
    use quarry::ner::catalog::{Edits, group};
    let (_tmp, folder, cache) = setup();
    let o = open(&folder, Some(&cache));
    let opts = Options {
        cache: Some(cache.clone()),
    };
    let ctx = JobCtx::detached();
    let rec = Recognizer::english();
    let fresh = quarry::ner::catalog::recognise(&o.corpus, rec, &ctx).unwrap();
    let first = index::recognise_saved(&o.corpus, rec, "", &opts, &ctx).unwrap();
    let saved = index::dirs::list(&cache)[0].files.clone();
    assert!(
        saved
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "qner"))
    );
    let before = std::fs::metadata(&saved[1]).unwrap().modified().unwrap();
    let again = index::recognise_saved(&o.corpus, rec, "", &opts, &ctx).unwrap();
    // Nothing new: the saved file is not written again.
    assert_eq!(
        std::fs::metadata(&saved[1]).unwrap().modified().unwrap(),
        before
    );
    let names = |r| {
        let c = group(r, &o.analysis, &o.corpus, &Edits::default(), &ctx).unwrap();
        let mut v: Vec<(String, u32)> = c
            .entities
            .iter()
            .map(|e| (e.name.clone(), e.mentions))
            .collect();
        v.sort();
        v
    };
    assert_eq!(fresh.mentions(), first.mentions());
    assert_eq!(names(&fresh), names(&first));
    assert_eq!(names(&fresh), names(&again));
}
