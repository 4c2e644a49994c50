//! Tokenisation for entity recognition: words, numbers, abbreviations and punctuation, each a
//! byte range of the raw text, with sentence starts marked.
//!
//! Unlike the word counter's tokens, punctuation is kept (a model needs to see "," and "("), a
//! possessive "'s" becomes a token of its own, and abbreviations keep their final period
//! ("U.S.", "Inc.", "W."), so that an entity span ends exactly where a reader expects it.

/// One token: bytes `start..end` of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
    /// True when a sentence (or line) starts with this token.
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
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text.get(i..)?.chars().next()
    }
}

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
    while let Some(c) = char_at(text, i) {
        if c.is_alphanumeric() {
            i += c.len_utf8();
            continue;
        }
        let next = char_at(text, i + c.len_utf8());
        let joins = next.is_some_and(|n| n.is_alphanumeric());
        if !joins {
            break;
        }
        let prev_digit = i > start && text.as_bytes()[i - 1].is_ascii_digit();
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
    if text.as_bytes().get(i) == Some(&b'.') {
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

/// Appends the tokens of `text` to `out` (cleared first).
pub fn tokenize(text: &str, out: &mut Vec<Tok>) {
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
            if c == '\n' {
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
}
