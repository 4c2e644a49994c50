//! Analysis of a loaded corpus: vocabulary, word counts, document frequencies and postings.
//!
//! [`analyze`] runs once per corpus in a background job (rayon inside); panels and the command
//! line only read the resulting [`Analysis`].

mod sentences;
pub mod stopwords;
pub mod tokenize;

use crate::corpus::Corpus;
use crate::jobs::{JobCtx, Phase};
use compact_str::CompactString;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::sync::atomic::Ordering;
use std::time::Instant;
use stopwords::StopWords;
use tokenize::{fold_case, tokens};

/// Index of a word in [`Analysis::vocab`].
pub type TermId = u32;
/// Index of a document in [`Corpus::docs`].
pub type DocId = u32;

/// Word statistics of a corpus.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Distinct lowercase words, sorted; a [`TermId`] indexes it.
    pub vocab: Vec<String>,
    /// Occurrences of each word in the corpus.
    pub freq: Vec<u64>,
    /// Where each word's documents start in `postings` (one more entry than words).
    post_start: Vec<u32>,
    /// Sorted document ids of every word, word after word.
    postings: Vec<DocId>,
    /// Tokens in each document.
    pub doc_tokens: Vec<u32>,
    /// Tokens in the corpus.
    pub total_tokens: u64,
    /// Whether each word is on the English stop list.
    pub is_stop: Vec<bool>,
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
    last_doc: Vec<DocId>,
    /// (local word id, document) for each word's first occurrence in each document, in document order.
    pairs: Vec<(u32, DocId)>,
    doc_tokens: Vec<u32>,
    buf: String,
}

impl Partial {
    fn add_doc(&mut self, doc: DocId, body: &str) {
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
                    self.last_doc.push(DocId::MAX);
                    id
                }
            };
            self.freq[id] += 1;
            if self.last_doc[id] != doc {
                self.last_doc[id] = doc;
                self.pairs.push((id as u32, doc));
            }
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
    // A few large pieces per thread: few tables to merge, still balanced.
    let pieces = rayon::current_num_threads() * 2;
    let piece = corpus.docs.len().div_ceil(pieces).max(64);
    let partials: Vec<Partial> = corpus
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
                p.add_doc((c * piece + i) as DocId, d.body());
                if i % 64 == 63 {
                    ctx.progress.done.fetch_add(64, Ordering::Relaxed);
                    ctx.wake();
                }
            }
            p
        })
        .collect();
    if ctx.is_cancelled() {
        return None;
    }
    // One vocabulary for all pieces.
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
    let n = vocab.len();
    let mut freq = vec![0u64; n];
    let mut post_start = vec![0u32; n + 1];
    let mut doc_tokens = Vec::with_capacity(corpus.docs.len());
    // Each piece's local ids straight to final ids.
    let local_to_final: Vec<Vec<TermId>> = local_to_global
        .into_iter()
        .map(|m| m.into_iter().map(|g| rank[g as usize]).collect())
        .collect();
    for (p, map) in partials.iter().zip(&local_to_final) {
        for (local, &f) in p.freq.iter().enumerate() {
            freq[map[local] as usize] += f;
        }
        for &(local, _) in &p.pairs {
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
    for (p, map) in partials.iter().zip(&local_to_final) {
        for &(local, doc) in &p.pairs {
            let t = map[local as usize] as usize;
            postings[cursor[t] as usize] = doc;
            cursor[t] += 1;
        }
    }
    drop(partials);
    let vocab: Vec<String> = order
        .iter()
        .map(|&g| vocab[g as usize].to_string())
        .collect();
    let is_stop = vocab.iter().map(|w| stop.contains(w)).collect();
    let mut by_freq: Vec<TermId> = (0..n as TermId).collect();
    // Ids are alphabetical, so comparing ids breaks ties alphabetically.
    by_freq.par_sort_unstable_by(|&x, &y| freq[y as usize].cmp(&freq[x as usize]).then(x.cmp(&y)));
    let a = Analysis {
        total_tokens: freq.iter().sum(),
        vocab,
        freq,
        post_start,
        postings,
        doc_tokens,
        is_stop,
        by_freq,
        analyze_ms: start.elapsed().as_secs_f64() * 1000.0,
    };
    ctx.progress.set_phase(Phase::Done, 0);
    Some(a)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;

    fn corpus(texts: &[&str]) -> Corpus {
        Corpus {
            docs: texts
                .iter()
                .map(|t| Document {
                    text: t.to_string(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
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
    fn front_matter_is_not_counted() {
        let mut c = corpus(&["---\ntitle: x\n---\nbody word"]);
        c.docs[0].body_start = 17;
        let a = analyze(&c, &JobCtx::detached()).unwrap();
        assert_eq!(a.total_tokens, 2);
    }
}
