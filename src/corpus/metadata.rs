//! Metadata found in an article's own lines: title, byline, dateline, date line.

use super::dates::{parse_date, parse_date_line};
use chrono::NaiveDateTime;
use regex::Regex;
use std::sync::LazyLock;

/// What the opening lines of a text say about the article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextMeta {
    /// First non-empty line (Markdown heading marks removed).
    pub title: String,
    /// Authors from a "By …" line.
    pub authors: Vec<String>,
    /// Place part of a dateline, as written.
    pub dateline: Option<String>,
    /// Places named in the dateline, in title case.
    pub places: Vec<String>,
    /// Source named in the dateline's parentheses.
    pub source: Option<String>,
    /// Date from a dateline with a year, or from a line holding only a full date above the body
    /// (under the title or byline); never from the body's own sentences.
    pub date: Option<NaiveDateTime>,
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    // "LONDON/GENEVA (Reuters) - ", "WASHINGTON, Feb 27 - ", "GENEVA, March 3, 2025 (Meridian News) - ",
    // "BASEL, Switzerland, July 17, 2025 (Meridian News) - ", and "PARIS (Reuters) -The" with
    // no space after the dash (but a space before it, so "AFL-CIO" is no dateline)
    Regex::new(
        r#"^(?P<place>\p{Lu}[\p{Lu} .'’/&-]*\p{Lu}\.?)(?:,\s*(?P<region>\p{Lu}\p{Ll}+\.?(?:\s\p{Lu}\p{Ll}+)*))?(?:,\s*(?P<date>\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?\s*(?:\((?P<source>[^()\n]{2,40})\))?(?:\s*(?:[-–—]{1,2}|:)\s|\s+[-–—]{1,2}[\p{Lu}"“‘'])"#,
    )
    .unwrap_or_else(|_| unreachable!("constant pattern"))
});

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by)\s+(?P<names>\p{Lu}[^\n]{1,200})$")
        .unwrap_or_else(|_| unreachable!("constant pattern"))
});

/// Splits "Tom Balmforth, Emma Farge and Sabine Siebold" into names.
pub fn split_authors(s: &str) -> Vec<String> {
    let s = s.trim().trim_start_matches("By ").trim_start_matches("by ");
    s.split([',', ';', '&', '|'])
        .flat_map(|p| p.split(" and "))
        .map(|p| {
            let p = p.trim();
            // "Tom Balmforth in Kyiv" → "Tom Balmforth"
            match p.find(" in ") {
                Some(i) => p[..i].trim(),
                None => p,
            }
        })
        .filter(|p| !p.is_empty() && p.chars().next().is_some_and(char::is_uppercase))
        .filter(|p| p.split_whitespace().count() <= 5)
        .map(str::to_string)
        .collect()
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_lowercase();
            let mut c = lower.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads title, byline, dateline and date from the first lines of `text`.
pub fn from_lines(text: &str) -> TextMeta {
    let mut meta = TextMeta::default();
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    if let Some(first) = lines.next() {
        let t = first.trim_start_matches('#').trim();
        meta.title = truncate_chars(t, 300);
    }
    // Look at a few lines after the title for a byline, a date line and a dateline.
    let mut in_body = false;
    for line in lines.take(6) {
        if meta.authors.is_empty()
            && let Some(c) = BYLINE.captures(line)
        {
            meta.authors = split_authors(&c["names"]);
            continue;
        }
        if let Some(c) = DATELINE.captures(line) {
            let place = c["place"].trim().trim_end_matches('.').to_string();
            meta.places = place
                .split('/')
                .map(|p| title_case(p.trim()))
                .filter(|p| !p.is_empty())
                .collect();
            if let Some(region) = c.name("region") {
                meta.places.push(region.as_str().to_string());
            }
            meta.dateline = Some(place);
            meta.source = c.name("source").map(|m| m.as_str().trim().to_string());
            if meta.date.is_none() {
                meta.date = c.name("date").and_then(|m| parse_date(m.as_str()));
            }
            break;
        }
        // A line holding only a full date counts while the lines above it are the title,
        // byline or other date lines; once the body has started, dates belong to the story.
        if !in_body {
            if meta.date.is_none()
                && let Some(d) = parse_date_line(line)
            {
                meta.date = Some(d);
                continue;
            }
            // A Markdown subheading does not start the body.
            in_body = !line.starts_with('#');
        }
    }
    meta
}

/// Longest title kept, in characters: a longer one (a whole article in a title field) is cut.
pub const MAX_TITLE_CHARS: usize = 300;

/// Longest source, dateline or byline shown, in characters.
pub const MAX_FIELD_CHARS: usize = 300;

/// Longest web address kept, in characters.
pub const MAX_URL_CHARS: usize = 2048;

/// `s` cut to `max` characters (with an ellipsis) when longer; left alone, not copied, else.
pub fn cut_chars(s: &mut String, max: usize) {
    // Fewer bytes than `max` means fewer characters too.
    if s.len() > max
        && let Some((i, _)) = s.char_indices().nth(max)
    {
        s.truncate(i);
        s.push('…');
    }
}

/// The first `max` characters of `s`, with an ellipsis when cut.
pub fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reuters_style_byline_and_dateline() {
        let t = "US refuses to co-sponsor UN motion\n\nBy Tom Balmforth, Emma Farge and Sabine Siebold\n\nLONDON/GENEVA (Reuters) - The United States ...";
        let m = from_lines(t);
        assert_eq!(m.title, "US refuses to co-sponsor UN motion");
        assert_eq!(m.authors, ["Tom Balmforth", "Emma Farge", "Sabine Siebold"]);
        assert_eq!(m.dateline.as_deref(), Some("LONDON/GENEVA"));
        assert_eq!(m.places, ["London", "Geneva"]);
        assert_eq!(m.source.as_deref(), Some("Reuters"));
        assert_eq!(m.date, None);
    }

    #[test]
    fn dateline_with_no_space_after_the_dash() {
        let t = "Ministers split on tariffs\n\nOSLO/ROME/VIENNA (Reuters) -The Nordic envoy said.";
        let m = from_lines(t);
        assert_eq!(m.dateline.as_deref(), Some("OSLO/ROME/VIENNA"));
        assert_eq!(m.places, ["Oslo", "Rome", "Vienna"]);
        assert_eq!(m.source.as_deref(), Some("Reuters"));
        let m = from_lines("Unions\nAFL-CIO leaders met on Monday.");
        assert_eq!(m.dateline, None);
    }

    #[test]
    fn dateline_with_date_and_year() {
        let m = from_lines("Talks resume\nGENEVA, March 3, 2025 (Meridian News) - Envoys met.");
        assert_eq!(m.places, ["Geneva"]);
        assert_eq!(m.source.as_deref(), Some("Meridian News"));
        assert_eq!(
            m.date.map(|d| d.date().to_string()).as_deref(),
            Some("2025-03-03")
        );
    }

    #[test]
    fn dateline_with_region() {
        let m = from_lines(
            "Probe launch\nKOUROU, French Guiana, February 12, 2025 (Meridian News) - It flew.",
        );
        assert_eq!(m.places, ["Kourou", "French Guiana"]);
        assert_eq!(
            m.date.map(|d| d.date().to_string()).as_deref(),
            Some("2025-02-12")
        );
        let m =
            from_lines("Earnings\nSAN JOSE, California, February 6, 2025 (Meridian News) - Up.");
        assert_eq!(m.places, ["San Jose", "California"]);
        assert_eq!(m.source.as_deref(), Some("Meridian News"));
    }

    #[test]
    fn dateline_without_source_or_year() {
        let m = from_lines("Headline\nWASHINGTON, Feb 27 - Officials said.");
        assert_eq!(m.places, ["Washington"]);
        assert_eq!(m.source, None);
        assert_eq!(m.date, None);
    }

    #[test]
    fn date_line_and_markdown_heading() {
        let m = from_lines("# Big news\n\nMarch 3, 2025\n\nText here.");
        assert_eq!(m.title, "Big news");
        assert_eq!(
            m.date.map(|d| d.date().to_string()).as_deref(),
            Some("2025-03-03")
        );
    }

    #[test]
    fn ordinary_sentence_is_not_a_dateline() {
        let m = from_lines("Title\nThe minister said - in a statement - that talks were over.");
        assert_eq!(m.dateline, None);
    }

    #[test]
    fn authors_with_place_suffix() {
        assert_eq!(split_authors("By Lena Ortiz in Kyiv"), ["Lena Ortiz"]);
        assert_eq!(split_authors("Ana Díaz & Bo Li"), ["Ana Díaz", "Bo Li"]);
    }
}
