//! Geometry of the Network canvas: the map from layout to screen coordinates, fitting the
//! graph into the canvas, and finding the node or link under the pointer.

use super::model::Prepared;
use egui::{Pos2, Rect, Vec2, vec2};

/// Space kept free around the fitted graph, in points.
const MARGIN: f32 = 36.0;
/// How close to an edge (points) the pointer must be to hover it.
const EDGE_HIT: f32 = 4.0;
/// Visibility levels of a node in a frame: not drawn, drawn, a neighbour of the selection,
/// the selection.
pub const HIDDEN: u8 = 0;
pub const SHOWN: u8 = 1;
pub const NEIGHBOUR: u8 = 2;
pub const SELECTED: u8 = 3;

/// How graph coordinates map to the screen: `screen = centre of rect + (p − center) · scale`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// Fit the graph to the canvas each frame: on until the user zooms, pans or drags a node,
    /// and again for a new graph or when the user asks for a fit.
    pub auto: bool,
    /// Graph point at the middle of the canvas.
    pub center: Vec2,
    /// Points per graph unit.
    pub scale: f32,
}

impl Default for View {
    fn default() -> Self {
        View {
            auto: true,
            center: Vec2::ZERO,
            scale: 1.0,
        }
    }
}

impl View {
    pub fn to_screen(self, rect: Rect, p: [f32; 2]) -> Pos2 {
        rect.center() + (vec2(p[0], p[1]) - self.center) * self.scale
    }

    pub fn to_graph(self, rect: Rect, s: Pos2) -> [f32; 2] {
        let v = self.center + (s - rect.center()) / self.scale;
        [v.x, v.y]
    }
}

/// The box around the visible nodes, in graph coordinates; `None` when none is visible.
pub fn graph_bounds(positions: &[[f32; 2]], visible: &[u8]) -> Option<Rect> {
    let mut b = Rect::NOTHING;
    for (q, &vis) in positions.iter().zip(visible) {
        if vis != HIDDEN && q[0].is_finite() && q[1].is_finite() {
            b.extend_with(Pos2::new(q[0], q[1]));
        }
    }
    // One node, or nodes on a line, give a box of no area: still a place to look at.
    (b.min.x <= b.max.x).then_some(b)
}

/// The room the fitted graph's nodes may take in `rect`: all of it but a margin.
pub fn fit_room(rect: Rect) -> Vec2 {
    (rect.size() - Vec2::splat(2.0 * MARGIN)).max(Vec2::splat(10.0))
}

/// The view that puts the graph box `b` in the middle of `rect` and as large as it fits
/// within the margin: its wider side (relative to the canvas) spans the room exactly. A box
/// with no width or height (one node, or nodes on a line) is not blown up beyond a quarter of
/// the room per graph unit.
pub fn fit_box(rect: Rect, b: Rect) -> View {
    let size = vec2(b.width().max(1e-3), b.height().max(1e-3));
    let room = fit_room(rect);
    let scale = (room.x / size.x).min(room.y / size.y);
    View {
        auto: true,
        center: b.center().to_vec2(),
        scale: if scale.is_finite() && scale > 0.0 {
            scale.min(room.x.min(room.y) * 0.25)
        } else {
            1.0
        },
    }
}

/// The view that shows every visible node with a margin.
pub fn fit_view(rect: Rect, positions: &[[f32; 2]], visible: &[u8]) -> View {
    match graph_bounds(positions, visible) {
        Some(b) => fit_box(rect, b),
        None => View::default(),
    }
}

/// The visible node whose disc (plus a little) holds `at`, the closest if several do.
pub fn nearest_node(
    at: Pos2,
    visible: &[u8],
    screen: impl Fn(usize) -> Pos2,
    radius: &impl Fn(usize) -> f32,
) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &vis) in visible.iter().enumerate() {
        if vis == HIDDEN {
            continue;
        }
        let d = screen(i).distance(at);
        if d <= radius(i) + 3.0 && best.is_none_or(|(_, bd)| d < bd) {
            best = Some((i, d));
        }
    }
    best.map(|(i, _)| i)
}

/// The drawn edge nearest to `at`, if within [`EDGE_HIT`] points.
pub fn nearest_edge(
    at: Pos2,
    p: &Prepared,
    screen: &[Pos2],
    shown: &impl Fn(usize, usize, f32) -> bool,
) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (k, &(a, b, t)) in p.edges.iter().enumerate() {
        let (a, b) = (a as usize, b as usize);
        let (pa, pb) = (screen[a], screen[b]);
        if at.x < pa.x.min(pb.x) - EDGE_HIT
            || at.x > pa.x.max(pb.x) + EDGE_HIT
            || at.y < pa.y.min(pb.y) - EDGE_HIT
            || at.y > pa.y.max(pb.y) + EDGE_HIT
            || !shown(a, b, t)
        {
            continue;
        }
        let d = segment_distance(at, pa, pb);
        if d < EDGE_HIT && best.is_none_or(|(_, bd)| d < bd) {
            best = Some((k, d));
        }
    }
    best.map(|(k, _)| k)
}

/// Distance from `p` to the segment `a`–`b`.
pub fn segment_distance(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len2 = ab.length_sq();
    let t = if len2 > 0.0 {
        ((p - a).dot(ab) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (a + ab * t).distance(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    fn canvas() -> Rect {
        Rect::from_min_size(pos2(100.0, 50.0), vec2(800.0, 400.0))
    }

    #[test]
    fn a_wide_box_spans_the_canvas_width_within_the_margin() {
        let rect = canvas();
        let b = Rect::from_min_max(pos2(-50.0, -10.0), pos2(150.0, 30.0));
        let v = fit_box(rect, b);
        assert_eq!(v.center, vec2(50.0, 10.0));
        // 200 graph units across 800 − 2·36 points; the height follows at the same scale.
        assert!((v.scale - 728.0 / 200.0).abs() < 1e-4, "{}", v.scale);
        let (lo, hi) = (
            v.to_screen(rect, [-50.0, -10.0]),
            v.to_screen(rect, [150.0, 30.0]),
        );
        assert!((lo.x - (rect.left() + MARGIN)).abs() < 1e-3);
        assert!((hi.x - (rect.right() - MARGIN)).abs() < 1e-3);
        assert!(lo.y > rect.top() + MARGIN && hi.y < rect.bottom() - MARGIN);
        assert!(((lo.y + hi.y) / 2.0 - rect.center().y).abs() < 1e-3);
    }

    #[test]
    fn a_tall_box_spans_the_canvas_height_within_the_margin() {
        let rect = canvas();
        let b = Rect::from_min_max(pos2(0.0, 0.0), pos2(10.0, 100.0));
        let v = fit_box(rect, b);
        assert!((v.scale - 328.0 / 100.0).abs() < 1e-4);
        let (lo, hi) = (
            v.to_screen(rect, [0.0, 0.0]),
            v.to_screen(rect, [10.0, 100.0]),
        );
        assert!((lo.y - (rect.top() + MARGIN)).abs() < 1e-3);
        assert!((hi.y - (rect.bottom() - MARGIN)).abs() < 1e-3);
        assert!(((lo.x + hi.x) / 2.0 - rect.center().x).abs() < 1e-3);
        // Screen and graph coordinates map back and forth.
        let g = v.to_graph(rect, pos2(321.0, 123.0));
        assert!(v.to_screen(rect, g).distance(pos2(321.0, 123.0)) < 1e-3);
    }

    #[test]
    fn bounds_leave_out_hidden_and_broken_positions() {
        let pos = [
            [0.0, 0.0],
            [10.0, 4.0],
            [-5.0, 2.0],
            [1e6, 1e6],
            [f32::NAN, 0.0],
        ];
        let vis = [SHOWN, NEIGHBOUR, SELECTED, HIDDEN, SHOWN];
        let b = graph_bounds(&pos, &vis);
        assert_eq!(
            b,
            Some(Rect::from_min_max(pos2(-5.0, 0.0), pos2(10.0, 4.0)))
        );
        assert_eq!(graph_bounds(&pos, &[HIDDEN; 5]), None);
        assert_eq!(fit_view(canvas(), &pos, &[HIDDEN; 5]), View::default());
    }

    #[test]
    fn a_single_node_is_centred_without_a_runaway_zoom() {
        let rect = canvas();
        let b = graph_bounds(&[[3.0, -2.0]], &[SHOWN]).unwrap();
        let v = fit_box(rect, b);
        assert_eq!(v.to_screen(rect, [3.0, -2.0]), rect.center());
        assert_eq!(v.scale, 328.0 * 0.25);
    }
}
