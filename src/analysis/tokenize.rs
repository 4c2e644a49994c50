//! Word tokens with byte offsets into the raw text.
//!
//! A token is a run of letters and digits. Inside a word, a hyphen or an apostrophe followed by a
//! letter stays part of it ("co-sponsor", "don't", "O'Brien"); a possessive "'s" is left out of
//! the token ("Russia's" → "Russia"); in numbers, "." and "," between digits stay ("1,234.5").

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

#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
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
        prev_end: None,
    }
}

/// Iterator returned by [`tokens`].
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
    /// End of the previous token, `None` before the first.
    prev_end: Option<usize>,
}

impl Tokens<'_> {
    /// The boundary between the previous token and one starting at `start`.
    fn boundary(&mut self, start: usize) -> Break {
        let Some(prev) = self.prev_end else {
            return Break::Paragraph;
        };
        let gap = &self.text.as_bytes()[prev..start];
        let mut newlines = 0;
        for &b in gap {
            if b == b'\n' {
                newlines += 1;
                if newlines == 2 {
                    return Break::Paragraph;
                }
            } else if !b.is_ascii_whitespace() {
                newlines = 0;
            }
        }
        if gap.iter().any(|b| matches!(b, b'.' | b'!' | b'?')) {
            Break::Sentence
        } else {
            Break::None
        }
    }

    fn emit(&mut self, start: usize, end: usize) -> Token {
        let brk = self.boundary(start);
        self.prev_end = Some(end);
        Token { start, end, brk }
    }
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

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let text = self.text;
        let bytes = text.as_bytes();
        let len = bytes.len();
        // Skip to the start of a word.
        let start = loop {
            while self.pos < len && CLASS[bytes[self.pos] as usize] == 0 {
                self.pos += 1;
            }
            if self.pos >= len {
                return None;
            }
            if CLASS[bytes[self.pos] as usize] == 1 {
                break self.pos;
            }
            let c = char_at(text, self.pos)?;
            if is_word_char(c) {
                break self.pos;
            }
            self.pos += c.len_utf8();
        };
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
            let next = char_at(text, end + c.len_utf8());
            let joins = match c {
                '-' | '\u{2010}' | '\u{2011}' => next.is_some_and(is_word_char),
                '\'' | '\u{2019}' => {
                    let after = end + c.len_utf8();
                    let possessive = matches!(next, Some('s' | 'S'))
                        && !char_at(text, after + 1).is_some_and(is_word_char);
                    if possessive {
                        // "Russia's": the token stops here and "'s" is skipped.
                        self.pos = after + 1;
                        return Some(self.emit(start, end));
                    }
                    next.is_some_and(char::is_alphabetic)
                }
                '.' | ',' => {
                    bytes[end - 1].is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit())
                }
                _ => false,
            };
            if !joins {
                break;
            }
            end += c.len_utf8();
        }
        self.pos = end;
        Some(self.emit(start, end))
    }
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
    fn case_folding() {
        let mut s = String::new();
        fold_case("ZÜRICH’s", &mut s);
        assert_eq!(s, "zürich's");
        fold_case("NATO", &mut s);
        assert_eq!(s, "nato");
    }
}
