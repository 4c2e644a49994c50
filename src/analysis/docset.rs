//! A set of documents as a bitmap: the selection (a word's documents, a date range, a filter)
//! that every panel follows.

use super::DocId;

/// A set of document ids below a fixed universe size.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocSet {
    bits: Vec<u64>,
    universe: usize,
    count: usize,
}

impl DocSet {
    /// No documents, out of `universe`.
    pub fn empty(universe: usize) -> Self {
        Self {
            bits: vec![0; universe.div_ceil(64)],
            universe,
            count: 0,
        }
    }

    /// Every document of `universe`.
    pub fn all(universe: usize) -> Self {
        let mut s = Self::empty(universe);
        for d in 0..universe {
            s.bits[d / 64] |= 1 << (d % 64);
        }
        s.count = universe;
        s
    }

    /// The given ids (those outside the universe are ignored).
    pub fn from_ids(universe: usize, ids: impl IntoIterator<Item = DocId>) -> Self {
        let mut s = Self::empty(universe);
        for d in ids {
            s.insert(d);
        }
        s
    }

    /// The documents for which `keep` is true.
    pub fn from_fn(universe: usize, keep: impl Fn(DocId) -> bool) -> Self {
        Self::from_ids(universe, (0..universe as DocId).filter(|&d| keep(d)))
    }

    /// Adds a document.
    pub fn insert(&mut self, d: DocId) {
        let d = d as usize;
        if d < self.universe && self.bits[d / 64] & (1 << (d % 64)) == 0 {
            self.bits[d / 64] |= 1 << (d % 64);
            self.count += 1;
        }
    }

    /// Whether the set holds a document.
    #[inline]
    pub fn contains(&self, d: DocId) -> bool {
        let d = d as usize;
        d < self.universe && self.bits[d / 64] & (1 << (d % 64)) != 0
    }

    /// Documents in the set.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Number of documents the set is drawn from.
    pub fn universe(&self) -> usize {
        self.universe
    }

    /// Whether every document is in the set.
    pub fn is_all(&self) -> bool {
        self.count == self.universe
    }

    /// Documents in both sets.
    pub fn intersect(&self, other: &DocSet) -> DocSet {
        let bits: Vec<u64> = self
            .bits
            .iter()
            .zip(&other.bits)
            .map(|(a, b)| a & b)
            .collect();
        let count = bits.iter().map(|w| w.count_ones() as usize).sum();
        DocSet {
            bits,
            universe: self.universe.min(other.universe),
            count,
        }
    }

    /// Documents not in the set.
    pub fn complement(&self) -> DocSet {
        let mut out = DocSet::all(self.universe);
        for (o, b) in out.bits.iter_mut().zip(&self.bits) {
            *o &= !b;
        }
        out.count = self.universe - self.count;
        out
    }

    /// Ids in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = DocId> + '_ {
        self.bits.iter().enumerate().flat_map(|(i, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let b = w.trailing_zeros();
                w &= w - 1;
                Some((i * 64) as DocId + b)
            })
        })
    }

    /// Ids in increasing order, collected.
    pub fn to_vec(&self) -> Vec<DocId> {
        self.iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        let a = DocSet::from_ids(130, [0, 5, 64, 129, 200]);
        assert_eq!(a.len(), 4);
        assert_eq!(a.to_vec(), [0, 5, 64, 129]);
        assert!(a.contains(64) && !a.contains(63) && !a.contains(200));
        let b = DocSet::from_fn(130, |d| d % 5 == 0);
        assert_eq!(a.intersect(&b).to_vec(), [0, 5]);
        let c = a.complement();
        assert_eq!(c.len(), 126);
        assert!(!c.contains(5) && c.contains(6) && c.contains(128));
        assert_eq!(c.iter().count(), 126);
        assert!(DocSet::all(130).is_all());
        assert!(DocSet::empty(3).is_empty());
    }
}
