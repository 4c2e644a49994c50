//! The tagger's weights: a flat table of hashed features × labels, greedy left-to-right
//! decoding, averaged-perceptron updates, and a compact file format.
//!
//! Labels are BILOU over four types: 0 = outside, then for type `k` (0 person, 1 organisation,
//! 2 place, 3 other) `4k + 1` begins a mention, `4k + 2` is inside one, `4k + 3` is its last
//! token and `4k + 4` a one-token mention. The file stores the weights
//! quantised to 16 bits, only the rows that are not all zero, as zigzag varints.

use super::features::{
    ALL_CAPS, History, INIT_CAP, PUNCT, TokInfo, UPPER, static_features, tag_features,
};

/// Number of labels.
pub const NL: usize = 17;

/// The type index (0–3) of a label, or `None` for outside.
#[inline]
pub fn type_of(label: u8) -> Option<usize> {
    (label > 0).then(|| (label as usize - 1) / 4)
}

/// Position of a label in its mention: 0 begin, 1 inside, 2 last, 3 unit (outside: 3).
#[inline]
pub fn part_of(label: u8) -> u8 {
    if label == 0 { 3 } else { (label - 1) % 4 }
}

/// True when a label may follow `prev`: an open mention (begin, inside) must continue with
/// inside or last of its type; otherwise outside, begin or unit.
#[inline]
pub fn allowed(prev: u8, label: u8) -> bool {
    let open = part_of(prev) < 2;
    if open {
        type_of(prev) == type_of(label) && (1..=2).contains(&part_of(label))
    } else {
        part_of(label) == 0 || part_of(label) == 3
    }
}

/// Bit `l` of entry `prev` is set when label `l` (not outside) may follow `prev`; the second
/// table is for punctuation, which may only sit inside a mention.
const AFTER: [[u32; NL]; 2] = {
    let mut t = [[0u32; NL]; 2];
    let mut prev = 0;
    while prev < NL {
        let open = prev > 0 && (prev - 1) % 4 < 2;
        let mut l = 1;
        while l < NL {
            let part = (l - 1) % 4;
            let ok = if open {
                (prev - 1) / 4 == (l - 1) / 4 && (part == 1 || part == 2)
            } else {
                part == 0 || part == 3
            };
            if ok {
                t[0][prev] |= 1 << l;
                if part == 1 {
                    t[1][prev] |= 1 << l;
                }
            }
            l += 1;
        }
        prev += 1;
    }
    t
};

/// The best label allowed after `prev`; punctuation may only sit inside a mention.
#[inline]
pub fn best_label(s: &[f32; NL], prev: u8, punct: bool) -> u8 {
    let mut best = if punct && part_of(prev) < 2 {
        prev - part_of(prev) + 1
    } else {
        0
    };
    let mut m = AFTER[punct as usize][(prev as usize).min(NL - 1)];
    while m != 0 {
        let l = m.trailing_zeros() as u8;
        m &= m - 1;
        if s[l as usize] > s[best as usize] {
            best = l;
        }
    }
    best
}

/// A decoder's working memory, reused from one document to the next.
#[derive(Default)]
pub struct Decoder {
    /// One token's features.
    pub buf: Vec<u64>,
    /// Types already given to each word.
    pub hist: History,
    /// The labels chosen, one per token.
    pub labels: Vec<u8>,
}

/// Which tokens [`decode`] scores; the others are outside.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Scope {
    /// Tokens with a capital letter at or next to them, and tokens inside a mention: what
    /// training scores.
    Trained,
    /// Of those, only tokens with a capital, and tokens inside a mention with a capital
    /// within two; never punctuation outside a mention. What tagging scores: a name starts
    /// with a capital (or a mention is open), and the tokens this leaves out rarely start one.
    Capitals,
}

/// Walks a document left to right: for each token, builds its features (static ones, then
/// those of the two previous labels and the document's history) and lets `decide` choose its
/// label from the features, the previous label and whether the token is punctuation.
///
/// A token with no capital letter, between two others without one, outside any mention, is
/// outside without being scored: names need capitals nearby, and most text has none. That is
/// [`Scope::Trained`]. [`Scope::Capitals`] also passes over a token without a capital after a
/// closed label, and a token with no capital within two even in an open mention. That only
/// changes what the tagger would choose in rare cases, but it would change what it learns,
/// so training keeps to the first.
///
/// `features` writes a token's label-free features into the (empty) buffer; `ahead` hears of
/// the next token one step early, so that weights it is sure to need can be fetched from
/// memory while the current token is scored; it says whether it fetched anything, and if not
/// hears of the token after (up to seven ahead).
pub fn decode(
    info: &[TokInfo],
    d: &mut Decoder,
    scope: Scope,
    mut features: impl FnMut(usize, &mut Vec<u64>),
    mut ahead: impl FnMut(usize) -> bool,
    mut decide: impl FnMut(usize, &[u64], u8, bool) -> u8,
) {
    let up = |j: usize| info.get(j).is_some_and(|y| y.flags & UPPER != 0);
    let Decoder { buf, hist, labels } = d;
    labels.clear();
    hist.clear();
    let (mut prev, mut prev2) = (0u8, 0u8);
    let mut fetched = 0;
    for (i, x) in info.iter().enumerate() {
        if x.sent_start {
            (prev, prev2) = (0, 0);
        }
        let closed = part_of(prev) >= 2;
        let quiet = (closed && !up(i) && !up(i + 1) && (i == 0 || !up(i - 1)))
            || (scope == Scope::Capitals && (!x.near || (closed && !up(i))));
        let l = if quiet {
            0
        } else {
            buf.clear();
            features(i, buf);
            // The next token worth fetching, past those that will not be scored.
            if fetched <= i {
                fetched = i + 1;
                while fetched < info.len() && fetched < i + 8 && !ahead(fetched) {
                    fetched += 1;
                }
            }
            tag_features(info, i, prev, prev2, hist, buf);
            decide(i, buf, prev, x.flags & PUNCT != 0)
        };
        if x.flags & (INIT_CAP | ALL_CAPS) != 0 {
            hist.record(x.lower, type_of(l).map_or(0, |t| t + 1));
        }
        labels.push(l);
        (prev2, prev) = (prev, l);
    }
}

/// Hashed feature weights: `f32` while training, 16-bit integers times `scale` once loaded.
#[derive(Clone)]
pub struct Model {
    pub(super) bits: u32,
    w: Vec<f32>,
    pub(super) q: Vec<i16>,
    pub(super) scale: f32,
}

const MAGIC: &[u8; 6] = b"QNER1\n";

impl Model {
    /// A model of `2^bits` rows, all zero.
    pub fn zeros(bits: u32) -> Model {
        Model {
            bits,
            w: vec![0.0; (1usize << bits) * NL],
            q: Vec::new(),
            scale: 1.0,
        }
    }

    /// True when every weight is zero (an untrained model).
    pub fn is_empty(&self) -> bool {
        self.w.iter().all(|&x| x == 0.0) && self.q.iter().all(|&x| x == 0)
    }

    /// Weight `k` of the flat table.
    pub fn weight(&self, k: usize) -> f32 {
        match self.q.get(k) {
            Some(&x) => x as f32 * self.scale,
            None => self.w.get(k).copied().unwrap_or(0.0),
        }
    }

    #[inline]
    pub(crate) fn row(&self, f: u64) -> usize {
        (f as usize & ((1usize << self.bits) - 1)) * NL
    }

    /// Adds the weights of `feats` to `scores`.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32; NL]) {
        if !self.q.is_empty() {
            let mut acc = [0i32; NL];
            for &f in feats {
                let r = self.row(f);
                if let Some(row) = self.q.get(r..r + NL) {
                    for (s, &w) in acc.iter_mut().zip(row) {
                        *s += w as i32;
                    }
                }
            }
            for (s, a) in scores.iter_mut().zip(acc) {
                *s += a as f32 * self.scale;
            }
            return;
        }
        for &f in feats {
            let r = self.row(f);
            if let Some(row) = self.w.get(r..r + NL) {
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w;
                }
            }
        }
    }

    /// Tags a document greedily, left to right.
    pub fn tag(&self, info: &[TokInfo], d: &mut Decoder) {
        decode(
            info,
            d,
            Scope::Trained,
            |i, b| static_features(info, i, b),
            |_| true,
            |_, feats, prev, punct| {
                let mut s = [0f32; NL];
                self.score(feats, &mut s);
                best_label(&s, prev, punct)
            },
        );
    }

    /// Serialises the weights.
    pub fn encode(&self) -> Vec<u8> {
        let max = self.w.iter().fold(0f32, |m, &x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut out = MAGIC.to_vec();
        out.push(self.bits as u8);
        out.push(NL as u8);
        out.extend_from_slice(&scale.to_le_bytes());
        let mut last = 0usize;
        let mut q = [0i32; NL];
        for (r, row) in self.w.chunks_exact(NL).enumerate() {
            for (qq, &w) in q.iter_mut().zip(row) {
                *qq = (w / scale).round() as i32;
            }
            if q.iter().all(|&x| x == 0) {
                continue;
            }
            put_varint(&mut out, (r - last) as u64);
            last = r;
            for &x in &q {
                put_varint(&mut out, ((x << 1) ^ (x >> 31)) as u32 as u64);
            }
        }
        out
    }

    /// Reads weights written by [`Model::encode`].
    pub fn decode(bytes: &[u8]) -> Result<Model, String> {
        Ok(Model::from_rows(&read_rows(bytes)?))
    }

    /// A dense table of the rows read by [`read_rows`].
    pub(super) fn from_rows(r: &Rows) -> Model {
        let mut m = Model::shell(r.bits, r.scale);
        m.q = vec![0; (1usize << r.bits) * NL];
        for (row, w) in &r.rows {
            let at = *row as usize * NL;
            m.q[at..at + NL].copy_from_slice(w);
        }
        m
    }

    /// A model of `2^bits` rows whose weights are held elsewhere.
    pub(super) fn shell(bits: u32, scale: f32) -> Model {
        Model {
            bits,
            w: Vec::new(),
            q: Vec::new(),
            scale,
        }
    }
}

/// The rows of a model file that are not all zero.
pub(super) struct Rows {
    /// The table has `2^bits` rows.
    pub bits: u32,
    /// A weight is its stored integer times `scale`.
    pub scale: f32,
    /// Row number and weights, in row order.
    pub rows: Vec<(u32, [i16; NL])>,
    /// The largest difference between a label's weight and outside's in one row.
    pub spread: i32,
}

/// Reads the rows of a file written by [`Model::encode`].
pub(super) fn read_rows(bytes: &[u8]) -> Result<Rows, String> {
    let rest = bytes
        .strip_prefix(MAGIC.as_slice())
        .ok_or("not a model file")?;
    let (&bits, rest) = rest.split_first().ok_or("truncated")?;
    let (&nl, rest) = rest.split_first().ok_or("truncated")?;
    if nl as usize != NL || !(10..=24).contains(&bits) {
        return Err("unsupported model layout".into());
    }
    let scale = rest
        .get(..4)
        .and_then(|s| <[u8; 4]>::try_from(s).ok())
        .map(f32::from_le_bytes)
        .ok_or("truncated")?;
    let mut out = Rows {
        bits: bits as u32,
        scale,
        rows: Vec::with_capacity(rest.len() / (NL + 2)),
        spread: 0,
    };
    let mut pos = 4;
    let mut row = 0u64;
    while pos < rest.len() {
        row += get_varint(rest, &mut pos)?;
        if row >> bits != 0 {
            return Err("row out of range".into());
        }
        let mut w = [0i16; NL];
        match rest.get(pos..pos + NL) {
            // Most rows are small weights only, one byte each.
            Some(b) if b.iter().all(|&z| z < 0x80) => {
                for (x, &z) in w.iter_mut().zip(b) {
                    *x = unzigzag(z as u32) as i16;
                }
                pos += NL;
            }
            _ => {
                for x in &mut w {
                    let z = get_varint(rest, &mut pos)? as u32;
                    *x = unzigzag(z).clamp(-32767, 32767) as i16;
                }
            }
        }
        let o = w[0] as i32;
        for &x in &w[1..] {
            out.spread = out.spread.max((x as i32 - o).abs());
        }
        out.rows.push((row as u32, w));
    }
    Ok(out)
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The signed number a zigzag code stands for (0, −1, 1, −2… as 0, 1, 2, 3…).
#[inline(always)]
fn unzigzag(z: u32) -> i32 {
    ((z >> 1) as i32) ^ -((z & 1) as i32)
}

#[inline(always)]
fn get_varint(b: &[u8], pos: &mut usize) -> Result<u64, String> {
    // Most weights are small: one byte.
    if let Some(&byte) = b.get(*pos)
        && byte < 0x80
    {
        *pos += 1;
        return Ok(byte as u64);
    }
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *b.get(*pos).ok_or("truncated")?;
        *pos += 1;
        v |= ((byte & 0x7f) as u64) << shift;
        if byte < 0x80 {
            return Ok(v);
        }
    }
    Err("bad number".into())
}

/// Averaged perceptron training state around a [`Model`].
#[cfg(feature = "train")]
pub struct Trainer {
    /// Current (not averaged) weights.
    pub model: Model,
    acc: Vec<f32>,
    c: f32,
}

#[cfg(feature = "train")]
impl Trainer {
    /// A trainer with `2^bits` rows.
    pub fn new(bits: u32) -> Trainer {
        let model = Model::zeros(bits);
        let acc = vec![0.0; model.w.len()];
        Trainer { model, acc, c: 1.0 }
    }

    /// Moves weights of `feats` towards `gold` and away from `pred`.
    pub fn update(&mut self, feats: &[u64], gold: u8, pred: u8) {
        for &f in feats {
            let r = self.model.row(f);
            for (l, d) in [(gold, 1.0f32), (pred, -1.0)] {
                let k = r + l as usize;
                self.model.w[k] += d;
                self.acc[k] += self.c * d;
            }
        }
    }

    /// Counts one training example.
    pub fn tick(&mut self) {
        self.c += 1.0;
    }

    /// The averaged weights.
    pub fn averaged(&self) -> Model {
        let mut m = self.model.clone();
        for (w, a) in m.w.iter_mut().zip(&self.acc) {
            *w -= a / self.c;
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transition_table_matches_the_rules() {
        for prev in 0..NL as u8 {
            for l in 1..NL as u8 {
                let bit = |p: usize| AFTER[p][prev as usize] >> l & 1 == 1;
                assert_eq!(bit(0), allowed(prev, l), "{prev} -> {l}");
                assert_eq!(bit(1), allowed(prev, l) && part_of(l) == 1, "{prev} -> {l}");
            }
        }
    }

    #[test]
    fn encode_decode_round_trip() {
        let mut m = Model::zeros(10);
        m.w[5] = 1.5;
        m.w[NL * 700 + 3] = -0.25;
        let back = Model::decode(&m.encode()).unwrap();
        assert!((back.weight(5) - 1.5).abs() < 1e-3);
        assert!((back.weight(NL * 700 + 3) + 0.25).abs() < 1e-3);
        assert!(Model::decode(b"junk").is_err());
        let enc = m.encode();
        assert!(Model::decode(&enc[..enc.len() - 1]).is_err());
    }

    /// "the Bank of England said": a first pass scores the capitalised words and what
    /// continues a mention, not the lowercase words around it.
    #[test]
    fn a_capitals_scope_scores_capitals_and_open_mentions_only() {
        use crate::ner::features::INIT_CAP;
        let word = |caps: bool| TokInfo {
            flags: if caps { INIT_CAP | UPPER } else { 0 },
            near: true,
            ..TokInfo::default()
        };
        let info = [
            word(false),
            word(true),
            word(false),
            word(true),
            word(false),
        ];
        let scored = |scope| {
            let mut seen = Vec::new();
            decode(
                &info,
                &mut Decoder::default(),
                scope,
                |_, _| {},
                |_| true,
                |i, _, _, _| {
                    seen.push(i);
                    [0, 5, 6, 7, 0][i]
                },
            );
            seen
        };
        assert_eq!(scored(Scope::Capitals), [1, 2, 3]);
        assert_eq!(scored(Scope::Trained), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn inside_only_continues_its_type() {
        assert!(allowed(1, 2));
        assert!(allowed(1, 3));
        assert!(!allowed(1, 0));
        assert!(!allowed(0, 2));
        assert!(!allowed(5, 2));
        assert!(allowed(3, 0));
        assert!(allowed(4, 5));
    }
}
