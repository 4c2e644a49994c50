//! Command-line options of keyness, collocates, concordance and graph: generated option lists
//! are parsed in process (never a panic), and some are run on a small folder, where every
//! run must end within ten seconds and never with a panic.

use crate::config;
use clap::Parser;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;
use quarry::cli::Cli;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Values an option may be given: numbers at and past their limits, dates, names, junk.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        select(
            &[
                "0",
                "1",
                "2",
                "10",
                "11",
                "-1",
                "65535",
                "65536",
                "4294967295",
                "4294967296",
                "18446744073709551616",
                "1e9",
                "",
                " ",
                "nan",
            ][..]
        )
        .prop_map(str::to_string),
        select(
            &[
                "2025-03-03",
                "2025-02-30",
                "1987-01-01",
                "9999-12-31",
                "0000-01-01",
                "03/03/2025",
            ][..]
        )
        .prop_map(str::to_string),
        select(
            &[
                "sentence",
                "paragraph",
                "document",
                "window:0",
                "window:5",
                "window:-1",
                "window:99999999999",
                "window:",
                "WINDOW:3",
                "logdice",
                "LL",
                "t-score",
                "g2",
                "pmi",
                "npmi",
                "dice",
                "jaccard",
                "count",
                "mi",
                "gexf",
                "graphml",
                "csv",
                "json",
                "x",
                "g7/*",
                "*",
                "[",
                "**/..",
            ][..]
        )
        .prop_map(str::to_string),
        crate::inputs::noise(8),
    ]
}

const FLAGS: &[&str] = &[
    "--top",
    "--min",
    "--window",
    "--measure",
    "--from",
    "--to",
    "--docs",
    "--scope",
    "--top-k",
    "--entities",
    "--format",
    "--layout-steps",
    "--width",
    "--limit",
    "--n",
    "--json",
    "--all",
    "--nodes",
    "--stem",
];

/// A command, its folder and word, and options in any order, some without their value.
fn args() -> impl Strategy<Value = Vec<String>> {
    (
        select(&["keyness", "collocates", "kwic", "graph", "ngrams", "words"][..]),
        prop::collection::vec((select(FLAGS), prop::option::of(value())), 0..6),
        select(&["talks", "the", "/talks? (in|on)/", "talk*", "東京"][..]),
    )
        .prop_map(|(cmd, flags, word)| {
            let mut v = vec!["quarry".to_string(), cmd.to_string(), "DIR".to_string()];
            if matches!(cmd, "collocates" | "kwic") {
                v.push(word.to_string());
            }
            for (f, val) in flags {
                v.push(f.to_string());
                v.extend(val);
            }
            v
        })
}

/// A small folder every run reads.
fn small_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let story = |d: &str, city: &str| {
        format!(
            "Talks resume in {city}\n\n{city}, {d} (Reuters) - Ministers from Norland and \
             Vesta met Amara Nwosu in {city}. The talks on trade went on. Teodor Varga said \
             the talks in {city} would resume.\n"
        )
    };
    for (i, (d, city)) in [
        ("March 3", "Geneva"),
        ("March 9", "Oslo"),
        ("April 2", "Lagos"),
    ]
    .into_iter()
    .enumerate()
    {
        let text = format!("2025-0{}-0{}\n{}", 3 + i, 3 + i, story(d, city));
        std::fs::write(dir.path().join(format!("s{i}.txt")), text).expect("write");
    }
    dir
}

proptest! {
    #![proptest_config(config(1))]

    #[test]
    fn options_are_parsed_without_a_panic(v in args()) {
        let _ = Cli::try_parse_from(&v);
        if let Some(i) = v.iter().position(|a| a == "--scope") {
            let _ = quarry::cli::graph::parse_scope(v.get(i + 1).map_or("", String::as_str));
        }
    }
}

proptest! {
    #![proptest_config(config(4))]

    #[test]
    fn commands_end_in_time_with_any_options(v in args()) {
        let dir = small_folder();
        let cache = tempfile::tempdir().expect("temp dir");
        let mut args: Vec<String> = v[1..].to_vec();
        args[1] = dir.path().to_string_lossy().into_owned();
        // A process argument cannot hold a NUL byte; nothing a user types can either.
        for a in &mut args {
            a.retain(|c| c != '\0');
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_quarry"))
            .args(&args)
            .env("QUARRY_CACHE_DIR", cache.path())
            .env("HOME", cache.path())
            .env("XDG_CONFIG_HOME", cache.path())
            .env("XDG_CACHE_HOME", cache.path())
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starts");
        let start = Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().expect("wait") {
                break s;
            }
            if start.elapsed() > Duration::from_secs(10) {
                let _ = child.kill();
                let _ = child.wait();
                return Err(TestCaseError::fail(format!(
                    "quarry {} did not end within 10 s",
                    args.join(" ")
                )));
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut e, &mut err);
        }
        prop_assert!(
            matches!(status.code(), Some(0..=2)) && !err.contains("panicked"),
            "quarry {}: {status}\n{err}",
            args.join(" ")
        );
    }
}
