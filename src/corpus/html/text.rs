//! Turning parsed HTML into paragraphs of plain text, and the simple fallback extraction.

use super::*;
use scraper::{ElementRef, Node};

/// What a scan of a page's tags tells before it is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Shape {
    /// Start tags.
    pub elements: usize,
    /// Deepest nesting of the elements whose end tag may not be left out (`<div>`, `<span>`,
    /// `<b>`…, not `<p>` or `<li>`), as their start and end tags count it.
    pub nesting: usize,
}

/// Elements without content.
const VOID_TAGS: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"keygen", b"link",
    b"meta", b"param", b"source", b"track", b"wbr",
];

/// Elements whose end tag may be left out: they do not count towards [`Shape::nesting`].
const OPTIONAL_END: &[&[u8]] = &[
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"tr",
    b"td",
    b"th",
    b"option",
    b"optgroup",
    b"thead",
    b"tbody",
    b"tfoot",
    b"colgroup",
    b"caption",
    b"rb",
    b"rt",
    b"rtc",
    b"rp",
    b"html",
    b"head",
    b"body",
];

/// Counts the tags of a page in one pass over its bytes (the contents of scripts, styles
/// and comments skipped), without parsing it.
pub(super) fn page_shape(html: &str) -> Shape {
    let bytes = html.as_bytes();
    let mut shape = Shape::default();
    let mut depth = 0usize;
    let mut i = 0usize;
    let skip_to = |from: usize, needle: &[u8]| {
        memchr::memmem::find(&bytes[from.min(bytes.len())..], needle)
            .map_or(bytes.len(), |at| from + at + needle.len())
    };
    while let Some(at) = memchr::memchr(b'<', &bytes[i..]) {
        i += at + 1;
        match bytes.get(i) {
            Some(b'!') => {
                i = if bytes[i..].starts_with(b"!--") {
                    skip_to(i, b"-->")
                } else {
                    skip_to(i, b">")
                };
                continue;
            }
            Some(b'/') | Some(b'a'..=b'z') | Some(b'A'..=b'Z') => {}
            _ => continue,
        }
        let closing = bytes[i] == b'/';
        let start = i + usize::from(closing);
        let len = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(bytes.len() - start);
        let mut name = [0u8; 16];
        let short = len <= name.len();
        if short {
            name[..len].copy_from_slice(&bytes[start..start + len]);
            name[..len].make_ascii_lowercase();
        }
        let name = &name[..len.min(16)];
        i = start + len;
        let counts = !short || !(VOID_TAGS.contains(&name) || OPTIONAL_END.contains(&name));
        if closing {
            if counts {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        shape.elements += 1;
        if counts {
            depth += 1;
            shape.nesting = shape.nesting.max(depth);
        }
        if name == b"script" || name == b"style" {
            let end: &[u8] = if name == b"script" {
                b"</script"
            } else {
                b"</style"
            };
            while let Some(at) = memchr::memchr(b'<', &bytes[i..]) {
                i += at;
                if bytes[i..]
                    .get(..end.len())
                    .is_some_and(|tag| tag.eq_ignore_ascii_case(end))
                {
                    break;
                }
                i += 1;
            }
        }
    }
    shape
}

/// Byte offset of the first ASCII-case-insensitive occurrence of `needle`.
pub(super) fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Crude text of a page without parsing it: tags become line breaks, the contents
/// of `<script>` and `<style>` are dropped, and a few common entities are decoded.
pub(super) fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 4);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push('\n');
        rest = &rest[open..];
        let lower: String = rest
            .chars()
            .take(7)
            .collect::<String>()
            .to_ascii_lowercase();
        let skip_to = if lower.starts_with("<script") {
            "</script"
        } else if lower.starts_with("<style") {
            "</style"
        } else {
            ">"
        };
        let skip_at = find_ignore_case(rest, skip_to);
        match skip_at {
            Some(at) => rest = &rest[at + 1..],
            None => {
                rest = "";
                break;
            }
        }
        if skip_to != ">" {
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
        }
    }
    out.push_str(rest);
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let mut paragraphs = Paragraphs::default();
    for line in decoded.lines() {
        paragraphs.text(line);
        paragraphs.end_paragraph();
    }
    paragraphs.finish()
}

// ---------------------------------------------------------------------------
// Tree walking and text rendering
// ---------------------------------------------------------------------------

/// Depth-first walk over `root` and its descendants without recursion.
///
/// `visit(node, true)` is called when a node is entered and decides whether its
/// children are visited; `visit(node, false)` is called when a node that was entered
/// with `true` is left.
pub(super) fn walk(root: ElementRef<'_>, mut visit: impl FnMut(&Node, bool) -> bool) {
    let root = *root;
    let root_id = root.id();
    let mut node = root;
    loop {
        if visit(node.value(), true) {
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
            visit(node.value(), false);
        }
        loop {
            if node.id() == root_id {
                return;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(parent) => {
                    node = parent;
                    visit(node.value(), false);
                }
                None => return,
            }
        }
    }
}

/// The root element of a parsed document or fragment.
pub(super) fn root_element(doc: &Html) -> Option<ElementRef<'_>> {
    doc.tree.root().children().find_map(ElementRef::wrap)
}

/// Maximum element nesting depth of a parsed document.
pub(super) fn tree_depth(doc: &Html) -> usize {
    let Some(root) = root_element(doc) else {
        return 0;
    };
    let (mut depth, mut max) = (0usize, 0usize);
    walk(root, |node, enter| {
        if node.is_element() {
            if enter {
                depth += 1;
                max = max.max(depth);
            } else {
                depth = depth.saturating_sub(1);
            }
        }
        true
    });
    max
}

/// Collects paragraphs of text: whitespace collapsed inside a line, lines kept.
#[derive(Default)]
pub(super) struct Paragraphs {
    done: String,
    current: String,
}

impl Paragraphs {
    pub(super) fn text(&mut self, text: &str) {
        self.current.push_str(text);
    }

    pub(super) fn line_break(&mut self) {
        self.current.push('\n');
    }

    pub(super) fn end_paragraph(&mut self) {
        let mut first_line = true;
        for line in self.current.split('\n') {
            let mut words = line.split_whitespace().peekable();
            if words.peek().is_none() {
                continue;
            }
            if first_line {
                if !self.done.is_empty() {
                    self.done.push_str("\n\n");
                }
                first_line = false;
            } else {
                self.done.push('\n');
            }
            for (i, w) in words.enumerate() {
                if i > 0 {
                    self.done.push(' ');
                }
                self.done.push_str(w);
            }
        }
        self.current.clear();
    }

    pub(super) fn finish(mut self) -> String {
        self.end_paragraph();
        self.done
    }
}

/// Renders an element's text into `out`, skipping invisible elements and,
/// if `skip` says so, other subtrees.
pub(super) fn render(
    root: ElementRef<'_>,
    out: &mut Paragraphs,
    skip: &dyn Fn(&scraper::node::Element) -> bool,
) {
    let mut first_cell = true;
    walk(root, |node, enter| match node {
        Node::Text(text) => {
            if enter {
                out.text(text);
            }
            true
        }
        Node::Element(el) => {
            let name = el.name();
            if enter && (INVISIBLE.contains(&name) || skip(el)) {
                return false;
            }
            if name == "br" {
                if enter {
                    out.line_break();
                }
            } else if matches!(name, "td" | "th") {
                if enter && !first_cell {
                    out.text(" ");
                }
                first_cell = false;
            } else if LINES.contains(&name) {
                out.line_break();
                first_cell = true;
            } else if BLOCKS.contains(&name) {
                out.end_paragraph();
            }
            true
        }
        _ => false,
    });
}

/// Turns the article HTML produced by the library into Quarry's plain text.
pub(super) fn html_to_text(html: &str) -> String {
    if html.trim().is_empty() {
        return String::new();
    }
    let doc = Html::parse_fragment(html);
    let mut out = Paragraphs::default();
    if let Some(root) = root_element(&doc) {
        render(root, &mut out, &|_| false);
    }
    out.finish()
}

/// Whether an element is page furniture (navigation, banners, share boxes...).
pub(super) fn is_furniture(el: &scraper::node::Element) -> bool {
    furniture_by(el.name(), &|key| el.attr(key))
}

/// Whether an element named `name`, whose attributes `attr` gives, is page furniture.
pub(super) fn furniture_by<'v>(name: &str, attr: &dyn Fn(&str) -> Option<&'v str>) -> bool {
    if FURNITURE.contains(&name) {
        return true;
    }
    if matches!(
        attr("role"),
        Some("navigation" | "banner" | "contentinfo" | "complementary")
    ) {
        return true;
    }
    if attr("hidden").is_some() || attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = attr("style") {
        let style = style.to_ascii_lowercase().replace(' ', "");
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    let marks = format!(
        "{} {}",
        attr("class").unwrap_or_default(),
        attr("id").unwrap_or_default()
    )
    .to_ascii_lowercase();
    FURNITURE_MARKS.iter().any(|m| marks.contains(m))
}

/// Fallback extraction: every `<p>` (and heading) outside the page furniture;
/// when there is none, the visible text of the body outside the furniture.
pub(super) fn simple_text(doc: &Html) -> String {
    let mut out = Paragraphs::default();
    for el in doc.select(selector!("p, h1, h2, h3, h4, h5, h6")) {
        let inside_furniture = el
            .ancestors()
            .filter_map(|a| a.value().as_element())
            .any(|a| INVISIBLE.contains(&a.name()) || is_furniture(a));
        if !inside_furniture {
            render(el, &mut out, &is_furniture);
            out.end_paragraph();
        }
    }
    let text = out.finish();
    if !text.is_empty() {
        return text;
    }
    let mut out = Paragraphs::default();
    if let Some(root) = root_element(doc) {
        render(root, &mut out, &is_furniture);
    }
    out.finish()
}

// ---------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------

/// Trims and collapses all whitespace; `None` when nothing is left.
pub(super) fn clean(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// Trims and collapses ASCII whitespace only (keeps e.g. ideographic spaces).
pub(super) fn clean_ascii(s: &str) -> Option<String> {
    let s = s
        .split(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Trims a raw value; `None` when nothing is left.
pub(super) fn trimmed(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}
