//! Organisations named by a company's legal form ("Holiday Corp", "Merck and Co Inc") or by a
//! word that ends companies' names ("Reliance Electric").

use crate::ner::gazetteer::{self, Gazetteer};
use crate::ner::{EntityType, Mention};

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

/// Words that begin the names of public bodies and that the tagger tends to leave out as
/// common adjectives ("State Administration of Taxation" found as "Administration of
/// Taxation").
const QUALIFIERS: &[&str] = &[
    "State",
    "National",
    "Federal",
    "Central",
    "Supreme",
    "Royal",
    "Joint",
    "Permanent",
];

/// Nouns that begin the names of public bodies ("Administration of Taxation").
#[rustfmt::skip]
const BODIES: &[&str] = &[
    "Administration", "Agency", "Assembly", "Authority", "Board", "Bureau", "Commission",
    "Committee", "Council", "Court", "Department", "Directorate", "Inspectorate", "Institute",
    "Ministry", "Office", "Service", "Tribunal",
];

/// An organisation's name starts with a qualifier written just before it: the mention grows
/// to take it in, unless another mention ends there. A mention of another type that starts
/// with a public body's noun ("Administration of Taxation" taken for a place) is that body.
pub(super) fn qualifiers_start_organisations(text: &str, found: &mut [Mention]) {
    for k in 0..found.len() {
        let m = found[k];
        let first = text
            .get(m.start..m.end)
            .and_then(|s| s.split(' ').next())
            .unwrap_or("");
        if m.kind != EntityType::Org && !BODIES.contains(&first) {
            continue;
        }
        let Some(before) = text.get(..m.start).and_then(|b| b.strip_suffix(' ')) else {
            continue;
        };
        let word = before
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let start = before.len() - word.len();
        let taken = k > 0 && found[k - 1].end > start;
        if QUALIFIERS.contains(&word) && !taken {
            found[k].start = start;
            found[k].kind = EntityType::Org;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::rules::tests::{mention_at, texts};

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

    #[test]
    fn a_qualifier_before_a_public_body_is_part_of_its_name() {
        let text = "The State Administration of Taxation and the Bank of Korea met.";
        let mut found = vec![
            crate::ner::rules::tests::mention_at(
                text,
                "Administration of Taxation",
                EntityType::Place,
            ),
            crate::ner::rules::tests::mention_at(text, "Bank of Korea", EntityType::Org),
        ];
        qualifiers_start_organisations(text, &mut found);
        assert_eq!(
            &text[found[0].start..found[0].end],
            "State Administration of Taxation"
        );
        assert_eq!(&text[found[1].start..found[1].end], "Bank of Korea");
    }
}
