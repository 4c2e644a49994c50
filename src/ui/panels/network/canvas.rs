//! The Network panel's drawing area: projects layout positions to the screen, handles zoom,
//! pan, node dragging, hovering and clicks, and paints edges, nodes, placed labels and the
//! legend. Work per frame is linear in nodes and edges and reuses the view's buffers.

use super::geometry::{HIDDEN, NEIGHBOUR, SELECTED, SHOWN, fit_view, nearest_edge, nearest_node};
use super::labels::{Anchor, SIDES, Side, free_place, rect_at};
use super::model::{Prepared, RADIUS};
use super::view::{Drag, NetworkView, canvas_aspect};
use crate::ner::EntityType;
use crate::ui::theme::kind_color;
use crate::ui::widgets::link_summary;
use egui::{
    Align2, Color32, CursorIcon, FontId, Pos2, Rect, Response, Sense, Stroke, Ui, Vec2, pos2, vec2,
};

/// The selection as the canvas sees it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sel {
    /// Selected entity.
    pub entity: Option<u32>,
    /// Selected link.
    pub edge: Option<(u32, u32)>,
}

/// A click on the canvas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Clicked {
    /// On a node: its entity.
    Node(u32),
    /// On an edge: its entities, lower first.
    Edge(u32, u32),
    /// On the background.
    Background,
}

/// What one frame draws from, once positions are on screen.
struct Frame<'a> {
    p: &'a Prepared,
    rect: Rect,
    /// Screen position of each node.
    screen: &'a [Pos2],
    /// Whether each node is hidden, shown, a neighbour of the selection or selected.
    visible: &'a [u8],
    /// How much nodes grow with the zoom.
    grow: f32,
    /// Links weaker than this share of the score range are not drawn.
    min_weight: f32,
    sel_node: Option<usize>,
    sel_edge: Option<(usize, usize)>,
    hover_node: Option<usize>,
    hover_edge: Option<usize>,
    ink: Color32,
    bg: Color32,
    accent: Color32,
}

impl Frame<'_> {
    fn radius(&self, i: usize) -> f32 {
        self.p.radius[i] * self.grow
    }

    /// The node that highlights its links: the hovered one, else the selected one.
    fn focus(&self) -> Option<usize> {
        self.hover_node.or(self.sel_node)
    }

    fn edge_shown(&self, a: usize, b: usize, t: f32) -> bool {
        self.visible[a] != HIDDEN && self.visible[b] != HIDDEN && t >= self.min_weight
    }

    fn is_sel_edge(&self, a: usize, b: usize) -> bool {
        self.sel_edge
            .is_some_and(|(x, y)| (x, y) == (a, b) || (y, x) == (a, b))
    }

    /// Whether a node is the focus or one of its neighbours (every node without a focus).
    fn near_focus(&self, i: usize) -> bool {
        match self.focus() {
            None => true,
            Some(f) => f == i || self.p.neighbours(f).contains(&(i as u32)),
        }
    }
}

/// Draws the graph in the rest of the panel; returns the canvas response and a click.
pub fn canvas(ui: &mut Ui, v: &mut NetworkView, sel: Sel) -> Option<(Response, Option<Clicked>)> {
    let rect = ui.available_rect_before_wrap();
    let resp = ui.allocate_rect(rect, Sense::click_and_drag());
    v.canvas_rect = rect;
    let NetworkView {
        graph: Some(p),
        positions,
        view,
        drag,
        fit_on_release,
        visible,
        screen,
        labels,
        labelled,
        discs,
        highlighted,
        nodes_on_screen,
        edges_on_screen,
        ego,
        show_kind,
        min_weight,
        worker,
        pinned,
        ..
    } = v
    else {
        return None;
    };
    // A drag ends when the button is let go, also on a frame with nothing to draw.
    if !resp.dragged() {
        *drag = Drag::None;
        if std::mem::take(fit_on_release) {
            view.auto = true;
        }
    }
    let n = p.len();
    nodes_on_screen.clear();
    edges_on_screen.clear();
    if positions.len() != n || n == 0 {
        return Some((resp, None));
    }
    let sel_node = sel.entity.and_then(|e| p.node_of(e));
    mark_visible(visible, p, sel_node, show_kind, *ego);
    let mut nav = Navigation {
        view,
        drag,
        positions,
        pinned,
        worker,
    };
    let grow = nav.update(ui, &resp, rect, p, visible);

    // Screen positions, hover and clicks.
    screen.clear();
    screen.extend(positions.iter().map(|&q| view.to_screen(rect, q)));
    let visuals = ui.visuals();
    let mut f = Frame {
        p,
        rect,
        screen,
        visible,
        grow,
        min_weight: *min_weight,
        sel_node,
        sel_edge: sel
            .edge
            .and_then(|(a, b)| Some((p.node_of(a)?, p.node_of(b)?))),
        hover_node: None,
        hover_edge: None,
        ink: visuals.text_color(),
        bg: visuals.extreme_bg_color,
        accent: visuals.selection.stroke.color,
    };
    for i in (0..n).filter(|&i| f.visible[i] != HIDDEN) {
        nodes_on_screen.push((p.entity[i], f.screen[i], f.radius(i)));
    }
    let pointer = resp.hover_pos();
    f.hover_node =
        pointer.and_then(|at| nearest_node(at, f.visible, |i| f.screen[i], &|i| f.radius(i)));
    f.hover_edge = match (f.hover_node, pointer) {
        (None, Some(at)) => nearest_edge(at, p, f.screen, &|a, b, t| f.edge_shown(a, b, t)),
        _ => None,
    };
    let clicked = resp
        .clicked()
        .then(|| click_at(&f, resp.interact_pointer_pos().or(pointer)));

    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, f.bg);
    paint_edges(&painter, &f, highlighted, edges_on_screen);
    paint_nodes(&painter, &f, pinned);
    discs.rebuild(
        rect,
        p.order
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| f.visible[i] != HIDDEN)
            .map(|i| (i, f.screen[i], f.radius(i))),
    );
    paint_labels(&painter, &f, labels, labelled, discs);
    legend(&painter, rect, p, show_kind, f.ink, f.bg);
    let resp = hover_text(ui, resp, &f, *drag);
    Some((resp, clicked))
}

/// Marks which nodes are shown this frame: by type toggle, the selection and its
/// neighbours, and in the ego view only those.
fn mark_visible(
    visible: &mut Vec<u8>,
    p: &Prepared,
    sel_node: Option<usize>,
    show_kind: &[bool; 4],
    ego: bool,
) {
    visible.clear();
    visible.extend((0..p.len()).map(|i| {
        let shown = !p.hidden[i] && show_kind[p.kind[i] as usize];
        if shown { SHOWN } else { HIDDEN }
    }));
    if let Some(s) = sel_node {
        for &j in p.neighbours(s) {
            if visible[j as usize] != HIDDEN {
                visible[j as usize] = NEIGHBOUR;
            }
        }
        visible[s] = SELECTED;
        if ego {
            for x in visible.iter_mut().filter(|x| **x == SHOWN) {
                *x = HIDDEN;
            }
        }
    }
}

/// The parts of the view that fitting, zooming, panning and dragging change.
struct Navigation<'a> {
    view: &'a mut super::geometry::View,
    drag: &'a mut Drag,
    positions: &'a mut [[f32; 2]],
    pinned: &'a mut [bool],
    worker: &'a mut Option<super::worker::Worker>,
}

impl Navigation<'_> {
    /// Fits, zooms, pans and drags nodes; returns how much nodes grow with the zoom.
    fn update(
        &mut self,
        ui: &Ui,
        resp: &Response,
        rect: Rect,
        p: &Prepared,
        visible: &[u8],
    ) -> f32 {
        let view = &mut *self.view;
        let positions = &mut *self.positions;
        // A double click on the background fits the graph again.
        let pointer = resp.hover_pos();
        if resp.double_clicked() && *self.drag == Drag::None {
            let at = resp.interact_pointer_pos().or(pointer);
            let grow = (view.scale / fit_view(rect, positions, visible).scale)
                .sqrt()
                .clamp(0.6, 2.5);
            let on_node = at.and_then(|at| {
                nearest_node(at, visible, |i| view.to_screen(rect, positions[i]), &|i| {
                    p.radius[i] * grow
                })
            });
            if on_node.is_none() {
                view.auto = true;
            }
        }
        let fit = fit_view(rect, positions, visible);
        if view.auto {
            *view = fit;
            // The layout is drawn out to the canvas's shape, so the graph fills it.
            if let (Some(w), Some(aspect)) = (self.worker.as_mut(), canvas_aspect(rect)) {
                w.fit_to(aspect);
            }
        }
        if let Some(at) = pointer {
            let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
            let factor = zoom * (scroll * 0.002).exp();
            if factor != 1.0 {
                let g = view.to_graph(rect, at);
                view.scale = (view.scale * factor).clamp(fit.scale * 0.1, fit.scale * 50.0);
                let off = (at - rect.center()) / view.scale;
                view.center = vec2(g[0], g[1]) - off;
                view.auto = false;
                ui.input_mut(|i| i.smooth_scroll_delta = Vec2::ZERO);
            }
        }
        let grow = (view.scale / fit.scale).sqrt().clamp(0.6, 2.5);
        let radius = |i: usize| p.radius[i] * grow;
        if resp.drag_started() {
            let origin = ui.input(|i| i.pointer.press_origin());
            let hit = origin.and_then(|o| {
                nearest_node(o, visible, |i| view.to_screen(rect, positions[i]), &radius)
            });
            *self.drag = match hit {
                Some(i) => {
                    view.auto = false;
                    Drag::Node(i)
                }
                None => Drag::Pan,
            };
        }
        if resp.dragged() {
            match *self.drag {
                Drag::Node(i) => {
                    if let Some(at) = resp.interact_pointer_pos() {
                        let g = view.to_graph(rect, at);
                        positions[i] = g;
                        self.pinned[i] = true;
                        if let Some(w) = self.worker.as_ref() {
                            w.pin(i, g);
                        }
                    }
                }
                Drag::Pan => {
                    view.center -= resp.drag_delta() / view.scale;
                    view.auto = false;
                }
                Drag::None => {}
            }
        }
        grow
    }
}

/// What a click at `at` hit: a node, else a link, else the background.
fn click_at(f: &Frame, at: Option<Pos2>) -> Clicked {
    let p = f.p;
    let node = at.and_then(|at| nearest_node(at, f.visible, |i| f.screen[i], &|i| f.radius(i)));
    let edge = at.and_then(|at| nearest_edge(at, p, f.screen, &|a, b, t| f.edge_shown(a, b, t)));
    match (node, edge) {
        (Some(i), _) => Clicked::Node(p.entity[i]),
        (None, Some(k)) => {
            let (a, b, _) = p.edges[k];
            let (x, y) = (p.entity[a as usize], p.entity[b as usize]);
            Clicked::Edge(x.min(y), x.max(y))
        }
        (None, None) => Clicked::Background,
    }
}

/// Paints the links: faint ones first, then those touching the focus or selected on top.
fn paint_edges(
    painter: &egui::Painter,
    f: &Frame,
    highlighted: &mut Vec<u32>,
    edges_on_screen: &mut Vec<((u32, u32), Pos2)>,
) {
    let (p, screen) = (f.p, f.screen);
    let focus = f.focus();
    let dim = if focus.is_some() { 0.35 } else { 1.0 };
    highlighted.clear();
    for (k, &(a, b, t)) in p.edges.iter().enumerate() {
        let (a, b) = (a as usize, b as usize);
        if !f.edge_shown(a, b, t) {
            continue;
        }
        let mid = screen[a] + (screen[b] - screen[a]) * 0.5;
        edges_on_screen.push((
            (p.entity[a].min(p.entity[b]), p.entity[a].max(p.entity[b])),
            mid,
        ));
        let touches = focus.is_some_and(|x| x == a || x == b);
        if touches || f.is_sel_edge(a, b) || f.hover_edge == Some(k) {
            highlighted.push(k as u32);
            continue;
        }
        if !f.rect.intersects(Rect::from_two_pos(screen[a], screen[b])) {
            continue;
        }
        let alpha = ((16.0 + 80.0 * t) * dim) as u8;
        let stroke = Stroke::new(0.5 + 2.5 * t, f.ink.gamma_multiply_u8(alpha));
        painter.line_segment([screen[a], screen[b]], stroke);
    }
    for &k in highlighted.iter() {
        let (a, b, t) = p.edges[k as usize];
        let (a, b) = (a as usize, b as usize);
        let strong = f.hover_edge == Some(k as usize) || f.is_sel_edge(a, b);
        let stroke = if strong {
            Stroke::new(2.0 + 3.0 * t, f.accent)
        } else {
            let from = focus.map_or(a, |x| if x == a { a } else { b });
            let c = kind_color(EntityType::ALL[p.kind[from] as usize]);
            Stroke::new(1.5 + 2.5 * t, c)
        };
        painter.line_segment([screen[a], screen[b]], stroke);
    }
}

/// Paints the nodes, smallest last so they stay clickable; away from the focus they fade.
fn paint_nodes(painter: &egui::Painter, f: &Frame, pinned: &[bool]) {
    let p = f.p;
    for &i in p.order.iter().rev() {
        let i = i as usize;
        if f.visible[i] == HIDDEN {
            continue;
        }
        let (r, c) = (f.radius(i), f.screen[i]);
        if !f.rect.expand(r).contains(c) {
            continue;
        }
        let mut fill = kind_color(EntityType::ALL[p.kind[i] as usize]);
        if !f.near_focus(i) {
            fill = fill.gamma_multiply(0.3);
        }
        painter.circle(c, r, fill, Stroke::new(1.0, f.bg));
        if f.visible[i] == SELECTED {
            painter.circle_stroke(c, r + 3.0, Stroke::new(2.5, f.accent));
        } else if f.hover_node == Some(i) {
            painter.circle_stroke(c, r + 2.0, Stroke::new(1.5, f.ink));
        }
        if pinned[i] {
            painter.circle_filled(c, 2.0, f.bg);
        }
    }
}

/// Labels: the selection and what is hovered first, then the selection's neighbours, then
/// the largest nodes, each on the first side of its node where it overlaps no label already
/// drawn and covers no other node (or, failing that, no larger node), or skipped.
/// A node gets one label at most, at the first rank it qualifies for.
fn paint_labels(
    painter: &egui::Painter,
    f: &Frame,
    labels: &mut Vec<Rect>,
    labelled: &mut Vec<usize>,
    discs: &super::labels::Discs,
) {
    let (p, rect, focus) = (f.p, f.rect, f.focus());
    labels.clear();
    labelled.clear();
    let budget = ((rect.area() / 9000.0) as usize).clamp(6, 60);
    let mut ordinary = 0;
    let forced = f.sel_node.into_iter().chain(f.hover_node);
    let near =
        p.order.iter().map(|&i| i as usize).filter(|&i| {
            f.visible[i] == NEIGHBOUR || focus.is_some_and(|x| x != i && f.near_focus(i))
        });
    let rest = p.order.iter().map(|&i| i as usize);
    for (rank, i) in forced
        .map(|i| (0, i))
        .chain(near.map(|i| (1, i)))
        .chain(rest.map(|i| (2, i)))
    {
        if rank == 2 && ordinary >= budget {
            break;
        }
        if f.visible[i] == HIDDEN || !rect.contains(f.screen[i]) || labelled.contains(&i) {
            continue;
        }
        if rank == 2 && focus.is_some() && !f.near_focus(i) && p.radius[i] < 8.0 {
            continue;
        }
        let (r0, r1) = RADIUS;
        let size = 11.0 + 3.0 * ((p.radius[i] - r0) / (r1 - r0)).clamp(0.0, 1.0);
        // Try every side with a size guessed from the name before laying the text out.
        let (c, rad) = (f.screen[i], f.radius(i));
        let at = Anchor { c, r: rad, node: i };
        let guess = vec2(p.name_chars[i] as f32 * size * 0.5, size * 1.2);
        if rank > 0 && free_place(&SIDES, at, guess, rect, labels, discs).is_none() {
            continue;
        }
        let strong = rank == 0 || f.visible[i] == NEIGHBOUR;
        let color = if strong || focus.is_none() {
            f.ink
        } else {
            f.ink.gamma_multiply(0.6)
        };
        let galley =
            painter.layout_no_wrap(p.name(i).to_owned(), FontId::proportional(size), color);
        let r = match free_place(&SIDES, at, galley.size(), rect, labels, discs) {
            Some(r) => r,
            // The selection and the hovered node are always labelled.
            None if rank == 0 => rect_at(Side::Below, c, rad, galley.size()),
            None => continue,
        };
        painter.rect_filled(r.expand(1.0), 3.0, f.bg.gamma_multiply(0.75));
        painter.galley(r.min, galley, color);
        labels.push(r.expand(2.0));
        labelled.push(i);
        if rank == 2 {
            ordinary += 1;
        }
    }
}

/// The hovered node's or link's description, and the cursor that says what a drag does.
fn hover_text(ui: &Ui, resp: Response, f: &Frame, drag: Drag) -> Response {
    let p = f.p;
    if let Some(i) = f.hover_node {
        let node = &p.graph.graph.raw_nodes()[i].weight;
        ui.ctx().set_cursor_icon(if drag == Drag::Node(i) {
            CursorIcon::Grabbing
        } else {
            CursorIcon::Grab
        });
        resp.on_hover_text_at_pointer(format!(
            "{} ({})\n{} mentions in {} documents\n{} links",
            p.name(i),
            EntityType::ALL[p.kind[i] as usize].label(),
            node.mentions,
            node.documents,
            p.neighbours(i).len()
        ))
    } else if let Some(k) = f.hover_edge {
        let (a, b, _) = p.edges[k];
        let e = &p.graph.graph.raw_edges()[k].weight;
        ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
        resp.on_hover_text_at_pointer(format!(
            "{} — {}\n{}: {:.3}\n{}\nclick to list where",
            p.name(a as usize),
            p.name(b as usize),
            p.graph.options.measure.name(),
            e.score,
            link_summary(
                p.graph.options.scope,
                e.count as usize,
                e.documents as usize
            )
        ))
    } else {
        resp
    }
}

/// Colour key of the node types present, in the lower left corner.
fn legend(
    painter: &egui::Painter,
    rect: Rect,
    p: &Prepared,
    show: &[bool; 4],
    ink: Color32,
    bg: Color32,
) {
    let kinds = EntityType::ALL
        .iter()
        .enumerate()
        .filter(|&(k, _)| p.per_kind[k] > 0);
    let rows = kinds.clone().count();
    if rows == 0 {
        return;
    }
    let line = 16.0;
    let box_ = Rect::from_min_size(
        pos2(
            rect.left() + 8.0,
            rect.bottom() - 8.0 - line * rows as f32 - 8.0,
        ),
        vec2(120.0, line * rows as f32 + 8.0),
    );
    painter.rect_filled(box_, 4.0, bg.gamma_multiply(0.85));
    for (row, (k, t)) in kinds.enumerate() {
        let y = box_.top() + 4.0 + line * (row as f32 + 0.5);
        let c = if show[k] {
            kind_color(*t)
        } else {
            kind_color(*t).gamma_multiply(0.25)
        };
        painter.circle_filled(pos2(box_.left() + 10.0, y), 5.0, c);
        painter.text(
            pos2(box_.left() + 22.0, y),
            Align2::LEFT_CENTER,
            format!("{} ({})", t.label(), p.per_kind[k]),
            FontId::proportional(11.0),
            if show[k] {
                ink
            } else {
                ink.gamma_multiply(0.4)
            },
        );
    }
}
