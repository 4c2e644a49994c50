//! Lists of names matched case-sensitively on token boundaries, longest match first: a user's
//! own list, always recognised and winning over the model; and the built-in list of
//! organisations known by a short name ("Uber", "BBC"), which makes a mention an organisation.

use super::features::hash_bytes;
use super::gazetteer::phrase_step;
use super::tokens::{Tok, tokenize};
use super::{EntityType, Mention};
use rustc_hash::FxHashMap;

const MAX_LEN: usize = 12;

#[derive(Clone, Copy, Default)]
struct Entry {
    /// Set when a listed name ends here: its type, if one was given.
    name: Option<Option<EntityType>>,
    prefix: bool,
}

/// Names listed by the user, matched case-sensitively on token boundaries.
#[derive(Default)]
pub struct UserNames {
    phrases: FxHashMap<u64, Entry>,
    /// The first bytes of the names: a token starting otherwise starts no match.
    firsts: Vec<bool>,
}

impl UserNames {
    /// Reads one name per line, optionally "\tTYPE" or ", TYPE" after it; blank lines and
    /// lines starting with '#' are skipped.
    pub fn parse(list: &str) -> UserNames {
        UserNames::parse_typed(list, None)
    }

    /// [`UserNames::parse`], with `default` the type of names listed without one.
    fn parse_typed(list: &str, default: Option<EntityType>) -> UserNames {
        let mut u = UserNames::default();
        let mut toks = Vec::new();
        for line in list.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, kind) = match line.rsplit_once('\t').or_else(|| line.rsplit_once(", ")) {
                Some((n, t)) if EntityType::parse(t).is_some() => (n.trim(), EntityType::parse(t)),
                _ => (line, default),
            };
            tokenize(name, &mut toks);
            if toks.is_empty() || toks.len() > MAX_LEN {
                continue;
            }
            if u.firsts.is_empty() {
                u.firsts = vec![false; 256];
            }
            u.firsts[name.as_bytes()[toks[0].start as usize] as usize] = true;
            let mut h = 0;
            for (k, t) in toks.iter().enumerate() {
                h = phrase_step(
                    h,
                    hash_bytes(&name.as_bytes()[t.start as usize..t.end as usize]),
                );
                let e = u.phrases.entry(h).or_default();
                if k + 1 == toks.len() {
                    e.name = Some(kind);
                } else {
                    e.prefix = true;
                }
            }
        }
        u
    }

    /// The built-in organisations known by a short name.
    pub fn known_organisations() -> UserNames {
        UserNames::parse_typed(
            include_str!("../../../assets/ner/lexicons/known_orgs.txt"),
            Some(EntityType::Org),
        )
    }

    /// The listed names in `text`: byte range and type, if one was given; longest first, not
    /// overlapping.
    fn find(&self, text: &str, toks: &[Tok]) -> Vec<(usize, usize, Option<EntityType>)> {
        let mut listed = Vec::new();
        if self.phrases.is_empty() {
            return listed;
        }
        let bytes = text.as_bytes();
        let form = |t: &Tok| hash_bytes(&bytes[t.start as usize..t.end as usize]);
        let mut i = 0;
        while i < toks.len() {
            if !self.firsts[bytes[toks[i].start as usize] as usize] {
                i += 1;
                continue;
            }
            let mut h = 0;
            let mut best = None;
            for (j, t) in toks.iter().enumerate().skip(i).take(MAX_LEN) {
                h = phrase_step(h, form(t));
                let Some(e) = self.phrases.get(&h) else {
                    break;
                };
                if let Some(kind) = e.name {
                    best = Some((j, kind));
                }
                if !e.prefix {
                    break;
                }
            }
            match best {
                Some((j, kind)) => {
                    listed.push((toks[i].start as usize, toks[j].end as usize, kind));
                    i = j + 1;
                }
                None => i += 1,
            }
        }
        listed
    }

    /// Applies the known organisations found in `text` to the model's mentions `found`: a
    /// mention that is exactly a listed name, or lies inside one, gives way to it as an
    /// organisation; a listed name no mention touches is added. A longer mention around a
    /// listed name ("Sony Australia") is kept as the model found it.
    pub fn apply_known(&self, text: &str, toks: &[Tok], found: Vec<Mention>) -> Vec<Mention> {
        let listed = self.find(text, toks);
        if listed.is_empty() {
            return found;
        }
        let mut out = Vec::with_capacity(found.len() + listed.len());
        for &(s, e, _) in &listed {
            if found.iter().all(|m| !overlaps(m, s, e) || within(m, s, e)) {
                out.push(Mention {
                    start: s,
                    end: e,
                    kind: EntityType::Org,
                });
            }
        }
        out.extend(
            found
                .into_iter()
                .filter(|m| !listed.iter().any(|&(s, e, _)| within(m, s, e))),
        );
        out.sort_by_key(|m| (m.start, m.end));
        out
    }

    /// Adds the listed names found in `text` to the model's mentions `found`, dropping model
    /// mentions they overlap.
    pub fn apply(&self, text: &str, toks: &[Tok], found: Vec<Mention>) -> Vec<Mention> {
        let listed = self.find(text, toks);
        if listed.is_empty() {
            return found;
        }
        let mut out: Vec<Mention> = listed
            .iter()
            .map(|&(s, e, kind)| Mention {
                start: s,
                end: e,
                kind: kind.unwrap_or_else(|| {
                    found
                        .iter()
                        .find(|m| overlaps(m, s, e))
                        .map_or(EntityType::Misc, |m| m.kind)
                }),
            })
            .collect();
        out.extend(
            found
                .into_iter()
                .filter(|m| !listed.iter().any(|&(s, e, _)| overlaps(m, s, e))),
        );
        out.sort_by_key(|m| (m.start, m.end));
        out
    }
}

/// Whether mention `m` overlaps bytes `s..e`.
fn overlaps(m: &Mention, s: usize, e: usize) -> bool {
    m.start < e && s < m.end
}

/// Whether mention `m` lies within bytes `s..e`.
fn within(m: &Mention, s: usize, e: usize) -> bool {
    s <= m.start && m.end <= e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::entities::rules::tests::{mention_at as at, texts};
    use crate::analysis::entities::tokens::tokenize_document;

    fn known(text: &str, found: Vec<Mention>) -> Vec<(&'static str, String)> {
        let mut toks = Vec::new();
        tokenize_document(text, &mut toks);
        let found = UserNames::known_organisations().apply_known(text, &toks, found);
        texts(text, &found)
            .into_iter()
            .map(|(k, t)| (k, t.to_string()))
            .collect()
    }

    /// The model took "Uber" for a place and "Huawei" for a person, and missed "BBC".
    #[test]
    fn known_organisations_are_retyped_widened_or_added() {
        let text =
            "Uber, Sony Australia and Goldman Sachs told the BBC that Huawei and amazon sued.";
        let found = vec![
            at(text, "Uber", EntityType::Place),
            at(text, "Sony Australia", EntityType::Org),
            at(text, "Goldman", EntityType::Person),
            at(text, "Huawei", EntityType::Person),
        ];
        assert_eq!(
            known(text, found),
            [
                ("ORG", "Uber".to_string()),
                // A longer name around a listed one stays as the model found it.
                ("ORG", "Sony Australia".to_string()),
                ("ORG", "Goldman Sachs".to_string()),
                ("ORG", "BBC".to_string()),
                ("ORG", "Huawei".to_string()),
            ]
        );
    }

    /// "Standard and Poor's" was an organisation "Standard" and a place "Poor", "General /
    /// Electric" across a line a person "Electric", and a "Reuter survey" a person's.
    #[test]
    fn rating_agencies_and_companies_named_like_titles_are_organisations() {
        let text = "A Reuter survey: Standard and Poor's and Standard & Poor's agree with\n\
                    General\nElectric and General Motors.";
        let found = vec![
            at(text, "Reuter", EntityType::Person),
            at(text, "Standard", EntityType::Org),
            at(text, "Poor", EntityType::Place),
            at(text, "Electric", EntityType::Person),
        ];
        assert_eq!(
            known(text, found),
            [
                ("ORG", "Reuter".to_string()),
                ("ORG", "Standard and Poor".to_string()),
                ("ORG", "Standard & Poor".to_string()),
                ("ORG", "General\nElectric".to_string()),
                ("ORG", "General Motors".to_string()),
            ]
        );
    }

    #[test]
    fn known_names_match_whole_tokens_in_their_own_case() {
        let text = "Uberti met Tesla's rivals; the sony deal and a GOOGLE query.";
        let found = vec![at(text, "Uberti", EntityType::Person)];
        assert_eq!(
            known(text, found),
            [
                ("PERSON", "Uberti".to_string()),
                ("ORG", "Tesla".to_string()),
            ]
        );
    }
}
