//! Lone UTF-16 surrogate escapes in JSON (`\ud83d` without its pair, as a truncated emoji
//! leaves them): strict readers refuse the whole file for one of them, so they are replaced
//! with `\ufffd` (the replacement character) before parsing, and counted for a note.

use std::borrow::Cow;

/// The value of four hex digits at the start of `b`, if they are four hex digits.
fn hex4(b: &[u8]) -> Option<u16> {
    let digits = b.get(..4)?;
    let mut v = 0u16;
    for &d in digits {
        v = v * 16 + (d as char).to_digit(16)? as u16;
    }
    Some(v)
}

fn is_high(v: u16) -> bool {
    (0xD800..0xDC00).contains(&v)
}

fn is_low(v: u16) -> bool {
    (0xDC00..0xE000).contains(&v)
}

/// `text` with every lone surrogate escape replaced by `\ufffd`, and how many there were.
/// Text without one is returned as it is, not copied. An escaped backslash (`\\ud83d`) is
/// not an escape and is left alone.
pub fn repair(text: &str) -> (Cow<'_, str>, usize) {
    let b = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut count = 0;
    let mut i = 0;
    while let Some(off) = b.get(i..).and_then(|rest| memchr::memchr(b'\\', rest)) {
        let at = i + off;
        if b.get(at + 1) != Some(&b'u') {
            // Some other escape (or a stray backslash): skip it with the character it escapes.
            i = at + 2;
            continue;
        }
        let Some(v) = hex4(&b[at + 2..]) else {
            i = at + 2;
            continue;
        };
        let next = at + 6;
        if is_high(v)
            && b.get(next) == Some(&b'\\')
            && b.get(next + 1) == Some(&b'u')
            && hex4(&b[(next + 2).min(b.len())..]).is_some_and(is_low)
        {
            i = next + 6;
            continue;
        }
        if is_high(v) || is_low(v) {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            // `at` and `next` sit on ASCII bytes, so both are character boundaries.
            o.push_str(&text[copied..at]);
            o.push_str("\\ufffd");
            copied = next;
            count += 1;
        }
        i = next;
    }
    match out {
        Some(mut o) => {
            o.push_str(&text[copied..]);
            (Cow::Owned(o), count)
        }
        None => (Cow::Borrowed(text), 0),
    }
}

/// The note for a file in which `n` lone surrogates were replaced.
pub fn note(n: usize) -> String {
    let what = if n == 1 {
        "1 broken character escape (half of a UTF-16 pair, as a cut emoji leaves)".to_string()
    } else {
        format!("{n} broken character escapes (halves of UTF-16 pairs, as cut emoji leave)")
    };
    format!("{what} replaced with �")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_halves_are_replaced_and_pairs_kept() {
        let (t, n) = repair(r#"{"a":"x\ud83d y","b":"\ud83d\ude00","c":"\udE00\ud83d"}"#);
        assert_eq!(n, 3);
        assert_eq!(
            t,
            r#"{"a":"x\ufffd y","b":"\ud83d\ude00","c":"\ufffd\ufffd"}"#
        );
        let v: serde_json::Value = serde_json::from_str(&t).unwrap();
        assert_eq!(v["a"], "x\u{fffd} y");
        assert_eq!(v["b"], "😀");
    }

    #[test]
    fn escaped_backslashes_and_short_escapes_are_left_alone() {
        for s in [
            r#""\\ud83d""#,
            r#""\u12""#,
            r#""\"\ud8""#,
            "\\",
            r#"\u"#,
            "é\\uD83",
        ] {
            let (t, n) = repair(s);
            assert_eq!((t.as_ref(), n), (s, 0), "{s}");
        }
        let (t, n) = repair("é\\uD83D");
        assert_eq!((t.as_ref(), n), ("é\\ufffd", 1));
    }
}
