//! Loading a folder: walk it, read every file in parallel, collect documents and problems.

use super::decode::{decode_owned_declared, looks_binary};
use super::discover::{Found, discover, unusable};
use super::metadata::truncate_chars;
use super::special::{Opened, not_regular, open_regular};
use super::{Corpus, Document, Format, MAX_ENTITY_TEXT, Problem, ProblemKind, html, json, plain};
use crate::jobs::{JobCtx, Phase};
use chrono::{Datelike, NaiveDateTime, TimeDelta, Utc};
use rayon::prelude::*;
use std::io::{ErrorKind, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::Instant;

/// Files larger than this are reported, not read.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Why a whole load failed.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The path does not exist or cannot be opened at all.
    #[error("cannot open {path}: {reason}")]
    Open {
        /// The path given.
        path: PathBuf,
        /// Why, in plain words.
        reason: String,
    },
    /// The user cancelled.
    #[error("loading was cancelled")]
    Cancelled,
}

/// Extensions that are certainly not articles; skipped without being read.
const NOT_ARTICLE: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "bmp", "webp", "tif", "tiff", "ico", "svg", "pdf", "zip", "gz",
    "tgz", "bz2", "xz", "7z", "rar", "tar", "exe", "dll", "so", "dylib", "bin", "o", "a", "mp3",
    "mp4", "wav", "ogg", "flac", "mov", "avi", "mkv", "doc", "docx", "xls", "xlsx", "ppt", "pptx",
    "odt", "ods", "woff", "woff2", "ttf", "otf", "class", "jar", "pyc", "db", "sqlite", "iso",
];

/// Loads every article under `root` (a folder or a single file).
pub fn load(root: &Path, ctx: &JobCtx) -> Result<Corpus, LoadError> {
    load_paths(&[root.to_path_buf()], ctx)
}

/// Loads the given folders and files as one corpus; paths are shown relative to their common folder.
pub fn load_paths(paths: &[PathBuf], ctx: &JobCtx) -> Result<Corpus, LoadError> {
    let start = Instant::now();
    let (found, problems, base) = walk(paths, ctx)?;
    let outcomes = read_each(&found, ctx)?;
    Ok(assemble(base, found.len(), outcomes, problems, start))
}

/// Loads the files under `paths` whose relative path (`/`-separated) `keep` accepts, as one
/// part of a folder; problems of files left out are left out too.
pub fn load_where(
    paths: &[PathBuf],
    keep: &(dyn Fn(&str) -> bool + Sync),
    ctx: &JobCtx,
) -> Result<Corpus, LoadError> {
    let start = Instant::now();
    let (mut found, mut problems, base) = walk(paths, ctx)?;
    found.retain(|f| keep(&f.rel));
    problems.retain(|p| keep(&p.path));
    let outcomes = read_each(&found, ctx)?;
    Ok(assemble(base, found.len(), outcomes, problems, start))
}

/// Walks the given paths: the files found (sorted by relative path), the walk's problems and
/// the folder paths are relative to.
pub(crate) fn walk(
    paths: &[PathBuf],
    ctx: &JobCtx,
) -> Result<(Vec<Found>, Vec<Problem>, PathBuf), LoadError> {
    ctx.progress.set_phase(Phase::Discovering, 0);
    for p in paths {
        if let Err(e) = std::fs::metadata(p) {
            return Err(LoadError::Open {
                path: p.clone(),
                reason: io_reason(&e),
            });
        }
    }
    // One path that cannot be read fails the load; among several it is listed in Problems.
    if let [p] = paths
        && let Some((_, reason)) = unusable(p)
    {
        return Err(LoadError::Open {
            path: p.clone(),
            reason,
        });
    }
    let out = discover(paths, ctx);
    if ctx.is_cancelled() {
        return Err(LoadError::Cancelled);
    }
    Ok(out)
}

/// Reads the given files in parallel, one outcome per file in the same order.
pub(crate) fn read_each(found: &[Found], ctx: &JobCtx) -> Result<Vec<Outcome>, LoadError> {
    ctx.progress.set_phase(Phase::Reading, found.len() as u64);
    ctx.wake_now();
    let outcomes: Vec<Option<Outcome>> = found
        .par_iter()
        .map(|f| {
            if ctx.is_cancelled() {
                return None;
            }
            let cancelled = || ctx.is_cancelled();
            let out =
                catch_unwind(AssertUnwindSafe(|| read_found(f, &cancelled))).unwrap_or_else(|_| {
                    Outcome::problem(
                        f,
                        ProblemKind::Crash,
                        "reading this file failed unexpectedly; it was skipped".into(),
                    )
                });
            ctx.progress.done.fetch_add(1, Ordering::Relaxed);
            ctx.progress.bytes.fetch_add(out.bytes, Ordering::Relaxed);
            ctx.wake();
            Some(out)
        })
        .collect();
    if ctx.is_cancelled() {
        return Err(LoadError::Cancelled);
    }
    Ok(outcomes.into_iter().flatten().collect())
}

/// Puts the files' outcomes together into a corpus: documents in file order, implausible
/// dates dropped with a note, problems sorted.
pub(crate) fn assemble(
    root: PathBuf,
    files_seen: usize,
    outcomes: Vec<Outcome>,
    mut problems: Vec<Problem>,
    start: Instant,
) -> Corpus {
    let mut docs = Vec::with_capacity(outcomes.len());
    let mut bytes_read = 0;
    for o in outcomes {
        bytes_read += o.bytes;
        docs.extend(o.docs);
        problems.extend(o.problems);
    }
    problems.extend(drop_implausible_dates(&mut docs, Utc::now().naive_utc()));
    problems.sort();
    Corpus {
        root,
        docs,
        problems,
        files_seen: files_seen as u64,
        bytes_read,
        load_ms: start.elapsed().as_secs_f64() * 1000.0,
    }
}

/// Reads one file as Quarry would inside a folder (for `quarry text FILE`).
pub fn load_file(path: &Path) -> Result<(Vec<Document>, Vec<Problem>), LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| LoadError::Open {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    })?;
    if let Some(why) = not_regular(&meta.file_type()) {
        return Err(LoadError::Open {
            path: path.to_path_buf(),
            reason: format!("it is {why}"),
        });
    }
    let rel = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let f = Found {
        abs: path.to_path_buf(),
        rel,
    };
    let mut o = catch_unwind(AssertUnwindSafe(|| read_found(&f, &|| false))).unwrap_or_else(|_| {
        Outcome::problem(&f, ProblemKind::Crash, "reading this file failed".into())
    });
    let notes = drop_implausible_dates(&mut o.docs, Utc::now().naive_utc());
    o.problems.extend(notes);
    Ok((o.docs, o.problems))
}

/// A note for a document whose body is longer than entity analysis reads.
fn too_long_for_entities(d: &Document) -> Option<Problem> {
    let body = d.text.len().saturating_sub(d.body_start);
    (body > MAX_ENTITY_TEXT).then(|| {
        let at = d
            .index
            .map(|i| format!("article {}: ", i + 1))
            .unwrap_or_default();
        Problem {
            path: d.path.clone(),
            kind: ProblemKind::Long,
            message: format!(
                "{at}document too long for entity analysis ({} MB): analysed the first {} MB",
                body.div_ceil(1 << 20),
                MAX_ENTITY_TEXT >> 20
            ),
        }
    })
}

/// The earliest year a publication date may have.
const EARLIEST_YEAR: i32 = 1800;

/// How far a date may lie from the median date of the folder: about 50 years.
const MAX_DAYS_FROM_MEDIAN: i64 = 50 * 365 + 12;

/// Leaves undated every document whose date cannot be its publication date — before 1800,
/// in the future, or about 50 years or more from the median date of the others — and returns
/// a note for each.
fn drop_implausible_dates(docs: &mut [Document], now: NaiveDateTime) -> Vec<Problem> {
    // A day of slack for dates written in a time zone ahead of UTC.
    let latest = now + TimeDelta::days(1);
    let mut dates: Vec<NaiveDateTime> = docs
        .iter()
        .filter_map(|d| d.date)
        .filter(|d| d.year() >= EARLIEST_YEAR && *d <= latest)
        .collect();
    let median = if dates.is_empty() {
        None
    } else {
        let mid = dates.len() / 2;
        Some(*dates.select_nth_unstable(mid).1)
    };
    let mut notes = Vec::new();
    for doc in docs.iter_mut() {
        let Some(date) = doc.date else { continue };
        let why = if date.year() < EARLIEST_YEAR {
            "is before 1800"
        } else if date > latest {
            "is in the future"
        } else if median.is_some_and(|m| (date - m).num_days().abs() > MAX_DAYS_FROM_MEDIAN) {
            "is far from the rest of the folder"
        } else {
            continue;
        };
        doc.date = None;
        let at = doc
            .index
            .map(|i| format!("article {}: ", i + 1))
            .unwrap_or_default();
        notes.push(Problem {
            path: doc.path.clone(),
            kind: ProblemKind::Date,
            message: format!("{at}date {} {why}; left undated", date.format("%Y-%m-%d")),
        });
    }
    notes
}

/// What reading one file produced.
pub(crate) struct Outcome {
    /// Its documents, in order.
    pub docs: Vec<Document>,
    /// Its problems and notes.
    pub problems: Vec<Problem>,
    /// Bytes read.
    pub bytes: u64,
}

impl Outcome {
    fn problem(f: &Found, kind: ProblemKind, message: String) -> Self {
        Outcome {
            docs: Vec::new(),
            problems: vec![Problem {
                path: f.rel.clone(),
                kind,
                message,
            }],
            bytes: 0,
        }
    }
}

/// Plain words for an I/O error.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "it does not exist (or vanished while loading)".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::IsADirectory => "it is a folder".into(),
        _ => e.to_string(),
    }
}

fn extension(f: &Found) -> Option<String> {
    f.abs
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// Reads one file; `cancelled` is asked during long work inside it (a large web page).
fn read_found(f: &Found, cancelled: &dyn Fn() -> bool) -> Outcome {
    let ext = extension(f);
    let format = ext.as_deref().and_then(Format::from_extension);
    if format.is_none() && ext.as_deref().is_some_and(|e| NOT_ARTICLE.contains(&e)) {
        return Outcome::problem(f, ProblemKind::NotArticle, "not an article format".into());
    }
    let bytes = match read_limited(&f.abs) {
        Ok(b) => b,
        Err(ReadError::TooLarge(size)) => {
            return Outcome::problem(
                f,
                ProblemKind::NotArticle,
                format!(
                    "too large to load ({} MB; the limit is {} MB)",
                    size >> 20,
                    MAX_FILE_BYTES >> 20
                ),
            );
        }
        Err(ReadError::Refused(why)) => {
            return Outcome::problem(f, ProblemKind::Unreadable, why);
        }
        Err(ReadError::Io(e)) => {
            return Outcome::problem(f, ProblemKind::Unreadable, io_reason(&e));
        }
    };
    let nbytes = bytes.len() as u64;
    let mut out = read_bytes(f, format, bytes, cancelled);
    // Documents are kept for the whole session: texts go into this thread's block, and no
    // spare capacity is left from building the titles.
    for d in &mut out.docs {
        d.text = super::text::pack(&d.text);
        d.title.shrink_to_fit();
    }
    // A file's list of documents is built with room for four; most files hold one.
    out.docs.shrink_to_fit();
    out.problems
        .extend(out.docs.iter().filter_map(too_long_for_entities));
    out.bytes = nbytes;
    out
}

enum ReadError {
    TooLarge(u64),
    Refused(String),
    Io(std::io::Error),
}

/// Reads a whole regular file with as few system calls as possible (open, fstat, read,
/// close), never more than [`MAX_FILE_BYTES`] and one byte, whatever its size says: a file
/// that grows while it is read stops at the limit.
fn read_limited(path: &Path) -> Result<Vec<u8>, ReadError> {
    let (mut file, meta) = match open_regular(path).map_err(ReadError::Io)? {
        Opened::File(f, m) => (f, m),
        Opened::Refused(why) => return Err(ReadError::Refused(why)),
    };
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(size));
    }
    let cap = MAX_FILE_BYTES as usize + 1;
    // One byte more than the size, so a file that did not grow is read in one call and
    // the next read sees the end at once.
    let mut buf = vec![0u8; size as usize + 1];
    let mut len = 0;
    loop {
        if len == buf.len() {
            if len >= cap {
                return Err(ReadError::TooLarge(len as u64));
            }
            buf.resize((buf.len() * 2).min(cap), 0);
        }
        match file.read(&mut buf[len..]) {
            Ok(0) => break,
            Ok(n) => len += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(ReadError::Io(e)),
        }
    }
    buf.truncate(len);
    Ok(buf)
}

/// The format to read a file's bytes as, or the problem that stops it: an empty file, binary
/// data under a text format's extension, or an unknown extension on what is not clearly text.
fn article_format(f: &Found, format: Option<Format>, bytes: &[u8]) -> Result<Format, Outcome> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Outcome::problem(
            f,
            ProblemKind::Empty,
            "the file is empty".into(),
        ));
    }
    if let Some(kind) = super::sniff::binary_kind(bytes) {
        return Err(match format {
            Some(_) => Outcome::problem(
                f,
                ProblemKind::Binary,
                format!(
                    "named .{} but is {kind}, not an article",
                    extension(f).unwrap_or_default()
                ),
            ),
            None => Outcome::problem(
                f,
                ProblemKind::NotArticle,
                format!("{kind}, not an article"),
            ),
        });
    }
    match format {
        Some(fmt) => {
            if looks_binary(bytes) {
                return Err(Outcome::problem(
                    f,
                    ProblemKind::Binary,
                    format!(
                        "named .{} but holds binary data, not text",
                        extension(f).unwrap_or_default()
                    ),
                ));
            }
            Ok(fmt)
        }
        None => {
            // Unknown extension: load it only when it is clearly text.
            if looks_binary(bytes) || std::str::from_utf8(bytes).is_err() {
                return Err(Outcome::problem(
                    f,
                    ProblemKind::NotArticle,
                    "not an article format".into(),
                ));
            }
            Ok(Format::Txt)
        }
    }
}

fn read_bytes(
    f: &Found,
    format: Option<Format>,
    bytes: Vec<u8>,
    cancelled: &dyn Fn() -> bool,
) -> Outcome {
    let format = match article_format(f, format, &bytes) {
        Ok(fmt) => fmt,
        Err(problem) => return problem,
    };
    let size = bytes.len() as u64;
    let declared = match format {
        Format::Html => super::sniff::declared_charset(&bytes),
        _ => None,
    };
    let decoded = decode_owned_declared(bytes, declared);
    let mut problems = Vec::new();
    if decoded.fallback {
        problems.push(Problem {
            path: f.rel.clone(),
            kind: ProblemKind::Encoding,
            message: "not valid UTF-8; read as Windows-1252 (check accented letters)".into(),
        });
    }
    let base = Document {
        path: f.rel.clone(),
        file: f.abs.clone(),
        format: Some(format),
        file_bytes: size,
        encoding: decoded.encoding,
        ..Default::default()
    };
    let mut docs = Vec::new();
    match format {
        Format::Txt | Format::Md => {
            let (meta, url, body_start) = plain::read_meta(&decoded.text, format == Format::Md);
            docs.push(Document {
                title: meta.title,
                date: meta.date,
                authors: meta.authors,
                source: meta.source,
                dateline: meta.dateline,
                places: meta.places,
                url,
                body_start,
                text: decoded.text.into(),
                ..base
            });
        }
        Format::Html => {
            let a = html::extract_cancellable(&decoded.text, cancelled);
            // A lone menu word left over from the page furniture is not an article.
            if crate::analysis::tokenize::tokens(&a.text).nth(2).is_none() {
                problems.push(Problem {
                    path: f.rel.clone(),
                    kind: ProblemKind::Invalid,
                    message: "the page has no article text".into(),
                });
            } else {
                let lines = super::metadata::from_lines(&a.text);
                docs.push(Document {
                    title: a.title.unwrap_or_default(),
                    date: a.date.as_deref().and_then(super::dates::parse_date),
                    authors: a.authors,
                    source: a.source.or(lines.source),
                    dateline: lines.dateline,
                    places: lines.places,
                    url: a.url,
                    text: a.text.into(),
                    ..base
                });
            }
        }
        Format::Json | Format::Jsonl => {
            read_json(f, format, &decoded.text, &base, &mut docs, &mut problems);
        }
    }
    for d in &mut docs {
        if d.title.trim().is_empty() {
            d.title = fallback_title(d.body(), &f.abs);
        }
        cut_fields(d);
    }
    Outcome {
        docs,
        problems,
        bytes: 0,
    }
}

/// The articles of a JSON file (one article, or an array of them) or of a JSON-lines file, each
/// a document built on `base`; an item that is no article becomes a problem that names it.
fn read_json(
    f: &Found,
    format: Format,
    text: &str,
    base: &Document,
    docs: &mut Vec<Document>,
    problems: &mut Vec<Problem>,
) {
    let (text, lone) = super::surrogates::repair(text);
    if lone > 0 {
        problems.push(Problem {
            path: f.rel.clone(),
            kind: ProblemKind::Encoding,
            message: super::surrogates::note(lone),
        });
    }
    let text = text.as_ref();
    let items: Vec<(String, json::ArticleResult)> = if format == Format::Json {
        match json::parse_json(text) {
            Ok(items) => {
                let many = items.len() > 1;
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let at = if many {
                            format!("item {}", i + 1)
                        } else {
                            String::new()
                        };
                        (at, r)
                    })
                    .collect()
            }
            Err(e) => vec![(String::new(), Err(e))],
        }
    } else {
        json::parse_jsonl(text)
            .into_iter()
            .map(|(line, r)| (format!("line {line}"), r))
            .collect()
    };
    let many = items.len() > 1 || format == Format::Jsonl;
    let mut index = 0u32;
    for (at, r) in items {
        match r {
            Ok(a) => {
                let lines = super::metadata::from_lines(&a.text);
                docs.push(Document {
                    index: many.then_some(index),
                    title: a.title.unwrap_or_default(),
                    // Only the article's own date field: a date in its body text is about
                    // the story, not when it was published.
                    date: a.date,
                    authors: a.authors,
                    source: a.source.or(lines.source),
                    dateline: a.dateline.or(lines.dateline),
                    places: lines.places,
                    url: a.url,
                    text: a.text.into(),
                    ..base.clone()
                });
                index += 1;
            }
            Err(msg) => problems.push(Problem {
                path: f.rel.clone(),
                kind: ProblemKind::Invalid,
                message: if at.is_empty() {
                    msg
                } else {
                    format!("{at}: {msg}")
                },
            }),
        }
    }
}

/// Cuts a document's one-line fields (title, source, dateline, address) to lengths a
/// headline or a details line can have: a field holding a whole text is cut, not shown whole.
fn cut_fields(d: &mut Document) {
    use super::metadata::{MAX_FIELD_CHARS, MAX_TITLE_CHARS, MAX_URL_CHARS, cut_chars};
    cut_chars(&mut d.title, MAX_TITLE_CHARS);
    for s in [&mut d.source, &mut d.dateline].into_iter().flatten() {
        cut_chars(s, MAX_FIELD_CHARS);
    }
    if let Some(u) = &mut d.url {
        cut_chars(u, MAX_URL_CHARS);
    }
}

fn fallback_title(body: &str, path: &Path) -> String {
    match body.lines().map(str::trim).find(|l| !l.is_empty()) {
        Some(l) => truncate_chars(l, 100),
        None => path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, text: &str) -> Outcome {
        let f = Found {
            abs: PathBuf::from(name),
            rel: name.to_string(),
        };
        let format = Format::from_extension(name.rsplit('.').next().unwrap_or(""));
        read_bytes(&f, format, text.as_bytes().to_vec(), &|| false)
    }

    fn dated(path: &str, index: Option<u32>, ymd: &str) -> Document {
        Document {
            path: path.to_string(),
            index,
            date: chrono::NaiveDate::parse_from_str(ymd, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(chrono::NaiveTime::MIN)),
            ..Default::default()
        }
    }

    #[test]
    fn dates_before_1800_in_the_future_or_far_from_the_median_are_left_out() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 1, 10)
            .unwrap()
            .and_time(chrono::NaiveTime::MIN);
        let mut docs = vec![
            dated("a.txt", None, "1987-03-02"),
            dated("b.txt", None, "1987-04-15"),
            dated("c.txt", None, "1986-12-01"),
            dated("d.txt", None, "0000-08-04"),
            dated("e.txt", None, "9726-06-01"),
            dated("f.jsonl", Some(2), "2026-01-11"),
            dated("g.txt", None, "2040-01-01"),
            dated("h.txt", None, "1925-05-01"),
            dated("i.txt", None, "1999-04-01"),
        ];
        let notes = drop_implausible_dates(&mut docs, now);
        let kept: Vec<&str> = docs
            .iter()
            .filter(|d| d.date.is_some())
            .map(|d| d.path.as_str())
            .collect();
        assert_eq!(kept, ["a.txt", "b.txt", "c.txt", "f.jsonl", "i.txt"]);
        let messages: Vec<&str> = notes.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "date 0000-08-04 is before 1800; left undated",
                "date 9726-06-01 is in the future; left undated",
                "date 2040-01-01 is in the future; left undated",
                "date 1925-05-01 is far from the rest of the folder; left undated",
            ]
        );
        assert!(notes.iter().all(|p| p.kind == ProblemKind::Date));
        assert_eq!(notes[0].path, "d.txt");
    }

    #[test]
    fn article_in_a_multi_article_file_is_named_in_the_note() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 1, 10)
            .unwrap()
            .and_time(chrono::NaiveTime::MIN);
        let mut docs = vec![
            dated("w.jsonl", Some(0), "2025-01-01"),
            dated("w.jsonl", Some(1), "1700-01-01"),
        ];
        let notes = drop_implausible_dates(&mut docs, now);
        assert_eq!(notes.len(), 1);
        assert_eq!(
            notes[0].message,
            "article 2: date 1700-01-01 is before 1800; left undated"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_file_swapped_for_a_pipe_after_the_walk_is_refused_not_waited_on() {
        let dir = tempfile::tempdir().expect("temp dir");
        let abs = dir.path().join("x.txt");
        let made = std::process::Command::new("mkfifo").arg(&abs).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        // As the walk left it: found as a file, now a pipe that nothing writes to.
        let f = Found {
            abs,
            rel: "x.txt".into(),
        };
        let out = read_found(&f, &|| false);
        assert!(out.docs.is_empty());
        assert_eq!(out.problems.len(), 1);
        assert_eq!(out.problems[0].kind, ProblemKind::Unreadable);
        assert!(out.problems[0].message.contains("named pipe"));
    }

    #[test]
    fn json_with_null_date_gets_no_date_from_its_body() {
        let text = "{\n \"id\": \"reut-10279\",\n \"date\": null,\n \"title\": \"JAPAN ADOPTS STOP-GAP BUDGET\",\n \"dateline\": \"TOKYO, March 27 -\",\n \"body\": \"The government adopted a stop-gap budget\\nApril 15, 2007\\nfor fiscal 1987 starting April 1.\"\n}\n";
        let out = read("reut-10279.json", text);
        assert_eq!(out.docs.len(), 1);
        assert_eq!(out.docs[0].date, None);
    }
}
