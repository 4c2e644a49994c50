//! Rules that complete people's names the tagger cut short: a given name before an initial
//! ("Adnan" + "Z. Amin"), an epithet after "the" ("Lucas Cranach the Elder") and a particle
//! before a family name ("de Clercq").

use super::gazetteer::{CONTINENT, COUNTRY, Gazetteer, NATIONALITY, STATE};
use super::rules::stretch;
use super::{EntityType, Mention};

/// A person's name that starts with an initial ("Z. Amin") takes in the one-word mention just
/// before it, one space away, unless that is a place or a nationality ("Mexican P. Washed"):
/// it is the given name the tagger typed wrongly ("Adnan Z. Amin").
pub(super) fn given_names_before_initials(text: &str, gaz: &Gazetteer, found: &mut Vec<Mention>) {
    const NOT_GIVEN: u32 = 1 << COUNTRY | 1 << STATE | 1 << NATIONALITY | 1 << CONTINENT;
    let mut k = 1;
    while k < found.len() {
        let (a, b) = (found[k - 1], found[k]);
        let initial = text.get(b.start..b.end).is_some_and(|s| {
            let mut c = s.chars();
            matches!((c.next(), c.next(), c.next()), (Some(i), Some('.'), Some(' ' | '\n'))
                if i.is_uppercase())
        });
        let given = text.get(a.start..a.end).is_some_and(|s| {
            s.starts_with(char::is_uppercase)
                && s.chars().all(char::is_alphabetic)
                && gaz.lists(s) & NOT_GIVEN == 0
        });
        let apart = a.end + 1 == b.start && text.as_bytes().get(a.end) == Some(&b' ');
        if b.kind == EntityType::Person && a.kind != EntityType::Place && initial && given && apart
        {
            found[k - 1] = Mention {
                start: a.start,
                end: b.end,
                kind: EntityType::Person,
            };
            found.remove(k);
            continue;
        }
        k += 1;
    }
}

/// Epithets that follow "the" in a ruler's or an artist's name.
#[rustfmt::skip]
const EPITHETS: &[&str] = &[
    "Apostate", "Apostle", "Bald", "Baptist", "Blessed", "Bold", "Confessor", "Conqueror",
    "Elder", "Evangelist", "Fair", "Fat", "Great", "Good", "Just", "Lawgiver", "Lionheart",
    "Magnificent", "Navigator", "Pious", "Simple", "Terrible", "Unready", "Wise", "Younger",
];

/// "the" and an epithet after a person's name belong to it ("Pliny the Elder", "Alexander the
/// Great", "John the Baptist"), taking in the epithet when the tagger found it alone.
pub(super) fn epithets_join_names(text: &str, found: &mut Vec<Mention>) {
    let mut k = 0;
    while k < found.len() {
        let m = found[k];
        k += 1;
        if m.kind != EntityType::Person {
            continue;
        }
        let Some(rest) = text.get(m.end..).and_then(|a| a.strip_prefix(" the ")) else {
            continue;
        };
        let word = rest
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        if !EPITHETS.contains(&word) {
            continue;
        }
        stretch(found, k - 1, m.end + " the ".len() + word.len());
    }
}

/// Lowercase particles of family names.
pub(super) const PARTICLES: &[&str] = &[
    "de", "du", "des", "di", "del", "della", "da", "do", "dos", "das", "van", "von", "der", "den",
    "la", "le", "ter", "ten",
];

/// A lowercase particle right before a person's name belongs to it ("Mr de Clercq", "said
/// van Gogh"): the tagger only starts names at a capital. After an article the word is a
/// noun ("a van Smith drove").
pub(super) fn particles_before_people(text: &str, found: &mut [Mention]) {
    for m in found.iter_mut().filter(|m| m.kind == EntityType::Person) {
        let before = text.get(..m.start).unwrap_or("");
        let Some(rest) = before.strip_suffix(' ') else {
            continue;
        };
        let word = last_word(rest);
        if !PARTICLES.contains(&word) {
            continue;
        }
        let mut start = rest.len() - word.len();
        if let Some(r) = rest[..start].strip_suffix(' ') {
            let first = last_word(r);
            if ["a", "an", "the", "A", "An", "The"].contains(&first) {
                continue;
            }
            // Another particle may come first ("van der Berg").
            if PARTICLES.contains(&first) && first != word {
                start = r.len() - first.len();
            }
        }
        m.start = start;
    }
}

/// The last word of `s`, after a space, a line break or an opening bracket.
fn last_word(s: &str) -> &str {
    s.rsplit([' ', '\n', '\t', '(']).next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::super::rules::tests::{mention_at, texts};
    use super::*;

    /// "Adnan Z. Amin" gave an other name "Adnan" and a person "Z. Amin".
    #[test]
    fn a_given_name_before_an_initial_joins_the_persons_name() {
        let gaz = Gazetteer::builtin();
        let text = "Adnan Z. Amin spoke. Reuters J. Smith. Acme, J. Brown and Paris F. Lee. \
                    Mexican P. Washed";
        let mut found = vec![
            mention_at(text, "Adnan", EntityType::Misc),
            mention_at(text, "Z. Amin", EntityType::Person),
            mention_at(text, "Reuters", EntityType::Org),
            mention_at(text, "J. Smith", EntityType::Org),
            mention_at(text, "Acme", EntityType::Org),
            mention_at(text, "J. Brown", EntityType::Person),
            mention_at(text, "Paris", EntityType::Place),
            mention_at(text, "F. Lee", EntityType::Person),
            mention_at(text, "Mexican", EntityType::Misc),
            mention_at(text, "P. Washed", EntityType::Person),
        ];
        given_names_before_initials(text, &gaz, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("PERSON", "Adnan Z. Amin"),
                // Only a person's name takes the word in; a comma keeps them apart.
                ("ORG", "Reuters"),
                ("ORG", "J. Smith"),
                ("ORG", "Acme"),
                ("PERSON", "J. Brown"),
                // A place before an initial stays a place.
                ("PLACE", "Paris"),
                ("PERSON", "F. Lee"),
                // So does a nationality.
                ("MISC", "Mexican"),
                ("PERSON", "P. Washed"),
            ]
        );
    }

    /// Reuters' "Mr de Clercq" gave "Clercq" once the tagger no longer scored lowercase
    /// words outside names.
    #[test]
    fn a_particle_before_a_persons_name_belongs_to_it() {
        let text = "Mr de Clercq met van der Berg (van Gogh) and a van Smith drove, in Paris.";
        let mut found = vec![
            mention_at(text, "Clercq", EntityType::Person),
            mention_at(text, "Berg", EntityType::Person),
            mention_at(text, "Gogh", EntityType::Person),
            mention_at(text, "Smith", EntityType::Person),
            mention_at(text, "Paris", EntityType::Place),
        ];
        particles_before_people(text, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("PERSON", "de Clercq"),
                ("PERSON", "van der Berg"),
                ("PERSON", "van Gogh"),
                ("PERSON", "Smith"),
                ("PLACE", "Paris"),
            ]
        );
    }

    /// "Lucas Cranach the Elder" gave "Lucas Cranach" and a person "Elder".
    #[test]
    fn an_epithet_after_the_joins_the_persons_name() {
        let text = "Lucas Cranach the Elder and Alexander the Great, unlike Smith the driver \
                    or Paris the Great, met John the Baptist.";
        let mut found = vec![
            mention_at(text, "Lucas Cranach", EntityType::Person),
            mention_at(text, "Elder", EntityType::Person),
            mention_at(text, "Alexander", EntityType::Person),
            mention_at(text, "Smith", EntityType::Person),
            mention_at(text, "Paris", EntityType::Place),
            mention_at(text, "John", EntityType::Person),
        ];
        epithets_join_names(text, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("PERSON", "Lucas Cranach the Elder"),
                ("PERSON", "Alexander the Great"),
                ("PERSON", "Smith"),
                ("PLACE", "Paris"),
                ("PERSON", "John the Baptist"),
            ]
        );
    }
}
