//! Where a node's label goes: below, right of, above or left of the node, whichever comes first
//! without overlapping a label already placed, covering another node or leaving the canvas.
//! Where every side covers some node, a side that covers only nodes smaller than the label's
//! own will do: larger nodes are kept clear first.

use egui::{Align2, Pos2, Rect, Vec2, vec2};
use std::ops::RangeInclusive;

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

/// Side of a cell of the grid [`Discs`] sorts nodes into, in points.
const CELL: f32 = 40.0;

/// The nodes' discs on screen, sorted into a grid of cells so that a label's place is tested
/// only against the discs near it. Buffers are kept from frame to frame.
#[derive(Debug, Default)]
pub struct Discs {
    /// Top left corner of the grid.
    origin: Pos2,
    cols: usize,
    rows: usize,
    /// Discs reaching into cell k: `items[start[k]..start[k + 1]]`, in the order they were
    /// given (larger nodes first).
    start: Vec<u32>,
    items: Vec<u32>,
    /// Centre, radius and node of each disc.
    discs: Vec<(Pos2, f32, u32)>,
    /// Next free slot of each cell while sorting.
    fill: Vec<u32>,
}

impl Discs {
    /// Sorts the discs `(node, centre, radius)` that reach into `bounds` into cells; give the
    /// larger nodes first, so that they are tested first.
    pub fn rebuild(&mut self, bounds: Rect, discs: impl Iterator<Item = (usize, Pos2, f32)>) {
        self.discs.clear();
        self.start.clear();
        self.items.clear();
        let usable = bounds.is_finite() && bounds.is_positive();
        let (cols, rows) = if usable {
            (
                (bounds.width() / CELL).ceil().max(1.0) as usize,
                (bounds.height() / CELL).ceil().max(1.0) as usize,
            )
        } else {
            (0, 0)
        };
        (self.origin, self.cols, self.rows) = (bounds.min, cols, rows);
        self.start.resize(cols * rows + 1, 0);
        if !usable {
            return;
        }
        self.discs.extend(
            discs
                .filter(|&(_, c, r)| r > 0.0 && bounds.expand(r).contains(c))
                .map(|(i, c, r)| (c, r, i as u32)),
        );
        for &(c, r, _) in &self.discs {
            let (xs, ys) = self.cells(Rect::from_center_size(c, Vec2::splat(2.0 * r)));
            for y in ys {
                for x in xs.clone() {
                    self.start[y * cols + x + 1] += 1;
                }
            }
        }
        for k in 1..self.start.len() {
            self.start[k] += self.start[k - 1];
        }
        self.items.resize(self.start[cols * rows] as usize, 0);
        self.fill.clear();
        self.fill.extend_from_slice(&self.start[..cols * rows]);
        for (k, &(c, r, _)) in self.discs.iter().enumerate() {
            let (xs, ys) = self.cells(Rect::from_center_size(c, Vec2::splat(2.0 * r)));
            for y in ys {
                for x in xs.clone() {
                    let slot = &mut self.fill[y * cols + x];
                    self.items[*slot as usize] = k as u32;
                    *slot += 1;
                }
            }
        }
    }

    /// Columns and rows of the cells `r` reaches into (clamped to the grid, which must not be
    /// empty).
    fn cells(&self, r: Rect) -> (RangeInclusive<usize>, RangeInclusive<usize>) {
        let at = |v: f32, o: f32, n: usize| (((v - o) / CELL).floor().max(0.0) as usize).min(n - 1);
        (
            at(r.min.x, self.origin.x, self.cols)..=at(r.max.x, self.origin.x, self.cols),
            at(r.min.y, self.origin.y, self.rows)..=at(r.max.y, self.origin.y, self.rows),
        )
    }

    /// Whether `r` overlaps the disc of a node other than `own` whose radius is over
    /// `larger_than`.
    pub fn covers(&self, r: Rect, own: usize, larger_than: f32) -> bool {
        if self.discs.is_empty() {
            return false;
        }
        let (xs, ys) = self.cells(r);
        ys.into_iter().any(|y| {
            xs.clone().any(|x| {
                let k = y * self.cols + x;
                self.items[self.start[k] as usize..self.start[k + 1] as usize]
                    .iter()
                    .any(|&d| {
                        let (c, radius, node) = self.discs[d as usize];
                        radius > larger_than
                            && node as usize != own
                            && r.distance_to_pos(c) < radius
                    })
            })
        })
    }
}

/// The node a label belongs to: its centre, its radius on screen and its index (its own disc
/// never counts as covered).
#[derive(Debug, Clone, Copy)]
pub struct Anchor {
    /// Centre on screen.
    pub c: Pos2,
    /// Radius on screen.
    pub r: f32,
    /// Index of the node.
    pub node: usize,
}

/// The first of `sides` where a label of `size` lies inside `bounds`, clear of the labels
/// `taken` and of every other node's disc; failing that, the first that covers only nodes
/// smaller than the label's own.
pub fn free_place(
    sides: &[Side],
    at: Anchor,
    size: Vec2,
    bounds: Rect,
    taken: &[Rect],
    discs: &Discs,
) -> Option<Rect> {
    let mut fallback = None;
    for &side in sides {
        let q = rect_at(side, at.c, at.r, size);
        if !bounds.contains_rect(q) || taken.iter().any(|t| t.intersects(q)) {
            continue;
        }
        if !discs.covers(q, at.node, f32::NEG_INFINITY) {
            return Some(q);
        }
        if fallback.is_none() && !discs.covers(q, at.node, at.r) {
            fallback = Some(q);
        }
    }
    fallback
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    /// A node of radius `r` at `c` with index `node`.
    fn anchor(node: usize, c: Pos2, r: f32) -> Anchor {
        Anchor { c, r, node }
    }

    /// Discs of nodes `(centre, radius)`, indexed by position, larger first.
    fn discs_of(nodes: &[(Pos2, f32)], bounds: Rect) -> Discs {
        let mut order: Vec<usize> = (0..nodes.len()).collect();
        order.sort_by(|&a, &b| nodes[b].1.total_cmp(&nodes[a].1));
        let mut d = Discs::default();
        d.rebuild(
            bounds,
            order.into_iter().map(|i| (i, nodes[i].0, nodes[i].1)),
        );
        d
    }

    /// Places a label of `size` for each node in turn, as the canvas does; returns the labels.
    fn place_all(
        nodes: &[Pos2],
        size: Vec2,
        sides: &[Side],
        bounds: Rect,
        discs: &Discs,
    ) -> Vec<Rect> {
        let mut taken = Vec::new();
        for (i, &c) in nodes.iter().enumerate() {
            if let Some(q) = free_place(sides, anchor(i, c, 5.0), size, bounds, &taken, discs) {
                taken.push(q.expand(2.0));
            }
        }
        taken
    }

    /// Points scattered by a fixed generator over `span`, offset by `at`.
    fn scatter(n: usize, at: Pos2, span: Vec2, seed: u64) -> Vec<Pos2> {
        let mut x = seed;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 10_000) as f32 / 10_000.0
        };
        (0..n)
            .map(|_| at + vec2(next() * span.x, next() * span.y))
            .collect()
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
        let none = Discs::default();
        let below = place_all(&nodes, size, &[Side::Below], bounds, &none);
        let all = place_all(&nodes, size, &SIDES, bounds, &none);
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
        let none = Discs::default();
        let q = free_place(&SIDES, anchor(0, c, 4.0), size, bounds, &[], &none);
        assert_eq!(q, Some(rect_at(Side::Left, c, 4.0, size)));
        // With no room anywhere, no place.
        let wide = vec2(300.0, 12.0);
        let q = free_place(&SIDES, anchor(0, c, 4.0), wide, bounds, &[], &none);
        assert_eq!(q, None);
    }

    #[test]
    fn a_label_moves_off_a_node_below_and_off_a_larger_one_first() {
        let bounds = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 400.0));
        let size = vec2(60.0, 12.0);
        let own = (pos2(200.0, 200.0), 6.0);
        // A node right under the label's usual place: the label goes to the right.
        let under = (pos2(200.0, 215.0), 5.0);
        let d = discs_of(&[own, under], bounds);
        let at = anchor(0, own.0, own.1);
        let q = free_place(&SIDES, at, size, bounds, &[], &d);
        assert_eq!(q, Some(rect_at(Side::Right, own.0, own.1, size)));
        // Its own disc never counts.
        let d = discs_of(&[own], bounds);
        let q = free_place(&SIDES, at, size, bounds, &[], &d);
        assert_eq!(q, Some(rect_at(Side::Below, own.0, own.1, size)));
        // Every side covers a node: a small one below, larger ones on the other sides. The
        // label covers the small one rather than a larger one.
        let ring = [
            own,
            (pos2(200.0, 215.0), 3.0),
            (pos2(240.0, 200.0), 10.0),
            (pos2(200.0, 185.0), 10.0),
            (pos2(160.0, 200.0), 10.0),
        ];
        let d = discs_of(&ring, bounds);
        let q = free_place(&SIDES, at, size, bounds, &[], &d);
        assert_eq!(q, Some(rect_at(Side::Below, own.0, own.1, size)));
        // With the small node on the left instead, the label goes left.
        let mut moved = ring;
        moved[1].1 = 10.0;
        moved[4].1 = 3.0;
        let d = discs_of(&moved, bounds);
        let q = free_place(&SIDES, at, size, bounds, &[], &d);
        assert_eq!(q, Some(rect_at(Side::Left, own.0, own.1, size)));
        // Larger nodes all round: no place.
        let mut big = ring;
        big[1].1 = 10.0;
        let d = discs_of(&big, bounds);
        assert_eq!(free_place(&SIDES, at, size, bounds, &[], &d), None);
    }

    #[test]
    fn the_grid_finds_the_same_discs_as_testing_each() {
        let bounds = Rect::from_min_size(pos2(30.0, 20.0), vec2(500.0, 300.0));
        let centres = scatter(150, pos2(0.0, 0.0), vec2(560.0, 340.0), 0x9e37_79b9);
        let nodes: Vec<(Pos2, f32)> = centres
            .iter()
            .enumerate()
            .map(|(i, &c)| (c, 2.0 + (i % 9) as f32 * 3.0))
            .collect();
        let d = discs_of(&nodes, bounds);
        let corners = scatter(400, pos2(10.0, 0.0), vec2(520.0, 330.0), 0x2545_f491);
        for (k, &at) in corners.iter().enumerate() {
            let r = Rect::from_min_size(at, vec2(20.0 + (k % 7) as f32 * 15.0, 13.0));
            let own = k % nodes.len();
            for larger_than in [f32::NEG_INFINITY, 8.0] {
                let each = nodes.iter().enumerate().any(|(i, &(c, rad))| {
                    i != own
                        && rad > larger_than
                        && bounds.expand(rad).contains(c)
                        && r.distance_to_pos(c) < rad
                });
                assert_eq!(d.covers(r, own, larger_than), each, "{r:?}");
            }
        }
        // No canvas yet: nothing is covered.
        let mut empty = Discs::default();
        empty.rebuild(
            Rect::NOTHING,
            nodes.iter().enumerate().map(|(i, n)| (i, n.0, n.1)),
        );
        assert!(!empty.covers(bounds, 0, f32::NEG_INFINITY));
    }

    #[test]
    fn in_a_crowd_labels_cover_fewer_nodes_and_never_a_larger_one() {
        let bounds = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 400.0));
        let centres = scatter(150, pos2(20.0, 20.0), vec2(760.0, 360.0), 0x5851_f42d);
        let nodes: Vec<(Pos2, f32)> = centres
            .iter()
            .enumerate()
            .map(|(i, &c)| (c, 3.0 + 12.0 / (1.0 + i as f32 * 0.1)))
            .collect();
        let size = vec2(56.0, 13.0);
        // Labels are placed largest node first, as the canvas does.
        let place = |discs: &Discs| {
            let mut taken: Vec<(usize, Rect)> = Vec::new();
            for (i, &(c, r)) in nodes.iter().enumerate() {
                let rects: Vec<Rect> = taken.iter().map(|t| t.1).collect();
                if let Some(q) = free_place(&SIDES, anchor(i, c, r), size, bounds, &rects, discs) {
                    taken.push((i, q.expand(2.0)));
                }
            }
            taken
        };
        let covered = |labels: &[(usize, Rect)], larger: bool| {
            labels
                .iter()
                .filter(|&&(i, q)| {
                    nodes.iter().enumerate().any(|(j, &(c, r))| {
                        j != i
                            && (!larger || r > nodes[i].1)
                            && q.shrink(2.0).distance_to_pos(c) < r
                    })
                })
                .count()
        };
        let blind = place(&Discs::default());
        let seeing = place(&discs_of(&nodes, bounds));
        println!(
            "labels covering a node: {} of {} without looking, {} of {} avoiding discs",
            covered(&blind, false),
            blind.len(),
            covered(&seeing, false),
            seeing.len()
        );
        assert!(covered(&seeing, false) < covered(&blind, false));
        assert_eq!(covered(&seeing, true), 0);
        assert!(
            seeing.len() * 10 >= blind.len() * 7,
            "{} vs {}",
            seeing.len(),
            blind.len()
        );
    }
}
