//! Stop-word lists: words too common to tell documents apart.

use rustc_hash::FxHashSet;

/// The English list shipped with Quarry (301 words).
pub const ENGLISH: &str = include_str!("../../assets/stopwords/en.txt");
/// The larger English list (about 1,300 words).
pub const ENGLISH_LARGE: &str = include_str!("../../assets/stopwords/en-large.txt");

/// A set of stop-words, lowercase.
#[derive(Debug, Clone, Default)]
pub struct StopWords {
    words: FxHashSet<String>,
}

impl StopWords {
    /// Builds a set from whitespace-separated words.
    pub fn parse(list: &str) -> Self {
        Self {
            words: list.split_whitespace().map(str::to_lowercase).collect(),
        }
    }

    /// The default English list.
    pub fn english() -> Self {
        Self::parse(ENGLISH)
    }

    /// The larger English list.
    pub fn english_large() -> Self {
        Self::parse(ENGLISH_LARGE)
    }

    /// True when `word` (lowercase) is a stop-word.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// The words, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }

    /// Number of words in the list.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when the list is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_list_has_function_words_only() {
        let s = StopWords::english();
        assert!(s.len() > 250);
        assert!(s.contains("the") && s.contains("and"));
        assert!(!s.contains("ukraine"));
        assert!(StopWords::parse(ENGLISH_LARGE).len() > s.len());
    }
}
