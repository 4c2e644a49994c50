//! Commands: what panels ask the app to do; applied once per frame, after drawing.

use crate::analysis::DocId;
use crate::ui::dock::Tab;
use chrono::NaiveDate;
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
    /// Select a word or phrase (or clear the word selection with `None`).
    SelectWord(Option<String>),
    /// Open a document in the Reader at a hit (byte range in the document's text), marked.
    ShowHit {
        /// The document.
        doc: DocId,
        /// Start of the hit.
        start: usize,
        /// End of the hit.
        end: usize,
    },
    /// Limit every panel to documents dated in this inclusive range (`None` clears it).
    SetDates(Option<(NaiveDate, NaiveDate)>),
    /// Treat a word as a stop-word from now on.
    AddStopWord(String),
    /// Count a word again though it is on a stop list.
    KeepWord(String),
    /// Save the part of the window inside `rect` as a PNG file.
    SavePng {
        /// The panel's rectangle, in points.
        rect: egui::Rect,
        /// Where to save.
        path: PathBuf,
    },
    /// Show a message in the status bar.
    Message(String),
    /// Select an entity (or clear it with `None`).
    SelectEntity(Option<u32>),
    /// Select the link between two entities to list where they appear together.
    SelectEdge(Option<(u32, u32)>),
    /// Change the entity list; saved for this corpus.
    EditEntities(EntityEdit),
    /// Bring a panel to the front (reopening it if it was closed).
    Focus(Tab),
    /// Restore the default panel layout.
    ResetLayout,
}

/// A correction to the entity list, by entity key (normalised name).
#[derive(Debug, Clone, PartialEq)]
pub enum EntityEdit {
    /// Merge the first entity into the second.
    Merge(String, String),
    /// Split an entity off what it was merged into.
    Split(String),
    /// Give an entity a display name.
    Rename(String, String),
    /// Change an entity's type ("PERSON", "ORG", "PLACE", "MISC").
    Retype(String, String),
    /// Hide or show an entity.
    Hide(String, bool),
    /// Replace the user's list of names that are always recognised.
    SetNames(String),
}
