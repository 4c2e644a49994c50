//! Four shards of a folder exported by `quarry export --shard I/4` and merged by DataFusion SQL
//! give exactly what the whole folder gives: every word's count and document count, the
//! mentions of each label, and each document once. The folder is a slice of Reuters-21578
//! written as .json and .jsonl files; the merge runs in Python (`tests/merge_check.py`).

use serde_json::{Map, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Articles in the slice.
const ARTICLES: usize = 2000;
/// Articles per subfolder; the last `PER_BATCH` of each go into one .jsonl file.
const PER_FOLDER: usize = 100;
const PER_BATCH: usize = 10;
const SHARDS: u32 = 4;

fn reuters() -> Option<PathBuf> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let p = repo.parent()?.join("shared/corpora/reuters21578.jsonl.gz");
    p.exists().then_some(p)
}

fn datafusion_installed() -> bool {
    Command::new("python3")
        .args(["-c", "import datafusion, pyarrow"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs quarry with its cache in `cache`; fails the test with its stderr when it fails.
fn quarry(cache: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_quarry"))
        .env("QUARRY_CACHE_DIR", cache)
        .args(args)
        .output()
        .expect("quarry runs");
    assert!(
        out.status.success(),
        "quarry {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Writes the first `ARTICLES` articles that have a body into `dir` and returns the ids their
/// documents get (the path, plus `#N` inside a .jsonl file).
fn write_slice(gz: &Path, dir: &Path) -> Vec<String> {
    let file = std::fs::File::open(gz).expect("opens the corpus");
    let lines = BufReader::new(flate2::read::GzDecoder::new(file)).lines();
    let articles: Vec<Map<String, Value>> = lines
        .map(|l| l.expect("reads a line"))
        .filter_map(|l| match serde_json::from_str(&l) {
            Ok(Value::Object(o)) => Some(o),
            _ => None,
        })
        .filter(|o| {
            o.get("body")
                .and_then(Value::as_str)
                .is_some_and(|b| !b.trim().is_empty())
        })
        .take(ARTICLES)
        .map(|o| {
            ["id", "date", "title", "dateline", "body"]
                .iter()
                .filter_map(|k| Some((k.to_string(), o.get(*k)?.clone())))
                .collect()
        })
        .collect();
    assert_eq!(articles.len(), ARTICLES);
    let mut ids = Vec::new();
    for (f, chunk) in articles.chunks(PER_FOLDER).enumerate() {
        let sub = format!("part-{f:02}");
        std::fs::create_dir_all(dir.join(&sub)).expect("creates a folder");
        let (singles, batch) = chunk.split_at(chunk.len() - PER_BATCH);
        for a in singles {
            let id = a.get("id").and_then(Value::as_str).expect("an id");
            let rel = format!("{sub}/{id}.json");
            let text = serde_json::to_string(a).expect("serialises");
            std::fs::write(dir.join(&rel), text).expect("writes an article");
            ids.push(rel);
        }
        let rel = format!("{sub}/batch.jsonl");
        let mut w = std::fs::File::create(dir.join(&rel)).expect("creates a .jsonl file");
        for (i, a) in batch.iter().enumerate() {
            let line = serde_json::to_string(a).expect("serialises");
            writeln!(w, "{line}").expect("writes a line");
            ids.push(format!("{rel}#{}", i + 1));
        }
    }
    ids
}

#[test]
fn four_shards_merged_by_datafusion_equal_the_whole_folder() {
    let Some(gz) = reuters() else {
        eprintln!("skipped: the Reuters corpus (../shared/corpora) is not beside the repository");
        return;
    };
    if !datafusion_installed() {
        let required = std::env::var("QUARRY_REQUIRE_DATAFUSION").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "Python's datafusion and pyarrow are required (QUARRY_REQUIRE_DATAFUSION=1): \
             python3 -m pip install datafusion pyarrow"
        );
        eprintln!("skipped: Python's datafusion and pyarrow are not installed");
        return;
    }
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let (folder, tables, cache) = (
        tmp.path().join("reuters"),
        tmp.path().join("tables"),
        tmp.path().join("cache"),
    );
    let ids = write_slice(&gz, &folder);
    let dir = folder.to_str().expect("a UTF-8 path");
    let out = tables.to_str().expect("a UTF-8 path");
    for i in 0..SHARDS {
        quarry(
            &cache,
            &[
                "export",
                dir,
                "--out",
                out,
                "--shard",
                &format!("{i}/{SHARDS}"),
            ],
        );
    }
    let words = quarry(
        &cache,
        &["words", dir, "--all", "--top", "100000000", "--json"],
    );
    let entities = quarry(&cache, &["entities", dir, "--jsonl"]);
    let file = |name: &str, bytes: &[u8]| {
        let p = tmp.path().join(name);
        std::fs::write(&p, bytes).expect("writes");
        p
    };
    let words = file("words.json", &words.stdout);
    let entities = file("entities.jsonl", &entities.stdout);
    let ids = file("ids.txt", ids.join("\n").as_bytes());
    let checker = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/merge_check.py");
    let check = Command::new("python3")
        .arg(&checker)
        .args([tables.as_path(), &words, &entities, &ids])
        .output()
        .expect("python3 runs");
    let said = String::from_utf8_lossy(&check.stdout);
    eprintln!("{said}{}", String::from_utf8_lossy(&check.stderr));
    assert!(check.status.success(), "the merged shards differ: {said}");
}
