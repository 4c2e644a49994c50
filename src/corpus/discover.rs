//! Finding the files of a folder: hidden files skipped, symlinks followed, loops reported.

use super::load::io_reason;
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
    base
}

/// Lists every file under `paths`, sorted by relative path, with problems met on the way.
pub(crate) fn discover(paths: &[PathBuf], ctx: &JobCtx) -> (Vec<Found>, Vec<Problem>, PathBuf) {
    let base = base_of(paths);
    let found = Mutex::new(Vec::new());
    let problems = Mutex::new(Vec::new());
    for root in paths {
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
                match entry {
                    Ok(e) => {
                        if e.file_type().is_some_and(|t| t.is_file()) {
                            let f = Found {
                                rel: rel_path(e.path(), &base),
                                abs: e.into_path(),
                            };
                            lock(&found).push(f);
                            ctx.progress.done.fetch_add(1, Ordering::Relaxed);
                            ctx.wake();
                        }
                    }
                    Err(err) => lock(&problems).push(walk_problem(&err, &base)),
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
