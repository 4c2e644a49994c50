//! Second pass: where each kept edge's pair co-occurs, at most `cap` places per edge.

use super::Context;
use super::count::neighbours;
use super::index::{Index, Item};
use super::select::Kept;
use crate::jobs::JobCtx;
use rayon::prelude::*;
use std::sync::atomic::Ordering;

/// Byte range covering both mentions, in `unit`.
fn context(unit: u32, x: &Item, y: &Item) -> Context {
    Context {
        doc: x.doc,
        unit,
        start: x.start.min(y.start),
        end: x.end.max(y.end),
    }
}

/// The first `cap` contexts of each kept edge, indexed like `kept.edges`, in (document,
/// unit) order; `None` if cancelled.
pub(super) fn contexts(
    ix: &Index,
    window: Option<u32>,
    kept: &Kept,
    cap: usize,
    ctx: &JobCtx,
) -> Option<Vec<Vec<Context>>> {
    if cap == 0 {
        return Some(vec![Vec::new(); kept.edges.len()]);
    }
    let out = match window {
        Some(w) => window_contexts(ix, w, kept, cap, ctx),
        None => kept
            .edges
            .par_iter()
            .map(|e| {
                ctx.progress.done.fetch_add(1, Ordering::Relaxed);
                if ctx.is_cancelled() {
                    return Vec::new();
                }
                unit_contexts(ix, e.a, e.b, cap)
            })
            .collect(),
    };
    (!ctx.is_cancelled()).then_some(out)
}

/// Contexts of the pair (a, b) in unit scopes: the units on both entities' lists (sorted),
/// each unit of the shorter list looked up in the longer one by galloping search, so the
/// cost is O(s·log(l/s)) for lists of s ≤ l units.
fn unit_contexts(ix: &Index, a: u32, b: u32, cap: usize) -> Vec<Context> {
    let (la, lb) = (ix.list(a as usize), ix.list(b as usize));
    let (short, long) = if la.len() <= lb.len() {
        (la, lb)
    } else {
        (lb, la)
    };
    let mut out = Vec::new();
    let mut from = 0;
    for &u in short {
        from = gallop(long, from, u);
        if from == long.len() {
            break;
        }
        if long[from] != u {
            continue;
        }
        let (_, ents, firsts) = ix.unit(u);
        let at = |e: u32| {
            ents.binary_search(&e)
                .ok()
                .map(|i| &ix.items[firsts[i] as usize])
        };
        if let (Some(x), Some(y)) = (at(a), at(b)) {
            out.push(context(x.unit, x, y));
            if out.len() == cap {
                break;
            }
        }
    }
    out
}

/// First index ≥ `from` whose value is ≥ `u` (or `list.len()`), for a sorted `list`.
fn gallop(list: &[u32], from: usize, u: u32) -> usize {
    let mut step = 1;
    let mut lo = from;
    while lo + step < list.len() && list[lo + step] < u {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step + 1).min(list.len());
    lo + list[lo..hi].partition_point(|&v| v < u)
}

/// Contexts for Window scope, gathered from the mentions of each pair's lower entity.
fn window_contexts(ix: &Index, w: u32, kept: &Kept, cap: usize, ctx: &JobCtx) -> Vec<Vec<Context>> {
    let n = ix.entity_count();
    let items = &ix.items;
    let per_entity: Vec<Vec<Vec<Context>>> = (0..n)
        .into_par_iter()
        .map_init(
            || vec![u32::MAX; n],
            |slot, a| {
                let range = kept.of(a);
                ctx.progress.done.fetch_add(1, Ordering::Relaxed);
                if range.is_empty() || ctx.is_cancelled() {
                    return Vec::new();
                }
                for (l, e) in kept.edges[range.clone()].iter().enumerate() {
                    slot[e.b as usize] = l as u32;
                }
                let mut found: Vec<Vec<Context>> = vec![Vec::new(); range.len()];
                let mut full = 0;
                let mut add = |b: u32, c: Context| {
                    let l = slot[b as usize];
                    if l != u32::MAX && found[l as usize].len() < cap {
                        found[l as usize].push(c);
                        if found[l as usize].len() == cap {
                            full += 1;
                        }
                    }
                    full == range.len()
                };
                let a32 = a as u32;
                for &x in ix.list(a) {
                    let xi = &items[x as usize];
                    let mut done = false;
                    neighbours(items, x as usize, w, |j| {
                        let y = &items[j];
                        if !done && y.ent > a32 {
                            done = add(y.ent, context(xi.unit.min(y.unit), xi, y));
                        }
                    });
                    if done {
                        break;
                    }
                }
                for e in &kept.edges[range] {
                    slot[e.b as usize] = u32::MAX;
                }
                for v in &mut found {
                    v.sort_unstable_by_key(|c| (c.doc, c.unit, c.start, c.end));
                }
                found
            },
        )
        .collect();
    per_entity.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::gallop;

    #[test]
    fn gallop_finds_the_lower_bound() {
        let list = [2, 3, 5, 8, 13, 21, 34, 55];
        for from in 0..list.len() {
            for u in 0..60 {
                let want = from + list[from..].partition_point(|&v| v < u);
                assert_eq!(gallop(&list, from, u), want, "from {from}, u {u}");
            }
        }
        assert_eq!(gallop(&[], 0, 4), 0);
    }
}
