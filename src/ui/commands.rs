//! Commands: what panels and menus ask the app to do. Panels only read shared state; every
//! change goes through a command, applied once per frame after drawing, in one place
//! (`ui::app`).

use crate::analysis::DocId;
use crate::analysis::cooccur::CooccurOptions;
use chrono::NaiveDate;
use std::path::PathBuf;

/// A request from a panel or menu to change the app's state.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Load these folders or files as a new corpus.
    Open(Vec<PathBuf>),
    /// Load the bundled sample corpus.
    OpenSample,
    /// Remove the saved index of the open folder.
    ForgetIndex,
    /// Ask for a folder with the native dialog, then load it.
    PickFolder,
    /// Stop the running load.
    CancelLoad,
    /// Show this document in the Reader.
    SelectDoc(DocId),
    /// Show this document in the Reader without bringing the Reader forward, marking `hit`
    /// (a byte range in its text) if given: the Reader following the Documents list.
    FollowDoc {
        /// The document.
        doc: DocId,
        /// A place to scroll to and mark.
        hit: Option<(usize, usize)>,
    },
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
    /// Forget the user's stop-word additions and removals.
    ClearStopChanges,
    /// Use the larger English stop list, or the standard one.
    SetLargeStoplist(bool),
    /// Leave stop-words out of word lists, or show them.
    SetHideStopwords(bool),
    /// Bars in the Words chart.
    SetWordsTopN(usize),
    /// The colour theme; saved.
    SetTheme(crate::ui::options::Theme),
    /// Co-occurrence options of the Network and Matrix panels, and how many of the most
    /// mentioned entities the network holds.
    SetGraph {
        /// What counts as together, the measure, minimum count and links kept per entity.
        options: CooccurOptions,
        /// Entities in the network.
        entities: usize,
    },
    /// Save the part of the window inside `rect` as a PNG file; the user says where.
    SavePng {
        /// The panel's rectangle, in points.
        rect: egui::Rect,
        /// Suggested file name.
        name: String,
    },
    /// Save an exported file; the user says where.
    Save {
        /// Suggested file name.
        name: String,
        /// The file's content.
        bytes: Vec<u8>,
    },
    /// Show a message in the status bar.
    Message(String),
    /// Select an entity (or clear it with `None`).
    SelectEntity(Option<u32>),
    /// Select the link between two entities to list where they appear together.
    SelectEdge(Option<(u32, u32)>),
    /// Select a link and bring the Concordance forward with the places the pair appears
    /// together.
    ShowLink(u32, u32),
    /// Change the entity list; saved for this corpus.
    EditEntities(EntityEdit),
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
