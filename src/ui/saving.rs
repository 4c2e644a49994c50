//! Saving a file the user exported: the system's save dialog when one opens, else a box to
//! type the path in. Every outcome — where the file was written, or why it was not — is a
//! message for the status bar. Nothing is written into the folder that was opened.

use egui::Ui;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A dialog that returns sooner than this was not seen by anyone: no dialog could open.
const UNSEEN: Duration = Duration::from_millis(400);

/// A file waiting for the user to type where it goes.
struct Pending {
    /// Suggested file name.
    name: String,
    /// The file's content.
    bytes: Vec<u8>,
    /// The path typed so far.
    path: String,
    /// Why the box is shown, or what went wrong with the last path tried.
    note: String,
}

/// Where exported files go and how the user is asked.
pub struct Saving {
    /// Try the system's save dialog first; without one (or when it cannot open) the path box
    /// is shown.
    pub dialog: bool,
    pending: Option<Pending>,
}

impl Default for Saving {
    fn default() -> Self {
        Self {
            dialog: true,
            pending: None,
        }
    }
}

/// Folder a file is suggested in: the user's documents folder, else home, else the current
/// folder.
pub fn start_dir() -> PathBuf {
    directories::UserDirs::new()
        .map(|d| {
            d.document_dir()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| d.home_dir().to_path_buf())
        })
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The file type of a name, for the dialog's filter: a description and the extension.
fn filter(name: &str) -> (&'static str, String) {
    let ext = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let kind = match ext.as_str() {
        "csv" => "CSV table",
        "png" => "PNG image",
        "gexf" => "GEXF graph",
        "graphml" => "GraphML graph",
        _ => "File",
    };
    (kind, ext)
}

/// The path the user typed, made absolute: `~` is the home folder, a relative path starts in
/// [`start_dir`], and an existing folder gets the suggested file name.
pub fn resolve(typed: &str, name: &str) -> PathBuf {
    let typed = typed.trim();
    let home = directories::UserDirs::new().map(|d| d.home_dir().to_path_buf());
    let mut p = match (typed.strip_prefix("~"), home) {
        (Some(rest), Some(h)) if rest.is_empty() || rest.starts_with('/') => {
            h.join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(typed),
    };
    if p.is_relative() {
        p = start_dir().join(p);
    }
    if p.is_dir() {
        p.push(name);
    }
    p
}

/// The opened folder `path` would be written into, if any.
fn inside<'a>(path: &Path, opened: &'a [PathBuf]) -> Option<&'a PathBuf> {
    let real = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let dir = real(path.parent().unwrap_or(Path::new("/")));
    opened.iter().find(|root| {
        let root = real(root);
        root.is_dir() && dir.starts_with(&root)
    })
}

/// Writes `bytes` to `path` (atomically) unless it lies in an opened folder; the message says
/// which happened.
pub fn write(path: &Path, bytes: &[u8], opened: &[PathBuf]) -> Result<String, String> {
    if let Some(root) = inside(path, opened) {
        return Err(format!(
            "Not saved: {} is inside {}, the folder Quarry opened, which it never writes into.",
            path.display(),
            root.display()
        ));
    }
    crate::export::write_atomic(path, |w| w.write_all(bytes))
        .map(|()| format!("Saved {}", path.display()))
        .map_err(|e| format!("Not saved: could not write {}: {e}", path.display()))
}

impl Saving {
    /// Asks where the file `name` goes and writes `bytes` there. Returns the status bar's
    /// message, or `None` while the path box waits for the user.
    pub fn save(&mut self, name: &str, bytes: Vec<u8>, opened: &[PathBuf]) -> Option<String> {
        let note = if self.dialog {
            let (kind, ext) = filter(name);
            let started = Instant::now();
            let chosen = rfd::FileDialog::new()
                .set_title("Save as")
                .set_file_name(name)
                .add_filter(kind, &[ext.as_str()])
                .set_directory(start_dir())
                .save_file();
            match chosen {
                Some(path) => {
                    return Some(write(&path, &bytes, opened).unwrap_or_else(|e| e));
                }
                None if started.elapsed() >= UNSEEN => {
                    return Some(format!("Not saved: no file was chosen for {name}."));
                }
                None => "No save dialog could open here. Type where the file should go:",
            }
        } else {
            "Type where the file should go:"
        };
        self.pending = Some(Pending {
            name: name.to_string(),
            bytes,
            path: start_dir().join(name).display().to_string(),
            note: note.to_string(),
        });
        None
    }

    /// Whether the path box is waiting for the user.
    pub fn is_asking(&self) -> bool {
        self.pending.is_some()
    }

    /// Draws the path box while a file waits for a path; returns the status bar's message
    /// once the file is written or the user gives up.
    pub fn show(&mut self, ui: &mut Ui, opened: &[PathBuf]) -> Option<String> {
        let p = self.pending.as_mut()?;
        let (mut save, mut cancel) = (false, false);
        egui::Window::new(format!("Save {}", p.name))
            .id(egui::Id::new("save-path-box"))
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ui.ctx(), |ui| {
                ui.label(&p.note);
                let r = ui.add(
                    egui::TextEdit::singleline(&mut p.path)
                        .id(egui::Id::new("save-path"))
                        .desired_width(420.0),
                );
                let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.weak("A folder gets the name above; ~ is your home folder.");
                ui.horizontal(|ui| {
                    save = ui.button("Save").clicked() || enter;
                    cancel = ui.button("Cancel").clicked();
                });
            });
        if cancel {
            let name = self.pending.take().map(|p| p.name).unwrap_or_default();
            return Some(format!("Not saved: no path was given for {name}."));
        }
        if !save {
            return None;
        }
        if p.path.trim().is_empty() {
            p.note = "Type a path first:".into();
            return None;
        }
        let path = resolve(&p.path, &p.name);
        match write(&path, &p.bytes, opened) {
            Ok(msg) => {
                self.pending = None;
                Some(msg)
            }
            // The box stays open with the reason, so another path can be tried.
            Err(why) => {
                p.note = why.clone();
                Some(why)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_folder_gets_the_file_name_and_opened_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert_eq!(resolve(&d.display().to_string(), "a.csv"), d.join("a.csv"));
        assert_eq!(resolve(" /x/b.csv ", "a.csv"), PathBuf::from("/x/b.csv"));
        let corpus = d.join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        let opened = [corpus.clone()];
        let refused = write(&corpus.join("a.csv"), b"x", &opened).unwrap_err();
        assert!(refused.contains("never writes into"), "{refused}");
        assert!(!corpus.join("a.csv").exists());
        let ok = write(&d.join("a.csv"), b"x", &opened).unwrap();
        assert_eq!(ok, format!("Saved {}", d.join("a.csv").display()));
        let missing = write(&d.join("no/such/a.csv"), b"x", &opened).unwrap_err();
        assert!(
            missing.starts_with("Not saved: could not write"),
            "{missing}"
        );
    }
}
