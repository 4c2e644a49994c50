//! Rules applied to the tagger's mentions: titles, function words, numerals, eras, generic
//! nouns, signatures, possessives, and names whose context tells their type.

use super::gazetteer::{self, Gazetteer};
use super::people;
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
        names_something(text, m)
            && !is_signature(text, m)
            && !is_era(text, m)
            && (surname(m) || !is_generic(text, m))
    });
    particles_join_names(text, found);
    people::given_names_before_initials(text, gaz, found);
    people::epithets_join_names(text, found);
    people::particles_before_people(text, found);
    natural_features_are_places(text, found);
    roles_make_people(text, gaz, found);
    events_are_other_names(text, gaz, found);
    doctrines_are_other_names(text, gaz, found);
    works_are_other_names(text, found);
    legal_forms_make_organisations(text, gaz, found);
}

/// A company's legal form ends an organisation's name: a mention that ends with one ("Holiday
/// Corp", "Nikko Securities Co") is an organisation whatever the tagger said, and one that is
/// nothing else ("Corp", "Co Inc") joins the mention just before it on the same line, next to
/// it or after "and" ("Newmont" "Corp", "Merck" and "Co Inc"), or, with none there, is
/// dropped. So is a word that ends companies' names taken alone for a person ("Electric").
pub(super) fn legal_forms_make_organisations(
    text: &str,
    gaz: &Gazetteer,
    found: &mut Vec<Mention>,
) {
    let mut buf = String::new();
    let mut out: Vec<Mention> = Vec::with_capacity(found.len());
    for m in found.drain(..) {
        let Some(span) = text.get(m.start..m.end) else {
            continue;
        };
        // A word that ends companies' names, taken alone for a person's name ("Reliance
        // Electric said", "Boston Bancorp said"), is the end of a company's name too.
        let company_word = m.kind == EntityType::Person
            && COMPANY_WORDS.iter().any(|w| {
                *w == span || (w.eq_ignore_ascii_case(span) && !span.contains(char::is_lowercase))
            });
        let last = span.rsplit(char::is_whitespace).next().unwrap_or(span);
        if !company_word && !is_legal_form(last, gaz, &mut buf) {
            // A legal form the tagger left just outside ("Wisconsin Electric Power" "Co said")
            // belongs to the name.
            let mut m = m;
            if let Some(end) = legal_form_after(text, m.end) {
                m.end = end;
                m.kind = EntityType::Org;
            }
            out.push(m);
        } else if !company_word
            && !span
                .split(char::is_whitespace)
                .all(|w| is_legal_form(w, gaz, &mut buf))
        {
            push_company(text, gaz, &mut buf, &mut out, m.start, m.end);
        } else {
            // The tagger may have passed over the forms before this one ("Co" of "Co Inc"), or
            // a name made of ordinary words ("Holiday Corp said"): the capitalised words just
            // before the form, on its line, are the name; if they are only forms too, they
            // join the name just before them.
            let floor = out.last().map_or(0, |p| p.end);
            let start = capitalised_run_before(text, m.start, floor, gaz);
            let forms = text.get(start..m.start).is_some_and(|run| {
                run.split_whitespace()
                    .all(|w| is_legal_form(w, gaz, &mut buf))
            });
            if let Some(prev) = out.last_mut()
                && forms
                && text.get(prev.end..start).is_some_and(|gap| {
                    let words = gap.trim_matches(' ');
                    gap.starts_with(' ') && gap.ends_with(' ') && ["", "and", "&"].contains(&words)
                })
            {
                prev.end = m.end;
                prev.kind = EntityType::Org;
            } else if start < m.start {
                push_company(text, gaz, &mut buf, &mut out, start, m.end);
            }
        }
    }
    *found = out;
}

/// The end of a common legal form one space after byte `end` ("Co" in "Power Co said"), if
/// there is one.
fn legal_form_after(text: &str, end: usize) -> Option<usize> {
    #[rustfmt::skip]
    const FORMS: &[&str] = &[
        "Inc", "Corp", "Co", "Ltd", "Plc", "PLC", "AG", "SA", "NV", "GmbH", "LLC", "Corporation",
        "Incorporated", "Limited",
    ];
    let after = text.get(end..)?.strip_prefix(' ')?;
    let word = after
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '\'')))
        .next()?;
    let form = word.strip_suffix('.').unwrap_or(word);
    FORMS.contains(&form).then_some(end + 1 + word.len())
}

/// Words that end companies' names and are no one's name.
#[rustfmt::skip]
const COMPANY_WORDS: &[&str] = &[
    "Airlines", "Airways", "Bancorp", "Bancshares", "Bankshares", "Electric", "Holdings",
    "Industries", "Motors", "Savings",
];

/// Whether the word `w` is a capitalised legal form ("Corp", "Co.").
fn is_legal_form(w: &str, gaz: &Gazetteer, buf: &mut String) -> bool {
    w.len() <= 12
        && w.starts_with(char::is_uppercase)
        && gaz.lists_with(w.trim_end_matches('.'), buf) & 1 << gazetteer::ORG_SUFFIX != 0
}

/// Adds the company name `start..end` to `out`; a mention that ends its line right before a
/// name that starts the next is the name's first part ("Newmont" / "Mining Corp"), unless it
/// is complete already (ends in a period or a legal form).
fn push_company(
    text: &str,
    gaz: &Gazetteer,
    buf: &mut String,
    out: &mut Vec<Mention>,
    start: usize,
    end: usize,
) {
    if let Some(prev) = out.last_mut()
        && text.get(prev.end..start) == Some("\n")
        && let Some(before) = text.get(prev.start..prev.end)
        && !before.ends_with('.')
        && !is_legal_form(
            before.rsplit([' ', '\n']).next().unwrap_or(before),
            gaz,
            buf,
        )
    {
        prev.end = end;
        prev.kind = EntityType::Org;
        return;
    }
    out.push(Mention {
        start,
        end,
        kind: EntityType::Org,
    });
}

/// The start of the run of up to four capitalised words that ends one space before byte
/// `end` on the same line, none of them a function word, not reaching back before `floor`;
/// `end` itself when there is none.
fn capitalised_run_before(text: &str, end: usize, floor: usize, gaz: &Gazetteer) -> usize {
    let mut start = end;
    for _ in 0..4 {
        let Some(head) = text.get(floor..start) else {
            break;
        };
        let Some(head) = head.strip_suffix(' ') else {
            break;
        };
        let word_at = head.rfind([' ', '\n', '\t']).map_or(0, |i| i + 1);
        let word = &head[word_at..];
        let shaped = word.starts_with(char::is_uppercase)
            && word
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '&' | '\'' | '-' | '.'));
        if !shaped || gaz.is_stop(&word.to_lowercase()) {
            break;
        }
        start = floor + word_at;
    }
    start
}

/// A title or a common noun for an institution, capitalised but alone ("the Government",
/// "the Emperor", "the Army", "the Bank", a headline's "BANK"), names nothing by itself
/// (unless it is the family name of someone named in full in the same text: "Stephen King …
/// King said").
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
            && (!s.chars().skip(1).any(char::is_uppercase) || !s.chars().any(char::is_lowercase))
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

/// Head nouns of battles and reigns ("Battle of Marengo", "Reign of Terror", "Middle Ages"),
/// beside the name-head list the tagger also reads.
const EVENT_HEADS: &[&str] = &[
    "Battle", "Siege", "Reign", "Ages", "Invasion", "Crusade", "Crusades",
];

/// Named events, agreements, awards and periods ("Treaty of Nanking", "Boxer Rebellion", "Summer
/// Olympic Games", "Battle of Marengo") are other names, not organisations or places: their
/// head noun, last or before "of", says so.
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
        if gaz.head_lists(head) == 1 << gazetteer::MISC_HEAD || EVENT_HEADS.contains(&head) {
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

/// Historical periods and movements named in one word.
const PERIODS: &[&str] = &[
    "Renaissance",
    "Reformation",
    "Enlightenment",
    "Inquisition",
    "Holocaust",
    "Reconquista",
];

/// A doctrine, movement or period ("Judaism", "Marxism", "the Renaissance") is an other name,
/// and so is a people named by the plural of a nationality ("the Greeks").
pub(super) fn doctrines_are_other_names(text: &str, gaz: &Gazetteer, found: &mut [Mention]) {
    for m in found.iter_mut().filter(|m| m.kind != EntityType::Misc) {
        let Some(span) = text.get(m.start..m.end) else {
            continue;
        };
        let people = || {
            span.strip_suffix('s')
                .is_some_and(|one| gaz.lists(one) & 1 << gazetteer::NATIONALITY != 0)
        };
        if !span.contains(' ')
            && ((span.len() > 5 && span.ends_with("ism")) || PERIODS.contains(&span) || people())
        {
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
    if !SIGNATURES.contains(&span) {
        return false;
    }
    let line_start = before.rsplit('\n').next().unwrap_or("");
    let line_end = after.split('\n').next().unwrap_or("");
    // What may follow a signature: periods, an end-of-text mark, a carriage return ("^M").
    let tail = |s: &str| {
        s.trim_end()
            .trim_end_matches(['.', '\u{3}', '^', 'M', '\r'])
            .trim()
            .is_empty()
    };
    let alone = line_start.trim().is_empty() && tail(line_end);
    // Or closing the text after a finished sentence: "… (33.7).    REUTER".
    let closing = tail(after)
        && before.trim_end().ends_with(['.', ')', '"', ';', ':'])
        && before.ends_with(char::is_whitespace);
    alone || closing
}

/// Punctuation the tagger let through at a mention's edge and a closing possessive stay
/// outside it: "Earth's" → "Earth", "Liberal Democrats," → "Liberal Democrats", "MCLEAN'S" →
/// "MCLEAN". A final period stays ("U.S.", "Inc."); a mention left empty is dropped.
pub(super) fn trim_ends(text: &str, found: &mut Vec<Mention>) {
    const EDGE: &[char] = &[
        ',', ';', ':', '(', '"', '\u{201c}', '\u{201d}', '\'', '\u{2018}', '\u{2019}',
    ];
    for m in found.iter_mut() {
        let Some(span) = text.get(m.start..m.end) else {
            continue;
        };
        let mut t = span.trim_end_matches(|c: char| EDGE.contains(&c) || c.is_whitespace());
        for s in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
            match t.strip_suffix(s) {
                Some(r) if r.ends_with(char::is_alphanumeric) => t = r,
                // A possessive alone ("MCLEAN'S" tagged at its "'S") names nothing.
                Some("") => t = "",
                _ => {}
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

/// Whether a mention can name anything: it has a capital letter ("of", "de" and "1" in tables
/// do not), and it is not a month beside a day or another month ("between Jan 26 and Feb 9",
/// "9 March", "Jan/Feb 1987").
pub(super) fn names_something(text: &str, m: &Mention) -> bool {
    #[rustfmt::skip]
    const MONTHS: &[&str] = &[
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ];
    let Some((before, span, after)) = around(text, m) else {
        return false;
    };
    if !span.contains(char::is_uppercase) {
        return false;
    }
    let month = MONTHS.contains(&span.trim_end_matches('.'));
    let day_after = after.starts_with(char::is_whitespace)
        && after.trim_start().starts_with(|c: char| c.is_ascii_digit());
    let day_before = before
        .strip_suffix(' ')
        .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()));
    // "Jan/Feb 1987", a span of months in tables.
    let months = after.starts_with('/') || before.ends_with('/');
    !(month && (day_after || day_before || months))
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

/// A name of a person or an institution runs on through a particle and the capitalised words
/// after it on its line ("Banque Nationale de Paris", "Javier Perez de Cuellar", "Banco do
/// Brasil"), taking in the mentions found there.
pub(super) fn particles_join_names(text: &str, found: &mut Vec<Mention>) {
    use people::PARTICLES;
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

/// Stretches mention `k` to end at byte `end`, dropping the mentions after it that now lie
/// inside it.
pub(super) fn stretch(found: &mut Vec<Mention>, k: usize, end: usize) {
    found[k].end = end;
    let inside = found[k + 1..].iter().take_while(|n| n.start < end).count();
    found.drain(k + 1..k + 1 + inside);
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

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::ner::Recognizer;
    use crate::ner::tests::spans;
    use crate::ner::tokens::tokenize;

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
    fn possessives_and_commas_stay_outside_mentions() {
        let text = "Earth's orbit, said the Liberal Democrats, (Saint Paul) ends.";
        let at = |w: &str| {
            let s = text.find(w).unwrap();
            Mention {
                start: s,
                end: s + w.len(),
                kind: EntityType::Place,
            }
        };
        let mut found = vec![
            at("Earth's"),
            at("Liberal Democrats,"),
            at("(Saint Paul"),
            at(","),
        ];
        trim_ends(text, &mut found);
        let got: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(got, ["Earth", "Liberal Democrats", "Saint Paul"]);
        let text = "The U.S. and Acme Inc. agreed.";
        let mut found = vec![at_in(text, "U.S."), at_in(text, "Acme Inc.")];
        trim_ends(text, &mut found);
        let got: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(got, ["U.S.", "Acme Inc."]);
    }

    /// "MCLEAN'S <MII> U.S. LINES" in a headline gave a person "S".
    #[test]
    fn a_possessive_in_capitals_stays_outside_names_and_alone_is_none() {
        let text = "MCLEAN'S UNIT AND SCOTTY'S SALES";
        let mut found = vec![at_in(text, "MCLEAN'S"), at_in(text, "'S SALES")];
        found[1].end = found[1].start + 2;
        trim_ends(text, &mut found);
        let got: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(got, ["MCLEAN"]);
        let text = "MCLEAN'S <MII> U.S. LINES SETS ASSET TRANSFER\n\nMcLean Industries said.";
        let got = spans(text, Recognizer::english());
        assert!(got.iter().all(|(_, s)| s != "S" && s != "'S"), "{got:?}");
    }

    /// Reuters' "between Jan 26 and Feb 9" gave the persons "Jan" and "Feb"; tables and
    /// names in French gave mentions "1", "of" and "de".
    #[test]
    fn months_beside_a_day_and_words_without_a_capital_name_nothing() {
        let text = "Bought between Jan 26 and Feb 9, on 3 March and in May 1987; Jan Smith, \
                    May and March said; de, of, 1 and US. Exports in Jan/Dec rose; between Jun\n\
                    2 and 4.";
        let names = |w: &str, nth: usize| {
            let (start, _) = text.match_indices(w).nth(nth).unwrap();
            let m = Mention {
                start,
                end: start + w.len(),
                kind: EntityType::Person,
            };
            names_something(text, &m)
        };
        for (w, nth) in [
            ("Jan", 0),
            ("Feb", 0),
            ("March", 0),
            ("May", 0),
            ("Jan", 2),
            ("Dec", 0),
            ("Jun", 0),
        ] {
            assert!(!names(w, nth), "{w} beside a day");
        }
        for w in ["de", "of", "1"] {
            assert!(!names(w, 0), "{w}");
        }
        for (w, nth) in [("Jan Smith", 0), ("May", 1), ("March", 1), ("US", 0)] {
            assert!(names(w, nth), "{w}");
        }
        let got = spans(
            "He bought shares between Jan 26 and Feb 9 for 175,691 dlrs.",
            Recognizer::english(),
        );
        assert!(got.iter().all(|(_, s)| s != "Jan" && s != "Feb"), "{got:?}");
    }

    fn at_in(text: &str, w: &str) -> Mention {
        let s = text.find(w).unwrap();
        Mention {
            start: s,
            end: s + w.len(),
            kind: EntityType::Org,
        }
    }

    #[test]
    fn era_markers_are_not_names() {
        for (text, era) in [
            ("The city fell in 146 BC to Rome.", "BC"),
            ("Vesuvius erupted in AD 79.", "AD"),
            ("It dates from about 1600 BCE, scholars say.", "BCE"),
            ("The town was founded in 43 A.D. by the Romans.", "A.D."),
        ] {
            let start = text.find(era).unwrap();
            let m = Mention {
                start,
                end: start + era.len(),
                kind: EntityType::Org,
            };
            assert!(is_era(text, &m), "{text}");
            let got = spans(text, Recognizer::english());
            assert!(got.iter().all(|(_, s)| s != era), "{text}: {got:?}");
        }
        let text = "AD Holdings and BC Hydro cut jobs.";
        let m = Mention {
            start: 0,
            end: 2,
            kind: EntityType::Org,
        };
        assert!(!is_era(text, &m));
    }

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
    fn era_markers_after_a_century_are_not_names() {
        for (text, era) in [
            ("Athens in the 5th century BC was dependent on grain.", "BC"),
            (
                "Letters dating from the 14th century BCE, found at Amarna.",
                "BCE",
            ),
            ("Tribes settled there in the 6th century AD.", "AD"),
        ] {
            let m = mention_at(text, era, EntityType::Org);
            assert!(is_era(text, &m), "{text}");
        }
        let text = "The century AD Holdings had was long.";
        let m = mention_at(text, "AD Holdings", EntityType::Org);
        assert!(!is_era(text, &m));
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
    fn names_do_not_end_with_function_words() {
        let gaz = Gazetteer::builtin();
        let text = "The Government is sure that the Earth and the Bank of England agree.";
        let mut found = vec![
            mention_at(text, "Government is", EntityType::Org),
            mention_at(text, "Earth and", EntityType::Place),
            mention_at(text, "Bank of England", EntityType::Org),
        ];
        trim_function_words(text, &gaz, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("ORG", "Government"),
                ("PLACE", "Earth"),
                ("ORG", "Bank of England")
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

    /// Reuters' headlines ("NATIONAL WESTMINSTER BANK CUTS BASE RATE") left an organisation
    /// "BANK" with 156 mentions.
    #[test]
    fn generic_nouns_alone_are_not_names() {
        let text = "The Army and the Emperor told the Government, the Bank and Army Corps.\n\
                    SANWA BANK BUYS STAKE; U.S. NAVY IN GULF; BaNK";
        for (w, generic) in [
            ("Bank", true),
            ("Army", true),
            ("Emperor", true),
            ("Government", true),
            ("Army Corps", false),
            ("BANK", true),
            ("NAVY", true),
            ("BaNK", false),
        ] {
            let s = text.rfind(w).unwrap();
            let m = Mention {
                start: s,
                end: s + w.len(),
                kind: EntityType::Org,
            };
            assert_eq!(is_generic(text, &m), generic, "{w}");
        }
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

    #[test]
    fn natural_features_are_places() {
        let text = "Ports around the Mediterranean, the Baltic trade, the Atlantic. \
                    Ships on the Danube and the Rockies beat the Caucasus in Alps country.";
        let mut found = vec![
            mention_at(text, "Mediterranean", EntityType::Misc),
            mention_at(text, "Baltic", EntityType::Misc),
            mention_at(text, "Atlantic", EntityType::Misc),
            mention_at(text, "Danube", EntityType::Misc),
            mention_at(text, "Rockies", EntityType::Org),
            mention_at(text, "Caucasus", EntityType::Misc),
            mention_at(text, "Alps", EntityType::Misc),
        ];
        super::natural_features_are_places(text, &mut found);
        let kinds: Vec<&str> = found.iter().map(|m| m.kind.label()).collect();
        assert_eq!(
            kinds,
            ["PLACE", "MISC", "PLACE", "PLACE", "ORG", "PLACE", "MISC"]
        );
    }

    #[test]
    fn events_are_other_names() {
        let gaz = Gazetteer::builtin();
        let text = "After the Treaty of Nanking and the Boxer Rebellion, Penn Treaty Corp and Bank of \
                    Treaty; the Battle of Marengo, the Reign of Terror, the Middle Ages, Battle Creek.";
        let mut found = vec![
            mention_at(text, "Treaty of Nanking", EntityType::Org),
            mention_at(text, "Boxer Rebellion", EntityType::Place),
            mention_at(text, "Penn Treaty Corp", EntityType::Org),
            mention_at(text, "Bank of Treaty", EntityType::Org),
            mention_at(text, "Battle of Marengo", EntityType::Org),
            mention_at(text, "Reign of Terror", EntityType::Org),
            mention_at(text, "Middle Ages", EntityType::Place),
            mention_at(text, "Battle Creek", EntityType::Place),
        ];
        super::events_are_other_names(text, &gaz, &mut found);
        let kinds: Vec<&str> = found.iter().map(|m| m.kind.label()).collect();
        assert_eq!(
            kinds,
            [
                "MISC", "MISC", "ORG", "ORG", "MISC", "MISC", "MISC", "PLACE"
            ]
        );
    }

    #[test]
    fn doctrines_are_other_names() {
        let gaz = Gazetteer::builtin();
        let text = "They returned to Judaism, not to Marxism or to Maoism in Prism. During the \
                    Renaissance the Greeks and the Filipinos met Athens.";
        let mut found = vec![
            mention_at(text, "Judaism", EntityType::Org),
            mention_at(text, "Marxism", EntityType::Place),
            mention_at(text, "Prism", EntityType::Org),
            mention_at(text, "Renaissance", EntityType::Org),
            mention_at(text, "Greeks", EntityType::Person),
            mention_at(text, "Filipinos", EntityType::Org),
            mention_at(text, "Athens", EntityType::Place),
        ];
        super::doctrines_are_other_names(text, &gaz, &mut found);
        let kinds: Vec<&str> = found.iter().map(|m| m.kind.label()).collect();
        assert_eq!(
            kinds,
            ["MISC", "MISC", "ORG", "MISC", "MISC", "MISC", "PLACE"]
        );
    }

    #[test]
    fn works_are_other_names() {
        let text = "She starred in the 2012 film The Five-Year Engagement, the film, Looper, \
                    and the album Over My Head before Rotor would play Lada Togliatti.";
        let mut found = vec![
            mention_at(text, "Five-Year Engagement", EntityType::Place),
            mention_at(text, "Looper", EntityType::Person),
            mention_at(text, "Over My Head", EntityType::Person),
            mention_at(text, "Lada Togliatti", EntityType::Org),
        ];
        super::works_are_other_names(text, &mut found);
        let kinds: Vec<&str> = found.iter().map(|m| m.kind.label()).collect();
        assert_eq!(kinds, ["MISC", "MISC", "MISC", "ORG"]);
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

    /// Reuters' "Reliance Electric said" and "Boston Bancorp said" gave persons "Electric" and
    /// "Bancorp".
    #[test]
    fn a_company_word_alone_is_no_person() {
        let gaz = Gazetteer::builtin();
        let text =
            "Reliance Electric said. Boston Bancorp and General Electric rose. Savings fell.";
        let mut found = vec![
            mention_at(text, "Electric said", EntityType::Person),
            mention_at(text, "Bancorp", EntityType::Person),
            mention_at(text, "General", EntityType::Org),
            mention_at(text, "Electric rose", EntityType::Person),
            mention_at(text, "Savings", EntityType::Person),
        ];
        found[0].end -= 5;
        found[3].end -= 5;
        legal_forms_make_organisations(text, &gaz, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("ORG", "Reliance Electric"),
                ("ORG", "Boston Bancorp"),
                ("ORG", "General Electric"),
            ]
        );
        // In a headline in capitals too.
        let text = "GENERAL ELECTRIC <GE> SELLS NOTES";
        let mut found = vec![mention_at(text, "ELECTRIC", EntityType::Person)];
        legal_forms_make_organisations(text, &gaz, &mut found);
        assert_eq!(texts(text, &found), [("ORG", "GENERAL ELECTRIC")]);
        // Taken for an organisation, it is left as the tagger found it.
        let text = "Airlines said.";
        let mut found = vec![mention_at(text, "Airlines", EntityType::Org)];
        legal_forms_make_organisations(text, &gaz, &mut found);
        assert_eq!(texts(text, &found), [("ORG", "Airlines")]);
    }

    /// Reuters' "General Electric\nCo" stayed a person's name (its legal form was sought
    /// after a space only), and "Wisconsin Electric Power Co said", with "Co" left out, a
    /// person "Electric Power".
    #[test]
    fn a_legal_form_across_a_line_or_just_outside_makes_an_organisation() {
        let gaz = Gazetteer::builtin();
        let text =
            "General Electric\nCo <GE> and Electric Power Co. said; Acme Ltd, Mr Smith Co-op.";
        let mut found = vec![
            mention_at(text, "General Electric\nCo", EntityType::Person),
            mention_at(text, "Electric Power", EntityType::Person),
            mention_at(text, "Acme", EntityType::Place),
            mention_at(text, "Smith", EntityType::Person),
        ];
        legal_forms_make_organisations(text, &gaz, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("ORG", "General Electric\nCo"),
                ("ORG", "Electric Power Co."),
                ("ORG", "Acme Ltd"),
                ("PERSON", "Smith"),
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

    /// "Merck and Co Inc" gave "Merck" and an organisation "Co Inc", with 211 mentions in
    /// Reuters.
    #[test]
    fn legal_forms_after_and_join_the_name_before_them() {
        let gaz = Gazetteer::builtin();
        let text = "Merck and Co Inc, D.F. King & Co and Woolcott said; a unit of Smith and \
                    Co Inc rose; Morgan Stanley and Co Inc agreed.";
        let mut found = vec![
            mention_at(text, "Merck", EntityType::Org),
            mention_at(text, "Co Inc,", EntityType::Org),
            mention_at(text, "D.F. King", EntityType::Person),
            mention_at(text, "Co and", EntityType::Org),
            mention_at(text, "Woolcott", EntityType::Org),
            mention_at(text, "Co Inc rose", EntityType::Org),
            mention_at(text, "Morgan Stanley", EntityType::Org),
            mention_at(text, "Inc agreed", EntityType::Misc),
        ];
        // The tagger passed over "Co" of "Morgan Stanley and Co Inc".
        found[7].end -= 7;
        found[1].end -= 1;
        found[3].end -= 4;
        found[5].end -= 5;
        legal_forms_make_organisations(text, &gaz, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("ORG", "Merck and Co Inc"),
                ("ORG", "D.F. King & Co"),
                ("ORG", "Woolcott"),
                // "Smith" was not found: the forms alone after "and" go.
                ("ORG", "Morgan Stanley and Co Inc"),
            ]
        );
    }

    /// Wire copy gave "Corp" alone as a person 253 times on Reuters ("Holiday Corp said",
    /// "Newmont" "Corp" across a line break).
    #[test]
    fn legal_forms_make_organisations_and_join_the_name_before_them() {
        let gaz = Gazetteer::builtin();
        let text = "Holiday Corp said Newmont Corp and Acme, Inc. sold. Co. rose; Jean Corp.\n\
                    HOLIDAY CORP SETS\nThe Big Apple Inns Inc said a unit of Magma\nMining Corp";
        let mut found = vec![
            mention_at(text, "Holiday Corp", EntityType::Person),
            mention_at(text, "Newmont", EntityType::Org),
            mention_at(text, "Corp and", EntityType::Person),
            mention_at(text, "Acme", EntityType::Org),
            mention_at(text, "Inc.", EntityType::Person),
            mention_at(text, "Co.", EntityType::Org),
            mention_at(text, "Jean Corp.", EntityType::Person),
            mention_at(text, "CORP", EntityType::Person),
            mention_at(text, "Inc said", EntityType::Person),
            mention_at(text, "Magma", EntityType::Org),
            mention_at(text, "Mining Corp", EntityType::Person),
        ];
        // "Corp and" and "Inc said" stand for mentions of the form alone.
        found[2].end = found[2].start + 4;
        found[8].end = found[8].start + 3;
        legal_forms_make_organisations(text, &gaz, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("ORG", "Holiday Corp"),
                ("ORG", "Newmont Corp"),
                // After a comma the form joins nothing and goes; so does one alone.
                ("ORG", "Acme"),
                ("ORG", "Jean Corp."),
                // The capitalised words before a form the tagger passed over, up to a
                // function word.
                ("ORG", "HOLIDAY CORP"),
                ("ORG", "Big Apple Inns Inc"),
                // A name broken across lines in text not taken as wrapped.
                ("ORG", "Magma\nMining Corp"),
            ]
        );
    }
}
