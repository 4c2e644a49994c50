//! Tokenisation for entity recognition: words, numbers, abbreviations and punctuation, each a
//! byte range of the raw text, with sentence starts marked.
//!
//! Unlike the word counter's tokens, punctuation is kept (a model needs to see "," and "("), a
//! possessive "'s" becomes a token of its own, and abbreviations keep their final period
//! ("U.S.", "Inc.", "W."), so that an entity span ends exactly where a reader expects it.
//!
//! A line break starts a sentence, as in annotated corpora written one sentence per line. A
//! document to recognise may instead be hard-wrapped prose (most of its single breaks fall
//! mid-sentence): there only a blank or indented line does, so that "Newmont\nMining Corp"
//! stays one name ([`tokenize_document`]).

use crate::analysis::tokenize::char_at;

/// One token: bytes `start..end` of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
    /// True when a sentence (or, outside wrapped prose, a line) starts with this token.
    pub sent_start: bool,
}

/// Words that keep a following period as part of themselves.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "corp", "co", "ltd", "bros", "gen", "col",
    "lt", "sgt", "capt", "gov", "sen", "rep", "prof", "rev", "messrs", "mt", "ft", "jan", "feb",
    "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "calif", "wash", "mass", "conn",
    "fla", "ill", "mich", "minn", "wis", "wisc", "tenn", "tex", "okla", "ariz", "colo", "ore",
    "pa", "va", "ky", "la", "md", "ga", "ala", "ind", "kan", "neb", "nev", "vs", "no", "vol",
    "plc", "cie", "av", "ave", "blvd", "adm", "cmdr", "maj", "pres", "supt", "hon", "etc",
];

#[inline]
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// True when `text[i..]` starts with a possessive or contracted "'s" that ends there.
fn possessive_at(text: &str, i: usize) -> Option<usize> {
    let c = char_at(text, i)?;
    if !is_apostrophe(c) {
        return None;
    }
    let j = i + c.len_utf8();
    let s = char_at(text, j)?;
    if s != 's' && s != 'S' {
        return None;
    }
    match char_at(text, j + 1) {
        Some(n) if n.is_alphanumeric() => None,
        _ => Some(j + 1),
    }
}

/// End of the word that starts at `i` (a letter or digit there).
fn word_end(text: &str, mut i: usize) -> usize {
    let start = i;
    let mut has_inner_dot = false;
    let mut seg_start = i;
    let bytes = text.as_bytes();
    loop {
        // ASCII letters and digits, most of any word, a byte at a time.
        while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        }
        let Some(c) = char_at(text, i) else {
            break;
        };
        if c.is_alphanumeric() {
            i += c.len_utf8();
            continue;
        }
        let next = char_at(text, i + c.len_utf8());
        let joins = next.is_some_and(|n| n.is_alphanumeric());
        if !joins {
            break;
        }
        let prev_digit = i > start && bytes[i - 1].is_ascii_digit();
        let next_digit = next.is_some_and(|n| n.is_ascii_digit());
        let ok = match c {
            '-' | '&' | '/' => c == '-' || i - seg_start <= 2,
            '.' => {
                has_inner_dot = true;
                true
            }
            ',' => prev_digit && next_digit,
            c if is_apostrophe(c) => possessive_at(text, i).is_none(),
            _ => false,
        };
        if !ok {
            break;
        }
        i += c.len_utf8();
        seg_start = i;
    }
    // A final period belongs to abbreviations: "U.S.", "Inc.", a middle initial "W.".
    if bytes.get(i) == Some(&b'.') {
        let w = &text[start..i];
        let single_upper = w.len() == 1 && w.as_bytes()[0].is_ascii_uppercase();
        let keeps = (has_inner_dot && w.chars().any(char::is_alphabetic))
            || single_upper
            || (w.len() <= 6 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(w)));
        if keeps {
            i += 1;
        }
    }
    i
}

/// Whether `text` is hard-wrapped prose: of its single line breaks (those followed by text,
/// not by a blank or indented line), at least a third, and at least two, fall mid-sentence
/// before a lowercase word.
pub fn wrapped(text: &str) -> bool {
    let b = text.as_bytes();
    let (mut single, mut soft) = (0u32, 0u32);
    for i in memchr::memchr_iter(b'\n', b) {
        let Some(&next) = b.get(i + 1) else { continue };
        if next.is_ascii_whitespace() {
            continue;
        }
        single += 1;
        let Some(&last) = b[..i].iter().rev().find(|c| !c.is_ascii_whitespace()) else {
            continue;
        };
        // A line followed by one that goes on in lowercase, with no sentence end between,
        // breaks a sentence. (Lines that stop on a lowercase word or a comma are often wrapped
        // too, but counting them tags CoNLL-2003's wrapped tables and results worse.)
        let ended = b".!?:;\"'".contains(&last);
        if !ended && next.is_ascii_lowercase() {
            soft += 1;
        }
    }
    soft >= 2 && soft * 3 >= single
}

/// Appends the tokens of `text` to `out` (cleared first); every line break starts a sentence.
/// For text written one sentence (or name) per line: training corpora and name lists.
pub fn tokenize(text: &str, out: &mut Vec<Tok>) {
    tokens_of(text, false, out);
}

/// Appends the tokens of a document to `out` (cleared first); in hard-wrapped prose a single
/// line break followed by text is a space.
pub fn tokenize_document(text: &str, out: &mut Vec<Tok>) {
    tokens_of(text, wrapped(text), out);
}

fn tokens_of(text: &str, wrapped: bool, out: &mut Vec<Tok>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut sent_start = true;
    while i < bytes.len() {
        let Some(c) = char_at(text, i) else {
            i += 1;
            continue;
        };
        if c.is_whitespace() {
            // In wrapped prose a break followed by text is a space.
            if c == '\n' && !(wrapped && bytes.get(i + 1).is_some_and(|b| !b.is_ascii_whitespace()))
            {
                sent_start = true;
            }
            i += c.len_utf8();
            continue;
        }
        let end = if c.is_alphanumeric() {
            word_end(text, i)
        } else if let Some(e) = possessive_at(text, i) {
            e
        } else {
            // Punctuation: a run of the same character is one token ("...", "--").
            let mut e = i + c.len_utf8();
            while char_at(text, e) == Some(c) {
                e += c.len_utf8();
            }
            e
        };
        out.push(Tok {
            start: i as u32,
            end: end as u32,
            sent_start,
        });
        sent_start = matches!(c, '.' | '!' | '?') && end - i <= 3;
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(text, &mut v);
        v.iter()
            .map(|t| &text[t.start as usize..t.end as usize])
            .collect()
    }

    #[test]
    fn splits_words_punctuation_and_possessives() {
        assert_eq!(
            words("U.S. President Joe Biden's talks, in Brussels."),
            [
                "U.S.",
                "President",
                "Joe",
                "Biden",
                "'s",
                "talks",
                ",",
                "in",
                "Brussels",
                "."
            ]
        );
        assert_eq!(
            words("Robert W. Baird & Co. sold 1,200.5 shares on 1996-08-30 (O'Neill)"),
            [
                "Robert",
                "W.",
                "Baird",
                "&",
                "Co.",
                "sold",
                "1,200.5",
                "shares",
                "on",
                "1996-08-30",
                "(",
                "O'Neill",
                ")"
            ]
        );
        assert_eq!(
            words("AT&T ... rain-affected"),
            ["AT&T", "...", "rain-affected"]
        );
    }

    #[test]
    fn marks_sentence_starts() {
        let mut v = Vec::new();
        tokenize("One two. Three\nFour", &mut v);
        let starts: Vec<bool> = v.iter().map(|t| t.sent_start).collect();
        assert_eq!(starts, [true, false, false, true, true]);
    }

    /// Hard-wrapped news copy split "Newmont\nMining Corp" into "Newmont" and a person "Corp".
    #[test]
    fn a_line_break_inside_wrapped_prose_does_not_start_a_sentence() {
        let text = "Magma Copper Co, a subsidiary of Newmont\nMining Corp, said it is cutting its\ncopper \
                    price by 0.75 cent to 66 cents a\nlb, effective immediately.\n    Magma said the \
                    move\nreflects lower prices.\n\nSHORT HEADLINE\nNext";
        assert!(wrapped(text));
        let mut v = Vec::new();
        tokenize_document(text, &mut v);
        let starts: Vec<&str> = v
            .iter()
            .filter(|t| t.sent_start)
            .map(|t| &text[t.start as usize..t.end as usize])
            .collect();
        // "Mining", "copper", "lb" and "reflects" go on their lines' sentences, and so does
        // "Next" after a single break; an indented line and a blank line start one.
        assert_eq!(starts, ["Magma", "Magma", "SHORT"]);
        tokenize(text, &mut v);
        assert_eq!(v.iter().filter(|t| t.sent_start).count(), 8);
    }

    #[test]
    fn one_sentence_per_line_is_not_wrapped_prose() {
        let conll = "SOCCER - JAPAN GET LUCKY WIN .\nNadim Ladki\nAL-AIN , United Arab Emirates \
                     1996-12-06\nJapan began the defence of their Asian Cup title with a lucky 2-1 \
                     win against Syria .\nBut China saw their luck desert them .";
        assert!(!wrapped(conll));
        assert!(!wrapped("Title\nbody text here\n"));
        let mut v = Vec::new();
        tokenize_document(conll, &mut v);
        assert_eq!(v.iter().filter(|t| t.sent_start).count(), 5);
    }
}
