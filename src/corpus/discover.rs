//! Finding the files of a folder: hidden files skipped, symlinks followed, loops reported;
//! named pipes, sockets and devices listed and skipped, pseudo filesystems (`/proc`, `/sys`,
//! `/dev`) not descended into.

use super::load::io_reason;
use super::special::{not_regular, pseudo_fs};
use super::{Problem, ProblemKind};
use crate::jobs::JobCtx;
use ignore::WalkState;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{Mutex, MutexGuard};

/// Locks a mutex, carrying on if another walker thread panicked while holding it.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// A file found by the walk.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// Absolute (or as-given) path.
    pub abs: PathBuf,
    /// Path relative to the base folder, `/`-separated.
    pub rel: String,
}

fn rel_path(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// The folder paths are shown relative to: the folder itself, or the common parent of several paths.
fn base_of(paths: &[PathBuf]) -> PathBuf {
    let dir = |p: &PathBuf| -> PathBuf {
        if p.is_dir() {
            p.clone()
        } else {
            p.parent().map(Path::to_path_buf).unwrap_or_default()
        }
    };
    let mut it = paths.iter();
    let Some(first) = it.next() else {
        return PathBuf::new();
    };
    let mut base = if paths.len() == 1 {
        dir(first)
    } else {
        first.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    for p in it {
        while !p.starts_with(&base) {
            match base.parent() {
                Some(b) => base = b.to_path_buf(),
                None => return PathBuf::new(),
            }
        }
    }
    // A file named without a folder is in the current one.
    if base.as_os_str().is_empty() && paths.iter().all(|p| p.is_relative()) {
        return PathBuf::from(".");
    }
    base
}

/// Lists every file under `paths`, sorted by relative path, with problems met on the way.
pub(crate) fn discover(paths: &[PathBuf], ctx: &JobCtx) -> (Vec<Found>, Vec<Problem>, PathBuf) {
    let base = base_of(paths);
    let found = Mutex::new(Vec::new());
    let problems = Mutex::new(Vec::new());
    for root in paths {
        if let Some((kind, why)) = unusable(root) {
            lock(&problems).push(skipped(root, &base, kind, why));
            continue;
        }
        let walker = ignore::WalkBuilder::new(root)
            .standard_filters(false)
            .hidden(true)
            .follow_links(true)
            .threads(rayon::current_num_threads().min(4))
            .build_parallel();
        walker.run(|| {
            Box::new(|entry| {
                if ctx.is_cancelled() {
                    return WalkState::Quit;
                }
                let e = match entry {
                    Ok(e) => e,
                    Err(err) => {
                        lock(&problems).push(walk_problem(&err, &base));
                        return WalkState::Continue;
                    }
                };
                let Some(t) = e.file_type() else {
                    return WalkState::Continue;
                };
                // A root given as a symbolic link is not followed by the walk: its target was
                // checked above.
                let is_file = t.is_file() || (t.is_symlink() && e.depth() == 0);
                if is_file {
                    let f = Found {
                        rel: rel_path(e.path(), &base),
                        abs: e.into_path(),
                    };
                    lock(&found).push(f);
                    ctx.progress.done.fetch_add(1, Ordering::Relaxed);
                    ctx.wake();
                } else if t.is_dir() {
                    if e.depth() > 0
                        && let Some(fs) = pseudo_fs(e.path())
                    {
                        let why = format!("{}; not descended into", pseudo_message(fs));
                        lock(&problems).push(skipped(e.path(), &base, ProblemKind::Walk, why));
                        return WalkState::Skip;
                    }
                } else if let Some(why) = not_regular(&t) {
                    let why = format!("it is {why}");
                    lock(&problems).push(skipped(e.path(), &base, ProblemKind::Unreadable, why));
                }
                WalkState::Continue
            })
        });
    }
    let mut found = found.into_inner().unwrap_or_else(|p| p.into_inner());
    let mut problems = problems.into_inner().unwrap_or_else(|p| p.into_inner());
    problems.sort();
    found.sort_by(|a, b| a.rel.cmp(&b.rel));
    found.dedup_by(|a, b| a.abs == b.abs);
    (found, problems, base)
}

/// Why a path given to open cannot be walked: a pseudo filesystem, or neither a folder nor
/// a regular file. `None` when it is usable or does not exist (the caller reports that).
pub(crate) fn unusable(path: &Path) -> Option<(ProblemKind, String)> {
    let m = std::fs::metadata(path).ok()?;
    if m.is_dir() {
        pseudo_fs(path).map(|fs| (ProblemKind::Walk, pseudo_message(fs)))
    } else {
        let why = not_regular(&m.file_type())?;
        Some((ProblemKind::Unreadable, format!("it is {why}")))
    }
}

fn pseudo_message(fs: &str) -> String {
    format!("it is a pseudo filesystem ({fs}), whose files are generated when read")
}

/// The problem for a path that is skipped: what the walk saw, not something it failed at.
fn skipped(path: &Path, base: &Path, kind: ProblemKind, message: String) -> Problem {
    let rel = rel_path(path, base);
    Problem {
        path: if rel.is_empty() {
            path.display().to_string()
        } else {
            rel
        },
        kind,
        message,
    }
}

fn walk_problem(err: &ignore::Error, base: &Path) -> Problem {
    let mut path = String::new();
    let mut message = err.to_string();
    let mut e = err;
    loop {
        match e {
            ignore::Error::WithPath { path: p, err } => {
                path = rel_path(p, base);
                e = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                e = err
            }
            ignore::Error::Loop { child, .. } => {
                path = rel_path(child, base);
                message = "a symbolic link loops back to a folder above it; not followed".into();
                break;
            }
            ignore::Error::Io(io) => {
                message = io_reason(io);
                break;
            }
            _ => break,
        }
    }
    Problem {
        path,
        kind: ProblemKind::Walk,
        message,
    }
}
