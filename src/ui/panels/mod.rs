//! The panels: each reads the session and pushes commands; one file per panel.

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

/// Shown by panels that need a corpus when none is loaded yet.
pub(crate) fn no_corpus(ui: &mut egui::Ui) {
    ui.centered_and_justified(|ui| {
        ui.weak("No corpus loaded yet — open a folder from the Start panel or File menu.");
    });
}
