//! The catalog's co-occurrence graph in the neutral form the exporters write.

use super::Catalog;
use crate::analysis::cooccur::CooccurGraph;
use crate::export::{EdgeRow, Network, NodeRow};

/// The co-occurrence graph in the neutral form the exporters write: nodes labelled with entity
/// names and types, edges with the measure's score as weight.
pub fn network(cat: &Catalog, g: &CooccurGraph) -> Network {
    let nodes = g
        .graph
        .raw_nodes()
        .iter()
        .map(|n| {
            let e = &cat.entities[n.weight.entity as usize];
            NodeRow {
                id: n.weight.entity,
                label: e.name.clone(),
                kind: e.kind.label().to_string(),
                mentions: n.weight.mentions as u64,
                documents: n.weight.documents as u64,
                color: Some(e.kind.rgb()),
                position: None,
                wikidata: e.wikidata(),
            }
        })
        .collect();
    let edges = g
        .graph
        .raw_edges()
        .iter()
        .map(|e| {
            let (a, b) = (g.graph[e.source()].entity, g.graph[e.target()].entity);
            EdgeRow {
                source: a.min(b),
                target: a.max(b),
                weight: e.weight.score,
                score: e.weight.score,
                count: e.weight.count as u64,
                documents: e.weight.documents as u64,
            }
        })
        .collect();
    Network {
        measure: g.options.measure.name().to_string(),
        nodes,
        edges,
    }
}
