//! The postings of every word: the documents it occurs in, with how often, kept compact. A
//! word's entries are varint-coded in document order: the gap from the previous document
//! (doubled, with the low bit set when the count is over one), then the count less two when
//! it is. Most entries take one or two bytes instead of eight.

use super::{DocId, TermId};

/// Every word's documents and counts.
#[derive(Debug, Clone, Default)]
pub struct Postings {
    /// Where each word's bytes start in `bytes` (one more entry than words).
    start: Vec<u64>,
    bytes: Vec<u8>,
    /// Documents each word occurs in.
    df: Vec<u32>,
}

fn varint_len(mut v: u64) -> u64 {
    let mut n = 1;
    while v >= 0x80 {
        v >>= 7;
        n += 1;
    }
    n
}

fn put_varint(out: &mut [u8], at: &mut usize, mut v: u64) {
    while v >= 0x80 {
        out[*at] = (v as u8) | 0x80;
        v >>= 7;
        *at += 1;
    }
    out[*at] = v as u8;
    *at += 1;
}

/// The bytes of one entry: `gap` documents after the previous one, `count` times.
fn entry(gap: u64, count: u32) -> (u64, Option<u64>) {
    let more = count > 1;
    (
        (gap << 1) | u64::from(more),
        more.then(|| u64::from(count) - 2),
    )
}

impl Postings {
    /// The postings of `words` words from `visit`, which calls its argument with
    /// `(document, word, count)` for every word of every document, documents in increasing
    /// order (each document's words in any order). It is called twice: once to size, once
    /// to fill. Returns the postings and each word's total count.
    pub fn build(
        words: usize,
        visit: impl Fn(&mut dyn FnMut(DocId, TermId, u32)),
    ) -> (Postings, Vec<u64>) {
        let mut freq = vec![0u64; words];
        let mut df = vec![0u32; words];
        let mut len = vec![0u64; words + 1];
        let mut last = vec![0u64; words];
        visit(&mut |d, t, c| {
            let t = t as usize;
            let (a, b) = entry(u64::from(d) - last[t], c);
            len[t + 1] += varint_len(a) + b.map_or(0, varint_len);
            last[t] = u64::from(d);
            freq[t] += u64::from(c);
            df[t] += 1;
        });
        for i in 0..words {
            len[i + 1] += len[i];
        }
        let total = len[words] as usize;
        let mut bytes = vec![0u8; total];
        let mut cursor: Vec<usize> = len[..words].iter().map(|&s| s as usize).collect();
        last.fill(0);
        visit(&mut |d, t, c| {
            let t = t as usize;
            let (a, b) = entry(u64::from(d) - last[t], c);
            put_varint(&mut bytes, &mut cursor[t], a);
            if let Some(b) = b {
                put_varint(&mut bytes, &mut cursor[t], b);
            }
            last[t] = u64::from(d);
        });
        (
            Postings {
                start: len,
                bytes,
                df,
            },
            freq,
        )
    }

    /// Documents word `t` occurs in.
    pub fn doc_freq(&self, t: TermId) -> u32 {
        self.df.get(t as usize).copied().unwrap_or(0)
    }

    /// The documents of word `t`, in increasing order, with its count in each.
    pub fn of(&self, t: TermId) -> Iter<'_> {
        let t = t as usize;
        let bytes = match (self.start.get(t), self.start.get(t + 1)) {
            (Some(&a), Some(&b)) => self.bytes.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        };
        Iter { bytes, doc: 0 }
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.bytes.capacity() + self.start.capacity() * 8 + self.df.capacity() * 4
    }
}

/// The entries of one word.
pub struct Iter<'a> {
    bytes: &'a [u8],
    doc: u64,
}

impl Iter<'_> {
    fn varint(&mut self) -> u64 {
        let mut v = 0u64;
        let mut shift = 0;
        while let Some((&b, rest)) = self.bytes.split_first() {
            self.bytes = rest;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                break;
            }
            shift += 7;
        }
        v
    }
}

impl Iterator for Iter<'_> {
    type Item = (DocId, u32);

    fn next(&mut self) -> Option<(DocId, u32)> {
        if self.bytes.is_empty() {
            return None;
        }
        let a = self.varint();
        self.doc += a >> 1;
        let count = if a & 1 == 1 {
            (self.varint() + 2) as u32
        } else {
            1
        };
        Some((self.doc as DocId, count))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_come_back_in_document_order_with_their_counts() {
        // Document 0: word 1 twice; document 5: words 0 and 1; document 300: word 1 900 times;
        // document 70,000: word 0 once.
        let docs: Vec<(DocId, Vec<(TermId, u32)>)> = vec![
            (0, vec![(1, 2)]),
            (5, vec![(1, 1), (0, 1)]),
            (300, vec![(1, 900)]),
            (70_000, vec![(0, 1)]),
        ];
        let (p, freq) = Postings::build(3, |f| {
            for (d, ws) in &docs {
                for &(t, c) in ws {
                    f(*d, t, c);
                }
            }
        });
        assert_eq!(p.of(0).collect::<Vec<_>>(), vec![(5, 1), (70_000, 1)]);
        assert_eq!(
            p.of(1).collect::<Vec<_>>(),
            vec![(0, 2), (5, 1), (300, 900)]
        );
        assert_eq!(p.of(2).count(), 0);
        assert_eq!(p.of(9).count(), 0);
        assert_eq!((p.doc_freq(0), p.doc_freq(1), p.doc_freq(2)), (2, 3, 0));
        assert_eq!(freq, vec![2, 903, 0]);
        // Gaps of 5 and 295, counts of 2 and 900: a few bytes, not eight a entry.
        assert!(p.bytes.len() < 16, "{} bytes", p.bytes.len());
    }
}
