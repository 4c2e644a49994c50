//! Input read wrongly: lone surrogate escapes in JSON, declared charsets, UTF-32, binary
//! files under a text extension, and titles a million characters long.

use crate::{folder, json, problems_of, run, s, stats, text};
use std::fmt::Write as _;

#[test]
fn one_lone_surrogate_keeps_the_other_articles_of_a_json_file() {
    let dir = folder();
    let mut body = String::from("[");
    for i in 0..10_000 {
        if i > 0 {
            body.push(',');
        }
        // Article 5,000 ends in half an emoji, as a cut export leaves it.
        let tail = if i == 4_999 { "\\ud83d" } else { "" };
        let _ = write!(
            body,
            r#"{{"title":"Story {i}","body":"Markets moved on day {i}.{tail}"}}"#
        );
    }
    body.push(']');
    std::fs::write(dir.path().join("many.json"), body).expect("write");
    std::fs::write(
        dir.path().join("lines.jsonl"),
        "{\"body\":\"First line \\udc00 here.\"}\n{\"body\":\"Second \\ud83d\\ude00 ok.\"}\n",
    )
    .expect("write");
    let v = stats(dir.path());
    assert_eq!(v["documents"], 1 + 10_000 + 2, "{v}");
    for name in ["many.json", "lines.jsonl"] {
        let p = problems_of(&v, name);
        assert!(
            p.len() == 1 && p[0].contains("encoding") && p[0].contains("replaced with �"),
            "{name}: {p:?}"
        );
    }
    let out = run(&["text", s(&dir.path().join("lines.jsonl"))]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(
        t.contains("First line \u{fffd} here.") && t.contains("😀"),
        "{t}"
    );
    let _ = json;
}

#[test]
fn a_declared_shift_jis_page_is_read_in_shift_jis() {
    let dir = folder();
    let body = "東京の株式市場は、月曜日に上昇した。投資家は、新しい予算に期待している。日本銀行は、金利を据え置いた。";
    let page = |head: &str| {
        let html = format!(
            "<html><head>{head}<title>市場</title></head><body><p>{body}</p></body></html>"
        );
        encoding_rs::SHIFT_JIS.encode(&html).0.into_owned()
    };
    std::fs::write(dir.path().join("a.html"), page("<meta charset=shift_jis>")).expect("write");
    std::fs::write(
        dir.path().join("b.html"),
        page(r#"<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">"#),
    )
    .expect("write");
    for name in ["a.html", "b.html"] {
        let out = run(&["text", s(&dir.path().join(name)), "--json"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let v = json(&out);
        let d = &v[0];
        assert_eq!(d["encoding"], "Shift_JIS", "{name}: {v}");
        assert!(
            d["text"].as_str().is_some_and(|t| t.contains(body)),
            "{name}: {v}"
        );
        assert_eq!(d["title"], "市場", "{name}");
    }
    let v = stats(dir.path());
    assert!(problems_of(&v, "a.html").is_empty(), "{v}");
}

#[test]
fn utf32_files_with_a_bom_are_read_in_both_byte_orders() {
    let dir = folder();
    let body = "Trade talks resumed in Genève on Monday 😀.\n";
    let mut le = vec![0xFF, 0xFE, 0, 0];
    let mut be = vec![0, 0, 0xFE, 0xFF];
    for c in body.chars() {
        le.extend((c as u32).to_le_bytes());
        be.extend((c as u32).to_be_bytes());
    }
    std::fs::write(dir.path().join("le.txt"), le).expect("write");
    std::fs::write(dir.path().join("be.txt"), be).expect("write");
    for (name, enc) in [("le.txt", "UTF-32LE"), ("be.txt", "UTF-32BE")] {
        let out = run(&["text", s(&dir.path().join(name)), "--json"]);
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        let v = json(&out);
        assert_eq!(v[0]["text"], body, "{name}");
        assert_eq!(v[0]["encoding"], enc, "{name}");
    }
    assert_eq!(stats(dir.path())["documents"], 3);
}

#[test]
fn binary_files_are_listed_whatever_their_name() {
    let dir = folder();
    let files: &[(&str, &[u8], &str)] = &[
        (
            "report.html",
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >>\nendobj\n",
            "PDF",
        ),
        ("notes.txt", b"%PDF-1.7\nplain looking text\n", "PDF"),
        ("bundle.json", b"PK\x03\x04\x14\x00\x08\x08", "ZIP"),
        ("feed.jsonl", b"\x1f\x8b\x08\x00\x12\x34", "gzip"),
        ("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        ("scan", b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        ("anim.htm", b"GIF89a\x01\x00\x01\x00", "GIF"),
    ];
    for (name, bytes, _) in files {
        std::fs::write(dir.path().join(name), bytes).expect("write");
    }
    let v = stats(dir.path());
    assert_eq!(v["documents"], 1, "{v}");
    for (name, _, kind) in files {
        let p = problems_of(&v, name);
        assert!(p.len() == 1 && p[0].contains(kind), "{name}: {p:?}");
    }
    let out = run(&["text", s(&dir.path().join("report.html"))]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
}

/// A million characters of one word run, as a scraped field can hold.
fn huge() -> String {
    "Headline ".repeat(111_112)
}

#[test]
fn titles_a_million_characters_long_are_cut_in_every_format() {
    let dir = folder();
    let t = huge();
    let body = "Ministers met in Geneva on Monday. The talks went on late into the night.";
    std::fs::write(
        dir.path().join("front.md"),
        format!("---\ntitle: {t}\n---\n{body}\n"),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("item.json"),
        serde_json::json!({"title": t, "body": body, "source": t, "url": t}).to_string(),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("page.html"),
        format!("<html><head><title>{t}</title></head><body><p>{body}</p></body></html>"),
    )
    .expect("write");
    std::fs::write(dir.path().join("first.txt"), format!("{t}\n\n{body}\n")).expect("write");
    for name in ["front.md", "item.json", "page.html", "first.txt"] {
        let out = run(&["text", s(&dir.path().join(name)), "--json"]);
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        let v = json(&out);
        let d = &v[0];
        let title = d["title"].as_str().unwrap_or_default();
        assert!(
            title.starts_with("Headline Headline") && title.chars().count() <= 301,
            "{name}: {} chars",
            title.chars().count()
        );
        for field in ["source", "url", "dateline"] {
            let n = d[field].as_str().map_or(0, |s| s.chars().count());
            assert!(n <= 2049, "{name} {field}: {n} chars");
        }
        assert!(
            d["text"].as_str().is_some_and(|x| x.contains(body)),
            "{name}"
        );
    }
}
