//! Learning the word clusters from unlabelled text (the table [`crate::ner::clusters`] reads).
//!
//! Each word (lowercase, as the tagger keys it) is a sparse vector of its left and right
//! neighbours among the most frequent words, plus how it is capitalised; two levels of
//! spherical k-means give a coarse cluster and, within it, a fine one.

use crate::ner::hash::lowercase_into;
use crate::ner::tokens::{Tok, tokenize};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::fmt::Write as _;

/// Options of [`learn`].
pub struct LearnOptions {
    /// Least number of occurrences for a word to get a cluster.
    pub min_count: u32,
    /// Number of neighbour words (the most frequent) used as context.
    pub context: usize,
    /// Coarse clusters.
    pub coarse: usize,
    /// Fine clusters within each coarse one.
    pub fine: usize,
    /// k-means iterations at each level.
    pub iters: usize,
}

/// The lowercase key of a token as the tagger computes it ("Mr." → "mr").
fn key_of(w: &str, buf: &mut String) -> String {
    lowercase_into(w, buf);
    match buf.trim_end_matches('.') {
        "" => buf.clone(),
        t => t.to_string(),
    }
}

type Sparse = Vec<(u32, f32)>;

/// Clusters the words of `texts`; returns the table as "word\tcoarse\tfine" lines, sorted.
pub fn learn<'a>(texts: impl Iterator<Item = &'a str>, opt: &LearnOptions) -> String {
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut words: Vec<String> = Vec::new();
    // Per word: occurrences, capitalised inside a sentence, lowercase.
    let mut stats: Vec<[u32; 3]> = Vec::new();
    let mut seq: Vec<u32> = Vec::new();
    let (mut toks, mut buf): (Vec<Tok>, String) = (Vec::new(), String::new());
    const EDGE: u32 = u32::MAX;
    for t in texts {
        tokenize(t, &mut toks);
        for tk in &toks {
            if tk.sent_start {
                seq.push(EDGE);
            }
            let w = &t[tk.start as usize..tk.end as usize];
            let k = key_of(w, &mut buf);
            let n = ids.len() as u32;
            let id = *ids.entry(k).or_insert_with_key(|k| {
                words.push(k.clone());
                n
            });
            if id as usize == stats.len() {
                stats.push([0; 3]);
            }
            let s = &mut stats[id as usize];
            s[0] += 1;
            let first = w.chars().next();
            if first.is_some_and(char::is_uppercase)
                && !tk.sent_start
                && w.chars().any(char::is_lowercase)
            {
                s[1] += 1;
            } else if first.is_some_and(char::is_lowercase) {
                s[2] += 1;
            }
            seq.push(id);
        }
        seq.push(EDGE);
    }
    // Context words: the most frequent; everything else shares one slot.
    let mut by_freq: Vec<u32> = (0..words.len() as u32).collect();
    by_freq.sort_by(|&a, &b| {
        stats[b as usize][0]
            .cmp(&stats[a as usize][0])
            .then(a.cmp(&b))
    });
    let c = opt.context.min(by_freq.len()) as u32;
    let mut rank = vec![c; words.len()];
    for (r, &w) in by_freq.iter().take(c as usize).enumerate() {
        rank[w as usize] = r as u32;
    }
    let slot = |w: u32| if w == EDGE { c + 1 } else { rank[w as usize] };
    let dims = 2 * (c as usize + 2) + 2;
    let vocab: Vec<u32> = by_freq
        .iter()
        .copied()
        .filter(|&w| stats[w as usize][0] >= opt.min_count)
        .collect();
    let mut row_of = vec![u32::MAX; words.len()];
    for (r, &w) in vocab.iter().enumerate() {
        row_of[w as usize] = r as u32;
    }
    let mut counts: Vec<FxHashMap<u32, u32>> = vec![FxHashMap::default(); vocab.len()];
    for i in 0..seq.len() {
        let w = seq[i];
        if w == EDGE || row_of[w as usize] == u32::MAX {
            continue;
        }
        let m = &mut counts[row_of[w as usize] as usize];
        let left = if i > 0 { seq[i - 1] } else { EDGE };
        let right = seq.get(i + 1).copied().unwrap_or(EDGE);
        *m.entry(slot(left)).or_default() += 1;
        *m.entry(c + 2 + slot(right)).or_default() += 1;
    }
    let vecs: Vec<Sparse> = vocab
        .iter()
        .zip(&counts)
        .map(|(&w, m)| {
            let mut v: Sparse = m.iter().map(|(&k, &n)| (k, (n as f32).sqrt())).collect();
            v.sort_by_key(|x| x.0);
            normalise(&mut v);
            let s = stats[w as usize];
            let n = s[0].max(1) as f32;
            v.push((dims as u32 - 2, 0.7 * s[1] as f32 / n));
            v.push((dims as u32 - 1, 0.7 * s[2] as f32 / n));
            normalise(&mut v);
            v
        })
        .collect();
    let all: Vec<usize> = (0..vecs.len()).collect();
    let top = kmeans(&vecs, &all, dims, opt.coarse, opt.iters, 0x9e37);
    let mut fine = vec![0usize; vecs.len()];
    for k in 0..opt.coarse {
        let members: Vec<usize> = all.iter().copied().filter(|&i| top[i] == k).collect();
        let sub = kmeans(&vecs, &members, dims, opt.fine, opt.iters, 0x51 + k as u64);
        for (&i, &f) in members.iter().zip(&sub) {
            fine[i] = f;
        }
    }
    let mut lines: Vec<(String, usize, usize)> = vocab
        .iter()
        .enumerate()
        .filter(|(_, w)| !words[**w as usize].contains(['\t', '\n', '\r']))
        .map(|(r, &w)| (words[w as usize].clone(), top[r], fine[r]))
        .collect();
    lines.sort();
    let mut out = String::new();
    for (w, a, b) in lines {
        let _ = writeln!(out, "{w}\t{a}\t{b}");
    }
    out
}

fn normalise(v: &mut Sparse) {
    let n = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
    if n > 0.0 {
        for x in v.iter_mut() {
            x.1 /= n;
        }
    }
}

/// Spherical k-means of the rows `members` into `k` groups; returns each member's group.
fn kmeans(
    vecs: &[Sparse],
    members: &[usize],
    dims: usize,
    k: usize,
    iters: usize,
    seed: u64,
) -> Vec<usize> {
    let k = k.max(1).min(members.len().max(1));
    let mut assign = vec![0usize; members.len()];
    if members.len() <= 1 {
        return assign;
    }
    // Seeds spread over the frequency order (members come most frequent first).
    let mut rng = seed | 1;
    let mut cent = vec![0f32; k * dims];
    for g in 0..k {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let span = members.len() / k;
        let pick = g * span + (rng % span.max(1) as u64) as usize;
        for &(d, x) in &vecs[members[pick.min(members.len() - 1)]] {
            cent[g * dims + d as usize] = x;
        }
    }
    for _ in 0..iters {
        assign.par_iter_mut().zip(members).for_each(|(a, &i)| {
            let v = &vecs[i];
            let mut best = (f32::MIN, 0);
            for g in 0..k {
                let c = &cent[g * dims..(g + 1) * dims];
                let s: f32 = v.iter().map(|&(d, x)| x * c[d as usize]).sum();
                if s > best.0 {
                    best = (s, g);
                }
            }
            *a = best.1;
        });
        cent.iter_mut().for_each(|x| *x = 0.0);
        for (&a, &i) in assign.iter().zip(members) {
            for &(d, x) in &vecs[i] {
                cent[a * dims + d as usize] += x;
            }
        }
        for g in 0..k {
            let c = &mut cent[g * dims..(g + 1) * dims];
            let n = c.iter().map(|x| x * x).sum::<f32>().sqrt();
            if n > 0.0 {
                c.iter_mut().for_each(|x| *x /= n);
            }
        }
    }
    assign
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_between_the_same_neighbours_share_a_cluster() {
        let texts = [
            "They flew to Paris on Monday and ate bread.",
            "They flew to London on Monday and drank tea.",
            "We ate bread in Paris and drank tea in London.",
            "We ate bread in London and drank tea in Paris.",
            "Once seen.",
        ];
        let opt = LearnOptions {
            min_count: 2,
            context: 20,
            coarse: 3,
            fine: 2,
            iters: 5,
        };
        let table = learn(texts.iter().copied(), &opt);
        let rows: Vec<Vec<&str>> = table.lines().map(|l| l.split('\t').collect()).collect();
        assert!(rows.iter().all(|r| r.len() == 3), "{table}");
        let words: Vec<&str> = rows.iter().map(|r| r[0]).collect();
        assert!(words.is_sorted(), "{table}");
        // Lowercase, and only words seen at least twice.
        assert!(words.contains(&"paris") && words.contains(&"london"));
        assert!(!words.contains(&"once") && !words.contains(&"Paris"));
        // "Paris" and "London" have the same neighbours and capitals: one cluster.
        let of = |w: &str| rows.iter().find(|r| r[0] == w).map(|r| (r[1], r[2]));
        assert_eq!(of("paris"), of("london"));
        // And the table reads back.
        let c = crate::ner::clusters::Clusters::parse(&table);
        assert_eq!(c.len(), rows.len());
    }
}
