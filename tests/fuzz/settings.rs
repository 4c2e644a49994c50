//! The settings reader: saved settings cut short, with bytes changed or inserted, and text
//! that is barely RON. Never a panic; a file cut after the options keeps them.
#![cfg(feature = "gui")]

use crate::{config, timed};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use quarry::ui::ron_fields;
use quarry::ui::settings::Settings;
use quarry::ui::settings_read;
use std::sync::OnceLock;

/// Settings as the app saves them, with folders, stop-words and names.
fn saved() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("settings.ron");
        let mut s = Settings::default();
        s.remember(std::path::Path::new("/news/a \"quoted\" folder"));
        s.remember(std::path::Path::new("/news/東京"));
        s.options.user_stop.insert("said".into());
        s.options.user_stop.insert("r#\"odd\"#".into());
        s.options.user_names = "Amara Nwosu\nVarga Holdings ORG\n/* not a comment */".into();
        s.save(&path).expect("save");
        std::fs::read_to_string(&path).expect("read")
    })
}

/// Pieces that RON may hold.
const PIECES: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "'",
    "r#\"",
    "\"#",
    "//",
    "/*",
    "*/",
    "\\",
    "Some(",
    "None",
    "Timeline",
    "#![enable(implicit_some)]",
    "dock:",
    "options:",
    "\n",
    "é",
];

fn damaged() -> impl Strategy<Value = String> {
    let edit = (any::<Index>(), 0u8..3, select(PIECES));
    prop_oneof![
        // Cut short.
        any::<Index>().prop_map(|i| cut(saved(), i.index(saved().len() + 1)).to_string()),
        // Pieces inserted or characters removed.
        prop::collection::vec(edit, 1..5).prop_map(|edits| {
            let mut s = saved().to_string();
            for (at, how, piece) in edits {
                let i = floor(&s, at.index(s.len() + 1));
                if how == 0 {
                    let n = s[i..].chars().next().map_or(0, char::len_utf8);
                    s.replace_range(i..i + n, "");
                } else {
                    s.insert_str(i, piece);
                }
            }
            s
        }),
        prop::collection::vec(select(PIECES), 0..30).prop_map(|v| v.concat()),
        crate::inputs::noise(60),
    ]
}

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn cut(s: &str, i: usize) -> &str {
    &s[..floor(s, i)]
}

proptest! {
    #![proptest_config(config(1))]

    #[test]
    fn damaged_settings_are_read_without_a_panic(text in damaged()) {
        let r = timed("settings_read", || settings_read::read(&text));
        prop_assert!((5..=100).contains(&r.options.words_top_n));
        if let Some(parts) = ron_fields::split(&text) {
            for (_, v) in parts.parts {
                prop_assert!(text.contains(v));
            }
        }
    }

    #[test]
    fn a_file_cut_after_the_options_keeps_them(at in any::<Index>()) {
        let full = saved();
        let dock = full.find("dock:").expect("layout saved");
        let text = cut(full, dock + at.index(full.len() - dock));
        let r = settings_read::read(text);
        prop_assert!(r.options.user_stop.contains("said"));
        prop_assert!(r.options.user_names.contains("Varga Holdings"));
        prop_assert_eq!(r.recent.len(), 2);
    }
}
