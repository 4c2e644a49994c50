//! `quarry entities`: the named entities of a folder, as a summary or JSON lines.

use super::EXIT_OPEN;
use super::output::{finish, one_line, written};
use crate::corpus::load;
use crate::jobs::JobCtx;
use crate::ner::brands::Brands;
use crate::ner::catalog;
use crate::ner::clusters;
use crate::ner::tagger::Tagger;
use crate::ner::{EntityType, Recognizer};
use clap::Args;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `quarry entities`.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Folder or file to load.
    pub path: PathBuf,
    /// One JSON object per document: path, and entities as byte ranges of its text.
    #[arg(long)]
    pub jsonl: bool,
    /// How many entities of each type the summary lists.
    #[arg(long, default_value_t = 15)]
    pub top: usize,
    /// A list of names always recognised, one per line, optionally "\tTYPE".
    #[arg(long)]
    pub names: Option<PathBuf>,
    /// Weights to use instead of the built-in model (written by `train-ner`).
    #[arg(long, hide = true)]
    pub model: Option<PathBuf>,
    /// Word clusters to use instead of the built-in ones (written by `train-clusters`).
    #[arg(long, hide = true)]
    pub clusters: Option<PathBuf>,
}

/// A mention: byte range in the document's text and type.
struct Mention {
    start: usize,
    end: usize,
    kind: EntityType,
}

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    entities: Vec<Entity<'a>>,
}

#[derive(Serialize)]
struct Entity<'a> {
    start: usize,
    end: usize,
    label: &'static str,
    text: &'a str,
    /// The Wikidata item of an organisation known by this name.
    #[serde(skip_serializing_if = "Option::is_none")]
    wikidata: Option<String>,
}

/// Runs `quarry entities`.
pub fn entities(a: EntitiesArgs) -> ExitCode {
    if let Err(c) = use_clusters(a.clusters.as_ref()) {
        return c;
    }
    let mut rec = Recognizer::english().clone();
    if let Some(p) = &a.model {
        match std::fs::read(p)
            .map_err(|e| e.to_string())
            .and_then(|b| Tagger::decode(&b))
        {
            Ok(t) => rec = Recognizer::new(t),
            Err(e) => {
                eprintln!("quarry: {}: {e}", p.display());
                return ExitCode::from(EXIT_OPEN);
            }
        }
    }
    if let Some(p) = &a.names {
        match std::fs::read_to_string(p) {
            Ok(list) => rec = rec.with_user_names(&list),
            Err(e) => {
                eprintln!("quarry: {}: {e}", p.display());
                return ExitCode::from(EXIT_OPEN);
            }
        }
    }
    let mut corpus = match load(&a.path, &JobCtx::detached()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("quarry: {}", one_line(&e.to_string()));
            return ExitCode::from(EXIT_OPEN);
        }
    };
    corpus
        .docs
        .sort_by(|x, y| x.path.cmp(&y.path).then(x.index.cmp(&y.index)));
    let start = Instant::now();
    // The mentions the app counts: those of each document's body, a lone surname typed as the
    // person it names.
    let Some(recognised) = catalog::recognise(&corpus, &rec, &JobCtx::detached()) else {
        return ExitCode::from(EXIT_OPEN);
    };
    let found: Vec<Vec<Mention>> = (0..corpus.docs.len())
        .map(|d| {
            recognised
                .in_doc(d)
                .map(|(start, end, kind)| Mention { start, end, kind })
                .collect()
        })
        .collect();
    let secs = start.elapsed().as_secs_f64();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if a.jsonl {
        for (d, ms) in corpus.docs.iter().zip(&found) {
            let shift = d.offset_in_file();
            let line = Line {
                path: &d.path,
                entities: ms
                    .iter()
                    .map(|m| {
                        let text = &d.text[m.start..m.end];
                        Entity {
                            start: m.start + shift,
                            end: m.end + shift,
                            label: m.kind.label(),
                            text,
                            wikidata: (m.kind == EntityType::Org)
                                .then(|| Brands::builtin().wikidata(text))
                                .flatten(),
                        }
                    })
                    .collect(),
            };
            let r = serde_json::to_writer(&mut out, &line)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out));
            if let Err(code) = written(r) {
                return code;
            }
        }
        return finish(out.flush());
    }
    let mut counts: HashMap<(EntityType, &str), usize> = HashMap::new();
    for (d, ms) in corpus.docs.iter().zip(&found) {
        for m in ms {
            *counts.entry((m.kind, &d.text[m.start..m.end])).or_default() += 1;
        }
    }
    let total: usize = found.iter().map(Vec::len).sum();
    if let Err(code) = written(writeln!(
        out,
        "{} mentions in {} documents ({:.0} ms)",
        total,
        corpus.docs.len(),
        secs * 1000.0
    )) {
        return code;
    }
    for k in EntityType::ALL {
        let mut list: Vec<(&str, usize)> = counts
            .iter()
            .filter(|((t, _), _)| *t == k)
            .map(|((_, s), &n)| (*s, n))
            .collect();
        list.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
        let n: usize = list.iter().map(|x| x.1).sum();
        let r = writeln!(
            out,
            "\n{} ({} mentions, {} distinct)",
            k.label(),
            n,
            list.len()
        )
        .and_then(|()| {
            list.iter()
                .take(a.top)
                .try_for_each(|(s, c)| writeln!(out, "{c:>8}  {}", one_line(s)))
        });
        if let Err(code) = written(r) {
            return code;
        }
    }
    finish(out.flush())
}

/// Installs the word clusters of file `p`, if given, in place of the built-in ones.
pub(super) fn use_clusters(p: Option<&PathBuf>) -> Result<(), ExitCode> {
    let Some(p) = p else { return Ok(()) };
    match std::fs::read_to_string(p) {
        Ok(s) => {
            clusters::install(clusters::Clusters::parse(&s));
            Ok(())
        }
        Err(e) => {
            eprintln!("quarry: {}: {e}", p.display());
            Err(ExitCode::from(EXIT_OPEN))
        }
    }
}
