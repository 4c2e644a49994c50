//! Collocates of a node word or phrase: words seen within a window of its hits (or in the same
//! sentence), scored by an association measure.
//!
//! Counting follows the window-based definition (Evert 2008, "Corpora and collocations"):
//! O11 = occurrences of the collocate inside the node's windows; R1 = total size of those windows
//! (tokens, the node's own tokens excluded); C1 = the collocate's frequency in the scope; N =
//! tokens in the scope. E11 = R1·C1/N. Dice-family measures use the node's frequency instead of
//! R1. Windows stay inside the hit's document, and in sentence
//! mode inside its sentence, at most [`MAX_SENTENCE_SIDE`] tokens on each side of the hit: a
//! "sentence" of a million tokens (a transcript without punctuation) counts like a long one,
//! not like the whole text.

use super::docset::DocSet;
use super::kwic::{Query, search};
use super::measures::Association;
use super::tokenize::Break;
use super::{Analysis, TermId};
use crate::jobs::JobCtx;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Most tokens on each side of a hit that a sentence span covers: a longer sentence is cut
/// around the hit for counting, so the work per hit stays bounded.
pub const MAX_SENTENCE_SIDE: usize = 150;

/// Where collocates are looked for around each hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Span {
    /// Up to this many tokens on each side.
    Window(u32),
    /// The hit's sentence.
    Sentence,
}

/// One collocate and its scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Collocate {
    /// The word.
    pub word: String,
    /// Its id.
    #[serde(skip)]
    pub term: TermId,
    /// Occurrences within the node's windows (O11).
    pub together: u64,
    /// Of those, how many to the left of the node.
    pub left: u64,
    /// Frequency of the word in the scope (C1).
    pub freq: u64,
    /// Expected co-occurrences under independence (E11).
    pub expected: f64,
    /// The chosen measure.
    pub score: f64,
}

/// Result of a collocation search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Collocates {
    /// Hits of the node.
    pub hits: usize,
    /// Total window size (R1).
    pub window_tokens: u64,
    /// Tokens in the scope (N).
    pub tokens: u64,
    /// Collocates by score, highest first.
    pub rows: Vec<Collocate>,
}

/// Finds the collocates of `node` within `span`, scores them with `measure`, keeps those seen
/// at least `min_count` times together. Scope frequencies come from `freq`/`tokens` (the whole
/// corpus, or counts over `within`). Returns `None` if cancelled.
#[allow(clippy::too_many_arguments)]
pub fn collocates(
    a: &Analysis,
    node: &Query,
    span: Span,
    measure: Association,
    min_count: u64,
    within: Option<&DocSet>,
    freq: &dyn Fn(TermId) -> u64,
    tokens: u64,
    ctx: &JobCtx,
) -> Option<Collocates> {
    let hits = search(a, node, within);
    let mut together: FxHashMap<TermId, (u64, u64)> = FxHashMap::default();
    let mut window_tokens = 0u64;
    for (i, h) in hits.iter().enumerate() {
        if i % 4096 == 0 && ctx.is_cancelled() {
            return None;
        }
        let doc = a.doc_range(h.doc);
        let (first, last) = (h.pos as usize, (h.pos + h.len) as usize);
        let (lo, hi) = match span {
            Span::Window(w) => (
                first.saturating_sub(w as usize).max(doc.start),
                (last + w as usize).min(doc.end),
            ),
            Span::Sentence => {
                let floor = first.saturating_sub(MAX_SENTENCE_SIDE).max(doc.start);
                let mut lo = first;
                while lo > floor && a.brk(lo) == Break::None {
                    lo -= 1;
                }
                let ceiling = (last + MAX_SENTENCE_SIDE).min(doc.end);
                let mut hi = last;
                while hi < ceiling && a.brk(hi) == Break::None {
                    hi += 1;
                }
                (lo, hi)
            }
        };
        for p in (lo..first).chain(last..hi) {
            window_tokens += 1;
            let e = together.entry(a.stream[p]).or_default();
            e.0 += 1;
            if p < first {
                e.1 += 1;
            }
        }
    }
    let n = tokens as f64;
    let r1 = window_tokens as f64;
    // Dice-family measures compare the node's and the collocate's frequencies (Rychlý 2008);
    // the others use the total window size as the node's row total.
    let f1 = match measure {
        Association::LogDice | Association::Dice | Association::Jaccard => hits.len() as f64,
        _ => r1,
    };
    let mut rows: Vec<Collocate> = together
        .into_iter()
        .filter(|&(_, (o, _))| o >= min_count.max(1))
        .map(|(t, (o, left))| {
            let c1 = freq(t).max(o) as f64;
            Collocate {
                word: a.vocab[t as usize].clone(),
                term: t,
                together: o,
                left,
                freq: c1 as u64,
                expected: if n > 0.0 { r1 * c1 / n } else { 0.0 },
                score: measure.score(o as f64, f1, c1, n),
            }
        })
        .collect();
    rows.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(y.together.cmp(&x.together))
            .then(x.term.cmp(&y.term))
    });
    Some(Collocates {
        hits: hits.len(),
        window_tokens,
        tokens,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysis(texts: &[&str]) -> Analysis {
        crate::analysis::test_analysis(texts).1
    }

    fn run(a: &Analysis, node: &str, span: Span, m: Association) -> Collocates {
        let q = Query::parse(node, a).unwrap();
        let f = |t: TermId| a.freq[t as usize];
        collocates(
            a,
            &q,
            span,
            m,
            1,
            None,
            &f,
            a.total_tokens,
            &JobCtx::detached(),
        )
        .unwrap()
    }

    #[test]
    fn window_counts_by_hand() {
        // 10 tokens. Node "council" at positions 1 and 7; window 1 → windows {0,2} and {6,8}.
        let a = analysis(&["security council vote x y z security council met w"]);
        let c = run(&a, "council", Span::Window(1), Association::Count);
        assert_eq!(c.hits, 2);
        assert_eq!(c.window_tokens, 4);
        let sec = c.rows.iter().find(|r| r.word == "security").unwrap();
        assert_eq!((sec.together, sec.left, sec.freq), (2, 2, 2));
        // E11 = R1·C1/N = 4·2/10 = 0.8; MI = log2(2/0.8).
        assert!((sec.expected - 0.8).abs() < 1e-12);
        let mi = run(&a, "council", Span::Window(1), Association::Mi);
        let sec = mi.rows.iter().find(|r| r.word == "security").unwrap();
        assert!((sec.score - (2.0f64 / 0.8).log2()).abs() < 1e-12);
        // logDice = 14 + log2(2·O11 / (f(node) + f(collocate))) = 14 + log2(4 / 4).
        let ld = run(&a, "council", Span::Window(1), Association::LogDice);
        let sec = ld.rows.iter().find(|r| r.word == "security").unwrap();
        assert!((sec.score - 14.0).abs() < 1e-12);
        assert_eq!(mi.rows[0].word, "security");
    }

    #[test]
    fn sentence_span_and_document_edges() {
        let a = analysis(&["alpha node beta. Gamma delta", "node epsilon"]);
        let c = run(&a, "node", Span::Sentence, Association::Count);
        let words: Vec<&str> = c.rows.iter().map(|r| r.word.as_str()).collect();
        assert!(words.contains(&"alpha") && words.contains(&"beta") && words.contains(&"epsilon"));
        assert!(!words.contains(&"gamma"));
        assert_eq!(c.window_tokens, 3);
        let w = run(&a, "node", Span::Window(5), Association::Count);
        // Windows never cross into the other document.
        assert_eq!(w.window_tokens, 4 + 1);
    }

    #[test]
    fn a_sentence_without_end_is_cut_around_the_hit() {
        let long = format!("{} node {}", "a ".repeat(1000), "b ".repeat(1000));
        let a = analysis(&[&long]);
        let c = run(&a, "node", Span::Sentence, Association::Count);
        assert_eq!(c.window_tokens, 2 * MAX_SENTENCE_SIDE as u64);
        let short = run(
            &analysis(&["a b node c. Delta"]),
            "node",
            Span::Sentence,
            Association::Count,
        );
        assert_eq!(short.window_tokens, 3);
    }
}
