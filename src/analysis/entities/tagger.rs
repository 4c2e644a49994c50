//! The two-pass tagger: a first pass over the text, then a second that also sees how the first
//! tagged each word across the whole document; both passes' weights in one file.

use super::features::{Prepared, TokInfo, agg_features, base_features, set_aggregate};
use super::model::{Decoder, Model, NL, best_label, decode};
use rustc_hash::FxHashMap;

/// Two taggers: the first reads the text; the second also sees how the first tagged each
/// word across the whole document.
///
/// Loaded weights of both passes are interleaved row by row, so the second pass finds a
/// feature's weights in the cache lines the first pass already brought in.
#[derive(Clone)]
pub struct Tagger {
    /// The first pass.
    pub first: Model,
    /// The second pass, if trained.
    pub second: Option<Model>,
    /// Both passes' 16-bit rows side by side (`2 * NL` per row), when both are loaded.
    joint: Vec<i16>,
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
}

impl Tagger {
    /// A tagger of one or two passes.
    pub fn new(mut first: Model, mut second: Option<Model>) -> Tagger {
        let mut joint = Vec::new();
        if let Some(m) = second.as_mut()
            && m.bits == first.bits
            && !first.q.is_empty()
            && m.q.len() == first.q.len()
        {
            joint.reserve(first.q.len() * 2);
            for (a, b) in first.q.chunks_exact(NL).zip(m.q.chunks_exact(NL)) {
                joint.extend_from_slice(a);
                joint.extend_from_slice(b);
            }
            first.q = Vec::new();
            m.q = Vec::new();
        }
        Tagger {
            first,
            second,
            joint,
        }
    }

    /// Where pass `pass`'s weights of feature `f` start in the interleaved table.
    #[inline]
    fn offset(&self, pass: usize, f: u64) -> usize {
        let mask = (1usize << self.first.bits) - 1;
        (f as usize & mask) * 2 * NL + pass * NL
    }

    /// Adds pass `pass`'s weights of `feats` to `scores`, from the interleaved table.
    #[inline]
    fn score_joint(&self, pass: usize, feats: &[u64], scores: &mut [f32; NL]) {
        let mut acc = [0i32; NL];
        for &f in feats {
            let r = self.offset(pass, f);
            if let Some(row) = self.joint.get(r..r + NL) {
                for (s, &w) in acc.iter_mut().zip(row) {
                    *s += w as i32;
                }
            }
        }
        let scale = match pass {
            0 => self.first.scale,
            _ => self.second.as_ref().map_or(1.0, |m| m.scale),
        };
        for (s, a) in scores.iter_mut().zip(acc) {
            *s += a as f32 * scale;
        }
    }

    /// Asks the processor to bring pass `pass`'s weights of `feats` into the cache.
    #[inline]
    fn prefetch(&self, pass: usize, feats: &[u64]) {
        for &f in feats {
            let p = self.joint.as_ptr().wrapping_add(self.offset(pass, f));
            prefetch_read(p);
            prefetch_read(p.wrapping_add(NL - 1));
        }
    }

    /// Tags a document; `info` gets the first pass's aggregate when there is a second pass.
    /// The label-free features of both passes are built once, in `prep`.
    pub fn tag(&self, info: &mut [TokInfo], w: &mut TagBuffers) {
        let TagBuffers { dec, counts, prep } = w;
        if !self.joint.is_empty() {
            prep.prepare(info);
            for pass in 0..2 {
                if pass == 1 {
                    set_aggregate(info, &dec.labels, counts);
                }
                let info = &*info;
                let features = |i: usize, b: &mut Vec<u64>| {
                    match prep.get(i) {
                        Some(f) => b.extend_from_slice(f),
                        None => base_features(info, i, b),
                    }
                    if pass == 1 {
                        agg_features(info, i, b);
                    }
                };
                let ahead = |i: usize| {
                    if let Some(f) = prep.get(i) {
                        self.prefetch(pass, f);
                    }
                };
                decode(info, dec, true, features, ahead, |_, feats, prev, punct| {
                    let mut s = [0f32; NL];
                    self.score_joint(pass, feats, &mut s);
                    best_label(&s, prev, punct)
                });
            }
            return;
        }
        self.first.tag(info, dec);
        if let Some(m) = &self.second {
            set_aggregate(info, &dec.labels, counts);
            m.tag(info, dec);
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

    /// Reads a file written by [`Tagger::encode`].
    pub fn decode(bytes: &[u8]) -> Result<Tagger, String> {
        let mut rest = bytes
            .strip_prefix(MAGIC2.as_slice())
            .ok_or("not a model file")?;
        let mut models = Vec::new();
        while !rest.is_empty() {
            let n = rest
                .get(..4)
                .and_then(|s| <[u8; 4]>::try_from(s).ok())
                .map(u32::from_le_bytes)
                .ok_or("truncated")? as usize;
            let blob = rest.get(4..4 + n).ok_or("truncated")?;
            models.push(Model::decode(blob)?);
            rest = &rest[4 + n..];
        }
        let mut it = models.into_iter();
        let first = it.next().ok_or("empty model file")?;
        Ok(Tagger::new(first, it.next()))
    }
}

/// A cache hint for the line holding `p`.
#[inline(always)]
fn prefetch_read(p: *const i16) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint: it reads nothing into the program and never faults,
    // whatever the address.
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}
