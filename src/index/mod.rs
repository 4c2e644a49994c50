//! The persistent index of an opened folder: what reading and analysing it produced (files,
//! documents with their texts, vocabulary, token stream with spans), saved in the user's
//! cache folder so that opening the folder again reads only what changed.
//!
//! [`open`] walks the folder and compares every file's size and modification time with the
//! index. Unchanged files take their documents and tokens from the index; added and changed
//! files are read and tokenized; removed files drop out. When nothing changed, the stored
//! tokens are used as they are and only the counts are rebuilt from them. The index is written
//! again (atomically) whenever anything changed. A damaged index, one of another format version
//! or one written by another version of Quarry is rebuilt, with a note among the problems.

pub mod dirs;
mod entities;
mod file;
mod records;
mod store;

pub use entities::recognise_saved;
pub use file::IndexError;

use crate::analysis::{Analysis, Reuse, analyze_reusing};
use crate::corpus::discover::Found;
use crate::corpus::load::{Outcome, assemble, read_each, walk};
use crate::corpus::{Corpus, LoadError, Problem, ProblemKind};
use crate::jobs::{JobCtx, Phase};
use rayon::prelude::*;
use records::{DocsOut, FileRec, Meta, MetaOut, ProblemRec};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Instant, UNIX_EPOCH};

/// How to open a folder.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The cache folder to keep the index in; `None` reads everything and saves nothing.
    pub cache: Option<PathBuf>,
}

/// Whether `--no-cache` was given.
static NO_CACHE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Turns the index off for this process (`--no-cache`).
pub fn set_no_cache(off: bool) {
    NO_CACHE.store(off, Ordering::Relaxed);
}

impl Options {
    /// The user's cache folder, unless `--no-cache` was given.
    pub fn user() -> Options {
        Options {
            cache: if NO_CACHE.load(Ordering::Relaxed) {
                None
            } else {
                dirs::cache_dir()
            },
        }
    }
}

/// What happened to the index on an open.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum State {
    /// No cache folder: everything was read, nothing saved.
    #[default]
    Off,
    /// There was no index: everything was read and the index written.
    Created,
    /// Nothing changed: everything came from the index.
    Reused,
    /// Some files changed: they were read again and the index updated.
    Updated,
    /// The index could not be used (the reason); everything was read and it was written anew.
    Rebuilt(String),
}

/// What an open did, for the status bar and the command line's timings.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// What happened to the index.
    pub state: State,
    /// Files whose documents came from the index.
    pub reused: usize,
    /// Files read that the index did not have.
    pub added: usize,
    /// Files read again because their size or time changed.
    pub changed: usize,
    /// Files in the index that are gone.
    pub removed: usize,
    /// The index file.
    pub path: Option<PathBuf>,
    /// Its size on disk.
    pub bytes: u64,
    /// Time spent reading the index, in milliseconds.
    pub read_ms: f64,
    /// Time spent writing it.
    pub write_ms: f64,
    /// Why saving it failed, if it did (the folder is open all the same).
    pub save_error: Option<String>,
}

impl Report {
    /// One line for a user: what came from the index and what was read.
    pub fn summary(&self) -> String {
        match &self.state {
            State::Off => "no index kept".into(),
            State::Created => format!("index created ({} files)", self.added),
            State::Reused => format!("all {} files from the index", self.reused),
            State::Updated => format!(
                "{} files from the index; {} added, {} changed, {} removed",
                self.reused, self.added, self.changed, self.removed
            ),
            State::Rebuilt(why) => format!("index rebuilt: {why}"),
        }
    }
}

/// A folder opened through its index.
pub struct Opened {
    /// The documents.
    pub corpus: Corpus,
    /// Their words.
    pub analysis: Analysis,
    /// What the index did.
    pub report: Report,
}

/// A file's size and modification time in nanoseconds; `None` if it cannot be read.
fn stat(f: &Found) -> Option<(u64, i128)> {
    let m = std::fs::metadata(&f.abs).ok()?;
    let t = m.modified().ok()?;
    let ns = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    };
    Some((m.len(), ns))
}

/// Opens the given folders and files as one corpus, through the index when `opts` has a
/// cache folder.
pub fn open(paths: &[PathBuf], opts: &Options, ctx: &JobCtx) -> Result<Opened, LoadError> {
    let start = Instant::now();
    let Some(cache) = &opts.cache else {
        let corpus = crate::corpus::load_paths(paths, ctx)?;
        let analysis = crate::analysis::analyze(&corpus, ctx).ok_or(LoadError::Cancelled)?;
        return Ok(Opened {
            corpus,
            analysis,
            report: Report::default(),
        });
    };
    let (found, walk_problems, base) = walk(paths, ctx)?;
    let root = dirs::root_name(paths);
    let index_file = dirs::index_path(cache, &root);
    let mut report = Report {
        path: Some(index_file.clone()),
        ..Report::default()
    };

    ctx.progress.set_phase(Phase::Checking, found.len() as u64);
    ctx.wake_now();
    let read_start = Instant::now();
    let (stored, state) = match dirs::open(cache, &root).and_then(|r| match r {
        Some(r) => store::load(&r).map(Some),
        None => Ok(None),
    }) {
        Ok(Some(s)) if s.meta.made_by == env!("CARGO_PKG_VERSION") => (Some(s), State::Updated),
        Ok(Some(s)) => (
            None,
            State::Rebuilt(format!(
                "it was written by Quarry {}, this is {}",
                s.meta.made_by,
                env!("CARGO_PKG_VERSION")
            )),
        ),
        Ok(None) => (None, State::Created),
        Err(e) => (None, State::Rebuilt(e.to_string())),
    };
    report.read_ms = read_start.elapsed().as_secs_f64() * 1000.0;
    report.state = state;
    let stats: Vec<Option<(u64, i128)>> = found
        .par_iter()
        .map(|f| {
            ctx.progress.done.fetch_add(1, Ordering::Relaxed);
            stat(f)
        })
        .collect();
    if ctx.is_cancelled() {
        return Err(LoadError::Cancelled);
    }

    // Which stored file each found file is, if unchanged.
    let had_index = stored.is_some();
    let mut stored = stored.unwrap_or_default();
    let (first_doc, same) = compare(&found, &stats, &stored.meta, &mut report);

    // Read what the index does not have.
    let to_read: Vec<Found> = found
        .iter()
        .zip(&same)
        .filter(|(_, s)| s.is_none())
        .map(|(f, _)| f.clone())
        .collect();
    let mut fresh = read_each(&to_read, ctx)?.into_iter();
    drop(to_read);
    let mut outcomes: Vec<Outcome> = Vec::with_capacity(found.len());
    let mut from: Vec<Option<u32>> = Vec::new();
    for (f, s) in found.iter().zip(&same) {
        match s {
            Some(i) => {
                let rec = &stored.meta.files[*i];
                let problems = rec.problems.iter().map(|p| p.to_problem(&f.rel)).collect();
                let bytes = rec.bytes;
                let docs = (first_doc[*i]..first_doc[*i + 1])
                    .map(|d| stored.document(d, &f.abs))
                    .collect();
                from.extend((first_doc[*i]..first_doc[*i + 1]).map(|d| Some(d as u32)));
                outcomes.push(Outcome {
                    docs,
                    problems,
                    bytes,
                });
            }
            None => {
                let o = fresh.next().ok_or(LoadError::Cancelled)?;
                from.extend(std::iter::repeat_n(None, o.docs.len()));
                outcomes.push(o);
            }
        }
    }
    // The stored records and texts are copied out; only the tokens are still needed.
    let old_tokens = had_index.then(|| std::mem::take(&mut stored.tokens));
    drop(stored);
    let files: Vec<FileRec> = found
        .iter()
        .zip(&stats)
        .zip(&outcomes)
        .map(|((f, s), o)| {
            let (size, mtime) = s.unwrap_or((u64::MAX, 0));
            FileRec {
                rel: f.rel.clone(),
                size,
                mtime,
                bytes: o.bytes,
                docs: o.docs.len() as u32,
                problems: o.problems.iter().map(ProblemRec::of).collect(),
            }
        })
        .collect();
    // What was found is in the records now.
    let files_found = found.len();
    drop((found, stats, same));
    let raw_dates: Vec<_> = outcomes
        .iter()
        .flat_map(|o| o.docs.iter().map(|d| d.date))
        .collect();
    let mut problems = walk_problems;
    if let State::Rebuilt(why) = &report.state {
        problems.push(Problem {
            path: index_file.to_string_lossy().into_owned(),
            kind: ProblemKind::Index,
            message: format!("the saved index was not used and is written anew: {why}"),
        });
    }
    let mut corpus = assemble(base, files_found, outcomes, problems, start);

    let unchanged = old_tokens.is_some()
        && report.added == 0
        && report.changed == 0
        && report.removed == 0
        && from.iter().enumerate().all(|(i, f)| *f == Some(i as u32));
    let analysis = match old_tokens {
        Some(tokens) if unchanged => {
            report.state = State::Reused;
            ctx.progress
                .set_phase(Phase::Analyzing, corpus.docs.len() as u64);
            let mut a = Analysis::from_tokens(tokens);
            a.analyze_ms = 0.0;
            a
        }
        Some(tokens) => {
            let reuse = Reuse {
                old: &tokens,
                from: &from,
            };
            analyze_reusing(&corpus, Some(reuse), ctx).ok_or(LoadError::Cancelled)?
        }
        None => analyze_reusing(&corpus, None, ctx).ok_or(LoadError::Cancelled)?,
    };
    if ctx.is_cancelled() {
        return Err(LoadError::Cancelled);
    }
    if report.state != State::Reused {
        ctx.progress.set_phase(Phase::Saving, 0);
        ctx.wake_now();
        let write_start = Instant::now();
        let meta = MetaOut {
            made_by: env!("CARGO_PKG_VERSION"),
            files: &files,
            docs: DocsOut {
                docs: &corpus.docs,
                dates: &raw_dates,
            },
        };
        match store::save(&index_file, &root, &meta, &corpus, &analysis, ctx) {
            Ok(bytes) => report.bytes = bytes,
            Err(e) => report.save_error = Some(e.to_string()),
        }
        report.write_ms = write_start.elapsed().as_secs_f64() * 1000.0;
    } else {
        report.bytes = std::fs::metadata(&index_file).map(|m| m.len()).unwrap_or(0);
    }
    corpus.load_ms = start.elapsed().as_secs_f64() * 1000.0 - analysis.analyze_ms;
    ctx.progress.set_phase(Phase::Done, 0);
    Ok(Opened {
        corpus,
        analysis,
        report,
    })
}

/// Removes the index of the given paths from the user's cache folder; true if there was one.
pub fn forget(cache: &Path, paths: &[PathBuf]) -> std::io::Result<bool> {
    Ok(!dirs::clear(cache, Some(paths))?.is_empty())
}

/// Matches the files found with the stored ones: for each found file the stored file it is
/// the same as (same path, size and time), counting reused, changed, added and removed files
/// in `report`; also where each stored file's documents start.
fn compare(
    found: &[Found],
    stats: &[Option<(u64, i128)>],
    meta: &Meta,
    report: &mut Report,
) -> (Vec<usize>, Vec<Option<usize>>) {
    let mut first_doc = Vec::with_capacity(meta.files.len() + 1);
    first_doc.push(0usize);
    for f in &meta.files {
        first_doc.push(first_doc.last().copied().unwrap_or(0) + f.docs as usize);
    }
    let by_rel: HashMap<&str, usize> = meta
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.rel.as_str(), i))
        .collect();
    let mut same: Vec<Option<usize>> = Vec::with_capacity(found.len());
    for (f, s) in found.iter().zip(stats) {
        let hit = by_rel.get(f.rel.as_str()).copied();
        match (hit, s) {
            (Some(i), Some((size, mtime)))
                if meta.files[i].size == *size && meta.files[i].mtime == *mtime =>
            {
                same.push(Some(i));
                report.reused += 1;
            }
            (Some(_), _) => {
                same.push(None);
                report.changed += 1;
            }
            (None, _) => {
                same.push(None);
                report.added += 1;
            }
        }
    }
    let kept: std::collections::HashSet<&str> = found.iter().map(|f| f.rel.as_str()).collect();
    report.removed = meta
        .files
        .iter()
        .filter(|f| !kept.contains(f.rel.as_str()))
        .count();
    (first_doc, same)
}
