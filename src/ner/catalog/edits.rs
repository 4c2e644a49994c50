//! The user's corrections to the entity list: merge, split off, rename, retype, hide. They are
//! keyed by normalised names, so they survive reloading the corpus, and are applied after the
//! automatic alias rules.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Corrections for one corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Edits {
    /// Entity key → the key of the entity it is merged into.
    pub merges: BTreeMap<String, String>,
    /// Keys that must stay on their own (undoes an automatic alias).
    pub splits: BTreeSet<String>,
    /// Entity key → display name.
    pub names: BTreeMap<String, String>,
    /// Entity key → type label ("PERSON", "ORG", "PLACE", "MISC").
    pub kinds: BTreeMap<String, String>,
    /// Keys of entities to leave out of every view.
    pub hidden: BTreeSet<String>,
}

impl Edits {
    /// Whether nothing has been changed.
    pub fn is_empty(&self) -> bool {
        self.merges.is_empty()
            && self.splits.is_empty()
            && self.names.is_empty()
            && self.kinds.is_empty()
            && self.hidden.is_empty()
    }

    /// Follows merges from `key` to the entity it ends up in (cycles stop where they repeat).
    pub fn resolve<'a>(&'a self, key: &'a str) -> &'a str {
        let mut k = key;
        for _ in 0..32 {
            match self.merges.get(k) {
                Some(next) if next != k => k = next,
                _ => break,
            }
        }
        k
    }

    /// Merges `from` into `into`.
    pub fn merge(&mut self, from: &str, into: &str) {
        if from != into {
            self.splits.remove(from);
            self.merges.insert(from.to_string(), into.to_string());
        }
    }

    /// Splits `key` off whatever it was merged into, by the user or by an alias rule.
    pub fn split(&mut self, key: &str) {
        self.merges.remove(key);
        self.splits.insert(key.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_resolve_and_split() {
        let mut e = Edits::default();
        assert!(e.is_empty());
        e.merge("zelensky", "zelenskiy");
        e.merge("zelenskyy", "zelensky");
        assert_eq!(e.resolve("zelenskyy"), "zelenskiy");
        e.merge("a", "b");
        e.merge("b", "a");
        // A cycle ends instead of looping.
        let r = e.resolve("a");
        assert!(r == "a" || r == "b");
        e.split("zelensky");
        assert_eq!(e.resolve("zelensky"), "zelensky");
        assert!(e.splits.contains("zelensky"));
        let text = ron_like(&e);
        assert!(text.contains("zelenskyy"));
    }

    fn ron_like(e: &Edits) -> String {
        serde_json::to_string(e).unwrap()
    }
}
