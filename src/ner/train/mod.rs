//! Training and scoring on annotated folders: one NAME.json per document holding its text and
//! entities as character offsets with types PER, ORG, LOC, MISC (the layout of CoNLL-2003
//! converted to running text); and learning the word clusters ([`clusters`]).
//!
//! Built only with the `train` feature: the app ships the trained weights and table.

pub mod clusters;

use crate::ner::features::{Scratch, TokInfo, analyse, set_aggregate, static_features};
use crate::ner::gazetteer::Gazetteer;
use crate::ner::model::{Decoder, Model, NL, Scope, Trainer, best_label, decode};
use crate::ner::tagger::Tagger;
use crate::ner::tokens::{Tok, tokenize};
use crate::ner::{EntityType, Mention, Recognizer};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::path::Path;

/// An annotated document.
pub struct GoldDoc {
    /// File stem.
    pub name: String,
    /// The text.
    pub text: String,
    /// Entities as byte ranges.
    pub spans: Vec<Mention>,
}

#[derive(Deserialize)]
struct RawDoc {
    text: String,
    entities: Vec<RawEntity>,
}

#[derive(Deserialize)]
struct RawEntity {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: String,
}

/// Reads every NAME.json of a folder, sorted by name.
pub fn load_gold(dir: &Path) -> anyhow::Result<Vec<GoldDoc>> {
    let mut names: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    names
        .par_iter()
        .map(|p| {
            let raw: RawDoc = serde_json::from_str(&std::fs::read_to_string(p)?)?;
            let mut byte_of: Vec<usize> = raw.text.char_indices().map(|(b, _)| b).collect();
            byte_of.push(raw.text.len());
            let spans = raw
                .entities
                .iter()
                .filter_map(|e| {
                    Some(Mention {
                        start: *byte_of.get(e.start)?,
                        end: *byte_of.get(e.end)?,
                        kind: EntityType::parse(&e.kind)?,
                    })
                })
                .collect();
            let name = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok(GoldDoc {
                name,
                text: raw.text,
                spans,
            })
        })
        .collect()
}

/// Precision, recall and F1 counts per type.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scores {
    /// True positives per type (person, org, place, misc).
    pub tp: [u32; 4],
    /// False positives per type.
    pub fp: [u32; 4],
    /// False negatives per type.
    pub fn_: [u32; 4],
}

fn prf(tp: u32, fp: u32, fn_: u32) -> (f64, f64, f64) {
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

impl Scores {
    /// Adds one document: exact span and type.
    pub fn add(&mut self, gold: &[Mention], pred: &[Mention]) {
        for p in pred {
            let k = p.kind as usize;
            if gold.contains(p) {
                self.tp[k] += 1;
            } else {
                self.fp[k] += 1;
            }
        }
        for g in gold {
            if !pred.contains(g) {
                self.fn_[g.kind as usize] += 1;
            }
        }
    }

    /// Precision, recall and F1 of one type.
    pub fn of(&self, k: EntityType) -> (f64, f64, f64) {
        let k = k as usize;
        prf(self.tp[k], self.fp[k], self.fn_[k])
    }

    /// Micro precision, recall and F1 over person, organisation and place (MISC left out).
    pub fn main3(&self) -> (f64, f64, f64) {
        let s = |a: &[u32; 4]| a[..3].iter().sum::<u32>();
        prf(s(&self.tp), s(&self.fp), s(&self.fn_))
    }

    /// A short report, one line per type and the overall line last.
    pub fn report(&self) -> String {
        let mut s = String::new();
        for k in EntityType::ALL {
            let (p, r, f) = self.of(k);
            s.push_str(&format!("{:<7} P {p:.3} R {r:.3} F1 {f:.3}\n", k.label()));
        }
        let (p, r, f) = self.main3();
        s.push_str(&format!("PER/ORG/LOC F1 {f:.3} P {p:.3} R {r:.3}"));
        s
    }
}

/// Scores a recognizer on annotated documents.
pub fn evaluate(rec: &Recognizer, docs: &[GoldDoc]) -> Scores {
    docs.par_iter()
        .map(|d| {
            let mut s = Scores::default();
            s.add(&d.spans, &rec.recognize(&d.text));
            s
        })
        .reduce(Scores::default, |mut a, b| {
            for k in 0..4 {
                a.tp[k] += b.tp[k];
                a.fp[k] += b.fp[k];
                a.fn_[k] += b.fn_[k];
            }
            a
        })
}

/// A training document ready for the tagger.
struct Prepared {
    info: Vec<TokInfo>,
    gold: Vec<u8>,
}

fn prepare(d: &GoldDoc, gaz: &Gazetteer) -> (Prepared, usize) {
    let mut toks: Vec<Tok> = Vec::new();
    tokenize(&d.text, &mut toks);
    let mut info = Vec::new();
    analyse(&d.text, &toks, gaz, &mut Scratch::for_training(), &mut info);
    let mut gold = vec![0u8; toks.len()];
    let mut misaligned = 0;
    for m in &d.spans {
        let inside: Vec<usize> = (0..toks.len())
            .filter(|&i| toks[i].start as usize >= m.start && toks[i].end as usize <= m.end)
            .collect();
        let aligned = inside
            .first()
            .is_some_and(|&i| toks[i].start as usize == m.start)
            && inside
                .last()
                .is_some_and(|&i| toks[i].end as usize == m.end);
        if !aligned {
            misaligned += 1;
        }
        let last = inside.len().saturating_sub(1);
        for (n, &i) in inside.iter().enumerate() {
            let part = match (n == 0, n == last) {
                (true, true) => 3,
                (true, false) => 0,
                (false, false) => 1,
                (false, true) => 2,
            };
            gold[i] = 1 + 4 * m.kind as u8 + part;
        }
    }
    (Prepared { info, gold }, misaligned)
}

/// Options of [`train`].
pub struct TrainOptions {
    /// Passes over the training documents.
    pub epochs: usize,
    /// log2 of the number of weight rows.
    pub bits: u32,
    /// Seed of the document shuffle.
    pub seed: u64,
    /// Folds for the second pass's training predictions (below 2: no second pass).
    pub folds: usize,
    /// Percentage of training tokens seen without their word-identity features.
    pub dropout: u64,
}

fn train_pass(
    prepared: &[&Prepared],
    opt: &TrainOptions,
    mut progress: impl FnMut(usize, &Model),
) -> Model {
    let mut tr = Trainer::new(opt.bits);
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut rng = opt.seed | 1;
    let mut dec = Decoder::default();
    let mut kept: Vec<u64> = Vec::new();
    for epoch in 1..=opt.epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &d in &order {
            let p = prepared[d];
            decode(
                &p.info,
                &mut dec,
                Scope::Trained,
                |i, b| static_features(&p.info, i, b),
                |_| true,
                |i, feats, prev, punct| {
                    // Word-identity dropout: now and then the tagger must do without the
                    // word itself (its form and lowercase) and learn from its context.
                    rng ^= rng << 13;
                    rng ^= rng >> 7;
                    rng ^= rng << 17;
                    let drop = opt.dropout > 0 && rng % 100 < opt.dropout;
                    kept.clear();
                    kept.extend(
                        feats
                            .iter()
                            .enumerate()
                            .filter(|&(k, _)| !(drop && (k == 1 || k == 2)))
                            .map(|(_, &f)| f),
                    );
                    let feats = kept.as_slice();
                    let mut s = [0f32; NL];
                    tr.model.score(feats, &mut s);
                    let pred = best_label(&s, prev, punct);
                    let gold = p.gold[i];
                    if pred != gold {
                        tr.update(feats, gold, pred);
                    }
                    tr.tick();
                    pred
                },
            );
        }
        progress(epoch, &tr.averaged());
    }
    tr.averaged()
}

/// Trains both passes. The second pass learns from first-pass predictions made by models
/// that did not see the document (`folds`-fold jackknife), as at run time. After each epoch
/// of the second pass, `progress` gets the epoch and the tagger so far.
pub fn train(
    docs: &[GoldDoc],
    opt: &TrainOptions,
    mut progress: impl FnMut(usize, &Tagger),
) -> Tagger {
    let gaz = Gazetteer::builtin();
    let mut prepared: Vec<Prepared> = Vec::new();
    let mut misaligned = 0;
    for (p, m) in docs
        .par_iter()
        .map(|d| prepare(d, &gaz))
        .collect::<Vec<_>>()
    {
        prepared.push(p);
        misaligned += m;
    }
    if misaligned > 0 {
        eprintln!("note: {misaligned} gold entities do not fall on token boundaries");
    }
    let all: Vec<&Prepared> = prepared.iter().collect();
    let first = train_pass(&all, opt, |_, _| {});
    if opt.folds < 2 {
        let t = Tagger::new(first, None);
        progress(opt.epochs, &t);
        return t;
    }
    let k = opt.folds;
    let fold_models: Vec<Model> = (0..k)
        .into_par_iter()
        .map(|f| {
            let rest: Vec<&Prepared> = prepared
                .iter()
                .enumerate()
                .filter(|(i, _)| i % k != f)
                .map(|(_, p)| p)
                .collect();
            train_pass(&rest, opt, |_, _| {})
        })
        .collect();
    prepared.par_iter_mut().enumerate().for_each(|(i, p)| {
        let mut dec = Decoder::default();
        fold_models[i % k].tag(&p.info, &mut dec);
        set_aggregate(&mut p.info, &dec.labels, &mut FxHashMap::default());
    });
    drop(fold_models);
    let all: Vec<&Prepared> = prepared.iter().collect();
    let second = train_pass(&all, opt, |e, m| {
        progress(e, &Tagger::new(first.clone(), Some(m.clone())));
    });
    Tagger::new(first, Some(second))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(start: usize, end: usize, kind: EntityType) -> Mention {
        Mention { start, end, kind }
    }

    #[test]
    fn scores_count_exact_spans_and_types() {
        let gold = [
            m(0, 5, EntityType::Person),
            m(10, 15, EntityType::Place),
            m(20, 25, EntityType::Misc),
        ];
        let pred = [
            m(0, 5, EntityType::Person),
            // Right span, wrong type: a false positive and a false negative.
            m(10, 15, EntityType::Org),
            m(30, 35, EntityType::Misc),
        ];
        let mut s = Scores::default();
        s.add(&gold, &pred);
        assert_eq!(s.tp, [1, 0, 0, 0]);
        assert_eq!(s.fp, [0, 1, 0, 1]);
        assert_eq!(s.fn_, [0, 0, 1, 1]);
        assert_eq!(s.of(EntityType::Person), (1.0, 1.0, 1.0));
        // MISC is left out of the main score: 1 of 2 predicted, 1 of 2 gold.
        let (p, r, f) = s.main3();
        assert!((p - 0.5).abs() < 1e-9 && (r - 0.5).abs() < 1e-9 && (f - 0.5).abs() < 1e-9);
        assert!(s.report().ends_with("PER/ORG/LOC F1 0.500 P 0.500 R 0.500"));
    }

    #[test]
    fn gold_offsets_in_characters_become_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let doc = r#"{"text": "Café owners met Zoë Ball in Zürich.",
            "entities": [{"start": 16, "end": 24, "type": "PER"},
                         {"start": 28, "end": 34, "type": "LOC"},
                         {"start": 0, "end": 4, "type": "DATE"}]}"#;
        std::fs::write(dir.path().join("b.json"), doc).unwrap();
        std::fs::write(dir.path().join("a.json"), r#"{"text": "", "entities": []}"#).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not a document").unwrap();
        let docs = load_gold(dir.path()).unwrap();
        let names: Vec<&str> = docs.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        let d = &docs[1];
        let got: Vec<(&str, EntityType)> = d
            .spans
            .iter()
            .map(|s| (&d.text[s.start..s.end], s.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("Zoë Ball", EntityType::Person),
                ("Zürich", EntityType::Place)
            ]
        );
    }

    #[test]
    fn a_model_trained_on_a_few_sentences_tags_them() {
        let texts = [
            "Alice Morgan visited Paris on Monday.",
            "Acme Widgets hired Bob Carter in London.",
            "Bob Carter left Acme Widgets for Paris.",
            "In London, Alice Morgan met the press.",
        ];
        let docs: Vec<GoldDoc> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let spans = [
                    ("Alice Morgan", EntityType::Person),
                    ("Bob Carter", EntityType::Person),
                    ("Acme Widgets", EntityType::Org),
                    ("Paris", EntityType::Place),
                    ("London", EntityType::Place),
                ]
                .iter()
                .filter_map(|&(name, kind)| {
                    let s = t.find(name)?;
                    Some(m(s, s + name.len(), kind))
                })
                .collect::<Vec<_>>();
                let mut spans = spans;
                spans.sort_by_key(|s| s.start);
                GoldDoc {
                    name: format!("{i}"),
                    text: t.to_string(),
                    spans,
                }
            })
            .collect();
        let opt = TrainOptions {
            epochs: 4,
            bits: 12,
            seed: 0x5eed,
            folds: 2,
            dropout: 0,
        };
        let mut epochs = Vec::new();
        let tagger = train(&docs, &opt, |e, _| epochs.push(e));
        assert_eq!(epochs, [1, 2, 3, 4]);
        let scores = evaluate(&Recognizer::new(tagger), &docs);
        let (_, _, f) = scores.main3();
        assert!(f > 0.9, "{}", scores.report());
    }
}
