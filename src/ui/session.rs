//! Runtime state of one window: the loaded corpus, the shared selection, the document scope it
//! implies, values computed from them in the background, and each panel's view state.
//! Nothing here is persisted; see `settings` for what is.

use crate::analysis::cooccur::{CooccurGraph, CooccurOptions, Filter, build_graph};
use crate::analysis::counts::Counts;
use crate::analysis::docset::DocSet;
use crate::analysis::kwic::{Hit, Query};
use crate::analysis::stems::Stems;
use crate::analysis::{Analysis, DocId, TermId};
use crate::corpus::Corpus;
use crate::jobs::{JobCtx, Waker, no_waker};
use crate::ner::Recognizer;
use crate::ner::catalog::{Catalog, Edits, EntityId, Recognised};
use crate::ui::derived::Derived;
use crate::ui::panels::{
    cloud::CloudView,
    concordance::ConcordanceView,
    documents::DocumentsView,
    entities::{EntitiesView, scope_counts, top_in_scope},
    keywords::KeywordsView,
    matrix::MatrixView,
    network::NetworkView,
    phrases::PhrasesView,
    reader::ReaderView,
    trends::TrendsView,
    words::WordsView,
};
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A corpus with its analysis, shared read-only by every panel.
#[derive(Clone)]
pub struct Loaded {
    /// Documents and problems.
    pub corpus: Arc<Corpus>,
    /// Word counts, postings and the token stream.
    pub analysis: Arc<Analysis>,
}

/// What the user has selected; every panel follows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    /// The document shown in the Reader.
    pub doc: Option<DocId>,
    /// The selected word or phrase (a concordance query); filters Documents.
    pub word: Option<String>,
    /// Only documents dated in this inclusive range.
    pub dates: Option<(NaiveDate, NaiveDate)>,
    /// A place in the Reader's document to scroll to and mark (byte range).
    pub hit: Option<(usize, usize)>,
    /// The selected entity; filters Documents and is marked in the Reader.
    pub entity: Option<EntityId>,
    /// A selected link between two entities, whose contexts are listed.
    pub edge: Option<(EntityId, EntityId)>,
}

/// Key of everything computed for the current corpus and document scope.
pub type ScopeKey = (u64, u64);

/// Inputs of the co-occurrence graph: scope, catalog, options, how many entities.
pub type GraphKey = (ScopeKey, (u64, u64), CooccurOptions, usize);

/// Values computed in the background.
#[derive(Default)]
pub struct DerivedValues {
    /// Word counts over the document scope.
    pub counts: Derived<ScopeKey, Counts>,
    /// Stem groups of the vocabulary.
    pub stems: Derived<u64, Stems>,
    /// Hits of the selected word or phrase in the scope: (key, query text) → hits.
    pub selected_hits: Derived<(ScopeKey, String), Vec<Hit>>,
    /// Mentions recognised in the corpus: (corpus generation, hash of the user's name list)
    /// → mentions. Edits regroup them without recognising again.
    pub recognised: Derived<(u64, u64), Recognised>,
    /// Entities of the corpus: (corpus generation, edits version) → catalog.
    pub catalog: Derived<(u64, u64), Catalog>,
    /// Co-occurrence graph: (scope, catalog key, options, entity cap) → graph.
    pub graph: Derived<GraphKey, CooccurGraph>,
}

impl DerivedValues {
    /// Whether entities are being recognised or grouped (collecting finished jobs first).
    pub fn entities_running(&mut self) -> bool {
        self.recognised.poll();
        self.catalog.poll();
        self.recognised.is_running() || self.catalog.is_running()
    }
}

/// Per-window runtime state.
pub struct Session {
    /// The current corpus, once loaded.
    pub loaded: Option<Loaded>,
    /// Bumped each time a new corpus is loaded, so views can drop caches.
    pub generation: u64,
    /// The shared selection.
    pub selection: Selection,
    /// Documents in the selection's date range (`None` = all documents).
    pub scope: Option<Arc<DocSet>>,
    /// Bumped each time `scope` changes.
    pub scope_generation: u64,
    /// Words the user added to the stop list.
    pub user_stop: BTreeSet<String>,
    /// Stop-words the user wants counted after all.
    pub user_keep: BTreeSet<String>,
    /// Whether each word is a stop-word, with the user's changes applied.
    pub stop: Arc<Vec<bool>>,
    /// The user's corrections to the entity list of this corpus.
    pub entity_edits: Edits,
    /// Bumped each time `entity_edits` or the user's name list changes.
    pub edits_version: u64,
    /// Names the user always wants recognised, one per line with an optional type.
    pub user_names: String,
    /// Co-occurrence options of the Network and Matrix panels.
    pub graph_options: CooccurOptions,
    /// The Network shows this many of the entities most mentioned in the scope.
    pub graph_entities: usize,
    /// Use the larger English stop list.
    pub large_stoplist: bool,
    /// Values computed in the background.
    pub derived: DerivedValues,
    /// Wakes the window when a background value arrives.
    pub waker: Waker,
    /// Documents panel state.
    pub documents: DocumentsView,
    /// Reader panel state.
    pub reader: ReaderView,
    /// Words panel state.
    pub words: WordsView,
    /// Concordance panel state.
    pub concordance: ConcordanceView,
    /// Phrases panel state.
    pub phrases: PhrasesView,
    /// Keywords panel state.
    pub keywords: KeywordsView,
    /// Trends panel state.
    pub trends: TrendsView,
    /// Cloud panel state.
    pub cloud: CloudView,
    /// Entities panel state.
    pub entities: EntitiesView,
    /// Network panel state.
    pub network: NetworkView,
    /// Matrix panel state.
    pub matrix: MatrixView,
    /// Path typed into the Start panel.
    pub path_input: String,
}

impl Default for Session {
    fn default() -> Self {
        Self {
            loaded: None,
            generation: 0,
            selection: Selection::default(),
            scope: None,
            scope_generation: 0,
            user_stop: BTreeSet::new(),
            user_keep: BTreeSet::new(),
            stop: Arc::new(Vec::new()),
            entity_edits: Edits::default(),
            edits_version: 0,
            user_names: String::new(),
            graph_options: CooccurOptions {
                min_count: 2,
                top_k: 12,
                ..CooccurOptions::default()
            },
            graph_entities: 300,
            large_stoplist: false,
            derived: DerivedValues::default(),
            waker: no_waker(),
            documents: DocumentsView::default(),
            reader: ReaderView::default(),
            words: WordsView::default(),
            concordance: ConcordanceView::default(),
            phrases: PhrasesView::default(),
            keywords: KeywordsView::default(),
            trends: TrendsView::default(),
            cloud: CloudView::default(),
            entities: EntitiesView::default(),
            network: NetworkView::default(),
            matrix: MatrixView::default(),
            path_input: String::new(),
        }
    }
}

impl Session {
    /// Replaces the corpus and resets selection and caches.
    pub fn set_loaded(&mut self, loaded: Loaded) {
        let first = (!loaded.corpus.docs.is_empty()).then_some(0);
        self.loaded = Some(loaded);
        self.generation += 1;
        self.selection = Selection {
            doc: first,
            ..Selection::default()
        };
        self.scope = None;
        self.scope_generation += 1;
        self.derived = DerivedValues::default();
        self.edits_version += 1;
        self.documents.invalidate();
        self.reader = ReaderView::default();
        self.rebuild_stop();
    }

    /// Sets the date range of the selection and the document scope that follows from it.
    pub fn set_dates(&mut self, dates: Option<(NaiveDate, NaiveDate)>) {
        if self.selection.dates == dates {
            return;
        }
        self.selection.dates = dates;
        self.scope = match (&self.loaded, dates) {
            (Some(l), Some((from, to))) => Some(Arc::new(
                crate::analysis::trends::date_range_docs(&l.corpus, from, to),
            )),
            _ => None,
        };
        self.scope_generation += 1;
        self.documents.invalidate();
    }

    /// Key of values computed over the current corpus and scope.
    pub fn scope_key(&self) -> ScopeKey {
        (self.generation, self.scope_generation)
    }

    /// Recomputes the stop-word flags after the lists changed.
    pub fn rebuild_stop(&mut self) {
        let Some(l) = &self.loaded else {
            self.stop = Arc::new(Vec::new());
            return;
        };
        let a = &l.analysis;
        let large = self
            .large_stoplist
            .then(crate::analysis::stopwords::StopWords::english_large);
        let flags = a
            .vocab
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if self.user_stop.contains(w) {
                    return true;
                }
                if self.user_keep.contains(w) {
                    return false;
                }
                match &large {
                    Some(l) => l.contains(w),
                    None => a.is_stop[i],
                }
            })
            .collect();
        self.stop = Arc::new(flags);
        self.scope_generation += 1;
    }

    /// Whether a word counts as a stop-word now.
    pub fn is_stop(&self, t: TermId) -> bool {
        self.stop.get(t as usize).copied().unwrap_or(false)
    }

    /// Asks for the word counts over the scope; returns them once computed (possibly for an
    /// older scope while the new one is counted).
    pub fn counts(&mut self) -> Option<Arc<Counts>> {
        let l = self.loaded.clone()?;
        let key = self.scope_key();
        let scope = self.scope.clone();
        self.derived.counts.request(&key, &self.waker, move || {
            move |ctx: &JobCtx| match scope {
                Some(s) => crate::analysis::counts::counts(&l.analysis, &s, true, ctx),
                None => Some(Counts::whole(&l.analysis)),
            }
        });
        self.derived.counts.value().cloned()
    }

    /// Asks for the stem groups; returns them once computed.
    pub fn stems(&mut self) -> Option<Arc<Stems>> {
        let l = self.loaded.clone()?;
        self.derived
            .stems
            .request(&self.generation, &self.waker, move || {
                move |_: &JobCtx| Some(Stems::build(&l.analysis))
            });
        self.derived.stems.value_for(&self.generation).cloned()
    }

    /// Hits of the selected word or phrase within the scope, once computed.
    pub fn selected_hits(&mut self) -> Option<Arc<Vec<Hit>>> {
        let l = self.loaded.clone()?;
        let word = self.selection.word.clone()?;
        let key = (self.scope_key(), word.clone());
        let scope = self.scope.clone();
        self.derived
            .selected_hits
            .request(&key, &self.waker, move || {
                move |_: &JobCtx| {
                    let q = Query::parse(&word, &l.analysis).ok()?;
                    Some(crate::analysis::kwic::search(
                        &l.analysis,
                        &q,
                        scope.as_deref(),
                    ))
                }
            });
        self.derived.selected_hits.value_for(&key).cloned()
    }
}

impl Session {
    /// Key of the entity catalog: corpus and edits.
    pub fn catalog_key(&self) -> (u64, u64) {
        (self.generation, self.edits_version)
    }

    /// Asks for the mentions recognised with the user's current name list.
    fn recognised(&mut self) -> Option<Arc<Recognised>> {
        let l = self.loaded.clone()?;
        let mut h = std::hash::DefaultHasher::new();
        self.user_names.hash(&mut h);
        let key = (self.generation, h.finish());
        let names = &self.user_names;
        self.derived.recognised.request(&key, &self.waker, || {
            let names = names.clone();
            move |ctx: &JobCtx| {
                let custom;
                let rec = if names.trim().is_empty() {
                    Recognizer::english()
                } else {
                    custom = Recognizer::english().with_user_names(&names);
                    &custom
                };
                crate::ner::catalog::recognise(&l.corpus, rec, ctx)
            }
        });
        self.derived.recognised.value_for(&key).cloned()
    }

    /// Asks for the entity catalog; returns the latest one (possibly before the newest edits).
    /// Mentions are recognised once per corpus and name list; edits only regroup them.
    pub fn catalog(&mut self) -> Option<Arc<Catalog>> {
        let l = self.loaded.clone()?;
        let key = self.catalog_key();
        if let Some(found) = self.recognised() {
            let edits = &self.entity_edits;
            self.derived.catalog.request(&key, &self.waker, || {
                let edits = edits.clone();
                move |ctx: &JobCtx| {
                    crate::ner::catalog::group(&found, &l.analysis, &l.corpus, &edits, ctx)
                }
            });
        }
        // Values are cleared when a corpus loads, so this is never another corpus's catalog.
        self.derived.catalog.value().cloned()
    }

    /// Asks for the co-occurrence graph of the scope with the current options.
    pub fn graph(&mut self) -> Option<(Arc<Catalog>, Arc<CooccurGraph>)> {
        let cat = self.catalog()?;
        let l = self.loaded.clone()?;
        let cap = self.graph_entities.max(2);
        let key = (
            self.scope_key(),
            self.catalog_key(),
            self.graph_options,
            cap,
        );
        let scope = self.scope.clone();
        let opts = self.graph_options;
        let c2 = cat.clone();
        self.derived.graph.request(&key, &self.waker, move || {
            move |ctx: &JobCtx| {
                let refs = c2.mention_refs();
                let totals = c2.unit_totals(&l.analysis, scope.as_deref());
                let counts = scope_counts(&c2, scope.as_deref());
                let docs: Option<Vec<bool>> = scope.map(|s| {
                    (0..l.corpus.docs.len() as DocId)
                        .map(|d| s.contains(d))
                        .collect()
                });
                // The entities most mentioned in the scope, not in the whole corpus.
                let mut keep = vec![false; c2.entities.len()];
                for e in top_in_scope(&c2, &counts, cap) {
                    keep[e as usize] = true;
                }
                let filter = Filter {
                    docs: docs.as_deref(),
                    entities: Some(&keep),
                };
                build_graph(&refs, &totals, &opts, &filter, ctx)
            }
        });
        let g = self.derived.graph.value().cloned()?;
        Some((cat, g))
    }
}
