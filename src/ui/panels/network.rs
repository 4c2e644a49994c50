//! Network panel: the entity co-occurrence graph of the scope.

use crate::ui::commands::Command;
use crate::ui::session::Session;
use egui::Ui;

/// View state of the Network panel.
#[derive(Default)]
pub struct NetworkView {}

/// Draws the panel.
pub fn show(ui: &mut Ui, s: &mut Session, _cmds: &mut Vec<Command>) {
    if s.loaded.is_none() {
        super::no_corpus(ui);
        return;
    }
    match s.graph() {
        Some((_, g)) => {
            ui.label(format!(
                "{} entities, {} links",
                g.graph.node_count(),
                g.graph.edge_count()
            ));
        }
        None => {
            ui.spinner();
        }
    }
}
