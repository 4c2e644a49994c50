//! Where every token of the corpus lies in its document's text, kept in about 2.1 bytes a
//! token instead of 9 (two `u32` offsets and a break byte).
//!
//! Each token has a code byte and a length byte. The code holds the gap since the end of the
//! previous token of the same document (or since the start of the text for a document's first
//! token), a first-of-document bit and the [`Break`] before the token: `gap << 3 | first << 2 |
//! break`. A gap over 30 bytes or a token over 254 bytes is written in full in a short side
//! table instead. Every [`BLOCK`]th token's start is kept as a checkpoint, so a token's span is
//! found by decoding at most `BLOCK` tokens from the checkpoint before it.

use super::tokenize::Break;
use std::ops::Range;

/// Tokens between two checkpoints.
pub const BLOCK: usize = 32;

/// The largest gap a code byte holds; the value above it marks a token written in full.
const MAX_GAP: u32 = 30;
const WIDE_GAP: u8 = 31;
/// The largest length a length byte holds; 255 marks a token written in full.
const MAX_LEN: u32 = 254;
const WIDE_LEN: u8 = 255;
const FIRST: u8 = 4;

/// A token written in full: its position in the stream, start and end.
pub type Wide = (u32, u32, u32);

/// The spans and breaks of a token stream.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spans {
    code: Vec<u8>,
    len: Vec<u8>,
    /// `(token, start, end)` of the tokens too far from their neighbour or too long for a byte.
    wide: Vec<Wide>,
    /// The start of every `BLOCK`th token.
    base: Vec<u32>,
}

fn brk_of(code: u8) -> Break {
    match code & 3 {
        0 => Break::None,
        1 => Break::Sentence,
        _ => Break::Paragraph,
    }
}

fn brk_bits(b: Break) -> u8 {
    match b {
        Break::None => 0,
        Break::Sentence => 1,
        Break::Paragraph => 2,
    }
}

/// Appends token spans in order; [`SpansBuilder::finish`] adds the checkpoints.
#[derive(Debug, Clone, Default)]
pub struct SpansBuilder {
    code: Vec<u8>,
    len: Vec<u8>,
    wide: Vec<Wide>,
    prev_end: u32,
}

impl SpansBuilder {
    /// Tokens so far.
    pub fn len(&self) -> usize {
        self.code.len()
    }

    /// True before the first token.
    pub fn is_empty(&self) -> bool {
        self.code.is_empty()
    }

    /// Adds one token; `first` when it is the first token of its document.
    pub fn push(&mut self, start: u32, end: u32, brk: Break, first: bool) {
        let from = if first { 0 } else { self.prev_end };
        let gap = start.wrapping_sub(from);
        let len = end.wrapping_sub(start);
        let bits = brk_bits(brk) | if first { FIRST } else { 0 };
        if start < from || gap > MAX_GAP || end < start || len > MAX_LEN {
            self.wide.push((self.code.len() as u32, start, end));
            self.code.push((WIDE_GAP << 3) | bits);
            self.len.push(WIDE_LEN);
        } else {
            self.code.push(((gap as u8) << 3) | bits);
            self.len.push(len as u8);
        }
        self.prev_end = end;
    }

    /// Appends another builder's tokens after these.
    pub fn append(&mut self, other: SpansBuilder) {
        let shift = self.code.len() as u32;
        self.wide
            .extend(other.wide.iter().map(|&(p, s, e)| (p + shift, s, e)));
        self.code.extend_from_slice(&other.code);
        self.len.extend_from_slice(&other.len);
        self.prev_end = other.prev_end;
    }

    /// The spans, with their checkpoints.
    pub fn finish(self) -> Spans {
        let mut s = Spans {
            code: self.code,
            len: self.len,
            wide: self.wide,
            base: Vec::new(),
        };
        s.code.shrink_to_fit();
        s.len.shrink_to_fit();
        s.wide.shrink_to_fit();
        s.base = s.checkpoints();
        s
    }
}

impl Spans {
    /// Builds spans from their stored parts, checking that they fit together.
    pub fn from_parts(code: Vec<u8>, len: Vec<u8>, wide: Vec<Wide>) -> Option<Spans> {
        if code.len() != len.len() || code.len() > u32::MAX as usize {
            return None;
        }
        let escaped = code
            .iter()
            .zip(&len)
            .filter(|&(&c, &l)| c >> 3 == WIDE_GAP || l == WIDE_LEN)
            .count();
        let sorted = wide.windows(2).all(|w| w[0].0 < w[1].0);
        let in_range = wide.iter().all(|&(p, s, e)| {
            (p as usize) < code.len() && s <= e && code[p as usize] >> 3 == WIDE_GAP
        });
        if escaped != wide.len() || !sorted || !in_range {
            return None;
        }
        let mut s = Spans {
            code,
            len,
            wide,
            base: Vec::new(),
        };
        s.base = s.checkpoints();
        Some(s)
    }

    /// The stored parts: code bytes, length bytes and the tokens written in full.
    pub fn parts(&self) -> (&[u8], &[u8], &[Wide]) {
        (&self.code, &self.len, &self.wide)
    }

    fn checkpoints(&self) -> Vec<u32> {
        let mut base = Vec::with_capacity(self.code.len().div_ceil(BLOCK));
        let mut prev_end = 0u32;
        let mut w = 0usize;
        for i in 0..self.code.len() {
            let (s, e) = self.decode(i, prev_end, &mut w);
            if i.is_multiple_of(BLOCK) {
                base.push(s);
            }
            prev_end = e;
        }
        base
    }

    /// Decodes token `i` given the end of the token before it; `w` is a cursor into `wide`
    /// at or before `i`'s entry.
    #[inline]
    fn decode(&self, i: usize, prev_end: u32, w: &mut usize) -> (u32, u32) {
        let c = self.code[i];
        let l = self.len[i];
        if c >> 3 == WIDE_GAP || l == WIDE_LEN {
            while *w < self.wide.len() && (self.wide[*w].0 as usize) < i {
                *w += 1;
            }
            return match self.wide.get(*w) {
                Some(&(p, s, e)) if p as usize == i => (s, e),
                _ => (prev_end, prev_end),
            };
        }
        let from = if c & FIRST != 0 { 0 } else { prev_end };
        let s = from.saturating_add(u32::from(c >> 3));
        (s, s.saturating_add(u32::from(l)))
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.code.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.code.is_empty()
    }

    /// The break before token `pos`.
    #[inline]
    pub fn brk(&self, pos: usize) -> Break {
        brk_of(self.code[pos])
    }

    /// Byte range of token `pos` in its document's text.
    pub fn span(&self, pos: usize) -> Range<usize> {
        let (s, e) = self
            .iter(pos..pos + 1)
            .next()
            .map(|(s, e, _)| (s, e))
            .unwrap_or((0, 0));
        s as usize..e as usize
    }

    /// Start, end and break of the tokens in `range`, in order.
    pub fn iter(&self, range: Range<usize>) -> SpanIter<'_> {
        let end = range.end.min(self.code.len());
        let block = range.start / BLOCK * BLOCK;
        let w = self.wide.partition_point(|&(p, _, _)| (p as usize) < block);
        let mut it = SpanIter {
            spans: self,
            pos: block,
            end,
            prev_end: 0,
            w,
        };
        while it.pos < range.start.min(end) {
            it.step();
        }
        it
    }

    /// Decodes the token at a checkpoint from the checkpoint itself.
    fn at_checkpoint(&self, i: usize, w: &mut usize) -> (u32, u32) {
        if self.code[i] >> 3 == WIDE_GAP || self.len[i] == WIDE_LEN {
            return self.decode(i, 0, w);
        }
        let s = self.base.get(i / BLOCK).copied().unwrap_or(0);
        (s, s.saturating_add(u32::from(self.len[i])))
    }
}

/// The tokens of a range of a [`Spans`]: `(start, end, break)`.
pub struct SpanIter<'a> {
    spans: &'a Spans,
    pos: usize,
    end: usize,
    /// End of the token before `pos`.
    prev_end: u32,
    w: usize,
}

impl SpanIter<'_> {
    fn step(&mut self) -> (u32, u32) {
        let i = self.pos;
        let (s, e) = if i.is_multiple_of(BLOCK) {
            self.spans.at_checkpoint(i, &mut self.w)
        } else {
            self.spans.decode(i, self.prev_end, &mut self.w)
        };
        self.prev_end = e;
        self.pos += 1;
        (s, e)
    }
}

impl Iterator for SpanIter<'_> {
    type Item = (u32, u32, Break);

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.end {
            return None;
        }
        let k = brk_of(self.spans.code[self.pos]);
        let (s, e) = self.step();
        Some((s, e, k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn build(tokens: &[(u32, u32, Break, bool)]) -> Spans {
        let mut b = SpansBuilder::default();
        for &(s, e, k, f) in tokens {
            b.push(s, e, k, f);
        }
        b.finish()
    }

    #[test]
    fn spans_round_trip_with_wide_tokens_and_document_starts() {
        let toks = [
            (40, 42, Break::Paragraph, true),
            (43, 47, Break::None, false),
            (49, 400, Break::Sentence, false),
            (401, 402, Break::None, false),
            (3, 5, Break::Paragraph, true),
            (6, 9, Break::None, false),
            (100, 101, Break::Paragraph, false),
        ];
        let s = build(&toks);
        assert_eq!(s.len(), 7);
        for (i, &(st, en, k, _)) in toks.iter().enumerate() {
            assert_eq!(s.span(i), st as usize..en as usize, "token {i}");
            assert_eq!(s.brk(i), k);
        }
        let mid: Vec<_> = s.iter(2..5).collect();
        assert_eq!(
            mid,
            [
                (49, 400, Break::Sentence),
                (401, 402, Break::None),
                (3, 5, Break::Paragraph)
            ]
        );
        // Three tokens went to the side table: a long gap, a long token, another long gap.
        assert_eq!(s.parts().2.len(), 3);
        let (c, l, w) = s.parts();
        let back = Spans::from_parts(c.to_vec(), l.to_vec(), w.to_vec()).unwrap();
        assert_eq!(back, s);
        assert!(Spans::from_parts(c.to_vec(), l[1..].to_vec(), w.to_vec()).is_none());
        assert!(Spans::from_parts(c.to_vec(), l.to_vec(), w[1..].to_vec()).is_none());
    }

    proptest! {
        #[test]
        fn every_range_decodes_as_pushed(
            raw in prop::collection::vec((0u32..40, 1u32..300, 0u8..3, prop::bool::weighted(0.05)), 0..300),
            a in 0usize..300,
            b in 0usize..300,
        ) {
            let mut toks = Vec::new();
            let mut at = 0u32;
            for (i, &(gap, len, k, first)) in raw.iter().enumerate() {
                let first = first || i == 0;
                if first {
                    at = 0;
                }
                let s = at + gap;
                let e = s + len;
                let k = match k { 0 => Break::None, 1 => Break::Sentence, _ => Break::Paragraph };
                toks.push((s, e, k, first));
                at = e;
            }
            let s = build(&toks);
            let (lo, hi) = (a.min(b).min(toks.len()), a.max(b).min(toks.len()));
            let got: Vec<_> = s.iter(lo..hi).collect();
            let want: Vec<_> = toks[lo..hi].iter().map(|&(s, e, k, _)| (s, e, k)).collect();
            prop_assert_eq!(got, want);
        }
    }
}
