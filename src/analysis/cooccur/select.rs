//! Scoring and pruning of counted pairs, and assembly of the final graph.

use super::count::{Counts, Prepared, key};
use super::{Context, CooccurGraph, CooccurOptions, EdgeData, NodeData};
use petgraph::graph::{NodeIndex, UnGraph};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::cmp::Ordering;

/// An edge that passed `min_count` and `top_k`, between local ids `a < b`.
#[derive(Debug, Clone, Copy)]
pub(super) struct KeptEdge {
    pub a: u32,
    pub b: u32,
    pub count: u32,
    pub docs: u32,
    pub score: f64,
}

/// Edges kept, sorted by (a, b), with a lookup by pair key.
pub(super) struct Kept {
    pub edges: Vec<KeptEdge>,
    /// Pair key to index in `edges`.
    pub index: FxHashMap<u64, u32>,
    /// Whether each local entity has a kept edge.
    pub has_edge: Vec<bool>,
}

/// Scores every pair with at least `min_count` co-occurrences and keeps the top K per node.
pub(super) fn select(counts: &Counts, p: &Prepared, options: &CooccurOptions, n: f64) -> Kept {
    let f = &counts.units;
    let mut edges: Vec<KeptEdge> = counts
        .pairs
        .par_iter()
        .filter(|(_, acc)| acc.count >= options.min_count.max(1))
        .map(|(&k, acc)| {
            let (a, b) = ((k >> 32) as u32, (k & 0xffff_ffff) as u32);
            let score = options.measure.score(
                acc.count as f64,
                f[a as usize] as f64,
                f[b as usize] as f64,
                n,
            );
            KeptEdge {
                a,
                b,
                count: acc.count,
                docs: acc.docs,
                score,
            }
        })
        .collect();
    edges.par_sort_unstable_by_key(|e| (e.a, e.b));
    if options.top_k > 0 {
        edges = top_k(edges, p.entities.len(), options.top_k);
    }
    let mut has_edge = vec![false; p.entities.len()];
    let mut index = FxHashMap::default();
    index.reserve(edges.len());
    for (i, e) in edges.iter().enumerate() {
        has_edge[e.a as usize] = true;
        has_edge[e.b as usize] = true;
        index.insert(key(e.a, e.b), i as u32);
    }
    Kept {
        edges,
        index,
        has_edge,
    }
}

/// Better first: higher score, then higher count, then lower id of the other endpoint.
fn rank(x: &KeptEdge, y: &KeptEdge, other_x: u32, other_y: u32) -> Ordering {
    y.score
        .total_cmp(&x.score)
        .then(y.count.cmp(&x.count))
        .then(other_x.cmp(&other_y))
}

/// Keeps the edges that are among the `k` best of either endpoint (order preserved).
fn top_k(edges: Vec<KeptEdge>, nodes: usize, k: usize) -> Vec<KeptEdge> {
    // Incident edges of each node, as a compressed adjacency list.
    let mut start = vec![0usize; nodes + 1];
    for e in &edges {
        start[e.a as usize + 1] += 1;
        start[e.b as usize + 1] += 1;
    }
    for i in 0..nodes {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut adj = vec![0u32; start[nodes]];
    for (i, e) in edges.iter().enumerate() {
        for v in [e.a, e.b] {
            adj[fill[v as usize]] = i as u32;
            fill[v as usize] += 1;
        }
    }
    let best: Vec<Vec<u32>> = (0..nodes)
        .into_par_iter()
        .map(|v| {
            let mut inc = adj[start[v]..start[v + 1]].to_vec();
            let other = |i: u32| {
                let e = &edges[i as usize];
                if e.a as usize == v { e.b } else { e.a }
            };
            if inc.len() > k {
                inc.select_nth_unstable_by(k - 1, |&i, &j| {
                    rank(&edges[i as usize], &edges[j as usize], other(i), other(j))
                });
                inc.truncate(k);
            }
            inc
        })
        .collect();
    let mut keep = vec![false; edges.len()];
    for i in best.into_iter().flatten() {
        keep[i as usize] = true;
    }
    edges
        .into_iter()
        .zip(keep)
        .filter_map(|(e, k)| k.then_some(e))
        .collect()
}

/// Builds the graph: nodes with an edge, in entity order; edges in (a, b) order.
pub(super) fn assemble(
    counts: &Counts,
    p: &Prepared,
    kept: Kept,
    contexts: Vec<Vec<Context>>,
    options: CooccurOptions,
    n: f64,
) -> CooccurGraph {
    let node_count = kept.has_edge.iter().filter(|&&h| h).count();
    let mut graph = UnGraph::with_capacity(node_count, kept.edges.len());
    let mut node_of = vec![NodeIndex::end(); p.entities.len()];
    for (l, &entity) in p.entities.iter().enumerate() {
        if kept.has_edge[l] {
            node_of[l] = graph.add_node(NodeData {
                entity,
                mentions: counts.mentions[l],
                documents: counts.documents[l],
                units: counts.units[l],
            });
        }
    }
    for (e, ctxs) in kept.edges.iter().zip(contexts) {
        graph.add_edge(
            node_of[e.a as usize],
            node_of[e.b as usize],
            EdgeData {
                count: e.count,
                documents: e.docs,
                score: e.score,
                contexts: ctxs,
            },
        );
    }
    CooccurGraph { graph, options, n }
}
