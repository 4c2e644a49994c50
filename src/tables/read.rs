//! Opening exported tables: every part of the documents, terms and mentions tables, checked
//! column by column, becomes a corpus without texts, its word counts and its entity mentions,
//! which the app shows like a folder's. The entities are grouped again from the mentions, so
//! the parts of a sharded export are named as one corpus.

use super::columns::{Kind, Want, ints, micros, read_columns, text_lists, texts};
use super::schema::Table;
use super::{Manifest, TableError};
use crate::analysis::{Analysis, DocId, TermId};
use crate::corpus::{Corpus, Document, Format};
use crate::jobs::{JobCtx, Phase};
use crate::ner::EntityType;
use crate::ner::catalog::{Recognised, TableMention};
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::Instant;

/// An export read back.
pub struct Imported {
    /// The documents, with their metadata and no text.
    pub corpus: Corpus,
    /// Word counts and postings from the terms table.
    pub analysis: Analysis,
    /// The entity mentions, with their sentences and paragraphs.
    pub mentions: Recognised,
    /// What each part's manifest says (none for tables written elsewhere).
    pub manifests: Vec<Manifest>,
    /// The folder the tables were exported from, when it can be read here: documents' texts
    /// are read from it on demand.
    pub source: Option<PathBuf>,
}

/// Whether `dir` holds exported tables (a `documents` and a `terms` folder).
pub fn is_export(dir: &Path) -> bool {
    dir.join(Table::Documents.name()).is_dir() && dir.join(Table::Terms.name()).is_dir()
}

/// The Parquet files of one table, sorted; hidden and temporary files are left out.
fn parts(dir: &Path, table: Table) -> Result<Vec<PathBuf>, TableError> {
    let folder = dir.join(table.name());
    let entries = std::fs::read_dir(&folder).map_err(|e| TableError::io(&folder, e))?;
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            !name.starts_with('.') && !name.starts_with('_') && name.ends_with(".parquet")
        })
        .collect();
    out.sort();
    if out.is_empty() {
        return Err(TableError::parquet(&folder, "holds no Parquet file"));
    }
    Ok(out)
}

/// The manifests in `dir/_quarry`, skipping any that cannot be read.
fn manifests(dir: &Path) -> Vec<Manifest> {
    let Ok(entries) = std::fs::read_dir(dir.join("_quarry")) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| serde_json::from_slice(&std::fs::read(p).ok()?).ok())
        .collect()
}

const fn want(name: &'static str, kind: Kind, required: bool) -> Want {
    Want {
        name,
        kind,
        required,
    }
}

/// Splits a document id into its path and its position in a multi-article file ("a.jsonl#3"
/// is the third article, index 2).
fn split_id(id: &str) -> (&str, Option<u32>) {
    match id.rsplit_once('#') {
        Some((path, n)) => match n.parse::<u32>() {
            Ok(n) if n >= 1 => (path, Some(n - 1)),
            _ => (id, None),
        },
        None => (id, None),
    }
}

fn format_of(name: &str) -> Option<Format> {
    [
        Format::Txt,
        Format::Md,
        Format::Html,
        Format::Json,
        Format::Jsonl,
    ]
    .into_iter()
    .find(|f| f.name() == name)
}

fn label_of(s: &str) -> Option<EntityType> {
    EntityType::ALL.into_iter().find(|k| k.label() == s)
}

/// The documents, and the sentences and paragraphs of each.
type DocumentsRead = (Vec<Document>, Vec<(u32, u32)>);

/// Reads the documents table: the documents sorted by path and position, and their ids.
fn read_documents(
    dir: &Path,
    source: Option<&Path>,
    ctx: &JobCtx,
) -> Result<DocumentsRead, TableError> {
    let wants = [
        want("doc_id", Kind::Text, true),
        want("path", Kind::Text, true),
        want("title", Kind::Text, false),
        want("date", Kind::Time, false),
        want("authors", Kind::TextList, false),
        want("source", Kind::Text, false),
        want("dateline", Kind::Text, false),
        want("url", Kind::Text, false),
        want("format", Kind::Text, false),
        want("sentences", Kind::Int, false),
        want("paragraphs", Kind::Int, false),
    ];
    let mut rows: Vec<(Document, (u32, u32))> = Vec::new();
    for part in parts(dir, Table::Documents)? {
        read_columns(&part, &wants, &mut |b, at| {
            let col = |i: usize| at[i].map(|j| b.column(j));
            let n = b.num_rows();
            let text_col = |i: usize| col(i).map_or(vec![None; n], texts);
            let (ids, paths, titles) = (text_col(0), text_col(1), text_col(2));
            let dates = col(3).map_or(vec![None; n], micros);
            let authors = col(4).map_or(vec![Vec::new(); n], text_lists);
            let (sources, datelines, urls, formats) =
                (text_col(5), text_col(6), text_col(7), text_col(8));
            let sentences = col(9).map_or(vec![None; n], ints);
            let paragraphs = col(10).map_or(vec![None; n], ints);
            for r in 0..n {
                let (Some(id), Some(path)) = (ids[r], paths[r]) else {
                    return Err(TableError::parquet(
                        &part,
                        format!("row {r}: doc_id or path is empty"),
                    ));
                };
                let (_, index) = split_id(id);
                let owned = |v: Option<&str>| v.filter(|s| !s.is_empty()).map(str::to_string);
                let d = Document {
                    path: path.to_string(),
                    index,
                    file: source.map(|s| s.join(path)).unwrap_or_default(),
                    format: formats[r].and_then(format_of),
                    title: titles[r].unwrap_or_default().to_string(),
                    date: dates[r]
                        .and_then(chrono::DateTime::from_timestamp_micros)
                        .map(|t| t.naive_utc()),
                    authors: authors[r].clone(),
                    source: owned(sources[r]),
                    dateline: owned(datelines[r]),
                    url: owned(urls[r]),
                    ..Document::default()
                };
                let units = (
                    sentences[r].unwrap_or(0).clamp(0, u32::MAX as i64) as u32,
                    paragraphs[r].unwrap_or(0).clamp(0, u32::MAX as i64) as u32,
                );
                rows.push((d, units));
            }
            Ok(())
        })?;
        ctx.progress.done.fetch_add(1, Ordering::Relaxed);
        ctx.wake();
        if ctx.is_cancelled() {
            return Err(TableError::Cancelled);
        }
    }
    rows.sort_by(|(a, _), (b, _)| a.path.cmp(&b.path).then(a.index.cmp(&b.index)));
    if let Some(w) = rows
        .windows(2)
        .find(|w| w[0].0.path == w[1].0.path && w[0].0.index == w[1].0.index)
    {
        return Err(TableError::parquet(
            &dir.join(Table::Documents.name()),
            format!(
                "document {} appears twice: are two exports of the same part in this folder?",
                w[0].0.label()
            ),
        ));
    }
    Ok(rows.into_iter().unzip())
}

/// Reads every part of the export in `dir`.
pub fn read_export(dir: &Path, ctx: &JobCtx) -> Result<Imported, TableError> {
    let start = Instant::now();
    let manifests = manifests(dir);
    let source = manifests
        .first()
        .map(|m| m.source.clone())
        .filter(|s| manifests.iter().all(|m| &m.source == s) && s.is_dir());
    let total = [Table::Documents, Table::Terms, Table::Mentions]
        .iter()
        .map(|&t| parts(dir, t).map(|p| p.len() as u64))
        .sum::<Result<u64, _>>()?;
    ctx.progress.set_phase(Phase::Reading, total);
    ctx.wake_now();
    let (docs, units) = read_documents(dir, source.as_deref(), ctx)?;
    let by_id: FxHashMap<String, DocId> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.label(), i as DocId))
        .collect();
    let doc_of = |part: &Path, id: Option<&str>| -> Result<usize, TableError> {
        let id = id.unwrap_or_default();
        by_id.get(id).map(|&d| d as usize).ok_or_else(|| {
            TableError::parquet(part, format!("doc_id {id:?} is not in the documents table"))
        })
    };

    // Terms: words numbered as met, renumbered alphabetically once all are known.
    let mut ids: FxHashMap<String, TermId> = FxHashMap::default();
    let mut words: Vec<String> = Vec::new();
    let mut counts: Vec<Vec<(TermId, u32)>> = vec![Vec::new(); docs.len()];
    let wants = [
        want("doc_id", Kind::Text, true),
        want("term", Kind::Text, true),
        want("count", Kind::Int, true),
    ];
    for part in parts(dir, Table::Terms)? {
        read_columns(&part, &wants, &mut |b, at| {
            let col = |i: usize| at[i].map(|j| b.column(j));
            let (Some(d), Some(t), Some(c)) = (col(0), col(1), col(2)) else {
                return Ok(());
            };
            let (d, t, c) = (texts(d), texts(t), ints(c));
            for r in 0..b.num_rows() {
                let doc = doc_of(&part, d[r])?;
                let word = t[r].unwrap_or_default();
                let id = match ids.get(word) {
                    Some(&id) => id,
                    None => {
                        let id = words.len() as TermId;
                        ids.insert(word.to_string(), id);
                        words.push(word.to_string());
                        id
                    }
                };
                let n = c[r].unwrap_or(0).clamp(0, u32::MAX as i64) as u32;
                counts[doc].push((id, n));
            }
            Ok(())
        })?;
        ctx.progress.done.fetch_add(1, Ordering::Relaxed);
        ctx.wake();
        if ctx.is_cancelled() {
            return Err(TableError::Cancelled);
        }
    }
    drop(ids);
    let mut order: Vec<TermId> = (0..words.len() as TermId).collect();
    order.sort_unstable_by(|&a, &b| words[a as usize].cmp(&words[b as usize]));
    let mut renumber = vec![0 as TermId; words.len()];
    for (new, &old) in order.iter().enumerate() {
        renumber[old as usize] = new as TermId;
    }
    let mut vocab: Vec<String> = Vec::with_capacity(words.len());
    let mut words: Vec<Option<String>> = words.into_iter().map(Some).collect();
    for &old in &order {
        vocab.push(words[old as usize].take().unwrap_or_default());
    }
    for list in &mut counts {
        for e in list.iter_mut() {
            e.0 = renumber[e.0 as usize];
        }
    }
    ctx.progress.set_phase(Phase::Analyzing, 0);
    let analysis = Analysis::from_counts(vocab, &counts);
    drop(counts);

    // Mentions, each document's sorted by position.
    let mut mentions: Vec<Vec<TableMention>> = vec![Vec::new(); docs.len()];
    let wants = [
        want("doc_id", Kind::Text, true),
        want("start", Kind::Int, true),
        want("end", Kind::Int, true),
        want("label", Kind::Text, true),
        want("text", Kind::Text, true),
        want("sentence", Kind::Int, false),
        want("paragraph", Kind::Int, false),
        want("token", Kind::Int, false),
    ];
    for part in parts(dir, Table::Mentions)? {
        read_columns(&part, &wants, &mut |b, at| {
            let col = |i: usize| at[i].map(|j| b.column(j));
            let n = b.num_rows();
            let text_col = |i: usize| col(i).map_or(vec![None; n], texts);
            let int_col = |i: usize| col(i).map_or(vec![None; n], ints);
            let (d, label, text) = (text_col(0), text_col(3), text_col(4));
            let (s, e, sent, para, tok) =
                (int_col(1), int_col(2), int_col(5), int_col(6), int_col(7));
            let small = |v: Option<i64>| v.unwrap_or(0).clamp(0, u32::MAX as i64) as u32;
            for r in 0..n {
                let doc = doc_of(&part, d[r])?;
                let l = label[r].unwrap_or_default();
                let Some(kind) = label_of(l) else {
                    return Err(TableError::parquet(
                        &part,
                        format!(
                            "row {r}: column \"label\" holds {l:?}, expected PERSON, ORG, PLACE or MISC"
                        ),
                    ));
                };
                mentions[doc].push(TableMention {
                    start: small(s[r]),
                    end: small(e[r]),
                    kind,
                    text: text[r].unwrap_or_default().to_string(),
                    sentence: small(sent[r]),
                    paragraph: small(para[r]),
                    token: small(tok[r]),
                });
            }
            Ok(())
        })?;
        ctx.progress.done.fetch_add(1, Ordering::Relaxed);
        ctx.wake();
        if ctx.is_cancelled() {
            return Err(TableError::Cancelled);
        }
    }
    for list in &mut mentions {
        list.sort_by_key(|m| (m.start, m.end));
    }
    let mentions = Recognised::from_tables(mentions, units);

    let files = {
        let mut paths: Vec<&str> = docs.iter().map(|d| d.path.as_str()).collect();
        paths.dedup();
        paths.len() as u64
    };
    let corpus = Corpus {
        root: source.clone().unwrap_or_else(|| dir.to_path_buf()),
        docs,
        problems: Vec::new(),
        files_seen: files,
        bytes_read: manifests.iter().map(|m| m.source_bytes).sum(),
        load_ms: start.elapsed().as_secs_f64() * 1000.0,
    };
    Ok(Imported {
        corpus,
        analysis,
        mentions,
        manifests,
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_ids_split_into_path_and_position() {
        assert_eq!(split_id("a/b.txt"), ("a/b.txt", None));
        assert_eq!(split_id("feed.jsonl#3"), ("feed.jsonl", Some(2)));
        assert_eq!(split_id("odd#name.txt"), ("odd#name.txt", None));
        assert_eq!(split_id("x#0"), ("x#0", None));
    }
}
