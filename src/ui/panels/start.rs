//! Start panel: open a folder, type a path, reopen a recent folder, or open the sample corpus.

use crate::ui::commands::Command;
use crate::ui::context::Ctx;
use egui::Ui;
use std::path::PathBuf;

/// View state of the Start panel.
#[derive(Debug, Default)]
pub struct StartView {
    /// Path typed by the user.
    pub path_input: String,
}

/// Draws the panel.
pub fn show(ui: &mut Ui, cx: &Ctx, s: &mut StartView, cmds: &mut Vec<Command>) {
    let recent = cx.recent;
    ui.add_space(8.0);
    ui.heading("Quarry");
    ui.label("Explore a folder of articles: .txt, .md, .html, .json and .jsonl files.");
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if ui
            .button("📂 Open folder…")
            .on_hover_text("Ctrl+O")
            .clicked()
        {
            cmds.push(Command::PickFolder);
        }
        if ui.button("Open sample corpus").clicked() {
            cmds.push(Command::OpenSample);
        }
    });
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label("Path:");
        let r = ui.add(
            egui::TextEdit::singleline(&mut s.path_input)
                .hint_text("/path/to/articles")
                .desired_width(320.0),
        );
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Open").clicked() || enter) && !s.path_input.trim().is_empty() {
            cmds.push(Command::Open(vec![PathBuf::from(s.path_input.trim())]));
        }
    });
    ui.weak("You can also drop a folder or files onto this window.");
    ui.add_space(12.0);
    ui.strong("Recent folders");
    if recent.is_empty() {
        ui.weak("None yet.");
    }
    for p in recent {
        if ui.link(p.display().to_string()).clicked() {
            cmds.push(Command::Open(vec![p.clone()]));
        }
    }
}
