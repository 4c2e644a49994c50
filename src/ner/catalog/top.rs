//! The entities most mentioned in a document scope, and the co-occurrence graphs among them:
//! the graph the Network panel draws and the table the Matrix panel colours. The command line
//! calls the same functions, so it prints what the panels show.
//!
//! A scope is a set of documents (a date range, say); `None` is the whole corpus. Entities are
//! ranked by their mentions in the scope, not in the whole corpus, and hidden entities never
//! take part.

use super::{Catalog, EntityId};
use crate::analysis::cooccur::{Context, CooccurGraph, CooccurOptions, Filter, Scope, build_graph};
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

/// What a graph of a scope is built from: the catalog, the corpus and its analysis, and the
/// documents in scope (`None` = all).
#[derive(Clone, Copy)]
pub struct GraphInput<'a> {
    /// Entities and their mentions.
    pub catalog: &'a Catalog,
    /// Word analysis of the corpus (for token totals).
    pub analysis: &'a Analysis,
    /// The corpus (for its number of documents).
    pub corpus: &'a Corpus,
    /// Documents in scope; `None` is every document.
    pub scope: Option<&'a DocSet>,
}

/// The Network panel's graph: co-occurrences among the `cap` visible entities most mentioned
/// in the scope ([`top_in_scope`]), counted in the scope's documents only; with `cap` `None`,
/// among every visible entity. `None` if cancelled.
///
/// The panel passes its entity count (at least 2) as `cap` and its options as they are.
pub fn graph_of_top_entities(
    input: &GraphInput<'_>,
    opts: &CooccurOptions,
    cap: Option<usize>,
    ctx: &JobCtx,
) -> Option<CooccurGraph> {
    let ids = cap.map(|n| top_entities(input, n));
    graph_among(input, opts, ids.as_deref(), ctx)
}

/// The options of the Matrix panel, made from the Network's: every pair seen once counts, no
/// pair is pruned, no contexts are kept. Applying it twice changes nothing.
pub fn matrix_options(opts: &CooccurOptions) -> CooccurOptions {
    CooccurOptions {
        min_count: 1,
        top_k: 0,
        max_contexts: 0,
        ..*opts
    }
}

/// The Matrix panel's data: the `n` visible entities most mentioned in the scope, most first
/// (the rows and columns), and the graph among them built with [`matrix_options`] of `opts`.
/// `None` if cancelled.
pub fn matrix_of_top_entities(
    input: &GraphInput<'_>,
    opts: &CooccurOptions,
    n: usize,
    ctx: &JobCtx,
) -> Option<(Vec<EntityId>, CooccurGraph)> {
    let ids = top_entities(input, n);
    let g = graph_among(input, &matrix_options(opts), Some(&ids), ctx)?;
    Some((ids, g))
}

/// Where two entities appear together in a scope: the first places, how many there are in
/// all, and the documents holding them. The count is the link's count in any graph of the
/// same scope and unit (the Network's tooltip), and the documents are the link's documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkPlaces {
    /// The first places, in document order (at most the `keep` asked for).
    pub places: Vec<Context>,
    /// Places in all.
    pub count: usize,
    /// Every document with at least one place, ascending.
    pub documents: Vec<DocId>,
}

/// Every place where entities `a` and `b` appear together within `unit` in the input's
/// scope, keeping the first `keep` of them; `None` if cancelled.
pub fn link_places(
    input: &GraphInput<'_>,
    unit: Scope,
    (a, b): (EntityId, EntityId),
    keep: usize,
    ctx: &JobCtx,
) -> Option<LinkPlaces> {
    let opts = CooccurOptions {
        scope: unit,
        min_count: 1,
        top_k: 0,
        max_contexts: usize::MAX,
        ..CooccurOptions::default()
    };
    let g = graph_among(input, &opts, Some(&[a, b][..]), ctx)?;
    let mut places = g.edge(a, b).map(|e| e.contexts.clone()).unwrap_or_default();
    let mut documents: Vec<DocId> = places.iter().map(|c| c.doc).collect();
    documents.dedup();
    let count = places.len();
    places.truncate(keep);
    Some(LinkPlaces {
        places,
        count,
        documents,
    })
}

/// The `n` visible entities most mentioned in the input's scope.
fn top_entities(input: &GraphInput<'_>, n: usize) -> Vec<EntityId> {
    let counts = scope_counts(input.catalog, input.scope);
    top_in_scope(input.catalog, &counts, n)
}

/// The co-occurrence graph of the scope among `entities` (every visible entity when `None`).
fn graph_among(
    input: &GraphInput<'_>,
    opts: &CooccurOptions,
    entities: Option<&[EntityId]>,
    ctx: &JobCtx,
) -> Option<CooccurGraph> {
    let cat = input.catalog;
    let keep: Option<Vec<bool>> = entities.map(|ids| {
        let mut keep = vec![false; cat.entities.len()];
        for &e in ids {
            keep[e as usize] = true;
        }
        keep
    });
    let docs: Option<Vec<bool>> = input.scope.map(|s| {
        (0..input.corpus.docs.len() as DocId)
            .map(|d| s.contains(d))
            .collect()
    });
    let filter = Filter {
        docs: docs.as_deref(),
        entities: keep.as_deref(),
    };
    let refs = cat.mention_refs();
    let totals = cat.unit_totals(input.analysis, input.scope);
    build_graph(&refs, &totals, opts, &filter, ctx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::Recognizer;
    use crate::ner::catalog::{Edits, build};

    /// Four documents naming three places and a person from a user list.
    fn setup(edits: &Edits) -> (Corpus, Analysis, Catalog) {
        let (c, a) = crate::analysis::test_analysis(&[
            "Geneva and Oslo met. Geneva and Oslo agreed. Geneva and Lima too.",
            "Oslo and Lima met. Teodor Varga and Lima left.",
            "Lima and Geneva talked. Lima again.",
            "Teodor Varga visited Lima.",
        ]);
        let rec = Recognizer::english()
            .with_user_names("Geneva\tPLACE\nOslo\tPLACE\nLima\tPLACE\nTeodor Varga\tPERSON");
        let cat = build(&a, &c, &rec, edits, &JobCtx::detached()).expect("not cancelled");
        (c, a, cat)
    }

    fn id(cat: &Catalog, name: &str) -> EntityId {
        cat.find(name).expect("entity")
    }

    /// Sentence co-occurrence, every pair kept.
    fn opts() -> CooccurOptions {
        CooccurOptions {
            scope: Scope::Sentence,
            min_count: 1,
            ..CooccurOptions::default()
        }
    }

    #[test]
    fn counts_and_ranks_entities_in_the_scope() {
        let (_, _, cat) = setup(&Edits::default());
        let [ge, os, li, tv] = ["Geneva", "Oslo", "Lima", "Teodor Varga"].map(|n| id(&cat, n));
        let all = scope_counts(&cat, None);
        let of = |c: &ScopeCounts| [ge, os, li, tv].map(|e| c[e as usize]);
        assert_eq!(of(&all), [(4, 2), (3, 2), (6, 4), (2, 2)]);
        assert_eq!(top_in_scope(&cat, &all, 3), [li, ge, os]);
        // Documents 1 and 3: Geneva is not mentioned there and is left out.
        let scope = DocSet::from_ids(4, [1, 3]);
        let part = scope_counts(&cat, Some(&scope));
        assert_eq!(of(&part), [(0, 0), (1, 1), (3, 2), (2, 2)]);
        assert_eq!(top_in_scope(&cat, &part, 10), [li, tv, os]);
        // Document 1 alone: Oslo and Varga tie with one mention each, the lower id first.
        let one = scope_counts(&cat, Some(&DocSet::from_ids(4, [1])));
        assert_eq!(top_in_scope(&cat, &one, 10), [li, os.min(tv), os.max(tv)]);
        assert_eq!(top_in_scope(&cat, &one, 1), [li]);
    }

    #[test]
    fn hidden_entities_are_never_ranked() {
        let mut ed = Edits::default();
        ed.hidden.insert("lima".into());
        let (_, _, cat) = setup(&ed);
        let [ge, os, tv] = ["Geneva", "Oslo", "Teodor Varga"].map(|n| id(&cat, n));
        let counts = scope_counts(&cat, None);
        assert_eq!(top_in_scope(&cat, &counts, 10), [ge, os, tv]);
    }

    #[test]
    fn graph_keeps_the_top_entities_of_the_scope() {
        let (c, a, cat) = setup(&Edits::default());
        let [ge, os, li, tv] = ["Geneva", "Oslo", "Lima", "Teodor Varga"].map(|n| id(&cat, n));
        let ctx = JobCtx::detached();
        let whole = GraphInput {
            catalog: &cat,
            analysis: &a,
            corpus: &c,
            scope: None,
        };
        let count = |g: &CooccurGraph, x, y| g.edge(x, y).map(|e| e.count);
        let g = graph_of_top_entities(&whole, &opts(), None, &ctx).expect("graph");
        assert_eq!(g.graph.node_count(), 4);
        assert_eq!(g.graph.edge_count(), 4);
        assert_eq!(count(&g, ge, os), Some(2));
        assert_eq!(count(&g, li, tv), Some(2));
        assert_eq!(count(&g, os, tv), None);
        // The two most mentioned, Lima and Geneva, and their pair only.
        let g = graph_of_top_entities(&whole, &opts(), Some(2), &ctx).expect("graph");
        assert_eq!(g.graph.node_count(), 2);
        assert_eq!(count(&g, li, ge), Some(2));
        // In documents 1 and 3, Geneva is gone; counts and N are of those documents only.
        let scope = DocSet::from_ids(4, [1, 3]);
        let part = GraphInput {
            scope: Some(&scope),
            ..whole
        };
        let g = graph_of_top_entities(&part, &opts(), Some(10), &ctx).expect("graph");
        assert!(g.node(ge).is_none());
        assert_eq!(count(&g, li, tv), Some(2));
        assert_eq!(count(&g, os, li), Some(1));
        assert_eq!(g.n, 3.0);
        // Cut to two in that scope: Lima and Varga.
        let g = graph_of_top_entities(&part, &opts(), Some(2), &ctx).expect("graph");
        assert_eq!(g.graph.node_count(), 2);
        assert!(g.node(os).is_none());
    }

    #[test]
    fn a_link_lists_every_place_of_its_unit_and_its_documents() {
        let (c, a, cat) = setup(&Edits::default());
        let [ge, os, li] = ["Geneva", "Oslo", "Lima"].map(|n| id(&cat, n));
        let ctx = JobCtx::detached();
        let input = GraphInput {
            catalog: &cat,
            analysis: &a,
            corpus: &c,
            scope: None,
        };
        // Geneva and Oslo share two sentences of document 0.
        let p = link_places(&input, Scope::Sentence, (ge, os), 10, &ctx).expect("places");
        assert_eq!((p.count, p.documents.as_slice()), (2, &[0][..]));
        // Lima and Geneva: a sentence of document 0 and one of document 2; by document,
        // the same two documents; only the first place kept, the count stays whole.
        let p = link_places(&input, Scope::Sentence, (li, ge), 1, &ctx).expect("places");
        assert_eq!((p.count, p.places.len()), (2, 1));
        assert_eq!(p.documents, [0, 2]);
        let g = graph_of_top_entities(&input, &opts(), None, &ctx).expect("graph");
        assert_eq!(g.edge(li, ge).map(|e| e.count as usize), Some(p.count));
        let p = link_places(&input, Scope::Document, (li, os), 10, &ctx).expect("places");
        assert_eq!((p.count, p.documents.as_slice()), (2, &[0, 1][..]));
        // In documents 1 and 3 only, Geneva never meets Lima.
        let scope = DocSet::from_ids(4, [1, 3]);
        let part = GraphInput {
            scope: Some(&scope),
            ..input
        };
        let p = link_places(&part, Scope::Sentence, (li, ge), 10, &ctx).expect("places");
        assert_eq!(p, LinkPlaces::default());
    }

    #[test]
    fn matrix_lists_the_top_entities_in_order_with_every_pair() {
        let (c, a, cat) = setup(&Edits::default());
        let [ge, os, li] = ["Geneva", "Oslo", "Lima"].map(|n| id(&cat, n));
        let input = GraphInput {
            catalog: &cat,
            analysis: &a,
            corpus: &c,
            scope: None,
        };
        let strict = CooccurOptions {
            min_count: 5,
            top_k: 1,
            ..opts()
        };
        let ctx = JobCtx::detached();
        let net = graph_of_top_entities(&input, &strict, Some(3), &ctx).expect("graph");
        assert_eq!(net.graph.edge_count(), 0);
        let (ids, g) = matrix_of_top_entities(&input, &strict, 3, &ctx).expect("matrix");
        assert_eq!(ids, [li, ge, os]);
        // Pairs seen once or twice are kept whatever the Network's minimum and top K.
        assert_eq!(g.graph.edge_count(), 3);
        assert_eq!(g.edge(os, li).map(|e| e.count), Some(1));
        assert_eq!(g.options, matrix_options(&strict));
        assert_eq!(matrix_options(&g.options), g.options);
        assert_eq!((g.options.min_count, g.options.top_k), (1, 0));
        assert_eq!(g.options.max_contexts, 0);
    }
}
