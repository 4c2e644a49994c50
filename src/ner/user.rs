//! Lists of names matched case-sensitively on token boundaries, longest match first: a user's
//! own list, always recognised and winning over the model; and the built-in list of
//! organisations known by a short name ("Uber", "BBC"), which makes a mention an organisation.

use super::features::{TITLE, hash_bytes, hash_lower};
use super::gazetteer::{self, Gazetteer, phrase_step};
use super::rules::last_names;
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
    /// lines starting with '#' are skipped. Each name also matches in capitals, as headlines
    /// write it ("ACME WIDGETS").
    pub fn parse(list: &str) -> UserNames {
        let mut both = String::with_capacity(list.len() * 2);
        for line in list.lines() {
            both.push_str(line);
            both.push('\n');
            let name = line.trim();
            if !name.is_empty() && !name.starts_with('#') {
                let (n, t) = match name.rsplit_once('\t').or_else(|| name.rsplit_once(", ")) {
                    Some((n, t)) if EntityType::parse(t).is_some() => (n, Some(t)),
                    _ => (name, None),
                };
                let upper = n.to_uppercase();
                if upper != n {
                    both.push_str(&upper);
                    if let Some(t) = t {
                        both.push('\t');
                        both.push_str(t);
                    }
                    both.push('\n');
                }
            }
        }
        UserNames::parse_typed(&both, None)
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
            include_str!("../../assets/ner/lexicons/known_orgs.txt"),
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
    /// listed name ("Sony Australia") is kept as the model found it. A later mention that is
    /// the first or last word of a listed name found before it is that organisation too (see
    /// `short_forms_of_known`).
    pub fn apply_known(
        &self,
        text: &str,
        toks: &[Tok],
        gaz: &Gazetteer,
        found: Vec<Mention>,
    ) -> Vec<Mention> {
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
        short_forms_of_known(text, &listed, gaz, &mut out);
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

/// A mention that is the first or last word of a listed name of several words found earlier
/// in the text is a short form of that organisation ("E.F. Hutton … Hutton said", "Merrill
/// Lynch … Merrill"), unless it is the family name of a person named in full in the text, or
/// the word is a place's, a title or a common head noun ("General" of "General Motors").
fn short_forms_of_known(
    text: &str,
    listed: &[(usize, usize, Option<EntityType>)],
    gaz: &Gazetteer,
    out: &mut [Mention],
) {
    const NOT_SHORT: u32 = gazetteer::HEADS
        | 1 << gazetteer::COUNTRY
        | 1 << gazetteer::CITY
        | 1 << gazetteer::STATE
        | 1 << gazetteer::NATIONALITY
        | 1 << gazetteer::CONTINENT;
    // (word, where the name it comes from ends)
    let mut short: Vec<(&str, usize)> = Vec::new();
    let mut buf = String::new();
    for &(s, e, _) in listed {
        let words: Vec<&str> = text.get(s..e).unwrap_or("").split_whitespace().collect();
        if let [first, .., last] = words.as_slice() {
            for w in [*first, *last] {
                let word = w.chars().filter(char::is_ascii_alphabetic).count() >= 4
                    && w.starts_with(char::is_uppercase)
                    && w.chars().all(char::is_alphabetic);
                let title = gaz.word(hash_lower(w, &mut buf)).flags & TITLE != 0;
                if word && !title && gaz.lists(w) & NOT_SHORT == 0 {
                    short.push((w, e));
                }
            }
        }
    }
    if short.is_empty() {
        return;
    }
    let word = |m: &Mention| text.get(m.start..m.end).unwrap_or("");
    let people = last_names(text, out);
    for m in out.iter_mut() {
        let w = word(m);
        if m.kind != EntityType::Org
            && people.binary_search(&w).is_err()
            && short.iter().any(|&(s, e)| s == w && e <= m.start)
        {
            m.kind = EntityType::Org;
        }
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
    use crate::ner::rules::tests::{mention_at as at, texts};
    use crate::ner::tokens::tokenize_document;

    fn known(text: &str, found: Vec<Mention>) -> Vec<(&'static str, String)> {
        let mut toks = Vec::new();
        tokenize_document(text, &mut toks);
        let gaz = Gazetteer::builtin();
        let found = UserNames::known_organisations().apply_known(text, &toks, &gaz, found);
        texts(text, &found)
            .into_iter()
            .map(|(k, t)| (k, t.to_string()))
            .collect()
    }

    /// A name the user listed is found in a headline written in capitals, with its type.
    #[test]
    fn user_names_match_in_capitals_too() {
        let rec = crate::ner::Recognizer::english().with_user_names("Vellmark Foundry\tORG\n");
        let text = "VELLMARK FOUNDRY CUTS JOBS\nVellmark Foundry said on Monday it would close.";
        let found: Vec<(&str, &str)> = rec
            .recognize(text)
            .iter()
            .map(|m| (m.kind.label(), &text[m.start..m.end]))
            .filter(|(_, t)| t.to_lowercase() == "vellmark foundry")
            .collect();
        assert_eq!(
            found,
            [("ORG", "VELLMARK FOUNDRY"), ("ORG", "Vellmark Foundry")]
        );
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
                    General\nElectric and General Motors. S/P rated it.";
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
                // Reuters' short form of Standard and Poor's, an other name 88 times.
                ("ORG", "S/P".to_string()),
            ]
        );
    }

    /// Reuters' "E.F. Hutton … Hutton said" left a person "Hutton" (75 mentions).
    #[test]
    fn a_word_of_a_known_organisations_name_later_in_the_text_is_that_organisation() {
        let text = "Hutton spoke. E.F. Hutton and Merrill Lynch and General Motors rose; Hutton, \
                    Merrill and General said. John Merrill of Dean Witter and Witter agreed.";
        // The `k`-th occurrence of `w`, as a person.
        let nth = |w: &str, k: usize| {
            let start = text.match_indices(w).nth(k).unwrap().0;
            Mention {
                start,
                end: start + w.len(),
                kind: EntityType::Person,
            }
        };
        let found = vec![
            nth("Hutton", 0),
            nth("Merrill Lynch", 0),
            nth("Hutton", 2),
            nth("Merrill", 1),
            nth("General", 1),
            nth("John Merrill", 0),
            nth("Witter", 1),
        ];
        let found = known(text, found);
        assert_eq!(
            found,
            [
                // Before the full name, the word is still the model's.
                ("PERSON", "Hutton".to_string()),
                ("ORG", "E.F. Hutton".to_string()),
                ("ORG", "Merrill Lynch".to_string()),
                ("ORG", "General Motors".to_string()),
                ("ORG", "Hutton".to_string()),
                // "Merrill" is also the family name of John Merrill here.
                ("PERSON", "Merrill".to_string()),
                // "General" is a head noun, not a short name.
                ("PERSON", "General".to_string()),
                ("PERSON", "John Merrill".to_string()),
                ("ORG", "Dean Witter".to_string()),
                ("ORG", "Witter".to_string()),
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
