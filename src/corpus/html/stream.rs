//! Text of a page read tag by tag, without building its tree: linear in the page's size and
//! holding only the elements still open, for pages too large or too deeply nested for the
//! tree and the extraction library (a scraped page of two million paragraphs, two hundred
//! thousand `<span>`s never closed).
//!
//! The rules are those of the simple extraction: invisible elements (scripts, styles,
//! forms…) and page furniture (navigation, footers, cookie banners…) are left out with
//! everything inside them; blocks end paragraphs, list items and table rows end lines, table
//! cells are separated by a space. An end tag closes the nearest open element of its name and
//! every element opened inside it; an end tag with no open element of its name is ignored.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{LocalName, TokenizerResult};

use super::text::{Paragraphs, furniture_by};
use super::{BLOCKS, INVISIBLE, LINES};

/// Bytes handed to the tokenizer at a time; the cancel check runs between them.
const CHUNK: usize = 1 << 16;

/// Elements that never have content or an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements a start tag of the same name closes when it is open (`<p>a<p>b`, `<li>a<li>b`).
const SELF_CLOSING_RUNS: &[&str] = &["p", "li", "dt", "dd", "tr", "td", "th", "option"];

/// One open element.
struct Open {
    name: LocalName,
    /// Whether its content is left out.
    hidden: bool,
}

/// What the tokenizer's tokens build: the open elements and the text so far.
#[derive(Default)]
struct State {
    stack: Vec<Open>,
    /// Where each name is open on `stack`, innermost last, so an end tag finds its element
    /// without searching the stack.
    open_at: rustc_hash::FxHashMap<LocalName, Vec<usize>>,
    /// Open elements whose content is left out.
    hidden: usize,
    out: Paragraphs,
}

impl State {
    fn push(&mut self, name: LocalName, hidden: bool) {
        self.open_at
            .entry(name.clone())
            .or_default()
            .push(self.stack.len());
        self.hidden += usize::from(hidden);
        self.stack.push(Open { name, hidden });
    }

    /// Closes the innermost open element named `name` and every element inside it; returns
    /// whether one was open.
    fn close(&mut self, name: &LocalName) -> bool {
        let Some(&at) = self.open_at.get(name).and_then(|v| v.last()) else {
            return false;
        };
        while self.stack.len() > at {
            let Some(top) = self.stack.pop() else { break };
            if let Some(v) = self.open_at.get_mut(&top.name) {
                v.pop();
            }
            self.hidden -= usize::from(top.hidden);
            self.boundary(&top.name);
        }
        true
    }

    fn is_open(&self, name: &str) -> bool {
        self.open_at
            .get(&LocalName::from(name))
            .is_some_and(|v| !v.is_empty())
    }

    /// The break an element's start or end makes in the text.
    fn boundary(&mut self, name: &str) {
        if self.hidden > 0 {
            return;
        }
        if LINES.contains(&name) {
            self.out.line_break();
        } else if BLOCKS.contains(&name) {
            self.out.end_paragraph();
        }
    }

    fn start(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name = &*tag.name;
        if name == "body" {
            // A head left open ends where the body starts.
            self.close(&LocalName::from("head"));
        }
        if SELF_CLOSING_RUNS.contains(&name) {
            self.close(&tag.name);
        } else if name != "p" && BLOCKS.contains(&name) && self.is_open("p") {
            self.close(&LocalName::from("p"));
        }
        if self.hidden == 0 {
            if name == "br" {
                self.out.line_break();
            } else if matches!(name, "td" | "th") {
                self.out.text(" ");
            }
        }
        if VOID.contains(&name) || tag.self_closing {
            return TokenSinkResult::Continue;
        }
        let attr = |key: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == key)
                .map(|a| &*a.value)
        };
        let hidden = INVISIBLE.contains(&name) || furniture_by(name, &attr);
        self.boundary(name);
        self.push(tag.name.clone(), hidden);
        match name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }
}

/// The tokenizer's sink.
struct Sink(RefCell<State>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut s = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => return s.start(&tag),
                TagKind::EndTag => {
                    s.close(&tag.name);
                }
            },
            Token::CharacterTokens(text) if s.hidden == 0 => s.out.text(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The text of `html` by the simple extraction's rules, read in one pass; stops early (with
/// the text so far) once `cancelled` says so.
pub(super) fn stream_text(html: &str, cancelled: &dyn Fn() -> bool) -> String {
    let tokenizer = Tokenizer::new(
        Sink(RefCell::new(State::default())),
        TokenizerOpts::default(),
    );
    let queue = BufferQueue::default();
    let mut rest = html;
    while !rest.is_empty() {
        if cancelled() {
            break;
        }
        let mut cut = rest.len().min(CHUNK);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (chunk, tail) = rest.split_at(cut);
        rest = tail;
        queue.push_back(StrTendril::from_slice(chunk));
        while let TokenizerResult::Script(()) = tokenizer.feed(&queue) {}
    }
    tokenizer.end();
    let state = tokenizer.sink.0.into_inner();
    state.out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        stream_text(html, &|| false)
    }

    #[test]
    fn paragraphs_lines_and_cells() {
        let page = "<html><head><title>T</title><style>p{}</style></head><body>\
<nav><a>Home</a></nav><h1>Head</h1><p>One &amp; <b>two</b></p><p>Three<br>four\
<ul><li>a<li>b</ul><table><tr><td>x<td>y<tr><td>z</table>\
<div class=cookie-banner><p>Accept cookies</p></div><script>var p = '<p>';</script>\
<footer>Foot</footer><p>Last</body></html>";
        assert_eq!(
            text(page),
            "Head\n\nOne & two\n\nThree\nfour\n\na\nb\n\nx y\nz\n\nLast"
        );
    }

    #[test]
    fn deep_unclosed_elements_keep_their_text() {
        let page = format!(
            "<body>{}<p>first</p>between{}<p>second</p>",
            "<span>".repeat(50_000),
            "<div>".repeat(50_000)
        );
        assert_eq!(text(&page), "first\n\nbetween\n\nsecond");
    }

    #[test]
    fn an_end_tag_closes_what_it_holds() {
        let page = "<nav><span><span>menu</nav><p>text</p><aside>side<p>more";
        assert_eq!(text(page), "text");
    }

    #[test]
    fn stops_when_cancelled() {
        let page = "<p>word</p>".repeat(100_000);
        assert_eq!(stream_text(&page, &|| true), "");
    }
}
