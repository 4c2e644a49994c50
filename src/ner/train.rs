//! Training and scoring on annotated folders: one NAME.json per document holding its text and
//! entities as character offsets with types PER, ORG, LOC, MISC (the layout of CoNLL-2003
//! converted to running text).

use super::features::{Scratch, TokInfo, analyse, set_aggregate, static_features};
use super::gazetteer::Gazetteer;
use super::model::{Decoder, Model, NL, Scope, Trainer, best_label, decode};
use super::tagger::Tagger;
use super::tokens::{Tok, tokenize};
use super::{EntityType, Mention, Recognizer};
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
