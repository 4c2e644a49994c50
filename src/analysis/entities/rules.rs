//! Rules applied to the tagger's mentions: titles, function words, numerals, eras, generic
//! nouns, signatures, possessives, and names whose context tells their type.

use super::gazetteer::{self, Gazetteer};
use super::tokens::Tok;
use super::{EntityType, Mention};

/// The rules applied to the tagger's mentions before the document-wide ones: titles, function
/// words, numerals, eras, generic nouns, and names whose context tells their type.
#[inline(never)]
pub(super) fn tidy(text: &str, toks: &[Tok], gaz: &Gazetteer, found: &mut Vec<Mention>) {
    titles_make_people(text, gaz, found);
    strip_titles(text, found);
    trim_function_words(text, gaz, found);
    trim_ends(text, found);
    regnal_numbers(text, toks, gaz, found);
    let surnames = last_names(text, found);
    let surname = |m: &Mention| {
        text.get(m.start..m.end)
            .is_some_and(|s| surnames.binary_search(&s).is_ok())
    };
    found.retain(|m| {
        !is_signature(text, m) && !is_era(text, m) && (surname(m) || !is_generic(text, m))
    });
    natural_features_are_places(text, found);
    roles_make_people(text, gaz, found);
    events_are_other_names(text, gaz, found);
    doctrines_are_other_names(text, found);
    works_are_other_names(text, found);
}

/// A title or a common noun for an institution, capitalised but alone ("the Government",
/// "the Emperor", "the Army", "the Bank"), names nothing by itself (unless it is the family
/// name of someone named in full in the same text: "Stephen King … King said").
pub(super) fn is_generic(text: &str, m: &Mention) -> bool {
    #[rustfmt::skip]
    const GENERIC: &[&str] = &[
        "government", "parliament", "army", "navy", "cabinet", "emperor", "empress", "king",
        "queen", "prince", "princess", "duke", "duchess", "count", "countess", "mayor",
        "president", "governor", "minister", "pope", "tsar", "czar", "bank", "police", "ministry",
        "state", "church", "hospital", "hospitals", "gazette",
    ];
    text.get(m.start..m.end).is_some_and(|s| {
        s.len() <= 10
            && s.starts_with(char::is_uppercase)
            && !s.chars().skip(1).any(char::is_uppercase)
            && GENERIC.iter().any(|g| s.eq_ignore_ascii_case(g))
    })
}

/// Seas, rivers and mountain ranges named without their head noun and used as a noun ("around
/// the Mediterranean.", "the Caucasus is", "the Alps and") are places, not other names.
pub(super) fn natural_features_are_places(text: &str, found: &mut [Mention]) {
    #[rustfmt::skip]
    const NATURAL: &[&str] = &[
        "Mediterranean", "Caribbean", "Baltic", "Adriatic", "Aegean", "Atlantic", "Pacific",
        "Arctic", "Antarctic", "Ionian", "Tyrrhenian", "Caspian", "Bosphorus", "Bosporus",
        "Dardanelles", "Nile", "Danube", "Rhine", "Rhone", "Rhône", "Volga", "Dnieper", "Elbe",
        "Thames", "Seine", "Loire", "Tiber", "Euphrates", "Tigris", "Ganges", "Indus", "Yangtze",
        "Mekong", "Zambezi", "Orinoco", "Alps", "Andes", "Apennines", "Pyrenees", "Carpathians",
        "Caucasus", "Himalayas", "Urals", "Rockies", "Balkans", "Sahara", "Gobi", "Kalahari",
    ];
    for m in found.iter_mut().filter(|m| m.kind == EntityType::Misc) {
        let Some((before, span, after)) = around(text, m) else {
            continue;
        };
        if !NATURAL.contains(&span) {
            continue;
        }
        let the = before
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("the"));
        // Used as a noun: nothing that could be its noun follows.
        let noun = after
            .trim_start()
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| !w.is_empty() && !STOPISH.contains(&w));
        if the && !noun {
            m.kind = EntityType::Place;
        }
    }
}

/// Named events, agreements, awards and periods ("Treaty of Nanking", "Boxer Rebellion", "Summer
/// Olympic Games") are other names, not organisations or places: their head noun, last or
/// before "of", says so.
pub(super) fn events_are_other_names(text: &str, gaz: &Gazetteer, found: &mut [Mention]) {
    for m in found
        .iter_mut()
        .filter(|m| matches!(m.kind, EntityType::Org | EntityType::Place))
    {
        let Some(span) = text.get(m.start..m.end) else {
            continue;
        };
        let head = match span.split_once(" of ") {
            Some((before, _)) => before.rsplit(' ').next().unwrap_or(before),
            None => match span.rsplit_once(' ') {
                Some((_, last)) => last,
                None => continue,
            },
        };
        if gaz.head_lists(head) == 1 << gazetteer::MISC_HEAD {
            m.kind = EntityType::Misc;
        }
    }
}

/// A lowercase word for a relative, a rank or a trade that comes before a person's name.
#[rustfmt::skip]
pub(super) fn is_role(w: &str) -> bool {
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

/// A doctrine or movement ("Judaism", "Marxism") is an other name.
pub(super) fn doctrines_are_other_names(text: &str, found: &mut [Mention]) {
    for m in found.iter_mut().filter(|m| m.kind != EntityType::Misc) {
        let Some(span) = text.get(m.start..m.end) else {
            continue;
        };
        if !span.contains(' ') && span.len() > 5 && span.ends_with("ism") {
            m.kind = EntityType::Misc;
        }
    }
}

/// A name right after a kind of work ("the film Looper", "the album Over My Head", "the
/// 2012 film The Five-Year Engagement") is the work's title: an other name.
pub(super) fn works_are_other_names(text: &str, found: &mut [Mention]) {
    const WORKS: &[&str] = &[
        "film",
        "movie",
        "album",
        "song",
        "single",
        "novel",
        "book",
        "opera",
        "series",
        "show",
        "musical",
        "painting",
        "poem",
        "anthology",
    ];
    for m in found.iter_mut().filter(|m| m.kind != EntityType::Misc) {
        let Some((before, _, _)) = around(text, m) else {
            continue;
        };
        let before = before.trim_end().trim_end_matches([',', ':']).trim_end();
        let before = before.strip_suffix("The").unwrap_or(before).trim_end();
        let last = before.rsplit(|c: char| !c.is_alphanumeric()).next();
        if last.is_some_and(|w| WORKS.contains(&w)) {
            m.kind = EntityType::Misc;
        }
    }
}

/// Words after a noun that cannot be nouns it modifies.
const STOPISH: &[&str] = &[
    "and", "or", "as", "in", "to", "was", "is", "were", "are", "by", "from", "with", "for", "of",
    "at", "on", "until", "which", "that", "where", "had", "has",
];

/// The text before a mention, the mention and the text after it.
pub(super) fn around<'t>(text: &'t str, m: &Mention) -> Option<(&'t str, &'t str, &'t str)> {
    Some((
        text.get(..m.start)?,
        text.get(m.start..m.end)?,
        text.get(m.end..)?,
    ))
}

/// A wire service's signature alone on its line or closing the text ("REUTER" at the end of a
/// Reuters story) is not a mention of anyone.
pub(super) fn is_signature(text: &str, m: &Mention) -> bool {
    const SIGNATURES: &[&str] = &["REUTER", "REUTERS", "Reuter", "AP", "AFP", "UPI"];
    let Some((before, span, after)) = around(text, m) else {
        return false;
    };
    let line_start = before.rsplit('\n').next().unwrap_or("");
    let line_end = after.split('\n').next().unwrap_or("");
    // What may follow a signature: periods, an end-of-text mark, a carriage return ("^M").
    let tail = |s: &str| {
        s.trim_end()
            .trim_end_matches(['.', '\u{3}', '^', 'M', '\r'])
            .trim()
            .is_empty()
    };
    if !SIGNATURES.contains(&span) {
        return false;
    }
    let alone = line_start.trim().is_empty() && tail(line_end);
    // Or closing the text after a finished sentence: "… (33.7).    REUTER".
    let closing = tail(after)
        && before.trim_end().ends_with(['.', ')', '"', ';', ':'])
        && before.ends_with(char::is_whitespace);
    alone || closing
}

/// Punctuation the tagger let through at a mention's edge and a closing possessive stay
/// outside it: "Earth's" → "Earth", "Liberal Democrats," → "Liberal Democrats". A final period
/// stays ("U.S.", "Inc."); a mention left empty is dropped.
pub(super) fn trim_ends(text: &str, found: &mut Vec<Mention>) {
    const EDGE: &[char] = &[
        ',', ';', ':', '(', '"', '\u{201c}', '\u{201d}', '\'', '\u{2018}', '\u{2019}',
    ];
    for m in found.iter_mut() {
        let Some(span) = text.get(m.start..m.end) else {
            continue;
        };
        let mut t = span.trim_end_matches(|c: char| EDGE.contains(&c) || c.is_whitespace());
        for s in ["'s", "\u{2019}s"] {
            if let Some(r) = t.strip_suffix(s)
                && r.ends_with(char::is_alphanumeric)
            {
                t = r;
            }
        }
        let t = t.trim_end_matches(|c: char| EDGE.contains(&c) || c.is_whitespace());
        let lead = t.len()
            - t.trim_start_matches(|c: char| EDGE.contains(&c) || c.is_whitespace())
                .len();
        m.end = m.start + t.len();
        m.start += lead;
    }
    found.retain(|m| m.start < m.end);
}

/// An era marker next to a year ("500 BC", "AD 79", "1600 BCE") dates it; it names nothing.
pub(super) fn is_era(text: &str, m: &Mention) -> bool {
    const ERAS: &[&str] = &["BC", "AD", "BCE", "CE", "B.C.", "A.D.", "B.C.E.", "C.E."];
    let Some((before, span, after)) = around(text, m) else {
        return false;
    };
    let before = before.trim_end();
    let year_before = before
        .trim_end_matches(['s', '\'', '\u{2019}'])
        .ends_with(|c: char| c.is_ascii_digit())
        || before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| {
                ["century", "centuries", "millennium", "millennia"]
                    .iter()
                    .any(|c| w.eq_ignore_ascii_case(c))
            });
    let year_after = after.trim_start().starts_with(|c: char| c.is_ascii_digit());
    ERAS.contains(&span) && (year_before || year_after)
}

/// The last words of the people's full names among `found`, sorted.
pub(super) fn last_names<'t>(text: &'t str, found: &[Mention]) -> Vec<&'t str> {
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
pub(super) fn surnames_are_people(text: &str, found: &mut [Mention]) {
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

/// Courtesy titles ("Mr", "Mrs", "Ms", "Dr", "Prof").
const COURTESY: &[&str] = &["Mrs", "Mr", "Ms", "Dr", "Prof"];

/// Noble and religious titles before a name.
const NOBLE: &[&str] = &[
    "Pope", "King", "Queen", "Emperor", "Empress", "Tsar", "Czar", "Lord", "Lady", "Sir", "Dame",
    "Prince", "Princess", "Sheikh",
];

/// A title is followed by a name: the rest of the span after it ("Smith" of "Mr. Smith"),
/// when there is one.
pub(super) fn after_title<'t>(span: &'t str, title: &str) -> Option<&'t str> {
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
        if courtesy || noble {
            m.kind = EntityType::Person;
        }
    }
}

/// A name does not end with a function word: a mention that runs on into one ("the Government
/// is", "Earth and") stops before it.
pub(super) fn trim_function_words(text: &str, gaz: &Gazetteer, found: &mut [Mention]) {
    for m in found.iter_mut() {
        while let Some(span) = text.get(m.start..m.end) {
            let Some((head, last)) = span.rsplit_once(' ') else {
                break;
            };
            let head = head.trim_end();
            if head.is_empty() || !last.starts_with(char::is_lowercase) || !gaz.is_stop(last) {
                break;
            }
            m.end = m.start + head.len();
        }
    }
}

/// A Roman numeral ("II", "xiv" not) as a regnal or generational suffix, with an optional
/// period.
pub(super) fn is_numeral(w: &str) -> bool {
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

/// Titles are not part of a person's name: "Mr Smith" → "Smith", "Pope Francis" → "Francis".
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
    }
}
