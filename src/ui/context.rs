//! What a panel reads while it draws: the loaded corpus, the selection, the date range's
//! documents, the stop-word flags, the saved options and the store of derived values. All of
//! it is borrowed read-only for one frame; a panel changes shared state only by pushing
//! commands. Asking the store for a value starts its background job when the key is new.

use crate::analysis::cooccur::CooccurGraph;
use crate::analysis::counts::Counts;
use crate::analysis::docset::DocSet;
use crate::analysis::kwic::{Hit, Query};
use crate::analysis::stems::Stems;
use crate::jobs::{JobCtx, Waker};
use crate::ner::Recognizer;
use crate::ner::catalog::top::{GraphInput, LinkPlaces, graph_of_top_entities, link_places};
use crate::ner::catalog::{Catalog, Recognised};
use crate::ui::options::Options;
use crate::ui::session::{GraphSettings, Loaded, Selection, Session, StopList};
use crate::ui::store::{
    CatalogKey, CorpusKey, GraphKey, HitsKey, LinkKey, NamesKey, ScopeKey, Store, WordsKey,
};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

/// A panel's read-only view of the app for one frame.
pub struct Ctx<'a> {
    /// The corpus, once loaded.
    pub loaded: Option<&'a Loaded>,
    /// Whether a folder is being loaded.
    pub loading: bool,
    /// The loaded corpus's key.
    pub corpus: CorpusKey,
    /// The shared selection.
    pub selection: &'a Selection,
    /// Documents in the selection's date range (`None` = all documents).
    pub scope: Option<&'a Arc<DocSet>>,
    /// Stop-word flags.
    pub stop: &'a StopList,
    /// Version of the user's entity corrections.
    pub edits_version: u64,
    /// Co-occurrence options of the Network and Matrix panels.
    pub graph: &'a GraphSettings,
    /// Saved view options.
    pub options: &'a Options,
    /// Recently opened folders.
    pub recent: &'a [PathBuf],
    /// Derived values.
    pub store: &'a Store,
    /// Wakes the window when a background value arrives.
    pub waker: &'a Waker,
    /// The documents the Documents panel lists, in its order (set by the app each frame).
    pub listed: Option<Arc<Vec<crate::analysis::DocId>>>,
    /// The user's entity corrections (for the catalog job).
    edits: &'a crate::ner::catalog::Edits,
}

impl<'a> Ctx<'a> {
    /// Borrows the session and the saved options for one frame.
    pub fn new(s: &'a Session, options: &'a Options, recent: &'a [PathBuf], loading: bool) -> Self {
        Self {
            loaded: s.loaded.as_ref(),
            loading,
            corpus: s.corpus,
            selection: &s.selection,
            scope: s.scope.as_ref(),
            stop: &s.stop,
            edits_version: s.edits_version,
            graph: &s.graph,
            options,
            recent,
            store: &s.store,
            waker: &s.waker,
            edits: &s.edits,
            listed: None,
        }
    }

    /// The same context, knowing the documents the Documents panel lists.
    pub fn with_listed(mut self, rows: Arc<Vec<crate::analysis::DocId>>) -> Self {
        self.listed = Some(rows);
        self
    }

    /// The corpus and date range values are computed over.
    pub fn scope_key(&self) -> ScopeKey {
        ScopeKey {
            corpus: self.corpus,
            dates: self.selection.dates,
        }
    }

    /// The scope together with the stop-word flags, for word lists.
    pub fn words_key(&self) -> WordsKey {
        WordsKey {
            scope: self.scope_key(),
            stop: self.stop.version,
        }
    }

    /// The date range's documents, if a range is set.
    pub fn scope_docs(&self) -> Option<Arc<DocSet>> {
        self.scope.cloned()
    }

    /// Whether a word counts as a stop-word now.
    pub fn is_stop(&self, t: crate::analysis::TermId) -> bool {
        self.stop.is_stop(t)
    }

    /// Word counts over the scope, once computed; possibly for an older scope while the new
    /// one is counted (see [`Ctx::counts_now`]).
    pub fn counts(&self) -> Option<Arc<Counts>> {
        let l = self.loaded?.clone();
        let key = self.scope_key();
        let scope = self.scope_docs();
        let mut d = self.store.counts.borrow_mut();
        d.request(&key, self.waker, move || {
            move |ctx: &JobCtx| match scope {
                Some(s) => crate::analysis::counts::counts(&l.analysis, &s, true, ctx),
                None => Some(Counts::whole(&l.analysis)),
            }
        });
        d.value().cloned()
    }

    /// Word counts of the current scope only: `None` while they are being counted.
    pub fn counts_now(&self) -> Option<Arc<Counts>> {
        self.counts()?;
        self.store.counts_for(&self.scope_key())
    }

    /// Stem groups of the vocabulary, once computed.
    pub fn stems(&self) -> Option<Arc<Stems>> {
        let l = self.loaded?.clone();
        let mut d = self.store.stems.borrow_mut();
        d.request(&self.corpus, self.waker, move || {
            move |_: &JobCtx| Some(Stems::build(&l.analysis))
        });
        d.value_for(&self.corpus).cloned()
    }

    /// Hits of the selected word or phrase within the scope, once computed.
    pub fn selected_hits(&self) -> Option<Arc<Vec<Hit>>> {
        let l = self.loaded?.clone();
        let word = self.selection.word.clone()?;
        let key = HitsKey {
            scope: self.scope_key(),
            query: word.clone(),
        };
        let scope = self.scope_docs();
        let mut d = self.store.hits.borrow_mut();
        d.request(&key, self.waker, move || {
            move |_: &JobCtx| {
                let q = Query::parse(&word, &l.analysis).ok()?;
                if !l.analysis.has_tokens() {
                    // Counts without texts (exported tables): each document holding every
                    // word of the query stands for its hits.
                    let docs = crate::analysis::kwic::candidates(&l.analysis, &q, scope.as_deref());
                    return Some(
                        docs.into_iter()
                            .map(|doc| Hit {
                                doc,
                                pos: 0,
                                len: 0,
                            })
                            .collect(),
                    );
                }
                Some(crate::analysis::kwic::search(
                    &l.analysis,
                    &q,
                    scope.as_deref(),
                ))
            }
        });
        d.value_for(&key).cloned()
    }

    /// Key of the mentions: the corpus and the names always recognised.
    fn names_key(&self) -> NamesKey {
        let mut h = std::hash::DefaultHasher::new();
        self.options.user_names.hash(&mut h);
        NamesKey {
            corpus: self.corpus,
            names: h.finish(),
        }
    }

    /// Key of the entity catalog: mentions and corrections.
    pub fn catalog_key(&self) -> CatalogKey {
        CatalogKey {
            names: self.names_key(),
            edits: self.edits_version,
        }
    }

    /// Mentions recognised with the user's current name list, once found.
    fn recognised(&self) -> Option<Arc<Recognised>> {
        let l = self.loaded?.clone();
        if let Some(t) = &l.tables {
            return Some(t.mentions.clone());
        }
        let key = self.names_key();
        let names = &self.options.user_names;
        let mut d = self.store.recognised.borrow_mut();
        d.request(&key, self.waker, || {
            let names = names.clone();
            move |ctx: &JobCtx| {
                let custom;
                let rec = if names.trim().is_empty() {
                    Recognizer::english()
                } else {
                    custom = Recognizer::english().with_user_names(&names);
                    &custom
                };
                crate::index::recognise_saved(&l.corpus, rec, &names, &l.index, ctx)
            }
        });
        d.value_for(&key).cloned()
    }

    /// The entity catalog; the latest one (possibly before the newest corrections). Mentions
    /// are recognised once per corpus and name list; corrections only regroup them.
    pub fn catalog(&self) -> Option<Arc<Catalog>> {
        let l = self.loaded?.clone();
        let key = self.catalog_key();
        if let Some(found) = self.recognised() {
            let edits = self.edits;
            self.store
                .catalog
                .borrow_mut()
                .request(&key, self.waker, || {
                    let edits = edits.clone();
                    move |ctx: &JobCtx| {
                        crate::ner::catalog::group(&found, &l.analysis, &l.corpus, &edits, ctx)
                    }
                });
        }
        // The store is emptied when a corpus loads, so this is never another corpus's catalog.
        self.store.catalog_latest()
    }

    /// Key of the Network panel's graph with the current options.
    pub fn graph_key(&self) -> GraphKey {
        GraphKey {
            scope: self.scope_key(),
            catalog: self.catalog_key(),
            options: self.graph.options,
            entities: self.graph.entities.max(2),
        }
    }

    /// The co-occurrence graph of the entities most mentioned in the scope (the latest one,
    /// possibly for older options while the new one is built), with its catalog.
    pub fn graph(&self) -> Option<(Arc<Catalog>, Arc<CooccurGraph>)> {
        let cat = self.catalog()?;
        let l = self.loaded?.clone();
        let key = self.graph_key();
        let scope = self.scope_docs();
        let c2 = cat.clone();
        self.store
            .graph
            .borrow_mut()
            .request(&key, self.waker, move || {
                move |ctx: &JobCtx| {
                    let input = GraphInput {
                        catalog: &c2,
                        analysis: &l.analysis,
                        corpus: &l.corpus,
                        scope: scope.as_deref(),
                    };
                    graph_of_top_entities(&input, &key.options, Some(key.entities), ctx)
                }
            });
        let g = self.store.graph_latest()?;
        Some((cat, g))
    }

    /// Key of the selected link's places, if a link is selected.
    pub fn link_key(&self) -> Option<LinkKey> {
        let (a, b) = self.selection.edge?;
        Some(LinkKey {
            scope: self.scope_key(),
            catalog: self.catalog_key(),
            unit: self.graph.options.scope,
            pair: (a.min(b), a.max(b)),
        })
    }

    /// Where the selected link's entities appear together within the graph options' unit, in
    /// the scope: only for the current selection, `None` while they are found.
    pub fn link_places(&self) -> Option<Arc<LinkPlaces>> {
        let key = self.link_key()?;
        self.catalog()?;
        let cat = self
            .store
            .catalog
            .borrow()
            .value_for(&key.catalog)
            .cloned()?;
        let l = self.loaded?.clone();
        let scope = self.scope_docs();
        let mut d = self.store.link.borrow_mut();
        d.request(&key, self.waker, move || {
            move |ctx: &JobCtx| {
                let input = GraphInput {
                    catalog: &cat,
                    analysis: &l.analysis,
                    corpus: &l.corpus,
                    scope: scope.as_deref(),
                };
                link_places(&input, key.unit, key.pair, LINK_PLACES_KEPT, ctx)
            }
        });
        d.value_for(&key).cloned()
    }
}

/// Most places of a link kept for the Concordance to list.
pub const LINK_PLACES_KEPT: usize = 10_000;
