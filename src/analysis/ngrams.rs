//! N-grams: runs of 2 to 4 consecutive words inside a sentence, counted over the corpus or a
//! set of documents.

use super::docset::DocSet;
use super::tokenize::Break;
use super::{Analysis, DocId, TermId};
use crate::jobs::JobCtx;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Longest n-gram counted.
pub const MAX_N: usize = 4;

/// What to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NgramOptions {
    /// Words per n-gram, 2 to 4.
    pub n: usize,
    /// Leave out n-grams seen fewer times.
    pub min_count: u32,
    /// Leave out n-grams that start or end with a stop-word ("of the", "the UN").
    pub skip_stop_edges: bool,
    /// Leave out n-grams that hold a number.
    pub skip_numbers: bool,
}

impl Default for NgramOptions {
    fn default() -> Self {
        Self {
            n: 2,
            min_count: 2,
            skip_stop_edges: true,
            skip_numbers: false,
        }
    }
}

/// One n-gram and its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ngram {
    /// Word ids, in order (unused slots are `TermId::MAX`).
    pub terms: [TermId; MAX_N],
    /// Occurrences.
    pub count: u32,
    /// Documents it occurs in.
    pub documents: u32,
}

impl Ngram {
    /// The words, in order.
    pub fn words(&self) -> impl Iterator<Item = TermId> + '_ {
        self.terms.iter().copied().take_while(|&t| t != TermId::MAX)
    }

    /// The n-gram as text, words joined by spaces.
    pub fn text(&self, a: &Analysis) -> String {
        let words: Vec<&str> = self.words().map(|t| a.vocab[t as usize].as_str()).collect();
        words.join(" ")
    }
}

fn key(terms: &[TermId]) -> u128 {
    let mut k = 0u128;
    for i in 0..MAX_N {
        k = (k << 32) | terms.get(i).copied().unwrap_or(TermId::MAX) as u128;
    }
    k
}

fn unkey(k: u128) -> [TermId; MAX_N] {
    let mut t = [0; MAX_N];
    for (i, slot) in t.iter_mut().enumerate() {
        *slot = (k >> (32 * (MAX_N - 1 - i))) as TermId;
    }
    t
}

/// (count, documents, last document seen)
type Counts = FxHashMap<u128, (u32, u32, DocId)>;

/// Shards per worker; a power of two.
const SHARDS: usize = 16;

/// The shard of a key: high bits of a multiplicative hash of its words.
fn shard(k: u128) -> usize {
    let h = ((k as u64) ^ ((k >> 64) as u64)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 60) as usize & (SHARDS - 1)
}

/// Counts n-grams, most frequent first (ties in word order); `None` if cancelled.
pub fn ngrams(
    a: &Analysis,
    opts: &NgramOptions,
    within: Option<&DocSet>,
    ctx: &JobCtx,
) -> Option<Vec<Ngram>> {
    let n = opts.n.clamp(2, MAX_N);
    let number: Vec<bool> = if opts.skip_numbers {
        a.vocab
            .iter()
            .map(|w| super::tokenize::is_number(w))
            .collect()
    } else {
        Vec::new()
    };
    let docs: Vec<DocId> = match within {
        Some(s) => s.iter().collect(),
        None => (0..a.doc_tokens.len() as DocId).collect(),
    };
    let chunk = docs
        .len()
        .div_ceil(rayon::current_num_threads() * 4)
        .max(64);
    // Each worker splits its counts into shards by key, so shards merge in parallel.
    let maps: Vec<Vec<Counts>> = docs
        .par_chunks(chunk)
        .map(|ds| {
            let mut m: Vec<Counts> = (0..SHARDS).map(|_| Counts::default()).collect();
            for &d in ds {
                if ctx.is_cancelled() {
                    break;
                }
                let r = a.doc_range(d);
                let mut run_start = r.start;
                for p in r.clone() {
                    if a.brk(p) != Break::None {
                        run_start = p;
                    }
                    if p + 1 < run_start + n {
                        continue;
                    }
                    let g = &a.stream[p + 1 - n..=p];
                    if opts.skip_stop_edges
                        && (a.is_stop[g[0] as usize] || a.is_stop[g[n - 1] as usize])
                    {
                        continue;
                    }
                    if opts.skip_numbers && g.iter().any(|&t| number[t as usize]) {
                        continue;
                    }
                    let k = key(g);
                    let e = m[shard(k)].entry(k).or_insert((0, 0, DocId::MAX));
                    e.0 += 1;
                    if e.2 != d {
                        e.2 = d;
                        e.1 += 1;
                    }
                }
            }
            m
        })
        .collect();
    if ctx.is_cancelled() {
        return None;
    }
    // Transpose to shard-major, then merge each shard on its own thread. Workers hold
    // disjoint documents, so document counts add up.
    let mut by_shard: Vec<Vec<Counts>> = (0..SHARDS).map(|_| Vec::new()).collect();
    for worker in maps {
        for (s, m) in worker.into_iter().enumerate() {
            by_shard[s].push(m);
        }
    }
    let merged: Vec<Vec<Ngram>> = by_shard
        .into_par_iter()
        .map(|parts| {
            let mut parts = parts.into_iter();
            let mut all = parts.next().unwrap_or_default();
            for m in parts {
                for (k, (c, dc, _)) in m {
                    let e = all.entry(k).or_insert((0, 0, 0));
                    e.0 += c;
                    e.1 += dc;
                }
            }
            all.into_iter()
                .filter(|(_, (c, _, _))| *c >= opts.min_count)
                .map(|(k, (count, documents, _))| Ngram {
                    terms: unkey(k),
                    count,
                    documents,
                })
                .collect()
        })
        .collect();
    let mut out: Vec<Ngram> = merged.into_iter().flatten().collect();
    out.par_sort_unstable_by(|x, y| y.count.cmp(&x.count).then(x.terms.cmp(&y.terms)));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysis(texts: &[&str]) -> Analysis {
        crate::analysis::test_analysis(texts).1
    }

    fn texts(a: &Analysis, g: &[Ngram]) -> Vec<(String, u32, u32)> {
        g.iter()
            .map(|g| (g.text(a), g.count, g.documents))
            .collect()
    }

    #[test]
    fn bigrams_stay_inside_sentences() {
        let a = analysis(&[
            "Security council vote. Council vote again",
            "security council vote",
        ]);
        let opts = NgramOptions {
            n: 2,
            min_count: 1,
            skip_stop_edges: false,
            skip_numbers: false,
        };
        let g = ngrams(&a, &opts, None, &JobCtx::detached()).unwrap();
        assert_eq!(
            texts(&a, &g),
            [
                ("council vote".to_string(), 3, 2),
                ("security council".to_string(), 2, 2),
                ("vote again".to_string(), 1, 1),
            ]
        );
        let tri = NgramOptions { n: 3, ..opts };
        let g = ngrams(&a, &tri, None, &JobCtx::detached()).unwrap();
        assert_eq!(
            texts(&a, &g),
            [
                ("security council vote".to_string(), 2, 2),
                ("council vote again".to_string(), 1, 1)
            ]
        );
        let only_first = DocSet::from_ids(2, [0]);
        let g = ngrams(&a, &opts, Some(&only_first), &JobCtx::detached()).unwrap();
        assert_eq!(g[0].count, 2);
        assert_eq!(g.len(), 3);
    }

    /// On Reuters "united states" counted 1,117 as a phrase and 1,130 in the Concordance: a
    /// hard-wrapped line such as "…Nakasone and the United" passed for a headline, so the
    /// phrase was cut at its line break.
    #[test]
    fn a_phrase_wrapped_over_two_lines_counts_as_the_concordance_finds_it() {
        let a = analysis(&[
            "Trade talks\n\n    Prime Minister Yasuhiro Nakasone of Japan and the United\nStates \
             agreed on Tuesday. The United States said so.",
            "Officials in Tokyo said the United States would act.",
        ]);
        let opts = NgramOptions {
            n: 2,
            min_count: 1,
            skip_stop_edges: true,
            skip_numbers: false,
        };
        let g = ngrams(&a, &opts, None, &JobCtx::detached()).unwrap();
        let phrase = g.iter().find(|g| g.text(&a) == "united states").unwrap();
        let q = crate::analysis::kwic::Query::parse("united states", &a).unwrap();
        let hits = crate::analysis::kwic::search(&a, &q, None);
        assert_eq!(hits.len(), 3);
        assert_eq!(phrase.count as usize, hits.len());
    }

    #[test]
    fn stop_word_edges_min_count_and_numbers() {
        let a = analysis(&["the prime minister of the country said 5 times the prime minister"]);
        let opts = NgramOptions {
            n: 2,
            min_count: 1,
            skip_stop_edges: true,
            skip_numbers: true,
        };
        let g = ngrams(&a, &opts, None, &JobCtx::detached()).unwrap();
        let t = texts(&a, &g);
        assert_eq!(t[0], ("prime minister".to_string(), 2, 1));
        assert!(
            t.iter()
                .all(|(s, _, _)| !s.contains("the") && !s.contains('5'))
        );
        let g = ngrams(
            &a,
            &NgramOptions {
                min_count: 2,
                ..opts
            },
            None,
            &JobCtx::detached(),
        )
        .unwrap();
        assert_eq!(g.len(), 1);
        let four = NgramOptions {
            n: 4,
            min_count: 1,
            skip_stop_edges: false,
            skip_numbers: false,
        };
        let g = ngrams(&a, &four, None, &JobCtx::detached()).unwrap();
        assert_eq!(g.len(), 9);
        assert_eq!(g[0].text(&a), "5 times the prime");
        assert!(g.iter().all(|g| g.count == 1));
    }
}
