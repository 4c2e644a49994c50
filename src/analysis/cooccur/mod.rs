//! Entity co-occurrence graph: which entities appear together, how often, and how strongly.
//!
//! [`build_graph`] turns entity mentions ([`MentionRef`]) into an undirected
//! [`petgraph::Graph`] whose nodes are entities and whose edges are co-occurring pairs,
//! scored with an [`Association`] measure.
//!
//! # What counts as a co-occurrence
//!
//! **Sentence, paragraph and document scope.** The units are the sentences (paragraphs,
//! documents) of the corpus; a unit is identified by its document and its index within it.
//! A unit *contains* an entity if at least one mention of the entity lies in it.
//! - O11(x, y) = number of units containing both x and y (so repeated mentions within one
//!   unit count once);
//! - f(x) = number of units containing x;
//! - N = number of units in the selection, from [`UnitTotals`] (raised to the number of units
//!   seen with mentions if smaller, so the table stays consistent).
//!
//! **Window(w).** The units are co-occurrence events: an event is an unordered pair of
//! mentions of two *different* entities in the same document whose token indexes differ by at
//! most w. Every such pair of mentions counts once, so two mentions of x near one mention of
//! y make two events.
//! - O11(x, y) = events pairing x with y;
//! - f(x) = events involving x (= Σ_y O11(x, y));
//! - N = all events in the selection.
//!
//! This is a complete 2×2 table over events (O11 ≤ f(x), f(x) + f(y) − O11 ≤ N), so every
//! measure, including Jaccard and NPMI, keeps its range; token totals are not used.
//!
//! In every scope, an edge's `documents` is the number of documents with at least one
//! co-occurrence, and node `units` is f(x) as above.
//!
//! # Lists are not text
//! A sentence, paragraph or document naming more than [`MAX_UNIT_ENTITIES`] different
//! entities (a list of names, a byline of thousands) adds no pairs and no units: counting
//! its pairs would take time and memory growing with the square of the list, for links that
//! say nothing. The graph says how many units were left out ([`CooccurGraph::crowded`]).
//!
//! # Filtering and pruning
//! A [`Filter`] keeps only mentions in allowed documents (the date selection) and of allowed
//! entities; counts, f(x) and N are then taken on what remains (the caller passes
//! [`UnitTotals`] for the same selection). Edges with O11 < `min_count` are dropped; with
//! `top_k` > 0 an edge is kept if it is among the K best edges (score, then count, then the
//! other entity's id) of either endpoint. Nodes are the entities left with at least one edge.
//!
//! # Contexts
//! Each edge lists where the pair co-occurs ([`Context`]: document, unit, byte range), in
//! (document, unit) order, at most `max_contexts` of them; `count` stays the true total.
//!
//! Output is sorted (nodes by entity id, edges by endpoint ids) and identical whatever the
//! thread count. Counting runs on rayon over entities: each pair (x, y), x < y, is counted
//! from x's units with dense per-thread counters, so no hash map and no merge is needed.

mod contexts;
mod count;
mod index;
mod select;
pub mod seriate;
#[cfg(test)]
mod tests;

use crate::analysis::measures::Association;
use crate::jobs::{JobCtx, Phase};
use petgraph::graph::{NodeIndex, UnGraph};
use serde::{Deserialize, Serialize};

/// One mention of an entity in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct MentionRef {
    /// Entity id: a dense index into the caller's entity table.
    pub entity: u32,
    /// Document id.
    pub doc: u32,
    /// Index of the mention's first token within the document.
    pub token: u32,
    /// Index of its sentence within the document.
    pub sentence: u32,
    /// Index of its paragraph within the document.
    pub paragraph: u32,
    /// Byte offset where the mention starts.
    pub start: u32,
    /// Byte offset where it ends (exclusive).
    pub end: u32,
}

/// Most different entities a sentence, paragraph or document may name and still count.
pub const MAX_UNIT_ENTITIES: usize = 500;

/// Number of units in the selected documents (the whole corpus when nothing is filtered).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UnitTotals {
    /// Sentences.
    pub sentences: u64,
    /// Paragraphs.
    pub paragraphs: u64,
    /// Documents.
    pub documents: u64,
    /// Tokens.
    pub tokens: u64,
}

/// What unit two mentions must share to co-occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Scope {
    /// The same sentence.
    #[default]
    Sentence,
    /// The same paragraph.
    Paragraph,
    /// The same document.
    Document,
    /// At most this many tokens apart in the same document.
    Window(u32),
}

/// How to build the graph.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CooccurOptions {
    /// Unit of co-occurrence.
    pub scope: Scope,
    /// Edge score.
    pub measure: Association,
    /// Smallest co-occurrence count an edge needs.
    pub min_count: u32,
    /// Keep an edge only if it is in the top K of either endpoint; 0 keeps all.
    pub top_k: usize,
    /// Most contexts stored per edge.
    pub max_contexts: usize,
}

impl Default for CooccurOptions {
    fn default() -> Self {
        CooccurOptions {
            scope: Scope::Sentence,
            measure: Association::LogDice,
            min_count: 1,
            top_k: 0,
            max_contexts: 200,
        }
    }
}

/// Which mentions to use; `None` allows everything. Ids beyond a slice's end are not allowed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter<'a> {
    /// Allowed documents, indexed by document id.
    pub docs: Option<&'a [bool]>,
    /// Allowed entities, indexed by entity id.
    pub entities: Option<&'a [bool]>,
}

impl Filter<'_> {
    fn allows(&self, m: &MentionRef) -> bool {
        let ok =
            |set: Option<&[bool]>, i: u32| set.is_none_or(|s| s.get(i as usize) == Some(&true));
        ok(self.docs, m.doc) && ok(self.entities, m.entity)
    }
}

/// An entity in the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeData {
    /// Entity id.
    pub entity: u32,
    /// Mentions in the selection.
    pub mentions: u32,
    /// Documents mentioning it.
    pub documents: u32,
    /// f(x): units containing it (Window scope: co-occurrence events involving it).
    pub units: u32,
}

/// One place where two entities co-occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Context {
    /// Document id.
    pub doc: u32,
    /// Sentence, paragraph index (0 for Document scope), or for Window scope the token index
    /// of the earlier mention.
    pub unit: u32,
    /// Start of the byte range covering one mention of each entity.
    pub start: u32,
    /// End of that range (exclusive).
    pub end: u32,
}

/// A co-occurring pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeData {
    /// O11: co-occurrences (see the module documentation for the scope's definition).
    pub count: u32,
    /// Documents where the pair co-occurs.
    pub documents: u32,
    /// Score by the chosen measure.
    pub score: f64,
    /// Where the pair co-occurs, in document order, at most `max_contexts`.
    pub contexts: Vec<Context>,
}

/// The co-occurrence graph and how it was built.
#[derive(Debug, Clone)]
pub struct CooccurGraph {
    /// Nodes in entity-id order; edges sorted by (lower entity id, higher entity id), each
    /// edge's source being the lower id.
    pub graph: UnGraph<NodeData, EdgeData>,
    /// Options used.
    pub options: CooccurOptions,
    /// Sample size N used for the scores.
    pub n: f64,
    /// Units left out for naming more than [`MAX_UNIT_ENTITIES`] entities.
    pub crowded: usize,
}

impl CooccurGraph {
    /// Node of an entity, if it is in the graph (binary search on the sorted nodes).
    pub fn node(&self, entity: u32) -> Option<NodeIndex> {
        let nodes = self.graph.raw_nodes();
        nodes
            .binary_search_by_key(&entity, |n| n.weight.entity)
            .ok()
            .map(NodeIndex::new)
    }

    /// Edge between two entities, in either order.
    pub fn edge(&self, a: u32, b: u32) -> Option<&EdgeData> {
        let e = self.graph.find_edge(self.node(a)?, self.node(b)?)?;
        self.graph.edge_weight(e)
    }
}

/// Builds the co-occurrence graph of `mentions` (any order); `None` if cancelled.
pub fn build_graph(
    mentions: &[MentionRef],
    totals: &UnitTotals,
    options: &CooccurOptions,
    filter: &Filter<'_>,
    ctx: &JobCtx,
) -> Option<CooccurGraph> {
    let ix = index::Index::new(mentions, options.scope, filter);
    // Counting goes entity by entity.
    ctx.progress
        .set_phase(Phase::Analyzing, ix.entity_count() as u64);
    ctx.wake_now();
    let window = match options.scope {
        Scope::Window(w) => Some(w),
        _ => None,
    };
    let count::Counts { edges, f, seen } = count::count(&ix, window, options.min_count, ctx)?;
    let n = match options.scope {
        Scope::Sentence => totals.sentences as f64,
        Scope::Paragraph => totals.paragraphs as f64,
        Scope::Document => totals.documents as f64,
        Scope::Window(_) => 0.0,
    }
    .max(seen as f64);
    let kept = select::select(edges, &f, options, n);
    if ctx.is_cancelled() {
        return None;
    }
    // Contexts go edge by edge (Window scope: entity by entity).
    let work = match window {
        Some(_) => ix.entity_count(),
        None => kept.edges.len(),
    };
    ctx.progress.set_phase(Phase::Analyzing, work as u64);
    let contexts = contexts::contexts(&ix, window, &kept, options.max_contexts, ctx)?;
    let mut graph = select::assemble(&ix, &f, kept, contexts, *options, n);
    graph.crowded = ix.crowded;
    ctx.progress.set_phase(Phase::Done, 0);
    Some(graph)
}
