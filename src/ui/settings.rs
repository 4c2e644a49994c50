//! Settings that survive a restart: recent folders, panel layout and the view options.
//! Saved as RON in the user's config folder, atomically (write a temporary file, then rename).
//! This is the only owner of saved options: the app changes them when a command asks and
//! saves at once.

use crate::ui::options::Options;
use crate::ui::panels::{Tab, default_layout};
use egui_dock::DockState;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// How many recent folders to remember.
pub const MAX_RECENT: usize = 10;

/// Persisted settings. Read part by part (`ui::settings_read`), so a file from an older or
/// newer version, or a damaged one, keeps every part that can be read. The layout is written
/// last: a file cut short loses it before the folders and options.
#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    /// Recently opened folders, newest first.
    pub recent: Vec<PathBuf>,
    /// View options shared by the panels.
    pub options: Options,
    /// Panel layout.
    pub dock: DockState<Tab>,
    /// True when the file could not be read and could not be kept aside either: it is then
    /// never written over.
    #[serde(skip)]
    keep_file: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            options: Options::default(),
            dock: default_layout(),
            keep_file: false,
        }
    }
}

impl Settings {
    /// The settings file in the user's config folder.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "quarry")
            .map(|d| d.config_dir().join("settings.ron"))
    }

    /// Reads settings; a missing file gives defaults. From a file that cannot be read in
    /// full, every part that can be read is kept, the file is copied aside as
    /// `settings.ron.bad-DATE` before it is ever written over, and a message says in words
    /// what was lost.
    pub fn load(path: &Path) -> (Self, Option<String>) {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (Self::default(), None);
            }
            Err(e) => {
                let s = Self {
                    keep_file: true,
                    ..Self::default()
                };
                return (
                    s,
                    Some(format!(
                        "Your settings in {} could not be read ({e}). Quarry starts with \
                         defaults and will not write over that file.",
                        path.display()
                    )),
                );
            }
        };
        let text = String::from_utf8_lossy(&bytes);
        let mut read = crate::ui::settings_read::read(&text);
        if matches!(text, std::borrow::Cow::Owned(_)) {
            read.lost
                .push("characters that are not UTF-8 (replaced with �)".into());
        }
        let mut s = Self {
            recent: read.recent,
            options: read.options,
            dock: read.dock,
            keep_file: false,
        };
        if read.lost.is_empty() {
            return (s, None);
        }
        let kept = match keep_aside(path) {
            Ok(bad) => format!(
                "The file as it was is kept as {}.",
                bad.file_name().unwrap_or_default().to_string_lossy()
            ),
            Err(e) => {
                s.keep_file = true;
                format!("It could not be copied aside ({e}), so it will not be written over.")
            }
        };
        let message = format!(
            "Part of your settings ({}) could not be read: {}. Everything else was kept. {kept}",
            path.display(),
            read.lost.join("; ")
        );
        (s, Some(message))
    }

    /// Writes settings atomically: a temporary file beside the real one (beside the file a
    /// symbolic link points to), flushed to disk, then renamed over it.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if self.keep_file {
            return Err(std::io::Error::other(
                "the settings file could not be read or copied aside, so it is left as it is",
            ));
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        crate::export::write_atomic(path, |w| w.write_all(text.as_bytes()))
    }

    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT);
    }
}

/// Copies the settings file to `settings.ron.bad-YYYY-MM-DD` (with `-2`, `-3`… when that
/// exists already) beside it; the copy's path.
fn keep_aside(path: &Path) -> std::io::Result<PathBuf> {
    let day = chrono::Local::now().format("%Y-%m-%d");
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    for n in 1..1000 {
        let suffix = if n == 1 {
            format!("bad-{day}")
        } else {
            format!("bad-{day}-{n}")
        };
        let bad = path.with_file_name(format!("{name}.{suffix}"));
        // Never replaces an earlier copy.
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&bad)
        {
            Ok(mut f) => {
                let mut from = std::fs::File::open(path)?;
                std::io::copy(&mut from, &mut f)?;
                f.sync_all()?;
                return Ok(bad);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many earlier copies"))
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
