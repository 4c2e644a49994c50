//! Word tokens with byte offsets into the raw text, and the sentence and paragraph breaks
//! between them.
//!
//! A token is a run of letters and digits, with these rules:
//!
//! - **Joiners**: inside a word, a hyphen or an apostrophe followed by a letter stays part of it
//!   ("co-sponsor", "don't", "O'Brien"); a possessive "'s" or "’s" is left out of the token
//!   ("Russia's" → "Russia"); in numbers, "." and "," between digits stay ("1,234.5").
//! - **Initialisms**: single letters joined by periods are one token with their final period
//!   ("U.S.", "e.g.", "a.m."). Other abbreviations ("Feb.", "Mr.", "Inc.") are tokens without
//!   the period; the period only matters for sentence breaks.
//! - **Links**: a URL ("https://…", "www.…") or an e-mail address is one token. Trailing
//!   sentence punctuation and unbalanced closing brackets are not part of it. "://" and "www."
//!   are checked only where a word stops at ":" or is "www"; "@" is found with `memchr`, ahead of
//!   the words, one address at a time.
//!
//! The [`Break`] before each token is decided in `sentences.rs` (abbreviation-aware sentence
//! ends, blank-line and indented paragraphs, headlines). [`fold_case`] gives the form words are
//! counted under; [`is_number`] tells numbers apart for a "hide numbers" view.

use super::sentences;

/// One token: a byte range of the text, and whether a sentence or paragraph starts with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The boundary that comes just before this token.
    pub brk: Break,
}

/// A boundary before a token. The first token of a text starts a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Break {
    /// Same sentence as the previous token.
    #[default]
    None,
    /// A new sentence in the same paragraph.
    Sentence,
    /// A new paragraph (and so a new sentence).
    Paragraph,
}

impl Token {
    /// The token's text as written.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

/// Whether a word is a number (starts with a digit), for hiding numbers from word lists.
pub fn is_number(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_numeric)
}

#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The character that starts at byte `i` of `text` (`None` past the end or inside a
/// character); an ASCII byte is read without decoding. The entity tokeniser uses it too.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text.get(i..)?.chars().next()
    }
}

/// Iterates over the tokens of `text` in order.
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens {
        text,
        pos: 0,
        prev: None,
        email: None,
        at_from: 0,
    }
}

/// Iterator returned by [`tokens`].
pub struct Tokens<'a> {
    text: &'a str,
    /// Where to look for the next token.
    pos: usize,
    /// Byte range of the previous token, `None` before the first.
    prev: Option<(usize, usize)>,
    /// The next e-mail address at or after `pos`, once found.
    email: Option<(usize, usize)>,
    /// Where to look for the next "@".
    at_from: usize,
}

/// Byte classes for the ASCII fast path: 1 = letter or digit, 2 = start of a non-ASCII char.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b.is_ascii_alphanumeric() {
            1
        } else if b >= 0x80 {
            2
        } else {
            0
        };
        i += 1;
    }
    t
};

impl Tokens<'_> {
    /// The next e-mail address that starts at or after `pos`, searching lazily.
    #[inline]
    fn next_email(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        if self.email.is_none() && self.at_from >= bytes.len() {
            return None;
        }
        loop {
            if let Some(span) = self.email
                && span.0 >= self.pos
            {
                return Some(span);
            }
            self.email = None;
            let Some(found) = memchr::memchr(b'@', bytes.get(self.at_from..)?) else {
                // No more addresses: later calls return at once.
                self.at_from = bytes.len();
                return None;
            };
            let at = self.at_from + found;
            self.at_from = at + 1;
            self.email = email_around(bytes, at);
        }
    }

    /// End of the token that starts at `start`, and where the next search resumes.
    fn word_end(&self, start: usize) -> (usize, usize) {
        let text = self.text;
        let bytes = text.as_bytes();
        let len = bytes.len();
        let mut end = start;
        loop {
            while end < len && CLASS[bytes[end] as usize] == 1 {
                end += 1;
            }
            let Some(c) = char_at(text, end) else { break };
            if is_word_char(c) {
                end += c.len_utf8();
                continue;
            }
            // Joiners: keep them when a word character follows.
            let after = end + c.len_utf8();
            let next = char_at(text, after);
            let joins = match c {
                '-' | '\u{2010}' | '\u{2011}' => next.is_some_and(is_word_char),
                '\'' | '\u{2019}' => {
                    if let Some(resume) = possessive(text, end) {
                        // "Russia's": the token stops here and "'s" is skipped.
                        return (end, resume);
                    }
                    next.is_some_and(char::is_alphabetic)
                }
                '.' if bytes[end - 1].is_ascii_digit() => next.is_some_and(|n| n.is_ascii_digit()),
                '.' => {
                    let single = char_at(text, start).map_or(0, char::len_utf8) == end - start;
                    let www = end - start == 3 && bytes[start..end].eq_ignore_ascii_case(b"www");
                    if single && let Some(e) = initialism(text, start) {
                        return (e, possessive(text, e).unwrap_or(e));
                    }
                    if www && let Some(e) = url_end(text, after) {
                        return (e, e);
                    }
                    false
                }
                ',' => bytes[end - 1].is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()),
                ':' if bytes[after..].starts_with(b"//")
                    && (2..=10).contains(&(end - start))
                    && bytes[start..end].iter().all(u8::is_ascii_alphabetic) =>
                {
                    if let Some(e) = url_end(text, after + 2) {
                        return (e, e);
                    }
                    false
                }
                _ => false,
            };
            if !joins {
                break;
            }
            end = after;
        }
        (end, end)
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let text = self.text;
        let bytes = text.as_bytes();
        let len = bytes.len();
        // Skip to the start of a word.
        let mut pos = self.pos;
        let start = loop {
            while pos < len && CLASS[bytes[pos] as usize] == 0 {
                pos += 1;
            }
            if pos >= len {
                self.pos = len;
                return None;
            }
            if CLASS[bytes[pos] as usize] == 1 {
                break pos;
            }
            let c = char_at(text, pos)?;
            if is_word_char(c) {
                break pos;
            }
            pos += c.len_utf8();
        };
        self.pos = start;
        let (mut end, mut resume) = match self.next_email() {
            Some((s, e)) if s == start => (e, e),
            _ => self.word_end(start),
        };
        // A word running into an address takes the whole address.
        if let Some((s, e)) = self.email
            && s < resume
            && e > end
        {
            end = e;
            resume = resume.max(e);
        }
        let brk = match self.prev {
            None => Break::Paragraph,
            Some(prev) => sentences::boundary(text, prev, (start, end)),
        };
        self.prev = Some((start, end));
        self.pos = resume;
        Some(Token { start, end, brk })
    }
}

/// If a possessive "'s" (or "’s") starts at `i`, the offset just after it.
fn possessive(text: &str, i: usize) -> Option<usize> {
    let q = char_at(text, i).filter(|&c| matches!(c, '\'' | '\u{2019}'))?;
    let s = i + q.len_utf8();
    let ends = matches!(char_at(text, s), Some('s' | 'S'))
        && !char_at(text, s + 1).is_some_and(is_word_char);
    ends.then_some(s + 1)
}

/// End of an initialism starting at `start` ("U.S.", "e.g", "a.m."): two or more single letters
/// each followed by a period, the last one's period optional.
fn initialism(text: &str, start: usize) -> Option<usize> {
    let mut i = start;
    let mut letters = 0;
    let mut end = start;
    while let Some(c) = char_at(text, i).filter(|c| c.is_alphabetic()) {
        let j = i + c.len_utf8();
        match char_at(text, j) {
            Some('.') => {
                letters += 1;
                end = j + 1;
                i = j + 1;
            }
            Some(n) if is_word_char(n) => break,
            _ => {
                if letters > 0 {
                    letters += 1;
                    end = j;
                }
                break;
            }
        }
    }
    (letters >= 2).then_some(end)
}

/// End of a URL whose address part starts at `from` (after "://" or "www."), without trailing
/// punctuation; `None` if nothing address-like follows.
fn url_end(text: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    let stop = rest
        .find(|c: char| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '<' | '>' | '"' | '`' | '{' | '}' | '|' | '\\' | '^')
                || matches!(c, '“' | '”' | '‘' | '’' | '«' | '»')
        })
        .unwrap_or(rest.len());
    let mut url = &rest[..stop];
    while let Some(last) = url.chars().next_back() {
        let trim = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '…' => true,
            ')' => url.matches('(').count() < url.matches(')').count(),
            ']' => url.matches('[').count() < url.matches(']').count(),
            _ => false,
        };
        if !trim {
            break;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
    url.starts_with(|c: char| c.is_alphanumeric())
        .then_some(from + url.len())
}

/// The e-mail address around the "@" at `at`, if there is one: "name.surname@example.org".
fn email_around(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    let local = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    let mut s = at;
    while s > 0 && at - s < 64 && local(&bytes[s - 1]) {
        s -= 1;
    }
    while s < at && !bytes[s].is_ascii_alphanumeric() {
        s += 1;
    }
    let domain = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-');
    let mut e = at + 1;
    while e < bytes.len() && domain(&bytes[e]) {
        e += 1;
    }
    while e > at + 1 && matches!(bytes[e - 1], b'.' | b'-') {
        e -= 1;
    }
    let host = &bytes[at + 1..e];
    let tld = host.rsplit(|&b| b == b'.').next().unwrap_or_default();
    let valid = s < at
        && host.first().is_some_and(u8::is_ascii_alphanumeric)
        && host.contains(&b'.')
        && !host.windows(2).any(|w| w == b"..")
        && tld.iter().any(u8::is_ascii_alphabetic);
    valid.then_some((s, e))
}

/// Appends the lowercase form of `word` to `out` (cleared first).
pub fn fold_case(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        for c in word.chars() {
            match c {
                '\u{2019}' => out.push('\''),
                '\u{2010}' | '\u{2011}' => out.push('-'),
                _ => out.extend(c.to_lowercase()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<(&str, usize, usize)> {
        tokens(t).map(|k| (k.text(t), k.start, k.end)).collect()
    }

    #[test]
    fn offsets_slice_back_to_words() {
        assert_eq!(
            words("US refuses to co-sponsor UN motion"),
            [
                ("US", 0, 2),
                ("refuses", 3, 10),
                ("to", 11, 13),
                ("co-sponsor", 14, 24),
                ("UN", 25, 27),
                ("motion", 28, 34)
            ]
        );
    }

    #[test]
    fn possessive_is_dropped_contraction_kept() {
        assert_eq!(
            words("Russia's war, don't."),
            [("Russia", 0, 6), ("war", 9, 12), ("don't", 14, 19)]
        );
        let t = "Kyiv’s mayor";
        assert_eq!(words(t)[0], ("Kyiv", 0, 4));
        assert_eq!(words(t)[1].0, "mayor");
    }

    #[test]
    fn numbers_keep_separators() {
        assert_eq!(
            words("1,234.5 dlrs, 3. Then"),
            [
                ("1,234.5", 0, 7),
                ("dlrs", 8, 12),
                ("3", 14, 15),
                ("Then", 17, 21)
            ]
        );
    }

    #[test]
    fn unicode_words_and_offsets() {
        let t = "Zürich — Straße “Ωmega” 東京";
        let w = words(t);
        assert_eq!(w[0], ("Zürich", 0, 7));
        assert_eq!(w[1].0, "Straße");
        assert_eq!(w[2].0, "Ωmega");
        assert_eq!(w[3].0, "東京");
        for (s, a, b) in w {
            assert_eq!(&t[a..b], s);
        }
    }

    #[test]
    fn trailing_joiners_are_not_part_of_words() {
        assert_eq!(
            words("well- 'quoted' end-"),
            [("well", 0, 4), ("quoted", 7, 13), ("end", 15, 18)]
        );
    }

    #[test]
    fn sentence_and_paragraph_breaks() {
        let t = "One two. Three\n\nFour";
        let b: Vec<Break> = tokens(t).map(|k| k.brk).collect();
        assert_eq!(
            b,
            [
                Break::Paragraph,
                Break::None,
                Break::Sentence,
                Break::Paragraph
            ]
        );
    }

    #[test]
    fn initialisms_keep_their_periods() {
        assert_eq!(
            words("The U.S. and U.N., e.g. at 9 a.m. (U.K.)"),
            [
                ("The", 0, 3),
                ("U.S.", 4, 8),
                ("and", 9, 12),
                ("U.N.", 13, 17),
                ("e.g.", 19, 23),
                ("at", 24, 26),
                ("9", 27, 28),
                ("a.m.", 29, 33),
                ("U.K.", 35, 39)
            ]
        );
        assert_eq!(
            words("U.S-based U.S.'s I. Feb. Mr."),
            [
                ("U.S", 0, 3),
                ("based", 4, 9),
                ("U.S.", 10, 14),
                ("I", 17, 18),
                ("Feb", 20, 23),
                ("Mr", 25, 27)
            ]
        );
        let mut s = String::new();
        fold_case("U.S.", &mut s);
        assert_eq!(s, "u.s.");
    }

    #[test]
    fn urls_are_one_token_without_trailing_punctuation() {
        let t = "See https://www.un.org/press/en/2025/sc1234.doc.htm. Or (http://x.org/a_(b)), \
                 www.example.com/path? “https://é.fr/ü”";
        let w: Vec<&str> = words(t).into_iter().map(|w| w.0).collect();
        assert_eq!(
            w,
            [
                "See",
                "https://www.un.org/press/en/2025/sc1234.doc.htm",
                "Or",
                "http://x.org/a_(b)",
                "www.example.com/path",
                "https://é.fr/ü"
            ]
        );
        assert_eq!(
            words(t)[1],
            ("https://www.un.org/press/en/2025/sc1234.doc.htm", 4, 51)
        );
        // Not links: a colon in prose, a bare "www" and a scheme with nothing after it.
        assert_eq!(
            words("note: www. http:// end").len(),
            words("note www http end").len()
        );
    }

    #[test]
    fn emails_are_one_token() {
        assert_eq!(
            words("Write to name.surname@example.org. Or <a-b@c.co.uk>, @handle x@y"),
            [
                ("Write", 0, 5),
                ("to", 6, 8),
                ("name.surname@example.org", 9, 33),
                ("Or", 35, 37),
                ("a-b@c.co.uk", 39, 50),
                ("handle", 54, 60),
                ("x", 61, 62),
                ("y", 63, 64)
            ]
        );
    }

    #[test]
    fn links_end_sentences() {
        let t = "Mail info@un.org. Visit www.un.org. The end";
        let s: Vec<(&str, Break)> = tokens(t).map(|k| (k.text(t), k.brk)).collect();
        assert_eq!(
            s,
            [
                ("Mail", Break::Paragraph),
                ("info@un.org", Break::None),
                ("Visit", Break::Sentence),
                ("www.un.org", Break::None),
                ("The", Break::Sentence),
                ("end", Break::None)
            ]
        );
    }

    #[test]
    fn numbers() {
        assert!(is_number("1,234.5"));
        assert!(is_number("3rd"));
        assert!(!is_number("G7"));
        assert!(!is_number(""));
    }

    #[test]
    fn case_folding() {
        let mut s = String::new();
        fold_case("ZÜRICH’s", &mut s);
        assert_eq!(s, "zürich's");
        fold_case("NATO", &mut s);
        assert_eq!(s, "nato");
    }

    /// Checks the invariants every tokenisation must keep.
    fn check(t: &str) -> Result<(), TestCaseError> {
        let mut last = 0;
        for (i, k) in tokens(t).enumerate() {
            prop_assert!(k.start < k.end, "empty token {k:?}");
            prop_assert!(k.start >= last, "overlap or disorder at {k:?}");
            prop_assert!(t.is_char_boundary(k.start) && t.is_char_boundary(k.end));
            prop_assert!(k.text(t).chars().next().is_some_and(char::is_alphanumeric));
            if i == 0 {
                prop_assert_eq!(k.brk, Break::Paragraph);
            }
            last = k.end;
            let mut folded = String::new();
            fold_case(k.text(t), &mut folded);
            prop_assert!(!folded.is_empty());
            is_number(k.text(t));
        }
        Ok(())
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn any_unicode_keeps_invariants(t in "\\PC{0,80}") {
            check(&t)?;
        }

        #[test]
        fn wordish_text_keeps_invariants(
            t in "([a-zA-Z0-9éÜß東.\\-'’@/:, \n\t!?…“”()]|www\\.|https?://|U\\.S\\.){0,60}"
        ) {
            check(&t)?;
        }
    }
}
