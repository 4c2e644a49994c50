//! What is not a name, or not part of one: punctuation and possessives at a mention's edges,
//! function words at its end, words without a capital, months beside a day, era markers,
//! wire signatures and common nouns standing alone.

use super::spans::around;
use crate::ner::Mention;
use crate::ner::gazetteer::Gazetteer;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::rules::tests::{mention_at, texts};
    use crate::ner::tests::spans;
    use crate::ner::{EntityType, Recognizer};

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

    fn at_in(text: &str, w: &str) -> Mention {
        let s = text.find(w).unwrap();
        Mention {
            start: s,
            end: s + w.len(),
            kind: EntityType::Org,
        }
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
}
