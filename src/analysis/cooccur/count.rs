//! Counting passes, parallel over entities: each pair (a, b) with a < b is counted from a's
//! side with dense per-thread counters, so results come out sorted by (a, b) without any
//! merging, identical whatever the thread count.

use super::index::{Index, Item};
use crate::jobs::JobCtx;
use rayon::prelude::*;
use std::sync::atomic::Ordering;

/// A pair with at least `min_count` co-occurrences, local ids `a < b`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    pub a: u32,
    pub b: u32,
    pub count: u32,
    pub docs: u32,
}

/// Result of the counting pass.
pub(super) struct Counts {
    /// Pairs that reached `min_count`, sorted by (a, b).
    pub edges: Vec<Candidate>,
    /// f(x) per local entity (see the module documentation).
    pub f: Vec<u32>,
    /// Units with at least one mention, or for Window scope all co-occurrence events.
    pub seen: u64,
}

/// Per-thread counters indexed by the other entity.
struct Scratch {
    count: Vec<u32>,
    docs: Vec<u32>,
    last_doc: Vec<u32>,
    touched: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch {
            count: vec![0; n],
            docs: vec![0; n],
            last_doc: vec![u32::MAX; n],
            touched: Vec::new(),
        }
    }

    fn add(&mut self, b: u32, doc: u32) {
        let i = b as usize;
        if self.count[i] == 0 {
            self.touched.push(b);
        }
        self.count[i] += 1;
        if self.last_doc[i] != doc {
            self.last_doc[i] = doc;
            self.docs[i] += 1;
        }
    }

    /// The pairs of `a` with at least `min_count`, sorted; resets the counters.
    fn drain(&mut self, a: u32, min_count: u32) -> Vec<Candidate> {
        self.touched.sort_unstable();
        let mut out = Vec::new();
        for &b in &self.touched {
            let i = b as usize;
            if self.count[i] >= min_count {
                out.push(Candidate {
                    a,
                    b,
                    count: self.count[i],
                    docs: self.docs[i],
                });
            }
            self.count[i] = 0;
            self.docs[i] = 0;
            self.last_doc[i] = u32::MAX;
        }
        self.touched.clear();
        out
    }
}

/// Calls `f(j)` for every mention `j` of another entity at most `w` tokens from mention `i`
/// in the same document (items sorted by document and token).
pub(super) fn neighbours(items: &[Item], i: usize, w: u32, mut f: impl FnMut(usize)) {
    let x = items[i];
    let near = |y: &Item| y.doc == x.doc && y.unit.abs_diff(x.unit) <= w;
    for j in (0..i).rev() {
        if !near(&items[j]) {
            break;
        }
        if items[j].ent != x.ent {
            f(j);
        }
    }
    for (j, y) in items.iter().enumerate().skip(i + 1) {
        if !near(y) {
            break;
        }
        if y.ent != x.ent {
            f(j);
        }
    }
}

/// Counts every pair; `None` if cancelled.
pub(super) fn count(
    ix: &Index,
    window: Option<u32>,
    min_count: u32,
    ctx: &JobCtx,
) -> Option<Counts> {
    let n = ix.entity_count();
    let items = &ix.items;
    let per_entity: Vec<(Vec<Candidate>, u32)> = (0..n)
        .into_par_iter()
        .map_init(
            || Scratch::new(n),
            |s, a| {
                if ctx.is_cancelled() {
                    return (Vec::new(), 0);
                }
                let a32 = a as u32;
                let mut events = 0u32;
                match window {
                    Some(w) => {
                        for &i in ix.list(a) {
                            let doc = items[i as usize].doc;
                            neighbours(items, i as usize, w, |j| {
                                events += 1;
                                if items[j].ent > a32 {
                                    s.add(items[j].ent, doc);
                                }
                            });
                        }
                    }
                    None => {
                        for &u in ix.list(a) {
                            let (doc, ents, _) = ix.unit(u);
                            let pos = ents.partition_point(|&e| e <= a32);
                            for &b in &ents[pos..] {
                                s.add(b, doc);
                            }
                        }
                    }
                }
                ctx.progress.done.fetch_add(1, Ordering::Relaxed);
                ctx.wake();
                (s.drain(a32, min_count.max(1)), events)
            },
        )
        .collect();
    if ctx.is_cancelled() {
        return None;
    }
    let (f, seen) = match window {
        Some(_) => {
            let f: Vec<u32> = per_entity.iter().map(|p| p.1).collect();
            let seen = f.iter().map(|&x| x as u64).sum::<u64>() / 2;
            (f, seen)
        }
        None => {
            let f = (0..n).map(|e| ix.list(e).len() as u32).collect();
            (f, ix.units_seen() as u64)
        }
    };
    let edges = per_entity.into_iter().flat_map(|p| p.0).collect();
    Some(Counts { edges, f, seen })
}
