//! Name lists (countries, cities, first names, family names, company suffixes, international
//! organisations, head nouns of names…) matched as token phrases; a match becomes a feature
//! for the model, never a decision.
//!
//! Phrases are keyed by a hash of their tokens' lowercase hashes, with every proper prefix
//! stored too, so a scan stops at the first token that cannot continue any phrase. A word
//! table answers, in one lookup per token, what else the tagger needs of a word: its cluster,
//! whether it is a function word or a title, and whether a phrase can start with it.

use super::clusters;
use super::features::{STOP, TITLE, hash_bytes, hash_lower, mix};
use super::tokens::{Tok, tokenize};
use crate::analysis::stopwords::StopWords;
use rustc_hash::FxHashMap;

/// The lists, by bit: a token's gazetteer mask has bit `k` when a list-`k` phrase starts there
/// and bit `16 + k` when one continues through it.
pub const COUNTRY: u32 = 0;
/// Cities and capitals.
pub const CITY: u32 = 1;
/// US states.
pub const STATE: u32 = 2;
/// Nationalities and demonyms.
pub const NATIONALITY: u32 = 3;
/// Given names.
pub const FIRST_NAME: u32 = 4;
/// Company legal forms ("Inc", "Ltd", "AG").
pub const ORG_SUFFIX: u32 = 5;
/// Large companies.
pub const COMPANY: u32 = 6;
/// International organisations.
pub const INTL_ORG: u32 = 7;
/// Continents and world regions.
pub const CONTINENT: u32 = 8;
/// Family names.
pub const SURNAME: u32 = 9;
/// Head nouns of other names ("War", "Treaty", "Cup").
pub const MISC_HEAD: u32 = 10;
/// Head nouns of place names ("River", "Sea", "Park").
pub const LOC_HEAD: u32 = 11;
/// Head nouns of organisation names ("University", "Party", "Ministry").
pub const ORG_HEAD: u32 = 12;
/// The bits of the three head-noun lists.
pub const HEADS: u32 = 1 << MISC_HEAD | 1 << LOC_HEAD | 1 << ORG_HEAD;

const MAX_LEN: usize = 8;

#[derive(Clone, Copy, Default)]
struct Entry {
    lists: u16,
    prefix: bool,
}

/// What the tagger knows of one word (by the hash of its lowercase form).
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct Word {
    /// Its cluster (see [`clusters`]); 0 when unknown.
    pub cluster: u16,
    /// [`STOP`] and [`TITLE`].
    pub flags: u8,
    /// The lists of the phrase of this word alone.
    pub lists: u16,
    /// Some listed phrase of several words starts with this word.
    pub more: bool,
}

impl Word {
    /// Some listed phrase starts with this word.
    pub fn begins(&self) -> bool {
        self.lists != 0 || self.more
    }
}

/// Titles before a name.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "president",
    "minister", "premier", "chancellor", "senator", "sen", "rep", "gov", "governor", "king",
    "queen", "prince", "princess", "pope", "general", "gen", "col", "capt", "judge", "mayor",
    "secretary", "chairman", "ambassador", "coach", "striker", "captain", "rev", "father",
    "sheikh", "ayatollah",
];

/// A set of phrase lists.
#[derive(Default)]
pub struct Gazetteer {
    phrases: FxHashMap<u64, Entry>,
    stop: StopWords,
    words: FxHashMap<u64, Word>,
}

/// Hash of a phrase extended by one more token.
#[inline]
pub fn phrase_step(h: u64, tok: u64) -> u64 {
    mix(h.rotate_left(23) ^ 0x5bd1_e995, tok)
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Gazetteer {
    /// The lists that ship with Quarry.
    pub fn builtin() -> Gazetteer {
        let mut g = Gazetteer {
            stop: StopWords::english(),
            ..Gazetteer::default()
        };
        let lex = |name: &str| -> &'static str {
            match name {
                "countries" => include_str!("../../assets/ner/lexicons/countries.tsv"),
                "nationalities" => include_str!("../../assets/ner/lexicons/nationalities.tsv"),
                "states" => include_str!("../../assets/ner/lexicons/us_states.tsv"),
                "continents" => include_str!("../../assets/ner/lexicons/continents.tsv"),
                "cities" => include_str!("../../assets/ner/lexicons/cities.txt"),
                "first" => include_str!("../../assets/ner/lexicons/first_names.txt"),
                "suffixes" => include_str!("../../assets/ner/lexicons/legal_suffixes.txt"),
                "companies" => include_str!("../../assets/ner/lexicons/companies.txt"),
                "surnames" => include_str!("../../assets/ner/lexicons/surnames.txt"),
                "heads" => include_str!("../../assets/ner/lexicons/name_heads.tsv"),
                _ => include_str!("../../assets/ner/lexicons/intl_orgs.txt"),
            }
        };
        for l in lines(lex("countries")) {
            let f: Vec<&str> = l.split('\t').collect();
            if let Some(name) = f.get(1) {
                g.add(name, COUNTRY);
            }
            if let Some(cap) = f.get(3) {
                g.add(cap, CITY);
            }
        }
        for (file, list) in [
            ("nationalities", NATIONALITY),
            ("states", STATE),
            ("continents", CONTINENT),
        ] {
            for l in lines(lex(file)) {
                if let Some(name) = l.split('\t').nth(1) {
                    g.add(name, list);
                }
            }
        }
        for l in lines(lex("heads")) {
            let (word, list) = match l.split_once('\t') {
                Some((w, "MISC")) => (w, MISC_HEAD),
                Some((w, "LOC")) => (w, LOC_HEAD),
                Some((w, "ORG")) => (w, ORG_HEAD),
                _ => continue,
            };
            g.add(word, list);
        }
        for (file, list) in [
            ("surnames", SURNAME),
            ("cities", CITY),
            ("first", FIRST_NAME),
            ("suffixes", ORG_SUFFIX),
            ("companies", COMPANY),
            ("intl", INTL_ORG),
        ] {
            for l in lines(lex(file)) {
                g.add(l, list);
            }
        }
        for region in [
            "Middle East",
            "Latin America",
            "Balkans",
            "Caribbean",
            "Scandinavia",
        ] {
            g.add(region, CONTINENT);
        }
        g.index_words(clusters::builtin());
        g
    }

    /// Fills the word table from the stop list, the titles and `clusters` (phrase starts are
    /// recorded as phrases are added).
    pub fn index_words(&mut self, clusters: &clusters::Clusters) {
        for (h, c) in clusters.iter() {
            self.words.entry(h).or_default().cluster = c;
        }
        for w in self.stop.iter() {
            self.words
                .entry(hash_bytes(w.as_bytes()))
                .or_default()
                .flags |= STOP;
        }
        for w in TITLES {
            self.words
                .entry(hash_bytes(w.as_bytes()))
                .or_default()
                .flags |= TITLE;
        }
    }

    /// What is known of the word whose lowercase hash is `lower`.
    #[inline]
    pub fn word(&self, lower: u64) -> Word {
        self.words.get(&lower).copied().unwrap_or_default()
    }

    /// True when `word` (lowercase) is a common English function word.
    pub fn is_stop(&self, word: &str) -> bool {
        self.stop.contains(word)
    }

    /// The head-noun lists ([`HEADS`]) that the single word `word` belongs to.
    pub fn head_lists(&self, word: &str) -> u32 {
        self.lists(word) & HEADS
    }

    /// The lists (a bit per list) that the single word `word`, any case, belongs to.
    pub fn lists(&self, word: &str) -> u32 {
        self.lists_with(word, &mut String::new())
    }

    /// [`Gazetteer::lists`] with a buffer for the lowercase, reused from call to call.
    pub fn lists_with(&self, word: &str, buf: &mut String) -> u32 {
        let h = phrase_step(0, hash_lower(word, buf));
        self.phrases.get(&h).map_or(0, |e| e.lists as u32)
    }

    /// Adds a phrase to list `list`.
    pub fn add(&mut self, phrase: &str, list: u32) {
        let mut toks: Vec<Tok> = Vec::new();
        tokenize(phrase, &mut toks);
        if toks.is_empty() || toks.len() > MAX_LEN {
            return;
        }
        let mut buf = String::new();
        let mut h = 0;
        for (k, t) in toks.iter().enumerate() {
            let w = hash_lower(&phrase[t.start as usize..t.end as usize], &mut buf);
            h = phrase_step(h, w);
            let e = self.phrases.entry(h).or_default();
            if k + 1 == toks.len() {
                e.lists |= 1 << list;
            } else {
                e.prefix = true;
            }
            // The first step is also kept in the word table, read for every token anyway.
            if k == 0 {
                let word = self.words.entry(w).or_default();
                word.lists = e.lists;
                word.more = e.prefix;
            }
        }
    }

    /// Sets the list bits of every token covered by a phrase; `lower` holds the tokens'
    /// lowercase hashes, `lower_init` whether each starts with a lowercase letter (only
    /// company suffixes may start so) and `first` each token's [`Word`] (the phrase of the word
    /// alone, and whether longer ones start with it), default where not looked up.
    pub fn mark(&self, lower: &[u64], lower_init: &[bool], first: &[Word], out: &mut [u32]) {
        let n = lower
            .len()
            .min(out.len())
            .min(lower_init.len())
            .min(first.len());
        for i in 0..n {
            let word = first[i];
            if !word.begins() {
                continue;
            }
            let mut set = |lists: u16, j: usize| {
                let mut lists = lists as u32;
                if lower_init[i] {
                    lists &= 1 << ORG_SUFFIX;
                }
                if lists != 0 {
                    out[i] |= lists;
                    for o in &mut out[i + 1..=j] {
                        *o |= lists << 16;
                    }
                }
            };
            set(word.lists, i);
            if !word.more {
                continue;
            }
            let mut h = phrase_step(0, lower[i]);
            for (j, &w) in lower
                .iter()
                .enumerate()
                .take(n.min(i + MAX_LEN))
                .skip(i + 1)
            {
                h = phrase_step(h, w);
                let Some(e) = self.phrases.get(&h) else {
                    break;
                };
                set(e.lists, j);
                if !e.prefix {
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Gazetteer::mark`] as it reads every step, the first one too, from the phrase table.
    fn mark_from_phrases(g: &Gazetteer, lower: &[u64], lower_init: &[bool], out: &mut [u32]) {
        for i in 0..lower.len() {
            let mut h = 0;
            for j in i..lower.len().min(i + MAX_LEN) {
                h = phrase_step(h, lower[j]);
                let Some(e) = g.phrases.get(&h) else { break };
                let mut lists = e.lists as u32;
                if lower_init[i] {
                    lists &= 1 << ORG_SUFFIX;
                }
                if lists != 0 {
                    out[i] |= lists;
                    for o in &mut out[i + 1..=j] {
                        *o |= lists << 16;
                    }
                }
                if !e.prefix {
                    break;
                }
            }
        }
    }

    #[test]
    fn phrases_start_from_the_word_table_as_from_the_phrase_table() {
        let g = Gazetteer::builtin();
        let text = "John Smith of New York flew from Buenos Aires to the United States with \
                    General Motors Corp and the International Monetary Fund ltd, via Paris.";
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        let mut buf = String::new();
        let lower: Vec<u64> = toks
            .iter()
            .map(|t| hash_lower(&text[t.start as usize..t.end as usize], &mut buf))
            .collect();
        let lower_init: Vec<bool> = toks
            .iter()
            .map(|t| text.as_bytes()[t.start as usize].is_ascii_lowercase())
            .collect();
        let first: Vec<Word> = lower.iter().map(|&h| g.word(h)).collect();
        let (mut fast, mut slow) = (vec![0; toks.len()], vec![0; toks.len()]);
        g.mark(&lower, &lower_init, &first, &mut fast);
        mark_from_phrases(&g, &lower, &lower_init, &mut slow);
        assert_eq!(fast, slow);
        let at = |w: &str| {
            toks.iter()
                .position(|t| &text[t.start as usize..t.end as usize] == w)
        };
        let bits = |w: &str| at(w).map_or(0, |i| fast[i]);
        assert_ne!(bits("Buenos") & 1 << CITY, 0);
        assert_ne!(bits("Aires") & 1 << (CITY + 16), 0);
        assert_ne!(bits("Paris") & 1 << CITY, 0);
        assert_ne!(bits("John") & 1 << FIRST_NAME, 0);
    }
}
