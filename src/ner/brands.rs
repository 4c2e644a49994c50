//! Companies, brands and operators known by name (`assets/ner/lexicons/brands.tsv`, built by
//! `scripts/build-brand-list`): a mention the model took for a person whose whole text is a
//! listed name is an organisation ("Zalando", "Hugo Boss"). The list never adds a mention and
//! never turns a place into an organisation; it also gives a name's Wikidata id.

use super::features::{TITLE, hash_lower};
use super::gazetteer::{self, Gazetteer};
use super::{EntityType, Mention};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The listed names, each with its Wikidata item number (0 when the source gave none).
#[derive(Default)]
pub struct Brands {
    names: FxHashMap<Box<str>, u64>,
}

static BUILTIN: OnceLock<Brands> = OnceLock::new();

impl Brands {
    /// The built-in list (parsed once, on first use).
    pub fn builtin() -> &'static Brands {
        BUILTIN.get_or_init(|| Brands::parse(include_str!("../../assets/ner/lexicons/brands.tsv")))
    }

    /// Reads lines of "name" or "name\tQ123"; blank lines and lines starting with '#' are
    /// skipped.
    pub fn parse(list: &str) -> Brands {
        let mut names = FxHashMap::default();
        for line in list.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, id) = line.split_once('\t').unwrap_or((line, ""));
            let id = id
                .trim()
                .strip_prefix('Q')
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0);
            names.insert(name.trim().into(), id);
        }
        Brands { names }
    }

    /// Whether `name` is listed, exactly as written.
    pub fn contains(&self, name: &str) -> bool {
        self.names.contains_key(name)
    }

    /// The Wikidata id of a listed name ("Q491627"), when known.
    pub fn wikidata(&self, name: &str) -> Option<String> {
        match self.names.get(name) {
            Some(&n) if n > 0 => Some(format!("Q{n}")),
            _ => None,
        }
    }

    /// Relabels as organisations the persons of `found` whose text is a listed name. A name
    /// that starts with a given name ("Hugo Boss", "David Jones") is as often a person's: it
    /// changes only when its sentence speaks of a business ("shares", "brand", "sales"…).
    pub fn relabel(&self, text: &str, gaz: &Gazetteer, found: &mut [Mention]) {
        for m in found.iter_mut() {
            if m.kind != EntityType::Person {
                continue;
            }
            let Some(name) = text.get(m.start..m.end).filter(|s| self.contains(s)) else {
                continue;
            };
            let first = name.split(' ').next().unwrap_or(name);
            let person_like =
                name.contains(' ') && gaz.lists(first) & (1 << gazetteer::FIRST_NAME) != 0;
            if (!person_like || business_nearby(text, m)) && !after_title(text, gaz, m) {
                m.kind = EntityType::Org;
            }
        }
    }
}

/// Whether a title stands just before mention `m` ("Emperor Meiji", "Mr Pepsi").
fn after_title(text: &str, gaz: &Gazetteer, m: &Mention) -> bool {
    let before = text[..m.start].trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    !word.is_empty()
        && (gaz.word(hash_lower(word, &mut String::new())).flags & TITLE != 0
            || ["emperor", "empress", "saint", "st"].contains(&lower.as_str()))
}

/// Words that show a sentence speaks of a company.
#[rustfmt::skip]
const BUSINESS: &[&str] = &[
    "brand", "brands", "company", "companies", "group", "retailer", "retailers", "label",
    "shares", "stock", "stake", "sales", "revenue", "profit", "profits", "earnings", "forecast",
    "forecasts", "outlook", "quarter", "stores", "shops", "chain", "maker", "owner", "investors",
    "acquisition", "takeover", "listed", "ipo", "customers", "products", "fashion", "bank",
];

/// Whether the sentence around mention `m` holds a business word.
fn business_nearby(text: &str, m: &Mention) -> bool {
    let stop = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    // At most 300 bytes each side, so a sentence without end costs no more than a short one.
    let mut lo = m.start.saturating_sub(300);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (m.end + 300).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let from = text[lo..m.start].rfind(stop).map_or(lo, |i| lo + i + 1);
    let to = text[m.end..hi].find(stop).map_or(hi, |i| m.end + i);
    let sentence = format!("{} {}", &text[from..m.start], &text[m.end..to]);
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| BUSINESS.contains(&w.to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(text: &str, name: &str, kind: EntityType) -> Mention {
        let start = text.find(name).expect("name in text");
        Mention {
            start,
            end: start + name.len(),
            kind,
        }
    }

    #[test]
    fn a_listed_name_taken_for_a_person_is_an_organisation() {
        let b = Brands::parse("Zalando\nHugo Boss\tQ491627\n");
        let text = "Zalando and Hugo Boss cut their sales forecasts, Anna Berg said.";
        let mut found = vec![
            mention(text, "Zalando", EntityType::Person),
            mention(text, "Hugo Boss", EntityType::Person),
            mention(text, "Anna Berg", EntityType::Person),
        ];
        b.relabel(text, &Gazetteer::builtin(), &mut found);
        let kinds: Vec<EntityType> = found.iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            [EntityType::Org, EntityType::Org, EntityType::Person]
        );
        assert_eq!((found[1].start, found[1].end), (12, 21));
    }

    #[test]
    fn a_listed_name_that_looks_like_a_persons_needs_business_around_it() {
        let b = Brands::parse("David Jones\nHugo Boss\n");
        let text = "By David Jones\nHugo Boss said he was tired. Hugo Boss shares fell.";
        let mut found = vec![
            mention(text, "David Jones", EntityType::Person),
            mention(text, "Hugo Boss said", EntityType::Person),
            mention(text, "Hugo Boss shares", EntityType::Person),
        ];
        found[1].end = found[1].start + "Hugo Boss".len();
        found[2].end = found[2].start + "Hugo Boss".len();
        b.relabel(text, &Gazetteer::builtin(), &mut found);
        let kinds: Vec<EntityType> = found.iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            [EntityType::Person, EntityType::Person, EntityType::Org]
        );
    }

    #[test]
    fn a_listed_name_after_a_title_is_a_person() {
        let b = Brands::parse("Meiji\nPepsi\n");
        let text = "Since Emperor Meiji and Mr Pepsi spoke.";
        let mut found = vec![
            mention(text, "Meiji", EntityType::Person),
            mention(text, "Pepsi", EntityType::Person),
        ];
        b.relabel(text, &Gazetteer::builtin(), &mut found);
        assert!(found.iter().all(|m| m.kind == EntityType::Person));
    }

    #[test]
    fn places_and_partial_names_are_left_as_found() {
        let b = Brands::parse("Berkshire\nHugo Boss\n");
        let text = "Hugo Bossard moved to Berkshire.";
        let mut found = vec![
            mention(text, "Hugo Bossard", EntityType::Person),
            mention(text, "Berkshire", EntityType::Place),
        ];
        b.relabel(text, &Gazetteer::builtin(), &mut found);
        assert_eq!(found[0].kind, EntityType::Person);
        assert_eq!(found[1].kind, EntityType::Place);
    }

    #[test]
    fn wikidata_ids_are_given_only_when_listed() {
        let b = Brands::parse("# a comment\nHugo Boss\tQ491627\nZalando\t\n");
        assert_eq!(b.wikidata("Hugo Boss").as_deref(), Some("Q491627"));
        assert_eq!(b.wikidata("Zalando"), None);
        assert_eq!(b.wikidata("Nobody"), None);
    }

    #[test]
    fn the_builtin_list_holds_recent_companies() {
        let b = Brands::builtin();
        for name in ["Zalando", "Moderna", "Hugo Boss", "Tommy Hilfiger"] {
            assert!(b.contains(name), "{name}");
        }
        // Family names and common words alone are not listed.
        for name in ["Stokes", "Target", "Smith"] {
            assert!(!b.contains(name), "{name}");
        }
    }
}
