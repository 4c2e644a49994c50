//! Word counts over a set of documents (the selection), computed from the token stream without
//! reloading: frequency, document frequency and dispersion, as for the whole corpus.

use super::docset::DocSet;
use super::{Analysis, DocId, TermId};
use crate::jobs::JobCtx;
use rayon::prelude::*;
use serde::Serialize;

/// Counts of every word in some documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    /// Occurrences of each word, indexed by [`TermId`].
    pub freq: Vec<u32>,
    /// Documents each word occurs in.
    pub docs: Vec<u32>,
    /// Gries's DP of each word over these documents (empty when not asked for).
    pub dp: Vec<f32>,
    /// Tokens in these documents.
    pub tokens: u64,
    /// Number of documents.
    pub documents: usize,
}

/// One row of a word table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordRow {
    /// The word.
    pub word: String,
    /// Occurrences.
    pub count: u64,
    /// Occurrences per million tokens.
    pub per_million: f64,
    /// Documents it occurs in.
    pub documents: u32,
    /// Gries's DP: 0 spread evenly over documents, near 1 in few of them.
    pub dispersion: f32,
}

impl Counts {
    /// The counts of the whole corpus, taken from the analysis.
    pub fn whole(a: &Analysis) -> Counts {
        Counts {
            freq: a
                .freq
                .iter()
                .map(|&f| f.min(u32::MAX as u64) as u32)
                .collect(),
            docs: (0..a.vocab.len() as TermId)
                .map(|t| a.doc_freq(t))
                .collect(),
            dp: a.dp.clone(),
            tokens: a.total_tokens,
            documents: a.doc_tokens.len(),
        }
    }

    /// A table row for a word.
    pub fn row(&self, a: &Analysis, t: TermId) -> WordRow {
        let i = t as usize;
        let count = self.freq[i] as u64;
        WordRow {
            word: a.vocab[i].clone(),
            count,
            per_million: per_million(count, self.tokens),
            documents: self.docs[i],
            dispersion: self.dp.get(i).copied().unwrap_or(f32::NAN),
        }
    }

    /// Words that occur, most frequent first, ties alphabetical.
    pub fn ranked(&self) -> Vec<TermId> {
        let mut ids: Vec<TermId> = (0..self.freq.len() as TermId)
            .filter(|&t| self.freq[t as usize] > 0)
            .collect();
        ids.par_sort_unstable_by(|&x, &y| {
            self.freq[y as usize]
                .cmp(&self.freq[x as usize])
                .then(x.cmp(&y))
        });
        ids
    }
}

/// Occurrences per million tokens.
pub fn per_million(count: u64, tokens: u64) -> f64 {
    if tokens == 0 {
        0.0
    } else {
        count as f64 * 1e6 / tokens as f64
    }
}

/// Per-worker tallies: frequencies, document counts and the last document seen per word.
struct Tally {
    freq: Vec<u32>,
    docs: Vec<u32>,
    last: Vec<DocId>,
    tokens: u64,
}

/// Counts the words of the documents in `set`; with `dispersion`, also DP over them.
/// Returns `None` if cancelled.
pub fn counts(a: &Analysis, set: &DocSet, dispersion: bool, ctx: &JobCtx) -> Option<Counts> {
    if !a.has_tokens() {
        return Some(counts_from_postings(a, set, dispersion));
    }
    let n = a.vocab.len();
    let docs: Vec<DocId> = set.iter().collect();
    let chunk = docs
        .len()
        .div_ceil(rayon::current_num_threads() * 2)
        .max(256);
    let tallies: Vec<Tally> = docs
        .par_chunks(chunk)
        .map(|ds| {
            let mut t = Tally {
                freq: vec![0; n],
                docs: vec![0; n],
                last: vec![DocId::MAX; n],
                tokens: 0,
            };
            for &d in ds {
                if ctx.is_cancelled() {
                    break;
                }
                let r = a.doc_range(d);
                t.tokens += r.len() as u64;
                for &w in &a.stream[r] {
                    let w = w as usize;
                    t.freq[w] += 1;
                    if t.last[w] != d {
                        t.last[w] = d;
                        t.docs[w] += 1;
                    }
                }
            }
            t
        })
        .collect();
    if ctx.is_cancelled() {
        return None;
    }
    let mut freq = vec![0u32; n];
    let mut dfreq = vec![0u32; n];
    let mut tokens = 0;
    for t in &tallies {
        for i in 0..n {
            freq[i] += t.freq[i];
            dfreq[i] += t.docs[i];
        }
        tokens += t.tokens;
    }
    drop(tallies);
    let dp = if dispersion {
        subset_dp(a, &docs, &freq, tokens)
    } else {
        Vec::new()
    };
    Some(Counts {
        freq,
        docs: dfreq,
        dp,
        tokens,
        documents: docs.len(),
    })
}

/// [`counts`] from the postings, for counts without a token stream (exported tables): each
/// word's occurrences in the documents of `set`, word by word.
fn counts_from_postings(a: &Analysis, set: &DocSet, dispersion: bool) -> Counts {
    let tokens: u64 = set
        .iter()
        .map(|d| u64::from(a.doc_tokens[d as usize]))
        .sum();
    let total = tokens as f64;
    let per_word: Vec<(u32, u32, f32)> = (0..a.vocab.len() as TermId)
        .into_par_iter()
        .map(|t| {
            let (mut f, mut docs) = (0u32, 0u32);
            for (d, c) in a.postings(t) {
                if set.contains(d) {
                    f += c;
                    docs += 1;
                }
            }
            if !dispersion || f == 0 || tokens == 0 {
                return (f, docs, 0.0);
            }
            let (mut gap, mut covered) = (0f64, 0f64);
            for (d, c) in a.postings(t) {
                if set.contains(d) {
                    let s = f64::from(a.doc_tokens[d as usize]) / total;
                    gap += (f64::from(c) / f64::from(f) - s).abs();
                    covered += s;
                }
            }
            (f, docs, (0.5 * (gap + (1.0 - covered).max(0.0))) as f32)
        })
        .collect();
    Counts {
        freq: per_word.iter().map(|x| x.0).collect(),
        docs: per_word.iter().map(|x| x.1).collect(),
        dp: if dispersion {
            per_word.iter().map(|x| x.2).collect()
        } else {
            Vec::new()
        },
        tokens,
        documents: set.len(),
    }
}

/// Gries's DP over the given documents (see [`super::analyze`] for the definition): the sum of
/// |share of the word's occurrences − share of tokens| over documents holding the word, plus the
/// token shares of documents without it, halved.
fn subset_dp(a: &Analysis, docs: &[DocId], freq: &[u32], tokens: u64) -> Vec<f32> {
    let n = freq.len();
    if tokens == 0 {
        return vec![0.0; n];
    }
    let total = tokens as f64;
    let chunk = docs
        .len()
        .div_ceil(rayon::current_num_threads() * 2)
        .max(256);
    let parts: Vec<(Vec<f64>, Vec<f64>)> = docs
        .par_chunks(chunk)
        .map(|ds| {
            let mut gap = vec![0f64; n];
            let mut covered = vec![0f64; n];
            let mut ids: Vec<TermId> = Vec::new();
            for &d in ds {
                let r = a.doc_range(d);
                let s = r.len() as f64 / total;
                ids.clear();
                ids.extend_from_slice(&a.stream[r]);
                ids.sort_unstable();
                for run in ids.chunk_by(|x, y| x == y) {
                    let w = run[0] as usize;
                    gap[w] += (run.len() as f64 / freq[w] as f64 - s).abs();
                    covered[w] += s;
                }
            }
            (gap, covered)
        })
        .collect();
    (0..n)
        .map(|w| {
            let (g, c) = parts
                .iter()
                .fold((0.0, 0.0), |(g, c), p| (g + p.0[w], c + p.1[w]));
            (0.5 * (g + (1.0 - c).max(0.0))) as f32
        })
        .collect()
}

/// The `n` most frequent words of a document, stop-words (`stop`, indexed by [`TermId`]) and
/// numbers left out, most first with ties in vocabulary order; empty for an unknown document.
pub fn doc_top_words(a: &Analysis, stop: &[bool], doc: DocId, n: usize) -> Vec<(TermId, u32)> {
    if doc as usize >= a.doc_tokens.len() {
        return Vec::new();
    }
    let mut ids: Vec<TermId> = a.stream[a.doc_range(doc)]
        .iter()
        .copied()
        .filter(|&t| !stop.get(t as usize).copied().unwrap_or(false))
        .filter(|&t| !super::tokenize::is_number(&a.vocab[t as usize]))
        .collect();
    ids.sort_unstable();
    let mut counts: Vec<(TermId, u32)> = ids
        .chunk_by(|x, y| x == y)
        .map(|r| (r[0], r.len() as u32))
        .collect();
    counts.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    counts.truncate(n);
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysis(texts: &[&str]) -> Analysis {
        crate::analysis::test_analysis(texts).1
    }

    #[test]
    fn counts_without_tokens_equal_counts_from_the_tokens() {
        let a = analysis(&["a b a c", "b b d", "a", "c d e f", "f f a"]);
        let docs: Vec<Vec<(TermId, u32)>> = (0..5)
            .map(|d| {
                let mut ids: Vec<TermId> = a.stream[a.doc_range(d)].to_vec();
                ids.sort_unstable();
                ids.chunk_by(|x, y| x == y)
                    .map(|r| (r[0], r.len() as u32))
                    .collect()
            })
            .collect();
        let b = Analysis::from_counts(a.vocab.clone(), &docs);
        let set = DocSet::from_ids(5, [0, 3, 4]);
        let ctx = JobCtx::detached();
        let (x, y) = (
            counts(&a, &set, true, &ctx).unwrap(),
            counts(&b, &set, true, &ctx).unwrap(),
        );
        assert_eq!((x.freq, x.docs, x.tokens), (y.freq, y.docs, y.tokens));
        assert_eq!(x.documents, y.documents);
        for (p, q) in x.dp.iter().zip(&y.dp) {
            assert!((p - q).abs() < 1e-6, "{p} {q}");
        }
    }

    #[test]
    fn whole_set_matches_the_analysis() {
        let a = analysis(&["a b a c", "b b d", "a", "c d e f"]);
        let all = counts(&a, &DocSet::all(4), true, &JobCtx::detached()).unwrap();
        let whole = Counts::whole(&a);
        assert_eq!(all.freq, whole.freq);
        assert_eq!(all.docs, whole.docs);
        assert_eq!(all.tokens, 12);
        for (x, y) in all.dp.iter().zip(&whole.dp) {
            assert!((x - y).abs() < 1e-6, "{x} vs {y}");
        }
    }

    #[test]
    fn subset_counts_by_hand() {
        let a = analysis(&["a b a c", "b b d", "a", "c d e f"]);
        // Documents 0 and 2: "a b a c" + "a", 5 tokens; shares 0.8 and 0.2.
        let s = counts(&a, &DocSet::from_ids(4, [0, 2]), true, &JobCtx::detached()).unwrap();
        let ta = a.term("a").unwrap() as usize;
        let tb = a.term("b").unwrap() as usize;
        let td = a.term("d").unwrap() as usize;
        assert_eq!((s.freq[ta], s.docs[ta]), (3, 2));
        assert_eq!((s.freq[tb], s.docs[tb]), (1, 1));
        assert_eq!(s.freq[td], 0);
        assert_eq!((s.tokens, s.documents), (5, 2));
        // "a": 2/3 in doc 0, 1/3 in doc 2: (|2/3 - .8| + |1/3 - .2|) / 2 = 0.1333…
        assert!((s.dp[ta] - 0.133_333).abs() < 1e-5);
        // "b": all in doc 0: (|1 - .8| + .2) / 2 = 0.2.
        assert!((s.dp[tb] - 0.2).abs() < 1e-6);
        let row = s.row(&a, ta as TermId);
        assert_eq!(row.count, 3);
        assert!((row.per_million - 600_000.0).abs() < 1e-6);
        let ranked = s.ranked();
        assert_eq!(a.vocab[ranked[0] as usize], "a");
        assert_eq!(ranked.len(), 3);
    }

    #[test]
    fn a_documents_top_words_leave_out_stop_words_and_numbers() {
        let a = analysis(&[
            "the oil price and the oil tax rose 5 percent, oil 5",
            "tax tax",
        ]);
        let stop: Vec<bool> = a.vocab.iter().map(|w| w == "the" || w == "and").collect();
        let named = |rows: Vec<(TermId, u32)>| -> Vec<(String, u32)> {
            rows.into_iter()
                .map(|(t, c)| (a.vocab[t as usize].clone(), c))
                .collect()
        };
        let top = named(doc_top_words(&a, &stop, 0, 3));
        // Ties (price, rose, tax, percent: once each) come in vocabulary order.
        assert_eq!(
            top,
            [
                ("oil".to_string(), 3),
                ("percent".to_string(), 1),
                ("price".to_string(), 1)
            ]
        );
        assert_eq!(
            named(doc_top_words(&a, &stop, 1, 5)),
            [("tax".to_string(), 2)]
        );
        assert!(doc_top_words(&a, &stop, 2, 5).is_empty());
        // Without a stop list, "the" (twice) ranks second.
        assert_eq!(doc_top_words(&a, &[], 0, 2)[1], (a.term("the").unwrap(), 2));
    }
}
