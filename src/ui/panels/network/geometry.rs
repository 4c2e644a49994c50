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
#[derive(Debug, Clone, Copy)]
pub struct View {
    /// Follow the graph's bounds (until the user zooms or pans).
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

/// The view that shows every visible node with a margin.
pub fn fit_view(rect: Rect, positions: &[[f32; 2]], visible: &[u8]) -> View {
    let mut lo = [f32::INFINITY; 2];
    let mut hi = [f32::NEG_INFINITY; 2];
    for (q, &vis) in positions.iter().zip(visible) {
        if vis != HIDDEN && q[0].is_finite() && q[1].is_finite() {
            for d in 0..2 {
                lo[d] = lo[d].min(q[d]);
                hi[d] = hi[d].max(q[d]);
            }
        }
    }
    if lo[0] > hi[0] {
        return View::default();
    }
    let size = vec2((hi[0] - lo[0]).max(1e-3), (hi[1] - lo[1]).max(1e-3));
    let room = (rect.size() - Vec2::splat(2.0 * MARGIN)).max(Vec2::splat(10.0));
    let scale = (room.x / size.x).min(room.y / size.y);
    View {
        auto: true,
        center: vec2(lo[0] + hi[0], lo[1] + hi[1]) * 0.5,
        scale: if scale.is_finite() && scale > 0.0 {
            scale.min(room.x.min(room.y) * 0.25)
        } else {
            1.0
        },
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
