//! JSON articles: one object, an array of objects (or an object holding one), or JSON lines.
//! Field names are matched case-insensitively.

use super::dates::parse_date;
use super::metadata::split_authors;
use chrono::NaiveDateTime;
use serde_json::{Map, Value};

const TITLE: &[&str] = &["title", "headline", "name"];
const BODY: &[&str] = &[
    "body",
    "text",
    "content",
    "article",
    "articlebody",
    "description",
];
const DATE: &[&str] = &[
    "date",
    "published",
    "publishedat",
    "published_at",
    "pubdate",
    "datepublished",
    "iso_date",
    "created",
];
const AUTHOR: &[&str] = &["author", "authors", "byline", "creator"];
const SOURCE: &[&str] = &["source", "publisher", "site", "outlet"];
const URL: &[&str] = &["url", "link", "href"];
const DATELINE: &[&str] = &["dateline", "location", "place"];

/// One article read from JSON.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JsonArticle {
    /// Headline.
    pub title: Option<String>,
    /// Body text.
    pub text: String,
    /// Publication date.
    pub date: Option<NaiveDateTime>,
    /// Authors.
    pub authors: Vec<String>,
    /// Publisher.
    pub source: Option<String>,
    /// Web address.
    pub url: Option<String>,
    /// Dateline or place field.
    pub dateline: Option<String>,
}

/// The outcome of reading one JSON value: an article, or why it is not one.
pub type ArticleResult = Result<JsonArticle, String>;

fn field<'a>(obj: &'a Map<String, Value>, names: &[&str]) -> Option<&'a Value> {
    names.iter().find_map(|n| {
        obj.iter()
            .find(|(k, v)| k.eq_ignore_ascii_case(n) && !is_blank(v))
            .map(|(_, v)| v)
    })
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        // {"name": "..."} as used by schema.org authors and publishers.
        Value::Object(o) => field(o, &["name", "text", "value"]).and_then(as_text),
        // A list of paragraphs or names.
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(as_text).collect();
            (!parts.is_empty()).then(|| parts.join("\n\n"))
        }
        _ => None,
    }
}

fn authors(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a
            .iter()
            .filter_map(as_text)
            .flat_map(|s| split_authors(&s))
            .collect(),
        other => as_text(other)
            .map(|s| split_authors(&s))
            .unwrap_or_default(),
    }
}

/// Reads one article from a JSON object.
pub fn article(obj: &Map<String, Value>) -> ArticleResult {
    let text = field(obj, BODY).and_then(as_text).ok_or_else(|| {
        let keys: Vec<&str> = obj.keys().map(String::as_str).take(8).collect();
        format!(
            "no article text: none of the fields body, text, content, article or description (found: {})",
            keys.join(", ")
        )
    })?;
    Ok(JsonArticle {
        title: field(obj, TITLE).and_then(as_text),
        text,
        date: field(obj, DATE)
            .and_then(as_text)
            .and_then(|s| parse_date(&s)),
        authors: field(obj, AUTHOR).map(authors).unwrap_or_default(),
        source: field(obj, SOURCE).and_then(as_text),
        url: field(obj, URL).and_then(as_text),
        dateline: field(obj, DATELINE).and_then(as_text),
    })
}

/// Reads a `.json` file: an object, an array of objects, or an object with one array of objects.
pub fn parse_json(text: &str) -> Result<Vec<ArticleResult>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    match value {
        Value::Array(items) => Ok(items.iter().map(item).collect()),
        Value::Object(obj) => {
            if field(&obj, BODY).is_some() {
                return Ok(vec![article(&obj)]);
            }
            // {"articles": [...]} and similar wrappers.
            let list = obj.values().find_map(|v| match v {
                Value::Array(a) if a.iter().any(Value::is_object) => Some(a),
                _ => None,
            });
            match list {
                Some(items) => Ok(items.iter().map(item).collect()),
                None => Ok(vec![article(&obj)]),
            }
        }
        _ => Err("the JSON holds no article object".to_string()),
    }
}

fn item(v: &Value) -> ArticleResult {
    match v {
        Value::Object(o) => article(o),
        _ => Err("array item is not an object".to_string()),
    }
}

/// Reads a JSON-lines file: one article per non-empty line; a bad line is reported with its number.
pub fn parse_jsonl(text: &str) -> Vec<(usize, ArticleResult)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            let r = match serde_json::from_str::<Value>(line) {
                Ok(Value::Object(o)) => article(&o),
                Ok(_) => Err("line is not a JSON object".to_string()),
                Err(e) => Err(format!("invalid JSON: {e}")),
            };
            (i + 1, r)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_object_with_mixed_case_fields() {
        let a = parse_json(
            r#"{"Headline":"Oil up","PublishedAt":"2025-03-03T10:00:00Z","Authors":["Ana Ruiz",{"name":"Bo Li"}],"Content":"Prices rose.","Publisher":{"name":"Meridian"}}"#,
        )
        .unwrap();
        let a = a[0].as_ref().unwrap();
        assert_eq!(a.title.as_deref(), Some("Oil up"));
        assert_eq!(a.text, "Prices rose.");
        assert_eq!(a.authors, ["Ana Ruiz", "Bo Li"]);
        assert_eq!(a.source.as_deref(), Some("Meridian"));
        assert_eq!(a.date.unwrap().to_string(), "2025-03-03 10:00:00");
    }

    #[test]
    fn array_and_wrapper() {
        let arr = parse_json(r#"[{"text":"a"},{"title":"no body"},3]"#).unwrap();
        assert_eq!(arr.len(), 3);
        assert!(arr[0].is_ok());
        assert!(arr[1].as_ref().unwrap_err().contains("no article text"));
        assert!(arr[2].is_err());
        let wrapped =
            parse_json(r#"{"status":"ok","articles":[{"body":"x"},{"body":"y"}]}"#).unwrap();
        assert_eq!(wrapped.len(), 2);
    }

    #[test]
    fn truncated_json_is_an_error_with_position() {
        let e = parse_json(r#"{"title":"x","body":"unfinished"#).unwrap_err();
        assert!(e.contains("line 1"), "{e}");
    }

    #[test]
    fn jsonl_bad_line_does_not_stop_the_rest() {
        let r = parse_jsonl("{\"text\":\"a\"}\n{broken\n\n{\"text\":\"c\"}\n");
        assert_eq!(r.len(), 3);
        assert_eq!(r[1].0, 2);
        assert!(r[1].1.is_err());
        assert_eq!(r[2].0, 4);
        assert_eq!(r[2].1.as_ref().unwrap().text, "c");
    }
}
