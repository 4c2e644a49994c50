//! The Network canvas on a synthetic graph: timing of a whole frame, label culling and
//! hit testing.

use super::NetworkView;
use super::canvas::{self, Clicked, Sel};
use super::geometry::segment_distance;
use super::model::Prepared;
use crate::analysis::cooccur::{CooccurGraph, CooccurOptions, EdgeData, NodeData};
use crate::analysis::layout::Layout;
use crate::ner::EntityType;
use crate::ner::catalog::{Catalog, Entity};
use egui::{Pos2, Rect, Vec2, pos2, vec2};
use petgraph::graph::{NodeIndex, UnGraph};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A graph of `n` entities and `m` links with a skewed degree, and its catalog.
fn synthetic(n: usize, m: usize) -> (Arc<Catalog>, Arc<CooccurGraph>) {
    let mut cat = Catalog::default();
    let mut g = UnGraph::new_undirected();
    for i in 0..n {
        cat.entities.push(Entity {
            key: format!("entity {i}"),
            name: format!("Entity number {i}"),
            kind: EntityType::ALL[i % 4],
            mentions: (1000 / (i + 1)) as u32 + 1,
            documents: 1,
            forms: Vec::new(),
            hidden: false,
        });
        g.add_node(NodeData {
            entity: i as u32,
            mentions: (1000 / (i + 1)) as u32 + 1,
            documents: 1,
            units: 1,
        });
    }
    let mut seen = std::collections::HashSet::new();
    let mut x: u64 = 12345;
    while seen.len() < m {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        // Low ids are hubs: pick the first endpoint with a square bias.
        let a = (((x % 1000) as f64 / 1000.0).powi(2) * n as f64) as usize;
        let b = ((x >> 20) % n as u64) as usize;
        let (a, b) = (a.min(b), a.max(b));
        if a != b && seen.insert((a, b)) {
            g.add_edge(
                NodeIndex::new(a),
                NodeIndex::new(b),
                EdgeData {
                    count: 1 + (x % 20) as u32,
                    documents: 1,
                    score: (x % 1000) as f64 / 100.0,
                    contexts: Vec::new(),
                },
            );
        }
    }
    let graph = CooccurGraph {
        graph: g,
        options: CooccurOptions::default(),
        n: 1000.0,
        crowded: 0,
    };
    (Arc::new(cat), Arc::new(graph))
}

/// A view of the synthetic graph with positions from a settled layout.
fn view_of(n: usize, m: usize) -> NetworkView {
    let (cat, g) = synthetic(n, m);
    let p = Prepared::new(cat, g);
    let mut layout = Layout::new(p.len(), &p.layout_edges(), 7);
    for _ in 0..300 {
        layout.step();
    }
    let mut v = NetworkView {
        positions: layout.positions().to_vec(),
        pinned: vec![false; p.len()],
        stable: true,
        ..NetworkView::default()
    };
    v.graph = Some(p);
    v
}

/// Runs one frame of the canvas alone, with the pointer at `pointer`, and tessellates it the
/// way the window would; returns the click and the time taken.
fn frame(
    ctx: &egui::Context,
    v: &mut NetworkView,
    sel: Sel,
    pointer: Pos2,
    click: bool,
) -> (Option<Clicked>, Duration) {
    let mut events = vec![egui::Event::PointerMoved(pointer)];
    if click {
        for pressed in [true, false] {
            events.push(egui::Event::PointerButton {
                pos: pointer,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            });
        }
    }
    let input = egui::RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1200.0, 800.0))),
        events,
        ..Default::default()
    };
    let t = Instant::now();
    let mut clicked = None;
    let out = ctx.run_ui(input, |ui| {
        clicked = canvas::canvas(ui, v, sel).and_then(|(_, c)| c);
    });
    let mut out = out;
    // No renderer here: font textures are dropped on purpose.
    out.textures_delta.clear();
    let meshes = ctx.tessellate(out.shapes, out.pixels_per_point);
    assert!(!meshes.is_empty());
    (clicked, t.elapsed())
}

#[test]
fn a_frame_of_300_nodes_and_2000_links_takes_under_16_ms() {
    let mut v = view_of(300, 2000);
    let ctx = egui::Context::default();
    let centre = pos2(600.0, 400.0);
    for _ in 0..3 {
        frame(&ctx, &mut v, Sel::default(), centre, false);
    }
    assert_eq!(v.nodes_on_screen.len(), 300);
    assert_eq!(v.edges_on_screen.len(), 2000);
    let hub = Sel {
        entity: Some(0),
        edge: None,
    };
    let mut times = Vec::new();
    for k in 0..30 {
        // Sweep the pointer so hovering, highlighting and hit tests all run.
        let at = pos2(100.0 + 33.0 * k as f32, 150.0 + 17.0 * k as f32);
        let sel = if k % 2 == 0 { hub } else { Sel::default() };
        times.push(frame(&ctx, &mut v, sel, at, false).1);
    }
    times.sort();
    let median = times[times.len() / 2];
    let worst = times[times.len() - 1];
    println!(
        "network frame, 300 nodes / 2000 links: median {median:?}, worst {worst:?}, {} labels",
        v.labels.len()
    );
    let limit = if cfg!(debug_assertions) { 50 } else { 16 };
    assert!(
        median < Duration::from_millis(limit),
        "median {median:?}, worst {worst:?}"
    );
    // Labels never overlap.
    for (i, a) in v.labels.iter().enumerate() {
        for b in &v.labels[i + 1..] {
            assert!(
                !a.shrink(2.0).intersects(b.shrink(2.0)),
                "{a:?} overlaps {b:?}"
            );
        }
    }
}

#[test]
fn clicks_find_nodes_links_and_background() {
    let mut v = view_of(40, 80);
    let ctx = egui::Context::default();
    let away = pos2(1190.0, 10.0);
    frame(&ctx, &mut v, Sel::default(), away, false);
    let (e, at, _) = v.nodes_on_screen[5];
    frame(&ctx, &mut v, Sel::default(), at, false);
    let (c, _) = frame(&ctx, &mut v, Sel::default(), at, true);
    assert_eq!(c, Some(Clicked::Node(e)));
    // A link's midpoint, unless a node covers it.
    let covered = |q: Pos2, v: &NetworkView| {
        v.nodes_on_screen
            .iter()
            .any(|&(_, c, r)| c.distance(q) <= r + 4.0)
    };
    let &(pair, mid) = v
        .edges_on_screen
        .iter()
        .find(|(_, m)| !covered(*m, &v))
        .expect("an uncovered link");
    frame(&ctx, &mut v, Sel::default(), mid, false);
    let (c, _) = frame(&ctx, &mut v, Sel::default(), mid, true);
    assert_eq!(c, Some(Clicked::Edge(pair.0, pair.1)));
    frame(&ctx, &mut v, Sel::default(), away, false);
    let (c, _) = frame(&ctx, &mut v, Sel::default(), away, true);
    assert_eq!(c, Some(Clicked::Background));
}

#[test]
fn ego_view_keeps_the_selection_and_its_neighbours() {
    let mut v = view_of(60, 150);
    v.ego = true;
    let ctx = egui::Context::default();
    let sel = Sel {
        entity: Some(3),
        edge: None,
    };
    frame(&ctx, &mut v, sel, pos2(0.0, 0.0), false);
    let p = v.graph.as_ref().unwrap();
    let mut want: Vec<u32> = p
        .neighbours(3)
        .iter()
        .map(|&i| p.entity[i as usize])
        .collect();
    want.push(3);
    want.sort();
    let mut got: Vec<u32> = v.nodes_on_screen.iter().map(|n| n.0).collect();
    got.sort();
    assert_eq!(got, want);
    // Hiding a type hides its nodes.
    v.ego = false;
    v.show_kind[0] = false;
    frame(&ctx, &mut v, Sel::default(), pos2(0.0, 0.0), false);
    assert!(v.nodes_on_screen.iter().all(|n| n.0 % 4 != 0));
    assert_eq!(v.nodes_on_screen.len(), 45);
}

#[test]
fn distance_to_a_segment() {
    let (a, b) = (pos2(0.0, 0.0), pos2(10.0, 0.0));
    assert_eq!(segment_distance(pos2(5.0, 3.0), a, b), 3.0);
    assert_eq!(segment_distance(pos2(-4.0, 3.0), a, b), 5.0);
    assert_eq!(segment_distance(pos2(2.0, 2.0), a, a), 8.0f32.sqrt());
}

/// Runs one frame of the canvas alone with `events`.
fn frame_with(ctx: &egui::Context, v: &mut NetworkView, events: Vec<egui::Event>) {
    let input = egui::RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1200.0, 800.0))),
        events,
        ..Default::default()
    };
    let mut out = ctx.run_ui(input, |ui| {
        canvas::canvas(ui, v, Sel::default());
    });
    // No renderer here: font textures are dropped on purpose.
    out.textures_delta.clear();
}

fn button(pos: Pos2, pressed: bool) -> egui::Event {
    egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    }
}

#[test]
fn a_new_graph_is_fitted_but_not_under_a_pan_only_once_it_ends() {
    use egui::Event::PointerMoved;
    let mut v = view_of(40, 80);
    let ctx = egui::Context::default();
    let corner = pos2(5.0, 5.0);
    frame_with(&ctx, &mut v, vec![PointerMoved(corner)]);
    assert!(v.fits_graph());
    // Pan from an empty corner.
    frame_with(&ctx, &mut v, vec![button(corner, true)]);
    for k in 1..=4 {
        let at = corner + vec2(15.0, 10.0) * k as f32;
        frame_with(&ctx, &mut v, vec![PointerMoved(at)]);
    }
    assert_eq!(v.drag, super::view::Drag::Pan);
    assert!(!v.fits_graph());
    // A graph comes in the middle of the pan: the view stays in the user's hands ...
    let (cat, g) = synthetic(50, 100);
    v.set_graph(Prepared::new(cat, g), &crate::jobs::no_waker());
    let held = v.view;
    frame_with(&ctx, &mut v, vec![PointerMoved(pos2(80.0, 60.0))]);
    assert!(!v.fits_graph());
    assert_eq!(v.drag, super::view::Drag::Pan);
    assert_eq!(v.view, held);
    // ... until the button is let go, even before the new layout has positions.
    frame_with(&ctx, &mut v, vec![button(pos2(80.0, 60.0), false)]);
    assert!(v.fits_graph());
    let start = Instant::now();
    while !v.has_layout() {
        assert!(start.elapsed() < Duration::from_secs(20));
        std::thread::sleep(Duration::from_millis(2));
        v.poll_layout();
    }
    frame_with(&ctx, &mut v, vec![PointerMoved(corner)]);
    let box_ = v.nodes_on_screen.iter().fold(Rect::NOTHING, |b, n| {
        b.union(Rect::from_center_size(n.1, Vec2::ZERO))
    });
    assert!(v.canvas_rect().contains_rect(box_));
    // After a zoom the view stays put; a new graph is fitted again.
    frame_with(&ctx, &mut v, vec![egui::Event::Zoom(1.5)]);
    assert!(!v.fits_graph());
    let (cat, g) = synthetic(30, 60);
    v.set_graph(Prepared::new(cat, g), &crate::jobs::no_waker());
    assert!(v.fits_graph());
}

#[test]
fn the_selected_node_and_its_neighbours_are_labelled_once_each() {
    let mut v = view_of(60, 200);
    let ctx = egui::Context::default();
    let hub = Sel {
        entity: Some(0),
        edge: None,
    };
    // Settle the fit, then hover the selected hub itself, so it is both selected and hovered.
    for _ in 0..3 {
        frame(&ctx, &mut v, hub, pos2(1.0, 1.0), false);
    }
    let at = v
        .nodes_on_screen
        .iter()
        .find(|n| n.0 == 0)
        .map(|n| n.1)
        .expect("the hub is drawn");
    for _ in 0..2 {
        frame(&ctx, &mut v, hub, at, false);
    }
    assert!(v.labelled.contains(&0), "the selection is labelled");
    assert_eq!(v.labels.len(), v.labelled.len());
    let mut nodes = v.labelled.clone();
    nodes.sort_unstable();
    let before = nodes.len();
    nodes.dedup();
    assert_eq!(
        nodes.len(),
        before,
        "a node has two labels: {:?}",
        v.labelled
    );
}
