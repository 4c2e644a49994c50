//! Dispersion: how evenly a word is spread over the parts of a corpus (documents, years…).
//!
//! [`DpContext`] precomputes what depends only on the parts (O(parts) once), then scores each
//! word from its sparse `(part, count)` pairs in O(parts where the word occurs).

/// Part shares of a corpus, ready to score the dispersion of many words.
///
/// Absent parts (parts not listed in a word's pairs) have a count of 0. They are not visited:
/// their contribution is recovered from precomputed totals, e.g. for DP each absent part adds
/// |0 − s_i| = s_i, and together they add 1 − Σ s_i over the listed parts.
#[derive(Debug, Clone, PartialEq)]
pub struct DpContext {
    /// Size of each part.
    sizes: Vec<f64>,
    /// Share of each part in the corpus, s_i = size_i / total.
    shares: Vec<f64>,
    /// Smallest share, min s_i.
    min_share: f64,
    /// Parts with a positive size (the ones Juilland's D averages over).
    nonempty: usize,
}

impl DpContext {
    /// Precomputes the shares of `part_sizes` (tokens per part; the corpus total is their sum).
    /// Negative sizes count as 0.
    pub fn new(part_sizes: &[f64]) -> Self {
        let sizes: Vec<f64> = part_sizes.iter().map(|&s| s.max(0.0)).collect();
        let total: f64 = sizes.iter().sum();
        let shares: Vec<f64> = sizes
            .iter()
            .map(|&s| if total > 0.0 { s / total } else { 0.0 })
            .collect();
        let min_share = shares.iter().copied().fold(f64::INFINITY, f64::min);
        DpContext {
            nonempty: sizes.iter().filter(|&&s| s > 0.0).count(),
            sizes,
            shares,
            min_share: if min_share.is_finite() {
                min_share
            } else {
                0.0
            },
        }
    }

    /// Number of parts.
    pub fn parts(&self) -> usize {
        self.sizes.len()
    }

    /// The word's usable pairs: known part, positive count. Pairs must name distinct parts.
    fn valid<'a>(&'a self, counts: &'a [(u32, f64)]) -> impl Iterator<Item = (usize, f64)> + 'a {
        counts
            .iter()
            .map(|&(p, c)| (p as usize, c))
            .filter(|&(p, c)| p < self.sizes.len() && c > 0.0)
    }

    /// Gries's deviation of proportions, DP = ½ Σ_i |v_i − s_i|, where v_i is the share of the
    /// word's occurrences in part i and s_i the share of the corpus in part i.
    ///
    /// Gries (2008), "Dispersions and adjusted frequencies in corpora", *International Journal
    /// of Corpus Linguistics* 13(4). 0 = spread exactly like the corpus; 1 − min s_i = all in
    /// the smallest part. `counts` holds `(part index, count)` for the parts where the word
    /// occurs, each part at most once; pairs with an unknown part or a count ≤ 0 are ignored.
    /// A word with no occurrences gets the maximum, 1 − min s_i (0 for an empty corpus).
    pub fn dp(&self, counts: &[(u32, f64)]) -> f64 {
        let f: f64 = self.valid(counts).map(|(_, c)| c).sum();
        if f <= 0.0 {
            return if self.nonempty > 0 {
                1.0 - self.min_share
            } else {
                0.0
            };
        }
        let (mut present, mut listed_share) = (0.0, 0.0);
        for (p, c) in self.valid(counts) {
            present += (c / f - self.shares[p]).abs();
            listed_share += self.shares[p];
        }
        let absent = (1.0 - listed_share).max(0.0);
        (0.5 * (present + absent)).clamp(0.0, 1.0)
    }

    /// Normalised DP, DP_norm = DP / (1 − min s_i), in [0, 1].
    ///
    /// Lijffijt & Gries (2012), "Correction to Stefan Th. Gries, 'Dispersions and adjusted
    /// frequencies in corpora'", *International Journal of Corpus Linguistics* 17(1). Returns 0
    /// when 1 − min s_i = 0 (a single part: nothing can be uneven).
    pub fn dp_norm(&self, counts: &[(u32, f64)]) -> f64 {
        let denom = 1.0 - self.min_share;
        if denom <= 0.0 {
            return 0.0;
        }
        (self.dp(counts) / denom).clamp(0.0, 1.0)
    }

    /// Juilland's D = 1 − V / √(n − 1), where V is the coefficient of variation (population
    /// standard deviation over mean) of the word's relative frequencies p_i = count_i / size_i
    /// in the n parts of positive size; in [0, 1], 1 = perfectly even.
    ///
    /// Juilland & Chang-Rodríguez (1964), *Frequency Dictionary of Spanish Words*; relative
    /// frequencies per part as in Gries (2008) for parts of unequal size. Parts of size 0 are
    /// left out. Returns 1 with fewer than two such parts (nothing to compare) and 0 for a
    /// word with no occurrences.
    pub fn juilland_d(&self, counts: &[(u32, f64)]) -> f64 {
        let n = self.nonempty as f64;
        let (mut sum, mut sum_sq) = (0.0, 0.0);
        for (p, c) in self.valid(counts) {
            if self.sizes[p] > 0.0 {
                let r = c / self.sizes[p];
                sum += r;
                sum_sq += r * r;
            }
        }
        if sum <= 0.0 {
            return 0.0;
        }
        if self.nonempty < 2 {
            return 1.0;
        }
        let mean = sum / n;
        let var = (sum_sq / n - mean * mean).max(0.0);
        let v = var.sqrt() / mean;
        (1.0 - v / (n - 1.0).sqrt()).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: f64, want: f64) {
        assert!((got - want).abs() < 1e-9, "got {got}, want {want}");
    }

    // Parts of 10, 20, 30, 40 tokens: s = 0.1, 0.2, 0.3, 0.4.
    fn ctx() -> DpContext {
        DpContext::new(&[10.0, 20.0, 30.0, 40.0])
    }

    #[test]
    fn dp_by_hand() {
        // 2 occurrences in part 0, 3 in part 2: v = 0.4, 0, 0.6, 0.
        // DP = ½(|0.4 − 0.1| + |0 − 0.2| + |0.6 − 0.3| + |0 − 0.4|) = ½(0.3 + 0.2 + 0.3 + 0.4).
        let w = [(0, 2.0), (2, 3.0)];
        close(ctx().dp(&w), 0.6);
        // DP_norm = 0.6 / (1 − 0.1).
        close(ctx().dp_norm(&w), 0.6 / 0.9);
        // Order of pairs does not matter.
        close(ctx().dp(&[(2, 3.0), (0, 2.0)]), 0.6);
    }

    #[test]
    fn dp_even_and_concentrated() {
        // Proportional to the part sizes: DP = 0.
        close(ctx().dp(&[(0, 1.0), (1, 2.0), (2, 3.0), (3, 4.0)]), 0.0);
        // All in the smallest part: DP = ½(0.9 + 0.2 + 0.3 + 0.4) = 0.9 = 1 − min s.
        close(ctx().dp(&[(0, 7.0)]), 0.9);
        close(ctx().dp_norm(&[(0, 7.0)]), 1.0);
    }

    #[test]
    fn juilland_by_hand() {
        // p = 2/10, 0, 3/30, 0 = 0.2, 0, 0.1, 0; mean = 0.075;
        // var = (0.04 + 0.01)/4 − 0.075² = 0.006875; V = √0.006875 / 0.075 = 1.1055415967851332;
        // D = 1 − V / √3.
        close(ctx().juilland_d(&[(0, 2.0), (2, 3.0)]), 0.3617152614957746);
        close(
            ctx().juilland_d(&[(0, 1.0), (1, 2.0), (2, 3.0), (3, 4.0)]),
            1.0,
        );
    }

    #[test]
    fn edge_cases_are_finite() {
        let c = ctx();
        // No occurrences: maximal unevenness.
        close(c.dp(&[]), 0.9);
        close(c.dp_norm(&[]), 1.0);
        close(c.juilland_d(&[]), 0.0);
        // Unknown parts and zero counts are ignored.
        close(c.dp(&[(0, 2.0), (9, 5.0), (1, 0.0), (2, 3.0)]), 0.6);
        // A single part: nothing can be uneven.
        let one = DpContext::new(&[50.0]);
        close(one.dp(&[(0, 3.0)]), 0.0);
        close(one.dp_norm(&[(0, 3.0)]), 0.0);
        close(one.juilland_d(&[(0, 3.0)]), 1.0);
        // Empty corpus.
        for empty in [DpContext::new(&[]), DpContext::new(&[0.0, 0.0])] {
            for v in [
                empty.dp(&[]),
                empty.dp_norm(&[(0, 1.0)]),
                empty.juilland_d(&[(1, 1.0)]),
            ] {
                assert!(v.is_finite());
            }
            close(empty.dp(&[]), 0.0);
        }
        // An empty part among others: min s = 0, so DP_norm = DP.
        let with_empty = DpContext::new(&[0.0, 50.0, 50.0]);
        close(with_empty.dp(&[(1, 4.0)]), 0.5);
        close(with_empty.dp_norm(&[(1, 4.0)]), 0.5);
        assert_eq!(with_empty.parts(), 3);
    }
}
