//! Tests of the force-directed layout.

use super::*;
use std::time::Instant;

fn dist(a: [f32; 2], b: [f32; 2]) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

/// Every pair of `nodes` joined by an edge of weight 1.
fn clique(nodes: std::ops::Range<u32>) -> Vec<(u32, u32, f32)> {
    let mut e = Vec::new();
    for a in nodes.clone() {
        for b in a + 1..nodes.end {
            e.push((a, b, 1.0));
        }
    }
    e
}

fn settle(l: &mut Layout, max_steps: u32) -> u32 {
    for _ in 0..max_steps {
        l.step();
        if l.is_stable() {
            break;
        }
    }
    l.iterations()
}

/// A ring of 12 nodes with a few chords.
fn ring() -> Vec<(u32, u32, f32)> {
    let mut e: Vec<(u32, u32, f32)> = (0..12).map(|i| (i, (i + 1) % 12, 1.0)).collect();
    e.extend([(0, 6, 1.0), (3, 9, 1.0)]);
    e
}

#[test]
fn converges_to_a_stable_layout() {
    let mut l = Layout::new(12, &ring(), 1);
    let first = l.step();
    let steps = settle(&mut l, 3000);
    assert!(l.is_stable(), "not stable after {steps} steps");
    assert!(steps < 1000, "{steps} steps");
    let mut last = 0.0;
    for _ in 0..20 {
        last = l.step();
    }
    assert!(last < first * 0.01, "first move {first}, last {last}");
    assert!(
        l.positions()
            .iter()
            .all(|p| p[0].is_finite() && p[1].is_finite())
    );
}

#[test]
fn disconnected_cliques_end_up_apart() {
    let mut edges = clique(0..6);
    edges.extend(clique(6..12));
    let mut l = Layout::new(12, &edges, 3);
    settle(&mut l, 3000);
    let p = l.positions();
    let centre = |r: std::ops::Range<usize>| {
        let k = r.len() as f32;
        let s = p[r]
            .iter()
            .fold([0.0, 0.0], |s, q| [s[0] + q[0], s[1] + q[1]]);
        [s[0] / k, s[1] / k]
    };
    let (c1, c2) = (centre(0..6), centre(6..12));
    let spread =
        |r: std::ops::Range<usize>, c| p[r].iter().map(|&q| dist(q, c)).fold(0.0, f32::max);
    let gap = dist(c1, c2);
    assert!(
        gap > spread(0..6, c1) + spread(6..12, c2),
        "cliques overlap: gap {gap}"
    );
}

/// Mean distance between linked nodes and between unlinked nodes.
fn linked_vs_unlinked(p: &[[f32; 2]], edges: &[(u32, u32, f32)]) -> (f32, f32) {
    let n = p.len();
    let mut linked = vec![false; n * n];
    for &(a, b, _) in edges {
        linked[a as usize * n + b as usize] = true;
        linked[b as usize * n + a as usize] = true;
    }
    let (mut sl, mut kl, mut su, mut ku) = (0.0, 0, 0.0, 0);
    for i in 0..n {
        for j in i + 1..n {
            let d = dist(p[i], p[j]);
            if linked[i * n + j] {
                sl += d;
                kl += 1;
            } else {
                su += d;
                ku += 1;
            }
        }
    }
    (sl / kl as f32, su / ku as f32)
}

#[test]
fn linked_nodes_are_closer() {
    let edges = ring();
    let mut l = Layout::new(12, &edges, 5);
    settle(&mut l, 3000);
    let (near, far) = linked_vs_unlinked(l.positions(), &edges);
    assert!(near < far, "linked {near}, unlinked {far}");
    // The same with the quadtree on a larger random graph.
    let edges = random_graph(400, 1200, 9);
    let mut l = Layout::new(400, &edges, 9);
    settle(&mut l, 400);
    let (near, far) = linked_vs_unlinked(l.positions(), &edges);
    assert!(near < far * 0.8, "linked {near}, unlinked {far}");
}

#[test]
fn deterministic_for_a_seed() {
    let edges = random_graph(300, 900, 4);
    let run = |threads, seed| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        pool.install(|| {
            let mut l = Layout::new(300, &edges, seed);
            for _ in 0..30 {
                l.step();
            }
            l.positions().to_vec()
        })
    };
    let a = run(1, 11);
    assert_eq!(a, run(3, 11));
    assert_ne!(a, run(1, 12));
}

#[test]
fn pinned_node_stays_put() {
    let mut l = Layout::new(12, &ring(), 2);
    settle(&mut l, 3000);
    assert!(l.is_stable());
    l.pin(4, [50.0, -20.0]);
    assert!(!l.is_stable());
    for _ in 0..20 {
        l.step();
    }
    assert_eq!(l.positions()[4], [50.0, -20.0]);
    l.unpin(4);
    l.step();
    assert_ne!(l.positions()[4], [50.0, -20.0]);
    // Out-of-range nodes and non-finite positions are ignored.
    l.pin(99, [0.0, 0.0]);
    l.pin(1, [f32::NAN, 0.0]);
    assert!(l.positions()[1][0].is_finite());
}

#[test]
fn degenerate_inputs() {
    let mut empty = Layout::new(0, &[], 1);
    assert_eq!(empty.step(), 0.0);
    assert!(empty.is_empty() && empty.is_stable());
    let mut one = Layout::new(1, &[(0, 0, 1.0), (0, 5, 1.0)], 1);
    one.step();
    assert!(one.positions()[0][0].is_finite());
    // Bad weights and coincident pins stay finite.
    let mut l = Layout::new(3, &[(0, 1, f32::NAN), (1, 2, -4.0), (0, 2, 0.0)], 1);
    l.pin(0, [1.0, 1.0]);
    l.pin(1, [1.0, 1.0]);
    for _ in 0..50 {
        l.step();
    }
    assert!(
        l.positions()
            .iter()
            .all(|p| p[0].is_finite() && p[1].is_finite())
    );
}

/// `m` random edges over `n` nodes (may repeat), from a fixed xorshift sequence.
fn random_graph(n: u32, m: usize, seed: u64) -> Vec<(u32, u32, f32)> {
    let mut r = XorShift::new(seed);
    (0..m)
        .map(|_| {
            let a = (r.next_f32() * n as f32) as u32 % n;
            let b = (r.next_f32() * n as f32) as u32 % n;
            (a, b, 1.0 + r.next_f32())
        })
        .collect()
}

/// Time per step: `cargo test --release --lib layout::tests::timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing() {
    for (n, m) in [(300u32, 2_000usize), (2_000, 10_000)] {
        let edges = random_graph(n, m, 1);
        let mut l = Layout::new(n as usize, &edges, 1);
        l.step();
        let t = Instant::now();
        let steps = 50;
        for _ in 0..steps {
            l.step();
        }
        let ms = t.elapsed().as_secs_f64() * 1000.0 / steps as f64;
        let settled = settle(&mut l, 2000);
        println!("{n} nodes, {m} edges: {ms:.2} ms per step; stable after {settled} steps");
    }
}

/// Width over height of the box around `positions`.
fn box_shape(positions: &[[f32; 2]]) -> f32 {
    let (mut lo, mut hi) = ([f32::MAX; 2], [f32::MIN; 2]);
    for p in positions {
        for d in 0..2 {
            lo[d] = lo[d].min(p[d]);
            hi[d] = hi[d].max(p[d]);
        }
    }
    (hi[0] - lo[0]) / (hi[1] - lo[1])
}

/// 150 nodes in a sparse web: a path through all of them and a few longer chords.
fn web() -> Vec<(u32, u32, f32)> {
    let mut e: Vec<(u32, u32, f32)> = (0..149).map(|i| (i, i + 1, 1.0)).collect();
    e.extend((0..150).step_by(7).map(|i| (i, (i * 31 + 11) % 150, 1.0)));
    e
}

#[test]
fn the_layout_takes_the_shape_of_the_area_it_should_fill() {
    let shape = |aspect: f32| {
        let settings = LayoutSettings {
            aspect,
            ..NETWORK_SETTINGS
        };
        let mut l = Layout::with_settings(150, &web(), NETWORK_SEED, settings);
        settle(&mut l, 3000);
        box_shape(l.positions())
    };
    let (round, wide, tall) = (shape(1.0), shape(2.0), shape(0.5));
    println!("box shapes: {round:.2} round, {wide:.2} wide, {tall:.2} tall");
    assert!((0.7..1.4).contains(&round), "{round}");
    assert!((1.5..2.8).contains(&wide), "{wide}");
    assert!((1.0 / 2.8..1.0 / 1.5).contains(&tall), "{tall}");
}

#[test]
fn a_new_aspect_wakes_a_settled_layout_and_reshapes_it() {
    let mut l = Layout::with_settings(150, &web(), NETWORK_SEED, NETWORK_SETTINGS);
    settle(&mut l, 3000);
    assert!(l.is_stable());
    let before = box_shape(l.positions());
    // The same shape again changes nothing; out of range values are clamped.
    l.set_aspect(1.0);
    assert!(l.is_stable());
    l.set_aspect(100.0);
    assert_eq!(l.aspect(), ASPECT_RANGE.1);
    l.set_aspect(f32::NAN);
    assert_eq!(l.aspect(), 1.0);
    l.set_aspect(2.0);
    assert!(!l.is_stable());
    settle(&mut l, 6000);
    let after = box_shape(l.positions());
    assert!(after > before * 1.4, "{before} → {after}");
}
