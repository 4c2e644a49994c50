//! Where a node's label goes: below, right of, above or left of the node, whichever comes first
//! without overlapping a label already placed or leaving the canvas.

use egui::{Align2, Pos2, Rect, Vec2, vec2};

/// A place for a label next to its node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Centred under the node.
    Below,
    /// Right of the node, vertically centred.
    Right,
    /// Centred over the node.
    Above,
    /// Left of the node, vertically centred.
    Left,
}

/// The sides tried, in order of preference.
pub const SIDES: [Side; 4] = [Side::Below, Side::Right, Side::Above, Side::Left];

/// Space between a node's disc and its label, in points.
const GAP: f32 = 2.0;

/// The rectangle of a label of `size` on `side` of a node at `c` with radius `r`.
pub fn rect_at(side: Side, c: Pos2, r: f32, size: Vec2) -> Rect {
    let d = r + GAP;
    let (align, at) = match side {
        Side::Below => (Align2::CENTER_TOP, c + vec2(0.0, d)),
        Side::Right => (Align2::LEFT_CENTER, c + vec2(d, 0.0)),
        Side::Above => (Align2::CENTER_BOTTOM, c - vec2(0.0, d)),
        Side::Left => (Align2::RIGHT_CENTER, c - vec2(d, 0.0)),
    };
    align.anchor_size(at, size)
}

/// The first of `sides` where a label of `size` lies inside `bounds` and clear of `taken`.
pub fn free_place(
    sides: &[Side],
    c: Pos2,
    r: f32,
    size: Vec2,
    bounds: Rect,
    taken: &[Rect],
) -> Option<Rect> {
    sides
        .iter()
        .map(|&s| rect_at(s, c, r, size))
        .find(|q| bounds.contains_rect(*q) && !taken.iter().any(|t| t.intersects(*q)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    /// Places a label of `size` for each node in turn, as the canvas does; returns the labels.
    fn place_all(nodes: &[Pos2], size: Vec2, sides: &[Side], bounds: Rect) -> Vec<Rect> {
        let mut taken = Vec::new();
        for &c in nodes {
            if let Some(q) = free_place(sides, c, 5.0, size, bounds, &taken) {
                taken.push(q.expand(2.0));
            }
        }
        taken
    }

    #[test]
    fn each_side_touches_the_node_from_its_direction() {
        let (c, size) = (pos2(100.0, 100.0), vec2(40.0, 12.0));
        let below = rect_at(Side::Below, c, 5.0, size);
        assert_eq!((below.center().x, below.top()), (100.0, 107.0));
        let right = rect_at(Side::Right, c, 5.0, size);
        assert_eq!((right.left(), right.center().y), (107.0, 100.0));
        let above = rect_at(Side::Above, c, 5.0, size);
        assert_eq!((above.center().x, above.bottom()), (100.0, 93.0));
        let left = rect_at(Side::Left, c, 5.0, size);
        assert_eq!((left.right(), left.center().y), (93.0, 100.0));
    }

    #[test]
    fn a_crowded_layout_gets_more_labels_than_below_only_and_none_overlap() {
        // 200 nodes scattered over a small canvas.
        let mut x: u64 = 0x2545_f491;
        let mut next = |span: f32| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 10_000) as f32 / 10_000.0 * span
        };
        let nodes: Vec<Pos2> = (0..200)
            .map(|_| pos2(20.0 + next(760.0), 20.0 + next(220.0)))
            .collect();
        let bounds = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 260.0));
        let size = vec2(50.0, 13.0);
        let below = place_all(&nodes, size, &[Side::Below], bounds);
        let all = place_all(&nodes, size, &SIDES, bounds);
        println!(
            "labels placed: {} below only, {} on any side",
            below.len(),
            all.len()
        );
        assert!(all.len() > below.len(), "{} vs {}", all.len(), below.len());
        // Each label is kept with a margin of 2 points.
        let all: Vec<Rect> = all.iter().map(|q| q.shrink(2.0)).collect();
        for (i, a) in all.iter().enumerate() {
            assert!(bounds.contains_rect(*a));
            for b in &all[i + 1..] {
                assert!(!a.intersects(*b), "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn a_node_at_the_right_edge_puts_its_label_on_the_left() {
        let bounds = Rect::from_min_size(Pos2::ZERO, vec2(200.0, 200.0));
        let (c, size) = (pos2(195.0, 100.0), vec2(60.0, 12.0));
        let q = free_place(&SIDES, c, 4.0, size, bounds, &[]);
        assert_eq!(q, Some(rect_at(Side::Left, c, 4.0, size)));
        // With no room anywhere, no place.
        let wide = vec2(300.0, 12.0);
        assert_eq!(free_place(&SIDES, c, 4.0, wide, bounds, &[]), None);
    }
}
