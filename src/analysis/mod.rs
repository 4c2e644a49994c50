//! Analysis of a loaded corpus: vocabulary, word counts, document frequencies and postings.
//!
//! [`analyze`] runs once per corpus in a background job (rayon inside); panels and the command
//! line only read the resulting [`Analysis`].

pub mod stopwords;
pub mod tokenize;

use crate::corpus::Corpus;
use crate::jobs::{JobCtx, Phase};
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
    /// Distinct lowercase words; a [`TermId`] indexes it.
    pub vocab: Vec<String>,
    ids: FxHashMap<String, TermId>,
    /// Occurrences of each word in the corpus.
    pub freq: Vec<u64>,
    /// Sorted ids of the documents each word occurs in.
    pub postings: Vec<Vec<DocId>>,
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

/// Per-chunk partial result, merged in chunk order so ids are deterministic.
#[derive(Default)]
struct Partial {
    words: Vec<String>,
    freq: Vec<u64>,
    postings: Vec<Vec<DocId>>,
    doc_tokens: Vec<u32>,
}

const CHUNK: usize = 128;

fn analyze_chunk(docs: &[crate::corpus::Document], first: DocId) -> Partial {
    let mut p = Partial::default();
    let mut local: FxHashMap<String, u32> = FxHashMap::default();
    let mut last_doc: Vec<DocId> = Vec::new();
    let mut buf = String::new();
    for (i, d) in docs.iter().enumerate() {
        let doc = first + i as DocId;
        let body = d.body();
        let mut n = 0u32;
        for t in tokens(body) {
            n += 1;
            fold_case(t.text(body), &mut buf);
            let id = match local.get(buf.as_str()) {
                Some(&id) => id,
                None => {
                    let id = p.words.len() as u32;
                    local.insert(buf.clone(), id);
                    p.words.push(buf.clone());
                    p.freq.push(0);
                    p.postings.push(Vec::new());
                    last_doc.push(DocId::MAX);
                    id
                }
            } as usize;
            p.freq[id] += 1;
            if last_doc[id] != doc {
                last_doc[id] = doc;
                p.postings[id].push(doc);
            }
        }
        p.doc_tokens.push(n);
    }
    p
}

/// Counts the words of every document; returns `None` if cancelled.
pub fn analyze(corpus: &Corpus, ctx: &JobCtx) -> Option<Analysis> {
    let start = Instant::now();
    let stop = StopWords::english();
    ctx.progress
        .set_phase(Phase::Analyzing, corpus.docs.len() as u64);
    ctx.wake_now();
    let partials: Vec<Option<Partial>> = corpus
        .docs
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(c, docs)| {
            if ctx.is_cancelled() {
                return None;
            }
            let p = analyze_chunk(docs, (c * CHUNK) as DocId);
            ctx.progress
                .done
                .fetch_add(docs.len() as u64, Ordering::Relaxed);
            ctx.wake();
            Some(p)
        })
        .collect();
    if ctx.is_cancelled() {
        return None;
    }
    let mut a = Analysis::default();
    for p in partials.into_iter().flatten() {
        a.doc_tokens.extend(p.doc_tokens);
        for ((word, f), docs) in p.words.into_iter().zip(p.freq).zip(p.postings) {
            let id = match a.ids.get(word.as_str()) {
                Some(&id) => id as usize,
                None => {
                    let id = a.vocab.len();
                    a.ids.insert(word.clone(), id as TermId);
                    a.is_stop.push(stop.contains(&word));
                    a.vocab.push(word);
                    a.freq.push(0);
                    a.postings.push(Vec::new());
                    id
                }
            };
            a.freq[id] += f;
            a.postings[id].extend(docs);
        }
    }
    a.total_tokens = a.freq.iter().sum();
    let mut order: Vec<TermId> = (0..a.vocab.len() as TermId).collect();
    order.par_sort_unstable_by(|&x, &y| {
        a.freq[y as usize]
            .cmp(&a.freq[x as usize])
            .then_with(|| a.vocab[x as usize].cmp(&a.vocab[y as usize]))
    });
    a.by_freq = order;
    a.analyze_ms = start.elapsed().as_secs_f64() * 1000.0;
    ctx.progress.set_phase(Phase::Done, 0);
    Some(a)
}

impl Analysis {
    /// Id of a word (lowercase), if it occurs.
    pub fn term(&self, word: &str) -> Option<TermId> {
        self.ids.get(word).copied()
    }

    /// Number of distinct words.
    pub fn distinct(&self) -> usize {
        self.vocab.len()
    }

    /// Documents containing `word` (any case), sorted; empty when it never occurs.
    pub fn docs_with(&self, word: &str) -> &[DocId] {
        let mut w = String::new();
        fold_case(word, &mut w);
        self.term(&w)
            .map(|t| self.postings[t as usize].as_slice())
            .unwrap_or(&[])
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
            documents: self.postings[i].len() as u32,
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
