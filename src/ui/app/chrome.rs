//! The window's chrome around the dock: the menu bar, the settings and help windows, the
//! status bar and the keyboard shortcuts.

use super::QuarryApp;
use crate::jobs::Phase;
use crate::ui::commands::Command;
use crate::ui::options::Theme;
use crate::ui::panels::{Tab, default_layout};
use crate::ui::widgets::{count, human_bytes};
use egui::Ui;
use std::path::PathBuf;

impl QuarryApp {
    pub(super) fn menu_bar(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .add(egui::Button::new("Open folder…").shortcut_text("Ctrl+O"))
                    .clicked()
                {
                    self.commands.push(Command::PickFolder);
                }
                if ui.button("Open sample corpus").clicked() {
                    self.commands.push(Command::OpenSample);
                }
                let forget = ui.add_enabled(
                    !self.opened.is_empty() && self.index.cache.is_some(),
                    egui::Button::new("Forget this folder's index"),
                );
                if forget
                    .on_hover_text("Remove the saved index of the open folder from the cache folder; the next open reads every file again")
                    .clicked()
                {
                    self.commands.push(Command::ForgetIndex);
                }
                ui.menu_button("Recent folders", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.weak("None yet");
                    }
                    for p in &self.settings.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            self.commands.push(Command::Open(vec![p.clone()]));
                        }
                    }
                });
                ui.separator();
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("View", |ui| {
                for tab in Tab::ALL {
                    if ui.button(tab.title()).clicked() {
                        self.focus(tab);
                    }
                }
                ui.separator();
                if ui.button("Reset layout").clicked() {
                    self.settings.dock = default_layout();
                }
                ui.menu_button("Theme", |ui| {
                    for t in Theme::ALL {
                        let on = self.settings.options.theme == t;
                        if ui.radio(on, t.name()).clicked() {
                            self.commands.push(Command::SetTheme(t));
                            ui.close();
                        }
                    }
                });
            });
            ui.menu_button("Stop-words", |ui| {
                let o = &self.settings.options;
                let mut large = o.large_stoplist;
                if ui.checkbox(&mut large, "Larger stop-word list").changed() {
                    self.commands.push(Command::SetLargeStoplist(large));
                }
                let changes = o.user_stop.len() + o.user_keep.len();
                if ui
                    .add_enabled(
                        changes > 0,
                        egui::Button::new(format!("Undo my stop-word changes ({changes})")),
                    )
                    .clicked()
                {
                    self.commands.push(Command::ClearStopChanges);
                }
                if !o.user_stop.is_empty() {
                    ui.separator();
                    ui.weak("Added by you:");
                    let list: Vec<String> = o.user_stop.iter().take(30).cloned().collect();
                    ui.label(list.join(", "));
                }
            });
            ui.menu_button("Help", |ui| {
                if ui
                    .add(egui::Button::new("Keyboard shortcuts").shortcut_text("F1"))
                    .clicked()
                {
                    self.show_help = true;
                }
            });
        });
    }

    /// What happened to the settings file, until the user closes it.
    pub(super) fn settings_window(&mut self, ui: &mut Ui) {
        let Some(text) = &self.settings_notice else {
            return;
        };
        let mut close = false;
        egui::Window::new("Your settings")
            .collapsible(false)
            .resizable(false)
            .max_width(480.0)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ui.ctx(), |ui| {
                ui.add(egui::Label::new(text.as_str()).wrap());
                close = ui.button("OK").clicked();
            });
        if close {
            self.settings_notice = None;
        }
    }

    /// The list of keyboard shortcuts, while it is open.
    pub(super) fn help_window(&mut self, ui: &mut Ui) {
        egui::Window::new("Keyboard shortcuts")
            .open(&mut self.show_help)
            .collapsible(false)
            .resizable(false)
            .show(ui.ctx(), |ui| {
                egui::Grid::new("shortcuts").num_columns(2).show(ui, |ui| {
                    for (keys, what) in crate::ui::keys::SHORTCUTS {
                        ui.strong(keys);
                        ui.label(what);
                        ui.end_row();
                    }
                });
            });
    }

    pub(super) fn status_bar(&mut self, ui: &mut Ui) {
        let mut show_problems = false;
        ui.horizontal(|ui| {
            if let Some(loading) = &self.loading {
                let p = loading.job.progress();
                let what = match p.phase {
                    Phase::Discovering => format!("Listing files… {}", p.done),
                    Phase::Reading => format!("Reading {} / {} files", p.done, p.total),
                    Phase::Analyzing => {
                        format!("Counting words {} / {} documents", p.done, p.total)
                    }
                    Phase::Checking => {
                        format!("Checking the saved index… {} / {} files", p.done, p.total)
                    }
                    Phase::Saving => "Saving the index…".to_string(),
                    Phase::Done => "Finishing…".to_string(),
                };
                ui.spinner();
                ui.label(what);
                ui.add(
                    egui::ProgressBar::new(p.fraction())
                        .desired_width(200.0)
                        .show_percentage(),
                );
                let secs = p.elapsed.as_secs_f64().max(1e-3);
                ui.label(format!(
                    "{} read · {:.1} MB/s · {:.0} files/s",
                    human_bytes(p.bytes),
                    p.bytes as f64 / 1e6 / secs,
                    p.rate()
                ));
                if let Some(left) = p.remaining() {
                    ui.label(format!("about {:.0} s left", left.as_secs_f64().ceil()));
                } else if p.stalled() {
                    ui.label(format!(
                        "a large file has taken {:.0} s so far",
                        p.since_step.as_secs_f64()
                    ));
                }
                if ui.button("Cancel").clicked() {
                    self.commands.push(Command::CancelLoad);
                }
            } else if let Some(l) = &self.session.loaded {
                let c = &l.corpus;
                ui.label(format!(
                    "{} · {} · {} · loaded in {:.0} ms",
                    count(c.docs.len(), "document", "documents"),
                    count(l.analysis.total_tokens as usize, "word", "words"),
                    human_bytes(c.bytes_read),
                    c.load_ms + l.analysis.analyze_ms
                ));
                if self.session.store.entities_running() {
                    ui.spinner();
                    ui.label("finding people, organisations and places…");
                }
                if !c.problems.is_empty() {
                    let n = c.problems.len();
                    let label = format!("⚠ {}", count(n, "problem", "problems"));
                    if ui.link(label).clicked() {
                        show_problems = true;
                    }
                }
            }
            if let Some(m) = &self.message {
                ui.separator();
                ui.label(m);
            }
        });
        if show_problems {
            self.focus(Tab::Problems);
        }
    }

    pub(super) fn handle_input(&mut self, ui: &mut Ui) {
        let rows = self.views.documents.rows();
        let keys = crate::ui::keys::read(ui, &self.session.selection, rows, &mut self.commands);
        if keys.quit {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if keys.help {
            self.show_help = !self.show_help;
        }
        if keys.close_panel
            && let Some((_, tab)) = self.settings.dock.find_active_focused()
        {
            let tab = *tab;
            if let Some(path) = self.settings.dock.find_tab(&tab) {
                self.settings.dock.remove_tab(path);
            }
        }
        let dropped: Vec<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.commands.push(Command::Open(dropped));
        }
        let shot = ui.input(|i| {
            i.raw.events.iter().find_map(|e| match e {
                egui::Event::Screenshot { image, .. } => Some(image.clone()),
                _ => None,
            })
        });
        if let (Some(image), Some((rect, name))) = (shot, self.pending_png.take()) {
            let ppp = ui.ctx().pixels_per_point();
            match crate::ui::export::png_bytes(&image, rect, ppp) {
                Ok(bytes) => self.commands.push(Command::Save { name, bytes }),
                Err(e) => self.message = Some(format!("Not saved: {e}.")),
            }
        }
    }
}
