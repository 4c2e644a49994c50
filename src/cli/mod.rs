//! The command line: `quarry [PATH]` opens the app; `stats`, `words` and `text` run headless
//! on the same core and print plain text or JSON. Larger commands live in their own files.

pub mod args;
pub mod export;
pub mod graph;
pub mod ner;
pub mod output;
#[cfg(feature = "train")]
pub mod train;
pub mod unknown;
pub mod words;

use crate::analysis::{Analysis, WordCount};
use crate::corpus::{Corpus, Problem, load_file};
use crate::jobs::JobCtx;
use clap::{Parser, Subcommand};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Explore a folder of articles: word frequencies, entities and the full text.
#[derive(Debug, Parser)]
#[command(name = "quarry", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Folders or files to open in the app (default: the last folder, else the sample corpus).
    pub paths: Vec<PathBuf>,
    /// Read every file again and keep no index in the cache folder.
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Install Quarry as a desktop application for this user (~/.local) and exit.
    #[arg(long)]
    pub install_desktop: bool,
    /// Headless command to run instead of opening the window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Corpus summary, problems and timings.
    Stats {
        /// Folder or file to load.
        path: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Most frequent words, stop-words removed (as in the Words panel).
    Words {
        /// Folder or file to load.
        path: PathBuf,
        /// How many words.
        #[arg(long, default_value_t = 30)]
        top: usize,
        /// Keep stop-words.
        #[arg(long)]
        all: bool,
        /// Group forms by stem (Snowball English), shown as their commonest form.
        #[arg(long)]
        stem: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Most frequent n-grams (2–4 words within a sentence).
    Ngrams(words::NgramsArgs),
    /// Collocates of a word within a window, scored by an association measure.
    Collocates(words::CollocatesArgs),
    /// Keywords of a date range or a set of files against the rest of the corpus.
    Keyness(words::KeynessArgs),
    /// Concordance: every hit of a word, phrase, wildcard or regex in context.
    Kwic(words::KwicArgs),
    /// Entity co-occurrence network as GEXF, GraphML, CSV or JSON.
    Graph(graph::GraphArgs),
    /// Write the corpus as Parquet tables (documents, terms, mentions, entities) for data
    /// engines, whole or as one shard of N.
    Export(export::ExportArgs),
    /// List the folders whose index is kept in the cache folder, with their sizes; or clear them.
    Cache {
        /// Remove the indexes: of PATH only, or of every folder.
        #[arg(long)]
        clear: bool,
        /// A folder (or file) that was opened.
        path: Option<PathBuf>,
    },
    /// Named entities (people, organisations, places, other names) of every document.
    Entities(ner::EntitiesArgs),
    /// Train the entity model from annotated folders (NAME.json with text and entities).
    #[cfg(feature = "train")]
    TrainNer(train::TrainNerArgs),
    /// Learn word clusters for the entity model from unlabelled text.
    #[cfg(feature = "train")]
    TrainClusters(train::TrainClustersArgs),
    /// The text of one file exactly as Quarry holds it.
    Text {
        /// The file.
        file: PathBuf,
        /// Print metadata and text as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Exit code when the path cannot be opened at all.
pub(crate) const EXIT_OPEN: u8 = 1;

/// The `stats` report; its shape is documented in the README.
#[derive(Debug, Serialize)]
pub struct StatsReport {
    /// The folder opened.
    pub root: String,
    /// Files found.
    pub files: u64,
    /// Documents loaded (a multi-article file gives several).
    pub documents: usize,
    /// Word tokens.
    pub tokens: u64,
    /// Tokens that are not stop-words.
    pub content_tokens: u64,
    /// Distinct words (lowercase).
    pub distinct_words: usize,
    /// Bytes read.
    pub bytes: u64,
    /// Documents per format.
    pub formats: std::collections::BTreeMap<String, usize>,
    /// Documents with a date.
    pub dated_documents: usize,
    /// First and last date, `YYYY-MM-DD`.
    pub date_range: Option<[String; 2]>,
    /// Files skipped.
    pub skipped_files: usize,
    /// Every problem, sorted by path.
    pub problems: Vec<Problem>,
    /// Wall times in milliseconds.
    pub timings: Timings,
    /// What the folder's index did.
    pub index: IndexReport,
}

/// The index's part in an open.
#[derive(Debug, Serialize, Default)]
pub struct IndexReport {
    /// In words: created, reused, updated (with counts), rebuilt (with why) or off.
    pub summary: String,
    /// Files whose documents came from the index.
    pub reused_files: usize,
    /// Files read (added or changed).
    pub read_files: usize,
    /// Files gone since the index was written.
    pub removed_files: usize,
    /// Reading the index, in milliseconds.
    pub read_ms: f64,
    /// Writing it, in milliseconds.
    pub write_ms: f64,
    /// Its size on disk.
    pub bytes: u64,
    /// Why it could not be saved, if so.
    pub save_error: Option<String>,
}

impl IndexReport {
    fn of(r: &crate::index::Report) -> IndexReport {
        IndexReport {
            summary: r.summary(),
            reused_files: r.reused,
            read_files: r.added + r.changed,
            removed_files: r.removed,
            read_ms: round(r.read_ms),
            write_ms: round(r.write_ms),
            bytes: r.bytes,
            save_error: r.save_error.clone(),
        }
    }
}

/// Wall times of the stages, in milliseconds.
#[derive(Debug, Serialize)]
pub struct Timings {
    /// Walking and reading the folder.
    pub load_ms: f64,
    /// Counting words.
    pub analyze_ms: f64,
    /// Both, plus bookkeeping.
    pub total_ms: f64,
}

/// Builds the `stats` report for a loaded and analysed corpus.
pub fn stats_report(
    c: &Corpus,
    a: &Analysis,
    index: &crate::index::Report,
    total_ms: f64,
) -> StatsReport {
    StatsReport {
        root: c.root.display().to_string(),
        files: c.files_seen,
        documents: c.docs.len(),
        tokens: a.total_tokens,
        content_tokens: a.content_tokens(),
        distinct_words: a.distinct(),
        bytes: c.bytes_read,
        formats: c
            .format_counts()
            .into_iter()
            .map(|(f, n)| (f.name().to_string(), n))
            .collect(),
        dated_documents: c.docs.iter().filter(|d| d.date.is_some()).count(),
        date_range: c
            .date_range()
            .map(|(a, b)| [a.date().to_string(), b.date().to_string()]),
        skipped_files: c.skipped(),
        problems: c.problems.clone(),
        timings: Timings {
            load_ms: round(c.load_ms),
            analyze_ms: round(a.analyze_ms),
            total_ms: round(total_ms),
        },
        index: IndexReport::of(index),
    }
}

fn round(ms: f64) -> f64 {
    (ms * 10.0).round() / 10.0
}

pub(crate) fn open(path: &Path) -> Result<(Corpus, Analysis, f64), ExitCode> {
    open_with(path, |_| ()).map(|(c, a, (), ms)| (c, a, ms))
}

/// Loads and analyses a folder through its index; the report says what the index did.
pub(crate) fn open_indexed(path: &Path) -> Result<(crate::index::Opened, f64), ExitCode> {
    let start = Instant::now();
    let ctx = JobCtx::detached();
    if crate::tables::read::is_export(path) {
        let t = crate::tables::read::read_export(path, &ctx).map_err(|e| {
            eprintln!("quarry: the exported tables cannot be read: {e}");
            ExitCode::from(EXIT_OPEN)
        })?;
        let opened = crate::index::Opened {
            corpus: t.corpus,
            analysis: t.analysis,
            report: crate::index::Report::default(),
        };
        return Ok((opened, start.elapsed().as_secs_f64() * 1000.0));
    }
    let opened = crate::index::open(&[path.to_path_buf()], &crate::index::Options::user(), &ctx)
        .map_err(|e| {
            eprintln!("quarry: {}", output::one_line(&e.to_string()));
            ExitCode::from(EXIT_OPEN)
        })?;
    if let Some(e) = &opened.report.save_error {
        eprintln!(
            "quarry: the index could not be saved ({e}); the folder is read in full each time"
        );
    }
    Ok((opened, start.elapsed().as_secs_f64() * 1000.0))
}

/// Loads and analyses a folder like [`open`], then runs `also` on the loaded corpus.
pub(crate) fn open_with<T: Send>(
    path: &Path,
    also: impl FnOnce(&Corpus) -> T + Send,
) -> Result<(Corpus, Analysis, T, f64), ExitCode> {
    let start = Instant::now();
    let (o, _) = open_indexed(path)?;
    let other = also(&o.corpus);
    Ok((
        o.corpus,
        o.analysis,
        other,
        start.elapsed().as_secs_f64() * 1000.0,
    ))
}

/// Refuses a command that needs every text on exported tables, which hold only counts.
pub(crate) fn needs_texts(a: &Analysis, path: &Path) -> Result<(), ExitCode> {
    if a.has_tokens() {
        return Ok(());
    }
    eprintln!(
        "quarry: {} holds exported tables, which keep counts but no texts; run this command on the folder itself",
        path.display()
    );
    Err(ExitCode::from(EXIT_OPEN))
}

pub(crate) fn print_json<T: Serialize>(v: &T) -> ExitCode {
    output::print_json(v)
}

/// Runs a headless command and returns the process exit code.
pub fn run(cmd: Command) -> ExitCode {
    match cmd {
        Command::Entities(a) => ner::entities(a),
        #[cfg(feature = "train")]
        Command::TrainNer(a) => train::train_ner(a),
        #[cfg(feature = "train")]
        Command::TrainClusters(a) => train::train_clusters(a),
        Command::Stats { path, json } => {
            let (o, total) = match open_indexed(&path) {
                Ok(x) => x,
                Err(code) => return code,
            };
            let r = stats_report(&o.corpus, &o.analysis, &o.report, total);
            if json {
                return print_json(&r);
            }
            output::finish(print_stats(&r))
        }
        Command::Ngrams(a) => words::run_ngrams(a),
        Command::Collocates(a) => words::run_collocates(a),
        Command::Keyness(a) => words::run_keyness(a),
        Command::Kwic(a) => words::run_kwic(a),
        Command::Graph(a) => graph::run(a),
        Command::Export(a) => export::run(a),
        Command::Cache { clear, path } => cache(clear, path),
        Command::Words {
            path,
            top,
            all,
            stem,
            json,
        } => {
            let (_, a, _) = match open(&path) {
                Ok(x) => x,
                Err(code) => return code,
            };
            if stem {
                let rows = words::stem_rows(&a, top, all);
                if json {
                    #[derive(Serialize)]
                    struct Row {
                        word: String,
                        count: u64,
                        forms: usize,
                    }
                    let rows: Vec<Row> = rows
                        .into_iter()
                        .map(|(word, count, forms)| Row { word, count, forms })
                        .collect();
                    return print_json(&rows);
                }
                let mut out = std::io::stdout().lock();
                let r = rows
                    .into_iter()
                    .try_for_each(|(w, c, f)| writeln!(out, "{c}\t{f}\t{w}"));
                return output::finish(r.and_then(|()| out.flush()));
            }
            let words = a.top_words(top, !all);
            if json {
                #[derive(Serialize)]
                struct Out {
                    stopwords_removed: bool,
                    tokens: u64,
                    words: Vec<WordCount>,
                }
                return print_json(&Out {
                    stopwords_removed: !all,
                    tokens: a.total_tokens,
                    words,
                });
            }
            let mut out = std::io::stdout().lock();
            let r = words
                .iter()
                .try_for_each(|w| writeln!(out, "{}\t{}\t{}", w.count, w.documents, w.word));
            output::finish(r.and_then(|()| out.flush()))
        }
        Command::Text { file, json } => {
            let (docs, problems) = match load_file(&file) {
                Ok(x) => x,
                Err(e) => {
                    eprintln!("quarry: {}", output::one_line(&e.to_string()));
                    return ExitCode::from(EXIT_OPEN);
                }
            };
            for p in &problems {
                eprintln!(
                    "quarry: {}: {}",
                    p.kind.label(),
                    output::one_line(&p.message)
                );
            }
            let code = if json {
                print_json(&docs)
            } else {
                let mut out = std::io::stdout().lock();
                let r = docs.iter().enumerate().try_for_each(|(i, d)| {
                    if i > 0 {
                        out.write_all(b"\n\x0c\n")?;
                    }
                    out.write_all(d.text.as_bytes())
                });
                output::finish(r.and_then(|()| out.flush()))
            };
            // A file that gives no document fails alike, with or without --json.
            if docs.is_empty() && code == ExitCode::SUCCESS {
                return ExitCode::from(EXIT_OPEN);
            }
            code
        }
    }
}

/// `quarry cache`: lists or clears the indexes kept in the cache folder.
fn cache(clear: bool, path: Option<PathBuf>) -> ExitCode {
    let Some(dir) = crate::index::dirs::cache_dir() else {
        eprintln!("quarry: this system has no cache folder");
        return ExitCode::from(EXIT_OPEN);
    };
    let mut out = std::io::stdout().lock();
    if clear {
        let paths = path.map(|p| vec![p]);
        return match crate::index::dirs::clear(&dir, paths.as_deref()) {
            Ok(gone) => {
                let bytes: u64 = gone.iter().map(|c| c.bytes).sum();
                output::finish(writeln!(
                    out,
                    "removed {} index{} ({:.1} MB)",
                    gone.len(),
                    if gone.len() == 1 { "" } else { "es" },
                    bytes as f64 / 1e6
                ))
            }
            Err(e) => {
                eprintln!("quarry: cannot clear the cache: {e}");
                ExitCode::from(EXIT_OPEN)
            }
        };
    }
    let mut all = crate::index::dirs::list(&dir);
    if let Some(p) = path {
        let root = crate::index::dirs::root_name(&[p]);
        all.retain(|c| c.root == root);
    }
    let total: u64 = all.iter().map(|c| c.bytes).sum();
    let r = all.iter().try_for_each(|c| {
        let root = c.root.replace('\n', "; ");
        writeln!(
            out,
            "{:>10.1} MB  {}",
            c.bytes as f64 / 1e6,
            output::one_line(&root)
        )
    });
    output::finish(r.and_then(|()| {
        writeln!(
            out,
            "{} folder{}, {:.1} MB in {}",
            all.len(),
            if all.len() == 1 { "" } else { "s" },
            total as f64 / 1e6,
            output::one_line(&dir.join("index").display().to_string())
        )
    }))
}

fn print_stats(r: &StatsReport) -> std::io::Result<()> {
    use output::one_line;
    let mut out = std::io::stdout().lock();
    writeln!(out, "Folder          {}", one_line(&r.root))?;
    writeln!(out, "Files           {}", r.files)?;
    writeln!(out, "Documents       {}", r.documents)?;
    writeln!(out, "Words (tokens)  {}", r.tokens)?;
    writeln!(out, "Distinct words  {}", r.distinct_words)?;
    writeln!(out, "Bytes           {}", r.bytes)?;
    let formats: Vec<String> = r.formats.iter().map(|(f, n)| format!("{f} {n}")).collect();
    writeln!(out, "Formats         {}", formats.join(", "))?;
    match &r.date_range {
        Some([a, b]) => writeln!(
            out,
            "Dates           {a} to {b} ({} dated)",
            r.dated_documents
        )?,
        None => writeln!(out, "Dates           none found")?,
    }
    writeln!(
        out,
        "Timings         load {:.1} ms, analyze {:.1} ms, total {:.1} ms",
        r.timings.load_ms, r.timings.analyze_ms, r.timings.total_ms
    )?;
    writeln!(
        out,
        "Index           {} (read {:.1} ms, written {:.1} ms, {:.1} MB)",
        r.index.summary,
        r.index.read_ms,
        r.index.write_ms,
        r.index.bytes as f64 / 1e6
    )?;
    writeln!(
        out,
        "Problems        {} ({} files skipped)",
        r.problems.len(),
        r.skipped_files
    )?;
    for p in &r.problems {
        writeln!(
            out,
            "  {}: {} — {}",
            one_line(&p.path),
            p.kind.label(),
            one_line(&p.message)
        )?;
    }
    out.flush()
}
