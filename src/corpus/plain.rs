//! Plain text and Markdown articles: the text is kept as it is; metadata comes from its lines
//! and, for Markdown, from YAML-style front matter.

use super::dates::parse_date;
use super::metadata::{TextMeta, from_lines, split_authors};

/// Front matter of a Markdown file and where the body begins.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// `key: value` pairs, keys lowercased, in file order.
    pub fields: Vec<(String, String)>,
    /// Byte offset just past the closing `---` line.
    pub body_start: usize,
}

impl FrontMatter {
    /// The value of the first field named any of `keys`.
    pub fn get(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.fields
                .iter()
                .find(|(f, v)| f == k && !v.is_empty())
                .map(|(_, v)| v.as_str())
        })
    }
}

/// Reads `---` front matter at the start of `text`; `None` when there is none.
pub fn front_matter(text: &str) -> Option<FrontMatter> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let open = text.len() - rest.len();
    let mut fields = Vec::new();
    let mut pos = open;
    let mut last_key: Option<usize> = None;
    for line in rest.split_inclusive('\n') {
        pos += line.len();
        let l = line.trim_end();
        if l == "---" || l == "..." {
            return Some(FrontMatter {
                fields,
                body_start: pos,
            });
        }
        if let Some(item) = l.trim_start().strip_prefix("- ") {
            // A YAML list item continues the previous key ("authors:\n  - A\n  - B").
            if let Some(i) = last_key {
                let (_, v): &mut (String, String) = &mut fields[i];
                if !v.is_empty() {
                    v.push_str(", ");
                }
                v.push_str(unquote(item));
            }
            continue;
        }
        if let Some((k, v)) = l.split_once(':') {
            let v = v.trim();
            let v = v.trim_start_matches('[').trim_end_matches(']');
            fields.push((k.trim().to_ascii_lowercase(), unquote(v).to_string()));
            last_key = Some(fields.len() - 1);
        }
    }
    None
}

fn unquote(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .or_else(|| s.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')))
        .unwrap_or(s)
}

/// Metadata of a plain-text or Markdown article and the byte where its body begins.
pub fn read_meta(text: &str, markdown: bool) -> (TextMeta, Option<String>, usize) {
    let fm = if markdown { front_matter(text) } else { None };
    let body_start = fm.as_ref().map_or(0, |f| f.body_start);
    let mut meta = from_lines(&text[body_start..]);
    let mut url = None;
    if let Some(fm) = fm {
        if let Some(t) = fm.get(&["title", "headline"]) {
            meta.title = t.to_string();
        }
        if let Some(d) = fm
            .get(&[
                "date",
                "published",
                "publishedat",
                "pubdate",
                "datepublished",
            ])
            .and_then(parse_date)
        {
            meta.date = Some(d);
        }
        if let Some(a) = fm.get(&["author", "authors", "byline"]) {
            meta.authors = split_authors(a);
        }
        if let Some(s) = fm.get(&["source", "publisher"]) {
            meta.source = Some(s.to_string());
        }
        url = fm.get(&["url", "link"]).map(str::to_string);
    }
    (meta, url, body_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_fields_and_body_offset() {
        let t = "---\ntitle: \"Oil jumps\"\ndate: 2025-04-12\nauthors:\n  - Ana Ruiz\n  - Bo Li\n---\n# Oil jumps\n\nBody.";
        let fm = front_matter(t).unwrap();
        assert_eq!(fm.get(&["title"]), Some("Oil jumps"));
        assert_eq!(fm.get(&["authors"]), Some("Ana Ruiz, Bo Li"));
        assert_eq!(&t[fm.body_start..], "# Oil jumps\n\nBody.");
        let (m, _, start) = read_meta(t, true);
        assert_eq!(start, fm.body_start);
        assert_eq!(m.authors, ["Ana Ruiz", "Bo Li"]);
        assert_eq!(m.date.unwrap().date().to_string(), "2025-04-12");
    }

    #[test]
    fn unclosed_front_matter_is_text() {
        assert_eq!(front_matter("---\ntitle: x\nno end"), None);
        let (m, _, start) = read_meta("---\ntitle: x\nno end", true);
        assert_eq!(start, 0);
        assert_eq!(m.title, "---");
    }

    fn date_of(text: &str, markdown: bool) -> Option<String> {
        read_meta(text, markdown)
            .0
            .date
            .map(|d| d.date().to_string())
    }

    #[test]
    fn price_row_early_in_a_txt_gives_no_date() {
        let t = "LONDON LIFFE U.S. T-BONDS 0825 - APR 7\n MTH     LAST   HIGH     LOW   PR.SET\n Jun     9726   9727    9726     9802\n Sep      ---    ---     ---     9700\n Dec      ---    ---     ---    10012\n";
        assert_eq!(date_of(t, false), None);
    }

    #[test]
    fn due_date_in_the_first_paragraph_gives_no_date() {
        let t = "FORD MOTOR CREDIT <F> TO REDEEM DEBENTURES\n\nFord Motor Co said its Ford Motor\nCredit Co on April One will redeem 4.0 mln dlrs of its 8.70 pct\ndebentures due April 1, 1999.\n    It said the debentures are redeemable at a price of 100 pct\nof the principal. Because April 1, 1987 is an interest payment\n";
        assert_eq!(date_of(t, false), None);
        let t = "AMERICAN NURSERY <ANSY> MAKES ACQUISITION\n\nAmerican Nursery Products Inc\nsaid it has purchased Heini's Nursery Inc of Miami, which grows\nindoor foliage plants for wholesale distribution and had sales\nof 4,472,0000 dlrs for the year ended August 31.\n";
        assert_eq!(date_of(t, false), None);
    }

    #[test]
    fn date_line_under_the_title_or_byline_gives_the_date() {
        let t = "Ostrelia warns of winter gas shortfall\n\nBy Marco Bellini\n\nFebruary 3, 2025\n\nOstrelia asked the EU for help.\n";
        assert_eq!(date_of(t, false).as_deref(), Some("2025-02-03"));
        let t =
            "# Cassiope sends first images\n\n*3 June 2025*\n\nThe probe sent its first images.\n";
        assert_eq!(date_of(t, true).as_deref(), Some("2025-06-03"));
        let t = "Talks resume\n**Published:** Mar 3, 2025\nEnvoys met on Monday.\n";
        assert_eq!(date_of(t, false).as_deref(), Some("2025-03-03"));
    }

    #[test]
    fn dateline_with_year_gives_the_date_not_a_subtitle() {
        let t = "Kestrel outlook steady\nGuidance to March 2026 unchanged\n\nGENEVA, March 3, 2025 (Meridian News) - Kestrel Freight kept its forecast.\n";
        let (m, _, _) = read_meta(t, false);
        assert_eq!(m.places, ["Geneva"]);
        assert_eq!(
            m.date.map(|d| d.date().to_string()).as_deref(),
            Some("2025-03-03")
        );
    }

    #[test]
    fn txt_has_no_front_matter() {
        let (m, _, start) = read_meta("---\ntitle: x\n---\nbody", false);
        assert_eq!(start, 0);
        assert_eq!(m.title, "---");
    }
}
