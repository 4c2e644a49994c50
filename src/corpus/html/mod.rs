//! Article extraction from HTML pages.
//!
//! The main text comes from the [`trafilatura`] crate (a port of the Python
//! boilerplate remover), whose cleaned article HTML is turned into paragraphs here.
//! The metadata (title, raw date string, authors, site name, URL) is read with
//! [`scraper`] (the parser `trafilatura` itself uses) from `<meta>` tags, JSON-LD and
//! byline elements, with `trafilatura`'s own metadata as a last resort.
//!
//! Plain article pages (one `<article>` of headings and paragraphs, no attributes that
//! page-layout heuristics look at) skip the library: its result on them is known in advance
//! (see the `plain` module), and running it costs about a millisecond even on a tiny page.
//!
//! Pages with more than [`MAX_TREE_ELEMENTS`] elements, or nested deeper than
//! [`MAX_LIBRARY_DEPTH`], are never built into a tree (which costs over a kilobyte per
//! element, and whose parser's scope checks make deep nesting quadratic): their text is read
//! tag by tag in one pass (the `stream` module), by the same rules as the simple extraction,
//! and their metadata from the `<head>` alone.
//!
//! [`extract`] never panics: third-party calls run under `catch_unwind`, and when the library
//! finds no text a simple "all paragraphs outside the page furniture" extraction is used
//! instead.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::LazyLock;

use scraper::Html;

/// A CSS selector parsed on first use and kept for the life of the program.
macro_rules! selector {
    ($css:expr) => {{
        static SELECTOR: std::sync::LazyLock<scraper::Selector> = std::sync::LazyLock::new(|| {
            scraper::Selector::parse($css).unwrap_or_else(|_| unreachable!("constant selector"))
        });
        &*SELECTOR
    }};
}

mod meta;
mod plain;
mod stream;
mod text;

use meta::*;
use plain::plain_page;
use stream::stream_text;
use text::*;

/// What Quarry keeps of a web page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlArticle {
    /// Headline: `og:title` (or another meta title), else `<title>` minus a site-name suffix, else `<h1>`.
    pub title: Option<String>,
    /// Publication date exactly as written: date metas, then JSON-LD, then `<time datetime>`.
    pub date: Option<String>,
    /// Author names, one per entry, without a leading "By".
    pub authors: Vec<String>,
    /// Site or publisher name (`og:site_name`, JSON-LD publisher).
    pub source: Option<String>,
    /// Canonical address of the page (`og:url`, `<link rel=canonical>`).
    pub url: Option<String>,
    /// Body text: paragraphs separated by a blank line, list items and table rows one per line.
    pub text: String,
}

/// Pages nested deeper than this are not built into a tree: the extraction library recurses
/// and slows down quadratically, and so do the parser's scope checks.
pub(super) const MAX_LIBRARY_DEPTH: usize = 400;

/// Pages with more elements than this are not built into a tree: a tree costs over a
/// kilobyte per element, with the library's own copies.
pub(super) const MAX_TREE_ELEMENTS: usize = 50_000;

/// Most bytes of a large page's start read for its metadata: the `<head>`, up to `<body>`.
const MAX_HEAD_BYTES: usize = 64 << 10;

/// Elements hidden from readers, removed before extraction.
pub(super) const HIDDEN: &str = r#"[hidden], [style*="display:none"], [style*="display: none"], [style*="visibility:hidden"], [style*="visibility: hidden"]"#;

/// Elements never rendered as text.
pub(super) const INVISIBLE: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "svg", "iframe", "object", "embed",
    "canvas", "select", "option", "button", "input", "textarea", "video", "audio",
];

/// Page furniture skipped by the simple extraction.
pub(super) const FURNITURE: &[&str] =
    &["nav", "header", "footer", "aside", "form", "menu", "dialog"];

/// Class or id fragments marking widgets skipped by the simple extraction.
pub(super) const FURNITURE_MARKS: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "share",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "promo",
    "advert",
    "sidebar",
    "comment",
    "breadcrumb",
];

/// Elements that start and end a paragraph.
pub const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "details",
    "dialog",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// Elements that start a new line inside a paragraph.
pub(super) const LINES: &[&str] = &["li", "dt", "dd", "tr"];

/// Extracts the article and its metadata from an HTML page.
pub fn extract(html: &str) -> HtmlArticle {
    extract_cancellable(html, &|| false)
}

/// [`extract`], stopping early (with what was found so far) once `cancelled` says so.
pub fn extract_cancellable(html: &str, cancelled: &dyn Fn() -> bool) -> HtmlArticle {
    if html.trim().is_empty() {
        return HtmlArticle::default();
    }
    match catch_unwind(AssertUnwindSafe(|| extract_with(html, true, cancelled))) {
        Ok(article) => article,
        Err(_) => {
            let text = catch_unwind(AssertUnwindSafe(|| stream_text(html, cancelled)))
                .or_else(|_| catch_unwind(|| strip_tags(html)))
                .unwrap_or_default();
            HtmlArticle {
                text,
                ..HtmlArticle::default()
            }
        }
    }
}

/// How the extraction library is run.
static LIBRARY_OPTIONS: LazyLock<trafilatura::Options> = LazyLock::new(|| {
    // Favouring recall measured better on both precision and recall than the
    // balanced default on the readability test pages (see examples/html_eval.rs).
    // The library's date is never used (dates come from `read_metadata`), and looking
    // for it is a fair part of the library's time on a small page.
    trafilatura::Options::default()
        .with_fallback(true)
        .with_focus(trafilatura::ExtractionFocus::FavorRecall)
        .with_prune_selector(HIDDEN)
        .with_html_date_mode(trafilatura::HtmlDateMode::Disabled)
});

/// The extraction without its panic guard, with `shortcut` saying whether plain pages may
/// skip the library.
pub(super) fn extract_with(
    html: &str,
    shortcut: bool,
    cancelled: &dyn Fn() -> bool,
) -> HtmlArticle {
    let shape = page_shape(html);
    if shape.elements > MAX_TREE_ELEMENTS || shape.nesting > MAX_LIBRARY_DEPTH {
        return streamed(html, cancelled);
    }
    let doc = Html::parse_document(html);
    let mut article = read_metadata(&doc);

    // The shortcut needs a title of the page's own: the library's would be used otherwise.
    if shortcut
        && article.title.is_some()
        && let Some(page) = plain_page(&doc)
    {
        article.text = page.text;
        if article.source.is_none() {
            article.source = page.site_from_title;
        }
        return article;
    }

    // The scan's count can fall short of the tree's nesting (elements the parser opens
    // itself); such a page is read tag by tag too.
    if tree_depth(&doc) > MAX_LIBRARY_DEPTH {
        article.text = stream_text(html, cancelled);
        if article.title.is_none() {
            article.title = first_h1(&doc);
        }
        return article;
    }
    let lib = catch_unwind(AssertUnwindSafe(|| {
        trafilatura::extract(html, &LIBRARY_OPTIONS)
    }))
    .ok()
    .and_then(Result::ok);

    if let Some(result) = &lib {
        article.text = html_to_text(&result.content_html);
        fill_from_library(&mut article, &result.metadata);
    }
    if article.text.is_empty() {
        article.text = simple_text(&doc);
    }
    if article.title.is_none() {
        article.title = first_h1(&doc);
    }
    article
}

/// A page too large or too deep for a tree: its text read tag by tag, its metadata from the
/// start of the page up to `<body>` (when that is small and shallow enough to parse).
fn streamed(html: &str, cancelled: &dyn Fn() -> bool) -> HtmlArticle {
    let floor = |mut at: usize| {
        at = at.min(html.len());
        while !html.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let start = &html[..floor(MAX_HEAD_BYTES + 5)];
    let head = &html[..floor(find_ignore_case(start, "<body").unwrap_or(MAX_HEAD_BYTES))];
    let shape = page_shape(head);
    let mut article = if shape.nesting <= MAX_LIBRARY_DEPTH {
        read_metadata(&Html::parse_document(head))
    } else {
        HtmlArticle::default()
    };
    article.text = stream_text(html, cancelled);
    article
}

/// Fills metadata gaps with what `trafilatura` found.
pub(super) fn fill_from_library(article: &mut HtmlArticle, meta: &trafilatura::Metadata) {
    if article.title.is_none() {
        article.title = clean(&meta.title);
    }
    if article.authors.is_empty() {
        article.authors = split_authors(&byline_head(&meta.author));
    }
    if article.source.is_none() && meta.sitename.trim() != meta.hostname.trim() {
        article.source = clean(&meta.sitename);
    }
    if article.url.is_none() {
        article.url = clean(&meta.url);
    }
}

// ---------------------------------------------------------------------------
// Pathological pages
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!doctype html>
<html><head>
<title>Ignored title | Daily Planet</title>
<meta property="og:title" content="Real Headline">
<meta property="og:site_name" content="Daily Planet">
<link rel="canonical" href="https://planet.example/news/1">
<script>var tracking = "SCRIPT_NOISE";</script>
<style>.x { color: red } STYLE_NOISE</style>
</head><body>
<nav><ul><li><a href="/">Home NAV_NOISE</a></li><li><a href="/world">World</a></li></ul></nav>
<div class="cookie-banner"><p>We use cookies COOKIE_NOISE. Accept?</p></div>
<article>
  <h1>Real Headline</h1>
  <p>The city council voted on Tuesday to approve the new bridge over the river,
     ending a debate that lasted almost a decade and divided the town.</p>
  <p>Supporters said the bridge would cut commuting times in half, while critics
     worried about the cost and the impact on the old harbour district.</p>
  <h2>What happens next</h2>
  <p>Construction is expected to start next spring and to take about three years,
     according to the engineering firm that won the contract last month.</p>
  <ul><li>First item of the list</li><li>Second item of the list</li></ul>
</article>
<div class="share-buttons"><a href="#">Share on Facebook SHARE_NOISE</a></div>
<footer><p>Copyright 2024 Daily Planet FOOTER_NOISE. All rights reserved.</p></footer>
<script>console.log("MORE_SCRIPT_NOISE")</script>
</body></html>"##;

    #[test]
    fn keeps_article_and_drops_furniture() {
        let a = extract(PAGE);
        assert!(a.text.contains("approve the new bridge"), "{}", a.text);
        assert!(a.text.contains("three years"), "{}", a.text);
        for noise in [
            "SCRIPT_NOISE",
            "STYLE_NOISE",
            "NAV_NOISE",
            "COOKIE_NOISE",
            "SHARE_NOISE",
            "FOOTER_NOISE",
            "MORE_SCRIPT_NOISE",
        ] {
            assert!(!a.text.contains(noise), "{noise} in {}", a.text);
        }
        // Paragraphs are separated by blank lines, with no runs of spaces inside.
        assert!(a.text.contains("river, ending"), "{}", a.text);
        assert!(a.text.contains("\n\n"));
        assert_eq!(a.source.as_deref(), Some("Daily Planet"));
        assert_eq!(a.url.as_deref(), Some("https://planet.example/news/1"));
    }

    #[test]
    fn prefers_og_title() {
        assert_eq!(extract(PAGE).title.as_deref(), Some("Real Headline"));
    }

    #[test]
    fn strips_site_name_from_title_tag() {
        let page = r#"<html><head><title>Bridge approved | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet"></head><body><p>x</p></body></html>"#;
        assert_eq!(extract(page).title.as_deref(), Some("Bridge approved"));
    }

    #[test]
    fn falls_back_to_h1_title() {
        let page = "<html><body><h1> Only  heading </h1><p>Some text here.</p></body></html>";
        assert_eq!(extract(page).title.as_deref(), Some("Only heading"));
    }

    #[test]
    fn reads_json_ld() {
        let page = r#"<html><head><script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Planet"},
 {"@type":"NewsArticle","headline":"Bridge","datePublished":"2024-03-05T10:00:00+01:00",
  "author":[{"@type":"Person","name":"Lois Lane"},{"@type":"Person","name":"Clark Kent"}],
  "publisher":{"@type":"Organization","name":"Daily Planet"}}]}
</script></head><body><article><p>Text of the article.</p></article></body></html>"#;
        let a = extract(page);
        assert_eq!(a.date.as_deref(), Some("2024-03-05T10:00:00+01:00"));
        assert_eq!(a.authors, vec!["Lois Lane", "Clark Kent"]);
        assert_eq!(a.source.as_deref(), Some("Daily Planet"));
    }

    #[test]
    fn reads_time_element() {
        let page = r#"<html><body><article><p class="byline">By Jimmy Olsen and Perry White in Metropolis</p>
<time datetime="2023-11-02">2 November</time><p>Body text.</p></article></body></html>"#;
        let a = extract(page);
        assert_eq!(a.date.as_deref(), Some("2023-11-02"));
        assert_eq!(a.authors, vec!["Jimmy Olsen", "Perry White"]);
    }

    #[test]
    fn splits_meta_authors() {
        let page = r#"<html><head><meta name="author" content="By Ann Smith, Bob Jones and Cy Young">
<meta property="article:author" content="https://example.com/ann"></head><body><p>x</p></body></html>"#;
        assert_eq!(
            extract(page).authors,
            vec!["Ann Smith", "Bob Jones", "Cy Young"]
        );
    }

    #[test]
    fn empty_input_gives_empty_article() {
        assert_eq!(extract(""), HtmlArticle::default());
        assert_eq!(extract("   \n "), HtmlArticle::default());
    }

    #[test]
    fn garbage_does_not_panic() {
        let inputs = [
            "<",
            "<<<>>>",
            "\0\u{feff}</p></div>",
            "<html><head><title>",
            "<script type=\"application/ld+json\">{\"author\": [[[",
            "<meta property=og:title content=",
            "<table><tr><td><table><tr>",
            "&#xFFFFFF;&amp",
        ];
        for input in inputs {
            let _ = extract(input);
        }
        let deep = format!("{}<p>deep text</p>", "<div>".repeat(5000));
        assert!(extract(&deep).text.contains("deep text"));
    }

    #[test]
    fn deep_pages_keep_their_text_outside_paragraphs() {
        let page = format!(
            "<html><head><title>Deep</title></head><body>{}Loose words<p>A paragraph.</p>{}</body></html>",
            "<div>".repeat(MAX_LIBRARY_DEPTH + 100),
            "</div>".repeat(MAX_LIBRARY_DEPTH + 100)
        );
        let a = extract(&page);
        assert_eq!(a.title.as_deref(), Some("Deep"));
        assert_eq!(a.text, "Loose words\n\nA paragraph.");
    }

    #[test]
    fn the_tag_scan_counts_elements_and_nesting() {
        let page = "<!-- <div><div> --><div><p>a<p>b<br><span>x</span></div>\
<script>if (a<b) {}</script><DIV><Span>";
        assert_eq!(
            page_shape(page),
            Shape {
                elements: 8,
                nesting: 2
            }
        );
    }

    #[test]
    fn pathological_nesting_is_read_tag_by_tag() {
        let page = format!(
            "<script>var x = '<p>';</script>{}<p>deep &amp; text</p>",
            "<div class=a>".repeat(20_000)
        );
        let start = std::time::Instant::now();
        let a = extract(&page);
        assert_eq!(a.text, "deep & text");
        assert!(start.elapsed().as_secs() < 5);
    }
}
