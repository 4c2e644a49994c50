//! Analysis of a loaded corpus. [`tokenize`] cuts raw text into word tokens with the sentence
//! and paragraph breaks between them; [`analyze`] runs once per corpus in a background job
//! (rayon inside) and builds the [`Analysis`] (vocabulary, counts, document frequencies,
//! postings and the token stream) that panels and the command line only read. On it rest word
//! counts over any set of documents ([`counts`], [`docset`]), with [`stopwords`] and
//! [`stems`]; [`ngrams`]; [`collocates`]; [`keyness`]; the concordance ([`kwic`]); frequency
//! over time ([`trends`]); and the entity co-occurrence graph ([`cooccur`], built from the
//! mentions of the [`crate::ner::catalog`]) with its force-directed [`layout`]. [`measures`]
//! holds the association and dispersion statistics they share.

pub mod collocates;
pub mod cooccur;
pub mod counts;
pub mod docset;
pub mod documents;
pub mod keyness;
pub mod kwic;
pub mod layout;
pub mod measures;
pub mod ngrams;
pub mod postings;
mod sentences;
pub mod spans;
pub mod stems;
pub mod stopwords;
pub mod tokenize;
pub mod trends;

use crate::corpus::Corpus;
use crate::jobs::{JobCtx, Phase};
use compact_str::CompactString;
use postings::Postings;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use spans::{Spans, SpansBuilder};
use std::sync::atomic::Ordering;
use std::time::Instant;
use stopwords::StopWords;
use tokenize::{Break, fold_case, tokens};

/// Index of a word in [`Analysis::vocab`].
pub type TermId = u32;
/// Index of a document in [`Corpus::docs`].
pub type DocId = u32;

/// Word statistics of a corpus, and every token in order (the index behind concordances,
/// collocates, n-grams and counts over any set of documents).
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Distinct lowercase words, sorted; a [`TermId`] indexes it, so comparing ids compares words.
    pub vocab: Vec<String>,
    /// Occurrences of each word in the corpus.
    pub freq: Vec<u64>,
    /// The documents of every word, with its count in each.
    posts: Postings,
    /// Tokens in each document.
    pub doc_tokens: Vec<u32>,
    /// Where each document's tokens start in `stream` (one more entry than documents).
    pub doc_start: Vec<u32>,
    /// Every token of the corpus as a word id, document after document.
    pub stream: Vec<TermId>,
    /// Where each token of `stream` lies in its document's text, and the break before it.
    pub spans: Spans,
    /// Tokens in the corpus.
    pub total_tokens: u64,
    /// Whether each word is on the English stop list.
    pub is_stop: Vec<bool>,
    /// Gries's DP of each word over documents: 0 spread evenly, near 1 in few documents.
    pub dp: Vec<f32>,
    /// Word ids sorted by frequency (descending), then alphabetically.
    pub by_freq: Vec<TermId>,
    /// Wall time of the analysis in milliseconds.
    pub analyze_ms: f64,
}

/// One row of a word-frequency list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordCount {
    /// The word, lowercase.
    pub word: String,
    /// Occurrences.
    pub count: u64,
    /// Documents it occurs in.
    pub documents: u32,
}

/// The tokens of one worker's contiguous run of documents, with word ids local to it.
#[derive(Default)]
struct Partial {
    // Short words are stored inline in the key, so a lookup touches no other memory.
    ids: FxHashMap<CompactString, u32>,
    words: Vec<CompactString>,
    doc_tokens: Vec<u32>,
    stream: Vec<u32>,
    spans: SpansBuilder,
    buf: String,
}

impl Partial {
    fn id_of(&mut self, word: &str) -> u32 {
        match self.ids.get(word) {
            Some(&id) => id,
            None => {
                let id = self.words.len() as u32;
                let key = CompactString::from(word);
                self.ids.insert(key.clone(), id);
                self.words.push(key);
                id
            }
        }
    }

    /// Adds a document from tokens stored before: `map` turns stored word ids into local
    /// ones and fills as it goes.
    fn add_stored(&mut self, old: &Tokens, range: std::ops::Range<usize>, map: &mut [u32]) {
        let mut n = 0u32;
        for (pos, (s, e, b)) in range.clone().zip(old.spans.iter(range)) {
            let t = old.stream[pos] as usize;
            let id = match map[t] {
                u32::MAX => {
                    let id = self.id_of(&old.vocab[t]);
                    map[t] = id;
                    id
                }
                id => id,
            };
            self.stream.push(id);
            self.spans.push(s, e, b, n == 0);
            n += 1;
        }
        self.doc_tokens.push(n);
    }

    fn add_doc(&mut self, text: &str, body_start: usize) {
        let body = &text[body_start..];
        let mut n = 0u32;
        let mut buf = std::mem::take(&mut self.buf);
        for t in tokens(body) {
            fold_case(t.text(body), &mut buf);
            let id = self.id_of(&buf);
            self.stream.push(id);
            self.spans.push(
                (t.start + body_start) as u32,
                (t.end + body_start) as u32,
                t.brk,
                n == 0,
            );
            n += 1;
        }
        self.buf = buf;
        self.doc_tokens.push(n);
    }
}

/// Counts the words of every document; returns `None` if cancelled.
///
/// Each worker tokenizes a contiguous run of documents with its own word table; the tables are
/// merged into one vocabulary sorted alphabetically (so ids never depend on how work was
/// split), and the counts and postings are built from the merged token stream.
pub fn analyze(corpus: &Corpus, ctx: &JobCtx) -> Option<Analysis> {
    analyze_reusing(corpus, None, ctx)
}

/// Tokens stored by an earlier analysis, and for each document of the corpus the stored
/// document it is the same as, if any.
pub struct Reuse<'a> {
    /// The stored tokens.
    pub old: &'a Tokens,
    /// For each document, its number among the stored documents.
    pub from: &'a [Option<u32>],
}

/// Like [`analyze`], but documents that `reuse` has are taken from its tokens, not
/// tokenized again.
pub fn analyze_reusing(corpus: &Corpus, reuse: Option<Reuse>, ctx: &JobCtx) -> Option<Analysis> {
    let start = Instant::now();
    ctx.progress
        .set_phase(Phase::Analyzing, corpus.docs.len() as u64);
    ctx.wake_now();
    let partials = count_pieces(corpus, reuse, ctx);
    if ctx.is_cancelled() {
        return None;
    }
    let tokens = merge(partials);
    let mut a = Analysis::from_tokens(tokens);
    a.analyze_ms = start.elapsed().as_secs_f64() * 1000.0;
    ctx.progress.set_phase(Phase::Done, 0);
    Some(a)
}

fn count_pieces(corpus: &Corpus, reuse: Option<Reuse>, ctx: &JobCtx) -> Vec<Partial> {
    let pieces = rayon::current_num_threads() * 2;
    let piece = corpus.docs.len().div_ceil(pieces).max(64);
    let old_start: Vec<usize> = reuse
        .as_ref()
        .map(|r| {
            std::iter::once(0)
                .chain(r.old.doc_tokens.iter().scan(0usize, |acc, &n| {
                    *acc += n as usize;
                    Some(*acc)
                }))
                .collect()
        })
        .unwrap_or_default();
    corpus
        .docs
        .par_chunks(piece)
        .enumerate()
        .map(|(c, docs)| {
            let mut p = Partial::default();
            p.ids.reserve(1 << 14);
            let mut map = vec![u32::MAX; reuse.as_ref().map_or(0, |r| r.old.vocab.len())];
            for (i, d) in docs.iter().enumerate() {
                if ctx.is_cancelled() {
                    break;
                }
                let stored = reuse.as_ref().and_then(|r| {
                    let o = (*r.from.get(c * piece + i)?)? as usize;
                    Some((r.old, *old_start.get(o)?..*old_start.get(o + 1)?))
                });
                if let Some((old, range)) = stored {
                    p.add_stored(old, range, &mut map);
                    if i % 64 == 63 {
                        ctx.progress.done.fetch_add(64, Ordering::Relaxed);
                    }
                    continue;
                }
                let body_start = if d.text.is_char_boundary(d.body_start) {
                    d.body_start
                } else {
                    0
                };
                p.add_doc(&d.text, body_start);
                if i % 64 == 63 {
                    ctx.progress.done.fetch_add(64, Ordering::Relaxed);
                    ctx.wake();
                }
            }
            p
        })
        .collect()
}

/// The tokens of a corpus before any counting: what the index stores.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// Distinct lowercase words, sorted.
    pub vocab: Vec<String>,
    /// Every token as an index into `vocab`, document after document.
    pub stream: Vec<TermId>,
    /// Where each token lies in its document's text.
    pub spans: Spans,
    /// Tokens in each document.
    pub doc_tokens: Vec<u32>,
}

/// Merges the workers' tables into one sorted vocabulary and one stream, releasing each
/// worker's arrays as soon as they are copied.
fn merge(mut partials: Vec<Partial>) -> Tokens {
    let mut ids: FxHashMap<CompactString, TermId> = FxHashMap::default();
    let mut words: Vec<CompactString> = Vec::new();
    let local_to_global: Vec<Vec<TermId>> = partials
        .iter_mut()
        .map(|p| {
            p.ids = FxHashMap::default();
            std::mem::take(&mut p.words)
                .into_iter()
                .map(|w| match ids.get(&w) {
                    Some(&g) => g,
                    None => {
                        let g = words.len() as TermId;
                        ids.insert(w.clone(), g);
                        words.push(w);
                        g
                    }
                })
                .collect()
        })
        .collect();
    drop(ids);
    let (vocab, rank) = sort_vocabulary(words);
    let total: usize = partials.iter().map(|p| p.stream.len()).sum();
    let mut stream = Vec::with_capacity(total);
    let mut spans = SpansBuilder::default();
    let mut doc_tokens = Vec::new();
    for (p, map) in partials.into_iter().zip(local_to_global) {
        stream.extend(p.stream.iter().map(|&l| rank[map[l as usize] as usize]));
        spans.append(p.spans);
        doc_tokens.extend_from_slice(&p.doc_tokens);
    }
    Tokens {
        vocab,
        stream,
        spans: spans.finish(),
        doc_tokens,
    }
}

/// Sorts words alphabetically; returns them with each old id's new rank.
pub(crate) fn sort_vocabulary(words: Vec<CompactString>) -> (Vec<String>, Vec<TermId>) {
    let mut order: Vec<TermId> = (0..words.len() as TermId).collect();
    order.par_sort_unstable_by(|&x, &y| words[x as usize].cmp(&words[y as usize]));
    let mut rank = vec![0 as TermId; words.len()];
    for (r, &g) in order.iter().enumerate() {
        rank[g as usize] = r as TermId;
    }
    let vocab = order
        .iter()
        .map(|&g| words[g as usize].to_string())
        .collect();
    (vocab, rank)
}

/// Occurrences and postings of every word, from the token stream.
fn postings_of(stream: &[TermId], doc_start: &[u32], n: usize) -> (Postings, Vec<u64>) {
    let docs = doc_start.len().saturating_sub(1);
    Postings::build(n, |emit| {
        // Each document's words are counted in `count`, then emitted and cleared.
        let mut count = vec![0u32; n];
        let mut seen: Vec<TermId> = Vec::new();
        for d in 0..docs {
            for &t in &stream[doc_start[d] as usize..doc_start[d + 1] as usize] {
                let c = &mut count[t as usize];
                if *c == 0 {
                    seen.push(t);
                }
                *c += 1;
            }
            for &t in &seen {
                emit(d as DocId, t, count[t as usize]);
                count[t as usize] = 0;
            }
            seen.clear();
        }
    })
}

fn dispersion(posts: &Postings, freq: &[u64], doc_tokens: &[u32], total: u64) -> Vec<f32> {
    if total == 0 {
        return vec![0.0; freq.len()];
    }
    let n = total as f64;
    (0..freq.len())
        .into_par_iter()
        .map(|t| {
            let f = freq[t] as f64;
            let mut sum = 0.0;
            let mut covered = 0.0;
            for (d, c) in posts.of(t as TermId) {
                let s = doc_tokens[d as usize] as f64 / n;
                sum += (c as f64 / f - s).abs();
                covered += s;
            }
            // Documents without the word each add |0 - s|, together 1 - covered.
            (0.5 * (sum + (1.0 - covered).max(0.0))) as f32
        })
        .collect()
}

/// What an [`Analysis`] is built from; the stop flags, frequency order and dispersions are
/// derived from it.
struct Parts {
    vocab: Vec<String>,
    freq: Vec<u64>,
    posts: Postings,
    doc_tokens: Vec<u32>,
    doc_start: Vec<u32>,
    stream: Vec<TermId>,
    spans: Spans,
}

impl Parts {
    /// The analysis with its derived orders and measures.
    fn finish(self) -> Analysis {
        let stop = StopWords::english();
        let n = self.vocab.len();
        let freq = &self.freq;
        let is_stop = self.vocab.iter().map(|w| stop.contains(w)).collect();
        let mut by_freq: Vec<TermId> = (0..n as TermId).collect();
        by_freq
            .par_sort_unstable_by(|&x, &y| freq[y as usize].cmp(&freq[x as usize]).then(x.cmp(&y)));
        let total_tokens: u64 = freq.iter().sum();
        let dp = dispersion(&self.posts, freq, &self.doc_tokens, total_tokens);
        Analysis {
            vocab: self.vocab,
            freq: self.freq,
            posts: self.posts,
            doc_tokens: self.doc_tokens,
            doc_start: self.doc_start,
            stream: self.stream,
            spans: self.spans,
            total_tokens,
            is_stop,
            dp,
            by_freq,
            analyze_ms: 0.0,
        }
    }
}

impl Analysis {
    /// The counts, postings and orders of a token stream.
    pub fn from_tokens(t: Tokens) -> Analysis {
        let Tokens {
            vocab,
            stream,
            spans,
            doc_tokens,
        } = t;
        let n = vocab.len();
        let mut doc_start = Vec::with_capacity(doc_tokens.len() + 1);
        let mut acc = 0u32;
        doc_start.push(0);
        for &t in &doc_tokens {
            acc += t;
            doc_start.push(acc);
        }
        let (posts, freq) = postings_of(&stream, &doc_start, n);
        Parts {
            vocab,
            freq,
            posts,
            doc_tokens,
            doc_start,
            stream,
            spans,
        }
        .finish()
    }

    /// The counts of a corpus whose tokens are not at hand (as read from exported tables):
    /// each document's words as ids into the sorted `vocab`, with their counts, in any order.
    /// There is no token stream, so concordances, collocates and n-grams find nothing; every
    /// count, posting and dispersion is as [`Analysis::from_tokens`] would give.
    pub fn from_counts(vocab: Vec<String>, docs: &[Vec<(TermId, u32)>]) -> Analysis {
        // Documents in order, so each word's postings come out sorted.
        let (posts, freq) = Postings::build(vocab.len(), |emit| {
            for (d, list) in docs.iter().enumerate() {
                for &(t, c) in list {
                    emit(d as DocId, t, c);
                }
            }
        });
        let doc_tokens: Vec<u32> = docs
            .iter()
            .map(|l| l.iter().map(|&(_, c)| c).sum())
            .collect();
        Parts {
            vocab,
            freq,
            posts,
            doc_tokens,
            doc_start: vec![0; docs.len() + 1],
            stream: Vec::new(),
            spans: Spans::default(),
        }
        .finish()
    }

    /// Whether the token stream is at hand (false for counts read from exported tables).
    pub fn has_tokens(&self) -> bool {
        !self.stream.is_empty() || self.total_tokens == 0
    }

    /// The break before token `pos`.
    pub fn brk(&self, pos: usize) -> Break {
        self.spans.brk(pos)
    }

    /// Id of a word (lowercase), if it occurs.
    pub fn term(&self, word: &str) -> Option<TermId> {
        self.vocab
            .binary_search_by(|w| w.as_str().cmp(word))
            .ok()
            .map(|i| i as TermId)
    }

    /// Number of distinct words.
    pub fn distinct(&self) -> usize {
        self.vocab.len()
    }

    /// The documents a word occurs in, in increasing order, with its count in each.
    pub fn postings(&self, t: TermId) -> postings::Iter<'_> {
        self.posts.of(t)
    }

    /// The documents a word occurs in, in increasing order.
    pub fn docs_of(&self, t: TermId) -> impl Iterator<Item = DocId> + '_ {
        self.posts.of(t).map(|(d, _)| d)
    }

    /// How many documents a word occurs in.
    pub fn doc_freq(&self, t: TermId) -> u32 {
        self.posts.doc_freq(t)
    }

    /// Range of `stream` holding a document's tokens.
    pub fn doc_range(&self, d: DocId) -> std::ops::Range<usize> {
        self.doc_start[d as usize] as usize..self.doc_start[d as usize + 1] as usize
    }

    /// The document a position of `stream` belongs to.
    pub fn doc_of(&self, pos: usize) -> DocId {
        (self.doc_start.partition_point(|&s| s as usize <= pos) - 1) as DocId
    }

    /// Byte range in the document's text of the token at a position of `stream`.
    pub fn span(&self, pos: usize) -> std::ops::Range<usize> {
        self.spans.span(pos)
    }

    /// Documents containing `word` (any case), sorted; empty when it never occurs.
    pub fn docs_with(&self, word: &str) -> Vec<DocId> {
        let mut w = String::new();
        fold_case(word, &mut w);
        self.term(&w)
            .map(|t| self.docs_of(t).collect())
            .unwrap_or_default()
    }

    /// The `n` most frequent words, optionally without stop-words; ties broken alphabetically.
    pub fn top_words(&self, n: usize, skip_stop: bool) -> Vec<WordCount> {
        self.by_freq
            .iter()
            .filter(|&&t| !(skip_stop && self.is_stop[t as usize]))
            .take(n)
            .map(|&t| self.word_count(t))
            .collect()
    }

    /// Counts for one word.
    pub fn word_count(&self, t: TermId) -> WordCount {
        let i = t as usize;
        WordCount {
            word: self.vocab[i].clone(),
            count: self.freq[i],
            documents: self.doc_freq(t),
        }
    }

    /// Tokens left after removing stop-words.
    pub fn content_tokens(&self) -> u64 {
        self.freq
            .iter()
            .zip(&self.is_stop)
            .filter(|(_, s)| !**s)
            .map(|(f, _)| f)
            .sum()
    }
}

/// A corpus of plain texts, for tests.
#[cfg(test)]
pub(crate) fn test_corpus(texts: &[&str]) -> Corpus {
    Corpus {
        docs: texts
            .iter()
            .map(|t| crate::corpus::Document {
                text: (*t).into(),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

/// A corpus of plain texts and its analysis, for tests.
#[cfg(test)]
pub(crate) fn test_analysis(texts: &[&str]) -> (Corpus, Analysis) {
    let c = test_corpus(texts);
    let a = analyze(&c, &JobCtx::detached()).expect("not cancelled");
    (c, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(texts: &[&str]) -> Corpus {
        test_corpus(texts)
    }

    #[test]
    fn counts_postings_and_order() {
        let c = corpus(&[
            "The UN vote. The vote!",
            "UN sanctions",
            "Sanctions, sanctions",
        ]);
        let a = analyze(&c, &JobCtx::detached()).unwrap();
        assert_eq!(a.total_tokens, 9);
        assert_eq!(a.doc_tokens, [5, 2, 2]);
        let top = a.top_words(10, true);
        let got: Vec<(&str, u64, u32)> = top
            .iter()
            .map(|w| (w.word.as_str(), w.count, w.documents))
            .collect();
        assert_eq!(got, [("sanctions", 3, 2), ("un", 2, 2), ("vote", 2, 1)]);
        assert_eq!(a.docs_with("Sanctions"), [1, 2]);
        assert!(a.docs_with("absent").is_empty());
        assert_eq!(a.top_words(1, false)[0].word, "sanctions");
    }

    #[test]
    fn counts_without_tokens_give_the_same_numbers_as_the_tokens() {
        let c = corpus(&[
            "The UN vote. The vote!",
            "",
            "UN sanctions",
            "Sanctions, sanctions and the vote",
        ]);
        let a = analyze(&c, &JobCtx::detached()).unwrap();
        // Each document's words with their counts, listed in reverse to show order is free.
        let docs: Vec<Vec<(TermId, u32)>> = (0..c.docs.len() as DocId)
            .map(|d| {
                let mut m: std::collections::BTreeMap<TermId, u32> = Default::default();
                for &t in &a.stream[a.doc_range(d)] {
                    *m.entry(t).or_default() += 1;
                }
                m.into_iter().rev().collect()
            })
            .collect();
        let b = Analysis::from_counts(a.vocab.clone(), &docs);
        assert_eq!(b.freq, a.freq);
        assert_eq!(b.doc_tokens, a.doc_tokens);
        assert_eq!(b.total_tokens, a.total_tokens);
        assert_eq!(b.by_freq, a.by_freq);
        assert_eq!(b.dp, a.dp);
        assert_eq!(b.is_stop, a.is_stop);
        for t in 0..a.distinct() as TermId {
            assert!(b.postings(t).eq(a.postings(t)));
            assert_eq!(b.doc_freq(t), a.doc_freq(t));
        }
        assert_eq!(b.top_words(5, false), a.top_words(5, false));
        assert!(a.has_tokens() && !b.has_tokens());
        assert!(b.doc_range(3).is_empty());
    }

    #[test]
    fn many_chunks_merge_in_document_order() {
        let texts: Vec<String> = (0..1000)
            .map(|i| format!("alpha w{} beta", i % 7))
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let a = analyze(&corpus(&refs), &JobCtx::detached()).unwrap();
        let alpha = a.docs_with("alpha");
        assert_eq!(alpha.len(), 1000);
        assert!(alpha.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(a.docs_with("w3").len(), 143);
    }

    #[test]
    fn stream_offsets_counts_and_dispersion() {
        let mut c = corpus(&["---\nx\n---\nUN vote, UN", "vote"]);
        c.docs[0].body_start = 10;
        let a = analyze(&c, &JobCtx::detached()).unwrap();
        let un = a.term("un").unwrap();
        let vote = a.term("vote").unwrap();
        assert_eq!(a.stream, [un, vote, un, vote]);
        assert_eq!(a.doc_start, [0, 3, 4]);
        assert_eq!(a.doc_range(1), 3..4);
        assert_eq!(a.doc_of(2), 0);
        assert_eq!(a.doc_of(3), 1);
        // Offsets are into the whole text, front matter included.
        assert_eq!(a.span(1), 13..17);
        assert_eq!(&c.docs[0].text[a.span(2)], "UN");
        assert_eq!(a.span(3), 0..4);
        assert_eq!(a.postings(un).collect::<Vec<_>>(), [(0, 2)]);
        assert_eq!(a.postings(vote).collect::<Vec<_>>(), [(0, 1), (1, 1)]);
        // Document shares 3/4 and 1/4. "un": all in doc 0, DP = (|1 - .75| + .25) / 2 = 0.25.
        // "vote": half in each, DP = (|.5 - .75| + |.5 - .25|) / 2 = 0.25.
        assert!((a.dp[un as usize] - 0.25).abs() < 1e-6);
        assert!((a.dp[vote as usize] - 0.25).abs() < 1e-6);
        assert_eq!(a.brk(0), Break::Paragraph);
    }

    #[test]
    fn front_matter_is_not_counted() {
        let mut c = corpus(&["---\ntitle: x\n---\nbody word"]);
        c.docs[0].body_start = 17;
        let a = analyze(&c, &JobCtx::detached()).unwrap();
        assert_eq!(a.total_tokens, 2);
    }
}
