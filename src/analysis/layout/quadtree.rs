//! Barnes–Hut quadtree: approximate repulsion from far-away groups of nodes by their total
//! mass at their centre of mass (Barnes & Hut 1986, "A hierarchical O(N log N)
//! force-calculation algorithm", *Nature* 324).

/// Deepest level; nodes still sharing a cell there (coincident) form one leaf.
const MAX_DEPTH: u32 = 24;

/// A square region holding the nodes `order[lo..hi]`.
#[derive(Debug, Clone, Copy)]
struct Cell {
    /// Centre of mass.
    com: [f32; 2],
    /// Total mass.
    mass: f32,
    /// Lower-left corner.
    corner: [f32; 2],
    /// Side length.
    size: f32,
    lo: u32,
    hi: u32,
    /// Child cells, `u32::MAX` for none; all `u32::MAX` for a leaf.
    children: [u32; 4],
}

/// Quadtree over node positions, rebuilt every layout step.
#[derive(Debug, Default)]
pub(super) struct QuadTree {
    cells: Vec<Cell>,
    /// Node indexes, grouped so that every cell's nodes are contiguous.
    order: Vec<u32>,
}

impl QuadTree {
    /// Builds the tree of all nodes.
    pub fn build(pos: &[[f32; 2]], mass: &[f32]) -> Self {
        let mut t = QuadTree {
            cells: Vec::with_capacity(pos.len() * 2),
            order: (0..pos.len() as u32).collect(),
        };
        if pos.is_empty() {
            return t;
        }
        let (mut min, mut max) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
        for p in pos {
            for k in 0..2 {
                min[k] = min[k].min(p[k]);
                max[k] = max[k].max(p[k]);
            }
        }
        let size = (max[0] - min[0]).max(max[1] - min[1]).max(1e-6) * 1.0001;
        t.build_cell(pos, mass, 0, pos.len(), min, size, 0);
        t
    }

    /// Builds the cell of `order[lo..hi]` within the square at `corner` of side `size`;
    /// returns its index.
    #[allow(clippy::too_many_arguments)]
    fn build_cell(
        &mut self,
        pos: &[[f32; 2]],
        mass: &[f32],
        lo: usize,
        hi: usize,
        corner: [f32; 2],
        size: f32,
        depth: u32,
    ) -> u32 {
        let (mut m, mut cx, mut cy) = (0.0f32, 0.0f32, 0.0f32);
        for &i in &self.order[lo..hi] {
            let (p, w) = (pos[i as usize], mass[i as usize]);
            m += w;
            cx += w * p[0];
            cy += w * p[1];
        }
        let com = if m > 0.0 { [cx / m, cy / m] } else { corner };
        let id = self.cells.len() as u32;
        self.cells.push(Cell {
            com,
            mass: m,
            corner,
            size,
            lo: lo as u32,
            hi: hi as u32,
            children: [u32::MAX; 4],
        });
        if hi - lo <= 1 || depth >= MAX_DEPTH {
            return id;
        }
        let half = size / 2.0;
        let mid = [corner[0] + half, corner[1] + half];
        // Split by x, then each half by y: quadrants (left-low, left-high, right-low, right-high).
        let xs = lo + partition(&mut self.order[lo..hi], |i| pos[i as usize][0] < mid[0]);
        let y1 = lo + partition(&mut self.order[lo..xs], |i| pos[i as usize][1] < mid[1]);
        let y2 = xs + partition(&mut self.order[xs..hi], |i| pos[i as usize][1] < mid[1]);
        let quads = [
            (lo, y1, corner),
            (y1, xs, [corner[0], mid[1]]),
            (xs, y2, [mid[0], corner[1]]),
            (y2, hi, mid),
        ];
        let mut children = [u32::MAX; 4];
        for (q, &(a, b, c)) in quads.iter().enumerate() {
            if a < b {
                children[q] = self.build_cell(pos, mass, a, b, c, half, depth + 1);
            }
        }
        self.cells[id as usize].children = children;
        id
    }

    /// Repulsion on node `i`: Σ strength·m_i·m_j / d along the direction away from each other
    /// node (or group), with groups of side s at distance d used whole when s / d < `theta`.
    pub fn repulsion(
        &self,
        i: usize,
        pos: &[[f32; 2]],
        mass: &[f32],
        theta: f32,
        strength: f32,
    ) -> [f32; 2] {
        let mut f = [0.0f32; 2];
        if self.cells.is_empty() {
            return f;
        }
        let p = pos[i];
        let mut stack = vec![0u32];
        while let Some(c) = stack.pop() {
            let cell = &self.cells[c as usize];
            let leaf = cell.children == [u32::MAX; 4];
            if leaf {
                for &j in &self.order[cell.lo as usize..cell.hi as usize] {
                    if j as usize != i {
                        let g = super::repel(i, j as usize, p, pos[j as usize], mass[j as usize]);
                        f[0] += g[0];
                        f[1] += g[1];
                    }
                }
                continue;
            }
            let (dx, dy) = (p[0] - cell.com[0], p[1] - cell.com[1]);
            let d2 = dx * dx + dy * dy;
            let inside =
                (0..2).all(|k| p[k] >= cell.corner[k] && p[k] <= cell.corner[k] + cell.size);
            if !inside && cell.size * cell.size < theta * theta * d2 {
                let k = cell.mass / d2;
                f[0] += k * dx;
                f[1] += k * dy;
            } else {
                stack.extend(cell.children.iter().filter(|&&ch| ch != u32::MAX));
            }
        }
        let k = strength * mass[i];
        [f[0] * k, f[1] * k]
    }
}

/// Moves the items satisfying `pred` to the front (order otherwise deterministic); returns
/// how many there are.
fn partition(items: &mut [u32], pred: impl Fn(u32) -> bool) -> usize {
    let mut at = 0;
    for k in 0..items.len() {
        if pred(items[k]) {
            items.swap(at, k);
            at += 1;
        }
    }
    at
}
