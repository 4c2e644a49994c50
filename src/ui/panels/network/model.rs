//! What the Network panel keeps of one graph for drawing: per-node size, colour and name,
//! edges with normalised weights, neighbours, and the order in which nodes get labels.
//! Built once per graph, so a frame only reads arrays.

use crate::analysis::cooccur::CooccurGraph;
use crate::analysis::layout::{link_weight, score_fraction};
use crate::ner::EntityType;
use crate::ner::catalog::Catalog;
use std::sync::Arc;

/// Smallest and largest node radius, in points at the fitted zoom.
pub const RADIUS: (f32, f32) = (3.0, 15.0);

/// A graph ready to draw.
pub struct Prepared {
    /// The graph it was built from.
    pub graph: Arc<CooccurGraph>,
    /// The catalog its names come from.
    pub catalog: Arc<Catalog>,
    /// Entity of each node.
    pub entity: Vec<u32>,
    /// Type of each node, as an index into [`EntityType::ALL`].
    pub kind: Vec<u8>,
    /// Whether the user hid the entity.
    pub hidden: Vec<bool>,
    /// Radius at the fitted zoom (square root of mentions).
    pub radius: Vec<f32>,
    /// Name length in characters, to size labels before laying them out.
    pub name_chars: Vec<u16>,
    /// Nodes, most mentioned first: the order in which they get labels.
    pub order: Vec<u32>,
    /// Edges as (node, node, weight in 0..=1 from the score's range).
    pub edges: Vec<(u32, u32, f32)>,
    /// Neighbours of node i: `adj[adj_start[i]..adj_start[i + 1]]`.
    adj: Vec<u32>,
    adj_start: Vec<u32>,
    /// Lowest and highest edge score.
    pub score_range: (f64, f64),
    /// Nodes of each type.
    pub per_kind: [usize; 4],
}

impl Prepared {
    /// Reads what drawing needs from the graph and the catalog.
    pub fn new(catalog: Arc<Catalog>, graph: Arc<CooccurGraph>) -> Self {
        let g = &graph.graph;
        let nodes = g.raw_nodes();
        let n = nodes.len();
        let entity: Vec<u32> = nodes.iter().map(|x| x.weight.entity).collect();
        let ent = |e: u32| catalog.entities.get(e as usize);
        let kind: Vec<u8> = entity
            .iter()
            .map(|&e| {
                let k = ent(e).map_or(EntityType::Misc, |x| x.kind);
                EntityType::ALL.iter().position(|&t| t == k).unwrap_or(3) as u8
            })
            .collect();
        let hidden = entity
            .iter()
            .map(|&e| ent(e).is_none_or(|x| x.hidden))
            .collect();
        let name_chars = entity
            .iter()
            .map(|&e| ent(e).map_or(0, |x| x.name.chars().count().min(200)) as u16)
            .collect();
        let max_m = nodes
            .iter()
            .map(|x| x.weight.mentions)
            .max()
            .unwrap_or(1)
            .max(1) as f32;
        let radius = nodes
            .iter()
            .map(|x| RADIUS.0 + (RADIUS.1 - RADIUS.0) * (x.weight.mentions as f32 / max_m).sqrt())
            .collect();
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_by(|&a, &b| {
            nodes[b as usize]
                .weight
                .mentions
                .cmp(&nodes[a as usize].weight.mentions)
                .then(a.cmp(&b))
        });
        let raw = g.raw_edges();
        let (lo, hi) = raw
            .iter()
            .map(|e| e.weight.score)
            .filter(|s| s.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
                (a.min(x), b.max(x))
            });
        let score_range = if lo <= hi { (lo, hi) } else { (0.0, 0.0) };
        let edges = raw
            .iter()
            .map(|e| {
                let t = score_fraction(e.weight.score, score_range);
                (e.source().index() as u32, e.target().index() as u32, t)
            })
            .collect::<Vec<_>>();
        let mut degree = vec![0u32; n + 1];
        for &(a, b, _) in &edges {
            degree[a as usize + 1] += 1;
            degree[b as usize + 1] += 1;
        }
        for i in 0..n {
            degree[i + 1] += degree[i];
        }
        let adj_start = degree;
        let mut fill = adj_start.clone();
        let mut adj = vec![0u32; edges.len() * 2];
        for &(a, b, _) in &edges {
            for (x, y) in [(a, b), (b, a)] {
                adj[fill[x as usize] as usize] = y;
                fill[x as usize] += 1;
            }
        }
        let mut per_kind = [0usize; 4];
        for &k in &kind {
            per_kind[k as usize] += 1;
        }
        Prepared {
            graph,
            catalog,
            entity,
            kind,
            hidden,
            radius,
            name_chars,
            order,
            edges,
            adj,
            adj_start,
            score_range,
            per_kind,
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.entity.len()
    }

    /// Neighbours of a node.
    pub fn neighbours(&self, i: usize) -> &[u32] {
        match (self.adj_start.get(i), self.adj_start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.adj[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Node of an entity.
    pub fn node_of(&self, e: u32) -> Option<usize> {
        self.entity.binary_search(&e).ok()
    }

    /// Display name of a node.
    pub fn name(&self, i: usize) -> &str {
        self.entity
            .get(i)
            .and_then(|&e| self.catalog.entities.get(e as usize))
            .map_or("", |x| x.name.as_str())
    }

    /// Edges for the layout: weights shifted above zero so weak links still pull a little.
    pub fn layout_edges(&self) -> Vec<(u32, u32, f32)> {
        self.edges
            .iter()
            .map(|&(a, b, t)| (a, b, link_weight(t)))
            .collect()
    }

    /// The score at a weight fraction of the score range.
    pub fn score_at(&self, t: f32) -> f64 {
        let (lo, hi) = self.score_range;
        lo + (hi - lo) * t as f64
    }
}
