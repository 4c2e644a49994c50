//! Settings that survive a restart: recent folders, panel layout and the view options.
//! Saved as RON in the user's config folder, atomically (write a temporary file, then rename).
//! This is the only owner of saved options: the app changes them when a command asks and
//! saves at once.

use crate::ui::options::Options;
use crate::ui::panels::{Tab, default_layout};
use egui_dock::DockState;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
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
    /// View options shared by the panels.
    pub options: Options,
    // Options as files kept them before `options` had its own section: read once, then
    // moved into `options` and never written again.
    #[serde(skip_serializing, deserialize_with = "present")]
    words_top_n: Option<usize>,
    #[serde(skip_serializing, deserialize_with = "present")]
    hide_stopwords: Option<bool>,
    #[serde(skip_serializing, deserialize_with = "present")]
    user_stop: Option<BTreeSet<String>>,
    #[serde(skip_serializing, deserialize_with = "present")]
    user_keep: Option<BTreeSet<String>>,
    #[serde(skip_serializing, deserialize_with = "present")]
    large_stoplist: Option<bool>,
    #[serde(skip_serializing, deserialize_with = "present")]
    user_names: Option<String>,
}

/// Reads a field that is present in the file (written bare, not as `Some(…)`).
fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            dock: default_layout(),
            options: Options::default(),
            words_top_n: None,
            hide_stopwords: None,
            user_stop: None,
            user_keep: None,
            large_stoplist: None,
            user_names: None,
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
            Ok(s) => match ron::from_str::<Settings>(&s) {
                Ok(mut v) => {
                    v.migrate();
                    (v, None)
                }
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

    /// Moves options read from an older file into `options`.
    fn migrate(&mut self) {
        let o = &mut self.options;
        if let Some(v) = self.words_top_n.take() {
            o.words_top_n = v;
        }
        if let Some(v) = self.hide_stopwords.take() {
            o.hide_stopwords = v;
        }
        if let Some(v) = self.user_stop.take() {
            o.user_stop = v;
        }
        if let Some(v) = self.user_keep.take() {
            o.user_keep = v;
        }
        if let Some(v) = self.large_stoplist.take() {
            o.large_stoplist = v;
        }
        if let Some(v) = self.user_names.take() {
            o.user_names = v;
        }
        o.words_top_n = o.words_top_n.clamp(5, 100);
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
        s.options.words_top_n = 12;
        s.save(&path).unwrap();
        let (back, msg) = Settings::load(&path);
        assert!(msg.is_none(), "{msg:?}");
        assert_eq!(back.recent, [PathBuf::from("/a"), PathBuf::from("/b")]);
        assert_eq!(back.options.words_top_n, 12);
        assert!(!dir.path().join("sub/settings.ron.tmp").exists());
        // A file from an older version with fewer fields still loads.
        std::fs::write(&path, r#"(recent: ["/x"])"#).unwrap();
        let (old, _) = Settings::load(&path);
        assert_eq!(old.recent, [PathBuf::from("/x")]);
        assert_eq!(old.options.words_top_n, 30);
        // A corrupt file gives defaults and a message.
        std::fs::write(&path, "(oops").unwrap();
        let (bad, msg) = Settings::load(&path);
        assert!(msg.is_some());
        assert!(bad.recent.is_empty());
    }

    #[test]
    fn options_saved_before_they_had_a_section_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        std::fs::write(
            &path,
            r#"(recent: ["/x"], words_top_n: 12, hide_stopwords: false, user_stop: ["said"], user_names: "Amara Nwosu")"#,
        )
        .unwrap();
        let (s, msg) = Settings::load(&path);
        assert!(msg.is_none(), "{msg:?}");
        assert_eq!(s.options.words_top_n, 12);
        assert!(!s.options.hide_stopwords);
        assert!(s.options.user_stop.contains("said"));
        assert_eq!(s.options.user_names, "Amara Nwosu");
        // Saved again, they are in the options section only.
        s.save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches("words_top_n").count(), 1, "{text}");
        let (again, _) = Settings::load(&path);
        assert_eq!(again.options, s.options);
    }
}
