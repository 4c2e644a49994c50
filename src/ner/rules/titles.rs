//! Titles before a name and numerals after it: a courtesy or noble title makes a person and
//! stays outside the name ("Mr Smith" → "Smith"); a Roman numeral joins it ("Ramesses II").

use crate::ner::gazetteer::{self, Gazetteer};
use crate::ner::tokens::Tok;
use crate::ner::{EntityType, Mention};

/// Courtesy titles ("Mr", "Mrs", "Ms", "Dr", "Prof").
const COURTESY: &[&str] = &["Mrs", "Mr", "Ms", "Dr", "Prof"];

/// Noble and religious titles before a name.
const NOBLE: &[&str] = &[
    "Pope", "King", "Queen", "Emperor", "Empress", "Tsar", "Czar", "Lord", "Lady", "Sir", "Dame",
    "Prince", "Princess", "Sheikh",
];

/// A title is followed by a name: the rest of the span after it ("Smith" of "Mr. Smith"),
/// when there is one.
fn after_title<'t>(span: &'t str, title: &str) -> Option<&'t str> {
    let rest = span.strip_prefix(title)?;
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    let name = rest.trim_start();
    (name.len() < rest.len() && name.starts_with(char::is_uppercase)).then_some(name)
}

/// A mention that starts with a courtesy title names a person, whatever type the tagger gave
/// it: "Ms Pugh", "Dr. Okafor"; so does one that starts with a noble or religious title, unless
/// a head noun says otherwise ("Lord Halifax", not "Prince Edward Island" or "King County").
pub(super) fn titles_make_people(text: &str, gaz: &Gazetteer, found: &mut [Mention]) {
    for m in found.iter_mut().filter(|m| m.kind != EntityType::Person) {
        let Some(span) = text.get(m.start..m.end) else {
            continue;
        };
        let courtesy = COURTESY.iter().any(|t| after_title(span, t).is_some());
        let noble = NOBLE.iter().any(|t| {
            after_title(span, t).is_some_and(|name| {
                name.split(' ').count() <= 2
                    && name
                        .split(' ')
                        .all(|w| w.starts_with(char::is_uppercase) && gaz.head_lists(w) == 0)
            })
        });
        // "Commission Vice President Jana Novak", taken whole for another kind of name.
        let office = after_office(span).is_some_and(|name| {
            let first = name.split(' ').next().unwrap_or(name);
            gaz.lists(first) & (1 << gazetteer::FIRST_NAME) != 0
        });
        if courtesy || noble || office {
            m.kind = EntityType::Person;
        }
    }
}

/// Offices and positions written before a name, capitalised ("Midfielder Ali Karimi",
/// "Commission Vice President Jana Novak"); matched in lower case.
#[rustfmt::skip]
const OFFICES: &[&str] = &[
    "midfielder", "defender", "striker", "goalkeeper", "winger", "coach", "manager", "skipper",
    "president", "vice-president", "chairman", "chairwoman", "chairperson", "commissioner",
    "minister", "secretary", "senator", "governor", "ambassador", "spokesman", "spokeswoman",
    "spokesperson", "chancellor", "premier", "mayor", "judge", "prosecutor", "inspector",
    "superintendent", "sergeant", "lieutenant", "colonel", "major", "captain",
];

/// Titles are not part of a person's name: "Mr Smith" → "Smith", "Pope Francis" → "Francis",
/// and a run of capitalised words ending in an office neither ("Commission Vice President
/// Jana Novak" → "Jana Novak").
pub(super) fn strip_titles(text: &str, found: &mut [Mention]) {
    for m in found.iter_mut().filter(|m| m.kind == EntityType::Person) {
        let Some(span) = text.get(m.start..m.end) else {
            continue;
        };
        for t in COURTESY.iter().chain(NOBLE) {
            if let Some(name) = after_title(span, t) {
                m.start = m.end - name.len();
                break;
            }
        }
        if let Some(span) = text.get(m.start..m.end)
            && let Some(name) = after_office(span)
        {
            m.start = m.end - name.len();
        }
    }
}

/// The name after the last office of a span's capitalised words, when a capitalised name
/// follows it.
fn after_office(span: &str) -> Option<&str> {
    let mut cut = None;
    let mut at = 0;
    for w in span.split(' ') {
        let next = at + w.len() + 1;
        if !w.starts_with(char::is_uppercase) {
            break;
        }
        if OFFICES.contains(&w.to_lowercase().as_str()) {
            cut = Some(next);
        }
        at = next;
    }
    let name = span.get(cut?..)?;
    name.starts_with(char::is_uppercase).then_some(name)
}

/// A Roman numeral ("II", "xiv" not) as a regnal or generational suffix, with an optional
/// period.
fn is_numeral(w: &str) -> bool {
    const ROMAN: &[&str] = &[
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII",
    ];
    ROMAN.contains(&w.strip_suffix('.').unwrap_or(w))
}

/// A Roman numeral after a name belongs to it and makes it a person's ("Ramesses II", "Pope
/// Paul VI", "Thutmose III"), unless the name is of another kind ("World War II", "Super Bowl
/// XXX", a cricket "World XI"); a numeral alone names nothing.
pub(super) fn regnal_numbers(text: &str, toks: &[Tok], gaz: &Gazetteer, found: &mut Vec<Mention>) {
    let word = |t: &Tok| text.get(t.start as usize..t.end as usize).unwrap_or("");
    let mut k = 0;
    while k < found.len() {
        let m = found[k];
        let Some(span) = text.get(m.start..m.end) else {
            k += 1;
            continue;
        };
        // The numeral: the mention's last word, or the token right after it, one space away.
        let (mut name, last) = span.rsplit_once(' ').unwrap_or(("", span));
        let inside = !name.is_empty() && is_numeral(last);
        let numeral = if inside {
            Some(last)
        } else {
            name = span;
            let next = toks.partition_point(|t| (t.start as usize) < m.end);
            toks.get(next)
                .filter(|t| {
                    t.start as usize == m.end + 1
                        && text.as_bytes().get(m.end) == Some(&b' ')
                        && is_numeral(word(t))
                        // "I" is also the pronoun: only before punctuation does it end a name.
                        && (word(t) != "I"
                            || text
                                .get(t.end as usize..)
                                .is_some_and(|a| a.trim_start().starts_with([
                                    '.', ',', ';', ':', ')', '(',
                                ])))
                })
                .map(|t| {
                    found[k].end = t.end as usize;
                    word(t)
                })
        };
        let Some(numeral) = numeral else {
            k += 1;
            continue;
        };
        // "ENGLAND V PAKISTAN": in capitals, or before another name, "V" is "versus".
        let versus = numeral == "V"
            && (!span.chars().any(char::is_lowercase)
                || text
                    .get(found[k].end..)
                    .is_some_and(|a| a.trim_start().starts_with(char::is_uppercase)));
        if versus {
            found[k].end = m.end;
            k += 1;
            continue;
        }
        let named = name
            .split(' ')
            .all(|w| w.starts_with(char::is_uppercase) && gaz.head_lists(w) == 0 && !is_numeral(w));
        let person = m.kind == EntityType::Person
            || (named && m.kind != EntityType::Misc && numeral.trim_end_matches('.') != "XI");
        if !person {
            found[k].end = m.end;
            k += 1;
            continue;
        }
        found[k].kind = EntityType::Person;
        // A numeral the tagger took for a mention of its own joins the name.
        let end = found[k].end;
        if found.get(k + 1).is_some_and(|n| n.start < end) {
            found.remove(k + 1);
        }
        k += 1;
    }
    found.retain(|m| text.get(m.start..m.end).is_some_and(|s| !is_numeral(s)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::rules::tests::{mention_at, texts};
    use crate::ner::tokens::tokenize;

    #[test]
    fn titles_stay_outside_names() {
        let mut found = [Mention {
            start: 0,
            end: 11,
            kind: EntityType::Person,
        }];
        strip_titles("Mrs Clinton said", &mut found[..]);
        assert_eq!((found[0].start, found[0].end), (4, 11));
        let mut drew = [Mention {
            start: 0,
            end: 14,
            kind: EntityType::Person,
        }];
        strip_titles("Drew Barrymore", &mut drew[..]);
        assert_eq!(drew[0].start, 0);
    }

    #[test]
    fn titles_make_people() {
        let gaz = Gazetteer::builtin();
        let text = "A scan of Ms Pugh and of Dr. Okafor at Drew Hall.";
        let mut found = vec![
            mention_at(text, "Ms Pugh", EntityType::Place),
            mention_at(text, "Dr. Okafor", EntityType::Org),
            mention_at(text, "Drew Hall", EntityType::Place),
        ];
        super::titles_make_people(text, &gaz, &mut found);
        strip_titles(text, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("PERSON", "Pugh"),
                ("PERSON", "Okafor"),
                ("PLACE", "Drew Hall")
            ]
        );
    }

    #[test]
    fn noble_titles_make_people_unless_a_head_noun_disagrees() {
        let gaz = Gazetteer::builtin();
        let text = "Lord Halifax left Prince Edward Island for King County and Emperor Showa.";
        let mut found = vec![
            mention_at(text, "Lord Halifax", EntityType::Place),
            mention_at(text, "Prince Edward Island", EntityType::Place),
            mention_at(text, "King County", EntityType::Place),
            mention_at(text, "Emperor Showa", EntityType::Org),
        ];
        super::titles_make_people(text, &gaz, &mut found);
        strip_titles(text, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("PERSON", "Halifax"),
                ("PLACE", "Prince Edward Island"),
                ("PLACE", "King County"),
                ("PERSON", "Showa")
            ]
        );
    }

    #[test]
    fn noble_titles_stay_outside_names() {
        let text = "Lord Grenville and Tsar Alexander met Pope Paul while Kingsley watched.";
        let mut found = vec![
            mention_at(text, "Lord Grenville", EntityType::Person),
            mention_at(text, "Tsar Alexander", EntityType::Person),
            mention_at(text, "Pope Paul", EntityType::Person),
            mention_at(text, "Kingsley", EntityType::Person),
        ];
        strip_titles(text, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("PERSON", "Grenville"),
                ("PERSON", "Alexander"),
                ("PERSON", "Paul"),
                ("PERSON", "Kingsley")
            ]
        );
    }

    #[test]
    fn regnal_numbers_belong_to_names() {
        let gaz = Gazetteer::builtin();
        let run = |text: &str, found: &mut Vec<Mention>| {
            let mut toks = Vec::new();
            tokenize(text, &mut toks);
            regnal_numbers(text, &toks, &gaz, found);
        };
        let text = "Pope Paul VI met Thutmose III, then Ramesses II and Mojmir I (ruled 830).";
        let mut found = vec![
            mention_at(text, "Paul", EntityType::Person),
            mention_at(text, "Thutmose III", EntityType::Org),
            mention_at(text, "Ramesses", EntityType::Place),
            mention_at(text, "II and", EntityType::Org),
            mention_at(text, "Mojmir", EntityType::Org),
        ];
        found[3].end = found[3].start + 2;
        run(text, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("PERSON", "Paul VI"),
                ("PERSON", "Thutmose III"),
                ("PERSON", "Ramesses II"),
                ("PERSON", "Mojmir I")
            ]
        );
        let text =
            "After World War II the World XI met Paul I think. ENGLAND V PAKISTAN. Year III.";
        let mut found = vec![
            mention_at(text, "World War", EntityType::Misc),
            mention_at(text, "World XI", EntityType::Org),
            mention_at(text, "Paul", EntityType::Person),
            mention_at(text, "ENGLAND", EntityType::Place),
            mention_at(text, "III", EntityType::Org),
        ];
        run(text, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("MISC", "World War"),
                ("ORG", "World XI"),
                ("PERSON", "Paul"),
                ("PLACE", "ENGLAND")
            ]
        );
    }

    #[test]
    fn offices_before_a_name_are_not_part_of_it() {
        for (span, name) in [
            ("Midfielder Ali Karimi", Some("Ali Karimi")),
            ("Commission Vice President Jana Novak", Some("Jana Novak")),
            ("Prime Minister Theresa May", Some("Theresa May")),
            ("John Major", None),
            ("Jana Novak", None),
            ("Coach", None),
        ] {
            assert_eq!(after_office(span), name, "{span}");
        }
    }
}
