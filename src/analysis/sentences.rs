//! Sentence and paragraph boundaries between two tokens.
//!
//! [`boundary`] looks at the previous token, the gap of text between it and the next token, and
//! the next token:
//!
//! - **Paragraph**: the gap holds a blank line (only whitespace between two newlines), a newline
//!   followed by an indent of two spaces or a tab (how wire stories mark paragraphs), or U+2029.
//! - **Sentence**: ".", "!", "?", "…" (or the CJK "。！？") with whitespace after them, possibly
//!   behind closing quotes and brackets, and a next word that is not lowercase ("approx. three"
//!   goes on). A period right after an abbreviation is judged by the kind of abbreviation:
//!   titles ("Mr.", "Gen.", "St.", "vs.") never end a sentence; month and numbering abbreviations
//!   ("Feb.", "No.", "p.") do unless a number follows; initialisms ("U.S.", which keep their
//!   period), company abbreviations ("Inc.", "Corp.") and single capital letters ("John F.
//!   Kennedy") end one only when the next word is a typical sentence starter ("The", "He", "But").
//! - **Headlines**: a line that ends without punctuation and is followed by a line starting with
//!   a capital or a digit ends a sentence if it is title-cased ("BAHIA COCOA REVIEW", "US Refuses
//!   to Co-sponsor UN Motion") or is the first line of the text. Other lines are taken as hard
//!   wrapping inside a sentence.

use super::tokenize::Break;

/// How a period after an abbreviation is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbrev {
    /// A title before a name: never ends a sentence.
    Title,
    /// Month or numbering: ends a sentence unless a number follows.
    BeforeNumber,
    /// Initialism, company, initial: ends a sentence only before a typical sentence starter.
    StarterOnly,
}

/// What ends the last sentence-like stretch of a gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// A single period; `attached` if it directly follows the previous token.
    Period { attached: bool },
    /// "!", "?", "…" or "...".
    Strong,
    /// A CJK full stop, which needs no space after it.
    Wide,
}

/// The boundary between the tokens `prev` and `next`, given as byte ranges of `text`.
#[inline]
pub(super) fn boundary(text: &str, prev: (usize, usize), next: (usize, usize)) -> Break {
    let bytes = text.as_bytes();
    // Most gaps are a space or a comma: nothing in them can end a sentence.
    let quiet =
        bytes[prev.1 - 1] != b'.' && bytes[prev.1..next.0].iter().all(|&b| !LOUD[b as usize]);
    if quiet {
        Break::None
    } else {
        boundary_slow(text, prev, next)
    }
}

/// Bytes that may take part in a sentence or paragraph break: line breaks, sentence punctuation
/// and every byte of a non-ASCII character.
const LOUD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = i >= 0x80 || matches!(i as u8, b'\n' | b'.' | b'!' | b'?');
        i += 1;
    }
    t
};

#[inline(never)]
fn boundary_slow(text: &str, prev: (usize, usize), next: (usize, usize)) -> Break {
    let bytes = text.as_bytes();
    let gap = &bytes[prev.1..next.0];
    let prev_dot = bytes[prev.1 - 1] == b'.';
    // An initialism such as "U.S." carries its own period.
    let mut stop = prev_dot.then_some(Stop::Period { attached: true });
    let mut space_after = false;
    let mut first_newline = None;
    let mut i = 0;
    while i < gap.len() {
        let b = gap[i];
        let mut width = 1;
        match b {
            b'\n' => {
                if starts_paragraph(&gap[i + 1..]) {
                    return Break::Paragraph;
                }
                first_newline.get_or_insert(i);
                space_after = true;
            }
            b' ' | b'\t' | b'\r' | 0x0b | 0x0c => space_after = true,
            b'.' => {
                stop = Some(match stop {
                    Some(Stop::Period { .. }) if i > 0 && gap[i - 1] == b'.' => Stop::Strong,
                    _ => Stop::Period { attached: i == 0 },
                });
                space_after = false;
            }
            b'!' | b'?' => {
                stop = Some(Stop::Strong);
                space_after = false;
            }
            0x80.. => {
                let c = text[prev.1 + i..].chars().next().unwrap_or(' ');
                width = c.len_utf8();
                match c {
                    '\u{2029}' => return Break::Paragraph,
                    '\u{2028}' => {
                        first_newline.get_or_insert(i);
                        space_after = true;
                    }
                    '…' => {
                        stop = Some(Stop::Strong);
                        space_after = false;
                    }
                    '。' | '！' | '？' => stop = Some(Stop::Wide),
                    c if c.is_whitespace() => space_after = true,
                    _ => {}
                }
            }
            _ => {}
        }
        i += width;
    }
    let next_word = &text[next.0..next.1];
    let ends = match stop {
        Some(Stop::Wide) => true,
        Some(stop) if space_after => ends_sentence(&text[prev.0..prev.1], stop, next_word),
        _ => match first_newline {
            Some(nl) => headline_before(text, prev.1, &gap[..nl], next_word),
            None => false,
        },
    };
    if ends { Break::Sentence } else { Break::None }
}

/// Whether the text after a newline (up to the next token) starts a paragraph: a blank line or an
/// indent of two spaces or a tab.
fn starts_paragraph(rest: &[u8]) -> bool {
    if rest.starts_with(b"\t") || rest.starts_with(b"  ") {
        return true;
    }
    let blank = rest
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | b'\r' | 0x0b | 0x0c));
    blank.is_some_and(|p| rest[p] == b'\n')
}

/// Whether a sentence ends after `prev` at `stop`, before the word `next`.
fn ends_sentence(prev: &str, stop: Stop, next: &str) -> bool {
    let Some(first) = next.chars().next() else {
        return false;
    };
    if first.is_lowercase() {
        return false;
    }
    if stop != (Stop::Period { attached: true }) {
        return true;
    }
    match abbreviation(prev) {
        None => true,
        Some(Abbrev::Title) => false,
        Some(Abbrev::BeforeNumber) => !first.is_numeric(),
        Some(Abbrev::StarterOnly) => first.is_uppercase() && is_starter(next),
    }
}

/// Lowercases a short ASCII word into `buf`; `None` if it is longer or not ASCII.
fn lower<const N: usize>(word: &str, buf: &mut [u8; N]) -> Option<usize> {
    let b = word.as_bytes();
    if b.len() > N || !word.is_ascii() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    Some(b.len())
}

/// The kind of abbreviation `word` is when a period follows it, if any.
fn abbreviation(word: &str) -> Option<Abbrev> {
    if word.ends_with('.') {
        return Some(Abbrev::StarterOnly);
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return Some(Abbrev::StarterOnly);
    }
    let mut buf = [0u8; 6];
    let n = lower(word, &mut buf)?;
    Some(match &buf[..n] {
        b"mr" | b"mrs" | b"ms" | b"mx" | b"messrs" | b"mme" | b"mlle" | b"dr" | b"prof"
        | b"gen" | b"gens" | b"sen" | b"sens" | b"rep" | b"reps" | b"gov" | b"pres" | b"lt"
        | b"col" | b"maj" | b"sgt" | b"cpl" | b"pvt" | b"capt" | b"cmdr" | b"adm" | b"brig"
        | b"st" | b"rev" | b"fr" | b"hon" | b"rt" | b"atty" | b"supt" | b"det" | b"insp"
        | b"vs" | b"v" | b"cf" | b"viz" | b"approx" | b"incl" | b"esp" => Abbrev::Title,
        b"jan" | b"feb" | b"mar" | b"apr" | b"jun" | b"jul" | b"aug" | b"sep" | b"sept"
        | b"oct" | b"nov" | b"dec" | b"no" | b"nos" | b"p" | b"pp" | b"vol" | b"vols" | b"fig"
        | b"figs" | b"art" | b"sec" | b"ch" | b"para" | b"pt" | b"ca" => Abbrev::BeforeNumber,
        b"inc" | b"corp" | b"ltd" | b"co" | b"cos" | b"plc" | b"llc" | b"lp" | b"bros" | b"jr"
        | b"sr" | b"etc" | b"al" | b"ave" | b"blvd" | b"rd" | b"mt" | b"ft" | b"dept" | b"univ"
        | b"assn" | b"govt" | b"intl" | b"mfg" => Abbrev::StarterOnly,
        _ => return None,
    })
}

/// Whether `word`, lowercased, is a function word that typically opens a sentence.
fn is_starter(word: &str) -> bool {
    let mut buf = [0u8; 9];
    let Some(n) = lower(word, &mut buf) else {
        return false;
    };
    matches!(
        &buf[..n],
        b"the"
            | b"a"
            | b"an"
            | b"he"
            | b"she"
            | b"it"
            | b"they"
            | b"we"
            | b"i"
            | b"you"
            | b"this"
            | b"that"
            | b"these"
            | b"those"
            | b"there"
            | b"here"
            | b"his"
            | b"her"
            | b"its"
            | b"their"
            | b"our"
            | b"my"
            | b"your"
            | b"but"
            | b"and"
            | b"or"
            | b"so"
            | b"yet"
            | b"nor"
            | b"in"
            | b"on"
            | b"at"
            | b"for"
            | b"of"
            | b"to"
            | b"by"
            | b"with"
            | b"as"
            | b"from"
            | b"after"
            | b"before"
            | b"while"
            | b"when"
            | b"if"
            | b"then"
            | b"also"
            | b"however"
            | b"meanwhile"
            | b"still"
            | b"since"
            | b"although"
            | b"though"
            | b"because"
            | b"other"
            | b"others"
            | b"some"
            | b"many"
            | b"most"
            | b"one"
            | b"all"
            | b"both"
            | b"each"
            | b"such"
            | b"what"
            | b"who"
            | b"which"
            | b"why"
            | b"how"
            | b"where"
            | b"not"
            | b"no"
            | b"yes"
            | b"last"
            | b"earlier"
            | b"later"
            | b"under"
            | b"among"
            | b"during"
            | b"despite"
    )
}

/// Lines of at least this many characters after the first are wrapped text, not headlines.
const WRAPPED_LINE: usize = 50;

/// Whether the line ending at `line_end` (just after the previous token) is a headline, so that
/// a sentence ends with it: the text's first line, or a shorter one in title case. `tail` is the gap between the token and the newline.
fn headline_before(text: &str, line_end: usize, tail: &[u8], next: &str) -> bool {
    let opens_line = next
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric());
    // A line ending in a comma, a colon or a dash goes on.
    let bare = tail.iter().all(|&b| {
        b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b')' | b']' | b'>' | 0x80..)
    });
    if !opens_line || !bare {
        return false;
    }
    const LONGEST: usize = 200;
    let from = line_end.saturating_sub(LONGEST);
    let line_start = match memchr::memrchr(b'\n', &text.as_bytes()[from..line_end]) {
        Some(p) => from + p + 1,
        None if from == 0 => return true,
        None => return false,
    };
    let Some(line) = text.get(line_start..line_end) else {
        return false;
    };
    // A line as long as a column of wrapped text is one: "…and the United" goes on with
    // "States" on the next line.
    if line.trim().chars().count() >= WRAPPED_LINE {
        return false;
    }
    // Title case: no word of four or more letters starts lowercase.
    line.split_whitespace().all(|w| {
        let mut cs = w.chars().skip_while(|c| !c.is_alphanumeric());
        let lowercase = cs.next().is_some_and(char::is_lowercase);
        !lowercase || cs.take(3).count() < 3
    })
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::{Break, tokens};

    /// The tokens that open a sentence or paragraph, with their break.
    fn starts(t: &str) -> Vec<(&str, Break)> {
        tokens(t)
            .filter(|k| k.brk != Break::None)
            .map(|k| (k.text(t), k.brk))
            .collect()
    }

    fn sentence_starts(t: &str) -> Vec<&str> {
        starts(t).into_iter().map(|(w, _)| w).collect()
    }

    #[test]
    fn plain_sentence_ends() {
        assert_eq!(
            sentence_starts("One two. Three! Four? “Five.” Six… Seven (eight.) Nine"),
            ["One", "Three", "Four", "Five", "Six", "Seven", "Nine"]
        );
        assert_eq!(
            sentence_starts("approx. three, file.txt and 3.5. Then"),
            ["approx", "Then"]
        );
        assert_eq!(sentence_starts("東京。大阪"), ["東京", "大阪"]);
    }

    #[test]
    fn initialisms_end_only_before_sentence_starters() {
        let t = "U.S. President Biden met U.N. officials. They moved to the U.S. He said.";
        assert_eq!(sentence_starts(t), ["U.S.", "They", "He"]);
        assert_eq!(sentence_starts("It fell in the U.S. 10-year note"), ["It"]);
        assert_eq!(
            sentence_starts("Acme Inc. The firm; Acme Inc. Chairman Smith"),
            ["Acme", "The"]
        );
    }

    #[test]
    fn titles_months_and_numbers() {
        assert_eq!(
            sentence_starts(
                "Mr. Smith and Gen. Lee met St. Paul vs. Rome on Feb. 3 at No. 5 Downing"
            ),
            ["Mr"]
        );
        assert_eq!(sentence_starts("It was in Feb. The rest"), ["It", "The"]);
        assert_eq!(sentence_starts("See p. 12 and no. 4"), ["See"]);
    }

    #[test]
    fn name_initials() {
        assert_eq!(
            sentence_starts("John F. Kennedy spoke. Vitamin C. It helps"),
            ["John", "Vitamin", "It"]
        );
    }

    #[test]
    fn ellipsis_and_quotes() {
        assert_eq!(
            sentence_starts("\"I was... well,\" he said. \"Stop!\" she cried. 'Why?' Then"),
            ["I", "Stop", "Why", "Then"]
        );
    }

    #[test]
    fn paragraphs() {
        let t = "One.\n\nTwo\n  \n Three\n    Four\n\tFive\nsix";
        assert_eq!(
            starts(t),
            [
                ("One", Break::Paragraph),
                ("Two", Break::Paragraph),
                ("Three", Break::Paragraph),
                ("Four", Break::Paragraph),
                ("Five", Break::Paragraph)
            ]
        );
        assert_eq!(starts("a\r\n\r\nb")[1], ("b", Break::Paragraph));
        assert_eq!(starts("a\u{2029}b")[1], ("b", Break::Paragraph));
        // Abbreviations do not hide a paragraph.
        assert_eq!(starts("Mr.\n\nSmith")[1], ("Smith", Break::Paragraph));
    }

    #[test]
    fn breaks_with_offsets_in_unicode_text() {
        let t = "Zürich’s mayor met the U.N. envoy. “Next,” she said… Ωmega.\n\n東京";
        let got: Vec<(&str, usize, usize, Break)> = tokens(t)
            .filter(|k| k.brk != Break::None)
            .map(|k| (k.text(t), k.start, k.end, k.brk))
            .collect();
        assert_eq!(
            got,
            [
                ("Zürich", 0, 7, Break::Paragraph),
                ("Next", 41, 45, Break::Sentence),
                ("Ωmega", 62, 68, Break::Sentence),
                ("東京", 71, 77, Break::Paragraph)
            ]
        );
    }

    #[test]
    fn headlines_and_wrapped_lines() {
        let t = "BAHIA COCOA REVIEW\nShowers continued in\nthe zone, said\nComissaria Smith said\nTotal";
        assert_eq!(sentence_starts(t), ["BAHIA", "Showers"]);
        let t = "Intro text\nUS Refuses to Co-sponsor UN Motion\nThe United States said";
        assert_eq!(sentence_starts(t), ["Intro", "US", "The"]);
        // A wrapped line in title case is no headline: the name it ends goes on.
        let t = "Trade talks\n\n    Prime Minister Yasuhiro Nakasone of Japan and the United\nStates agreed.";
        assert_eq!(sentence_starts(t), ["Trade", "Prime"]);
        // The first line of a text is a headline when the next line starts with a capital.
        assert_eq!(
            sentence_starts("US refuses motion\nThe US said"),
            ["US", "The"]
        );
    }
}
