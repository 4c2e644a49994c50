//! What the index stores of each file and document, apart from the texts and tokens: plain
//! records kept separate from [`Document`] so that the stored form changes only on purpose.

use crate::corpus::{Document, Format, Problem, ProblemKind, Text};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One file of the folder as it was when indexed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileRec {
    /// Path relative to the opened folder.
    pub rel: String,
    /// Size in bytes, from the file system.
    pub size: u64,
    /// Modification time in nanoseconds since 1970.
    pub mtime: i128,
    /// Bytes read.
    pub bytes: u64,
    /// Documents it gave (they follow the previous file's in the document list).
    pub docs: u32,
    /// Problems and notes from reading it.
    pub problems: Vec<ProblemRec>,
}

/// A stored [`Problem`].
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ProblemRec {
    kind: u8,
    message: String,
}

const KINDS: [ProblemKind; 11] = [
    ProblemKind::NotArticle,
    ProblemKind::Empty,
    ProblemKind::Unreadable,
    ProblemKind::Binary,
    ProblemKind::Invalid,
    ProblemKind::Encoding,
    ProblemKind::Date,
    ProblemKind::Walk,
    ProblemKind::Crash,
    ProblemKind::Index,
    ProblemKind::Long,
];

impl ProblemRec {
    /// The record of a problem.
    pub fn of(p: &Problem) -> ProblemRec {
        ProblemRec {
            kind: KINDS.iter().position(|&k| k == p.kind).unwrap_or(0) as u8,
            message: p.message.clone(),
        }
    }

    /// The problem again, for the file at `path`.
    pub fn to_problem(&self, path: &str) -> Problem {
        Problem {
            path: path.to_string(),
            kind: KINDS
                .get(self.kind as usize)
                .copied()
                .unwrap_or(ProblemKind::Invalid),
            message: self.message.clone(),
        }
    }
}

/// A stored [`Document`] without its text (kept in its own section) and absolute path.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct DocRec {
    path: String,
    index: Option<u32>,
    format: Option<u8>,
    title: String,
    /// The date as read, before implausible dates are dropped for the whole folder.
    date: Option<NaiveDateTime>,
    authors: Vec<String>,
    source: Option<String>,
    dateline: Option<String>,
    places: Vec<String>,
    url: Option<String>,
    /// Bytes of text.
    pub text_len: u64,
    body_start: u64,
    file_bytes: u64,
    encoding: String,
}

const FORMATS: [Format; 5] = [
    Format::Txt,
    Format::Md,
    Format::Html,
    Format::Json,
    Format::Jsonl,
];

/// The `'static` name of an encoding Quarry decodes from.
fn encoding_name(name: &str) -> &'static str {
    match encoding_rs::Encoding::for_label(name.as_bytes()) {
        Some(e) => e.name(),
        None => "UTF-8",
    }
}

/// A [`DocRec`] as it is written: the same fields, borrowed from the document, so that saving
/// copies nothing. It serializes to the same bytes.
#[derive(Serialize)]
struct DocOut<'a> {
    path: &'a str,
    index: Option<u32>,
    format: Option<u8>,
    title: &'a str,
    date: Option<NaiveDateTime>,
    authors: &'a [String],
    source: Option<&'a str>,
    dateline: Option<&'a str>,
    places: &'a [String],
    url: Option<&'a str>,
    text_len: u64,
    body_start: u64,
    file_bytes: u64,
    encoding: &'a str,
}

impl<'a> DocOut<'a> {
    fn of(d: &'a Document, date: Option<NaiveDateTime>) -> DocOut<'a> {
        DocOut {
            path: &d.path,
            index: d.index,
            format: d
                .format
                .and_then(|f| FORMATS.iter().position(|&x| x == f))
                .map(|i| i as u8),
            title: &d.title,
            date,
            authors: &d.authors,
            source: d.source.as_deref(),
            dateline: d.dateline.as_deref(),
            places: &d.places,
            url: d.url.as_deref(),
            text_len: d.text.len() as u64,
            body_start: d.body_start as u64,
            file_bytes: d.file_bytes,
            encoding: d.encoding,
        }
    }
}

/// The documents of a corpus as the records [`Meta::docs`] reads back, with the dates they
/// were read with.
pub struct DocsOut<'a> {
    pub docs: &'a [Document],
    pub dates: &'a [Option<NaiveDateTime>],
}

impl Serialize for DocsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            self.docs
                .iter()
                .zip(self.dates)
                .map(|(d, &date)| DocOut::of(d, date)),
        )
    }
}

/// [`Meta`] as it is written, borrowing the files and documents.
#[derive(Serialize)]
pub struct MetaOut<'a> {
    pub made_by: &'a str,
    pub files: &'a [FileRec],
    pub docs: DocsOut<'a>,
}

impl DocRec {
    /// The document again, with its text, found at `file`.
    pub fn into_document(self, text: Text, file: &Path) -> Document {
        Document {
            path: self.path,
            index: self.index,
            file: file.to_path_buf(),
            format: self.format.and_then(|i| FORMATS.get(i as usize).copied()),
            title: self.title,
            date: self.date,
            authors: self.authors,
            source: self.source,
            dateline: self.dateline,
            places: self.places,
            url: self.url,
            text,
            body_start: self.body_start as usize,
            file_bytes: self.file_bytes,
            encoding: encoding_name(&self.encoding),
        }
    }
}

/// Everything stored about the folder's files and documents, in file order.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Meta {
    /// The version of Quarry that read the files: another version reads them again.
    pub made_by: String,
    /// Files, sorted by relative path.
    pub files: Vec<FileRec>,
    /// Documents, in the order of their files.
    pub docs: Vec<DocRec>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_and_problems_round_trip() {
        let d = Document {
            path: "a/b.html".into(),
            index: Some(3),
            file: "/x/a/b.html".into(),
            format: Some(Format::Html),
            title: "T".into(),
            date: NaiveDateTime::parse_from_str("2020-01-02 03:04:05", "%Y-%m-%d %H:%M:%S").ok(),
            authors: vec!["A B".into()],
            source: Some("Wire".into()),
            dateline: Some("LONDON".into()),
            places: vec!["London".into()],
            url: Some("https://e.org".into()),
            text: "Body text".into(),
            body_start: 2,
            file_bytes: 99,
            encoding: "windows-1252",
        };
        let dates = [d.date];
        let out = MetaOut {
            made_by: "v",
            files: &[],
            docs: DocsOut {
                docs: std::slice::from_ref(&d),
                dates: &dates,
            },
        };
        let bytes = postcard::to_stdvec(&out).unwrap();
        let meta: Meta = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(meta.docs.len(), 1);
        let r = meta.docs[0].clone();
        let bytes = postcard::to_stdvec(&r).unwrap();
        let back: DocRec = postcard::from_bytes(&bytes).unwrap();
        let again = back.into_document("Body text".into(), Path::new("/x/a/b.html"));
        assert_eq!(format!("{again:?}"), format!("{d:?}"));
        for k in KINDS {
            let p = Problem {
                path: "f".into(),
                kind: k,
                message: "m".into(),
            };
            assert_eq!(ProblemRec::of(&p).to_problem("f"), p);
        }
    }
}
