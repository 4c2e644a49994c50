//! Counting passes: mentions sorted by document and unit, then pairs counted (and later their
//! contexts gathered) per run of whole documents on rayon.

use super::select::Kept;
use super::{Context, CooccurOptions, Filter, MentionRef, Scope};
use crate::jobs::JobCtx;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::atomic::Ordering;

/// A mention reduced to what counting needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Item {
    pub doc: u32,
    /// Sentence, paragraph, 0 (document) or token index, by scope.
    pub unit: u32,
    /// Local entity id (rank among the distinct entities kept).
    pub ent: u32,
    pub start: u32,
    pub end: u32,
}

/// Filtered mentions ready for counting.
pub(super) struct Prepared {
    /// Sorted by (doc, unit, ent, start, end).
    pub items: Vec<Item>,
    /// Entity id of each local id, ascending (so local order is entity order).
    pub entities: Vec<u32>,
    /// Boundaries of runs of whole documents in `items` (first 0, last `items.len()`).
    pub chunks: Vec<usize>,
    /// Documents with at least one mention.
    pub docs: usize,
}

/// Filters, maps entities to dense local ids, sorts, and cuts into runs of documents.
pub(super) fn prepare(mentions: &[MentionRef], scope: Scope, filter: &Filter<'_>) -> Prepared {
    let unit = |m: &MentionRef| match scope {
        Scope::Sentence => m.sentence,
        Scope::Paragraph => m.paragraph,
        Scope::Document => 0,
        Scope::Window(_) => m.token,
    };
    let mut items: Vec<Item> = mentions
        .par_iter()
        .filter(|m| filter.allows(m))
        .map(|m| Item {
            doc: m.doc,
            unit: unit(m),
            ent: m.entity,
            start: m.start,
            end: m.end,
        })
        .collect();
    let max = items.iter().map(|i| i.ent as usize + 1).max().unwrap_or(0);
    let mut local = vec![u32::MAX; max];
    for i in &items {
        local[i.ent as usize] = 0;
    }
    let mut entities = Vec::new();
    for (e, l) in local.iter_mut().enumerate() {
        if *l == 0 {
            *l = entities.len() as u32;
            entities.push(e as u32);
        }
    }
    items
        .par_iter_mut()
        .for_each(|i| i.ent = local[i.ent as usize]);
    items.par_sort_unstable();
    let chunks = cut(&items, rayon::current_num_threads() * 4);
    let docs = items.chunk_by(|a, b| a.doc == b.doc).count();
    Prepared {
        items,
        entities,
        chunks,
        docs,
    }
}

/// About `pieces` boundaries of similar size, each at a change of document.
fn cut(items: &[Item], pieces: usize) -> Vec<usize> {
    let target = items.len().div_ceil(pieces.max(1)).max(1);
    let mut bounds = vec![0];
    let mut at = 0;
    while at < items.len() {
        let mut end = (at + target).min(items.len());
        while end < items.len() && items[end].doc == items[end - 1].doc {
            end += 1;
        }
        bounds.push(end);
        at = end;
    }
    if bounds.len() == 1 {
        bounds.push(0);
    }
    bounds
}

/// Counts of a pair.
#[derive(Debug, Clone, Copy)]
pub(super) struct PairAcc {
    pub count: u32,
    pub docs: u32,
    last_doc: u32,
}

/// Everything the first pass counts; entity vectors are indexed by local id.
pub(super) struct Counts {
    /// Key: lower local id << 32 | higher local id.
    pub pairs: FxHashMap<u64, PairAcc>,
    pub mentions: Vec<u32>,
    pub documents: Vec<u32>,
    /// f(x) (see the module documentation).
    pub units: Vec<u32>,
    /// Units with at least one mention, or events for Window scope.
    pub units_seen: u64,
}

impl Counts {
    fn new(n: usize) -> Self {
        Counts {
            pairs: FxHashMap::default(),
            mentions: vec![0; n],
            documents: vec![0; n],
            units: vec![0; n],
            units_seen: 0,
        }
    }

    fn add_pair(&mut self, a: u32, b: u32, doc: u32) {
        let acc = self.pairs.entry(key(a, b)).or_insert(PairAcc {
            count: 0,
            docs: 0,
            last_doc: u32::MAX,
        });
        acc.count += 1;
        if acc.last_doc != doc {
            acc.last_doc = doc;
            acc.docs += 1;
        }
    }

    /// Adds a later run of documents (no document is in both).
    fn merge(&mut self, other: Counts) {
        for (k, p) in other.pairs {
            self.pairs
                .entry(k)
                .and_modify(|q| {
                    q.count += p.count;
                    q.docs += p.docs;
                })
                .or_insert(p);
        }
        let add = |a: &mut Vec<u32>, b: Vec<u32>| a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        add(&mut self.mentions, other.mentions);
        add(&mut self.documents, other.documents);
        add(&mut self.units, other.units);
        self.units_seen += other.units_seen;
    }
}

/// Pair key with the lower id first.
pub(super) fn key(a: u32, b: u32) -> u64 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    (lo as u64) << 32 | hi as u64
}

/// Calls `f` with the first mention of each distinct entity of every unit of one document.
fn for_units(doc_items: &[Item], firsts: &mut Vec<Item>, mut f: impl FnMut(&[Item])) {
    for unit in doc_items.chunk_by(|a, b| a.unit == b.unit) {
        firsts.clear();
        // Sorted by entity then start: the first of each run is the earliest mention.
        firsts.extend(unit.chunk_by(|a, b| a.ent == b.ent).map(|r| r[0]));
        f(firsts);
    }
}

/// Calls `f(earlier, later)` for every pair of mentions of different entities at most `w`
/// tokens apart in one document (items sorted by token).
fn for_window(doc_items: &[Item], w: u32, mut f: impl FnMut(&Item, &Item)) {
    for (i, x) in doc_items.iter().enumerate() {
        for y in &doc_items[i + 1..] {
            if y.unit - x.unit > w {
                break;
            }
            if y.ent != x.ent {
                f(x, y);
            }
        }
    }
}

/// Byte range covering both mentions.
fn context(doc: u32, unit: u32, x: &Item, y: &Item) -> Context {
    Context {
        doc,
        unit,
        start: x.start.min(y.start),
        end: x.end.max(y.end),
    }
}

/// Runs `f` on each run of documents in parallel, results in run order; `None` if cancelled.
fn per_run<T: Send>(p: &Prepared, f: impl Fn(&[Item]) -> Option<T> + Sync) -> Option<Vec<T>> {
    let runs: Vec<Option<T>> = p
        .chunks
        .par_windows(2)
        .map(|w| f(&p.items[w[0]..w[1]]))
        .collect();
    runs.into_iter().collect()
}

/// Calls `f` on each document of a run, checking for cancellation and counting progress.
fn docs_of<'a>(run: &'a [Item], ctx: &'a JobCtx) -> impl Iterator<Item = Option<&'a [Item]>> + 'a {
    run.chunk_by(|a, b| a.doc == b.doc)
        .enumerate()
        .map(move |(i, d)| {
            if i % 64 == 63 {
                ctx.progress.done.fetch_add(64, Ordering::Relaxed);
                ctx.wake();
                if ctx.is_cancelled() {
                    return None;
                }
            }
            Some(d)
        })
}

/// First pass: node counts and pair counts; `None` if cancelled.
pub(super) fn count(p: &Prepared, scope: Scope, ctx: &JobCtx) -> Option<Counts> {
    let n = p.entities.len();
    let runs = per_run(p, |run| {
        let mut c = Counts::new(n);
        let mut last_doc = vec![u32::MAX; n];
        let mut firsts = Vec::new();
        for d in docs_of(run, ctx) {
            let d = d?;
            let doc = d[0].doc;
            for it in d {
                let e = it.ent as usize;
                c.mentions[e] += 1;
                if last_doc[e] != doc {
                    last_doc[e] = doc;
                    c.documents[e] += 1;
                }
            }
            match scope {
                Scope::Window(w) => for_window(d, w, |x, y| c.add_pair(x.ent, y.ent, doc)),
                _ => for_units(d, &mut firsts, |u| {
                    c.units_seen += 1;
                    for (i, x) in u.iter().enumerate() {
                        c.units[x.ent as usize] += 1;
                        for y in &u[i + 1..] {
                            c.add_pair(x.ent, y.ent, doc);
                        }
                    }
                }),
            }
        }
        Some(c)
    })?;
    let mut runs = runs.into_iter();
    let mut total = runs.next().unwrap_or_else(|| Counts::new(n));
    for r in runs {
        total.merge(r);
    }
    if let Scope::Window(_) = scope {
        for (&k, p) in &total.pairs {
            total.units[(k >> 32) as usize] += p.count;
            total.units[(k & 0xffff_ffff) as usize] += p.count;
            total.units_seen += p.count as u64;
        }
    }
    Some(total)
}

/// Second pass: the first `max_contexts` contexts of each kept edge, indexed like
/// `kept.edges`; `None` if cancelled.
pub(super) fn contexts(
    p: &Prepared,
    options: &CooccurOptions,
    kept: &Kept,
    ctx: &JobCtx,
) -> Option<Vec<Vec<Context>>> {
    let cap = options.max_contexts;
    let mut out: Vec<Vec<Context>> = vec![Vec::new(); kept.edges.len()];
    if cap == 0 || kept.edges.is_empty() {
        return Some(out);
    }
    let runs = per_run(p, |run| {
        let mut found: Vec<(u32, Context)> = Vec::new();
        let mut taken = vec![0u32; kept.edges.len()];
        let mut firsts = Vec::new();
        let mut near = Vec::new();
        let mut add = |x: &Item, y: &Item, c: Context| {
            if let Some(&e) = kept.index.get(&key(x.ent, y.ent)) {
                let t = &mut taken[e as usize];
                if (*t as usize) < cap {
                    *t += 1;
                    found.push((e, c));
                }
            }
        };
        for d in docs_of(run, ctx) {
            let d = d?;
            let doc = d[0].doc;
            match options.scope {
                Scope::Window(w) => {
                    for_window(d, w, |x, y| add(x, y, context(doc, x.unit, x, y)));
                }
                _ => for_units(d, &mut firsts, |u| {
                    near.clear();
                    near.extend(u.iter().filter(|x| kept.has_edge[x.ent as usize]));
                    for (i, x) in near.iter().enumerate() {
                        for y in &near[i + 1..] {
                            add(x, y, context(doc, x.unit, x, y));
                        }
                    }
                }),
            }
        }
        Some(found)
    })?;
    for run in runs {
        for (e, c) in run {
            let v = &mut out[e as usize];
            if v.len() < cap {
                v.push(c);
            }
        }
    }
    Some(out)
}
