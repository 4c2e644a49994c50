//! Force-directed graph layout, run step by step so a background thread can publish
//! positions between steps.
//!
//! Forces follow ForceAtlas2 (Jacomy, Venturini, Heymann & Bastian 2014, "ForceAtlas2, a
//! continuous graph layout algorithm for handy network visualization designed for the Gephi
//! software", *PLoS ONE* 9(6)): every node has mass m = degree + 1;
//! - repulsion between every two nodes, k_r·m_i·m_j / d (hubs push harder, so leaves gather
//!   around them); exact below [`LayoutSettings::barnes_hut_above`] nodes, otherwise
//!   approximated with a Barnes–Hut quadtree;
//! - attraction along each edge, w·d (linear), with weights divided by their mean so any
//!   measure's scale gives the same picture;
//! - gravity towards the origin, k_g·m·d ("strong gravity"), which keeps disconnected parts
//!   in view. Gravity can be weaker along x than along y (see [`LayoutSettings::aspect`]), so
//!   the layout fills a wide or tall area instead of a disc.
//!
//! Moves follow the adaptive step of Hu (2005), "Efficient and high quality force-directed
//! graph drawing", *The Mathematica Journal* 10(1): each free node moves `step` along its
//! force; the step grows after five steps in a row that lowered the total energy Σ|F|² and
//! shrinks otherwise, so the layout settles. Initial positions come from a seeded xorshift
//! generator: the same input and seed give the same positions, step after step, whatever the
//! thread count.

mod quadtree;
#[cfg(test)]
mod tests;

use quadtree::QuadTree;
use rayon::prelude::*;

/// Tuning of the forces.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutSettings {
    /// k_r, strength of repulsion.
    pub repulsion: f32,
    /// k_g, strength of gravity.
    pub gravity: f32,
    /// Barnes–Hut accuracy: a group of side s at distance d is used whole when s / d < θ.
    pub theta: f32,
    /// Above this many nodes repulsion uses the quadtree instead of all pairs.
    pub barnes_hut_above: usize,
    /// Width over height of the area the layout should fill: gravity along x is k_g/√a and
    /// along y k_g·√a, which draws the layout out to an ellipse of about that shape.
    pub aspect: f32,
}

/// Aspects beyond these are treated as these: a thinner layout would only be a line of nodes.
pub const ASPECT_RANGE: (f32, f32) = (0.25, 4.0);

/// `aspect` within [`ASPECT_RANGE`]; 1 for a value that is not finite and positive.
fn clamp_aspect(aspect: f32) -> f32 {
    if aspect.is_finite() && aspect > 0.0 {
        aspect.clamp(ASPECT_RANGE.0, ASPECT_RANGE.1)
    } else {
        1.0
    }
}

impl Default for LayoutSettings {
    fn default() -> Self {
        LayoutSettings {
            repulsion: 1.0,
            gravity: 0.05,
            theta: 1.0,
            barnes_hut_above: 200,
            aspect: 1.0,
        }
    }
}

/// Forces for entity co-occurrence networks: more repulsion than the default spreads the
/// dense core of a news graph, and more gravity keeps small separate groups close to it.
pub const NETWORK_SETTINGS: LayoutSettings = LayoutSettings {
    repulsion: 4.0,
    gravity: 0.4,
    theta: 1.0,
    barnes_hut_above: 200,
    aspect: 1.0,
};

/// Seed of the initial positions of entity networks, so the same graph always looks the same.
pub const NETWORK_SEED: u64 = 7;

/// Place of a link's score in the range of scores, 0..=1: 1 when the range is a single value,
/// 0 for a score that is not finite.
pub fn score_fraction(score: f64, (lo, hi): (f64, f64)) -> f32 {
    if !score.is_finite() {
        0.0
    } else if hi > lo {
        ((score - lo) / (hi - lo)).clamp(0.0, 1.0) as f32
    } else {
        1.0
    }
}

/// Layout weight of a link at `fraction` of the score range: shifted above zero so weak links
/// still pull a little.
pub fn link_weight(fraction: f32) -> f32 {
    0.2 + fraction
}

/// Layout edges of scored links (node, node, score), weighted by [`link_weight`].
pub fn scored_edges(links: &[(u32, u32, f64)]) -> Vec<(u32, u32, f32)> {
    let (lo, hi) = links
        .iter()
        .map(|l| l.2)
        .filter(|s| s.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
            (a.min(x), b.max(x))
        });
    links
        .iter()
        .map(|&(a, b, s)| (a, b, link_weight(score_fraction(s, (lo, hi)))))
        .collect()
}

/// Step-size factor of the adaptive scheme.
const COOL: f32 = 0.9;
/// Smallest distance used in a force, against division by zero.
const MIN_DIST: f32 = 0.01;
/// Nodes per parallel task when computing forces.
const PAR_MIN: usize = 256;

/// A force-directed layout in progress.
#[derive(Debug)]
pub struct Layout {
    pos: Vec<[f32; 2]>,
    mass: Vec<f32>,
    /// Valid edges (no self-loops), weights normalised to mean 1.
    edges: Vec<(u32, u32, f32)>,
    pinned: Vec<bool>,
    settings: LayoutSettings,
    /// Natural size of the layout, the radius where gravity balances repulsion.
    scale: f32,
    step: f32,
    energy: f64,
    progress: u32,
    moved: f32,
    iterations: u32,
}

/// Repulsion direction and size on a node at `p` (index `i`) from a node `j` at `q` of mass
/// `mj`, not yet multiplied by k_r·m_i: mj·(p − q) / |p − q|².
fn repel(i: usize, j: usize, p: [f32; 2], q: [f32; 2], mj: f32) -> [f32; 2] {
    let (mut dx, mut dy) = (p[0] - q[0], p[1] - q[1]);
    let mut d2 = dx * dx + dy * dy;
    if d2 < MIN_DIST * MIN_DIST {
        // Coincident nodes: push apart along a direction fixed by their indexes.
        let a = (i.min(j) * 7 + i.max(j) * 13) as f32;
        let s = if i < j { 1.0 } else { -1.0 };
        dx = s * MIN_DIST * a.cos();
        dy = s * MIN_DIST * a.sin();
        d2 = MIN_DIST * MIN_DIST;
    }
    [mj * dx / d2, mj * dy / d2]
}

/// Tiny deterministic generator (xorshift64*).
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> Self {
        // Avoid the all-zero state; mix the seed so close seeds diverge.
        XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// Uniform in [0, 1).
    fn next_f32(&mut self) -> f32 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        (x >> 40) as f32 / (1u64 << 24) as f32
    }
}

impl Layout {
    /// A layout of `n_nodes` nodes with default settings. Edges are (node, node, weight);
    /// self-loops and edges naming a node ≥ `n_nodes` are ignored; weights that are not
    /// finite and positive count as the mean weight.
    pub fn new(n_nodes: usize, edges: &[(u32, u32, f32)], seed: u64) -> Self {
        Self::with_settings(n_nodes, edges, seed, LayoutSettings::default())
    }

    /// A layout with the given force settings.
    pub fn with_settings(
        n_nodes: usize,
        edges: &[(u32, u32, f32)],
        seed: u64,
        mut settings: LayoutSettings,
    ) -> Self {
        settings.aspect = clamp_aspect(settings.aspect);
        let mut valid: Vec<(u32, u32, f32)> = edges
            .iter()
            .copied()
            .filter(|&(a, b, _)| a != b && (a as usize) < n_nodes && (b as usize) < n_nodes)
            .collect();
        let good = |w: f32| w.is_finite() && w > 0.0;
        let (sum, k) = valid
            .iter()
            .filter(|e| good(e.2))
            .fold((0.0f64, 0usize), |(s, k), e| (s + e.2 as f64, k + 1));
        let mean = if k > 0 { (sum / k as f64) as f32 } else { 1.0 };
        for e in &mut valid {
            e.2 = if good(e.2) { e.2 / mean } else { 1.0 };
        }
        let mut mass = vec![1.0f32; n_nodes];
        for &(a, b, _) in &valid {
            mass[a as usize] += 1.0;
            mass[b as usize] += 1.0;
        }
        let total: f32 = mass.iter().sum();
        let scale = (settings.repulsion * total / settings.gravity.max(1e-6))
            .sqrt()
            .max(1.0);
        let mut rng = XorShift::new(seed);
        let stretch = settings.aspect.sqrt();
        let pos = (0..n_nodes)
            .map(|_| {
                let x = (rng.next_f32() - 0.5) * scale * stretch;
                let y = (rng.next_f32() - 0.5) * scale / stretch;
                [x, y]
            })
            .collect();
        Layout {
            pos,
            mass,
            edges: valid,
            pinned: vec![false; n_nodes],
            settings,
            scale,
            step: scale * 0.05,
            energy: f64::INFINITY,
            progress: 0,
            moved: f32::INFINITY,
            iterations: 0,
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.pos.len()
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.pos.is_empty()
    }

    /// Current positions, indexed by node.
    pub fn positions(&self) -> &[[f32; 2]] {
        &self.pos
    }

    /// Steps taken so far.
    pub fn iterations(&self) -> u32 {
        self.iterations
    }

    /// Steps until the layout is stable or has taken `max_steps` steps in all; returns the
    /// steps taken by this call.
    pub fn settle(&mut self, max_steps: u32) -> u32 {
        let start = self.iterations;
        while !self.is_empty() && !self.is_stable() && self.iterations < max_steps {
            self.step();
        }
        self.iterations - start
    }

    /// Holds `node` at `pos` (a node being dragged) until [`Layout::unpin`]; the others keep
    /// reacting to it. Wakes a settled layout up.
    pub fn pin(&mut self, node: usize, pos: [f32; 2]) {
        if node < self.pos.len() && pos[0].is_finite() && pos[1].is_finite() {
            self.pos[node] = pos;
            self.pinned[node] = true;
            self.wake();
        }
    }

    /// Lets a pinned node move again.
    pub fn unpin(&mut self, node: usize) {
        if node < self.pinned.len() && self.pinned[node] {
            self.pinned[node] = false;
            self.wake();
        }
    }

    /// The shape (width over height) the layout is drawn out to.
    pub fn aspect(&self) -> f32 {
        self.settings.aspect
    }

    /// Draws the layout out to a new shape (width over height); wakes a settled layout up if
    /// the shape changed.
    pub fn set_aspect(&mut self, aspect: f32) {
        let aspect = clamp_aspect(aspect);
        if (aspect - self.settings.aspect).abs() > 1e-4 * self.settings.aspect {
            self.settings.aspect = aspect;
            self.wake();
        }
    }

    /// Whether the last step moved nodes by less than 0.1 % of the layout's size on average.
    pub fn is_stable(&self) -> bool {
        self.moved < self.scale * 1e-3
    }

    /// Restarts movement after a change, with a moderate step.
    fn wake(&mut self) {
        self.step = self.step.max(self.scale * 0.01);
        self.energy = f64::INFINITY;
        self.progress = 0;
        self.moved = f32::INFINITY;
    }

    /// Net force on every node.
    fn forces(&self) -> Vec<[f32; 2]> {
        let n = self.pos.len();
        let s = self.settings;
        let tree = (n > s.barnes_hut_above).then(|| QuadTree::build(&self.pos, &self.mass));
        let (pos, mass) = (&self.pos, &self.mass);
        let stretch = s.aspect.sqrt();
        let (gx, gy) = (s.gravity / stretch, s.gravity * stretch);
        let node_force = |i: usize| {
            let p = pos[i];
            let mut f = match &tree {
                Some(t) => t.repulsion(i, pos, mass, s.theta, s.repulsion),
                None => {
                    let mut f = [0.0f32; 2];
                    for (j, &q) in pos.iter().enumerate() {
                        if j != i {
                            let g = repel(i, j, p, q, mass[j]);
                            f[0] += g[0];
                            f[1] += g[1];
                        }
                    }
                    let k = s.repulsion * mass[i];
                    [f[0] * k, f[1] * k]
                }
            };
            // Strong gravity: a spring to the origin.
            f[0] -= gx * mass[i] * p[0];
            f[1] -= gy * mass[i] * p[1];
            f
        };
        let mut forces: Vec<[f32; 2]> = (0..n)
            .into_par_iter()
            .with_min_len(PAR_MIN)
            .map(node_force)
            .collect();
        for &(a, b, w) in &self.edges {
            let (pa, pb) = (pos[a as usize], pos[b as usize]);
            let (dx, dy) = (w * (pb[0] - pa[0]), w * (pb[1] - pa[1]));
            forces[a as usize][0] += dx;
            forces[a as usize][1] += dy;
            forces[b as usize][0] -= dx;
            forces[b as usize][1] -= dy;
        }
        forces
    }

    /// Moves every free node once; returns the mean distance moved (0 when nothing moved).
    pub fn step(&mut self) -> f32 {
        let forces = self.forces();
        let mut energy = 0.0f64;
        let (mut moved, mut free) = (0.0f64, 0usize);
        for (i, f) in forces.iter().enumerate() {
            if self.pinned[i] {
                continue;
            }
            free += 1;
            let len = (f[0] * f[0] + f[1] * f[1]).sqrt();
            if !(len.is_finite() && len > 0.0) {
                continue;
            }
            energy += (len as f64) * (len as f64);
            let d = self.step.min(len);
            self.pos[i][0] += d * f[0] / len;
            self.pos[i][1] += d * f[1] / len;
            moved += d as f64;
        }
        if energy < self.energy {
            self.progress += 1;
            if self.progress >= 5 {
                self.progress = 0;
                self.step = (self.step / COOL).min(self.scale);
            }
        } else {
            self.progress = 0;
            self.step *= COOL;
        }
        self.energy = energy;
        self.iterations += 1;
        self.moved = if free > 0 {
            (moved / free as f64) as f32
        } else {
            0.0
        };
        self.moved
    }
}
