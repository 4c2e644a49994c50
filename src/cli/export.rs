//! `quarry export`: a folder's documents, words, entity mentions and entities as Parquet
//! tables, whole or as one shard of N, with progress on standard error.

use super::EXIT_OPEN;
use crate::jobs::{JobCtx, Phase};
use crate::ner::Recognizer;
use crate::ner::catalog::{self, Edits};
use crate::tables::schema::Table;
use crate::tables::{Part, Shard, write_tables};
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Arguments of `quarry export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Folder or file to export.
    pub path: PathBuf,
    /// Folder to write the tables into (created when missing; never inside PATH).
    #[arg(long)]
    pub out: PathBuf,
    /// Export only part I of N (0 <= I < N): the files whose relative path hashes to I modulo
    /// N, so that N machines can each export one part of the same folder.
    #[arg(long, value_parser = Shard::parse)]
    pub shard: Option<Shard>,
}

/// Runs `quarry export`.
pub fn run(a: ExportArgs) -> ExitCode {
    let shard = a.shard.unwrap_or(Shard::WHOLE);
    if let Err(e) = check_out(&a.path, &a.out) {
        eprintln!("quarry: {e}");
        return ExitCode::from(2);
    }
    warn_of_other_exports(&a.out, shard);
    let start = Instant::now();
    let model = std::thread::spawn(|| {
        Recognizer::english();
    });
    let ctx = JobCtx::detached();
    let ticker = Ticker::start(&ctx);
    // A part of a folder reads only its own files; the whole folder goes through its index.
    let opts = if shard.count > 1 {
        crate::index::Options::default()
    } else {
        crate::index::Options::user()
    };
    let opened = if shard.count > 1 {
        let keep = move |rel: &str| shard.keeps(rel);
        crate::corpus::load_where(std::slice::from_ref(&a.path), &keep, &ctx).and_then(|c| {
            let an =
                crate::analysis::analyze(&c, &ctx).ok_or(crate::corpus::LoadError::Cancelled)?;
            Ok((c, an))
        })
    } else {
        crate::index::open(std::slice::from_ref(&a.path), &opts, &ctx)
            .map(|o| (o.corpus, o.analysis))
    };
    let (c, an) = match opened {
        Ok(x) => x,
        Err(e) => {
            ticker.stop();
            eprintln!("quarry: {e}");
            return ExitCode::from(EXIT_OPEN);
        }
    };
    ticker.stop();
    eprintln!(
        "quarry export: part {} of {}: {} documents from {} files ({:.1} MB), {} words, read and counted in {:.1} s",
        shard.index,
        shard.count,
        c.docs.len(),
        c.files_seen,
        c.bytes_read as f64 / 1e6,
        an.total_tokens,
        start.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let _ = model.join();
    let found = crate::index::recognise_saved(&c, Recognizer::english(), "", &opts, &ctx);
    let Some(cat) = found.and_then(|f| catalog::group(&f, &an, &c, &Edits::default(), &ctx)) else {
        return ExitCode::from(EXIT_OPEN);
    };
    eprintln!(
        "quarry export: {} mentions of {} entities found in {:.1} s",
        cat.mentions.len(),
        cat.entities.len(),
        t.elapsed().as_secs_f64()
    );
    let mut step = |table: Table, p: &Part, ms: f64| {
        eprintln!(
            "quarry export: {:<9} {:>11} rows {:>9.1} MB  ({:.1} s)",
            table.name(),
            p.rows,
            p.bytes as f64 / 1e6,
            ms / 1000.0
        );
    };
    match write_tables(&a.out, shard, &c, &an, &cat, &ctx, &mut step) {
        Ok(m) => {
            let bytes: u64 = m.tables.values().map(|p| p.bytes).sum();
            eprintln!(
                "quarry export: wrote {:.1} MB of tables for {:.1} MB read into {} in {:.1} s",
                bytes as f64 / 1e6,
                m.source_bytes as f64 / 1e6,
                a.out.display(),
                start.elapsed().as_secs_f64()
            );
            if m.problems > 0 {
                eprintln!(
                    "quarry export: {} problems reading the folder (`quarry stats` lists them)",
                    m.problems
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("quarry: cannot write the tables: {e}");
            ExitCode::from(EXIT_OPEN)
        }
    }
}

/// Refuses an output folder inside the folder exported (nothing is ever written there), or
/// one that is a file.
fn check_out(path: &Path, out: &Path) -> Result<(), String> {
    let src = std::fs::canonicalize(path).map_err(|e| {
        format!(
            "cannot open {}: {}",
            path.display(),
            crate::corpus::io_reason(&e)
        )
    })?;
    let folder = if src.is_dir() {
        src
    } else {
        src.parent().map(Path::to_path_buf).unwrap_or(src)
    };
    if out.exists() && !out.is_dir() {
        return Err(format!("{} exists and is not a folder", out.display()));
    }
    if resolved(out).starts_with(&folder) {
        return Err(format!(
            "the tables cannot be written inside the folder being exported ({}); choose --out elsewhere",
            folder.display()
        ));
    }
    Ok(())
}

/// `p` made absolute with every part that exists resolved (links followed).
fn resolved(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |acc, part| acc.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return abs,
        }
    }
}

/// Says so when the output folder already holds parts of another split or another folder,
/// whose union with this part would not be one corpus.
fn warn_of_other_exports(out: &Path, shard: Shard) {
    let Ok(entries) = std::fs::read_dir(out.join("_quarry")) else {
        return;
    };
    for e in entries.flatten() {
        let Ok(bytes) = std::fs::read(e.path()) else {
            continue;
        };
        let Ok(m) = serde_json::from_slice::<crate::tables::Manifest>(&bytes) else {
            continue;
        };
        if m.shard.count != shard.count {
            eprintln!(
                "quarry export: note: {} holds part {} of {} from an earlier export; remove it before merging",
                out.display(),
                m.shard.index,
                m.shard.count
            );
        }
    }
}

/// Prints the load's progress to standard error every few seconds while it runs.
struct Ticker {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Ticker {
    fn start(ctx: &JobCtx) -> Ticker {
        let stop = Arc::new(AtomicBool::new(false));
        let progress = ctx.progress.clone();
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut last = (Phase::Done, u64::MAX);
            let mut waited = Duration::ZERO;
            while !flag.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(100));
                waited += Duration::from_millis(100);
                if waited < Duration::from_secs(5) {
                    continue;
                }
                waited = Duration::ZERO;
                let s = progress.snapshot();
                if (s.phase, s.done) == last {
                    continue;
                }
                last = (s.phase, s.done);
                let what = match s.phase {
                    Phase::Discovering => "listing files",
                    Phase::Checking => "checking the index",
                    Phase::Reading => "reading files",
                    Phase::Analyzing => "counting words",
                    Phase::Saving => "saving the index",
                    Phase::Done => continue,
                };
                eprintln!(
                    "quarry export: {what}: {} of {} ({:.0} s)",
                    s.done,
                    s.total,
                    s.elapsed.as_secs_f64()
                );
            }
        });
        Ticker {
            stop,
            thread: Some(thread),
        }
    }

    fn stop(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
