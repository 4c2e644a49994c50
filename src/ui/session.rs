//! Runtime state of one window: the loaded corpus, the shared selection and each panel's view state.
//! Nothing here is persisted; see `settings` for what is.

use crate::analysis::{Analysis, DocId};
use crate::corpus::Corpus;
use crate::ui::panels::{documents::DocumentsView, reader::ReaderView, words::WordsView};
use std::sync::Arc;

/// A corpus with its analysis, shared read-only by every panel.
#[derive(Clone)]
pub struct Loaded {
    /// Documents and problems.
    pub corpus: Arc<Corpus>,
    /// Word counts and postings.
    pub analysis: Arc<Analysis>,
}

/// What the user has selected; every panel follows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    /// The document shown in the Reader.
    pub doc: Option<DocId>,
    /// The selected word (lowercase); filters Documents.
    pub word: Option<String>,
}

/// Per-window runtime state.
#[derive(Default)]
pub struct Session {
    /// The current corpus, once loaded.
    pub loaded: Option<Loaded>,
    /// Bumped each time a new corpus is loaded, so views can drop caches.
    pub generation: u64,
    /// The shared selection.
    pub selection: Selection,
    /// Documents panel state.
    pub documents: DocumentsView,
    /// Reader panel state.
    pub reader: ReaderView,
    /// Words panel state.
    pub words: WordsView,
    /// Path typed into the Start panel.
    pub path_input: String,
}

impl Session {
    /// Replaces the corpus and resets selection and caches.
    pub fn set_loaded(&mut self, loaded: Loaded) {
        let first = (!loaded.corpus.docs.is_empty()).then_some(0);
        self.loaded = Some(loaded);
        self.generation += 1;
        self.selection = Selection {
            doc: first,
            word: None,
        };
        self.documents.invalidate();
        self.reader = ReaderView::default();
    }
}
