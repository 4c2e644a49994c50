//! The command line: `quarry [PATH]` opens the app; `stats`, `words` and `text` run headless
//! on the same core and print plain text or JSON. Larger commands live in their own files.

pub mod args;
pub mod graph;
pub mod ner;
#[cfg(feature = "train")]
pub mod train;
pub mod words;

use crate::analysis::{Analysis, WordCount, analyze};
use crate::corpus::{Corpus, Problem, load, load_file};
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
pub fn stats_report(c: &Corpus, a: &Analysis, total_ms: f64) -> StatsReport {
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
    }
}

fn round(ms: f64) -> f64 {
    (ms * 10.0).round() / 10.0
}

pub(crate) fn open(path: &Path) -> Result<(Corpus, Analysis, f64), ExitCode> {
    open_with(path, |_| ()).map(|(c, a, (), ms)| (c, a, ms))
}

/// Loads and analyses a folder like [`open`], running `also` on the loaded corpus alongside
/// the analysis: each fills the processor time the other leaves idle.
pub(crate) fn open_with<T: Send>(
    path: &Path,
    also: impl FnOnce(&Corpus) -> T + Send,
) -> Result<(Corpus, Analysis, T, f64), ExitCode> {
    let start = Instant::now();
    let ctx = JobCtx::detached();
    let corpus = load(path, &ctx).map_err(|e| {
        eprintln!("quarry: {e}");
        ExitCode::from(EXIT_OPEN)
    })?;
    let (analysis, other) = rayon::join(|| analyze(&corpus, &ctx), || also(&corpus));
    let analysis = analysis.ok_or(ExitCode::from(EXIT_OPEN))?;
    Ok((
        corpus,
        analysis,
        other,
        start.elapsed().as_secs_f64() * 1000.0,
    ))
}

pub(crate) fn print_json<T: Serialize>(v: &T) -> ExitCode {
    match serde_json::to_string_pretty(v) {
        Ok(s) => {
            println!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("quarry: {e}");
            ExitCode::from(EXIT_OPEN)
        }
    }
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
            let (c, a, total) = match open(&path) {
                Ok(x) => x,
                Err(code) => return code,
            };
            let r = stats_report(&c, &a, total);
            if json {
                return print_json(&r);
            }
            print_stats(&r);
            ExitCode::SUCCESS
        }
        Command::Ngrams(a) => words::run_ngrams(a),
        Command::Collocates(a) => words::run_collocates(a),
        Command::Keyness(a) => words::run_keyness(a),
        Command::Kwic(a) => words::run_kwic(a),
        Command::Graph(a) => graph::run(a),
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
                for (w, c, f) in rows {
                    let _ = writeln!(out, "{c}\t{f}\t{w}");
                }
                return ExitCode::SUCCESS;
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
            for w in words {
                let _ = writeln!(out, "{}\t{}\t{}", w.count, w.documents, w.word);
            }
            ExitCode::SUCCESS
        }
        Command::Text { file, json } => {
            let (docs, problems) = match load_file(&file) {
                Ok(x) => x,
                Err(e) => {
                    eprintln!("quarry: {e}");
                    return ExitCode::from(EXIT_OPEN);
                }
            };
            for p in &problems {
                eprintln!("quarry: {}: {}", p.kind.label(), p.message);
            }
            if json {
                return print_json(&docs);
            }
            let mut out = std::io::stdout().lock();
            for (i, d) in docs.iter().enumerate() {
                if i > 0 {
                    let _ = out.write_all(b"\n\x0c\n");
                }
                let _ = out.write_all(d.text.as_bytes());
            }
            if docs.is_empty() {
                return ExitCode::from(EXIT_OPEN);
            }
            ExitCode::SUCCESS
        }
    }
}

fn print_stats(r: &StatsReport) {
    println!("Folder          {}", r.root);
    println!("Files           {}", r.files);
    println!("Documents       {}", r.documents);
    println!("Words (tokens)  {}", r.tokens);
    println!("Distinct words  {}", r.distinct_words);
    println!("Bytes           {}", r.bytes);
    let formats: Vec<String> = r.formats.iter().map(|(f, n)| format!("{f} {n}")).collect();
    println!("Formats         {}", formats.join(", "));
    match &r.date_range {
        Some([a, b]) => println!("Dates           {a} to {b} ({} dated)", r.dated_documents),
        None => println!("Dates           none found"),
    }
    println!(
        "Timings         load {:.1} ms, analyze {:.1} ms, total {:.1} ms",
        r.timings.load_ms, r.timings.analyze_ms, r.timings.total_ms
    );
    println!(
        "Problems        {} ({} files skipped)",
        r.problems.len(),
        r.skipped_files
    );
    for p in &r.problems {
        println!("  {}: {} — {}", p.path, p.kind.label(), p.message);
    }
}
