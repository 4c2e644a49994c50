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
mod sentences;
pub mod stems;
pub mod stopwords;
pub mod tokenize;
pub mod trends;

use crate::corpus::Corpus;
use crate::jobs::{JobCtx, Phase};
use compact_str::CompactString;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
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
    /// Where each word's documents start in `postings` (one more entry than words).
    post_start: Vec<u32>,
    /// Sorted document ids of every word, word after word.
    postings: Vec<DocId>,
    /// Occurrences of the word in each document of `postings`, entry for entry.
    post_count: Vec<u32>,
    /// Tokens in each document.
    pub doc_tokens: Vec<u32>,
    /// Where each document's tokens start in `stream` (one more entry than documents).
    pub doc_start: Vec<u32>,
    /// Every token of the corpus as a word id, document after document.
    pub stream: Vec<TermId>,
    /// Byte offset in the document's `text` where each token of `stream` starts.
    pub tok_start: Vec<u32>,
    /// Byte offset in the document's `text` where each token of `stream` ends.
    pub tok_end: Vec<u32>,
    /// The boundary before each token of `stream`.
    pub brk: Vec<Break>,
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

/// Counts gathered by one worker over a contiguous run of documents.
#[derive(Default)]
struct Partial {
    // Short words are stored inline in the key, so a lookup touches no other memory.
    ids: FxHashMap<CompactString, u32>,
    words: Vec<CompactString>,
    freq: Vec<u64>,
    /// Index in `pairs` of each word's entry for the current document, or `u32::MAX`.
    last_pair: Vec<u32>,
    /// (local word id, document, count) for each word in each document, in document order.
    pairs: Vec<(u32, DocId, u32)>,
    doc_tokens: Vec<u32>,
    stream: Vec<u32>,
    starts: Vec<u32>,
    ends: Vec<u32>,
    brk: Vec<Break>,
    buf: String,
}

impl Partial {
    fn add_doc(&mut self, doc: DocId, text: &str, body_start: usize) {
        let body = &text[body_start..];
        let first_pair = self.pairs.len();
        let mut n = 0u32;
        for t in tokens(body) {
            n += 1;
            fold_case(t.text(body), &mut self.buf);
            let id = match self.ids.get(self.buf.as_str()) {
                Some(&id) => id as usize,
                None => {
                    let id = self.words.len();
                    let key = CompactString::from(self.buf.as_str());
                    self.ids.insert(key.clone(), id as u32);
                    self.words.push(key);
                    self.freq.push(0);
                    self.last_pair.push(u32::MAX);
                    id
                }
            };
            self.freq[id] += 1;
            let lp = self.last_pair[id];
            if lp != u32::MAX && lp as usize >= first_pair {
                self.pairs[lp as usize].2 += 1;
            } else {
                self.last_pair[id] = self.pairs.len() as u32;
                self.pairs.push((id as u32, doc, 1));
            }
            self.stream.push(id as u32);
            self.starts.push((t.start + body_start) as u32);
            self.ends.push((t.end + body_start) as u32);
            self.brk.push(t.brk);
        }
        self.doc_tokens.push(n);
    }
}

/// Counts the words of every document; returns `None` if cancelled.
///
/// Each worker counts a contiguous run of documents into its own table; the tables are merged
/// into one vocabulary sorted alphabetically (so ids never depend on how work was split), and
/// postings are laid out flat, grouped by word, with a counting sort.
pub fn analyze(corpus: &Corpus, ctx: &JobCtx) -> Option<Analysis> {
    let start = Instant::now();
    let stop = StopWords::english();
    ctx.progress
        .set_phase(Phase::Analyzing, corpus.docs.len() as u64);
    ctx.wake_now();
    let partials = count_pieces(corpus, ctx);
    if ctx.is_cancelled() {
        return None;
    }
    let (vocab, order, local_to_final) = merge_vocabularies(&partials);
    let n = vocab.len();
    let Postings {
        freq,
        post_start,
        postings,
        post_count,
        doc_tokens,
    } = postings(&partials, &local_to_final, n, corpus.docs.len());
    let Stream {
        stream,
        tok_start,
        tok_end,
        brk,
    } = token_stream(&partials, &local_to_final);
    drop(partials);
    let mut doc_start = Vec::with_capacity(doc_tokens.len() + 1);
    let mut acc = 0u32;
    doc_start.push(0);
    for &t in &doc_tokens {
        acc += t;
        doc_start.push(acc);
    }
    let vocab: Vec<String> = order
        .iter()
        .map(|&g| vocab[g as usize].to_string())
        .collect();
    let is_stop = vocab.iter().map(|w| stop.contains(w)).collect();
    let mut by_freq: Vec<TermId> = (0..n as TermId).collect();
    // Ids are alphabetical, so comparing ids breaks ties alphabetically.
    by_freq.par_sort_unstable_by(|&x, &y| freq[y as usize].cmp(&freq[x as usize]).then(x.cmp(&y)));
    let total_tokens: u64 = freq.iter().sum();
    let dp = dispersion(
        &post_start,
        &postings,
        &post_count,
        &freq,
        &doc_tokens,
        total_tokens,
    );
    let a = Analysis {
        total_tokens,
        vocab,
        freq,
        post_start,
        postings,
        post_count,
        doc_tokens,
        doc_start,
        stream,
        tok_start,
        tok_end,
        brk,
        is_stop,
        dp,
        by_freq,
        analyze_ms: start.elapsed().as_secs_f64() * 1000.0,
    };
    ctx.progress.set_phase(Phase::Done, 0);
    Some(a)
}

/// Counts the documents in a few large pieces per thread (few tables to merge, still
/// balanced), each piece a run of documents in order; stops early when cancelled.
fn count_pieces(corpus: &Corpus, ctx: &JobCtx) -> Vec<Partial> {
    let pieces = rayon::current_num_threads() * 2;
    let piece = corpus.docs.len().div_ceil(pieces).max(64);
    corpus
        .docs
        .par_chunks(piece)
        .enumerate()
        .map(|(c, docs)| {
            let mut p = Partial::default();
            p.ids.reserve(1 << 14);
            for (i, d) in docs.iter().enumerate() {
                if ctx.is_cancelled() {
                    break;
                }
                let body_start = if d.text.is_char_boundary(d.body_start) {
                    d.body_start
                } else {
                    0
                };
                p.add_doc((c * piece + i) as DocId, &d.text, body_start);
                if i % 64 == 63 {
                    ctx.progress.done.fetch_add(64, Ordering::Relaxed);
                    ctx.wake();
                }
            }
            p
        })
        .collect()
}

/// One vocabulary for all pieces: the words in order of first sight, the order that sorts
/// them alphabetically (the final ids), and each piece's local ids mapped straight to final
/// ids.
fn merge_vocabularies(partials: &[Partial]) -> (Vec<CompactString>, Vec<TermId>, Vec<Vec<TermId>>) {
    let mut ids: FxHashMap<CompactString, TermId> = FxHashMap::default();
    let mut vocab: Vec<CompactString> = Vec::new();
    let local_to_global: Vec<Vec<TermId>> = partials
        .iter()
        .map(|p| {
            p.words
                .iter()
                .map(|w| match ids.get(w) {
                    Some(&g) => g,
                    None => {
                        let g = vocab.len() as TermId;
                        ids.insert(w.clone(), g);
                        vocab.push(w.clone());
                        g
                    }
                })
                .collect()
        })
        .collect();
    // Alphabetical ids.
    let mut order: Vec<TermId> = (0..vocab.len() as TermId).collect();
    order.par_sort_unstable_by(|&x, &y| vocab[x as usize].cmp(&vocab[y as usize]));
    let mut rank = vec![0 as TermId; vocab.len()];
    for (r, &g) in order.iter().enumerate() {
        rank[g as usize] = r as TermId;
    }
    let local_to_final: Vec<Vec<TermId>> = local_to_global
        .into_iter()
        .map(|m| m.into_iter().map(|g| rank[g as usize]).collect())
        .collect();
    (vocab, order, local_to_final)
}

/// Word counts and postings in final ids.
struct Postings {
    freq: Vec<u64>,
    post_start: Vec<u32>,
    postings: Vec<DocId>,
    post_count: Vec<u32>,
    doc_tokens: Vec<u32>,
}

/// Frequencies, tokens per document and the postings of the `n` words, laid out flat, grouped
/// by word, by a counting sort.
fn postings(
    partials: &[Partial],
    local_to_final: &[Vec<TermId>],
    n: usize,
    docs: usize,
) -> Postings {
    let mut freq = vec![0u64; n];
    let mut post_start = vec![0u32; n + 1];
    let mut doc_tokens = Vec::with_capacity(docs);
    for (p, map) in partials.iter().zip(local_to_final) {
        for (local, &f) in p.freq.iter().enumerate() {
            freq[map[local] as usize] += f;
        }
        for &(local, _, _) in &p.pairs {
            post_start[map[local as usize] as usize + 1] += 1;
        }
        doc_tokens.extend_from_slice(&p.doc_tokens);
    }
    for i in 0..n {
        post_start[i + 1] += post_start[i];
    }
    // Scatter in document order: each word's list comes out sorted.
    let mut cursor = post_start.clone();
    let mut postings = vec![0 as DocId; post_start[n] as usize];
    let mut post_count = vec![0u32; post_start[n] as usize];
    for (p, map) in partials.iter().zip(local_to_final) {
        for &(local, doc, count) in &p.pairs {
            let t = map[local as usize] as usize;
            postings[cursor[t] as usize] = doc;
            post_count[cursor[t] as usize] = count;
            cursor[t] += 1;
        }
    }
    Postings {
        freq,
        post_start,
        postings,
        post_count,
        doc_tokens,
    }
}

/// Every token of the corpus in order: its final word id, byte range and break.
struct Stream {
    stream: Vec<TermId>,
    tok_start: Vec<u32>,
    tok_end: Vec<u32>,
    brk: Vec<Break>,
}

/// The token stream in final ids, piece after piece (pieces are runs of documents in order),
/// with each token's byte range and the break before it.
fn token_stream(partials: &[Partial], local_to_final: &[Vec<TermId>]) -> Stream {
    let total: usize = partials.iter().map(|p| p.stream.len()).sum();
    let mut stream = vec![0 as TermId; total];
    {
        let mut rest = stream.as_mut_slice();
        let mut outs = Vec::with_capacity(partials.len());
        for p in partials {
            let (head, tail) = rest.split_at_mut(p.stream.len());
            outs.push(head);
            rest = tail;
        }
        outs.into_par_iter()
            .zip(partials.par_iter().zip(local_to_final))
            .for_each(|(out, (p, map))| {
                for (o, &l) in out.iter_mut().zip(&p.stream) {
                    *o = map[l as usize];
                }
            });
    }
    let mut tok_start = Vec::with_capacity(total);
    let mut tok_end = Vec::with_capacity(total);
    let mut brk = Vec::with_capacity(total);
    for p in partials {
        tok_start.extend_from_slice(&p.starts);
        tok_end.extend_from_slice(&p.ends);
        brk.extend_from_slice(&p.brk);
    }
    Stream {
        stream,
        tok_start,
        tok_end,
        brk,
    }
}

/// Gries's DP of every word over documents: half the sum, over documents, of the gap between
/// the share of the word's occurrences in a document and that document's share of all tokens
/// (Gries 2008, "Dispersions and adjusted frequencies in corpora").
fn dispersion(
    post_start: &[u32],
    postings: &[DocId],
    post_count: &[u32],
    freq: &[u64],
    doc_tokens: &[u32],
    total: u64,
) -> Vec<f32> {
    if total == 0 {
        return vec![0.0; freq.len()];
    }
    let n = total as f64;
    (0..freq.len())
        .into_par_iter()
        .map(|t| {
            let (a, b) = (post_start[t] as usize, post_start[t + 1] as usize);
            let f = freq[t] as f64;
            let mut sum = 0.0;
            let mut covered = 0.0;
            for (&d, &c) in postings[a..b].iter().zip(&post_count[a..b]) {
                let s = doc_tokens[d as usize] as f64 / n;
                sum += (c as f64 / f - s).abs();
                covered += s;
            }
            // Documents without the word each add |0 - s|, together 1 - covered.
            (0.5 * (sum + (1.0 - covered).max(0.0))) as f32
        })
        .collect()
}

impl Analysis {
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

    /// Sorted ids of the documents a word occurs in.
    pub fn postings(&self, t: TermId) -> &[DocId] {
        let (a, b) = (self.post_start[t as usize], self.post_start[t as usize + 1]);
        &self.postings[a as usize..b as usize]
    }

    /// How often a word occurs in each document of [`Analysis::postings`], entry for entry.
    pub fn posting_counts(&self, t: TermId) -> &[u32] {
        let (a, b) = (self.post_start[t as usize], self.post_start[t as usize + 1]);
        &self.post_count[a as usize..b as usize]
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
        self.tok_start[pos] as usize..self.tok_end[pos] as usize
    }

    /// Documents containing `word` (any case), sorted; empty when it never occurs.
    pub fn docs_with(&self, word: &str) -> &[DocId] {
        let mut w = String::new();
        fold_case(word, &mut w);
        self.term(&w).map(|t| self.postings(t)).unwrap_or(&[])
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
            documents: self.postings(t).len() as u32,
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
                text: t.to_string(),
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
        assert_eq!(a.postings(un), [0]);
        assert_eq!(a.posting_counts(un), [2]);
        assert_eq!(a.posting_counts(vote), [1, 1]);
        // Document shares 3/4 and 1/4. "un": all in doc 0, DP = (|1 - .75| + .25) / 2 = 0.25.
        // "vote": half in each, DP = (|.5 - .75| + |.5 - .25|) / 2 = 0.25.
        assert!((a.dp[un as usize] - 0.25).abs() < 1e-6);
        assert!((a.dp[vote as usize] - 0.25).abs() < 1e-6);
        assert_eq!(a.brk[0], Break::Paragraph);
    }

    #[test]
    fn front_matter_is_not_counted() {
        let mut c = corpus(&["---\ntitle: x\n---\nbody word"]);
        c.docs[0].body_start = 17;
        let a = analyze(&c, &JobCtx::detached()).unwrap();
        assert_eq!(a.total_tokens, 2);
    }
}
