//! Scoring and pruning of counted pairs, and assembly of the final graph.

use super::count::Candidate;
use super::index::Index;
use super::{Context, CooccurGraph, CooccurOptions, EdgeData, NodeData};
use petgraph::graph::{NodeIndex, UnGraph};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::ops::Range;

/// An edge that passed `min_count` and `top_k`, between local ids `a < b`.
#[derive(Debug, Clone, Copy)]
pub(super) struct KeptEdge {
    pub a: u32,
    pub b: u32,
    pub count: u32,
    pub docs: u32,
    pub score: f64,
}

/// Edges kept, sorted by (a, b).
pub(super) struct Kept {
    pub edges: Vec<KeptEdge>,
    /// Where the edges of each lower endpoint start in `edges` (one more entry than entities).
    a_start: Vec<u32>,
    /// Whether each local entity has a kept edge.
    pub has_edge: Vec<bool>,
}

impl Kept {
    /// Indexes in `edges` of the edges whose lower endpoint is `a`.
    pub fn of(&self, a: usize) -> Range<usize> {
        self.a_start[a] as usize..self.a_start[a + 1] as usize
    }
}

/// Scores the counted pairs and keeps the top K per node.
pub(super) fn select(
    candidates: Vec<Candidate>,
    f: &[u32],
    options: &CooccurOptions,
    n: f64,
) -> Kept {
    let nodes = f.len();
    let score = |c: &Candidate| {
        options.measure.score(
            c.count as f64,
            f[c.a as usize] as f64,
            f[c.b as usize] as f64,
            n,
        )
    };
    let mut edges: Vec<KeptEdge> = candidates
        .par_iter()
        .map(|c| KeptEdge {
            a: c.a,
            b: c.b,
            count: c.count,
            docs: c.docs,
            score: score(c),
        })
        .collect();
    drop(candidates);
    if options.top_k > 0 {
        edges = top_k(edges, nodes, options.top_k);
    }
    let mut has_edge = vec![false; nodes];
    let mut a_start = vec![0u32; nodes + 1];
    for e in &edges {
        has_edge[e.a as usize] = true;
        has_edge[e.b as usize] = true;
        a_start[e.a as usize + 1] += 1;
    }
    for i in 0..nodes {
        a_start[i + 1] += a_start[i];
    }
    Kept {
        edges,
        a_start,
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
    ix: &Index,
    f: &[u32],
    kept: Kept,
    contexts: Vec<Vec<Context>>,
    options: CooccurOptions,
    n: f64,
) -> CooccurGraph {
    let node_count = kept.has_edge.iter().filter(|&&h| h).count();
    let mut graph = UnGraph::with_capacity(node_count, kept.edges.len());
    let mut node_of = vec![NodeIndex::end(); ix.entities.len()];
    for (l, &entity) in ix.entities.iter().enumerate() {
        if kept.has_edge[l] {
            node_of[l] = graph.add_node(NodeData {
                entity,
                mentions: ix.mentions[l],
                documents: ix.documents[l],
                units: f[l],
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
    CooccurGraph {
        graph,
        options,
        n,
        crowded: 0,
    }
}
