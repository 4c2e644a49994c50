//! Entity recognition quality on the CoNLL-2003 development set, when the shared data sits
//! next to the repository (`../shared/ner/conll2003/dev`); skipped otherwise.
//!
//! The score is computed here: exact span and type, micro-averaged over PERSON, ORG and PLACE
//! (MISC left out, as in the usual comparisons); the test fails if it drops below the figure
//! the built-in model reached, minus 0.01.

use quarry::ner::{EntityType, Recognizer};
use std::path::Path;

/// Dev F1 (PER/ORG/LOC) of the shipped model.
const REACHED: f64 = 0.927;

/// A gold mention: byte range and type.
type Span = (usize, usize, EntityType);

fn gold(path: &Path) -> Option<(String, Vec<Span>)> {
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    let text = v["text"].as_str()?.to_string();
    let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_of.push(text.len());
    let spans = v["entities"]
        .as_array()?
        .iter()
        .filter_map(|e| {
            let kind = match e["type"].as_str()? {
                "PER" => EntityType::Person,
                "ORG" => EntityType::Org,
                "LOC" => EntityType::Place,
                _ => return None,
            };
            let s = *byte_of.get(e["start"].as_u64()? as usize)?;
            let t = *byte_of.get(e["end"].as_u64()? as usize)?;
            Some((s, t, kind))
        })
        .collect();
    Some((text, spans))
}

/// Precision, recall and F1 of the built-in recognizer over documents with gold mentions.
fn score(docs: &[(String, Vec<Span>)]) -> (f64, f64, f64) {
    let rec = Recognizer::english();
    let (mut tp, mut fp, mut fn_) = (0u32, 0u32, 0u32);
    for (text, want) in docs {
        let got: Vec<Span> = rec
            .recognize(text)
            .iter()
            .filter(|m| m.kind != EntityType::Misc)
            .map(|m| (m.start, m.end, m.kind))
            .collect();
        tp += got.iter().filter(|g| want.contains(g)).count() as u32;
        fp += got.iter().filter(|g| !want.contains(g)).count() as u32;
        fn_ += want.iter().filter(|w| !got.contains(w)).count() as u32;
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f1)
}

#[test]
fn conll_dev_f1_holds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/ner/conll2003/dev");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "note: {} not found; skipping the CoNLL dev check",
            dir.display()
        );
        return;
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let docs: Vec<_> = files
        .iter()
        .map(|f| gold(f).expect("readable gold file"))
        .collect();
    let (p, r, f1) = score(&docs);
    eprintln!(
        "CoNLL dev ({} documents): P {p:.4} R {r:.4} F1 {f1:.4}",
        files.len()
    );
    assert!(files.len() > 100, "expected the whole dev set");
    assert!(
        f1 >= REACHED - 0.01,
        "F1 {f1:.4} fell below {:.3}",
        REACHED - 0.01
    );
}

/// BTC F1 (PER/ORG/LOC) of the shipped model on the held-out split.
const BTC_REACHED: f64 = 0.340;

/// The tweets of a Broad Twitter Corpus section (CoNLL columns: token, tab, BIO tag), each
/// written as its tokens joined by spaces, with its gold mentions.
fn btc_section(path: &Path) -> Option<Vec<(String, Vec<Span>)>> {
    let raw = std::fs::read_to_string(path).ok()?;
    let mut docs = Vec::new();
    for tweet in raw.split("\n\n") {
        let (mut text, mut spans) = (String::new(), Vec::<Span>::new());
        let mut open: Option<Span> = None;
        for line in tweet.lines().filter(|l| !l.trim().is_empty()) {
            let (tok, tag) = line.rsplit_once(['\t', ' '])?;
            if !text.is_empty() {
                text.push(' ');
            }
            let (s, e) = (text.len(), text.len() + tok.len());
            text.push_str(tok);
            let kind = match tag.get(2..) {
                Some("PER") => Some(EntityType::Person),
                Some("ORG") => Some(EntityType::Org),
                Some("LOC") => Some(EntityType::Place),
                _ => None,
            };
            match (tag.as_bytes().first(), kind, open.as_mut()) {
                (Some(b'I'), Some(k), Some(o)) if o.2 == k => o.1 = e,
                (Some(b'B' | b'I'), Some(k), _) => {
                    spans.extend(open.take());
                    open = Some((s, e, k));
                }
                _ => spans.extend(open.take()),
            }
        }
        spans.extend(open);
        if !text.is_empty() {
            docs.push((text, spans));
        }
    }
    Some(docs)
}

/// Held out from any training: section F (the corpus authors' test section) and the second
/// half of section G (mainstream news accounts, 2011–14).
#[test]
fn btc_held_out_f1_holds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/ner/btc");
    let (Some(f), Some(g)) = (
        btc_section(&dir.join("f.conll")),
        btc_section(&dir.join("g.conll")),
    ) else {
        eprintln!("note: {} not found; skipping the BTC check", dir.display());
        return;
    };
    let mut docs = f;
    docs.extend(g.iter().skip(g.len() / 2).cloned());
    let (p, r, f1) = score(&docs);
    eprintln!(
        "BTC held out ({} tweets): P {p:.4} R {r:.4} F1 {f1:.4}",
        docs.len()
    );
    assert!(docs.len() > 2500, "expected sections F and G");
    assert!(
        f1 >= BTC_REACHED - 0.01,
        "F1 {f1:.4} fell below {:.3}",
        BTC_REACHED - 0.01
    );
}

#[test]
fn reuter_signature_is_not_a_person() {
    let text = "Acme Corp said on Tuesday it would buy Widget Inc of Chicago for 12 mln dlrs.\n \
                The company gave no further details.\n REUTER";
    let found = Recognizer::english().recognize(text);
    assert!(
        found
            .iter()
            .all(|m| !text[m.start..m.end].contains("REUTER")),
        "{:?}",
        found
            .iter()
            .map(|m| (m.kind, &text[m.start..m.end]))
            .collect::<Vec<_>>()
    );
    assert!(found.iter().any(|m| &text[m.start..m.end] == "Chicago"));
}

#[test]
fn reuter_signature_after_a_table_row_is_not_a_person() {
    for text in [
        "Net profit 12.5 mln vs 10.1 mln, total 55.8 (33.7).        REUTER",
        "The terms have not yet been settled.\n   \nREUTER...^M",
    ] {
        let found = Recognizer::english().recognize(text);
        assert!(found.iter().all(|m| &text[m.start..m.end] != "REUTER"));
    }
}
