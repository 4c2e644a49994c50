//! The store of values derived from the corpus and the selection, shared by every panel: word
//! counts over the date range, stem groups, the selected word's hits, recognised mentions, the
//! entity catalog, the co-occurrence graph and the places of the selected link. Each value is computed in the background and
//! keyed by a named struct of exactly what it depends on, so a change to anything else leaves
//! it alone. Requests take `&self`, so panels ask for values through their read-only context.

use crate::analysis::cooccur::{CooccurGraph, CooccurOptions, Scope};
use crate::analysis::counts::Counts;
use crate::analysis::kwic::Hit;
use crate::analysis::stems::Stems;
use crate::ner::catalog::top::LinkPlaces;
use crate::ner::catalog::{Catalog, Recognised};
use crate::ui::derived::Derived;
use chrono::NaiveDate;
use std::cell::RefCell;
use std::sync::Arc;

/// A loaded corpus: bumped each time one loads, so nothing of the previous one is reused.
pub type CorpusKey = u64;

/// The documents values are computed over: a corpus and a date range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ScopeKey {
    /// The corpus.
    pub corpus: CorpusKey,
    /// The selection's date range (`None` = every document).
    pub dates: Option<(NaiveDate, NaiveDate)>,
}

/// A word-list view over a scope with a given stop list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WordsKey {
    /// Counts of this scope.
    pub scope: ScopeKey,
    /// Version of the stop-word flags.
    pub stop: u64,
}

/// Hits of a query in a scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct HitsKey {
    /// Where to look.
    pub scope: ScopeKey,
    /// The word, phrase, wildcard or regular expression.
    pub query: String,
}

/// Mentions found in a corpus with the user's list of names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NamesKey {
    /// The corpus.
    pub corpus: CorpusKey,
    /// Hash of the names always recognised.
    pub names: u64,
}

/// Entities of a corpus: its mentions grouped with the user's corrections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CatalogKey {
    /// The mentions grouped.
    pub names: NamesKey,
    /// Version of the user's corrections.
    pub edits: u64,
}

/// The co-occurrence graph of the entities most mentioned in a scope.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GraphKey {
    /// Documents and their dates.
    pub scope: ScopeKey,
    /// The catalog the graph is drawn from.
    pub catalog: CatalogKey,
    /// What counts as together and how links are weighted.
    pub options: CooccurOptions,
    /// How many of the most mentioned entities it holds.
    pub entities: usize,
}

/// The places where the two entities of a link appear together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LinkKey {
    /// Documents and their dates.
    pub scope: ScopeKey,
    /// The catalog the entities come from.
    pub catalog: CatalogKey,
    /// What counts as together (the graph options' scope).
    pub unit: Scope,
    /// The two entities, lower id first.
    pub pair: (u32, u32),
}

/// Values computed in the background, each behind its own key.
#[derive(Default)]
pub struct Store {
    /// Word counts over a scope.
    pub(crate) counts: RefCell<Derived<ScopeKey, Counts>>,
    /// Stem groups of a corpus's vocabulary.
    pub(crate) stems: RefCell<Derived<CorpusKey, Stems>>,
    /// Hits of the selected word or phrase in the scope.
    pub(crate) hits: RefCell<Derived<HitsKey, Vec<Hit>>>,
    /// Mentions recognised in the corpus; corrections regroup them without recognising again.
    pub(crate) recognised: RefCell<Derived<NamesKey, Recognised>>,
    /// Entities of the corpus.
    pub(crate) catalog: RefCell<Derived<CatalogKey, Catalog>>,
    /// The co-occurrence graph of the Network panel.
    pub(crate) graph: RefCell<Derived<GraphKey, CooccurGraph>>,
    /// Where the selected link's two entities appear together.
    pub(crate) link: RefCell<Derived<LinkKey, LinkPlaces>>,
}

impl Store {
    /// Whether entities are being recognised or grouped (collecting finished jobs first).
    pub fn entities_running(&self) -> bool {
        let mut r = self.recognised.borrow_mut();
        let mut c = self.catalog.borrow_mut();
        r.poll();
        c.poll();
        r.is_running() || c.is_running()
    }

    /// The latest entity catalog, possibly from before the newest corrections.
    pub fn catalog_latest(&self) -> Option<Arc<Catalog>> {
        self.catalog.borrow().value().cloned()
    }

    /// The latest co-occurrence graph and the key it was computed for.
    pub fn graph_latest(&self) -> Option<Arc<CooccurGraph>> {
        self.graph.borrow().value().cloned()
    }

    /// The co-occurrence graph only if it was computed for `key`.
    pub fn graph_for(&self, key: &GraphKey) -> Option<Arc<CooccurGraph>> {
        self.graph.borrow().value_for(key).cloned()
    }

    /// Whether the co-occurrence graph is being computed.
    pub fn graph_running(&self) -> bool {
        let mut g = self.graph.borrow_mut();
        g.poll();
        g.is_running()
    }

    /// Word counts only if they were computed for `key`.
    pub fn counts_for(&self, key: &ScopeKey) -> Option<Arc<Counts>> {
        self.counts.borrow().value_for(key).cloned()
    }
}
