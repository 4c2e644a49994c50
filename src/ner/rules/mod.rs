//! Rules applied to the tagger's mentions, in the order [`tidy`] runs them: titles, function
//! words, numerals, eras, generic nouns, signatures and possessives ([`trims`], [`titles`]),
//! page furniture and asset codes ([`furniture`]);
//! people's names completed ([`people`]); and names whose context tells their type
//! ([`other_names`], [`organisations`]). [`surnames_are_people`] then runs over the document's
//! mentions once the tagger's are tidied.

mod furniture;
mod organisations;
mod other_names;
mod people;
mod spans;
mod titles;
mod trims;

use super::Mention;
use super::gazetteer::Gazetteer;
use super::tokens::Tok;
pub(super) use people::{last_names, surnames_are_people};

/// The rules applied to the tagger's mentions before the document-wide ones: titles, function
/// words, numerals, eras, generic nouns, and names whose context tells their type.
#[inline(never)]
pub(super) fn tidy(text: &str, toks: &[Tok], gaz: &Gazetteer, found: &mut Vec<Mention>) {
    titles::titles_make_people(text, gaz, found);
    titles::strip_titles(text, found);
    trims::trim_function_words(text, gaz, found);
    trims::trim_ends(text, found);
    titles::regnal_numbers(text, toks, gaz, found);
    let surnames = last_names(text, found);
    let surname = |m: &Mention| {
        text.get(m.start..m.end)
            .is_some_and(|s| surnames.binary_search(&s).is_ok())
    };
    found.retain(|m| {
        trims::names_something(text, m)
            && !trims::is_signature(text, m)
            && !trims::is_era(text, m)
            && !furniture::is_furniture(text, m)
            && (surname(m) || !trims::is_generic(text, m))
    });
    people::particles_join_names(text, found);
    people::given_names_before_initials(text, gaz, found);
    people::epithets_join_names(text, found);
    people::particles_before_people(text, found);
    other_names::natural_features_are_places(text, found);
    people::roles_make_people(text, gaz, found);
    other_names::events_are_other_names(text, gaz, found);
    other_names::doctrines_are_other_names(text, gaz, found);
    other_names::works_are_other_names(text, found);
    organisations::legal_forms_make_organisations(text, gaz, found);
    organisations::qualifiers_start_organisations(text, found);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::ner::tests::spans;
    use crate::ner::{EntityType, Recognizer};

    pub(crate) fn mention_at(text: &str, w: &str, kind: EntityType) -> Mention {
        let s = text.find(w).unwrap();
        Mention {
            start: s,
            end: s + w.len(),
            kind,
        }
    }

    pub(crate) fn texts<'t>(text: &'t str, found: &[Mention]) -> Vec<(&'static str, &'t str)> {
        found
            .iter()
            .map(|m| (m.kind.label(), &text[m.start..m.end]))
            .collect()
    }

    #[test]
    fn a_generic_noun_that_is_a_surname_stays() {
        let text = "Stephen King wrote it. King said the King of Spain agreed.";
        let got = spans(text, Recognizer::english());
        assert!(got.contains(&("PERSON", "Stephen King".into())), "{got:?}");
        assert!(got.contains(&("PERSON", "King".into())), "{got:?}");
        let found = [mention_at(text, "Stephen King", EntityType::Person)];
        assert_eq!(last_names(text, &found), ["King"]);
    }
}
