//! The entities most mentioned in a set of documents, and the co-occurrence graph among them.

use super::{Catalog, EntityId};
use crate::analysis::cooccur::{CooccurGraph, CooccurOptions, Filter, build_graph};
use crate::analysis::docset::DocSet;
use crate::analysis::{Analysis, DocId};
use crate::corpus::Corpus;
use crate::jobs::JobCtx;

/// Mentions and documents of each entity in a scope, indexed by entity id.
pub type ScopeCounts = Vec<(u32, u32)>;

/// Counts every entity's mentions and documents in the documents of `scope` (all when `None`).
pub fn scope_counts(cat: &Catalog, scope: Option<&DocSet>) -> ScopeCounts {
    let mut out = vec![(0u32, 0u32); cat.entities.len()];
    let mut last: Vec<DocId> = vec![DocId::MAX; cat.entities.len()];
    for m in &cat.mentions {
        if scope.is_some_and(|s| !s.contains(m.doc)) {
            continue;
        }
        let e = m.entity as usize;
        out[e].0 += 1;
        if last[e] != m.doc {
            last[e] = m.doc;
            out[e].1 += 1;
        }
    }
    out
}

/// The `n` visible entities most mentioned in the scope, most first (ties by corpus rank);
/// entities not mentioned there are left out.
pub fn top_in_scope(cat: &Catalog, counts: &ScopeCounts, n: usize) -> Vec<EntityId> {
    let mentions = |e: EntityId| counts.get(e as usize).map_or(0, |c| c.0);
    let mut ids: Vec<EntityId> = (0..cat.entities.len() as EntityId)
        .filter(|&e| mentions(e) > 0 && !cat.entities[e as usize].hidden)
        .collect();
    ids.sort_by(|&x, &y| mentions(y).cmp(&mentions(x)).then(x.cmp(&y)));
    ids.truncate(n);
    ids
}

/// The co-occurrence graph among the `cap` entities most mentioned in `scope` (all documents
/// when `None`), counted in the scope's documents only: what the Network and Matrix panels
/// show and `quarry graph --entities` prints. `None` once cancelled.
pub fn graph_of_top_entities(
    cat: &Catalog,
    a: &Analysis,
    c: &Corpus,
    scope: Option<&DocSet>,
    opts: &CooccurOptions,
    cap: usize,
    ctx: &JobCtx,
) -> Option<CooccurGraph> {
    let counts = scope_counts(cat, scope);
    let mut keep = vec![false; cat.entities.len()];
    for e in top_in_scope(cat, &counts, cap) {
        keep[e as usize] = true;
    }
    let docs: Option<Vec<bool>> =
        scope.map(|s| (0..c.docs.len() as DocId).map(|d| s.contains(d)).collect());
    let filter = Filter {
        docs: docs.as_deref(),
        entities: Some(&keep),
    };
    build_graph(
        &cat.mention_refs(),
        &cat.unit_totals(a, scope),
        opts,
        &filter,
        ctx,
    )
}
