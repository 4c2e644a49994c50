//! Recognition, the slow step: the mentions of every document with their keys, kept apart
//! from grouping so that an edit regroups them without recognising again.

use super::aliases::{normalise, surname_map};
use crate::corpus::{Corpus, MAX_ENTITY_TEXT};
use crate::jobs::JobCtx;
use crate::ner::hash::hash_bytes;
use crate::ner::{EntityType, Recognizer};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::time::Instant;

/// A mention as recognised in a document, before it is placed on its tokens and grouped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Found {
    pub(super) start: u32,
    pub(super) end: u32,
    pub(super) kind: EntityType,
    /// Written without a lowercase letter ("UN", "BRUSSELS").
    pub(super) capitals: bool,
    /// Hash of the form as it reads on one line ([`one_line`]).
    pub(super) form: u64,
    pub(super) key: String,
}

/// The mentions the recogniser finds in every document of a corpus, with their keys: what the
/// user's edits do not change, so that an edit regroups them without recognising again.
#[derive(Debug, Clone, Default)]
pub struct Recognised {
    pub(super) docs: Vec<Vec<Found>>,
    /// For mentions read from exported tables, whose texts are not at hand: each mention's
    /// text and place, document by document; empty for mentions found in texts.
    pub(super) given: Vec<Vec<Given>>,
    /// For mentions read from exported tables: the sentences and paragraphs of each document.
    pub(super) given_units: Vec<(u32, u32)>,
    /// Wall time of recognition, in milliseconds.
    pub ms: f64,
}

/// What a mention read from exported tables brings that its missing text would have given.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Given {
    pub(super) text: Box<str>,
    pub(super) sentence: u32,
    pub(super) paragraph: u32,
    pub(super) token: u32,
}

/// One mention as exported tables hold it.
#[derive(Debug, Clone, PartialEq)]
pub struct TableMention {
    /// Byte range in the document's text.
    pub start: u32,
    /// End of the byte range.
    pub end: u32,
    /// Type.
    pub kind: EntityType,
    /// The mention as written.
    pub text: String,
    /// Index of its sentence in the document.
    pub sentence: u32,
    /// Index of its paragraph in the document.
    pub paragraph: u32,
    /// Index of its first token in the document.
    pub token: u32,
}

impl Recognised {
    /// The mentions of exported tables, document by document, with each document's sentences
    /// and paragraphs: grouped like mentions found in texts, with the same keys.
    pub fn from_tables(docs: Vec<Vec<TableMention>>, units: Vec<(u32, u32)>) -> Recognised {
        let (found, given): (Vec<Vec<Found>>, Vec<Vec<Given>>) = docs
            .into_par_iter()
            .map(|list| {
                let (mut found, given): (Vec<Found>, Vec<Given>) = list
                    .into_iter()
                    .filter_map(|m| {
                        let key = normalise(&m.text);
                        let f = Found {
                            start: m.start,
                            end: m.end,
                            kind: m.kind,
                            capitals: !m.text.chars().any(char::is_lowercase),
                            form: hash_bytes(one_line(&m.text).as_bytes()),
                            key,
                        };
                        let g = Given {
                            text: m.text.into_boxed_str(),
                            sentence: m.sentence,
                            paragraph: m.paragraph,
                            token: m.token,
                        };
                        (!f.key.is_empty()).then_some((f, g))
                    })
                    .unzip();
                join_surnames(&mut found);
                (found, given)
            })
            .unzip();
        Recognised {
            docs: found,
            given,
            given_units: units,
            ms: 0.0,
        }
    }

    /// Mentions found, in all documents.
    pub fn mentions(&self) -> usize {
        self.docs.iter().map(Vec::len).sum()
    }

    /// The mentions of document `d` as the catalog counts them: byte range in its text, and
    /// type (a lone surname is a person when the document names the full name).
    pub fn in_doc(&self, d: usize) -> impl Iterator<Item = (usize, usize, EntityType)> + '_ {
        self.docs
            .get(d)
            .into_iter()
            .flatten()
            .map(|f| (f.start as usize, f.end as usize, f.kind))
    }
}

/// Mentions recognised before, each document's under a hash of its text, sorted by hash.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KnownMentions {
    by_text: Vec<(u64, Vec<Found>)>,
}

/// The hash a document's mentions are known under: of its text and where its body starts.
fn text_key(text: &str, body_start: usize) -> u64 {
    crate::ner::hash::mix(hash_bytes(text.as_bytes()), body_start as u64)
}

impl KnownMentions {
    /// Documents whose mentions are known.
    pub fn len(&self) -> usize {
        self.by_text.len()
    }

    /// True when none are.
    pub fn is_empty(&self) -> bool {
        self.by_text.is_empty()
    }

    fn get(&self, key: u64) -> Option<&Vec<Found>> {
        let i = self.by_text.binary_search_by_key(&key, |e| e.0).ok()?;
        Some(&self.by_text[i].1)
    }

    /// The mentions of a corpus's documents, to know them next time.
    pub fn of(c: &Corpus, r: &Recognised) -> KnownMentions {
        let mut by_text: Vec<(u64, Vec<Found>)> = c
            .docs
            .par_iter()
            .zip(&r.docs)
            .map(|(d, f)| (text_key(&d.text, d.body_start), f.clone()))
            .collect();
        by_text.par_sort_unstable_by_key(|e| e.0);
        by_text.dedup_by_key(|e| e.0);
        KnownMentions { by_text }
    }
}

/// Like [`recognise`], taking the mentions of documents whose text is in `known` from there;
/// also says how many documents were taken.
pub fn recognise_reusing(
    c: &Corpus,
    rec: &Recognizer,
    known: &KnownMentions,
    ctx: &JobCtx,
) -> Option<(Recognised, usize)> {
    let start = Instant::now();
    let reused = std::sync::atomic::AtomicUsize::new(0);
    let docs: Vec<Vec<Found>> = c
        .docs
        .par_iter()
        .map(|doc| {
            if ctx.is_cancelled() {
                return Vec::new();
            }
            if !known.is_empty()
                && let Some(f) = known.get(text_key(&doc.text, doc.body_start))
            {
                reused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                return f.clone();
            }
            found_in(&doc.text, doc.body_start, rec)
        })
        .collect();
    (!ctx.is_cancelled()).then(|| {
        (
            Recognised {
                docs,
                ms: start.elapsed().as_secs_f64() * 1000.0,
                ..Recognised::default()
            },
            reused.into_inner(),
        )
    })
}

/// Recognises the mentions of every document (in parallel); `None` if cancelled.
pub fn recognise(c: &Corpus, rec: &Recognizer, ctx: &JobCtx) -> Option<Recognised> {
    let start = Instant::now();
    let docs: Vec<Vec<Found>> = c
        .docs
        .par_iter()
        .map(|doc| {
            if ctx.is_cancelled() {
                Vec::new()
            } else {
                found_in(&doc.text, doc.body_start, rec)
            }
        })
        .collect();
    (!ctx.is_cancelled()).then(|| Recognised {
        docs,
        ms: start.elapsed().as_secs_f64() * 1000.0,
        ..Recognised::default()
    })
}

/// The mentions of one document's text, each with its key; a lone surname takes the key of
/// the one full name in the document that ends with it.
fn found_in(text: &str, body_start: usize, rec: &Recognizer) -> Vec<Found> {
    // Only the body: a title or header line above it is metadata, not text to count in.
    let (body, body_text) = match text.get(body_start..) {
        Some(t) => (body_start, t),
        None => (0, text),
    };
    let body_text = entity_part(body_text);
    let mut out: Vec<Found> = rec
        .recognize(body_text)
        .into_iter()
        .filter_map(|m| {
            let (start, end) = (m.start + body, m.end + body);
            let surface = text.get(start..end)?;
            let key = normalise(surface);
            (!key.is_empty()).then_some(Found {
                start: start as u32,
                end: end as u32,
                kind: m.kind,
                capitals: !surface.chars().any(char::is_lowercase),
                form: hash_bytes(one_line(surface).as_bytes()),
                key,
            })
        })
        .collect();
    join_surnames(&mut out);
    out
}

/// The part of a body that entity analysis reads: all of it, or for a body longer than
/// [`MAX_ENTITY_TEXT`] its first part, ended at a space so no word is cut.
pub fn entity_part(body: &str) -> &str {
    if body.len() <= MAX_ENTITY_TEXT {
        return body;
    }
    let mut end = MAX_ENTITY_TEXT;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let head = &body[..end];
    let from = (end.saturating_sub(256)..end)
        .find(|&i| head.is_char_boundary(i))
        .unwrap_or(end);
    match head[from..].rfind(char::is_whitespace) {
        Some(i) => &head[..from + i],
        None => head,
    }
}

/// A lone surname takes the key of the one full name in the document that ends with it, and
/// is a person.
fn join_surnames(out: &mut [Found]) {
    let full = surname_map(
        out.iter()
            .filter(|m| m.kind == EntityType::Person)
            .map(|m| m.key.as_str()),
    );
    let joins: Vec<(usize, String)> = out
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.key.contains(' '))
        .filter_map(|(i, m)| Some((i, full.get(m.key.as_str())?.to_string())))
        .collect();
    for (i, key) in joins {
        out[i].key = key;
        out[i].kind = EntityType::Person;
    }
}

/// A form as it reads on one line: a name wrapped across lines ("Organization of Petroleum\n
/// Exporting Countries") has its line break and indent as one space.
pub(super) fn one_line(form: &str) -> Cow<'_, str> {
    if form.contains(|c: char| c.is_whitespace() && c != ' ') || form.contains("  ") {
        Cow::Owned(form.split_whitespace().collect::<Vec<_>>().join(" "))
    } else {
        Cow::Borrowed(form)
    }
}
