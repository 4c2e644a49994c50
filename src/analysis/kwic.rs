//! Concordance (key word in context): queries, hits and context lines cut from the raw text.
//!
//! A query is one or more space-separated parts matched against consecutive tokens. A part is
//! a word (`sanctions`, any case), a wildcard (`sanction*`, `?ran`), or a regular expression
//! between slashes (`/sanctions?/`), matched against whole lowercase words; spaces inside the
//! slashes separate words, so `/talks? in/` is a phrase of two. Hits come back in
//! corpus order; they can be sorted by the words to their left or right.

use super::docset::DocSet;
use super::tokenize::{fold_case, tokens};
use super::{Analysis, DocId, TermId};
use crate::corpus::Corpus;
use rayon::prelude::*;
use regex::Regex;
use std::cmp::Ordering;

/// A parsed query: for each part, the words it matches.
#[derive(Debug, Clone)]
pub struct Query {
    /// The text the user typed.
    pub text: String,
    parts: Vec<Part>,
}

/// The words one part of a query matches, as a bitmap over the vocabulary.
#[derive(Debug, Clone)]
struct Part {
    bits: Vec<u64>,
    terms: Vec<TermId>,
}

impl Part {
    fn from_terms(n: usize, terms: Vec<TermId>) -> Self {
        let mut bits = vec![0u64; n.div_ceil(64)];
        for &t in &terms {
            bits[t as usize / 64] |= 1 << (t % 64);
        }
        Self { bits, terms }
    }

    #[inline]
    fn matches(&self, t: TermId) -> bool {
        self.bits[t as usize / 64] & (1 << (t % 64)) != 0
    }
}

/// Why a query cannot run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum QueryError {
    /// Nothing to search for.
    #[error("type a word, a phrase, a wildcard such as sanction* or a /regex/")]
    Empty,
    /// A regular expression that does not compile.
    #[error("bad regular expression: {0}")]
    Regex(String),
}

/// Turns a wildcard (`*` any run, `?` one character, anything else literal) into an anchored
/// regular expression.
pub fn glob_to_regex(glob: &str) -> String {
    let mut r = String::from("^");
    for c in glob.chars() {
        match c {
            '*' => r.push_str(".*"),
            '?' => r.push('.'),
            c => r.push_str(&regex::escape(&c.to_string())),
        }
    }
    r.push('$');
    r
}

impl Query {
    /// Parses a query against a corpus vocabulary. A part that matches no word is kept (the
    /// query then has no hits) so that the user sees "0 hits" rather than an error.
    pub fn parse(text: &str, a: &Analysis) -> Result<Query, QueryError> {
        let n = a.vocab.len();
        let mut parts = Vec::new();
        let mut buf = String::new();
        for piece in pieces(text) {
            let raw = match piece {
                Piece::Regex(r) => r,
                Piece::Word(w) => w,
            };
            let pattern = if let Piece::Regex(r) = piece {
                Some(format!("^(?:{r})$"))
            } else if raw.contains(['*', '?']) {
                fold_case(raw, &mut buf);
                Some(glob_to_regex(&buf))
            } else {
                None
            };
            match pattern {
                Some(p) => {
                    let re = regex::RegexBuilder::new(&p)
                        .case_insensitive(true)
                        .build()
                        .map_err(|e| QueryError::Regex(e.to_string()))?;
                    parts.push(Part::from_terms(n, matching_terms(a, &re)));
                }
                None => {
                    // A plain word goes through the tokeniser, so "Russia's" finds "russia".
                    for t in tokens(raw) {
                        fold_case(t.text(raw), &mut buf);
                        let terms = a.term(&buf).into_iter().collect();
                        parts.push(Part::from_terms(n, terms));
                    }
                }
            }
        }
        if parts.is_empty() {
            return Err(QueryError::Empty);
        }
        Ok(Query {
            text: text.trim().to_string(),
            parts,
        })
    }

    /// A query for one known word.
    pub fn term(a: &Analysis, t: TermId) -> Query {
        Query {
            text: a.vocab[t as usize].clone(),
            parts: vec![Part::from_terms(a.vocab.len(), vec![t])],
        }
    }

    /// Number of tokens a hit spans.
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    /// Whether the query has no parts (never true for a parsed query).
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Whether the tokens starting at `pos` match, within one document ending at `end`.
    fn matches_at(&self, stream: &[TermId], pos: usize, end: usize) -> bool {
        pos + self.parts.len() <= end
            && self
                .parts
                .iter()
                .enumerate()
                .all(|(i, p)| p.matches(stream[pos + i]))
    }
}

/// One word of a query as typed: a regular expression (from between slashes) or anything
/// else (a word or a wildcard).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece<'a> {
    Regex(&'a str),
    Word(&'a str),
}

/// Splits a query into its words. A regular expression runs from a slash to the next slash
/// that ends a word, spaces included, and each space-separated part of it matches one word:
/// `/talks? in/` is a phrase of two.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        if let Some(body) = rest.strip_prefix('/')
            && let Some(end) = closing_slash(body)
        {
            out.extend(body[..end].split_whitespace().map(Piece::Regex));
            rest = body[end + 1..].trim_start();
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        out.push(Piece::Word(&rest[..end]));
        rest = rest[end..].trim_start();
    }
    out
}

/// Where a regular expression that started with a slash ends: the first slash after some
/// text that is followed by a space or the end of the query.
fn closing_slash(body: &str) -> Option<usize> {
    body.match_indices('/')
        .map(|(i, _)| i)
        .find(|&i| i > 0 && body[i + 1..].chars().next().is_none_or(char::is_whitespace))
}

/// The vocabulary words a regular expression matches in full.
fn matching_terms(a: &Analysis, re: &Regex) -> Vec<TermId> {
    a.vocab
        .par_iter()
        .enumerate()
        .filter(|(_, w)| re.is_match(w))
        .map(|(i, _)| i as TermId)
        .collect()
}

/// One hit: where in the token stream it starts, and in which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The document.
    pub doc: DocId,
    /// Position of the first token in [`Analysis::stream`].
    pub pos: u32,
    /// Tokens the hit spans.
    pub len: u32,
}

/// Every hit of a query, in corpus order, optionally only in some documents.
pub fn search(a: &Analysis, q: &Query, within: Option<&DocSet>) -> Vec<Hit> {
    let len = q.parts.len() as u32;
    search_docs(a, q, within)
        .par_iter()
        .flat_map_iter(|&d| hits_in(a, q, d, len))
        .collect()
}

/// Every hit of a query in corpus order, found one document at a time as the caller takes
/// them: the hits of a whole corpus are never held at once.
pub fn hits<'a>(
    a: &'a Analysis,
    q: &'a Query,
    within: Option<&DocSet>,
) -> impl Iterator<Item = Hit> + 'a {
    let len = q.parts.len() as u32;
    search_docs(a, q, within)
        .into_iter()
        .flat_map(move |d| hits_in(a, q, d, len))
}

/// The number of hits of a query and of documents holding one, counted without keeping
/// the hits.
pub fn count(a: &Analysis, q: &Query, within: Option<&DocSet>) -> (usize, usize) {
    let len = q.parts.len() as u32;
    search_docs(a, q, within)
        .par_iter()
        .map(|&d| hits_in(a, q, d, len).count())
        .filter(|&n| n > 0)
        .fold(|| (0, 0), |(h, d), n| (h + n, d + 1))
        .reduce(|| (0, 0), |x, y| (x.0 + y.0, x.1 + y.1))
}

/// The hits of a query in one document, in text order.
fn hits_in<'a>(
    a: &'a Analysis,
    q: &'a Query,
    d: DocId,
    len: u32,
) -> impl Iterator<Item = Hit> + 'a {
    let r = a.doc_range(d);
    let end = r.end;
    r.filter(move |&p| q.matches_at(&a.stream, p, end))
        .map(move |p| Hit {
            doc: d,
            pos: p as u32,
            len,
        })
}

/// The documents a hit of a query may be in (those holding a word of its rarest part),
/// sorted.
fn search_docs(a: &Analysis, q: &Query, within: Option<&DocSet>) -> Vec<DocId> {
    if q.parts.is_empty() {
        return Vec::new();
    }
    // Candidate documents: those holding a word of the rarest part.
    let rarest = q
        .parts
        .iter()
        .min_by_key(|p| {
            p.terms
                .iter()
                .map(|&t| a.doc_freq(t) as usize)
                .sum::<usize>()
        })
        .map(|p| p.terms.as_slice())
        .unwrap_or(&[]);
    let mut docs: Vec<DocId> = match rarest {
        [t] => a.docs_of(*t).collect(),
        ts => {
            let mut d: Vec<DocId> = ts.iter().flat_map(|&t| a.docs_of(t)).collect();
            d.par_sort_unstable();
            d.dedup();
            d
        }
    };
    if let Some(w) = within {
        docs.retain(|&d| w.contains(d));
    }
    docs
}

/// The documents that hold a word of every part of a query (so every document a hit can be
/// in), sorted, optionally only among some documents. Needs only the postings.
pub fn candidates(a: &Analysis, q: &Query, within: Option<&DocSet>) -> Vec<DocId> {
    let mut out: Option<Vec<DocId>> = None;
    for p in &q.parts {
        let mut d: Vec<DocId> = p.terms.iter().flat_map(|&t| a.docs_of(t)).collect();
        d.sort_unstable();
        d.dedup();
        out = Some(match out {
            None => d,
            Some(prev) => prev
                .into_iter()
                .filter(|x| d.binary_search(x).is_ok())
                .collect(),
        });
    }
    let mut out = out.unwrap_or_default();
    if let Some(w) = within {
        out.retain(|&d| w.contains(d));
    }
    out
}

/// Byte ranges (in the document's text) of every hit of a query in one document.
pub fn doc_spans(a: &Analysis, q: &Query, doc: DocId) -> Vec<(usize, usize)> {
    if doc as usize >= a.doc_tokens.len() {
        return Vec::new();
    }
    let r = a.doc_range(doc);
    let end = r.end;
    r.filter(|&p| q.matches_at(&a.stream, p, end))
        .map(|p| {
            hit_span(
                a,
                &Hit {
                    doc,
                    pos: p as u32,
                    len: q.len() as u32,
                },
            )
        })
        .collect()
}

/// A concordance line: the hit and its context, cut from the document's raw text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Line {
    /// The document.
    pub doc: DocId,
    /// Byte range of the hit in the document's text.
    pub start: usize,
    /// End of the hit (exclusive).
    pub end: usize,
    /// Up to `width` characters before the hit, whitespace flattened.
    pub left: String,
    /// The hit as written.
    pub hit: String,
    /// Up to `width` characters after the hit, whitespace flattened.
    pub right: String,
}

/// Byte range of a hit in its document's text.
pub fn hit_span(a: &Analysis, h: &Hit) -> (usize, usize) {
    let first = h.pos as usize;
    let last = first + h.len.max(1) as usize - 1;
    (a.span(first).start, a.span(last).end)
}

fn flatten(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

/// The context line of a hit with `width` characters on each side.
pub fn line(a: &Analysis, corpus: &Corpus, h: &Hit, width: usize) -> Line {
    let (start, end) = hit_span(a, h);
    line_at(corpus, h.doc, start, end, width)
}

/// The context line of any byte range of a document (an entity mention, a co-occurrence).
pub fn line_at(corpus: &Corpus, doc: DocId, start: usize, end: usize, width: usize) -> Line {
    let text = corpus
        .docs
        .get(doc as usize)
        .map(|d| &*d.text)
        .unwrap_or("");
    let mut start = start.min(text.len());
    let mut end = end.min(text.len()).max(start);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let before = &text[..start];
    let after = &text[end..];
    let left_from = before
        .char_indices()
        .rev()
        .nth(width.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(0);
    let right_to = after
        .char_indices()
        .nth(width)
        .map(|(i, _)| i)
        .unwrap_or(after.len());
    Line {
        doc,
        start,
        end,
        left: flatten(&before[left_from..]),
        hit: flatten(&text[start..end]),
        right: flatten(&after[..right_to]),
    }
}

/// How to order concordance lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum SortKey {
    /// Corpus order: document, then position.
    #[default]
    Position,
    /// By the n-th word to the left (1 = just before the hit), then the next ones out.
    Left(u8),
    /// By the hit itself.
    Hit,
    /// By the n-th word to the right (1 = just after the hit), then the next ones out.
    Right(u8),
}

/// The word `k` tokens before (`k < 0`) or after the hit, or `None` outside the document.
fn context_term(a: &Analysis, h: &Hit, k: i64) -> Option<TermId> {
    let r = a.doc_range(h.doc);
    let p = if k < 0 {
        h.pos as i64 + k
    } else {
        h.pos as i64 + h.len as i64 - 1 + k
    };
    (p >= r.start as i64 && p < r.end as i64).then(|| a.stream[p as usize])
}

/// Sorts hits; word ids are alphabetical, so comparing them compares the words.
pub fn sort(a: &Analysis, hits: &mut [Hit], key: SortKey) {
    let cmp_at = |x: &Hit, y: &Hit, ks: &[i64]| -> Ordering {
        for &k in ks {
            let o = context_term(a, x, k).cmp(&context_term(a, y, k));
            if o != Ordering::Equal {
                return o;
            }
        }
        (x.doc, x.pos).cmp(&(y.doc, y.pos))
    };
    match key {
        SortKey::Position => hits.par_sort_unstable_by_key(|h| (h.doc, h.pos)),
        SortKey::Left(n) => {
            let n = n.max(1) as i64;
            let ks: Vec<i64> = (n..=n + 2).map(|k| -k).collect();
            hits.par_sort_by(|x, y| cmp_at(x, y, &ks));
        }
        SortKey::Right(n) => {
            let n = n.max(1) as i64;
            let ks: Vec<i64> = (n..=n + 2).collect();
            hits.par_sort_by(|x, y| cmp_at(x, y, &ks));
        }
        SortKey::Hit => hits.par_sort_by(|x, y| {
            let hx = &a.stream[x.pos as usize..(x.pos + x.len) as usize];
            let hy = &a.stream[y.pos as usize..(y.pos + y.len) as usize];
            hx.cmp(hy).then(cmp_at(x, y, &[1, 2, 3]))
        }),
    }
}

/// Number of distinct documents among hits in corpus order.
pub fn documents(hits: &[Hit]) -> usize {
    let mut n = 0;
    let mut last = None;
    for h in hits {
        if last != Some(h.doc) {
            n += 1;
            last = Some(h.doc);
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(texts: &[&str]) -> (Corpus, Analysis) {
        crate::analysis::test_analysis(texts)
    }

    #[test]
    fn wildcards_become_anchored_regexes_with_the_rest_literal() {
        assert_eq!(glob_to_regex("g7/*.t?t"), r"^g7/.*\.t.t$");
        let re = Regex::new(&glob_to_regex("g7/*")).expect("compiles");
        assert!(re.is_match("g7/summit.txt"));
        assert!(!re.is_match("news/g7/summit.txt"));
        let re = Regex::new(&glob_to_regex("a+b(1).txt")).expect("compiles");
        assert!(re.is_match("a+b(1).txt"));
        assert!(!re.is_match("aab(1).txt"));
    }

    #[test]
    fn a_regex_keeps_its_spaces_and_matches_one_word_per_part() {
        use Piece::{Regex as R, Word as W};
        assert_eq!(pieces(" /talks in/ "), [R("talks"), R("in")]);
        assert_eq!(pieces("/a/b/ c*"), [R("a/b"), W("c*")]);
        assert_eq!(pieces("/open and/or"), [W("/open"), W("and/or")]);
        assert_eq!(pieces("//"), [W("//")]);
        let (_, a) = setup(&["Peace talks in Geneva. The talks on trade."]);
        let q = Query::parse("/talks (in|on)/", &a).unwrap();
        assert_eq!(search(&a, &q, None).len(), 2);
    }

    #[test]
    fn word_phrase_wildcard_and_regex() {
        let (c, a) = setup(&[
            "New sanctions on Tarsovia. The sanction was lifted.",
            "Sanctioned banks and the United Nations",
        ]);
        let q = Query::parse("Sanctions", &a).unwrap();
        let hits = search(&a, &q, None);
        assert_eq!(hits.len(), 1);
        let l = line(&a, &c, &hits[0], 4);
        assert_eq!((l.start, l.end), (4, 13));
        assert_eq!(l.left, "New ");
        assert_eq!(l.hit, "sanctions");
        assert_eq!(l.right, " on ");

        let hits = search(&a, &Query::parse("sanction*", &a).unwrap(), None);
        assert_eq!(hits.len(), 3);
        assert_eq!(documents(&hits), 2);
        assert_eq!(
            search(&a, &Query::parse("/sanction(s|ed)/", &a).unwrap(), None).len(),
            2
        );
        let hits = search(&a, &Query::parse("united nations", &a).unwrap(), None);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].len, 2);
        let l = line(&a, &c, &hits[0], 100);
        assert_eq!(l.hit, "United Nations");
        assert_eq!(l.right, "");
        assert_eq!(l.left, "Sanctioned banks and the ");
        // Restricted to the second document.
        let only = DocSet::from_ids(2, [1]);
        let hits = search(&a, &Query::parse("sanction*", &a).unwrap(), Some(&only));
        assert_eq!(hits.len(), 1);
        assert!(search(&a, &Query::parse("absent", &a).unwrap(), None).is_empty());
        let q = Query::parse("sanction*", &a).unwrap();
        assert_eq!(doc_spans(&a, &q, 0), [(4, 13), (31, 39)]);
        assert_eq!(doc_spans(&a, &q, 9), []);
        assert_eq!(Query::parse("  ", &a).unwrap_err(), QueryError::Empty);
        assert!(matches!(Query::parse("/(/", &a), Err(QueryError::Regex(_))));
    }

    #[test]
    fn possessive_query_and_multibyte_context() {
        let (c, a) = setup(&["Zürich’s mayor met Kraków’s mayor in Łódź."]);
        let hits = search(&a, &Query::parse("mayor", &a).unwrap(), None);
        assert_eq!(hits.len(), 2);
        let l = line(&a, &c, &hits[1], 9);
        assert_eq!(l.left, "Kraków’s ");
        assert_eq!(l.right, " in Łódź.");
        assert_eq!(&c.docs[0].text[l.start..l.end], "mayor");
        let hits = search(&a, &Query::parse("Kraków's", &a).unwrap(), None);
        assert_eq!(hits.len(), 1);
    }

    #[test]
    fn sorting_by_context() {
        let (_, a) = setup(&["b said x. a said y. c said w"]);
        let mut hits = search(&a, &Query::parse("said", &a).unwrap(), None);
        let order = |hits: &[Hit]| -> Vec<String> {
            hits.iter()
                .map(|h| a.vocab[a.stream[h.pos as usize + 1] as usize].clone())
                .collect()
        };
        sort(&a, &mut hits, SortKey::Right(1));
        assert_eq!(order(&hits), ["w", "x", "y"]);
        sort(&a, &mut hits, SortKey::Left(1));
        assert_eq!(order(&hits), ["y", "x", "w"]);
        sort(&a, &mut hits, SortKey::Position);
        assert_eq!(order(&hits), ["x", "y", "w"]);
    }

    #[test]
    fn streamed_hits_and_counts_match_the_search() {
        let (_, a) = setup(&[
            "Talks in Geneva. The talks resumed.",
            "No match here.",
            "talks talks talks in Oslo",
        ]);
        for query in ["talks", "talks in", "*", "t*", "/talks? in/"] {
            let q = Query::parse(query, &a).expect("parses");
            let all = search(&a, &q, None);
            assert_eq!(hits(&a, &q, None).collect::<Vec<_>>(), all, "{query}");
            assert_eq!(count(&a, &q, None), (all.len(), documents(&all)), "{query}");
        }
    }
}
