//! Measures `quarry::corpus::html::extract` against a readability-style test set.
//!
//! Usage: `cargo run --release --example html_eval -- /path/to/readability-pages [--verbose]`
//!
//! Each sub-folder holds `source.html`, `expected.html` (the article as HTML) and
//! `expected-metadata.json`. For every page the extracted body text is compared with
//! the visible text of `expected.html` as bags of lowercase word tokens.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use quarry::corpus::html::{BLOCKS, extract};
use scraper::{ElementRef, Html};

/// Appends the visible text under `el`, with line breaks at block boundaries.
fn visible_text(el: ElementRef<'_>, out: &mut String) {
    for child in el.children() {
        if let Some(text) = child.value().as_text() {
            out.push_str(text);
        } else if let Some(child) = ElementRef::wrap(child) {
            let name = child.value().name();
            if matches!(name, "script" | "style" | "noscript" | "template") {
                continue;
            }
            let block = BLOCKS.contains(&name);
            if block {
                out.push('\n');
            }
            visible_text(child, out);
            if block {
                out.push('\n');
            }
        }
    }
}

fn expected_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = String::new();
    visible_text(doc.root_element(), &mut out);
    out
}

fn tokens(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            *bag.entry(std::mem::take(&mut word)).or_insert(0) += 1;
        }
    }
    if !word.is_empty() {
        *bag.entry(word).or_insert(0) += 1;
    }
    bag
}

/// Precision, recall and F1 of `got` against `want` as token bags.
fn prf(got: &HashMap<String, usize>, want: &HashMap<String, usize>) -> (f64, f64, f64) {
    let n_got: usize = got.values().sum();
    let n_want: usize = want.values().sum();
    if n_got == 0 && n_want == 0 {
        return (1.0, 1.0, 1.0);
    }
    let common: usize = got
        .iter()
        .map(|(k, v)| (*v).min(want.get(k).copied().unwrap_or(0)))
        .sum();
    let p = if n_got == 0 {
        0.0
    } else {
        common as f64 / n_got as f64
    };
    let r = if n_want == 0 {
        0.0
    } else {
        common as f64 / n_want as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn json_str(meta: &serde_json::Value, key: &str) -> Option<String> {
    meta.get(key)
        .and_then(|v| v.as_str())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

struct PageScore {
    name: String,
    p: f64,
    r: f64,
    f: f64,
    title_ok: Option<bool>,
    byline_found: Option<bool>,
    byline_match: Option<bool>,
    date_found: Option<bool>,
    elapsed: Duration,
}

fn score_page(dir: &Path) -> std::io::Result<PageScore> {
    let source = String::from_utf8_lossy(&std::fs::read(dir.join("source.html"))?).into_owned();
    let expected = String::from_utf8_lossy(&std::fs::read(dir.join("expected.html"))?).into_owned();
    let meta: serde_json::Value = std::fs::read(dir.join("expected-metadata.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or(serde_json::Value::Null);

    let start = Instant::now();
    let article = extract(&source);
    let elapsed = start.elapsed();

    let (p, r, f) = prf(&tokens(&article.text), &tokens(&expected_text(&expected)));
    let title_ok = json_str(&meta, "title")
        .map(|want| article.title.as_deref().map(str::trim) == Some(want.as_str()));
    let byline_found = json_str(&meta, "byline").map(|_| !article.authors.is_empty());
    let letters = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let byline_match = json_str(&meta, "byline").map(|want| {
        article
            .authors
            .first()
            .is_some_and(|got| letters(&want).contains(&letters(got)))
    });
    let date_found = json_str(&meta, "publishedTime").map(|_| article.date.is_some());
    Ok(PageScore {
        name: dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        p,
        r,
        f,
        title_ok,
        byline_found,
        byline_match,
        date_found,
        elapsed,
    })
}

fn rate(flags: impl Iterator<Item = Option<bool>>) -> (usize, usize) {
    flags
        .flatten()
        .fold((0, 0), |(hit, n), ok| (hit + usize::from(ok), n + 1))
}

fn pct((hit, n): (usize, usize)) -> String {
    if n == 0 {
        "n/a".to_string()
    } else {
        format!("{:.1}% ({hit}/{n})", 100.0 * hit as f64 / n as f64)
    }
}

fn main() {
    let mut root: Option<PathBuf> = None;
    let mut verbose = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--verbose" | "-v" => verbose = true,
            _ => root = Some(PathBuf::from(arg)),
        }
    }
    let Some(root) = root else {
        eprintln!("usage: html_eval /path/to/readability-pages [--verbose]");
        std::process::exit(2);
    };
    let mut dirs: Vec<PathBuf> = match std::fs::read_dir(&root) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.join("source.html").is_file() && p.join("expected.html").is_file())
            .collect(),
        Err(err) => {
            eprintln!("cannot read {}: {err}", root.display());
            std::process::exit(1);
        }
    };
    dirs.sort();

    let mut scores = Vec::new();
    for dir in &dirs {
        match score_page(dir) {
            Ok(s) => {
                if verbose {
                    println!(
                        "{:<45} P {:.3}  R {:.3}  F1 {:.3}  title {}  byline {}  {:>6.1} ms",
                        s.name,
                        s.p,
                        s.r,
                        s.f,
                        match s.title_ok {
                            Some(true) => "ok ",
                            Some(false) => "BAD",
                            None => "-  ",
                        },
                        match s.byline_found {
                            Some(true) => "ok ",
                            Some(false) => "MISS",
                            None => "-  ",
                        },
                        s.elapsed.as_secs_f64() * 1000.0
                    );
                }
                scores.push(s);
            }
            Err(err) => eprintln!("{}: {err}", dir.display()),
        }
    }
    if scores.is_empty() {
        println!("no pages found under {}", root.display());
        return;
    }
    let n = scores.len() as f64;
    let mean = |f: fn(&PageScore) -> f64| scores.iter().map(f).sum::<f64>() / n;
    let mut f1s: Vec<f64> = scores.iter().map(|s| s.f).collect();
    f1s.sort_by(f64::total_cmp);
    let median = if f1s.len() % 2 == 1 {
        f1s[f1s.len() / 2]
    } else {
        (f1s[f1s.len() / 2 - 1] + f1s[f1s.len() / 2]) / 2.0
    };
    let total: Duration = scores.iter().map(|s| s.elapsed).sum();
    println!("pages          {}", scores.len());
    println!("mean P         {:.3}", mean(|s| s.p));
    println!("mean R         {:.3}", mean(|s| s.r));
    println!("mean F1        {:.3}", mean(|s| s.f));
    println!("median F1      {median:.3}");
    println!(
        "title match    {}",
        pct(rate(scores.iter().map(|s| s.title_ok)))
    );
    println!(
        "byline found   {}",
        pct(rate(scores.iter().map(|s| s.byline_found)))
    );
    println!(
        "byline match   {} (first author found inside the expected byline)",
        pct(rate(scores.iter().map(|s| s.byline_match)))
    );
    println!(
        "date found     {}",
        pct(rate(scores.iter().map(|s| s.date_found)))
    );
    println!(
        "total ms       {:.0} ({:.1} ms/page)",
        total.as_secs_f64() * 1000.0,
        total.as_secs_f64() * 1000.0 / n
    );
}
