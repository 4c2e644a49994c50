//! Commands: what panels ask the app to do; applied once per frame, after drawing.

use crate::analysis::DocId;
use crate::ui::dock::Tab;
use std::path::PathBuf;

/// A request from a panel or menu to change the app's state.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Load these folders or files as a new corpus.
    Open(Vec<PathBuf>),
    /// Load the bundled sample corpus.
    OpenSample,
    /// Ask for a folder with the native dialog, then load it.
    PickFolder,
    /// Stop the running load.
    CancelLoad,
    /// Show this document in the Reader.
    SelectDoc(DocId),
    /// Select a word (or clear the word selection with `None`).
    SelectWord(Option<String>),
    /// Bring a panel to the front (reopening it if it was closed).
    Focus(Tab),
    /// Restore the default panel layout.
    ResetLayout,
}
