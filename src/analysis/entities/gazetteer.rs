//! Name lists (countries, cities, first names, family names, company suffixes, international
//! organisations, head nouns of names…) matched as token phrases; a match becomes a feature
//! for the model, never a decision.
//!
//! Phrases are keyed by a hash of their tokens' lowercase hashes, with every proper prefix
//! stored too, so a scan stops at the first token that cannot continue any phrase.

use super::features::{hash_lower, mix};
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

/// A set of phrase lists.
#[derive(Default)]
pub struct Gazetteer {
    phrases: FxHashMap<u64, Entry>,
    stop: StopWords,
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
                "countries" => include_str!("../../../assets/ner/lexicons/countries.tsv"),
                "nationalities" => include_str!("../../../assets/ner/lexicons/nationalities.tsv"),
                "states" => include_str!("../../../assets/ner/lexicons/us_states.tsv"),
                "continents" => include_str!("../../../assets/ner/lexicons/continents.tsv"),
                "cities" => include_str!("../../../assets/ner/lexicons/cities.txt"),
                "first" => include_str!("../../../assets/ner/lexicons/first_names.txt"),
                "suffixes" => include_str!("../../../assets/ner/lexicons/legal_suffixes.txt"),
                "companies" => include_str!("../../../assets/ner/lexicons/companies.txt"),
                "surnames" => include_str!("../../../assets/ner/lexicons/surnames.txt"),
                "heads" => include_str!("../../../assets/ner/lexicons/name_heads.tsv"),
                _ => include_str!("../../../assets/ner/lexicons/intl_orgs.txt"),
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
        g
    }

    /// True for a common English function word (lowercase).
    pub fn is_stop(&self, lower: &str) -> bool {
        self.stop.contains(lower)
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
            h = phrase_step(
                h,
                hash_lower(&phrase[t.start as usize..t.end as usize], &mut buf),
            );
            let e = self.phrases.entry(h).or_default();
            if k + 1 == toks.len() {
                e.lists |= 1 << list;
            } else {
                e.prefix = true;
            }
        }
    }

    /// Sets the list bits of every token covered by a phrase; `lower` holds the tokens'
    /// lowercase hashes and `lower_init` whether each starts with a lowercase letter (only
    /// company suffixes may start so).
    pub fn mark(&self, lower: &[u64], lower_init: &[bool], out: &mut [u32]) {
        let n = lower.len().min(out.len()).min(lower_init.len());
        for i in 0..n {
            let mut h = 0;
            for j in i..n.min(i + MAX_LEN) {
                h = phrase_step(h, lower[j]);
                let Some(e) = self.phrases.get(&h) else {
                    break;
                };
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
}
