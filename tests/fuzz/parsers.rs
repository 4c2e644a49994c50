//! The parsers alone: metadata lines and front matter, dates, JSON and JSON lines (with broken
//! escapes), HTML extraction, declared charsets and byte decoding.

use crate::inputs::{date_like, file_bytes, html_page, json_text, markdown_article, plain_article};
use crate::{config, on_chars, timed};
use proptest::prelude::*;
use quarry::corpus::{dates, decode, html, json, metadata, plain, sniff, surrogates};

proptest! {
    #![proptest_config(config(1))]

    #[test]
    fn plain_and_markdown_metadata(text in prop_oneof![plain_article(), markdown_article()]) {
        for markdown in [false, true] {
            let (meta, _url, start) = timed("read_meta", || plain::read_meta(&text, markdown));
            on_chars(&text, start, text.len(), "body start");
            prop_assert!(!meta.title.contains('\n'));
        }
        if let Some(fm) = plain::front_matter(&text) {
            on_chars(&text, fm.body_start, text.len(), "front matter end");
        }
        timed("from_lines", || metadata::from_lines(&text));
    }

    #[test]
    fn dates(s in date_like()) {
        let d = timed("parse_date", || dates::parse_date(&s));
        let l = timed("parse_date_line", || dates::parse_date_line(&s));
        for d in [d, l].into_iter().flatten() {
            // Whatever was read can be shown.
            let _ = dates::display(&d);
        }
    }

    #[test]
    fn json_articles(text in json_text()) {
        let (fixed, n) = timed("repair", || surrogates::repair(&text));
        if n == 0 {
            prop_assert_eq!(fixed.as_ref(), text.as_str());
        }
        // Whatever the file, the result is articles or reasons, never a panic.
        let _ = timed("parse_json", || json::parse_json(&fixed));
        timed("parse_jsonl", || json::parse_jsonl(&fixed));
        // A lone half of a pair never makes valid JSON invalid once repaired.
        let unpaired = text.replace("\\ud83d", "").replace("\\ude00", "");
        if serde_json::from_str::<serde_json::Value>(&unpaired).is_ok() {
            prop_assert!(serde_json::from_str::<serde_json::Value>(&fixed).is_ok(), "{}", fixed);
        }
    }

    #[test]
    fn html_pages(page in html_page()) {
        let a = timed("html::extract", || html::extract(&page));
        prop_assert!(!a.text.contains('\0'));
        let _ = sniff::declared_charset(page.as_bytes());
    }

    #[test]
    fn bytes_of_any_encoding(bytes in file_bytes(plain_article())) {
        let declared = sniff::declared_charset(&bytes);
        let d = timed("decode", || decode::decode_declared(&bytes, declared));
        prop_assert!(d.bom_len <= bytes.len());
        let _ = sniff::binary_kind(&bytes);
        let _ = decode::looks_binary(&bytes);
        let owned = decode::decode_owned_declared(bytes.clone(), declared);
        prop_assert_eq!(owned, d);
    }
}

#[test]
fn cut_titles_keep_whole_characters() {
    for s in ["東京".repeat(400), "😀".repeat(301), "x\u{301}".repeat(200)] {
        let mut t = s.clone();
        metadata::cut_chars(&mut t, metadata::MAX_TITLE_CHARS);
        on_chars(&s, 0, t.len() - '…'.len_utf8(), "cut title");
        assert!(t.chars().count() <= metadata::MAX_TITLE_CHARS + 1);
    }
}
