//! The Network panel's view state: the prepared graph, the layout thread and its latest
//! positions, the zoom and pan, dragged nodes, filters, and buffers reused every frame.

use super::geometry::{self, View};
use super::labels;
use super::model::Prepared;
use super::worker::Worker;
use egui::{Pos2, Rect};

/// What a drag moves.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub enum Drag {
    /// Nothing is dragged.
    #[default]
    None,
    /// A node (index), pinned where it is dropped.
    Node(usize),
    /// The whole view.
    Pan,
}

/// View state of the Network panel.
pub struct NetworkView {
    /// Nodes drawn last frame: entity, screen centre, radius.
    pub nodes_on_screen: Vec<(u32, Pos2, f32)>,
    /// Links drawn last frame: entities (lower first) and the link's midpoint on screen.
    pub edges_on_screen: Vec<((u32, u32), Pos2)>,
    /// Show only the selected entity and its neighbours.
    pub ego: bool,
    /// Types shown, indexed like `EntityType::ALL`.
    pub show_kind: [bool; 4],
    /// Links weaker than this fraction of the score range are not drawn.
    pub min_weight: f32,
    pub(super) graph: Option<Prepared>,
    pub(super) worker: Option<Worker>,
    /// Latest layout positions, indexed by node.
    pub(super) positions: Vec<[f32; 2]>,
    pub(super) version: u64,
    pub(super) stable: bool,
    pub(super) pinned: Vec<bool>,
    pub(super) view: View,
    pub(super) drag: Drag,
    /// A graph came while the user was dragging: fit it once they let go.
    pub(super) fit_on_release: bool,
    pub(super) canvas_rect: Rect,
    pub(super) visible: Vec<u8>,
    pub(super) screen: Vec<Pos2>,
    pub(super) labels: Vec<Rect>,
    /// The node of each label in `labels`.
    pub(super) labelled: Vec<usize>,
    pub(super) discs: labels::Discs,
    pub(super) highlighted: Vec<u32>,
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
            labelled: Vec::new(),
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
    pub(super) fn set_graph(&mut self, p: Prepared, waker: &crate::jobs::Waker) {
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
    pub(super) fn poll_layout(&mut self) {
        if let Some(w) = &self.worker {
            let (version, stable) = w.latest(self.version, &mut self.positions);
            self.version = version;
            self.stable = stable;
        }
    }

    /// Lets every dragged node move again.
    pub(super) fn release_pins(&mut self) {
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
pub(super) fn canvas_aspect(rect: Rect) -> Option<f32> {
    (rect.is_positive() && rect.is_finite()).then(|| {
        let room = geometry::fit_room(rect);
        room.x / room.y
    })
}
