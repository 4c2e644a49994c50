//! The panels and the one place where they are registered: every panel is a file (or folder)
//! here whose `show` reads a [`Ctx`], changes only its own view state and pushes commands;
//! panels never import each other or this file. This file names them (`Tab`), holds their
//! view states (`Views`), arranges them by default and draws each tab. No other file of the
//! UI imports a panel.

pub mod cloud;
pub mod concordance;
pub mod documents;
pub mod entities;
pub mod keywords;
pub mod matrix;
pub mod network;
pub mod phrases;
pub mod problems;
pub mod reader;
pub mod start;
pub mod summary;
pub mod trends;
pub mod words;

use crate::ui::commands::Command;
use crate::ui::context::Ctx;
use egui::{Id, Ui, WidgetText};
use egui_dock::{DockState, NodeIndex, TabViewer};
use serde::{Deserialize, Serialize};

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

/// Every panel's own view state (scroll positions, toggles, cached rows); each panel gets
/// `&mut` its own and nothing else.
#[derive(Default)]
pub struct Views {
    /// Start panel.
    pub start: start::StartView,
    /// Documents panel.
    pub documents: documents::DocumentsView,
    /// Reader panel.
    pub reader: reader::ReaderView,
    /// Words panel.
    pub words: words::WordsView,
    /// Concordance panel.
    pub concordance: concordance::ConcordanceView,
    /// Phrases panel.
    pub phrases: phrases::PhrasesView,
    /// Keywords panel.
    pub keywords: keywords::KeywordsView,
    /// Trends panel.
    pub trends: trends::TrendsView,
    /// Cloud panel.
    pub cloud: cloud::CloudView,
    /// Entities panel.
    pub entities: entities::EntitiesView,
    /// Network panel.
    pub network: network::NetworkView,
    /// Matrix panel.
    pub matrix: matrix::MatrixView,
}

/// What the tabs draw from, borrowed for one frame.
pub struct Viewer<'a, 'b> {
    /// Read-only state every panel may look at.
    pub cx: &'a Ctx<'b>,
    /// Each panel's own state.
    pub views: &'a mut Views,
    /// Commands emitted this frame.
    pub commands: &'a mut Vec<Command>,
}

impl TabViewer for Viewer<'_, '_> {
    type Tab = Tab;

    fn id(&mut self, tab: &mut Tab) -> Id {
        Id::new(("quarry-tab", *tab))
    }

    fn title(&mut self, tab: &mut Tab) -> WidgetText {
        let loaded = self.cx.loaded;
        match tab {
            Tab::Problems => match loaded {
                Some(l) if !l.corpus.problems.is_empty() => {
                    format!("Problems ({})", l.corpus.problems.len()).into()
                }
                _ => "Problems".into(),
            },
            Tab::Documents => match loaded {
                Some(l) => format!("Documents ({})", l.corpus.docs.len()).into(),
                None => "Documents".into(),
            },
            t => t.title().into(),
        }
    }

    fn ui(&mut self, ui: &mut Ui, tab: &mut Tab) {
        let (cx, v, out) = (self.cx, &mut *self.views, &mut *self.commands);
        match tab {
            Tab::Start => start::show(ui, cx, &mut v.start, out),
            Tab::Documents => documents::show(ui, cx, &mut v.documents, out),
            Tab::Reader => reader::show(ui, cx, &mut v.reader, out),
            Tab::Corpus => summary::show(ui, cx),
            Tab::Words => words::show(ui, cx, &mut v.words, out),
            Tab::Phrases => phrases::show(ui, cx, &mut v.phrases, out),
            Tab::Keywords => keywords::show(ui, cx, &mut v.keywords, out),
            Tab::Concordance => concordance::show(ui, cx, &mut v.concordance, out),
            Tab::Trends => trends::show(ui, cx, &mut v.trends, out),
            Tab::Cloud => cloud::show(ui, cx, &mut v.cloud, out),
            Tab::Entities => entities::show(ui, cx, &mut v.entities, out),
            Tab::Network => network::show(ui, cx, &mut v.network, out),
            Tab::Matrix => matrix::show(ui, cx, &mut v.matrix, out),
            Tab::Problems => problems::show(ui, cx),
        }
    }
}
