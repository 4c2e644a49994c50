//! Word clusters learned from unlabelled text: words that appear between the same neighbours,
//! written the same way, fall in the same cluster ("Seagal" with "Stallone", "Gdansk" with
//! "Szczecin"), which lets the tagger generalise to words it never saw annotated.
//!
//! The table ships as `assets/ner/clusters.tsv` (word, coarse, fine) and is decoded on first
//! use; `quarry train-clusters` learns it (`train::clusters`, with the `train` feature).

use super::hash::hash_bytes;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Word → cluster, keyed by the hash of the lowercase word.
#[derive(Default)]
pub struct Clusters {
    map: FxHashMap<u64, u16>,
}

static BUILTIN: OnceLock<Clusters> = OnceLock::new();

impl Clusters {
    /// Reads lines of "word\tcoarse\tfine"; a cluster is `1 + coarse * 256 + fine`.
    pub fn parse(s: &str) -> Clusters {
        let mut map = FxHashMap::default();
        for l in s.lines() {
            let mut it = l.split('\t');
            let (Some(w), Some(c), Some(f)) = (it.next(), it.next(), it.next()) else {
                continue;
            };
            let (Ok(c), Ok(f)) = (c.parse::<u16>(), f.parse::<u16>()) else {
                continue;
            };
            map.insert(hash_bytes(w.as_bytes()), 1 + (c.min(254) << 8) + f.min(255));
        }
        Clusters { map }
    }

    /// The cluster of a word by its lowercase hash: 0 when unknown, else `1 + coarse * 256 +
    /// fine`.
    #[inline]
    pub fn get(&self, lower: u64) -> u16 {
        self.map.get(&lower).copied().unwrap_or(0)
    }

    /// Every word's hash and cluster, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, u16)> + '_ {
        self.map.iter().map(|(&h, &c)| (h, c))
    }

    /// How many words have a cluster.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when no word has a cluster.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// The coarse part of a cluster (0 when unknown).
#[inline]
pub fn coarse(c: u16) -> u16 {
    if c == 0 { 0 } else { 1 + ((c - 1) >> 8) }
}

/// The built-in table, or the one [`install`]ed before first use.
pub fn builtin() -> &'static Clusters {
    BUILTIN.get_or_init(|| Clusters::parse(include_str!("../../assets/ner/clusters.tsv")))
}

/// Uses `c` instead of the built-in table; false if a table is already in use.
pub fn install(c: Clusters) -> bool {
    BUILTIN.set(c).is_ok()
}
