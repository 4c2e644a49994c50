//! Inputs that once took minutes or gigabytes: deeply nested and very large web pages, a
//! transcript without punctuation, a byline of thousands of names, a document of hundreds of
//! megabytes, a concordance of every word. Each run ends within the time limit and under a
//! memory ceiling (watched while it runs: a run that passes it is stopped), and the good file
//! beside the bad one still loads.

use crate::{LIMIT, quarry, s, text};
use serde_json::Value;
use std::io::Read;
use std::path::Path;
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Bytes kept of the start of an output.
const HEAD: usize = 1 << 20;

/// Peak memory no run may reach.
const CEILING_KB: u64 = 3 << 20;

/// What a watched run gave: its status, the start and end of its output (the middle is only
/// counted), the output's length, its errors and its peak resident memory.
pub(crate) struct Watched {
    pub status: ExitStatus,
    pub head: String,
    pub tail: String,
    pub out_len: usize,
    pub stderr: String,
    pub peak_kb: u64,
}

/// The peak resident memory of a running process, from the kernel's account of it.
fn peak_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs Quarry with `args` within `limit`, stopping it once its memory passes `ceiling_kb`.
pub(crate) fn watched(args: &[&str], limit: Duration, ceiling_kb: u64) -> Watched {
    // The limits are for a release build; an unoptimised one gets four times as long.
    let limit = if cfg!(debug_assertions) {
        limit * 4
    } else {
        limit
    };
    let mut child = quarry()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let mut out = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let (mut head, mut tail, mut len) = (Vec::new(), Vec::new(), 0usize);
        let mut buf = vec![0u8; 1 << 16];
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 {
                break;
            }
            if head.len() < HEAD {
                head.extend_from_slice(&buf[..n.min(HEAD - head.len())]);
            }
            tail.extend_from_slice(&buf[..n]);
            if tail.len() > 8192 {
                tail.drain(..tail.len() - 4096);
            }
            len += n;
        }
        (head, tail, len)
    });
    let mut err = child.stderr.take().expect("stderr");
    let errs = std::thread::spawn(move || {
        let mut v = String::new();
        let _ = err.read_to_string(&mut v);
        v
    });
    let start = Instant::now();
    let mut peak = 0;
    let status = loop {
        if let Some(kb) = peak_kb(child.id()) {
            peak = peak.max(kb);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        let what = args.join(" ");
        if peak > ceiling_kb {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`quarry {what}` passed {} MB", ceiling_kb >> 10);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`quarry {what}` did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let (head, tail, out_len) = reader.join().expect("stdout");
    Watched {
        status,
        head: text(&head),
        tail: text(&tail),
        out_len,
        stderr: errs.join().expect("stderr"),
        peak_kb: peak,
    }
}

/// [`watched`] with the usual limits; the run must succeed.
fn ok(args: &[&str]) -> Watched {
    let w = watched(args, LIMIT, CEILING_KB);
    assert!(
        w.status.success(),
        "`quarry {}`: {}",
        args.join(" "),
        w.stderr
    );
    w
}

fn json(w: &Watched) -> Value {
    assert_eq!(w.head.len(), w.out_len, "output longer than expected");
    serde_json::from_str(&w.head).unwrap_or_else(|e| panic!("{e}: {}", w.head))
}

/// `quarry stats DIR --json` of a folder, within the limits.
fn stats(dir: &Path) -> Value {
    json(&ok(&["stats", s(dir), "--json"]))
}

/// Word tokens of the one file in a folder holding only `good.txt` beside it.
fn tokens_beside_good(v: &Value) -> u64 {
    let good = stats(crate::folder().path());
    assert_eq!(v["documents"], 2, "{v}");
    v["tokens"].as_u64().unwrap_or(0) - good["tokens"].as_u64().unwrap_or(0)
}

/// A folder holding `good.txt` and `name` with `content`.
fn beside(name: &str, content: &[u8]) -> tempfile::TempDir {
    let dir = crate::folder();
    std::fs::write(dir.path().join(name), content).expect("write");
    dir
}

#[test]
fn a_page_of_nested_unclosed_spans_loads_at_once() {
    // 200,000 `<span>`s never closed, around 10,000 paragraphs: 3 MB.
    let mut page = String::from("<html><head><title>Spans</title></head><body>");
    for i in 0..10_000 {
        page.push_str(&"<span>".repeat(20));
        page.push_str(&format!(
            "<p>Paragraph {i} of the council minutes on the harbour bridge and its costs.</p>"
        ));
    }
    let dir = beside("spans.html", page.as_bytes());
    let v = stats(dir.path());
    assert_eq!(tokens_beside_good(&v), 10_000 * 13);
    let out = crate::run(&["text", s(&dir.path().join("spans.html")), "--json"]);
    let docs = crate::json(&out);
    assert_eq!(docs[0]["title"], "Spans", "{}", text(&out.stderr));
}

#[test]
fn a_page_of_a_million_paragraphs_loads_in_bounded_memory() {
    // A million unclosed paragraphs of one word: 6 MB, and a million elements.
    let page = format!("<html><body>{}</body></html>", "<p>word ".repeat(1_000_000));
    let dir = beside("many.html", page.as_bytes());
    let w = ok(&["stats", s(dir.path()), "--json"]);
    assert!(w.peak_kb < 1 << 20, "peak {} MB", w.peak_kb >> 10);
    assert_eq!(tokens_beside_good(&json(&w)), 1_000_000);
}

#[test]
fn a_deep_page_keeps_the_text_outside_its_paragraphs() {
    let page = format!(
        "<html><body>{}Loose words stay here.<p>A paragraph too.</p>{}</body></html>",
        "<div>".repeat(2_000),
        "</div>".repeat(2_000)
    );
    let dir = beside("deep.html", page.as_bytes());
    let out = crate::run(&["text", s(&dir.path().join("deep.html"))]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(t.contains("Loose words stay here."), "{t}");
    assert!(t.contains("A paragraph too."), "{t}");
}

/// Words of a transcript without punctuation, `n` bytes of them.
fn unpunctuated(n: usize) -> String {
    const WORDS: &[&str] = &[
        "the",
        "council",
        "said",
        "bridge",
        "and",
        "harbour",
        "we",
        "would",
        "of",
        "people",
        "market",
        "river",
        "town",
        "they",
        "price",
        "a",
        "to",
        "in",
        "year",
        "government",
    ];
    let mut s = String::from("Transcript\n\n");
    let mut x = 7u64;
    while s.len() < n {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        s.push_str(WORDS[(x >> 33) as usize % WORDS.len()]);
        s.push(' ');
    }
    s.push('\n');
    s
}

#[test]
fn collocates_in_one_endless_sentence_end_at_once() {
    // 2 MB without a full stop: one sentence of about 400,000 words.
    let dir = beside("transcript.txt", unpunctuated(2 << 20).as_bytes());
    let w = ok(&[
        "collocates",
        s(dir.path()),
        "the",
        "--window",
        "0",
        "--json",
    ]);
    let v = json(&w);
    let rows = v["rows"].as_array().expect("rows");
    assert!(rows.iter().any(|r| r["word"] == "council"), "{v}");
}

/// A text whose byline lists `n` made-up names.
fn byline(n: usize) -> String {
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "mi", "ra", "ve", "to", "su", "ne", "ri", "pa", "do", "la", "mo", "ze",
    ];
    let mut x = 11u64;
    let mut name = || {
        let mut w = String::new();
        for _ in 0..3 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            w.push_str(SYLLABLES[(x >> 33) as usize % SYLLABLES.len()]);
        }
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    let names: Vec<String> = (0..n).map(|_| format!("{} {}", name(), name())).collect();
    format!(
        "Signatories\n\nBy {}\n\nTeodor Varga met Anna Lindqvist in Geneva on Monday. Teodor Varga and Anna Lindqvist spoke in Geneva.\n",
        names.join(", ")
    )
}

#[test]
fn a_byline_of_twenty_thousand_names_draws_its_graph_at_once() {
    let dir = beside("names.txt", byline(20_000).as_bytes());
    let w = ok(&["graph", s(dir.path()), "--format", "csv"]);
    assert!(
        w.stderr.contains("naming more than 500 entities"),
        "{}",
        w.stderr
    );
    assert!(w.head.contains("Teodor Varga"), "{}", w.head);
}

#[test]
fn every_pair_of_a_long_byline_stays_in_memory_bounds() {
    let dir = beside("names.txt", byline(50_000).as_bytes());
    let w = ok(&["graph", s(dir.path()), "--min", "1", "--format", "json"]);
    assert!(w.peak_kb < 1 << 20, "peak {} MB", w.peak_kb >> 10);
    let v = json(&w);
    assert!(v["edges"].as_array().is_some_and(|e| !e.is_empty()), "{v}");
}

/// A one-line text of `n` bytes: sentences without a line break.
fn one_line(n: usize) -> String {
    let sentence = "Teodor Varga met the council of Geneva about the harbour bridge. ";
    let mut s = String::with_capacity(n + sentence.len());
    s.push_str("Minutes ");
    while s.len() < n {
        s.push_str(sentence);
    }
    s
}

#[test]
fn a_document_longer_than_entity_analysis_reads_is_noted() {
    // 5 MB on one line, over the 4 MB that entity analysis reads.
    let dir = beside("long.txt", one_line(5 << 20).as_bytes());
    let v = stats(dir.path());
    let notes = crate::problems_of(&v, "long.txt");
    assert!(
        notes
            .iter()
            .any(|n| n.contains("document too long for entity analysis")
                && n.contains("analysed the first 4 MB")),
        "{notes:?}"
    );
    let w = ok(&["entities", s(dir.path()), "--jsonl"]);
    assert!(w.head.contains("Teodor Varga"), "{}", w.head);
}

#[test]
fn a_concordance_of_every_word_is_written_as_it_is_found() {
    // About 2 MB of text, 350,000 hits: the lines are never held at once.
    let dir = beside("long.txt", one_line(2 << 20).as_bytes());
    let w = ok(&["kwic", s(dir.path()), "*", "--json"]);
    assert!(w.peak_kb < 400 << 10, "peak {} MB", w.peak_kb >> 10);
    assert!(w.head.contains("\"hits\": 3"), "{}", w.head);
    assert!(w.tail.trim_end().ends_with('}'), "{}", w.tail);
    assert!(w.out_len > 20 << 20, "{} bytes", w.out_len);
}

/// The full-size reproductions, for a release build (`cargo test --release --test hostile --
/// --ignored`): 300 MB on one line, and a folder of 300 MB for a concordance of every word.
#[test]
#[ignore]
fn full_size_entities_of_a_300_mb_line() {
    let dir = beside("huge.txt", one_line(300 << 20).as_bytes());
    let w = watched(
        &["entities", s(dir.path()), "--jsonl"],
        Duration::from_secs(60),
        CEILING_KB,
    );
    assert!(w.status.success(), "{}", w.stderr);
    eprintln!("entities on 300 MB: peak {} MB", w.peak_kb >> 10);
}

#[test]
#[ignore]
fn full_size_concordance_of_300_mb() {
    let dir = crate::folder();
    let part = one_line(10 << 20);
    for i in 0..30 {
        std::fs::write(dir.path().join(format!("part{i}.txt")), &part).expect("write");
    }
    let w = watched(
        &["kwic", s(dir.path()), "*", "--json"],
        Duration::from_secs(120),
        CEILING_KB,
    );
    assert!(w.status.success(), "{}", w.stderr);
    eprintln!(
        "kwic on 300 MB: peak {} MB, {} MB written",
        w.peak_kb >> 10,
        w.out_len >> 20
    );
}
