//! View options the user sets and expects to find again after a restart (word-list size,
//! stop-word changes, the names always recognised, the colour theme). They live in the settings (`ui::settings`), the
//! only owner; panels read them through their context and change them with commands.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Options shared by several panels and saved with the settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// Bars shown in the Words chart (5–100).
    pub words_top_n: usize,
    /// Hide stop-words in word lists.
    pub hide_stopwords: bool,
    /// Words the user added to the stop list.
    pub user_stop: BTreeSet<String>,
    /// Stop-words the user wants counted after all.
    pub user_keep: BTreeSet<String>,
    /// Use the larger English stop list.
    pub large_stoplist: bool,
    /// Names always recognised as entities, one per line with an optional type.
    pub user_names: String,
    /// Light or dark colours, or those the system asks for.
    pub theme: Theme,
}

/// The colour theme chosen in View → Theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Theme {
    /// Whatever the system prefers.
    #[default]
    System,
    /// Dark text on a light background.
    Light,
    /// Light text on a dark background.
    Dark,
}

impl Theme {
    /// Every choice, in menu order.
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::System];

    /// The menu's words for it.
    pub fn name(self) -> &'static str {
        match self {
            Theme::System => "Follow the system",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    /// egui's preference for it.
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Self {
            words_top_n: 30,
            hide_stopwords: true,
            user_stop: BTreeSet::new(),
            user_keep: BTreeSet::new(),
            large_stoplist: false,
            user_names: String::new(),
            theme: Theme::System,
        }
    }
}

impl Options {
    /// The stop-word choices alone: what the stop-word flags of a corpus depend on.
    pub fn stop_choice(&self) -> StopChoice<'_> {
        StopChoice {
            user_stop: &self.user_stop,
            user_keep: &self.user_keep,
            large: self.large_stoplist,
        }
    }
}

/// The user's stop-word choices, borrowed from [`Options`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StopChoice<'a> {
    /// Words added to the stop list.
    pub user_stop: &'a BTreeSet<String>,
    /// Stop-words counted after all.
    pub user_keep: &'a BTreeSet<String>,
    /// The larger English list instead of the standard one.
    pub large: bool,
}
