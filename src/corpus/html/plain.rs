//! Plain article pages, whose extraction is known without running the library.
//!
//! A page is plain when its body holds one `<article>` made only of headings and
//! paragraphs of plain text (no child elements, no attributes), beside navigation bars,
//! headers, footers and asides made of links, lists, headings and paragraphs; when no
//! element in it has an attribute but `href` on links; and when its `<head>` holds only
//! a title, scripts and styles without attributes, and `<meta>` tags from a short list
//! that names no author, site or address. On such a page the extraction library
//!
//! - takes the `<article>` as the content (nothing else has the classes or ids that its
//!   earlier rules look for) and keeps every heading and paragraph of it, provided that
//!   no line of text ends with one of the words its sharing-link filter drops, that the
//!   last element is a paragraph (a trailing heading is dropped), and that the text has
//!   no character that Unicode normalisation (NFC) would change;
//! - keeps that extraction against its fallbacks: the text is above the 250 characters
//!   under which wild-text recovery, justext and the baseline take over, and the
//!   readability candidate replaces it only when more than twice as long, which the
//!   little text outside the article cannot make it;
//! - finds no author and no address, and a site name only in a part of the `<title>`
//!   holding a dot, split off at a separator such as " | " or " - ".
//!
//! [`plain_page`] returns that extraction, or `None` when the page is not plain. The
//! tests compare it with the library's result on variations of a plain page.

use std::sync::LazyLock;

use regex::Regex;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

use super::text::{clean, root_element};

/// Fewest non-blank characters of article text for a page to be plain: a little above the
/// 250 characters under which the library's fallbacks take over.
const MIN_TEXT: usize = 260;

/// `<meta>` names and properties that the library reads no author, site name, title or
/// address from.
const SAFE_META_KEYS: &[&str] = &[
    "og:title",
    "og:description",
    "og:type",
    "og:locale",
    "article:published_time",
    "article:modified_time",
    "description",
    "viewport",
    "robots",
];

/// Elements allowed in the page furniture around the article.
const FURNITURE_TAGS: &[&str] = &[
    "nav", "header", "footer", "aside", "ul", "ol", "li", "a", "p", "h1", "h2", "h3", "h4", "h5",
    "h6",
];

/// Elements allowed as children of the article.
const ARTICLE_TAGS: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6"];

/// Lines the library drops as sharing links: ending with one of these words, whatever
/// comes before (this is broader than its filter, never narrower).
static SHARING_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(drucken|mail|facebook|flipboard|google|instagram|linkedin|pdf|pinterest|pocket|print|qq|reddit|twitter|wechat|weibo|whatsapp|xing|mehr zum thema:?|more on this.{0,8})\s*$",
    )
    .unwrap_or_else(|_| unreachable!("constant pattern"))
});

/// The library's split of a `<title>` into two parts at a separator surrounded by spaces.
static TITLE_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.+)?\s+[–•·—|⁄*⋆~‹«<›»>:-]\s+(.+)$")
        .unwrap_or_else(|_| unreachable!("constant pattern"))
});

/// What the library's extraction of a plain page gives.
#[derive(Debug, PartialEq)]
pub(super) struct PlainPage {
    /// The article's headings and paragraphs, whitespace collapsed, separated by blank lines.
    pub(super) text: String,
    /// A part of the `<title>` holding a dot, which the library takes for the site name.
    pub(super) site_from_title: Option<String>,
}

/// The extraction of a plain page, or `None` when the page is not plain.
pub(super) fn plain_page(doc: &Html) -> Option<PlainPage> {
    let html = root_element(doc)?;
    if html.value().name() != "html" || !attributes_within(html.value(), &["lang", "dir"]) {
        return None;
    }
    let (mut head, mut body) = (None, None);
    for child in html.children() {
        match child.value() {
            Node::Element(el) if el.name() == "head" && head.is_none() => {
                head = ElementRef::wrap(child);
            }
            Node::Element(el) if el.name() == "body" && body.is_none() => {
                body = ElementRef::wrap(child);
            }
            Node::Text(text) if is_blank(text) => {}
            _ => return None,
        }
    }
    let title = plain_head(head?)?;
    let body = plain_body(body?)?;

    // The readability candidate holds at most the text of the page with a separator per
    // text node; the library's own extraction at least the article's non-blank characters.
    let title_len = title.as_ref().map_or(0, |t| t.chars().count());
    if body.article_len + body.furniture_len + title_len > 2 * body.article_solid {
        return None;
    }
    Some(PlainPage {
        text: body.paragraphs.join("\n\n"),
        site_from_title: title.as_deref().and_then(site_from_title),
    })
}

/// Checks the `<head>`; gives the text of its `<title>`, if any.
fn plain_head(head: ElementRef<'_>) -> Option<Option<String>> {
    if !attributes_within(head.value(), &[]) {
        return None;
    }
    let mut title = None;
    for child in head.children() {
        match child.value() {
            Node::Text(text) if is_blank(text) => {}
            Node::Element(el) => match el.name() {
                "meta" if safe_meta(el) => {}
                "script" | "style" if attributes_within(el, &[]) => {}
                "title" if title.is_none() && attributes_within(el, &[]) => {
                    let text = only_text(ElementRef::wrap(child)?)?;
                    if !text.chars().all(nfc_stable) {
                        return None;
                    }
                    title = Some(text);
                }
                _ => return None,
            },
            _ => return None,
        }
    }
    Some(title)
}

/// Whether a `<meta>` tag gives the library nothing but what [`SAFE_META_KEYS`] allows.
fn safe_meta(el: &Element) -> bool {
    el.attrs().all(|(name, value)| match name {
        "charset" | "content" => true,
        "http-equiv" => {
            value.eq_ignore_ascii_case("content-type")
                || value.eq_ignore_ascii_case("x-ua-compatible")
        }
        "name" | "property" => SAFE_META_KEYS.contains(&value),
        _ => false,
    })
}

/// The checked body of a plain page.
struct PlainBody {
    /// The article's headings and paragraphs, whitespace collapsed.
    paragraphs: Vec<String>,
    /// Characters of the article's text nodes, with one more for each.
    article_len: usize,
    /// Non-blank characters of the article's text.
    article_solid: usize,
    /// Characters of the text nodes outside the article, with one more for each.
    furniture_len: usize,
}

fn plain_body(body: ElementRef<'_>) -> Option<PlainBody> {
    if !attributes_within(body.value(), &[]) {
        return None;
    }
    let mut article = None;
    let mut furniture_len = 0;
    for child in body.children() {
        match child.value() {
            Node::Text(text) if is_blank(text) => {}
            Node::Element(el) if el.name() == "article" && article.is_none() => {
                if !attributes_within(el, &[]) {
                    return None;
                }
                article = ElementRef::wrap(child);
            }
            Node::Element(el) if matches!(el.name(), "nav" | "header" | "footer" | "aside") => {
                furniture_len += furniture_text_len(ElementRef::wrap(child)?)?;
            }
            _ => return None,
        }
    }
    let mut plain = PlainBody {
        paragraphs: Vec::new(),
        article_len: 0,
        article_solid: 0,
        furniture_len,
    };
    let mut last_is_paragraph = false;
    for child in article?.children() {
        match child.value() {
            Node::Text(text) if is_blank(text) => {}
            Node::Element(el)
                if ARTICLE_TAGS.contains(&el.name()) && attributes_within(el, &[]) =>
            {
                let text = only_text(ElementRef::wrap(child)?)?;
                if !text.chars().all(nfc_stable)
                    || text.split('\n').any(|l| SHARING_LINE.is_match(l))
                {
                    return None;
                }
                plain.paragraphs.push(clean(&text)?);
                plain.article_len += text.chars().count() + 1;
                plain.article_solid += text.chars().filter(|c| !c.is_whitespace()).count();
                last_is_paragraph = el.name() == "p";
            }
            _ => return None,
        }
    }
    (plain.paragraphs.len() >= 2 && last_is_paragraph && plain.article_solid >= MIN_TEXT)
        .then_some(plain)
}

/// Length of the text under a piece of page furniture (characters of each text node, plus
/// one), or `None` when it holds anything but [`FURNITURE_TAGS`] or any attribute but
/// links' `href`.
fn furniture_text_len(root: ElementRef<'_>) -> Option<usize> {
    let mut len = 0;
    for node in root.descendants() {
        match node.value() {
            Node::Text(text) => {
                if !text.chars().all(nfc_stable) {
                    return None;
                }
                len += text.chars().count() + 1;
            }
            Node::Element(el) => {
                let allowed: &[&str] = if el.name() == "a" { &["href"] } else { &[] };
                if !FURNITURE_TAGS.contains(&el.name()) || !attributes_within(el, allowed) {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(len)
}

/// The site name that the library reads from a title: the first part of a split title
/// if it holds a dot, else the second part if it does.
fn site_from_title(title: &str) -> Option<String> {
    let title = clean(title)?;
    let caps = TITLE_PARTS.captures(&title)?;
    let part = [caps.get(1), caps.get(2)]
        .into_iter()
        .flatten()
        .map(|m| m.as_str())
        .find(|part| part.contains('.'))?;
    clean(part.trim_start_matches('@'))
}

/// The text of an element whose children are all text nodes.
fn only_text(el: ElementRef<'_>) -> Option<String> {
    let mut text = String::new();
    for child in el.children() {
        text.push_str(child.value().as_text()?);
    }
    Some(text)
}

/// Whether an element has no attributes but `allowed` ones.
fn attributes_within(el: &Element, allowed: &[&str]) -> bool {
    el.attrs().all(|(name, _)| allowed.contains(&name))
}

fn is_blank(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

/// Characters that Unicode normalisation leaves alone and the library keeps as they are:
/// tabs and line breaks, printable ASCII, Latin-1 and the Latin extensions (no combining
/// marks, no soft hyphen), general punctuation from the hyphens on, currency signs.
fn nfc_stable(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~' | '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{2ff}'
        | '\u{2010}'..='\u{205f}' | '\u{20a0}'..='\u{20bf}')
}

#[cfg(test)]
mod tests {
    use super::super::extract_with;
    use super::*;

    const BODY: &str = "The city council voted on Tuesday to approve the new bridge over the river, \
        ending a debate that lasted almost a decade and divided the town.\n\nSupporters said \
        the bridge would cut commuting times in half, while critics worried about the cost \
        and the impact on the old harbour district.\n\nConstruction is expected to start next \
        spring and to take about three years, according to the engineering firm.";

    /// A page in the shape of generated article pages, with `body` as its paragraphs
    /// (blocks starting with a heading tag are kept as they are).
    fn page(title: &str, body: &str) -> String {
        let paragraphs: String = body
            .split("\n\n")
            .map(|p| {
                if p.starts_with("<h") {
                    format!("{p}\n")
                } else {
                    format!("<p>{p}</p>\n")
                }
            })
            .collect();
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
             <title>{title}</title>\n\
             <meta property=\"og:title\" content=\"{title}\">\n\
             <meta property=\"article:published_time\" content=\"1987-02-26T15:02:20\">\n\
             <script>window.analytics = {{track: function () {{}}}};</script>\n\
             <style>nav a {{ margin: 0 1em; }}</style>\n\
             </head><body>\n\
             <nav><a href=\"/\">Home</a><a href=\"/world\">World</a><a href=\"/subscribe\">Subscribe now</a></nav>\n\
             <article><h1>{title}</h1>\n{paragraphs}</article>\n\
             <aside><h2>Most read</h2><ul><li><a href=\"/a\">Markets close higher</a></li></ul></aside>\n\
             <footer>&copy; Example Wire. All rights reserved. Cookie settings.</footer>\n\
             </body></html>\n"
        )
    }

    fn plain(html: &str) -> Option<PlainPage> {
        plain_page(&Html::parse_document(html))
    }

    /// Asserts that `html` is plain and that the shortcut gives what the library gives.
    fn assert_same_as_library(html: &str) {
        assert!(plain(html).is_some(), "not plain:\n{html}");
        assert_eq!(
            extract_with(html, true, &|| false),
            extract_with(html, false, &|| false),
            "{html}"
        );
    }

    #[test]
    fn shortcut_matches_library_on_plain_pages() {
        let long = [BODY; 8].join("\n\n");
        let pages = [
            page("Bridge approved | Example Wire", BODY),
            page("Bridge approved", BODY),
            page("U.S. bridge approved - Example Wire", BODY),
            page("Bridge approved :: example.com", BODY),
            page("@planet.example | Bridge approved", BODY),
            page("Q1 results vs. forecast", BODY),
            page("Bridge &lt;BRG&gt; approved", &long),
            page(
                "Pont approuvé à Zürich",
                "Le conseil a voté «\u{a0}oui\u{a0}» — à l'unanimité, pour 12 500 000 € et 3 ½ ans \
                 de travaux: the city council voted on Tuesday to approve the new bridge over \
                 the river.\n\n  Supporters   said\nthe bridge would cut commuting times in half, \
                 while critics worried about the cost “and” the impact on the old harbour \
                 district, ending a debate that lasted a decade.",
            ),
            page(
                "Bridge approved",
                "The city council voted on Tuesday to approve the new bridge.\n\n<h2>Next \
                 steps</h2>\n\nConstruction is expected to start next spring and to take \
                 about three years, according to the engineering firm that won the contract \
                 last month, and the harbour district will be closed during the works.\n\n\
                 <h3>Costs</h3>\n\nThe bridge will cost 40 million, paid by the region and \
                 the state, said the mayor & the council's treasurer.",
            ),
        ];
        for html in &pages {
            assert_same_as_library(html);
        }
        let site = plain(&pages[2]).and_then(|p| p.site_from_title);
        assert_eq!(site.as_deref(), Some("U.S. bridge approved"));
        let site = plain(&pages[4]).and_then(|p| p.site_from_title);
        assert_eq!(site.as_deref(), Some("planet.example"));
        assert_eq!(plain(&pages[0]).and_then(|p| p.site_from_title), None);
    }

    #[test]
    fn pages_the_library_may_treat_otherwise_are_not_plain() {
        let ok = page("Bridge approved", BODY);
        assert!(plain(&ok).is_some());
        let variants = [
            // Too short for the library to keep its own extraction.
            page(
                "Bridge approved",
                "The council voted.\n\nThe bridge is approved.",
            ),
            // A heading last, a paragraph with markup, a line the sharing filter drops.
            ok.replace("</article>", "<h2>Related</h2></article>"),
            ok.replace("<p>Supporters said", "<p>Supporters <b>said</b>"),
            ok.replace(
                "the engineering firm.",
                "the engineering firm.\nSend by e-mail",
            ),
            ok.replace("the engineering firm.", "the engineering firm, said Google"),
            // Text that Unicode normalisation or the library would change.
            ok.replace("approve the", "approve\u{301} the"),
            ok.replace("approve the", "ap\u{ad}prove the"),
            // Markup that the library's layout and metadata rules look at.
            ok.replace("<article>", "<article class=\"post\">"),
            ok.replace("<article>", "<div><article>")
                .replace("</article>", "</article></div>"),
            ok.replace("<nav>", "<nav id=\"author\">"),
            ok.replace("<head>", "<head><meta name=\"author\" content=\"Ann Lee\">"),
            ok.replace(
                "<head>",
                "<head><meta property=\"og:site_name\" content=\"Planet\">",
            ),
            ok.replace(
                "<head>",
                "<head><link rel=\"canonical\" href=\"https://planet.example/1\">",
            ),
            ok.replace("<script>", "<script type=\"application/ld+json\">"),
            ok.replace("</article>", "</article><!-- comment -->"),
            // More text around the article than in it.
            ok.replace("Markets close higher", &BODY.replace("\n\n", " ").repeat(2)),
        ];
        for html in &variants {
            assert_eq!(plain(html), None, "{html}");
        }
    }
}
