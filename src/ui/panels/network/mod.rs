//! Network panel: the entity co-occurrence graph of the scope, laid out by a force layout on
//! its own thread. Nodes are sized by mentions and coloured by type; clicking a node selects
//! the entity, clicking a link lists where the pair appears together.

mod canvas;
mod geometry;
mod labels;
mod model;
#[cfg(test)]
mod tests;
mod worker;

use crate::analysis::cooccur::Scope;
use crate::analysis::measures::Association;
use crate::ner::EntityType;
use crate::ner::catalog::network;
use crate::ui::commands::Command;
use crate::ui::dock::Tab;
use crate::ui::export;
use crate::ui::panels::entities::kind_color;
use crate::ui::session::Session;
use canvas::{Clicked, Drag, Sel};
use egui::{Pos2, Rect, RichText, Ui};
use geometry::View;
use model::Prepared;
use std::sync::Arc;
use worker::Worker;

/// Scopes offered in the panel.
const SCOPES: [(Scope, &str); 6] = [
    (Scope::Sentence, "sentence"),
    (Scope::Paragraph, "paragraph"),
    (Scope::Document, "document"),
    (Scope::Window(5), "window ±5"),
    (Scope::Window(10), "window ±10"),
    (Scope::Window(20), "window ±20"),
];

/// View state of the Network panel.
pub struct NetworkView {
    /// Nodes drawn last frame: entity, screen centre, radius.
    pub nodes_on_screen: Vec<(u32, Pos2, f32)>,
    /// Links drawn last frame: entities (lower first) and the link's midpoint on screen.
    pub edges_on_screen: Vec<((u32, u32), Pos2)>,
    /// Show only the selected entity and its neighbours.
    pub ego: bool,
    /// Types shown, indexed like [`EntityType::ALL`].
    pub show_kind: [bool; 4],
    /// Links weaker than this fraction of the score range are not drawn.
    pub min_weight: f32,
    graph: Option<Prepared>,
    worker: Option<Worker>,
    /// Latest layout positions, indexed by node.
    positions: Vec<[f32; 2]>,
    version: u64,
    stable: bool,
    pinned: Vec<bool>,
    view: View,
    drag: Drag,
    /// A graph came while the user was dragging: fit it once they let go.
    fit_on_release: bool,
    canvas_rect: Rect,
    visible: Vec<u8>,
    screen: Vec<Pos2>,
    labels: Vec<Rect>,
    discs: labels::Discs,
    highlighted: Vec<u32>,
}

impl Default for NetworkView {
    fn default() -> Self {
        Self {
            nodes_on_screen: Vec::new(),
            edges_on_screen: Vec::new(),
            ego: false,
            show_kind: [true; 4],
            min_weight: 0.0,
            graph: None,
            worker: None,
            positions: Vec::new(),
            version: 0,
            stable: false,
            pinned: Vec::new(),
            view: View::default(),
            drag: Drag::None,
            fit_on_release: false,
            canvas_rect: Rect::NOTHING,
            visible: Vec::new(),
            screen: Vec::new(),
            labels: Vec::new(),
            discs: labels::Discs::default(),
            highlighted: Vec::new(),
        }
    }
}

impl NetworkView {
    /// Whether positions have been published for the current graph.
    pub fn has_layout(&self) -> bool {
        self.graph
            .as_ref()
            .is_some_and(|g| g.len() == self.positions.len())
    }

    /// Whether the layout has stopped moving.
    pub fn is_settled(&self) -> bool {
        self.has_layout() && self.stable
    }

    /// Takes a new graph: keeps the positions of entities it shares with the old one and
    /// starts laying it out.
    fn set_graph(&mut self, p: Prepared, waker: &crate::jobs::Waker) {
        let mut start = vec![None; p.len()];
        if let Some(old) = &self.graph
            && old.len() == self.positions.len()
        {
            for (i, &e) in p.entity.iter().enumerate() {
                if let Some(j) = old.node_of(e) {
                    start[i] = Some(self.positions[j]);
                }
            }
        }
        let aspect = canvas_aspect(self.canvas_rect).unwrap_or(1.0);
        self.worker = Worker::spawn(p.len(), p.layout_edges(), start, aspect, waker.clone()).ok();
        self.positions.clear();
        self.version = 0;
        self.stable = false;
        self.pinned = vec![false; p.len()];
        // A new graph is fitted to the canvas, whatever the user did with the old one, but
        // not under a drag: then once it ends. A dragged node is not in the new graph.
        if self.drag == Drag::None {
            self.view.auto = true;
        } else {
            self.fit_on_release = true;
        }
        if matches!(self.drag, Drag::Node(_)) {
            self.drag = Drag::None;
        }
        self.graph = Some(p);
    }

    /// Where the graph was drawn last frame.
    pub fn canvas_rect(&self) -> Rect {
        self.canvas_rect
    }

    /// Whether the view fits the graph to the canvas (the user has not zoomed, panned or
    /// dragged a node since the graph came or since they asked for a fit).
    pub fn fits_graph(&self) -> bool {
        self.view.auto
    }

    /// Fits the graph to the canvas again, and keeps it fitted until the user zooms or pans.
    pub fn refit(&mut self) {
        self.view.auto = true;
    }

    /// Picks up positions the layout thread published since the last frame.
    fn poll_layout(&mut self) {
        if let Some(w) = &self.worker {
            let (version, stable) = w.latest(self.version, &mut self.positions);
            self.version = version;
            self.stable = stable;
        }
    }

    /// Lets every dragged node move again.
    fn release_pins(&mut self) {
        for (i, p) in self.pinned.iter_mut().enumerate() {
            if *p {
                *p = false;
                if let Some(w) = &self.worker {
                    w.unpin(i);
                }
            }
        }
    }
}

/// Width over height of the room a fitted graph takes in `rect`, once the canvas has a size.
fn canvas_aspect(rect: Rect) -> Option<f32> {
    (rect.is_positive() && rect.is_finite()).then(|| {
        let room = geometry::fit_room(rect);
        room.x / room.y
    })
}

/// Draws the panel.
pub fn show(ui: &mut Ui, s: &mut Session, cmds: &mut Vec<Command>) {
    if s.loaded.is_none() {
        super::no_corpus(ui);
        return;
    }
    let got = s.graph();
    let running = s.derived.graph.is_running();
    if let Some((cat, g)) = &got {
        let same = s
            .network
            .graph
            .as_ref()
            .is_some_and(|p| Arc::ptr_eq(&p.graph, g) && Arc::ptr_eq(&p.catalog, cat));
        if !same {
            let p = Prepared::new(cat.clone(), g.clone());
            let graph_same = s
                .network
                .graph
                .as_ref()
                .is_some_and(|old| Arc::ptr_eq(&old.graph, g));
            if graph_same {
                // Only names or types changed: keep the layout.
                s.network.graph = Some(p);
            } else {
                s.network.set_graph(p, &s.waker);
            }
        }
    }
    s.network.poll_layout();
    controls(ui, s, running, cmds);
    let v = &mut s.network;
    let Some(p) = &v.graph else {
        ui.centered_and_justified(|ui| ui.spinner());
        return;
    };
    if p.len() == 0 {
        ui.weak("No two entities appear together often enough; lower the minimum count.");
        return;
    }
    let sel = Sel {
        entity: s.selection.entity,
        edge: s.selection.edge,
    };
    let Some((resp, clicked)) = canvas::canvas(ui, v, sel) else {
        return;
    };
    match clicked {
        Some(Clicked::Node(e)) => {
            let again = s.selection.entity == Some(e);
            cmds.push(Command::SelectEntity((!again).then_some(e)));
        }
        Some(Clicked::Edge(a, b)) => {
            cmds.push(Command::SelectEdge(Some((a, b))));
            cmds.push(Command::Focus(Tab::Concordance));
        }
        Some(Clicked::Background) if s.selection.entity.is_some() || s.selection.edge.is_some() => {
            cmds.push(Command::SelectEntity(None));
        }
        Some(Clicked::Background) | None => {}
    }
    let rect = v.canvas_rect;
    resp.context_menu(|ui| {
        if let Some(p) = &s.network.graph {
            export_menu(ui, p, &s.network.positions, rect, cmds);
        }
    });
}

/// Graph options, filters and the view's buttons.
fn controls(ui: &mut Ui, s: &mut Session, running: bool, cmds: &mut Vec<Command>) {
    let o = &mut s.graph_options;
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
        ui.add(egui::DragValue::new(&mut s.graph_entities).range(10..=5000))
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
        let v = &s.network;
        if let Some(p) = &v.graph {
            let status = format!("{} entities, {} links", p.len(), p.edges.len());
            ui.weak(status);
            if v.has_layout() && !v.stable {
                ui.weak("· laying out");
            }
        }
    });
    let v = &mut s.network;
    ui.horizontal_wrapped(|ui| {
        for (k, t) in EntityType::ALL.iter().enumerate() {
            let text = RichText::new(t.label()).color(kind_color(*t));
            ui.toggle_value(&mut v.show_kind[k], text)
                .on_hover_text("Show or hide this type");
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
    type Saver = fn(&std::path::Path, &crate::export::Network) -> std::io::Result<()>;
    let files: [(&str, &str, &str, &str, Saver); 2] = [
        (
            "GEXF…",
            "network.gexf",
            "GEXF",
            "gexf",
            crate::export::gexf::save,
        ),
        (
            "GraphML…",
            "network.graphml",
            "GraphML",
            "graphml",
            crate::export::graphml::save,
        ),
    ];
    for (label, name, kind, ext, save) in files {
        if ui.button(label).clicked() {
            ui.close();
            if let Some(path) = export::ask_path(name, (kind, ext)) {
                let mut net = network(&p.catalog, &p.graph);
                if positions.len() == p.len() {
                    net.place(positions);
                }
                let msg = match save(&path, &net) {
                    Ok(()) => format!("Saved {}", path.display()),
                    Err(e) => format!("Could not save {}: {e}", path.display()),
                };
                cmds.push(Command::Message(msg));
            }
        }
    }
    if ui.button("PNG…").clicked() {
        ui.close();
        export::save_png("network.png", rect, cmds);
    }
}
