//! Keyness: which words a set of documents (the target: a date range, a filter) uses more or
//! less than the rest of the corpus (the reference), by log-likelihood with log ratio as the
//! effect size (see [`super::measures`] for both definitions).

use super::counts::Counts;
use super::measures::{log_ratio, signed_keyness_ll};
use super::{Analysis, TermId};
use serde::Serialize;

/// One word's keyness.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyword {
    /// The word.
    pub word: String,
    /// Its id.
    #[serde(skip)]
    pub term: TermId,
    /// Occurrences in the target.
    pub target: u64,
    /// Occurrences in the reference.
    pub reference: u64,
    /// Log-likelihood G², positive when over-used in the target, negative when under-used.
    pub ll: f64,
    /// Log ratio (binary log of the ratio of relative frequencies).
    pub log_ratio: f64,
}

/// Keywords of the target against the reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyness {
    /// Tokens in the target.
    pub target_tokens: u64,
    /// Tokens in the reference.
    pub reference_tokens: u64,
    /// Over-used words, strongest first.
    pub over: Vec<Keyword>,
    /// Under-used words, strongest first.
    pub under: Vec<Keyword>,
}

/// Critical G² for p < 0.05 with one degree of freedom.
pub const LL_P05: f64 = 3.84;

/// Compares `target` counts with the rest of the corpus. Words must occur at least `min_freq`
/// times in target and reference together, and reach `min_ll` (use [`LL_P05`] for p < 0.05);
/// `skip` leaves words out (stop-words).
pub fn keyness(
    a: &Analysis,
    target: &Counts,
    min_freq: u64,
    min_ll: f64,
    skip: &dyn Fn(TermId) -> bool,
) -> Keyness {
    let c = target.tokens as f64;
    let ref_tokens = a.total_tokens.saturating_sub(target.tokens);
    let d = ref_tokens as f64;
    let mut over = Vec::new();
    let mut under = Vec::new();
    for t in 0..a.vocab.len() as TermId {
        let ta = target.freq[t as usize] as u64;
        let tb = a.freq[t as usize].saturating_sub(ta);
        if ta + tb < min_freq.max(1) || skip(t) {
            continue;
        }
        let ll = signed_keyness_ll(ta as f64, tb as f64, c, d);
        if ll.abs() < min_ll {
            continue;
        }
        let k = Keyword {
            word: a.vocab[t as usize].clone(),
            term: t,
            target: ta,
            reference: tb,
            ll,
            log_ratio: log_ratio(ta as f64, tb as f64, c, d),
        };
        if ll > 0.0 {
            over.push(k)
        } else {
            under.push(k)
        }
    }
    over.sort_by(|x, y| y.ll.total_cmp(&x.ll).then(x.term.cmp(&y.term)));
    under.sort_by(|x, y| x.ll.total_cmp(&y.ll).then(x.term.cmp(&y.term)));
    Keyness {
        target_tokens: target.tokens,
        reference_tokens: ref_tokens,
        over,
        under,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::analysis::counts::counts;
    use crate::analysis::docset::DocSet;
    use crate::corpus::{Corpus, Document};
    use crate::jobs::JobCtx;

    #[test]
    fn over_and_under_used_by_hand() {
        let texts = [
            "sanctions sanctions sanctions talks",
            "talks talks talks vote",
            "talks vote vote vote",
        ];
        let c = Corpus {
            docs: texts
                .iter()
                .map(|t| Document {
                    text: (*t).into(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        };
        let a = analyze(&c, &JobCtx::detached()).unwrap();
        let target = counts(&a, &DocSet::from_ids(3, [0]), false, &JobCtx::detached()).unwrap();
        let k = keyness(&a, &target, 1, 0.0, &|_| false);
        assert_eq!((k.target_tokens, k.reference_tokens), (4, 8));
        assert_eq!(k.over[0].word, "sanctions");
        // a=3, b=0, c=4, d=8: E1 = 4·3/12 = 1, G² = 2·3·ln(3/1) = 6.5917…
        assert!((k.over[0].ll - 2.0 * 3.0 * 3f64.ln()).abs() < 1e-9);
        // Log ratio with b corrected to 0.5: log2((3/4)/(0.5/8)) = log2(12).
        assert!((k.over[0].log_ratio - 12f64.log2()).abs() < 1e-9);
        let talks = k.under.iter().find(|w| w.word == "talks").unwrap();
        assert_eq!((talks.target, talks.reference), (1, 4));
        assert!(talks.ll < 0.0);
        // A threshold drops weak words.
        let strict = keyness(&a, &target, 1, LL_P05, &|_| false);
        assert!(strict.under.iter().all(|w| w.ll.abs() >= LL_P05));
        let skipped = keyness(&a, &target, 1, 0.0, &|t| a.vocab[t as usize] == "sanctions");
        assert!(skipped.over.iter().all(|w| w.word != "sanctions"));
    }
}
