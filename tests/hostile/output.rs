//! Output that cannot be written ends in one line or quietly, never in a panic; links,
//! devices and pipes given to `-o` stay what they are.

use crate::{LIMIT, json, mkfifo, quarry, run, s, text, wait};
use std::fs::File;
use std::io::Read;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

fn sample() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample_data")
        .display()
        .to_string()
}

fn sample_file() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample_data/talks/2025-04-10-geneva-prisoner-deal.txt")
        .display()
        .to_string()
}

/// Commands that print something, as argument lists with the sample folder filled in.
fn commands() -> Vec<Vec<String>> {
    let (dir, file) = (sample(), sample_file());
    let lists: Vec<Vec<&str>> = vec![
        vec!["stats", &dir],
        vec!["stats", &dir, "--json"],
        vec!["words", &dir],
        vec!["words", &dir, "--json"],
        vec!["words", &dir, "--stem"],
        vec!["ngrams", &dir],
        vec!["ngrams", &dir, "--json"],
        vec!["collocates", &dir, "said", "--min", "1"],
        vec!["collocates", &dir, "said", "--json"],
        vec!["keyness", &dir, "--docs", "*", "--all"],
        vec!["keyness", &dir, "--docs", "*", "--json"],
        vec!["kwic", &dir, "said"],
        vec!["kwic", &dir, "said", "--json"],
        vec!["entities", &dir],
        vec!["entities", &dir, "--jsonl"],
        vec!["graph", &dir, "--layout-steps", "0", "--min", "1"],
        vec!["text", &file],
        vec!["text", &file, "--json"],
    ];
    lists
        .into_iter()
        .map(|l| l.into_iter().map(String::from).collect())
        .collect()
}

/// Runs Quarry with standard output going to `stdout`, its standard error captured.
fn run_to(args: &[String], stdout: Stdio, close_reader: bool) -> Output {
    let mut c = quarry();
    c.args(args).stdout(stdout).stderr(Stdio::piped());
    let mut child = c.spawn().expect("starts");
    if close_reader {
        // The reader goes away before anything is written, as `head` does after its lines.
        drop(child.stdout.take());
    }
    let mut err = child.stderr.take().expect("stderr");
    let drain = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let status = wait(child, &args.join(" "));
    Output {
        status,
        stdout: Vec::new(),
        stderr: drain.join().expect("stderr"),
    }
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    for args in commands() {
        let out = run_to(&args, Stdio::piped(), true);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("cannot write"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_full_disk_fails_every_command_in_one_line() {
    let Ok(full) = File::options().write(true).open("/dev/full") else {
        eprintln!("note: no /dev/full; skipped");
        return;
    };
    for args in commands() {
        let out = run_to(&args, Stdio::from(full.try_clone().expect("clone")), false);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        let lines: Vec<&str> = err.lines().filter(|l| l.contains("cannot write")).collect();
        assert_eq!(lines.len(), 1, "{args:?}: {err}");
    }
}

#[test]
fn kwic_takes_any_context_width() {
    let out = run(&[
        "kwic",
        &sample(),
        "said",
        "--width",
        "65536",
        "--limit",
        "2",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l.chars().count() > 65536));
}

/// Runs `quarry graph` on the sample, JSON to `target`.
fn graph_to(target: &Path) -> Output {
    run(&[
        "graph",
        &sample(),
        "--format",
        "json",
        "--min",
        "1",
        "-o",
        s(target),
    ])
}

#[test]
fn graph_output_through_a_link_keeps_the_link() {
    let dir = tempfile::tempdir().expect("temp dir");
    let real = dir.path().join("real.json");
    std::fs::write(&real, "old").expect("write");
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("real.json", &link).expect("symlink");
    let out = graph_to(&link);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::symlink_metadata(&link).expect("link").is_symlink());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&real).expect("read")).expect("json");
    assert!(!v["nodes"].as_array().expect("nodes").is_empty());

    // A link to a file not written yet: the file appears where the link points.
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    let dangling = dir.path().join("new.json");
    std::os::unix::fs::symlink("sub/new.json", &dangling).expect("symlink");
    let out = graph_to(&dangling);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        std::fs::symlink_metadata(&dangling)
            .expect("link")
            .is_symlink()
    );
    assert!(dir.path().join("sub/new.json").is_file());
}

/// Makes a character device node like /dev/null (1, 3) or /dev/full (1, 7), if permitted.
fn mknod(path: &Path, minor: &str) -> bool {
    let ok = Command::new("mknod")
        .arg(path)
        .args(["c", "1", minor])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("note: cannot make device nodes here; skipped");
    }
    ok
}

#[test]
fn graph_output_to_a_device_is_written_through() {
    let dir = tempfile::tempdir().expect("temp dir");
    let null = dir.path().join("null");
    if !mknod(&null, "3") {
        return;
    }
    let out = graph_to(&null);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = std::fs::symlink_metadata(&null).expect("node").file_type();
    assert!(t.is_char_device(), "the device node was replaced");

    let full = dir.path().join("full");
    if !mknod(&full, "7") {
        return;
    }
    let out = graph_to(&full);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("cannot write"),
        "{}",
        text(&out.stderr)
    );
    let t = std::fs::symlink_metadata(&full).expect("node").file_type();
    assert!(t.is_char_device(), "the device node was replaced");
}

#[test]
fn graph_output_to_a_named_pipe_reaches_its_reader() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pipe = dir.path().join("pipe");
    mkfifo(&pipe);
    let mut reader = Command::new("cat")
        .arg(&pipe)
        .stdout(Stdio::piped())
        .spawn()
        .expect("cat");
    let mut got = reader.stdout.take().expect("stdout");
    let read = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = got.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let out = graph_to(&pipe);
    let status = wait(reader, "(cat of the pipe)");
    assert!(start.elapsed() < LIMIT);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(status.success());
    let v = json(&Output {
        status,
        stdout: read.join().expect("read"),
        stderr: Vec::new(),
    });
    assert!(!v["nodes"].as_array().expect("nodes").is_empty());
    let t = std::fs::symlink_metadata(&pipe).expect("pipe").file_type();
    assert!(t.is_fifo(), "the named pipe was replaced");
}
