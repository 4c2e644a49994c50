//! Generators of article-like input: words, punctuation and characters of every width, lines
//! that look like titles, bylines, datelines and dates, and whole articles in each format.

use proptest::prelude::*;
use proptest::sample::select;

/// Words as articles hold them, with some of several bytes per character.
const WORDS: &[&str] = &[
    "the",
    "The",
    "talks",
    "Talks",
    "resumed",
    "in",
    "Geneva",
    "GENEVA",
    "on",
    "Monday",
    "Reuters",
    "By",
    "and",
    "said",
    "U.S.",
    "Mr.",
    "Inc.",
    "Feb.",
    "No.",
    "3",
    "1987",
    "4.5",
    "Zürich",
    "Genève",
    "東京",
    "株式",
    "😀",
    "naïve",
    "İstanbul",
    "ß",
    "Ωmega",
    "x\u{301}",
    "مرحبا",
    "\u{200b}",
    "—",
    "–",
    "…",
    "“quoted”",
    "'s",
    "don't",
    "e-mail",
    "#tag",
    "@user",
];

/// Separators between words, line breaks and paragraph marks included.
const GAPS: &[&str] = &[
    " ", " ", " ", "  ", ", ", ". ", "! ", "? ", "; ", ": ", "\n", "\n\n", "\r\n", "\t", "\n  ",
    " (", ") ", " \"", "\" ", "\u{2029}", "\u{a0}", "。", "! \n", " - ", ".\n\n",
];

/// Lines that look like metadata.
const META: &[&str] = &[
    "By Ana Ruiz and Bo Li",
    "By ANA RUIZ, Reuters",
    "GENEVA, March 3 (Reuters) -",
    "LONDON/PARIS (AP) — ",
    "March 3, 2025",
    "2025-03-03",
    "3 March 2025 10:00 GMT",
    "Published: 12/31/1999",
    "# Heading",
    "## Sub heading",
    "---",
    "Source: Meridian",
];

/// A run of words and gaps.
pub fn prose(max_words: usize) -> impl Strategy<Value = String> {
    prop::collection::vec((select(WORDS), select(GAPS)), 0..max_words).prop_map(|v| {
        let mut s = String::new();
        for (w, g) in v {
            s.push_str(w);
            s.push_str(g);
        }
        s
    })
}

/// Any characters at all, control characters and unpaired-looking escapes included.
pub fn noise(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..max).prop_map(|v| v.into_iter().collect())
}

/// A line: prose, a metadata line, or noise.
pub fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prose(12),
        3 => select(META).prop_map(str::to_string),
        1 => noise(20),
    ]
}

/// An article in plain text: lines that may be a title, byline, dateline and date, then prose.
pub fn plain_article() -> impl Strategy<Value = String> {
    (prop::collection::vec(line(), 0..6), prose(80)).prop_map(|(head, body)| {
        let mut s = head.join("\n");
        s.push_str("\n\n");
        s.push_str(&body);
        s
    })
}

/// Front matter keys, known and not.
const KEYS: &[&str] = &[
    "title",
    "headline",
    "date",
    "published",
    "author",
    "authors",
    "byline",
    "source",
    "url",
    "link",
    "tags",
    "Title",
    "",
    " ",
    "date:",
    "x",
];

/// A Markdown article with front matter that may be well formed, or not.
pub fn markdown_article() -> impl Strategy<Value = String> {
    let field = (select(KEYS), line(), any::<bool>()).prop_map(|(k, v, list)| {
        if list {
            format!("{k}:\n  - {v}\n  - {v}")
        } else {
            format!("{k}: {v}")
        }
    });
    (
        prop::collection::vec(field, 0..6),
        select(&["---\n", "---\r\n", "", "---"][..]),
        select(&["---\n", "...\n", "", "--\n"][..]),
        plain_article(),
    )
        .prop_map(|(fields, open, close, body)| {
            format!("{open}{}\n{close}{body}", fields.join("\n"))
        })
}

/// JSON field names articles use, and others.
const JSON_KEYS: &[&str] = &[
    "title",
    "Headline",
    "body",
    "text",
    "content",
    "date",
    "publishedAt",
    "author",
    "authors",
    "source",
    "url",
    "dateline",
    "name",
    "articles",
    "id",
    "",
    "BODY",
];

/// A JSON value shaped like an article, a list of them, or something near one.
pub fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        line().prop_map(Value::String),
        prose(40).prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((select(JSON_KEYS), inner), 0..8).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            }),
        ]
    })
}

/// JSON text: a generated value, with escapes of half a UTF-16 pair spliced into its strings
/// and, sometimes, cut short.
pub fn json_text() -> impl Strategy<Value = String> {
    (
        json_value(),
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                select(&["\\ud83d", "\\ude00", "\\\\ud83d", "\\u00e9"][..]),
            ),
            0..3,
        ),
        prop::option::of(any::<prop::sample::Index>()),
    )
        .prop_map(|(v, escapes, cut)| {
            let mut s = v.to_string();
            for (at, e) in escapes {
                // Only inside strings, right after an opening quote.
                let quotes: Vec<usize> = s.match_indices("\":\"").map(|(i, _)| i + 3).collect();
                if !quotes.is_empty() {
                    s.insert_str(quotes[at.index(quotes.len())], e);
                }
            }
            if let Some(c) = cut {
                let mut at = c.index(s.len() + 1);
                while !s.is_char_boundary(at) {
                    at -= 1;
                }
                s.truncate(at);
            }
            s
        })
}

const TAGS: &[&str] = &[
    "p",
    "div",
    "span",
    "h1",
    "h2",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "script",
    "style",
    "li",
    "ul",
    "table",
    "tr",
    "td",
    "br",
    "a",
    "time",
    "b",
    "pre",
    "blockquote",
    "title",
    "head",
    "body",
    "noscript",
    "template",
    "svg",
    "iframe",
];

const ATTRS: &[&str] = &[
    "",
    " class=\"story\"",
    " property=\"og:title\" content=\"Talks resume\"",
    " name=\"author\" content=\"Ana Ruiz\"",
    " datetime=\"2025-03-03T10:00:00Z\"",
    " charset=\"shift_jis\"",
    " http-equiv=\"Content-Type\" content=\"text/html; charset=euc-jp\"",
    " type=\"application/ld+json\"",
    " href=\"https://example.org/a\"",
    " hidden",
    " unclosed=\"",
];

/// An HTML page: nested elements from a fixed list with prose, entities, JSON-LD and meta
/// tags; tags may be left unclosed.
pub fn html_page() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        4 => prose(20),
        1 => select(&["&amp;", "&nbsp;", "&#x1F600;", "&#55357;", "&bogus;", "<!-- c -->", "<![CDATA[x]]>", "{\"@type\":\"NewsArticle\",\"headline\":\"H\"}", "</p>", "<"][..]).prop_map(str::to_string),
    ];
    let page = leaf.prop_recursive(6, 80, 6, |inner| {
        (
            select(TAGS),
            select(ATTRS),
            prop::collection::vec(inner, 0..6),
            any::<bool>(),
        )
            .prop_map(|(tag, attrs, kids, close)| {
                let mut s = format!("<{tag}{attrs}>");
                for k in kids {
                    s.push_str(&k);
                }
                if close {
                    s.push_str(&format!("</{tag}>"));
                }
                s
            })
    });
    (
        select(
            &[
                "",
                "<!DOCTYPE html>",
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
            ][..],
        ),
        page,
    )
        .prop_map(|(head, body)| format!("{head}<html>{body}</html>"))
}

/// Things that look like dates, and things that nearly do.
pub fn date_like() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        (0u32..3000).prop_map(|n| n.to_string()),
        (0u32..40).prop_map(|n| format!("{n:02}")),
        select(
            &[
                "March", "Mar.", "mar", "Sept", "December", "Dez", "Mon,", "GMT", "UTC", "Z",
                "+05:30", "-0800", "T", "am", "PM", "th", "1st"
            ][..]
        )
        .prop_map(str::to_string),
        select(&["-", "/", ".", " ", ", ", ":", "T", "  "][..]).prop_map(str::to_string),
    ];
    prop_oneof![
        4 => prop::collection::vec(part, 0..9).prop_map(|v| v.concat()),
        1 => noise(24),
    ]
}

/// Bytes of a file: text in some encoding, a byte-order mark, a binary signature, or junk.
pub fn file_bytes(text: impl Strategy<Value = String>) -> impl Strategy<Value = Vec<u8>> {
    (text, 0u8..10, prop::collection::vec(any::<u8>(), 0..16)).prop_map(
        |(t, how, junk)| match how {
            0 => [&[0xEF, 0xBB, 0xBF][..], t.as_bytes()].concat(),
            1 => {
                let mut v = vec![0xFF, 0xFE];
                v.extend(t.encode_utf16().flat_map(u16::to_le_bytes));
                v
            }
            2 => {
                let mut v = vec![0xFF, 0xFE, 0, 0];
                v.extend(t.chars().flat_map(|c| (c as u32).to_le_bytes()));
                v.extend(&junk[..junk.len() % 4]);
                v
            }
            3 => encoding_rs::SHIFT_JIS.encode(&t).0.into_owned(),
            4 => encoding_rs::WINDOWS_1252.encode(&t).0.into_owned(),
            5 => [&b"%PDF-1.4\n"[..], t.as_bytes()].concat(),
            6 => {
                let mut v = t.into_bytes();
                let at = v.len() / 2;
                v.splice(at..at, junk);
                v
            }
            _ => t.into_bytes(),
        },
    )
}
