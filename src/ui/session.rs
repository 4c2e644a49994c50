//! Runtime state of one window shared by every panel: the loaded corpus, the selection, the
//! documents of its date range, the stop-word flags, the entity corrections, the graph options
//! and the store of derived values. Panels only read it (through `ui::context`); the app
//! changes it when it applies commands. Nothing here is saved; see `ui::settings` for what is.

use crate::analysis::cooccur::CooccurOptions;
use crate::analysis::docset::DocSet;
use crate::analysis::stopwords::StopWords;
use crate::analysis::{Analysis, DocId, TermId};
use crate::corpus::Corpus;
use crate::jobs::{Waker, no_waker};
use crate::ner::catalog::Edits;
use crate::ui::options::StopChoice;
use crate::ui::store::{CorpusKey, ScopeKey, Store};
use chrono::NaiveDate;
use std::sync::Arc;

/// A corpus with its analysis, shared read-only by every panel.
#[derive(Clone)]
pub struct Loaded {
    /// Documents and problems.
    pub corpus: Arc<Corpus>,
    /// Word counts, postings and the token stream.
    pub analysis: Arc<Analysis>,
    /// Where the folder's index and saved mentions are kept.
    pub index: crate::index::Options,
    /// Set when the corpus was opened from exported tables, which hold counts and mentions
    /// but no texts.
    pub tables: Option<Arc<Tables>>,
}

/// What exported tables bring beside the corpus and its counts.
pub struct Tables {
    /// The entity mentions, as exported (recognition is not run again).
    pub mentions: Arc<crate::ner::catalog::Recognised>,
    /// The folder the tables were exported from, when it can be read here.
    pub source: Option<std::path::PathBuf>,
}

impl Loaded {
    /// One line saying why a panel that needs texts shows none, for a corpus opened from
    /// exported tables; `None` when texts are at hand.
    pub fn texts_note(&self) -> Option<String> {
        let t = self.tables.as_ref()?;
        Some(match &t.source {
            Some(s) => format!(
                "Opened from exported tables, which hold counts but no texts: documents are read from {} when shown.",
                s.display()
            ),
            None => "Opened from exported tables, which hold counts but no texts, and the folder they were exported from cannot be read here.".to_string(),
        })
    }
}

/// What the concordance lists: the thing selected last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Latest {
    /// Nothing chosen yet.
    #[default]
    Nothing,
    /// A word or phrase.
    Word,
    /// An entity.
    Entity,
    /// A link between two entities.
    Link,
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
    pub entity: Option<u32>,
    /// A selected link between two entities, whose contexts are listed.
    pub edge: Option<(u32, u32)>,
    /// Which of word, entity or link was chosen last, and a count of such choices, so views
    /// can follow the latest one.
    pub latest: (Latest, u64),
}

impl Selection {
    /// Notes that a word, entity or link was just chosen.
    pub fn chose(&mut self, what: Latest) {
        self.latest = (what, self.latest.1 + 1);
    }
}

/// Stop-word flags of the corpus's vocabulary with the user's changes applied.
#[derive(Debug, Clone, Default)]
pub struct StopList {
    /// Whether each word (by id) counts as a stop-word.
    pub flags: Arc<Vec<bool>>,
    /// Bumped each time the flags change.
    pub version: u64,
}

impl StopList {
    /// Whether a word counts as a stop-word now.
    pub fn is_stop(&self, t: TermId) -> bool {
        self.flags.get(t as usize).copied().unwrap_or(false)
    }
}

/// Options of the co-occurrence graph shown by the Network and Matrix panels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GraphSettings {
    /// What counts as together, the measure, the minimum count and links kept per entity.
    pub options: CooccurOptions,
    /// The network holds this many of the entities most mentioned in the date range.
    pub entities: usize,
    /// Whether the user set the minimum count; until then it follows the corpus's size.
    pub min_count_chosen: bool,
}

/// Corpora of at most this many documents count every pair seen together once: in a story or
/// two, most pairs of names meet once, and a minimum of two would leave nearly none.
pub const FEW_DOCUMENTS: usize = 5;

impl GraphSettings {
    /// The minimum count that suits a corpus of `documents` when the user has not chosen one.
    pub fn default_min_count(documents: usize) -> u32 {
        if documents <= FEW_DOCUMENTS { 1 } else { 2 }
    }
}

impl Default for GraphSettings {
    fn default() -> Self {
        Self {
            options: CooccurOptions {
                min_count: 2,
                top_k: 12,
                ..CooccurOptions::default()
            },
            entities: 300,
            min_count_chosen: false,
        }
    }
}

/// Per-window runtime state.
pub struct Session {
    /// The current corpus, once loaded.
    pub loaded: Option<Loaded>,
    /// Bumped each time a corpus is loaded.
    pub corpus: CorpusKey,
    /// The shared selection.
    pub selection: Selection,
    /// Documents in the selection's date range (`None` = all documents).
    pub scope: Option<Arc<DocSet>>,
    /// Stop-word flags.
    pub stop: StopList,
    /// The user's corrections to the entity list of this corpus.
    pub edits: Edits,
    /// Bumped each time `edits` changes.
    pub edits_version: u64,
    /// Co-occurrence options.
    pub graph: GraphSettings,
    /// Values computed in the background.
    pub store: Store,
    /// Wakes the window when a background value arrives.
    pub waker: Waker,
}

impl Default for Session {
    fn default() -> Self {
        Self::new(no_waker())
    }
}

impl Session {
    /// An empty session whose background values wake the window with `waker`.
    pub fn new(waker: Waker) -> Self {
        Self {
            loaded: None,
            corpus: 0,
            selection: Selection::default(),
            scope: None,
            stop: StopList::default(),
            edits: Edits::default(),
            edits_version: 0,
            graph: GraphSettings::default(),
            store: Store::default(),
            waker,
        }
    }

    /// Replaces the corpus and resets the selection, the corrections and the store; the
    /// co-occurrence minimum count follows the corpus's size unless the user set it.
    pub fn set_loaded(&mut self, loaded: Loaded, stop: StopChoice<'_>, edits: Edits) {
        let first = (!loaded.corpus.docs.is_empty()).then_some(0);
        self.loaded = Some(loaded);
        self.corpus += 1;
        self.selection = Selection {
            doc: first,
            ..Selection::default()
        };
        self.scope = None;
        self.store = Store::default();
        if !self.graph.min_count_chosen {
            let docs = self.loaded.as_ref().map_or(0, |l| l.corpus.docs.len());
            self.graph.options.min_count = GraphSettings::default_min_count(docs);
        }
        // The store was emptied, so the catalog is grouped anew with these edits.
        self.edits = edits;
        self.rebuild_stop(stop);
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
    }

    /// The corpus and date range values are computed over.
    pub fn scope_key(&self) -> ScopeKey {
        ScopeKey {
            corpus: self.corpus,
            dates: self.selection.dates,
        }
    }

    /// Recomputes the stop-word flags after the lists changed.
    pub fn rebuild_stop(&mut self, choice: StopChoice<'_>) {
        let flags = match &self.loaded {
            Some(l) => stop_flags(&l.analysis, choice),
            None => Vec::new(),
        };
        if *self.stop.flags != flags {
            self.stop = StopList {
                flags: Arc::new(flags),
                version: self.stop.version + 1,
            };
        }
    }
}

/// Whether each word of the vocabulary is a stop-word under the user's choices.
pub fn stop_flags(a: &Analysis, choice: StopChoice<'_>) -> Vec<bool> {
    let large = choice.large.then(StopWords::english_large);
    a.vocab
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if choice.user_stop.contains(w) {
                return true;
            }
            if choice.user_keep.contains(w) {
                return false;
            }
            match &large {
                Some(l) => l.contains(w),
                None => a.is_stop[i],
            }
        })
        .collect()
}
