//! The dock: which panels exist, their default arrangement, and how each tab is drawn.

use crate::ui::commands::Command;
use crate::ui::panels;
use crate::ui::session::Session;
use egui::{Id, Ui, WidgetText};
use egui_dock::{DockState, NodeIndex, TabViewer};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// A panel of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tab {
    /// Open a folder, recent folders, the sample corpus.
    Start,
    /// Table of documents.
    Documents,
    /// The selected document's text.
    Reader,
    /// Corpus summary.
    Corpus,
    /// Word frequency chart and table.
    Words,
    /// N-grams and collocates.
    Phrases,
    /// Keyness of the selection against the rest.
    Keywords,
    /// Key word in context.
    Concordance,
    /// Word frequency over time, with the date-range brush.
    Trends,
    /// Word cloud.
    Cloud,
    /// People, organisations, places and other names.
    Entities,
    /// Co-occurrence network of the entities.
    Network,
    /// Heat map of the top entities against each other.
    Matrix,
    /// Files skipped or noted.
    Problems,
}

impl Tab {
    /// Every panel, in menu order.
    pub const ALL: [Tab; 14] = [
        Tab::Start,
        Tab::Documents,
        Tab::Reader,
        Tab::Corpus,
        Tab::Words,
        Tab::Phrases,
        Tab::Keywords,
        Tab::Concordance,
        Tab::Trends,
        Tab::Cloud,
        Tab::Entities,
        Tab::Network,
        Tab::Matrix,
        Tab::Problems,
    ];

    /// Title shown on the tab.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Start => "Start",
            Tab::Documents => "Documents",
            Tab::Reader => "Reader",
            Tab::Corpus => "Corpus",
            Tab::Words => "Words",
            Tab::Phrases => "Phrases",
            Tab::Keywords => "Keywords",
            Tab::Concordance => "Concordance",
            Tab::Trends => "Trends",
            Tab::Cloud => "Cloud",
            Tab::Entities => "Entities",
            Tab::Network => "Network",
            Tab::Matrix => "Matrix",
            Tab::Problems => "Problems",
        }
    }
}

/// The default arrangement: documents over word views on the left; the reader over the
/// concordance and trends on the right.
pub fn default_layout() -> DockState<Tab> {
    let mut dock = DockState::new(vec![Tab::Documents, Tab::Start, Tab::Problems]);
    let tree = dock.main_surface_mut();
    let [left, reader] = tree.split_right(NodeIndex::root(), 0.5, vec![Tab::Reader]);
    tree.split_below(
        left,
        0.45,
        vec![
            Tab::Words,
            Tab::Entities,
            Tab::Phrases,
            Tab::Keywords,
            Tab::Cloud,
            Tab::Corpus,
        ],
    );
    tree.split_below(
        reader,
        0.55,
        vec![Tab::Concordance, Tab::Trends, Tab::Network, Tab::Matrix],
    );
    dock
}

/// What the tabs draw from, borrowed for one frame.
pub struct Viewer<'a> {
    /// Loaded corpus and view state.
    pub session: &'a mut Session,
    /// Recent folders, for the Start panel.
    pub recent: &'a [PathBuf],
    /// Commands emitted this frame.
    pub commands: &'a mut Vec<Command>,
}

impl TabViewer for Viewer<'_> {
    type Tab = Tab;

    fn id(&mut self, tab: &mut Tab) -> Id {
        Id::new(("quarry-tab", *tab))
    }

    fn title(&mut self, tab: &mut Tab) -> WidgetText {
        match tab {
            Tab::Problems => match self.session.loaded.as_ref() {
                Some(l) if !l.corpus.problems.is_empty() => {
                    format!("Problems ({})", l.corpus.problems.len()).into()
                }
                _ => "Problems".into(),
            },
            Tab::Documents => match self.session.loaded.as_ref() {
                Some(l) => format!("Documents ({})", l.corpus.docs.len()).into(),
                None => "Documents".into(),
            },
            t => t.title().into(),
        }
    }

    fn ui(&mut self, ui: &mut Ui, tab: &mut Tab) {
        let s = &mut *self.session;
        let cmds = &mut *self.commands;
        match tab {
            Tab::Start => panels::start::show(ui, s, self.recent, cmds),
            Tab::Documents => panels::documents::show(ui, s, cmds),
            Tab::Reader => panels::reader::show(ui, s, cmds),
            Tab::Corpus => panels::summary::show(ui, s),
            Tab::Words => panels::words::show(ui, s, cmds),
            Tab::Phrases => panels::phrases::show(ui, s, cmds),
            Tab::Keywords => panels::keywords::show(ui, s, cmds),
            Tab::Concordance => panels::concordance::show(ui, s, cmds),
            Tab::Trends => panels::trends::show(ui, s, cmds),
            Tab::Cloud => panels::cloud::show(ui, s, cmds),
            Tab::Entities => panels::entities::show(ui, s, cmds),
            Tab::Network => panels::network::show(ui, s, cmds),
            Tab::Matrix => panels::matrix::show(ui, s, cmds),
            Tab::Problems => panels::problems::show(ui, s),
        }
    }
}
