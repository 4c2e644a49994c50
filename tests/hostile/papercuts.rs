//! Command-line papercuts: regexes with spaces, mistyped commands, backwards date ranges,
//! empty files, a file's folder, and control characters in names.

use crate::{folder, json, run, run_in, s, text};

#[test]
fn a_regex_with_spaces_is_a_phrase_of_regexes() {
    let dir = folder();
    let out = run(&["kwic", s(dir.path()), "/talks? (in|on)/", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(json(&out)["hits"], 2);
}

#[test]
fn a_mistyped_command_is_named_with_the_nearest_one() {
    let dir = folder();
    let out = run_in(&["stat", "."], Some(dir.path()));
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("unknown command") && err.contains("'stats'"),
        "{err}"
    );
}

#[test]
fn keyness_from_after_to_says_so() {
    let dir = folder();
    let out = run(&[
        "keyness",
        s(dir.path()),
        "--from",
        "2025-05-01",
        "--to",
        "2025-03-01",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("later than"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn text_of_an_empty_file_fails_with_and_without_json() {
    let dir = folder();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    assert_eq!(run(&["text", s(&empty)]).status.code(), Some(1));
    let out = run(&["text", s(&empty), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out), serde_json::json!([]));
}

#[test]
fn stats_of_a_file_names_its_folder() {
    let dir = folder();
    let out = run_in(&["stats", "good.txt", "--json"], Some(dir.path()));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v = json(&out);
    assert_ne!(v["root"], "");
    assert_eq!(v["documents"], 1);
}

#[test]
fn control_characters_in_file_names_are_escaped() {
    let dir = folder();
    let odd = "a\nb\u{1b}[31m.txt";
    std::fs::write(dir.path().join(odd), "Talks\n\nMore talks today.\n").expect("write");
    std::fs::write(dir.path().join("e\u{1b}.txt"), "").expect("write");
    let out = run(&["kwic", s(dir.path()), "talks"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{stdout:?}");
    let escaped = lines
        .iter()
        .filter(|l| l.ends_with("\ta\\nb\\u{1b}[31m.txt"))
        .count();
    assert_eq!(escaped, 2, "{stdout:?}");
    let out = run(&["stats", s(dir.path())]);
    let stdout = text(&out.stdout);
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    assert!(stdout.contains("e\\u{1b}.txt: empty"), "{stdout:?}");
}
