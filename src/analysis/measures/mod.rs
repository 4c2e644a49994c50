//! Association and dispersion statistics computed from counts.
//!
//! Every function here is pure and works on `f64` counts, so callers can feed it counts of
//! words, entities or anything else. Degenerate inputs (zero counts, empty corpora) never
//! produce NaN or infinity: each function documents the finite value it returns instead.
//!
//! - [`Contingency`]: the 2×2 table behind a pair of items, observed and expected.
//! - Collocation strength: [`mi`], [`t_score`], [`log_likelihood`], [`log_dice`], [`pmi`],
//!   [`npmi`], [`jaccard`], [`dice`]; [`Association`] picks one by name.
//! - Keyness of a word in a target corpus against a reference corpus: [`keyness_ll`],
//!   [`signed_keyness_ll`], [`log_ratio`].
//! - Dispersion over the parts of a corpus: [`DpContext`] (Gries's DP, its normalised form,
//!   Juilland's D), working from sparse per-part counts.

mod association;
mod choice;
mod dispersion;
mod keyness;

pub use association::{dice, jaccard, log_dice, log_likelihood, mi, npmi, pmi, t_score};
pub use choice::{Association, ParseAssociationError};
pub use dispersion::DpContext;
pub use keyness::{
    Direction, LOG_RATIO_ZERO, keyness_direction, keyness_ll, log_ratio, signed_keyness_ll,
};

/// Observed and expected frequencies of the 2×2 contingency table of a pair (x, y).
///
/// | | y | not y | |
/// |---|---|---|---|
/// | **x** | O11 | O12 | R1 = f1 |
/// | **not x** | O21 | O22 | R2 |
/// | | C1 = f2 | C2 | N |
///
/// Expected counts under independence are Eij = Ri·Cj / N (Evert 2005, *The Statistics of
/// Word Cooccurrences: Word Pairs and Collocations*, ch. 3).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Contingency {
    /// Observed cells, row by row: [O11, O12, O21, O22].
    pub observed: [f64; 4],
    /// Expected cells under independence, same order.
    pub expected: [f64; 4],
    /// Sample size N.
    pub n: f64,
}

impl Contingency {
    /// Builds the table from the joint count `o11`, the marginals `f1` (x, row total R1) and
    /// `f2` (y, column total C1) and the sample size `n`.
    ///
    /// O12 = f1 − O11, O21 = f2 − O11, O22 = N − f1 − f2 + O11. Inconsistent inputs (a cell
    /// that would be negative) are clamped to 0; with N = 0 every expected cell is 0.
    pub fn new(o11: f64, f1: f64, f2: f64, n: f64) -> Self {
        let o11 = o11.max(0.0);
        let o12 = (f1 - o11).max(0.0);
        let o21 = (f2 - o11).max(0.0);
        let o22 = (n - f1 - f2 + o11).max(0.0);
        let (r1, r2) = (f1, (n - f1).max(0.0));
        let (c1, c2) = (f2, (n - f2).max(0.0));
        let expected = if n > 0.0 {
            [r1 * c1 / n, r1 * c2 / n, r2 * c1 / n, r2 * c2 / n]
        } else {
            [0.0; 4]
        };
        Contingency {
            observed: [o11, o12, o21, o22],
            expected,
            n,
        }
    }

    /// Observed joint count O11.
    pub fn o11(&self) -> f64 {
        self.observed[0]
    }

    /// Expected joint count E11 = R1·C1 / N.
    pub fn e11(&self) -> f64 {
        self.expected[0]
    }
}

/// `a / b`, or 0 when `b` is not positive.
fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

/// `o · ln(o / e)`, the term of a G² sum; 0 when `o` or `e` is not positive (the limit for
/// o → 0; e = 0 with o > 0 cannot occur in a consistent table).
fn g2_term(o: f64, e: f64) -> f64 {
    if o > 0.0 && e > 0.0 {
        o * (o / e).ln()
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contingency_cells() {
        // o11 = 10, f1 = 20, f2 = 50, N = 1000.
        let t = Contingency::new(10.0, 20.0, 50.0, 1000.0);
        assert_eq!(t.observed, [10.0, 10.0, 40.0, 940.0]);
        // E11 = 20·50/1000, E12 = 20·950/1000, E21 = 980·50/1000, E22 = 980·950/1000.
        assert_eq!(t.expected, [1.0, 19.0, 49.0, 931.0]);
        assert_eq!(t.o11(), 10.0);
        assert_eq!(t.e11(), 1.0);
    }

    #[test]
    fn contingency_degenerate() {
        let t = Contingency::new(0.0, 0.0, 0.0, 0.0);
        assert_eq!(t.observed, [0.0; 4]);
        assert_eq!(t.expected, [0.0; 4]);
        // Joint count larger than a marginal: clamped, never negative.
        let t = Contingency::new(5.0, 3.0, 4.0, 6.0);
        assert!(t.observed.iter().all(|&c| c >= 0.0));
    }
}
