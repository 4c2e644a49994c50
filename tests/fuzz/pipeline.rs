//! Whole folders of generated files, loaded and analysed as the app does: every token, every
//! sentence break and every concordance hit must lie on character boundaries of its document,
//! and every query a user could type (words, phrases, wildcards, regular expressions) must
//! answer within the budget.

use crate::inputs::{file_bytes, html_page, json_text, markdown_article, plain_article, prose};
use crate::{config, on_chars, timed};
use proptest::prelude::*;
use proptest::sample::select;
use quarry::analysis::{self, kwic};
use quarry::jobs::JobCtx;

/// A folder's files: a name with its extension, and bytes.
fn folder() -> impl Strategy<Value = Vec<(String, Vec<u8>)>> {
    let file = prop_oneof![
        (Just("txt"), file_bytes(plain_article())),
        (Just("md"), file_bytes(markdown_article())),
        (Just("json"), file_bytes(json_text())),
        (
            Just("jsonl"),
            file_bytes(json_text().prop_map(|j| format!("{j}\n{j}\n")))
        ),
        (Just("html"), file_bytes(html_page())),
        (Just("dat"), file_bytes(prose(30))),
    ];
    prop::collection::vec(file, 1..5).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (ext, b))| (format!("f{i}.{ext}"), b))
            .collect()
    })
}

/// A query as a user types one.
fn query() -> impl Strategy<Value = String> {
    let word = select(
        &[
            "talks", "Talks", "the", "GENEVA", "東京", "😀", "x", "'s", "U.S.", "",
        ][..],
    );
    prop_oneof![
        word.clone().prop_map(str::to_string),
        prop::collection::vec(word, 1..4).prop_map(|w| w.join(" ")),
        select(&["talk*", "*", "?", "*s", "t?lks", "**", "*?*", "東*"][..])
            .prop_map(str::to_string),
        select(
            &[
                "/talks?/",
                "/talks? (in|on)/",
                "/(a|b)*/",
                "/[/",
                "/x{1000}{1000}/",
                "/.*/",
                "//",
                "/(?i)GEN.*/",
                "/\\p{Han}+/",
                "/ /",
                "/^$/",
                "/a",
                "/(/ /)/",
            ][..]
        )
        .prop_map(str::to_string),
        crate::inputs::noise(12),
    ]
}

proptest! {
    #![proptest_config(config(3))]

    #[test]
    fn loaded_folders_keep_offsets_on_characters(files in folder(), queries in prop::collection::vec(query(), 1..4)) {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, bytes) in &files {
            std::fs::write(dir.path().join(name), bytes).expect("write");
        }
        let ctx = JobCtx::detached();
        let corpus = timed("load", || quarry::corpus::load(dir.path(), &ctx)).expect("loads");
        let a = timed("analyze", || analysis::analyze(&corpus, &ctx)).expect("analyses");
        for (i, d) in corpus.docs.iter().enumerate() {
            on_chars(&d.text, d.body_start, d.text.len(), "body start");
            prop_assert!(d.title.chars().count() <= 301);
            let range = a.doc_start[i] as usize..a.doc_start[i + 1] as usize;
            for (s, e, _) in a.spans.iter(range) {
                on_chars(&d.text, s as usize, e as usize, "token");
            }
        }
        for q in &queries {
            let Ok(query) = timed("parse query", || kwic::Query::parse(q, &a)) else {
                continue;
            };
            let hits = timed("search", || kwic::search(&a, &query, None));
            for h in hits.iter().take(200) {
                let (s, e) = kwic::hit_span(&a, h);
                on_chars(&corpus.docs[h.doc as usize].text, s, e, "hit");
                let _ = kwic::line(&a, &corpus, h, 40);
            }
        }
    }
}
