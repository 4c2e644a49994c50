//! Collocation measures: how strongly two items attract each other, from a 2×2 table.
//!
//! Arguments are always `(o11, f1, f2, n)`: joint count, count of x, count of y, sample size
//! (see [`Contingency`](super::Contingency)).

use super::{Contingency, g2_term, ratio};

/// Mutual information, MI = log2(O11 / E11) with E11 = f1·f2 / N.
///
/// Church & Hanks (1990), "Word association norms, mutual information, and lexicography",
/// *Computational Linguistics* 16(1). Returns 0 when O11 = 0 or E11 = 0 (no co-occurrence,
/// nothing to measure) instead of −∞.
pub fn mi(o11: f64, f1: f64, f2: f64, n: f64) -> f64 {
    let e11 = Contingency::new(o11, f1, f2, n).e11();
    if o11 > 0.0 && e11 > 0.0 {
        (o11 / e11).log2()
    } else {
        0.0
    }
}

/// t-score, t = (O11 − E11) / √O11.
///
/// Church, Gale, Hanks & Hindle (1991), "Using statistics in lexical analysis", in Zernik
/// (ed.), *Lexical Acquisition*. Returns 0 when O11 = 0.
pub fn t_score(o11: f64, f1: f64, f2: f64, n: f64) -> f64 {
    if o11 <= 0.0 {
        return 0.0;
    }
    let e11 = Contingency::new(o11, f1, f2, n).e11();
    (o11 - e11) / o11.sqrt()
}

/// Log-likelihood ratio, G² = 2 Σ Oij · ln(Oij / Eij) over the four cells of the table.
///
/// Dunning (1993), "Accurate methods for the statistics of surprise and coincidence",
/// *Computational Linguistics* 19(1). Cells with O = 0 contribute 0 (the limit of O ln O).
/// Always ≥ 0: it measures surprise, not its direction; see
/// [`Association::LogLikelihood`](super::Association::LogLikelihood) for the signed score.
pub fn log_likelihood(o11: f64, f1: f64, f2: f64, n: f64) -> f64 {
    let t = Contingency::new(o11, f1, f2, n);
    let sum: f64 = t
        .observed
        .iter()
        .zip(&t.expected)
        .map(|(&o, &e)| g2_term(o, e))
        .sum();
    (2.0 * sum).max(0.0)
}

/// logDice = 14 + log2(2·O11 / (f1 + f2)); at most 14, independent of N.
///
/// Rychlý (2008), "A lexicographer-friendly association score", *Proceedings of Recent
/// Advances in Slavonic Natural Language Processing (RASLAN)*. Returns 0 when O11 = 0 or
/// f1 + f2 = 0 instead of −∞.
pub fn log_dice(o11: f64, f1: f64, f2: f64, n: f64) -> f64 {
    let d = dice(o11, f1, f2, n);
    if d > 0.0 { 14.0 + d.log2() } else { 0.0 }
}

/// Pointwise mutual information in bits, PMI = log2(p(x,y) / (p(x)·p(y))) with p(x,y) = O11/N,
/// p(x) = f1/N, p(y) = f2/N.
///
/// Fano (1961), *Transmission of Information*; the same quantity as [`mi`], written in
/// probabilities (the name used in information retrieval and NLP). Returns 0 when any of the
/// probabilities is 0.
pub fn pmi(o11: f64, f1: f64, f2: f64, n: f64) -> f64 {
    if o11 <= 0.0 || f1 <= 0.0 || f2 <= 0.0 || n <= 0.0 {
        return 0.0;
    }
    ((o11 / n) / ((f1 / n) * (f2 / n))).log2()
}

/// Normalised PMI, NPMI = PMI / −log2 p(x,y), in [−1, 1].
///
/// Bouma (2009), "Normalized (pointwise) mutual information in collocation extraction",
/// *Proceedings of GSCL*. Limits are used where the formula is undefined: −1 when O11 = 0
/// (never together), 1 when p(x,y) = 1 (always together), 0 when N, f1 or f2 is 0.
pub fn npmi(o11: f64, f1: f64, f2: f64, n: f64) -> f64 {
    if n <= 0.0 || f1 <= 0.0 || f2 <= 0.0 {
        return 0.0;
    }
    if o11 <= 0.0 {
        return -1.0;
    }
    let h = -(o11 / n).log2();
    if h <= 0.0 {
        return 1.0;
    }
    (pmi(o11, f1, f2, n) / h).clamp(-1.0, 1.0)
}

/// Jaccard index, J = O11 / (f1 + f2 − O11): the share of units holding x or y that hold both.
///
/// Jaccard (1912), "The distribution of the flora in the alpine zone", *New Phytologist*
/// 11(2). Returns 0 when f1 + f2 − O11 ≤ 0.
pub fn jaccard(o11: f64, f1: f64, f2: f64, _n: f64) -> f64 {
    ratio(o11, f1 + f2 - o11)
}

/// Dice coefficient, D = 2·O11 / (f1 + f2).
///
/// Dice (1945), "Measures of the amount of ecologic association between species", *Ecology*
/// 26(3). Returns 0 when f1 + f2 = 0.
pub fn dice(o11: f64, f1: f64, f2: f64, _n: f64) -> f64 {
    ratio(2.0 * o11, f1 + f2)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EPS: f64 = 1e-9;

    fn close(got: f64, want: f64) {
        assert!((got - want).abs() < EPS, "got {got}, want {want}");
    }

    // Table A: O11 = 10, f1 = 20, f2 = 50, N = 1000, so E11 = 1, and
    // O = [10, 10, 40, 940], E = [1, 19, 49, 931].
    const A: (f64, f64, f64, f64) = (10.0, 20.0, 50.0, 1000.0);
    // Table B (repulsion): O11 = 1, f1 = 20, f2 = 100, N = 1000, so E11 = 2, and
    // O = [1, 19, 99, 881], E = [2, 18, 98, 882].
    const B: (f64, f64, f64, f64) = (1.0, 20.0, 100.0, 1000.0);

    type Measure = fn(f64, f64, f64, f64) -> f64;

    fn on(f: Measure, t: (f64, f64, f64, f64)) -> f64 {
        f(t.0, t.1, t.2, t.3)
    }

    #[test]
    fn mi_by_hand() {
        close(on(mi, A), std::f64::consts::LOG2_10); // log2(10 / 1) = 3.321928094887362
        close(on(mi, B), -1.0); // log2(1 / 2)
    }

    #[test]
    fn t_score_by_hand() {
        close(on(t_score, A), 2.846049894151541); // 9 / √10
        close(on(t_score, B), -1.0); // (1 − 2) / √1
    }

    #[test]
    fn log_likelihood_by_hand() {
        // 2·(10 ln 10 + 10 ln(10/19) + 40 ln(40/49) + 940 ln(940/931))
        // = 2·(23.025851 − 6.418539 − 8.117634 + 9.043362)
        close(on(log_likelihood, A), 35.06608083222487);
        // 2·(1 ln(1/2) + 19 ln(19/18) + 99 ln(99/98) + 881 ln(881/882))
        // = 2·(−0.693147 + 1.027277 + 1.005085 − 0.999433)
        close(on(log_likelihood, B), 0.6795638126082175);
    }

    #[test]
    fn log_dice_by_hand() {
        close(on(log_dice, A), 12.192645077942396); // 14 + log2(20 / 70)
        close(log_dice(5.0, 5.0, 5.0, 9.0), 14.0); // always together: the maximum
    }

    #[test]
    fn pmi_and_npmi_by_hand() {
        // p(x,y) = 0.01, p(x) = 0.02, p(y) = 0.05: log2(0.01 / 0.001) = log2 10.
        close(on(pmi, A), std::f64::consts::LOG2_10);
        // log2 10 / −log2 0.01 = log2 10 / (2 log2 10).
        close(on(npmi, A), 0.5);
        // −1 / −log2(0.001)
        close(on(npmi, B), -0.10034333188799373);
    }

    #[test]
    fn jaccard_and_dice_by_hand() {
        close(on(jaccard, A), 1.0 / 6.0); // 10 / (20 + 50 − 10)
        close(on(dice, A), 2.0 / 7.0); // 20 / 70
        close(jaccard(3.0, 3.0, 3.0, 10.0), 1.0);
    }

    #[test]
    fn zero_counts_are_finite_and_documented() {
        // Never together.
        assert_eq!(mi(0.0, 5.0, 5.0, 100.0), 0.0);
        assert_eq!(t_score(0.0, 5.0, 5.0, 100.0), 0.0);
        assert_eq!(log_dice(0.0, 5.0, 5.0, 100.0), 0.0);
        assert_eq!(pmi(0.0, 5.0, 5.0, 100.0), 0.0);
        assert_eq!(npmi(0.0, 5.0, 5.0, 100.0), -1.0);
        assert_eq!(jaccard(0.0, 5.0, 5.0, 100.0), 0.0);
        assert_eq!(dice(0.0, 5.0, 5.0, 100.0), 0.0);
        // G² of a zero joint count is still a finite surprise (E11 = 0.25 here).
        assert!(log_likelihood(0.0, 5.0, 5.0, 100.0).is_finite());
        // Always together in every unit.
        assert_eq!(npmi(4.0, 4.0, 4.0, 4.0), 1.0);
        // Everything zero.
        let all: [Measure; 8] = [
            mi,
            t_score,
            log_likelihood,
            log_dice,
            pmi,
            npmi,
            jaccard,
            dice,
        ];
        for f in all {
            assert_eq!(f(0.0, 0.0, 0.0, 0.0), 0.0);
            for args in [
                (0.0, 3.0, 0.0, 0.0),
                (2.0, 2.0, 2.0, 0.0),
                (1.0, 0.0, 0.0, 5.0),
            ] {
                assert!(f(args.0, args.1, args.2, args.3).is_finite());
            }
        }
    }
}
