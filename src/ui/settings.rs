//! Settings that survive a restart: recent folders, panel layout, view options.
//! Saved as RON in the user's config folder, atomically (write a temporary file, then rename).

use crate::ui::dock::{Tab, default_layout};
use egui_dock::DockState;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How many recent folders to remember.
pub const MAX_RECENT: usize = 10;

/// Persisted settings; unknown or missing fields fall back to defaults so old files still load.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Recently opened folders, newest first.
    pub recent: Vec<PathBuf>,
    /// Panel layout.
    pub dock: DockState<Tab>,
    /// Bars shown in the Words chart.
    pub words_top_n: usize,
    /// Hide stop-words in word lists.
    pub hide_stopwords: bool,
    /// Words the user added to the stop list.
    pub user_stop: std::collections::BTreeSet<String>,
    /// Stop-words the user wants counted.
    pub user_keep: std::collections::BTreeSet<String>,
    /// Use the larger English stop list.
    pub large_stoplist: bool,
    /// Names always recognised as entities, one per line with an optional type.
    pub user_names: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            dock: default_layout(),
            words_top_n: 30,
            hide_stopwords: true,
            user_stop: Default::default(),
            user_keep: Default::default(),
            large_stoplist: false,
            user_names: String::new(),
        }
    }
}

impl Settings {
    /// The settings file in the user's config folder.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "quarry")
            .map(|d| d.config_dir().join("settings.ron"))
    }

    /// Reads settings; a missing or unreadable file gives defaults (and a message for the latter).
    pub fn load(path: &Path) -> (Self, Option<String>) {
        match std::fs::read_to_string(path) {
            Ok(s) => match ron::from_str(&s) {
                Ok(v) => (v, None),
                Err(e) => (
                    Self::default(),
                    Some(format!(
                        "settings in {} could not be read ({e}); defaults used",
                        path.display()
                    )),
                ),
            },
            Err(_) => (Self::default(), None),
        }
    }

    /// Writes settings atomically: a temporary file in the same folder, then a rename.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        let tmp = path.with_extension("ron.tmp");
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, path)
    }

    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_old_files_load() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/settings.ron");
        let mut s = Settings::default();
        s.remember(Path::new("/a"));
        s.remember(Path::new("/b"));
        s.remember(Path::new("/a"));
        s.words_top_n = 12;
        s.save(&path).unwrap();
        let (back, msg) = Settings::load(&path);
        assert!(msg.is_none(), "{msg:?}");
        assert_eq!(back.recent, [PathBuf::from("/a"), PathBuf::from("/b")]);
        assert_eq!(back.words_top_n, 12);
        assert!(!dir.path().join("sub/settings.ron.tmp").exists());
        // A file from an older version with fewer fields still loads.
        std::fs::write(&path, r#"(recent: ["/x"])"#).unwrap();
        let (old, _) = Settings::load(&path);
        assert_eq!(old.recent, [PathBuf::from("/x")]);
        assert_eq!(old.words_top_n, 30);
        // A corrupt file gives defaults and a message.
        std::fs::write(&path, "(oops").unwrap();
        let (bad, msg) = Settings::load(&path);
        assert!(msg.is_some());
        assert!(bad.recent.is_empty());
    }
}
