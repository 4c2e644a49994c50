//! Hostile folders and output: named pipes, sockets, devices and pseudo filesystems are listed
//! and skipped at once, never read; outputs that cannot be written end in one line, not a
//! panic; links and devices given as output stay what they are. Every input is made here, at
//! run time, and every run of Quarry must end within ten seconds.
#![cfg(unix)]

mod bounds;
mod inputs;
mod output;
mod papercuts;
mod reading;
mod settings;

use serde_json::Value;
use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Longest a run may take.
pub(crate) const LIMIT: Duration = Duration::from_secs(10);

pub(crate) fn quarry() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_quarry"));
    c.env("QUARRY_CACHE_DIR", env!("CARGO_TARGET_TMPDIR"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::null());
    c
}

/// Waits for `child` to end, killing it and failing after [`LIMIT`].
pub(crate) fn wait(mut child: Child, what: &str) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`quarry {what}` did not finish within {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs Quarry with `args`, its output captured, within [`LIMIT`].
pub(crate) fn run(args: &[&str]) -> Output {
    run_in(args, None)
}

pub(crate) fn run_in(args: &[&str], dir: Option<&Path>) -> Output {
    let mut c = quarry();
    c.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    if let Some(d) = dir {
        c.current_dir(d);
    }
    let mut child = c.spawn().expect("starts");
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            v
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout")));
    let err = drain(Box::new(child.stderr.take().expect("stderr")));
    let status = wait(child, &args.join(" "));
    Output {
        status,
        stdout: out.join().expect("stdout"),
        stderr: err.join().expect("stderr"),
    }
}

pub(crate) fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

pub(crate) fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", text(&out.stdout), text(&out.stderr)))
}

pub(crate) fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// A folder holding one good article, `good.txt`.
pub(crate) fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("good.txt"),
        "Talks resume\n\nPeace talks in Geneva resumed on Monday. The talks on trade wait.\n",
    )
    .expect("write");
    dir
}

pub(crate) fn mkfifo(p: &Path) {
    let ok = Command::new("mkfifo")
        .arg(p)
        .status()
        .expect("mkfifo runs")
        .success();
    assert!(ok, "mkfifo {}", p.display());
}

/// The problems of `quarry stats DIR --json` whose path is `path`, as "kind: message".
pub(crate) fn problems_of(v: &Value, path: &str) -> Vec<String> {
    v["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter(|p| p["path"] == path)
        .map(|p| format!("{}: {}", p["kind"], p["message"]))
        .collect()
}

pub(crate) fn stats(dir: &Path) -> Value {
    let out = run(&["stats", s(dir), "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    json(&out)
}
