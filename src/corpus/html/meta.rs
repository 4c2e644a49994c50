//! Page metadata: title, raw date, authors, site name and URL from meta tags, JSON-LD and bylines.

use super::text::{clean, clean_ascii, trimmed};
use super::*;
use scraper::Selector;
use serde_json::Value;
use std::collections::HashSet;

/// The `<meta>` tags of a page as (lower-case key, trimmed content) pairs, in order.
pub(super) fn meta_tags(doc: &Html) -> Vec<(String, String)> {
    let mut tags = Vec::new();
    for el in doc.select(selector!("meta[content]")) {
        let el = el.value();
        let Some(content) = el.attr("content").and_then(trimmed) else {
            continue;
        };
        for key in ["property", "name", "itemprop"] {
            if let Some(k) = el.attr(key) {
                // `property` may hold several space-separated names.
                for k in k.split_whitespace() {
                    tags.push((k.to_ascii_lowercase(), content.clone()));
                }
            }
        }
    }
    tags
}

/// The first `<meta>` content for any of `keys`, in the order of `keys`.
pub(super) fn meta_value(tags: &[(String, String)], keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|key| tags.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
}

/// Every `<meta>` content of the first of `keys` that is present.
pub(super) fn meta_values(tags: &[(String, String)], keys: &[&str]) -> Vec<String> {
    keys.iter()
        .map(|key| {
            tags.iter()
                .filter(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .collect::<Vec<_>>()
        })
        .find(|values| !values.is_empty())
        .unwrap_or_default()
}

/// Text of the first element matching `selector`.
pub(super) fn first_text(doc: &Html, selector: &Selector) -> Option<String> {
    doc.select(selector)
        .find_map(|el| clean_ascii(&el.text().collect::<String>()))
}

pub(super) fn first_h1(doc: &Html) -> Option<String> {
    first_text(doc, selector!("h1"))
}

/// What the JSON-LD blocks of a page say about the article.
#[derive(Default)]
pub(super) struct JsonLd {
    headline: Option<String>,
    date: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
}

/// Parses a JSON-LD script body, tolerating CDATA and comment wrappers.
pub(super) fn parse_json_ld(raw: &str) -> Option<Value> {
    if let Ok(value) = serde_json::from_str(raw.trim()) {
        return Some(value);
    }
    let unwrapped = ["<![CDATA[", "]]>", "<!--", "-->"]
        .iter()
        .fold(raw.to_string(), |s, wrapper| s.replace(wrapper, ""));
    let start = unwrapped.find(['{', '['])?;
    let end = unwrapped.rfind(['}', ']'])?;
    serde_json::from_str(unwrapped.get(start..=end)?).ok()
}

type JsonObject = serde_json::Map<String, Value>;

pub(super) fn json_ld(doc: &Html) -> JsonLd {
    let mut objects = Vec::new();
    for el in doc.select(selector!("script")) {
        let is_ld = el
            .value()
            .attr("type")
            .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"));
        if is_ld && let Some(value) = parse_json_ld(&el.text().collect::<String>()) {
            collect_objects(value, &mut objects, 0);
        }
    }
    // Article-like objects first, then the rest, each field taken from the first
    // object that has it.
    let is_article = |o: &JsonObject| {
        types_of(o).iter().any(|t| {
            let t = t.to_ascii_lowercase();
            t.contains("article") || t.contains("posting") || t.contains("report")
        })
    };
    let ordered: Vec<&JsonObject> = objects
        .iter()
        .filter(|o| is_article(o))
        .chain(objects.iter().filter(|o| !is_article(o)))
        .collect();
    let field = |keys: &[&str]| -> Option<&Value> {
        ordered
            .iter()
            .find_map(|o| keys.iter().find_map(|k| o.get(*k)))
    };
    let string = |v: &Value| v.as_str().and_then(clean);

    let mut ld = JsonLd {
        headline: field(&["headline"]).and_then(string),
        date: field(&["datePublished"]).and_then(|v| v.as_str().and_then(trimmed)),
        ..JsonLd::default()
    };
    if let Some(author) = field(&["author", "creator"]) {
        collect_names(author, &mut ld.authors, 0);
    }
    ld.publisher = field(&["publisher"])
        .and_then(|p| match p {
            Value::Array(items) => items.first(),
            other => Some(other),
        })
        .and_then(|p| match p {
            Value::String(s) => clean(s),
            Value::Object(o) => o.get("name").and_then(string),
            _ => None,
        });
    ld
}

/// Flattens top-level arrays and `@graph` lists into a list of objects.
pub(super) fn collect_objects(value: Value, out: &mut Vec<JsonObject>, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                collect_objects(item, out, depth + 1);
            }
        }
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                collect_objects(graph, out, depth + 1);
            }
            out.push(map);
        }
        _ => {}
    }
}

pub(super) fn types_of(o: &JsonObject) -> Vec<&str> {
    match o.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Author names from a JSON-LD `author` value (string, object or list of them).
pub(super) fn collect_names(value: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 4 {
        return;
    }
    match value {
        Value::String(s) => out.extend(split_authors(s)),
        Value::Object(o) => {
            if let Some(name) = o.get("name") {
                collect_names(name, out, depth + 1);
            }
        }
        Value::Array(items) => {
            for item in items {
                collect_names(item, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// Splits "By A, B and C" into names, dropping URLs, e-mail addresses and noise.
///
/// A single comma after a one-word surname ("Kooman, F.") is kept as one name.
pub(super) fn split_authors(raw: &str) -> Vec<String> {
    let Some(raw) = clean(raw) else {
        return Vec::new();
    };
    let normalized = [" and ", " And ", " AND ", " & "]
        .iter()
        .fold(raw, |s, sep| s.replace(sep, ","))
        .replace([';', '|'], ",");
    let parts: Vec<&str> = normalized.split(',').collect();
    let surname_first = parts.len() == 2
        && !parts[0].trim().contains(' ')
        && parts[1].split_whitespace().count() <= 3;
    if surname_first {
        return clean_name(&normalized).into_iter().collect();
    }
    parts.into_iter().filter_map(clean_name).collect()
}

/// Cleans one author name; `None` when it does not look like a name.
pub(super) fn clean_name(raw: &str) -> Option<String> {
    let mut name = clean(raw)?;
    for prefix in [
        "written by",
        "posted by",
        "author:",
        "authors:",
        "by:",
        "by",
        "par",
        "von",
        "por",
    ] {
        let Some(head) = name.get(..prefix.len()) else {
            continue;
        };
        if head.eq_ignore_ascii_case(prefix) {
            let rest = &name[prefix.len()..];
            if prefix.ends_with(':') || rest.starts_with(char::is_whitespace) {
                name = clean(rest)?;
                break;
            }
        }
    }
    // "Marco Bellini in Brussels", "Ann Lee for The Daily Planet".
    for sep in [" in ", " for "] {
        if let Some((head, tail)) = name.split_once(sep)
            && head.split_whitespace().count() >= 2
            && tail.starts_with(char::is_uppercase)
        {
            name = head.to_string();
        }
    }
    let name = name
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '–' | '—' | '·' | '•' | ':' | ',')
        })
        .to_string();
    let lower = name.to_lowercase();
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let credential = !name.contains(' ')
        && letters <= 4
        && name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    let looks_wrong = letters < 2
        || credential
        || lower.contains("http")
        || lower.contains("www.")
        || name.contains('@')
        || name.contains('/')
        || name.chars().count() > 80
        || name.split_whitespace().count() > 6
        || NOT_A_NAME.iter().any(|p| lower.contains(p))
        || matches!(
            lower.as_str(),
            "jr" | "jr." | "sr" | "sr." | "phd" | "ph.d."
        );
    (!looks_wrong).then_some(name)
}

/// Adds names not already present (compared case-insensitively).
pub(super) fn push_unique(out: &mut Vec<String>, seen: &mut HashSet<String>, names: Vec<String>) {
    for name in names {
        if seen.insert(name.to_lowercase()) {
            out.push(name);
        }
    }
}

/// Words that end the name part of a free-text byline ("By A. Smith Monday, March 3").
#[rustfmt::skip]
pub(super) const DATE_WORDS: &[&str] = &[
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december", "mon", "monday", "tue", "tuesday", "wed", "wednesday", "thu",
    "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday", "updated", "published",
    "posted", "on", "at",
];

/// Phrases of link texts that byline markers carry instead of a name.
pub(super) const NOT_A_NAME: &[&str] = &[
    "profile",
    "about the author",
    "about me",
    "view ",
    "follow",
    "contact",
    "subscribe",
    "read more",
    "posts by",
    "more from",
    "more by",
    "all articles",
];

/// Cuts a free-text byline before the date or other trailing matter:
/// "By Nathan Willis\n March 25, 2015" gives "By Nathan Willis".
pub(super) fn byline_head(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| l.chars().any(char::is_alphabetic))
        .unwrap_or_default();
    let line = line
        .split(['|', '•', '·', '—', '–'])
        .next()
        .unwrap_or_default();
    let line = line
        .split(|c: char| c.is_ascii_digit())
        .next()
        .unwrap_or_default();
    let mut words: Vec<&str> = line.split_whitespace().collect();
    while let Some(last) = words.last() {
        let w = last
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if w.is_empty() || DATE_WORDS.contains(&w.as_str()) {
            words.pop();
        } else {
            break;
        }
    }
    words.join(" ")
}

/// Authors named by byline elements in the page body.
pub(super) fn byline_authors(doc: &Html) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    // Structured markers first: each match is one author.
    let name_sel = selector!(r#"[itemprop~="name"]"#);
    for el in doc.select(selector!(r#"[itemprop~="author"], a[rel~="author"]"#)) {
        let named = el
            .select(name_sel)
            .next()
            .map(|n| n.text().collect::<String>())
            .or_else(|| el.value().attr("content").map(str::to_string))
            .unwrap_or_else(|| el.text().collect::<String>());
        push_unique(&mut out, &mut seen, split_authors(&byline_head(&named)));
    }
    if !out.is_empty() {
        return out;
    }
    // Then a free-text byline such as "By A and B".
    let free =
        selector!(r#".byline, .by-line, .author, [class*="byline"], [class*="author-name"]"#);
    for el in doc.select(free) {
        let text = byline_head(&el.text().collect::<String>());
        if text.is_empty() || text.chars().count() > 120 {
            continue;
        }
        let names = split_authors(&text);
        if !names.is_empty() {
            push_unique(&mut out, &mut seen, names);
            break;
        }
    }
    out
}

/// Lower-case letters and digits of `s` only.
pub(super) fn letters_only(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `part` of a title names the site: one of `sites`, or a short phrase
/// containing a label of the page's host name ("BBC News" on www.bbc.com).
pub(super) fn names_site(part: &str, sites: &[String], host_labels: &[String]) -> bool {
    let letters = letters_only(part);
    if letters.is_empty() {
        return false;
    }
    let short = part.split_whitespace().count() <= 4;
    sites.iter().map(|s| letters_only(s)).any(|s| {
        !s.is_empty() && (s == letters || (short && (s.contains(&letters) || letters.contains(&s))))
    }) || (short
        && host_labels.iter().any(|label| {
            letters.contains(label.as_str()) || (letters.len() >= 3 && label.contains(&letters))
        }))
}

/// Distinctive labels of the host name in `url` ("en.wikipedia.org" gives "wikipedia").
pub(super) fn host_labels(url: Option<&str>) -> Vec<String> {
    const GENERIC: &[&str] = &[
        "www", "com", "org", "net", "co", "uk", "de", "fr", "en", "m", "mobile", "news", "blog",
        "blogs", "edu", "gov", "info", "io", "html", "amp",
    ];
    let Some(url) = url else {
        return Vec::new();
    };
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', ':', '?', '#']).next().unwrap_or_default();
    host.split('.')
        .map(str::to_ascii_lowercase)
        .filter(|l| l.len() >= 3 && !GENERIC.contains(&l.as_str()))
        .collect()
}

/// Removes a " | Site" / " - Site" suffix (or "Site | " prefix) naming the site.
pub(super) fn strip_site_name(title: &str, sites: &[String], host_labels: &[String]) -> String {
    const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " / "];
    for sep in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && !head.trim().is_empty()
            && names_site(tail, sites, host_labels)
        {
            return head.trim().to_string();
        }
        if let Some((head, tail)) = title.split_once(sep)
            && !tail.trim().is_empty()
            && names_site(head, sites, host_labels)
        {
            return tail.trim().to_string();
        }
    }
    title.to_string()
}

/// Reads title, date, authors, source and URL from meta tags, JSON-LD and the body.
pub(super) fn read_metadata(doc: &Html) -> HtmlArticle {
    let tags = meta_tags(doc);
    let ld = json_ld(doc);

    let source = meta_value(&tags, &["og:site_name"])
        .and_then(|s| clean(&s))
        .or_else(|| ld.publisher.clone());

    let url = meta_value(&tags, &["og:url"]).or_else(|| {
        doc.select(selector!(r#"link[rel~="canonical"][href]"#))
            .find_map(|el| el.value().attr("href").and_then(trimmed))
    });

    let mut sites: Vec<String> = source.iter().cloned().collect();
    sites.extend(meta_value(
        &tags,
        &["application-name", "apple-mobile-web-app-title"],
    ));
    sites.extend(ld.publisher.clone());
    let labels = host_labels(url.as_deref());
    // Meta titles are kept as written; only the <title> element loses its site name.
    let title = meta_value(
        &tags,
        &[
            "og:title",
            "dc:title",
            "dc.title",
            "dcterms.title",
            "twitter:title",
        ],
    )
    .or_else(|| {
        first_text(doc, selector!("head title"))
            .or_else(|| first_text(doc, selector!("title")))
            .map(|raw| strip_site_name(&raw, &sites, &labels))
    })
    .or_else(|| ld.headline.clone());

    let date = meta_value(
        &tags,
        &[
            "article:published_time",
            "og:published_time",
            "datepublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "publish_date",
            "published_time",
            "article.published",
            "article_date_original",
            "dc.date",
            "dc.date.issued",
            "dc:date",
            "dcterms.date",
            "dcterms.created",
            "dcterms.issued",
            "citation_publication_date",
            "parsely-pub-date",
            "sailthru.date",
            "date",
            "originalpublicationdate",
        ],
    )
    .or_else(|| ld.date.clone())
    .or_else(|| time_date(doc));

    let mut authors = Vec::new();
    let mut seen = HashSet::new();
    let from_meta: Vec<String> = meta_values(
        &tags,
        &[
            "dc:creator",
            "dc.creator",
            "dcterms.creator",
            "author",
            "parsely-author",
            "sailthru.author",
        ],
    )
    .iter()
    .flat_map(|v| split_authors(v))
    .collect();
    let from_article: Vec<String> = meta_values(&tags, &["article:author"])
        .iter()
        .flat_map(|v| split_authors(v))
        .collect();
    for names in [ld.authors.clone(), from_meta, from_article] {
        if authors.is_empty() {
            push_unique(&mut authors, &mut seen, names);
        }
    }
    if authors.is_empty() {
        authors = byline_authors(doc);
    }

    HtmlArticle {
        title,
        date,
        authors,
        source,
        url,
        text: String::new(),
    }
}

/// A `<time datetime>` date, preferring one marked as the publication date.
pub(super) fn time_date(doc: &Html) -> Option<String> {
    for sel in [
        selector!(r#"[itemprop~="datePublished"][datetime], [itemprop~="datePublished"][content]"#),
        selector!("time[pubdate][datetime]"),
        selector!("article time[datetime]"),
        selector!("time[datetime]"),
    ] {
        let found = doc.select(sel).find_map(|el| {
            el.value()
                .attr("datetime")
                .or_else(|| el.value().attr("content"))
                .and_then(trimmed)
        });
        if found.is_some() {
            return found;
        }
    }
    None
}
