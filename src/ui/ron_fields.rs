//! Splitting RON text into its top-level parts without understanding them: the fields of a
//! struct (`(name: value, …)`) and the items of a list (`[a, b, …]`), each as its own slice
//! of text. The settings are read part by part through this, so a part that cannot be read
//! (an unknown panel, a value of the wrong kind, a file cut short) loses only itself.

/// What splitting found: the parts read whole, and whether the text ended inside one.
#[derive(Debug, Default, PartialEq)]
pub struct Parts<'a> {
    /// `(name, value)` for a struct's fields; `("", value)` for a list's items.
    pub parts: Vec<(&'a str, &'a str)>,
    /// True when the text ended before the struct or list closed (a file cut short).
    pub cut: bool,
}

/// Skips blanks and comments from `i`; the index of the next meaningful byte.
fn skip_blank(b: &[u8], mut i: usize) -> usize {
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            // RON block comments nest.
            let mut depth = 0usize;
            while i < b.len() {
                if b[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if b[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else {
            return i;
        }
    }
}

/// The end of the string, character or raw string starting at `i`, or `None` when the
/// text ends inside it.
fn skip_literal(b: &[u8], i: usize) -> Option<usize> {
    let quote = b[i];
    if quote == b'r' || (quote == b'b' && b.get(i + 1) == Some(&b'r')) {
        // r"…", r#"…"#, br"…"
        let mut j = i + if quote == b'b' { 2 } else { 1 };
        let hashes = b[j..].iter().take_while(|c| **c == b'#').count();
        j += hashes;
        if b.get(j) != Some(&b'"') {
            return Some(i + 1);
        }
        j += 1;
        loop {
            let at = j + memchr::memchr(b'"', b.get(j..)?)?;
            let end = at + 1;
            if b[end..].iter().take(hashes).filter(|c| **c == b'#').count() == hashes {
                return Some(end + hashes);
            }
            j = end;
        }
    }
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            c if c == quote => return Some(j + 1),
            _ => j += 1,
        }
    }
    None
}

/// The end of the value starting at `i` (at the `,` or closing bracket after it), or `None`
/// when the text ends first. Brackets must pair up; a stray closing one ends the value.
fn value_end(b: &[u8], mut i: usize) -> Option<usize> {
    let mut stack: Vec<u8> = Vec::new();
    loop {
        i = skip_blank(b, i);
        let c = *b.get(i)?;
        match c {
            b'"' | b'\'' => i = skip_literal(b, i)?,
            b'r' | b'b'
                if (i == 0 || !is_ident(b[i - 1]))
                    && matches!(b.get(i + 1), Some(b'"' | b'#' | b'r')) =>
            {
                i = skip_literal(b, i)?
            }
            b'(' | b'[' | b'{' => {
                stack.push(c);
                i += 1;
            }
            b')' | b']' | b'}' => {
                let Some(open) = stack.pop() else {
                    return Some(i);
                };
                if !matches!((open, c), (b'(', b')') | (b'[', b']') | (b'{', b'}')) {
                    return None;
                }
                i += 1;
            }
            b',' if stack.is_empty() => return Some(i),
            _ => i += 1,
        }
    }
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Splits the struct or list that `text` holds (after any `#![enable(…)]` lines and a
/// struct name) into its parts. `None` when the text holds neither.
pub fn split(text: &str) -> Option<Parts<'_>> {
    let b = text.as_bytes();
    let mut i = skip_blank(b, 0);
    // Extensions: #![enable(implicit_some)]
    while b[i..].starts_with(b"#!") {
        let close = memchr::memchr(b']', &b[i..])?;
        i = skip_blank(b, i + close + 1);
    }
    // An optional struct name.
    while i < b.len() && is_ident(b[i]) {
        i += 1;
    }
    i = skip_blank(b, i);
    let (fields, close) = match b.get(i)? {
        b'(' => (true, b')'),
        b'[' => (false, b']'),
        _ => return None,
    };
    i += 1;
    let mut out = Parts::default();
    loop {
        i = skip_blank(b, i);
        match b.get(i) {
            None => {
                out.cut = true;
                return Some(out);
            }
            Some(c) if *c == close => return Some(out),
            Some(_) => {}
        }
        let mut name = "";
        if fields {
            let start = i;
            while i < b.len() && is_ident(b[i]) {
                i += 1;
            }
            name = &text[start..i];
            i = skip_blank(b, i);
            if name.is_empty() || b.get(i) != Some(&b':') {
                // Not `name: value`: a tuple or something unknown; give up on the rest.
                out.cut = i >= b.len();
                return Some(out);
            }
            i += 1;
        }
        let start = skip_blank(b, i);
        let Some(end) = value_end(b, start) else {
            out.cut = true;
            return Some(out);
        };
        let value = text[start..end].trim_end();
        if !value.is_empty() {
            out.parts.push((name, value));
        }
        i = end;
        match b.get(i) {
            Some(b',') => i += 1,
            Some(c) if *c == close => return Some(out),
            Some(_) => return Some(out),
            None => {
                out.cut = true;
                return Some(out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_lists_strings_and_comments() {
        let t = r##"#![enable(implicit_some)]
Settings( // saved
    recent: ["/a, b", "/c)\"]"],
    dock: (surfaces: [Main((nodes: [Leaf((tabs: [Start, Words]))]))], x: {1: 2}),
    /* a (comment */ options: (user_stop: ["said"], user_names: r#"A "B" C"#),
)"##;
        let p = split(t).unwrap();
        assert!(!p.cut);
        let names: Vec<&str> = p.parts.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["recent", "dock", "options"]);
        assert_eq!(p.parts[0].1, r#"["/a, b", "/c)\"]"]"#);
        let items = split(p.parts[0].1).unwrap();
        assert_eq!(items.parts, [("", r#""/a, b""#), ("", r#""/c)\"]""#)]);
        let opts = split(p.parts[2].1).unwrap();
        assert_eq!(opts.parts[1], ("user_names", r##"r#"A "B" C"#"##));
    }

    #[test]
    fn a_text_cut_short_keeps_the_parts_before_the_cut() {
        let t = r#"(recent: ["/a"], options: (words_top_n: 12, user_stop: ["said", "to"#;
        let p = split(t).unwrap();
        assert!(p.cut);
        assert_eq!(p.parts, [("recent", r#"["/a"]"#)]);
        let opts = r#"(words_top_n: 12, user_stop: ["said", "to"#;
        let o = split(opts).unwrap();
        assert!(o.cut);
        assert_eq!(o.parts, [("words_top_n", "12")]);
        let list = split(r#"["said", "to"#).unwrap();
        assert_eq!((list.parts, list.cut), (vec![("", r#""said""#)], true));
        assert!(split("").is_none());
        assert!(split("garbage").is_none());
    }
}
