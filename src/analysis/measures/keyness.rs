//! Keyness: how much more (or less) often a word occurs in a target corpus than in a
//! reference corpus.
//!
//! Arguments are always `(a, b, c, d)`: a = frequency in the target, b = frequency in the
//! reference, c = target size (tokens), d = reference size (tokens).

use super::g2_term;
use serde::{Deserialize, Serialize};

/// Frequency put in place of a zero in [`log_ratio`].
pub const LOG_RATIO_ZERO: f64 = 0.5;

/// Whether a word is relatively more or less frequent in the target than in the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Direction {
    /// Relatively more frequent in the target (a/c > b/d): a positive keyword.
    Over,
    /// Relatively less frequent in the target (a/c < b/d): a negative keyword.
    Under,
    /// Same relative frequency, or nothing to compare.
    Same,
}

/// Log-likelihood keyness, G² = 2·(a·ln(a/E1) + b·ln(b/E2)) with E1 = c·(a+b)/(c+d) and
/// E2 = d·(a+b)/(c+d).
///
/// Rayson & Garside (2000), "Comparing corpora using frequency profiling", *Proceedings of the
/// Workshop on Comparing Corpora* (ACL 2000). The form sums over the two cells of the word only.
/// A zero frequency contributes 0 (the limit of a·ln a); returns 0 when a + b = 0 or either
/// corpus is empty. Always ≥ 0; see [`signed_keyness_ll`] and [`keyness_direction`].
pub fn keyness_ll(a: f64, b: f64, c: f64, d: f64) -> f64 {
    if a + b <= 0.0 || c <= 0.0 || d <= 0.0 {
        return 0.0;
    }
    let e1 = c * (a + b) / (c + d);
    let e2 = d * (a + b) / (c + d);
    (2.0 * (g2_term(a, e1) + g2_term(b, e2))).max(0.0)
}

/// Over- or under-use of the word in the target, comparing a/c with b/d.
///
/// [`Direction::Same`] when either corpus is empty or the relative frequencies are equal.
pub fn keyness_direction(a: f64, b: f64, c: f64, d: f64) -> Direction {
    if c <= 0.0 || d <= 0.0 {
        return Direction::Same;
    }
    // a/c vs b/d without dividing.
    let (x, y) = (a * d, b * c);
    if x > y {
        Direction::Over
    } else if x < y {
        Direction::Under
    } else {
        Direction::Same
    }
}

/// [`keyness_ll`] with the sign of [`keyness_direction`]: positive for over-use in the target,
/// negative for under-use, 0 when the same.
pub fn signed_keyness_ll(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let g2 = keyness_ll(a, b, c, d);
    match keyness_direction(a, b, c, d) {
        Direction::Over => g2,
        Direction::Under => -g2,
        Direction::Same => 0.0,
    }
}

/// Log ratio = log2((a/c) / (b/d)): the binary log of the ratio of relative frequencies, so
/// each point is a doubling (+1: twice as frequent in the target; −1: half as frequent).
///
/// Hardie (2014), "Log Ratio — an informal introduction", ESRC Centre for Corpus Approaches to
/// Social Science (CASS). Zero-frequency correction: a frequency of 0 is replaced by
/// [`LOG_RATIO_ZERO`] (0.5) before dividing, so a word absent from one corpus gets a large but
/// finite score. Returns 0 when a = b = 0 or either corpus is empty.
pub fn log_ratio(a: f64, b: f64, c: f64, d: f64) -> f64 {
    if (a <= 0.0 && b <= 0.0) || c <= 0.0 || d <= 0.0 {
        return 0.0;
    }
    let fix = |f: f64| if f > 0.0 { f } else { LOG_RATIO_ZERO };
    ((fix(a) / c) / (fix(b) / d)).log2()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: f64, want: f64) {
        assert!((got - want).abs() < 1e-9, "got {got}, want {want}");
    }

    #[test]
    fn keyness_ll_by_hand() {
        // a = 10, b = 5, c = 1000, d = 2000: E1 = 1000·15/3000 = 5, E2 = 2000·15/3000 = 10.
        // G² = 2·(10 ln 2 + 5 ln 0.5) = 10 ln 2.
        close(keyness_ll(10.0, 5.0, 1000.0, 2000.0), 6.931471805599453);
        assert_eq!(
            keyness_direction(10.0, 5.0, 1000.0, 2000.0),
            Direction::Over
        );
        close(
            signed_keyness_ll(10.0, 5.0, 1000.0, 2000.0),
            6.931471805599453,
        );
        // Swapped corpora: same G², under-use.
        close(keyness_ll(5.0, 10.0, 2000.0, 1000.0), 6.931471805599453);
        assert_eq!(
            keyness_direction(5.0, 10.0, 2000.0, 1000.0),
            Direction::Under
        );
        close(
            signed_keyness_ll(5.0, 10.0, 2000.0, 1000.0),
            -6.931471805599453,
        );
    }

    #[test]
    fn keyness_ll_with_a_zero() {
        // a = 3, b = 0, c = d = 100: E1 = 1.5, b contributes 0; G² = 2·3 ln 2.
        close(keyness_ll(3.0, 0.0, 100.0, 100.0), 4.1588830833596715);
        // Same relative frequency: no keyness.
        close(keyness_ll(4.0, 8.0, 100.0, 200.0), 0.0);
        assert_eq!(signed_keyness_ll(4.0, 8.0, 100.0, 200.0), 0.0);
        assert_eq!(keyness_direction(4.0, 8.0, 100.0, 200.0), Direction::Same);
    }

    #[test]
    fn log_ratio_by_hand() {
        // (10/1000) / (5/2000) = 4.
        close(log_ratio(10.0, 5.0, 1000.0, 2000.0), 2.0);
        close(log_ratio(5.0, 10.0, 2000.0, 1000.0), -2.0);
        // b = 0 becomes 0.5: (3/100) / (0.5/100) = 6.
        close(log_ratio(3.0, 0.0, 100.0, 100.0), 2.584962500721156);
        close(log_ratio(0.0, 3.0, 100.0, 100.0), -2.584962500721156);
    }

    #[test]
    fn degenerate_inputs_are_zero() {
        for (a, b, c, d) in [
            (0.0, 0.0, 100.0, 100.0),
            (3.0, 2.0, 0.0, 100.0),
            (3.0, 2.0, 100.0, 0.0),
            (0.0, 0.0, 0.0, 0.0),
        ] {
            assert_eq!(keyness_ll(a, b, c, d), 0.0);
            assert_eq!(signed_keyness_ll(a, b, c, d), 0.0);
            assert_eq!(log_ratio(a, b, c, d), 0.0);
        }
        assert_eq!(keyness_direction(1.0, 1.0, 0.0, 5.0), Direction::Same);
    }
}
