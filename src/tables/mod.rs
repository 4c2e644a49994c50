//! Quarry's tables as Parquet: the documents, the words per document, the entity mentions and
//! the entities of a corpus, in a layout data engines read as four tables
//! (`DIR/<table>/part-<I>.parquet`), so that DataFusion, Spark, DuckDB or pandas can merge the
//! parts of a corpus too large for one machine.
//!
//! A folder can be split into N shards by a stable hash of each file's relative path
//! ([`Shard`]); each shard is exported on its own and the union of the parts is the whole.
//! Beside the tables, `DIR/_quarry/part-<I>.json` records what was exported from where
//! ([`Manifest`]); engines skip folders whose name starts with `_`.

mod columns;
pub mod read;
pub mod schema;
pub mod source;
mod write;

use crate::analysis::Analysis;
use crate::corpus::Corpus;
use crate::jobs::JobCtx;
use crate::ner::catalog::Catalog;
use schema::Table;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Instant;
use write::{DOCS_PER_BATCH, PartWriter};

/// What went wrong writing or reading tables, naming the file (and column) concerned.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// A file could not be created, read, written or renamed.
    #[error("{path}: {reason}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why, in words.
        reason: String,
    },
    /// Parquet or Arrow refused the data or the file.
    #[error("{path}: {reason}")]
    Format {
        /// The file.
        path: PathBuf,
        /// Why, in words.
        reason: String,
    },
    /// The work was cancelled.
    #[error("cancelled")]
    Cancelled,
}

impl TableError {
    pub(crate) fn io(path: &Path, e: std::io::Error) -> TableError {
        TableError::Io {
            path: path.to_path_buf(),
            reason: crate::corpus::io_reason(&e),
        }
    }

    pub(crate) fn parquet(path: &Path, e: impl std::fmt::Display) -> TableError {
        TableError::Format {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }
    }
}

/// One of N parts of a folder: the files whose relative path hashes to `index` modulo `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// This part, from 0.
    pub index: u32,
    /// Parts in all, at least 1.
    pub count: u32,
}

impl Shard {
    /// The whole folder as one part.
    pub const WHOLE: Shard = Shard { index: 0, count: 1 };

    /// Reads "I/N" with 0 ≤ I < N.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let bad = || format!("{s:?} is not a shard: expected I/N with 0 <= I < N, as 2/4");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u32 = i.trim().parse().map_err(|_| bad())?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index >= count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// Whether the file at relative path `rel` (`/`-separated, as documents' `path`) is in
    /// this part.
    pub fn keeps(&self, rel: &str) -> bool {
        self.count <= 1 || path_hash(rel) % u64::from(self.count) == u64::from(self.index)
    }

    /// The name of this part's file in every table folder.
    pub fn file_name(&self) -> String {
        format!("part-{}.parquet", self.index)
    }
}

/// The shard hash of a relative path: 64-bit FNV-1a of its UTF-8 bytes. It never changes
/// between versions or machines, so every worker splits a folder the same way.
pub fn path_hash(rel: &str) -> u64 {
    rel.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Rows and bytes of one written table part.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Part {
    /// Rows written.
    pub rows: u64,
    /// Size of the Parquet file.
    pub bytes: u64,
}

/// What one export wrote, saved as `DIR/_quarry/part-<I>.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// Always "quarry-tables".
    pub kind: String,
    /// Layout version of the tables.
    pub version: u32,
    /// The Quarry version that wrote them.
    pub made_by: String,
    /// The folder exported, as an absolute path.
    pub source: PathBuf,
    /// Which part of it.
    pub shard: Shard,
    /// Files of this part found in the folder.
    pub files: u64,
    /// Documents exported.
    pub documents: u64,
    /// Word tokens in them.
    pub tokens: u64,
    /// Bytes read from the folder.
    pub source_bytes: u64,
    /// Problems met reading the folder (each is listed by `quarry stats`).
    pub problems: u64,
    /// Each table's part, by table name.
    pub tables: std::collections::BTreeMap<String, Part>,
}

/// The layout version written in [`Manifest::version`].
pub const VERSION: u32 = 1;

/// Writes the four tables of a loaded corpus into `out`, as part `shard.index`, and the
/// manifest beside them; `step` hears each table as it is done (for progress). Every file is
/// written under a temporary name and renamed into place when complete.
pub fn write_tables(
    out: &Path,
    shard: Shard,
    c: &Corpus,
    a: &Analysis,
    cat: &Catalog,
    ctx: &JobCtx,
    step: &mut dyn FnMut(Table, &Part, f64),
) -> Result<Manifest, TableError> {
    let file = shard.file_name();
    let n = c.docs.len();
    let batches = || {
        (0..n)
            .step_by(DOCS_PER_BATCH)
            .map(move |s| s..n.min(s + DOCS_PER_BATCH))
    };
    let mut tables = std::collections::BTreeMap::new();
    for table in Table::ALL {
        let start = Instant::now();
        let mut w = PartWriter::create(out, table, &file)?;
        if table == Table::Entities {
            w.write(write::entities(cat))?;
        } else {
            for range in batches() {
                if ctx.is_cancelled() {
                    return Err(TableError::Cancelled);
                }
                w.write(match table {
                    Table::Documents => write::documents(c, a, cat, range),
                    Table::Terms => write::terms(c, a, range),
                    _ => write::mentions(c, cat, range),
                })?;
            }
        }
        let (rows, bytes) = w.finish()?;
        let part = Part { rows, bytes };
        step(table, &part, start.elapsed().as_secs_f64() * 1000.0);
        tables.insert(table.name().to_string(), part);
    }
    let source = std::path::absolute(&c.root).unwrap_or_else(|_| c.root.clone());
    let manifest = Manifest {
        kind: "quarry-tables".into(),
        version: VERSION,
        made_by: env!("CARGO_PKG_VERSION").into(),
        source,
        shard,
        files: c.files_seen,
        documents: n as u64,
        tokens: a.total_tokens,
        source_bytes: c.bytes_read,
        problems: c.problems.len() as u64,
        tables,
    };
    let dir = out.join("_quarry");
    std::fs::create_dir_all(&dir).map_err(|e| TableError::io(&dir, e))?;
    let path = dir.join(format!("part-{}.json", shard.index));
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| TableError::parquet(&path, e))?;
    crate::export::write_atomic(&path, |w| w.write_all(&json))
        .map_err(|e| TableError::io(&path, e))?;
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_and_refuse_what_is_not_one() {
        assert_eq!(Shard::parse("2/4"), Ok(Shard { index: 2, count: 4 }));
        assert_eq!(Shard::parse("0/1"), Ok(Shard::WHOLE));
        for bad in ["4/4", "1/0", "x/2", "2", "-1/3", "1/2/3", ""] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_path_hash_is_fnv1a_and_splits_every_file_into_exactly_one_shard() {
        // Published FNV-1a 64 values.
        assert_eq!(path_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(path_hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(path_hash("foobar"), 0x8594_4171_f739_67e8);
        let paths: Vec<String> = (0..500)
            .map(|i| format!("dir{}/story-{i}.txt", i % 7))
            .collect();
        let mut sizes = [0usize; 4];
        for p in &paths {
            let owners: Vec<u32> = (0..4)
                .filter(|&i| Shard { index: i, count: 4 }.keeps(p))
                .collect();
            assert_eq!(owners.len(), 1, "{p}");
            sizes[owners[0] as usize] += 1;
        }
        // Roughly even: no shard gets fewer than a sixth of the files.
        assert!(sizes.iter().all(|&s| s > 500 / 6), "{sizes:?}");
        assert!(Shard::WHOLE.keeps("anything"));
    }
}
