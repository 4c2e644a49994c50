//! The corpus: the documents of one folder, with their raw text, metadata and load problems.
//!
//! [`load`] walks a folder, reads every file in parallel, turns each into zero or more
//! [`Document`]s and reports every file it could not use as a [`Problem`]; one bad file
//! never stops the load and nothing is ever written into the folder.

pub mod dates;
pub mod decode;
pub(crate) mod discover;
pub mod html;
pub mod json;
pub(crate) mod load;
pub mod metadata;
pub mod plain;
pub mod sniff;
pub(crate) mod special;
pub mod surrogates;
pub mod text;

pub(crate) use load::io_reason;
pub use load::{LoadError, load, load_file, load_paths, load_where};
pub use text::Text;

use chrono::NaiveDateTime;
use serde::Serialize;
use std::path::PathBuf;

/// The file formats Quarry reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text.
    Txt,
    /// Markdown (front matter read as metadata).
    Md,
    /// A web page.
    Html,
    /// A JSON object or array of articles.
    Json,
    /// One JSON article per line.
    Jsonl,
}

impl Format {
    /// Short lowercase name, as in file extensions.
    pub fn name(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
        }
    }

    /// The format an extension names, if any (case-insensitive).
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Txt),
            "md" | "markdown" | "mdown" => Some(Format::Md),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }
}

/// One article: raw text plus what we know about it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Document {
    /// Path relative to the opened folder, with `/` separators.
    pub path: String,
    /// Position within a multi-article file (JSON array, JSON lines), from 0.
    pub index: Option<u32>,
    /// Absolute path of the file.
    #[serde(skip)]
    pub file: PathBuf,
    /// Format the text was read from.
    pub format: Option<Format>,
    /// Headline.
    pub title: String,
    /// Publication date and time, when known.
    pub date: Option<NaiveDateTime>,
    /// Authors from a byline or metadata.
    pub authors: Vec<String>,
    /// Publisher or wire service.
    pub source: Option<String>,
    /// Dateline as written ("LONDON/GENEVA").
    pub dateline: Option<String>,
    /// Places named in the dateline.
    pub places: Vec<String>,
    /// Web address.
    pub url: Option<String>,
    /// The text: for .txt and .md the file's characters byte for byte (a BOM removed).
    pub text: Text,
    /// Byte offset in `text` where the article body starts (after front matter).
    pub body_start: usize,
    /// Size of the file on disk in bytes.
    pub file_bytes: u64,
    /// Character encoding the file was decoded from.
    pub encoding: &'static str,
}

impl Document {
    /// The article body: `text` from `body_start` on.
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or(&self.text)
    }

    /// Bytes of the file before the first byte of `text`: 3 when a UTF-8 byte-order mark was
    /// dropped from a .txt or .md file, else 0. Offsets into the text plus this are offsets
    /// into the file, as `quarry entities` gives them.
    pub fn offset_in_file(&self) -> usize {
        let bom = matches!(self.format, Some(Format::Txt | Format::Md))
            && self.encoding == "UTF-8"
            && self.file_bytes == self.text.len() as u64 + 3;
        if bom { 3 } else { 0 }
    }

    /// A label that names the document uniquely: its path, plus `#N` inside multi-article files.
    pub fn label(&self) -> String {
        match self.index {
            Some(i) => format!("{}#{}", self.path, i + 1),
            None => self.path.clone(),
        }
    }

    /// Authors and source joined for display; a list of authors longer than a line or two
    /// is cut, saying how many more there are.
    pub fn byline(&self) -> String {
        let mut s = self.authors_line();
        if let Some(src) = &self.source {
            if !s.is_empty() {
                s.push_str(" — ");
            }
            s.push_str(src);
        }
        s
    }

    /// The authors joined for display, cut after a line or two with how many more there are.
    pub fn authors_line(&self) -> String {
        let mut s = String::new();
        for (i, a) in self.authors.iter().enumerate() {
            if s.len() >= metadata::MAX_FIELD_CHARS {
                s.push_str(&format!(" … and {} more", self.authors.len() - i));
                break;
            }
            if i > 0 {
                s.push_str(", ");
            }
            s.push_str(a);
        }
        s
    }
}

/// Most bytes of a document's body that entity analysis reads: the recogniser's memory grows
/// with the text it tags at once, and 4 MB is longer than any article (about 700,000 words).
/// A longer document is noted in the Problems ([`ProblemKind::Long`]).
pub const MAX_ENTITY_TEXT: usize = 4 << 20;

/// Why a file was skipped or noted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// Not a format Quarry reads (image, archive, binary).
    NotArticle,
    /// The file has no content.
    Empty,
    /// The file could not be read (permissions, vanished, I/O error).
    Unreadable,
    /// The file is text-like by name but holds binary data.
    Binary,
    /// The content could not be parsed (invalid JSON, no article text).
    Invalid,
    /// Loaded, but not as UTF-8: decoded with a fallback encoding.
    Encoding,
    /// Loaded, but left undated: its date is before 1800, in the future or far from the
    /// rest of the folder.
    Date,
    /// The folder walk hit something it could not follow (symlink loop, permission).
    Walk,
    /// Reading the file crashed the reader; it was skipped.
    Crash,
    /// The folder's saved index could not be used and was rebuilt.
    Index,
    /// Loaded, but longer than entity analysis reads: only its first part is searched for
    /// names.
    Long,
}

impl ProblemKind {
    /// True when the file (or part of it) was still loaded.
    pub fn loaded(self) -> bool {
        matches!(
            self,
            ProblemKind::Encoding | ProblemKind::Date | ProblemKind::Index | ProblemKind::Long
        )
    }

    /// Plain-words label.
    pub fn label(self) -> &'static str {
        match self {
            ProblemKind::NotArticle => "not an article format",
            ProblemKind::Empty => "empty",
            ProblemKind::Unreadable => "cannot be read",
            ProblemKind::Binary => "binary data",
            ProblemKind::Invalid => "cannot be parsed",
            ProblemKind::Encoding => "encoding",
            ProblemKind::Date => "date left out",
            ProblemKind::Walk => "folder walk",
            ProblemKind::Crash => "reader crashed",
            ProblemKind::Index => "index rebuilt",
            ProblemKind::Long => "partly analysed",
        }
    }
}

/// A file that was skipped, or loaded with a note.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Problem {
    /// Path relative to the opened folder.
    pub path: String,
    /// What kind of problem.
    pub kind: ProblemKind,
    /// What was wrong, in plain words.
    pub message: String,
}

/// All documents of one folder, sorted by path, with the load report.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The folder (or file) that was opened.
    pub root: PathBuf,
    /// Documents, sorted by path then index.
    pub docs: Vec<Document>,
    /// Files skipped or noted, sorted by path.
    pub problems: Vec<Problem>,
    /// Files found by the walk.
    pub files_seen: u64,
    /// Bytes read from disk.
    pub bytes_read: u64,
    /// Wall time of the load in milliseconds.
    pub load_ms: f64,
}

impl Corpus {
    /// Earliest and latest document date.
    pub fn date_range(&self) -> Option<(NaiveDateTime, NaiveDateTime)> {
        let mut it = self.docs.iter().filter_map(|d| d.date);
        let first = it.next()?;
        Some(it.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d))))
    }

    /// Number of documents per format, sorted by format.
    pub fn format_counts(&self) -> Vec<(Format, usize)> {
        let mut counts: std::collections::BTreeMap<Format, usize> = Default::default();
        for d in &self.docs {
            if let Some(f) = d.format {
                *counts.entry(f).or_default() += 1;
            }
        }
        counts.into_iter().collect()
    }

    /// Files that were not loaded at all (a multi-article file with one bad item still counts as loaded).
    pub fn skipped(&self) -> usize {
        let loaded: std::collections::HashSet<&str> =
            self.docs.iter().map(|d| d.path.as_str()).collect();
        let skipped: std::collections::HashSet<&str> = self
            .problems
            .iter()
            .filter(|p| !p.kind.loaded() && !loaded.contains(p.path.as_str()))
            .map(|p| p.path.as_str())
            .collect();
        skipped.len()
    }
}
