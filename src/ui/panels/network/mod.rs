//! Network panel: the entity co-occurrence graph of the scope, laid out by a force layout on
//! its own thread. Nodes are sized by mentions and coloured by type; clicking a node selects
//! the entity, clicking a link lists where the pair appears together.

mod canvas;
mod geometry;
mod labels;
mod model;
#[cfg(test)]
mod tests;
mod view;
mod worker;

use crate::analysis::cooccur::Scope;
use crate::analysis::measures::Association;
use crate::ner::EntityType;
use crate::ner::catalog::network;
use crate::ui::commands::Command;
use crate::ui::context::Ctx;
use crate::ui::export;
use crate::ui::session::GraphSettings;
use crate::ui::widgets::{count, no_corpus, type_badge};
use canvas::{Clicked, Sel};
use egui::{Rect, Ui};
use model::Prepared;
use std::sync::Arc;
pub use view::NetworkView;

/// Scopes offered in the panel.
const SCOPES: [(Scope, &str); 6] = [
    (Scope::Sentence, "sentence"),
    (Scope::Paragraph, "paragraph"),
    (Scope::Document, "document"),
    (Scope::Window(5), "window ±5"),
    (Scope::Window(10), "window ±10"),
    (Scope::Window(20), "window ±20"),
];

/// Draws the panel.
pub fn show(ui: &mut Ui, cx: &Ctx, v: &mut NetworkView, cmds: &mut Vec<Command>) {
    if cx.loaded.is_none() {
        no_corpus(ui, cx);
        return;
    }
    let got = cx.graph();
    let running = cx.store.graph_running();
    if let Some((cat, g)) = &got {
        let same = v
            .graph
            .as_ref()
            .is_some_and(|p| Arc::ptr_eq(&p.graph, g) && Arc::ptr_eq(&p.catalog, cat));
        if !same {
            let p = Prepared::new(cat.clone(), g.clone());
            let graph_same = v
                .graph
                .as_ref()
                .is_some_and(|old| Arc::ptr_eq(&old.graph, g));
            if graph_same {
                // Only names or types changed: keep the layout.
                v.graph = Some(p);
            } else {
                v.set_graph(p, cx.waker);
            }
        }
    }
    v.poll_layout();
    controls(ui, cx.graph, v, running, cmds);
    let Some(p) = &v.graph else {
        ui.centered_and_justified(|ui| ui.spinner());
        return;
    };
    if p.len() == 0 {
        ui.weak("No two entities appear together often enough; lower the minimum count.");
        return;
    }
    let sel = Sel {
        entity: cx.selection.entity,
        edge: cx.selection.edge,
    };
    let Some((resp, clicked)) = canvas::canvas(ui, v, sel) else {
        return;
    };
    match clicked {
        Some(Clicked::Node(e)) => {
            let again = cx.selection.entity == Some(e);
            cmds.push(Command::SelectEntity((!again).then_some(e)));
        }
        Some(Clicked::Edge(a, b)) => {
            cmds.push(Command::ShowLink(a, b));
        }
        Some(Clicked::Background)
            if cx.selection.entity.is_some() || cx.selection.edge.is_some() =>
        {
            cmds.push(Command::SelectEntity(None));
        }
        Some(Clicked::Background) | None => {}
    }
    let rect = v.canvas_rect;
    resp.context_menu(|ui| {
        if let Some(p) = &v.graph {
            export_menu(ui, p, &v.positions, rect, cmds);
        }
    });
}

/// Graph options, filters and the view's buttons.
fn controls(
    ui: &mut Ui,
    settings: &GraphSettings,
    v: &mut NetworkView,
    running: bool,
    cmds: &mut Vec<Command>,
) {
    let (mut opts, mut entities) = (settings.options, settings.entities);
    let o = &mut opts;
    ui.horizontal_wrapped(|ui| {
        let scope_name = SCOPES
            .iter()
            .find(|(sc, _)| *sc == o.scope)
            .map_or_else(|| format!("{:?}", o.scope), |(_, n)| (*n).to_string());
        egui::ComboBox::from_id_salt("network-scope")
            .selected_text(scope_name)
            .show_ui(ui, |ui| {
                for (sc, name) in SCOPES {
                    ui.selectable_value(&mut o.scope, sc, name);
                }
            })
            .response
            .on_hover_text("Two entities co-occur when they appear in the same unit");
        egui::ComboBox::from_id_salt("network-measure")
            .selected_text(o.measure.name())
            .show_ui(ui, |ui| {
                for &m in Association::all() {
                    ui.selectable_value(&mut o.measure, m, m.name());
                }
            })
            .response
            .on_hover_text("How links are weighted");
        ui.label("entities");
        ui.add(egui::DragValue::new(&mut entities).range(10..=5000))
            .on_hover_text(
                "How many of the entities most mentioned in the date range the network holds",
            );
        ui.label("min count");
        ui.add(egui::DragValue::new(&mut o.min_count).range(1..=1000));
        ui.label("top");
        ui.add(egui::DragValue::new(&mut o.top_k).range(0..=200))
            .on_hover_text("Keep each entity's strongest links only (0 keeps all)");
        if running {
            ui.spinner();
        }
        if let Some(p) = &v.graph {
            let status = format!(
                "{}, {}",
                count(p.len(), "entity", "entities"),
                count(p.edges.len(), "link", "links")
            );
            ui.weak(status);
            if v.has_layout() && !v.stable {
                ui.weak("· laying out");
            }
        }
    });
    if (opts, entities) != (settings.options, settings.entities) {
        cmds.push(Command::SetGraph {
            options: opts,
            entities,
        });
    }
    ui.horizontal_wrapped(|ui| {
        for (k, t) in EntityType::ALL.iter().enumerate() {
            type_badge(ui, *t, &mut v.show_kind[k]).on_hover_text("Show or hide this type");
        }
        ui.separator();
        ui.checkbox(&mut v.ego, "Ego")
            .on_hover_text("Only the selected entity and its neighbours");
        let threshold = v.graph.as_ref().map(|p| p.score_at(v.min_weight));
        let text = match threshold {
            Some(t) => format!("min weight ({t:.2})"),
            None => "min weight".into(),
        };
        ui.add(
            egui::Slider::new(&mut v.min_weight, 0.0..=1.0)
                .show_value(false)
                .text(text),
        )
        .on_hover_text("Hide links scoring below this share of the score range");
        ui.separator();
        if ui
            .button("Fit")
            .on_hover_text("Show the whole graph (or double-click the background)")
            .clicked()
        {
            v.refit();
        }
        if v.pinned.iter().any(|&p| p)
            && ui
                .button("Release")
                .on_hover_text("Let dragged nodes move again")
                .clicked()
        {
            v.release_pins();
        }
        let rect = v.canvas_rect;
        if let Some(p) = &v.graph {
            let shown = &v.positions;
            ui.menu_button("Export", |ui| export_menu(ui, p, shown, rect, cmds));
        }
    });
}

/// Entries to save the graph as tables, graph files or a picture; graph files place the nodes
/// where the layout has them on screen (`positions`, indexed like the graph's nodes).
fn export_menu(
    ui: &mut Ui,
    p: &Prepared,
    positions: &[[f32; 2]],
    rect: Rect,
    cmds: &mut Vec<Command>,
) {
    let csv = |ui: &mut Ui, label: &str, name: &str, edges: bool, cmds: &mut Vec<Command>| {
        if ui.button(label).clicked() {
            let net = network(&p.catalog, &p.graph);
            let (header, rows) = if edges {
                net.edge_table()
            } else {
                net.node_table()
            };
            let h: Vec<&str> = header.iter().map(String::as_str).collect();
            export::save_csv(name, &h, rows, cmds);
            ui.close();
        }
    };
    csv(ui, "Nodes CSV…", "network-nodes.csv", false, cmds);
    csv(ui, "Links CSV…", "network-links.csv", true, cmds);
    type Writer = fn(&crate::export::Network) -> String;
    let files: [(&str, &str, Writer); 2] = [
        ("GEXF…", "network.gexf", crate::export::gexf::to_string),
        (
            "GraphML…",
            "network.graphml",
            crate::export::graphml::to_string,
        ),
    ];
    for (label, name, write) in files {
        if ui.button(label).clicked() {
            ui.close();
            let mut net = network(&p.catalog, &p.graph);
            if positions.len() == p.len() {
                net.place(positions);
            }
            export::save_bytes(name, write(&net).into_bytes(), cmds);
        }
    }
    if ui.button("PNG…").clicked() {
        ui.close();
        export::save_png("network.png", rect, cmds);
    }
}
