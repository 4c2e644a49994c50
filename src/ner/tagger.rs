//! The two-pass tagger: a first pass over the text, then a second that also sees how the first
//! tagged each word across the whole document; both passes' weights in one file.

use super::features::{Prepared, TokInfo, agg_features, set_aggregate};
use super::model::{Decoder, Model, Rows, Scope, decode, part_of, read_rows, type_of};
use rustc_hash::FxHashMap;

/// Two taggers: the first reads the text; the second also sees how the first tagged each
/// word across the whole document.
///
/// Loaded weights are laid out for decoding rather than training. After a closed mention (or
/// none) only outside, begin or unit may come; after an open one only inside or last of the
/// same type. So each feature has two 32-byte rows, one per case, each holding both passes'
/// eight candidate weights less outside's, so that outside always scores zero and need not be
/// stored. Both rows share one aligned cache line: a token reads one line per feature, whichever
/// the case, and the second pass finds it where the first brought it in.
#[derive(Clone)]
pub struct Tagger {
    /// The first pass.
    pub first: Model,
    /// The second pass, if trained.
    pub second: Option<Model>,
    /// Per feature row, the rows of both cases.
    lines: Vec<Line>,
}

/// Two passes' eight weights of one feature.
#[derive(Clone, Copy, Default)]
struct Row([i16; 16]);

/// A feature's rows, in one cache line.
#[derive(Clone, Copy, Default)]
#[repr(C, align(64))]
struct Line {
    /// For a token after no open mention: pass 1 then pass 2, each `[begin, unit]` of the four
    /// types, less outside.
    closed: Row,
    /// Inside an open mention: pass 1 then pass 2, each `[inside, last]` of the four types,
    /// less outside.
    open: Row,
}

const MAGIC2: &[u8; 6] = b"QNER2\n";

/// Buffers [`Tagger::tag`] reuses from one document to the next.
#[derive(Default)]
pub struct TagBuffers {
    /// The decoder's memory, with the labels chosen.
    pub dec: Decoder,
    /// Per word, how often the first pass gave it each class.
    pub counts: FxHashMap<u64, [u16; 5]>,
    /// Label-free features built once for both passes.
    pub prep: Prepared,
    /// Per token, the second pass's sums over its label-free features, taken by the first.
    second: Vec<[i32; 8]>,
    /// Per token, whether `second` holds its sums.
    summed: Vec<bool>,
}

/// Both passes' rows of the decoding layout. A pass whose differences from outside exceed
/// 16 bits has them scaled down to fit (only the order of a pass's scores matters).
fn split(passes: [&Rows; 2]) -> Vec<Line> {
    const MAX: i32 = i16::MAX as i32;
    let n = 1usize << passes[0].bits;
    let mut lines = vec![Line::default(); n];
    for (p, r) in passes.into_iter().enumerate() {
        // Rounded half away from zero (`as` truncates).
        let f = MAX as f64 / r.spread.max(MAX) as f64;
        let fit = |x: i32| {
            let y = x as f64 * f;
            (y + 0.5f64.copysign(y)) as i16
        };
        for (row, w) in &r.rows {
            let Some(Line { closed: c, open: o }) = lines.get_mut(*row as usize) else {
                continue;
            };
            for k in 0..4 {
                let less = |part: usize| fit(w[4 * k + 1 + part] as i32 - w[0] as i32);
                c.0[8 * p + 2 * k] = less(0);
                c.0[8 * p + 2 * k + 1] = less(3);
                o.0[8 * p + 2 * k] = less(1);
                o.0[8 * p + 2 * k + 1] = less(2);
            }
        }
    }
    lines
}

impl Tagger {
    /// A tagger of one or two passes, as trained.
    pub fn new(first: Model, second: Option<Model>) -> Tagger {
        Tagger {
            first,
            second,
            lines: Vec::new(),
        }
    }

    /// Row of feature `f`.
    #[inline]
    fn row(&self, f: u64) -> usize {
        f as usize & ((1usize << self.first.bits) - 1)
    }

    /// Chooses pass `pass`'s label for a token with features `feats` after label `prev`.
    #[inline]
    fn choose(&self, pass: usize, feats: &[u64], prev: u8, punct: bool) -> u8 {
        if part_of(prev) < 2 {
            return self.open_choice(pass, [feats, &[]], prev, punct);
        }
        if punct {
            return 0;
        }
        let mut acc = [0i32; 8];
        self.add_closed(&mut acc, 8 * pass, feats);
        best_closed(&acc)
    }

    /// In an open mention (`prev` begins or continues one): inside or last of its type, or
    /// (when neither beats it) outside; punctuation only inside. The features are the
    /// concatenation of `parts`.
    #[inline]
    fn open_choice(&self, pass: usize, parts: [&[u64]; 2], prev: u8, punct: bool) -> u8 {
        let inside = prev - part_of(prev) + 1;
        if punct {
            return inside;
        }
        let k = 8 * pass + 2 * type_of(prev).unwrap_or(0);
        let (mut i, mut l) = (0i32, 0i32);
        for &f in parts.into_iter().flatten() {
            if let Some(Line { open: o, .. }) = self.lines.get(self.row(f)) {
                i += o.0[k] as i32;
                l += o.0[k + 1] as i32;
            }
        }
        if l > i.max(0) {
            inside + 1
        } else if i > 0 {
            inside
        } else {
            0
        }
    }

    /// Adds lanes `lane..lane + 8` of the closed rows of `feats` to `acc`.
    #[inline]
    fn add_closed(&self, acc: &mut [i32; 8], lane: usize, feats: &[u64]) {
        for &f in feats {
            if let Some(Line { closed: c, .. }) = self.lines.get(self.row(f)) {
                for (s, &w) in acc.iter_mut().zip(&c.0[lane..lane + 8]) {
                    *s += w as i32;
                }
            }
        }
    }

    /// The first pass's label for a token after label `prev`, with features `feats` of which
    /// the first `shared` are label-free and the same in the second pass. After a closed
    /// label the same rows also hold the second pass's weights of those features: their sums
    /// go to `second`, so that the second pass need not read them again (true is returned).
    #[inline]
    fn choose_first(
        &self,
        feats: &[u64],
        shared: usize,
        prev: u8,
        punct: bool,
        second: &mut [i32; 8],
    ) -> (u8, bool) {
        if part_of(prev) < 2 || punct || shared == 0 {
            return (self.choose(0, feats, prev, punct), false);
        }
        let (own, rest) = feats.split_at(shared.min(feats.len()));
        let (mut first, mut then) = ([0i32; 8], [0i32; 8]);
        for &f in own {
            if let Some(Line { closed: c, .. }) = self.lines.get(self.row(f)) {
                let (a, b) = c.0.split_at(8);
                for (s, &w) in first.iter_mut().zip(a) {
                    *s += w as i32;
                }
                for (s, &w) in then.iter_mut().zip(b) {
                    *s += w as i32;
                }
            }
        }
        *second = then;
        self.add_closed(&mut first, 0, rest);
        (best_closed(&first), true)
    }

    /// Asks the processor to bring the closed rows of `feats` into the cache.
    #[inline]
    fn prefetch(&self, feats: &[u64]) {
        for &f in feats {
            prefetch_read(self.lines.as_ptr().wrapping_add(self.row(f)).cast());
        }
    }

    /// Tags a document; `info` gets the first pass's aggregate when there is a second pass.
    /// The label-free features of both passes are built once, in `prep`; where the first
    /// pass reads their rows after a closed label, it sums the second pass's weights too.
    pub fn tag(&self, info: &mut [TokInfo], w: &mut TagBuffers) {
        let TagBuffers {
            dec,
            counts,
            prep,
            second,
            summed,
        } = w;
        if self.lines.is_empty() {
            self.first.tag(info, dec);
            if let Some(m) = &self.second {
                set_aggregate(info, &dec.labels, counts);
                m.tag(info, dec);
            }
            return;
        }
        prep.prepare(info);
        second.clear();
        second.resize(info.len(), [0; 8]);
        summed.clear();
        summed.resize(info.len(), false);
        let ahead = |i: usize| match prep.get(i) {
            Some(f) => {
                self.prefetch(f);
                true
            }
            None => false,
        };
        {
            let info = &*info;
            let features = |i: usize, b: &mut Vec<u64>| prep.extend(info, i, b);
            // The first pass's labels are only counted on capitalised words.
            decode(
                info,
                dec,
                Scope::Capitals,
                features,
                ahead,
                |i, feats, prev, punct| {
                    let shared = prep.get(i).map_or(0, <[u64]>::len);
                    let (label, done) =
                        self.choose_first(feats, shared, prev, punct, &mut second[i]);
                    summed[i] = done;
                    label
                },
            );
        }
        set_aggregate(info, &dec.labels, counts);
        let info = &*info;
        // A token the first pass summed needs only its other features, and rows only in an
        // open mention.
        let features = |i: usize, b: &mut Vec<u64>| {
            if !summed[i] {
                prep.extend(info, i, b);
            }
            agg_features(info, i, b);
        };
        let ahead = |i: usize| !summed[i] && ahead(i);
        decode(
            info,
            dec,
            Scope::Capitals,
            features,
            ahead,
            |i, feats, prev, punct| {
                if !summed[i] {
                    self.choose(1, feats, prev, punct)
                } else if part_of(prev) < 2 {
                    let shared = prep.get(i).unwrap_or_default();
                    self.open_choice(1, [shared, feats], prev, punct)
                } else if punct {
                    0
                } else {
                    let mut acc = second[i];
                    self.add_closed(&mut acc, 8, feats);
                    best_closed(&acc)
                }
            },
        );
    }

    /// [`Tagger::tag`] as two plain passes, each reading every row: what the summing must
    /// match.
    #[cfg(test)]
    fn tag_plain(&self, info: &mut [TokInfo], w: &mut TagBuffers) {
        let TagBuffers {
            dec, counts, prep, ..
        } = w;
        prep.prepare(info);
        for pass in 0..2 {
            if pass == 1 {
                set_aggregate(info, &dec.labels, counts);
            }
            let info = &*info;
            let features = |i: usize, b: &mut Vec<u64>| {
                prep.extend(info, i, b);
                if pass == 1 {
                    agg_features(info, i, b);
                }
            };
            decode(
                info,
                dec,
                Scope::Capitals,
                features,
                |_| false,
                |_, feats, prev, punct| self.choose(pass, feats, prev, punct),
            );
        }
    }

    /// Serialises both passes.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = MAGIC2.to_vec();
        for m in std::iter::once(&self.first).chain(&self.second) {
            let b = m.encode();
            out.extend_from_slice(&(b.len() as u32).to_le_bytes());
            out.extend_from_slice(&b);
        }
        out
    }

    /// Reads a file written by [`Tagger::encode`]. Two passes are laid out for decoding.
    pub fn decode(bytes: &[u8]) -> Result<Tagger, String> {
        let mut rest = bytes
            .strip_prefix(MAGIC2.as_slice())
            .ok_or("not a model file")?;
        let mut passes = Vec::new();
        while !rest.is_empty() {
            let n = rest
                .get(..4)
                .and_then(|s| <[u8; 4]>::try_from(s).ok())
                .map(u32::from_le_bytes)
                .ok_or("truncated")? as usize;
            let blob = rest.get(4..4 + n).ok_or("truncated")?;
            passes.push(read_rows(blob)?);
            rest = &rest[4 + n..];
        }
        match passes.as_slice() {
            [a, b] if a.bits == b.bits => Ok(Tagger {
                first: Model::shell(a.bits, a.scale),
                second: Some(Model::shell(b.bits, b.scale)),
                lines: split([a, b]),
            }),
            [a, rest @ ..] => Ok(Tagger::new(
                Model::from_rows(a),
                rest.first().map(Model::from_rows),
            )),
            [] => Err("empty model file".into()),
        }
    }
}

/// The best label after a closed one from its types' `[begin, unit]` scores (outside scores
/// zero; ties keep the earlier label, as in [`best_label`](super::model::best_label)).
#[inline]
fn best_closed(acc: &[i32; 8]) -> u8 {
    let (mut best, mut top) = (0u8, 0i32);
    for k in 0..4u8 {
        for (part, s) in [(0u8, acc[2 * k as usize]), (3, acc[2 * k as usize + 1])] {
            if s > top {
                (best, top) = (4 * k + 1 + part, s);
            }
        }
    }
    best
}

/// A cache hint for the line holding `p`.
#[inline(always)]
fn prefetch_read(p: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint: it reads nothing into the program and never faults,
    // whatever the address.
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::model::{NL, best_label};

    /// Pseudo-random numbers, the same on every run.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }
    }

    fn rows(rng: &mut Lcg, bits: u32, range: i64) -> Rows {
        let mut rows = Vec::new();
        let mut spread = 0;
        for r in 0..1u32 << bits {
            if rng.next().is_multiple_of(3) {
                continue;
            }
            let mut w = [0i16; NL];
            for x in &mut w {
                *x = (rng.next() as i64 % (2 * range + 1) - range) as i16;
            }
            for &x in &w[1..] {
                spread = spread.max((x as i32 - w[0] as i32).abs());
            }
            rows.push((r, w));
        }
        Rows {
            bits,
            scale: 0.5,
            rows,
            spread,
        }
    }

    /// The decoding layout chooses what the trained table's scores choose, for every
    /// previous label, with and without punctuation.
    #[test]
    fn decoding_layout_chooses_as_the_trained_table() {
        let mut rng = Lcg(7);
        let passes = [rows(&mut rng, 10, 3000), rows(&mut rng, 10, 3000)];
        let t = Tagger {
            first: Model::shell(10, 0.5),
            second: Some(Model::shell(10, 0.5)),
            lines: split([&passes[0], &passes[1]]),
        };
        let dense = passes.each_ref().map(Model::from_rows);
        let mut checked = 0;
        for _ in 0..2000 {
            let feats: Vec<u64> = (0..1 + rng.next() % 40).map(|_| rng.next()).collect();
            for (pass, m) in dense.iter().enumerate() {
                let mut s = [0f32; NL];
                m.score(&feats, &mut s);
                for prev in 0..NL as u8 {
                    for punct in [false, true] {
                        let want = best_label(&s, prev, punct);
                        assert_eq!(t.choose(pass, &feats, prev, punct), want, "{prev} {punct}");
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 2000 * 2 * NL * 2);
    }

    /// Summing the second pass's weights during the first changes no label: on every text of
    /// the bundled sample folder, the built-in model tags as with two plain passes.
    #[test]
    fn summing_both_passes_at_once_tags_as_two_plain_passes() {
        use crate::ner::features::{Scratch, analyse};
        use crate::ner::gazetteer::Gazetteer;
        use crate::ner::tokens::tokenize_document;
        let model = Tagger::decode(include_bytes!("../../assets/ner/model.bin")).unwrap();
        let gaz = Gazetteer::builtin();
        let mut texts = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from("sample_data")];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "txt") {
                    texts.push(String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned());
                }
            }
        }
        assert!(texts.len() >= 10, "{} texts", texts.len());
        let (mut toks, mut scratch, mut info) = (Vec::new(), Scratch::default(), Vec::new());
        let (mut a, mut b) = (TagBuffers::default(), TagBuffers::default());
        let mut named = 0;
        for text in &texts {
            tokenize_document(text, &mut toks);
            analyse(text, &toks, &gaz, &mut scratch, &mut info);
            let mut plain = info.clone();
            model.tag(&mut info, &mut a);
            model.tag_plain(&mut plain, &mut b);
            assert_eq!(a.dec.labels, b.dec.labels);
            named += a.dec.labels.iter().filter(|&&l| l != 0).count();
            // Some tokens had both passes summed at once.
            assert!(a.summed.iter().any(|&s| s));
        }
        assert!(named > 500, "{named} tokens in names");
    }

    /// Differences from outside that do not fit 16 bits are scaled down, keeping their order.
    #[test]
    fn wide_differences_are_scaled_to_fit() {
        let mut w = [0i16; NL];
        w[0] = -30000;
        w[1] = 30000;
        w[4] = 100;
        let r = Rows {
            bits: 10,
            scale: 1.0,
            rows: vec![(3, w)],
            spread: 60000,
        };
        let c = split([&r, &r])[3].closed.0;
        assert_eq!(c[0], i16::MAX);
        // Unit of the first type, then begin of the second (outside at the 30,000 below it).
        assert_eq!(c[1], (30100.0f64 * 32767.0 / 60000.0).round() as i16);
        assert_eq!(c[2], 16384);
        assert!(c[2] < c[1]);
    }
}
