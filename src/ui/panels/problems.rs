//! Problems panel: every file that was skipped or loaded with a note, in plain words.

use crate::ui::context::Ctx;
use crate::ui::widgets::{count, no_corpus};
use egui::Ui;
use egui_extras::{Column, TableBuilder};

/// Draws the panel.
pub fn show(ui: &mut Ui, cx: &Ctx) {
    let Some(l) = cx.loaded else {
        no_corpus(ui, cx);
        return;
    };
    let problems = &l.corpus.problems;
    if problems.is_empty() {
        ui.label(format!(
            "All {} files loaded without problems.",
            l.corpus.files_seen
        ));
        return;
    }
    ui.label(format!(
        "{}; {} skipped. Everything else in the folder loaded.",
        count(problems.len(), "problem", "problems"),
        count(l.corpus.skipped(), "file", "files"),
    ));
    ui.separator();
    TableBuilder::new(ui)
        .id_salt("problems-table")
        .striped(true)
        .resizable(true)
        .column(Column::initial(260.0).at_least(80.0).clip(true))
        .column(Column::initial(140.0).at_least(60.0))
        .column(Column::remainder().at_least(100.0).clip(true))
        .header(20.0, |mut h| {
            h.col(|ui| {
                ui.strong("Path");
            });
            h.col(|ui| {
                ui.strong("Problem");
            });
            h.col(|ui| {
                ui.strong("Details");
            });
        })
        .body(|body| {
            body.rows(20.0, problems.len(), |mut row| {
                let p = &problems[row.index()];
                row.col(|ui| {
                    ui.add(egui::Label::new(&p.path).truncate());
                });
                row.col(|ui| {
                    let text = egui::RichText::new(p.kind.label());
                    if p.kind.loaded() {
                        ui.label(text);
                    } else {
                        ui.label(text.color(ui.visuals().warn_fg_color));
                    }
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&p.message).truncate())
                        .on_hover_text(&p.message);
                });
            });
        });
}
