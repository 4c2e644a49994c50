//! Finding the files of a folder: hidden files skipped, symlinks followed, loops reported.

use super::load::io_reason;
use super::{Problem, ProblemKind};
use crate::jobs::JobCtx;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

/// A file found by the walk.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// Absolute (or as-given) path.
    pub abs: PathBuf,
    /// Path relative to the base folder, `/`-separated.
    pub rel: String,
    /// Size in bytes when listed.
    pub size: u64,
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
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for root in paths {
        let walker = ignore::WalkBuilder::new(root)
            .standard_filters(false)
            .hidden(true)
            .follow_links(true)
            .build();
        for entry in walker {
            if ctx.is_cancelled() {
                break;
            }
            match entry {
                Ok(e) => {
                    if !e.file_type().is_some_and(|t| t.is_file()) {
                        continue;
                    }
                    let size = e.metadata().map(|m| m.len()).unwrap_or(0);
                    found.push(Found {
                        rel: rel_path(e.path(), &base),
                        abs: e.into_path(),
                        size,
                    });
                    ctx.progress.done.fetch_add(1, Ordering::Relaxed);
                    ctx.wake();
                }
                Err(err) => problems.push(walk_problem(&err, &base)),
            }
        }
    }
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
