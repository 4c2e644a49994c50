//! Writing the tables: each one a Parquet file (ZSTD) filled batch by batch from the corpus,
//! its analysis and its entity catalog, under a hidden temporary name renamed into place.

use super::TableError;
use super::schema::Table;
use crate::analysis::{Analysis, DocId};
use crate::corpus::Corpus;
use crate::ner::catalog::Catalog;
use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::{
    ArrayRef, BooleanArray, Int64Array, RecordBatch, StringArray, TimestampMicrosecondArray,
};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use rayon::prelude::*;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Documents per batch: a batch of terms or mentions is built in parallel, then written.
pub(super) const DOCS_PER_BATCH: usize = 4096;

/// One table's Parquet file while it is written.
pub(super) struct PartWriter {
    table: Table,
    tmp: PathBuf,
    path: PathBuf,
    writer: Option<ArrowWriter<File>>,
    rows: u64,
}

impl PartWriter {
    /// Starts `dir/<table>/<file>` under a temporary name beside it.
    pub(super) fn create(dir: &Path, table: Table, file: &str) -> Result<Self, TableError> {
        let folder = dir.join(table.name());
        std::fs::create_dir_all(&folder).map_err(|e| TableError::io(&folder, e))?;
        let path = folder.join(file);
        let (tmp, f) = crate::export::temp_beside(&path).map_err(|e| TableError::io(&path, e))?;
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .set_created_by(format!("Quarry {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = ArrowWriter::try_new(f, table.schema(), Some(props))
            .map_err(|e| TableError::parquet(&path, e))?;
        Ok(PartWriter {
            table,
            tmp,
            path,
            writer: Some(writer),
            rows: 0,
        })
    }

    /// Appends one batch, given as the table's columns in order.
    pub(super) fn write(&mut self, columns: Vec<ArrayRef>) -> Result<(), TableError> {
        let batch = RecordBatch::try_new(self.table.schema(), columns)
            .map_err(|e| TableError::parquet(&self.path, e))?;
        if batch.num_rows() == 0 {
            return Ok(());
        }
        self.rows += batch.num_rows() as u64;
        match &mut self.writer {
            Some(w) => w
                .write(&batch)
                .map_err(|e| TableError::parquet(&self.path, e)),
            None => Ok(()),
        }
    }

    /// Closes the file, flushes it to disk and renames it into place: its rows and bytes.
    pub(super) fn finish(mut self) -> Result<(u64, u64), TableError> {
        let Some(w) = self.writer.take() else {
            return Ok((self.rows, 0));
        };
        let file = w
            .into_inner()
            .map_err(|e| TableError::parquet(&self.path, e))?;
        file.sync_all().map_err(|e| TableError::io(&self.path, e))?;
        let bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
        std::fs::rename(&self.tmp, &self.path).map_err(|e| TableError::io(&self.path, e))?;
        Ok((self.rows, bytes))
    }
}

impl Drop for PartWriter {
    fn drop(&mut self) {
        // Not finished: an error or a cancel. Nothing half-written is left behind.
        if self.writer.is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

fn strings<'a>(it: impl Iterator<Item = &'a str>) -> ArrayRef {
    Arc::new(StringArray::from_iter_values(it))
}

fn maybe_strings<'a>(it: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    Arc::new(StringArray::from_iter(it))
}

fn ints(it: impl Iterator<Item = i64>) -> ArrayRef {
    Arc::new(Int64Array::from_iter_values(it))
}

fn string_lists<'a, I>(it: impl Iterator<Item = I>) -> ArrayRef
where
    I: Iterator<Item = &'a str>,
{
    let mut b = ListBuilder::new(StringBuilder::new());
    for list in it {
        for s in list {
            b.values().append_value(s);
        }
        b.append(true);
    }
    Arc::new(b.finish())
}

/// The `documents` rows of documents `range`.
pub(super) fn documents(
    c: &Corpus,
    a: &Analysis,
    cat: &Catalog,
    range: std::ops::Range<usize>,
) -> Vec<ArrayRef> {
    let docs = &c.docs[range.clone()];
    let ids: Vec<String> = docs.iter().map(|d| d.label()).collect();
    let units = |d: usize| cat.units.get(d).copied().unwrap_or((0, 0));
    vec![
        strings(ids.iter().map(String::as_str)),
        strings(docs.iter().map(|d| d.path.as_str())),
        strings(docs.iter().map(|d| d.title.as_str())),
        Arc::new(TimestampMicrosecondArray::from_iter(
            docs.iter()
                .map(|d| d.date.map(|t| t.and_utc().timestamp_micros())),
        )),
        string_lists(docs.iter().map(|d| d.authors.iter().map(String::as_str))),
        maybe_strings(docs.iter().map(|d| d.source.as_deref())),
        maybe_strings(docs.iter().map(|d| d.dateline.as_deref())),
        maybe_strings(docs.iter().map(|d| d.url.as_deref())),
        strings(docs.iter().map(|d| d.format.map_or("", |f| f.name()))),
        ints(range.clone().map(|d| i64::from(a.doc_tokens[d]))),
        ints(range.clone().map(|d| i64::from(units(d).0))),
        ints(range.map(|d| i64::from(units(d).1))),
    ]
}

/// Each word of a document with its count, by word id (so alphabetically).
fn term_counts(a: &Analysis, d: DocId) -> Vec<(u32, u32)> {
    let mut ids: Vec<u32> = a.stream[a.doc_range(d)].to_vec();
    ids.sort_unstable();
    let mut out: Vec<(u32, u32)> = Vec::new();
    for id in ids {
        match out.last_mut() {
            Some((last, n)) if *last == id => *n += 1,
            _ => out.push((id, 1)),
        }
    }
    out
}

/// The `terms` rows of documents `range`: one per word per document.
pub(super) fn terms(c: &Corpus, a: &Analysis, range: std::ops::Range<usize>) -> Vec<ArrayRef> {
    let counts: Vec<Vec<(u32, u32)>> = range
        .clone()
        .into_par_iter()
        .map(|d| term_counts(a, d as DocId))
        .collect();
    let rows: usize = counts.iter().map(Vec::len).sum();
    let mut doc_ids = StringBuilder::with_capacity(rows, rows * 16);
    for (d, list) in range.zip(&counts) {
        let id = c.docs[d].label();
        for _ in list {
            doc_ids.append_value(&id);
        }
    }
    let all = || counts.iter().flatten();
    vec![
        Arc::new(doc_ids.finish()),
        strings(all().map(|&(t, _)| a.vocab[t as usize].as_str())),
        ints(all().map(|&(_, n)| i64::from(n))),
        Arc::new(BooleanArray::from_iter(
            all().map(|&(t, _)| Some(a.is_stop[t as usize])),
        )),
    ]
}

/// The `mentions` rows of documents `range`, offsets counted in the file's bytes as
/// `quarry entities` gives them.
pub(super) fn mentions(c: &Corpus, cat: &Catalog, range: std::ops::Range<usize>) -> Vec<ArrayRef> {
    let mut doc_ids = StringBuilder::new();
    let (mut start, mut end, mut sentence, mut paragraph, mut token) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut label, mut text, mut entity) = (Vec::new(), Vec::new(), Vec::new());
    for d in range {
        let doc = &c.docs[d];
        let id = doc.label();
        let shift = doc.offset_in_file() as i64;
        for m in cat.in_doc(d as DocId) {
            doc_ids.append_value(&id);
            start.push(i64::from(m.start) + shift);
            end.push(i64::from(m.end) + shift);
            label.push(m.kind.label());
            text.push(
                doc.text
                    .get(m.start as usize..m.end as usize)
                    .unwrap_or_default(),
            );
            entity.push(cat.entities[m.entity as usize].name.as_str());
            sentence.push(i64::from(m.sentence));
            paragraph.push(i64::from(m.paragraph));
            token.push(i64::from(m.token));
        }
    }
    vec![
        Arc::new(doc_ids.finish()),
        ints(start.into_iter()),
        ints(end.into_iter()),
        strings(label.into_iter()),
        strings(text.into_iter()),
        strings(entity.into_iter()),
        ints(sentence.into_iter()),
        ints(paragraph.into_iter()),
        ints(token.into_iter()),
    ]
}

/// The `entities` rows: every entity not hidden, most mentioned first.
pub(super) fn entities(cat: &Catalog) -> Vec<ArrayRef> {
    let shown: Vec<_> = cat.entities.iter().filter(|e| !e.hidden).collect();
    vec![
        strings(shown.iter().map(|e| e.name.as_str())),
        strings(shown.iter().map(|e| e.kind.label())),
        ints(shown.iter().map(|e| i64::from(e.mentions))),
        ints(shown.iter().map(|e| i64::from(e.documents))),
        string_lists(
            shown
                .iter()
                .map(|e| e.forms.iter().map(|(f, _)| f.as_str())),
        ),
    ]
}
