//! Rules that complete people's names the tagger cut short or typed wrongly: a lone surname
//! of a full name in the same text, a given name before an initial ("Adnan" + "Z. Amin"), an
//! epithet after "the" ("Lucas Cranach the Elder"), particles ("de Clercq", "Banque Nationale
//! de Paris") and a word for a relative, a rank or a trade before a name ("striker Vialli").

use super::spans::{around, stretch};
use crate::ner::gazetteer::{CONTINENT, COUNTRY, Gazetteer, NATIONALITY, STATE};
use crate::ner::{EntityType, Mention};

/// The last words of the people's full names among `found`, sorted.
pub(in crate::ner) fn last_names<'t>(text: &'t str, found: &[Mention]) -> Vec<&'t str> {
    let mut last: Vec<&str> = found
        .iter()
        .filter(|m| m.kind == EntityType::Person)
        .filter_map(|m| text.get(m.start..m.end)?.rsplit_once(' ').map(|(_, l)| l))
        .collect();
    last.sort_unstable();
    last
}

/// A one-word mention that is the last word of a person's full name found in the same text
/// is that person ("Steven Seagal … Seagal said"), not an organisation or a place.
pub(in crate::ner) fn surnames_are_people(text: &str, found: &mut [Mention]) {
    let span = |m: &Mention| text.get(m.start..m.end).unwrap_or("");
    let last = last_names(text, found);
    if last.is_empty() {
        return;
    }
    for m in found.iter_mut() {
        let w = span(m);
        if matches!(m.kind, EntityType::Org | EntityType::Place)
            && !w.contains(' ')
            && last.binary_search(&w).is_ok()
        {
            m.kind = EntityType::Person;
        }
    }
}

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
const PARTICLES: &[&str] = &[
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

/// A name of a person or an institution runs on through a particle and the capitalised words
/// after it on its line ("Banque Nationale de Paris", "Javier Perez de Cuellar", "Banco do
/// Brasil"), taking in the mentions found there.
pub(super) fn particles_join_names(text: &str, found: &mut Vec<Mention>) {
    let mut i = 0;
    while i < found.len() {
        let m = found[i];
        i += 1;
        if !matches!(m.kind, EntityType::Person | EntityType::Org) {
            continue;
        }
        let Some(after) = text.get(m.end..).and_then(|a| a.strip_prefix(' ')) else {
            continue;
        };
        // One or two particles, then up to four capitalised words, all one space apart; the
        // name ends with the last of those words.
        let (mut particles, mut end) = (0, None);
        let mut at = m.end + 1;
        for w in after.split(' ').take(6) {
            let bare = w.trim_end_matches([',', '.', ';', ':', ')', '\'']);
            if end.is_none() && particles < 2 && PARTICLES.contains(&w) {
                particles += 1;
            } else if particles > 0
                && bare.starts_with(char::is_uppercase)
                && bare.chars().all(|c| c.is_alphabetic() || c == '-')
            {
                end = Some(at + bare.len());
                if bare.len() < w.len() {
                    break;
                }
            } else {
                break;
            }
            at += w.len() + 1;
        }
        let Some(end) = end else {
            continue;
        };
        stretch(found, i - 1, end);
    }
}

/// A lowercase word for a relative, a rank or a trade that comes before a person's name.
#[rustfmt::skip]
fn is_role(w: &str) -> bool {
    matches!(
        w,
        "wife" | "husband" | "son" | "daughter" | "brother" | "sister" | "father" | "mother" |
            "grandmother" | "grandfather" | "grandson" | "granddaughter" | "nephew" | "niece" |
            "uncle" | "aunt" | "cousin" | "widow" | "widower" | "emperor" | "empress" | "pharaoh" |
            "king" | "queen" | "prince" | "princess" | "commander" | "writer" | "author" | "poet" |
            "novelist" | "playwright" | "painter" | "sculptor" | "composer" | "singer" | "actor" |
            "actress" | "director" | "editor" | "knight" | "bishop" | "archbishop" | "priest" |
            "pope" | "philosopher" | "student" | "teacher" | "friend" | "rapper" | "chancellor" |
            "minister" | "leader" | "striker" | "midfielder" | "defender" | "goalkeeper" |
            "coach" | "spokesman" | "spokeswoman"
    )
}

/// A name right after a lowercase word for a relative, a rank or a trade ("his wife, Alice",
/// "the emperor Caracalla", "commander Megabazus", "striker Shearer") is a person's.
pub(super) fn roles_make_people(text: &str, gaz: &Gazetteer, found: &mut [Mention]) {
    for m in found.iter_mut().filter(|m| m.kind != EntityType::Person) {
        let Some((before, span, _)) = around(text, m) else {
            continue;
        };
        let before = before.trim_end();
        let before = before.strip_suffix(',').unwrap_or(before).trim_end();
        let role = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(is_role);
        let name = || {
            span.starts_with(char::is_uppercase)
                && span.split(' ').count() <= 4
                && span.split(' ').all(|w| gaz.head_lists(w) == 0)
        };
        if role && name() {
            m.kind = EntityType::Person;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::rules::tests::{mention_at, texts};

    #[test]
    fn a_lone_surname_after_the_full_name_is_a_person() {
        let text = "Steven Seagal met Kipling in Seagal and Washington.";
        let m = |start, end, kind| Mention { start, end, kind };
        let mut found = [
            m(0, 13, EntityType::Person),
            m(18, 25, EntityType::Org),
            m(29, 35, EntityType::Place),
            m(40, 50, EntityType::Place),
        ];
        surnames_are_people(text, &mut found);
        let kinds: Vec<EntityType> = found.iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            [
                EntityType::Person,
                EntityType::Org,
                EntityType::Person,
                EntityType::Place
            ]
        );
    }

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

    /// Reuters' "Banque Nationale de Paris" gave "Banque Nationale" and an other name "de";
    /// "Barclays de Zoete Wedd" only "Barclays".
    #[test]
    fn particles_join_names_of_people_and_institutions() {
        let text = "Banque Nationale de Paris, Barclays de Zoete Wedd and Javier Perez de \
                    Cuellar met in Paris de facto; France de Gaulle left.";
        let mut found = vec![
            mention_at(text, "Banque Nationale", EntityType::Org),
            mention_at(text, "Paris,", EntityType::Place),
            mention_at(text, "Barclays", EntityType::Org),
            mention_at(text, "Zoete Wedd", EntityType::Misc),
            mention_at(text, "Javier Perez", EntityType::Person),
            mention_at(text, "Paris de", EntityType::Place),
            mention_at(text, "France", EntityType::Place),
        ];
        found[1].end -= 1;
        found[5].end -= 3;
        particles_join_names(text, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("ORG", "Banque Nationale de Paris"),
                ("ORG", "Barclays de Zoete Wedd"),
                ("PERSON", "Javier Perez de Cuellar"),
                // A place does not run on, nor does a name into lowercase words.
                ("PLACE", "Paris"),
                ("PLACE", "France"),
            ]
        );
        // A name closed by punctuation does not run on past it: "Banque Nationale, de Paris"
        // was stretched to bytes that ended one short of "Paris".
        let text = "Banque Nationale, de Paris said.";
        let mut found = vec![mention_at(text, "Banque Nationale", EntityType::Org)];
        particles_join_names(text, &mut found);
        assert_eq!(texts(text, &found), [("ORG", "Banque Nationale")]);
    }

    #[test]
    fn roles_make_people() {
        let gaz = Gazetteer::builtin();
        let text =
            "His wife, Alice, and the emperor Caracalla met striker Vialli at Milan University.";
        let mut found = vec![
            mention_at(text, "Alice", EntityType::Place),
            mention_at(text, "Caracalla", EntityType::Org),
            mention_at(text, "Vialli", EntityType::Org),
            mention_at(text, "Milan University", EntityType::Org),
        ];
        super::roles_make_people(text, &gaz, &mut found);
        let kinds: Vec<&str> = found.iter().map(|m| m.kind.label()).collect();
        assert_eq!(kinds, ["PERSON", "PERSON", "PERSON", "ORG"]);
        let text = "The writer Guild University and director Acme Bank.";
        let mut found = vec![
            mention_at(text, "Guild University", EntityType::Org),
            mention_at(text, "Acme Bank", EntityType::Org),
        ];
        super::roles_make_people(text, &gaz, &mut found);
        let kinds: Vec<&str> = found.iter().map(|m| m.kind.label()).collect();
        assert_eq!(kinds, ["ORG", "ORG"]);
    }
}
