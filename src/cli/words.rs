//! Word commands: `ngrams`, `collocates`, `keyness` and `kwic`, on the same core as the panels.

use super::args::{DateArgs, measure_parser};
use super::output::{Streamed, one_line, pad_left, written};
use super::{EXIT_OPEN, open, print_json};
use crate::analysis::collocates::{Span, collocates};
use crate::analysis::counts::counts;
use crate::analysis::docset::DocSet;
use crate::analysis::keyness::{LL_P05, keyness};
use crate::analysis::kwic::{self, Query, glob_to_regex, line};
use crate::analysis::measures::Association;
use crate::analysis::ngrams::{NgramOptions, ngrams};
use crate::analysis::stems::Stems;
use crate::jobs::JobCtx;
use clap::Args;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Exit code for arguments that cannot be used.
const EXIT_ARGS: u8 = 2;

fn bad(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("quarry: {msg}");
    ExitCode::from(EXIT_ARGS)
}

/// `quarry ngrams`
#[derive(Debug, Args)]
pub struct NgramsArgs {
    /// Folder or file to load.
    pub path: PathBuf,
    /// Words per n-gram (2–4).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(2..=4))]
    pub n: u8,
    /// How many to print.
    #[arg(long, default_value_t = 30)]
    pub top: usize,
    /// Leave out n-grams seen fewer times.
    #[arg(long, default_value_t = 2)]
    pub min: u32,
    /// Keep n-grams that start or end with a stop-word.
    #[arg(long)]
    pub all: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `quarry collocates`
#[derive(Debug, Args)]
pub struct CollocatesArgs {
    /// Folder or file to load.
    pub path: PathBuf,
    /// The node: a word, phrase, wildcard or /regex/.
    pub word: String,
    /// Words on each side (1–10); 0 means the same sentence.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(0..=10))]
    pub window: u32,
    /// Association measure.
    #[arg(long, ignore_case = true, default_value = Association::default().key(), value_parser = measure_parser())]
    pub measure: Association,
    /// Minimum co-occurrences.
    #[arg(long, default_value_t = 3)]
    pub min: u64,
    /// How many to print.
    #[arg(long, default_value_t = 30)]
    pub top: usize,
    /// Keep stop-words.
    #[arg(long)]
    pub all: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `quarry keyness`
#[derive(Debug, Args)]
pub struct KeynessArgs {
    /// Folder or file to load.
    pub path: PathBuf,
    /// The selection by date.
    #[command(flatten)]
    pub dates: DateArgs,
    /// Select documents whose path in the folder matches this wildcard (e.g. "g7/*").
    #[arg(long, conflicts_with = "from")]
    pub docs: Option<String>,
    /// How many words to print each way.
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    /// Keep stop-words.
    #[arg(long)]
    pub all: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `quarry kwic`
#[derive(Debug, Args)]
pub struct KwicArgs {
    /// Folder or file to load.
    pub path: PathBuf,
    /// A word, phrase, wildcard (sanction*) or /regex/.
    pub query: String,
    /// Characters of context on each side.
    #[arg(long, default_value_t = 40)]
    pub width: usize,
    /// Print at most this many lines (all by default).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `quarry ngrams`
pub fn run_ngrams(a: NgramsArgs) -> ExitCode {
    let (_, an, _) = match open(&a.path) {
        Ok(x) => x,
        Err(c) => return c,
    };
    if let Err(code) = super::needs_texts(&an, &a.path) {
        return code;
    }
    let opts = NgramOptions {
        n: a.n as usize,
        min_count: a.min,
        skip_stop_edges: !a.all,
        skip_numbers: false,
    };
    let start = Instant::now();
    let Some(g) = ngrams(&an, &opts, None, &JobCtx::detached()) else {
        return ExitCode::from(EXIT_OPEN);
    };
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    #[derive(Serialize)]
    struct Row {
        ngram: String,
        count: u32,
        documents: u32,
    }
    let rows: Vec<Row> = g
        .iter()
        .take(a.top)
        .map(|g| Row {
            ngram: g.text(&an),
            count: g.count,
            documents: g.documents,
        })
        .collect();
    if a.json {
        #[derive(Serialize)]
        struct Out {
            n: u8,
            distinct: usize,
            ngrams_ms: f64,
            ngrams: Vec<Row>,
        }
        return print_json(&Out {
            n: a.n,
            distinct: g.len(),
            ngrams_ms: ms,
            ngrams: rows,
        });
    }
    let mut out = std::io::stdout().lock();
    let r = rows
        .iter()
        .try_for_each(|r| writeln!(out, "{}\t{}\t{}", r.count, r.documents, r.ngram));
    if let Err(code) = written(r.and_then(|()| out.flush())) {
        return code;
    }
    eprintln!("{} distinct {}-grams in {ms:.1} ms", g.len(), a.n);
    ExitCode::SUCCESS
}

/// `quarry collocates`
pub fn run_collocates(a: CollocatesArgs) -> ExitCode {
    let measure = a.measure;
    let (_, an, _) = match open(&a.path) {
        Ok(x) => x,
        Err(c) => return c,
    };
    if let Err(code) = super::needs_texts(&an, &a.path) {
        return code;
    }
    let q = match Query::parse(&a.word, &an) {
        Ok(q) => q,
        Err(e) => return bad(e),
    };
    let span = if a.window == 0 {
        Span::Sentence
    } else {
        Span::Window(a.window)
    };
    let start = Instant::now();
    let f = |t: u32| an.freq[t as usize];
    let Some(mut c) = collocates(
        &an,
        &q,
        span,
        measure,
        a.min,
        None,
        &f,
        an.total_tokens,
        &JobCtx::detached(),
    ) else {
        return ExitCode::from(EXIT_OPEN);
    };
    if !a.all {
        c.rows.retain(|r| !an.is_stop[r.term as usize]);
    }
    c.rows.truncate(a.top);
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    if a.json {
        #[derive(Serialize)]
        struct Out<'a> {
            node: &'a str,
            measure: &'a str,
            collocates_ms: f64,
            #[serde(flatten)]
            result: &'a crate::analysis::collocates::Collocates,
        }
        return print_json(&Out {
            node: &a.word,
            measure: measure.key(),
            collocates_ms: ms,
            result: &c,
        });
    }
    let mut out = std::io::stdout().lock();
    let r = c.rows.iter().try_for_each(|r| {
        writeln!(
            out,
            "{:.3}\t{}\t{}\t{}",
            r.score, r.together, r.freq, r.word
        )
    });
    if let Err(code) = written(r.and_then(|()| out.flush())) {
        return code;
    }
    eprintln!("{} hits of {:?}; {ms:.1} ms", c.hits, a.word);
    ExitCode::SUCCESS
}

/// `quarry keyness`
pub fn run_keyness(a: KeynessArgs) -> ExitCode {
    if let Err(e) = a.dates.check() {
        return bad(e);
    }
    let (c, an, _) = match open(&a.path) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let set = match (a.dates.docs(&c), &a.docs) {
        (Some(set), _) => set,
        (None, Some(g)) => match regex::Regex::new(&glob_to_regex(g)) {
            Ok(re) => DocSet::from_fn(c.docs.len(), |d| re.is_match(&c.docs[d as usize].path)),
            Err(e) => return bad(e),
        },
        _ => return bad("choose the selection with --from DATE --to DATE or --docs GLOB"),
    };
    if set.is_empty() {
        return bad("no document falls in the selection");
    }
    let start = Instant::now();
    let Some(target) = counts(&an, &set, false, &JobCtx::detached()) else {
        return ExitCode::from(EXIT_OPEN);
    };
    let skip = |t: u32| !a.all && an.is_stop[t as usize];
    let mut k = keyness(&an, &target, 5, LL_P05, &skip);
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    k.over.truncate(a.top);
    k.under.truncate(a.top);
    if a.json {
        #[derive(Serialize)]
        struct Out<'a> {
            documents: usize,
            keyness_ms: f64,
            #[serde(flatten)]
            result: &'a crate::analysis::keyness::Keyness,
        }
        return print_json(&Out {
            documents: set.len(),
            keyness_ms: ms,
            result: &k,
        });
    }
    let mut out = std::io::stdout().lock();
    let r = (|| {
        writeln!(
            out,
            "{} documents, {} tokens vs {} in the rest",
            set.len(),
            k.target_tokens,
            k.reference_tokens
        )?;
        for (name, list) in [("over-used", &k.over), ("under-used", &k.under)] {
            writeln!(out, "\n{name} (LL, log ratio, selection, rest)")?;
            for w in list {
                writeln!(
                    out,
                    "{:.1}\t{:+.2}\t{}\t{}\t{}",
                    w.ll, w.log_ratio, w.target, w.reference, w.word
                )?;
            }
        }
        out.flush()
    })();
    if let Err(code) = written(r) {
        return code;
    }
    eprintln!("keyness in {ms:.1} ms");
    ExitCode::SUCCESS
}

/// `quarry kwic`
pub fn run_kwic(a: KwicArgs) -> ExitCode {
    let (c, an, _) = match open(&a.path) {
        Ok(x) => x,
        Err(code) => return code,
    };
    if let Err(code) = super::needs_texts(&an, &a.path) {
        return code;
    }
    let q = match Query::parse(&a.query, &an) {
        Ok(q) => q,
        Err(e) => return bad(e),
    };
    let start = Instant::now();
    // Counted first, then found again line by line as they are written: the hits of a large
    // corpus are never held at once.
    let (n_hits, n_docs) = kwic::count(&an, &q, None);
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let shown = a.limit.unwrap_or(usize::MAX).min(n_hits);
    let hits = || kwic::hits(&an, &q, None).take(shown);
    if a.json {
        #[derive(Serialize)]
        struct Line {
            path: String,
            #[serde(flatten)]
            line: crate::analysis::kwic::Line,
        }
        #[derive(Serialize)]
        #[serde(bound = "")]
        struct Out<I: Iterator<Item = Line>> {
            query: String,
            hits: usize,
            documents: usize,
            kwic_ms: f64,
            lines: Streamed<I>,
        }
        let lines = hits().map(|h| Line {
            path: c.docs[h.doc as usize].path.clone(),
            line: line(&an, &c, &h, a.width),
        });
        return print_json(&Out {
            query: a.query.clone(),
            hits: n_hits,
            documents: n_docs,
            kwic_ms: ms,
            lines: Streamed::new(lines),
        });
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let r = hits().try_for_each(|h| {
        let l = line(&an, &c, &h, a.width);
        pad_left(&mut out, &one_line(&l.left), a.width)?;
        writeln!(
            out,
            " [{}] {}\t{}",
            one_line(&l.hit),
            one_line(&l.right),
            one_line(&c.docs[h.doc as usize].path)
        )
    });
    if let Err(code) = written(r.and_then(|()| out.flush())) {
        return code;
    }
    eprintln!("{n_hits} hits in {n_docs} documents; search {ms:.2} ms");
    ExitCode::SUCCESS
}

/// Words grouped by stem for `quarry words --stem`: (label, count, forms).
pub fn stem_rows(
    an: &crate::analysis::Analysis,
    top: usize,
    all: bool,
) -> Vec<(String, u64, usize)> {
    let st = Stems::build(an);
    let mut groups: Vec<&crate::analysis::stems::StemGroup> = st
        .groups
        .iter()
        .filter(|g| all || !an.is_stop[g.label as usize])
        .collect();
    groups.sort_by(|x, y| y.freq.cmp(&x.freq).then(x.label.cmp(&y.label)));
    groups
        .into_iter()
        .take(top)
        .map(|g| (an.vocab[g.label as usize].clone(), g.freq, g.terms.len()))
        .collect()
}
