//! Reuters-21578 written out as a folder of files for the benches, once, under
//! `target/bench-data/NAME`, by the shared `explode-corpus` tool.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The folder `target/bench-data/NAME`, written from the shared corpus with `args` if it is
/// not there yet; `None` (after a note) when `../shared` is absent or writing fails.
pub fn exploded(name: &str, args: &[&str]) -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target/bench-data").join(name);
    if out.is_dir() {
        return Some(out);
    }
    let shared = root.join("../shared");
    let tool = shared.join("tools/explode-corpus");
    let src = shared.join("corpora/reuters21578.jsonl.gz");
    if !tool.is_file() || !src.is_file() {
        eprintln!("note: ../shared is absent; the Reuters benches are skipped");
        return None;
    }
    let ok = Command::new(tool)
        .arg(src)
        .arg(&out)
        .args(args)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        eprintln!(
            "note: could not write {}; the Reuters benches are skipped",
            out.display()
        );
    }
    ok.then_some(out)
}
