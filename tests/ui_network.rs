//! UI tests of the Network panel: the real app on the sample corpus, driven with egui_kittest.
#![cfg(feature = "gui")]

use egui_kittest::Harness;
use quarry::ui::QuarryApp;
use quarry::ui::panels::Tab;

mod common;
use common::{click_at, harness_on, sample, wait_until};

/// Opens the sample with the Network tab in front and waits for a settled layout.
fn network_harness() -> Harness<'static, QuarryApp> {
    let mut h = harness_on(sample());
    h.state_mut().focus(Tab::Network);
    h.run_steps(2);
    wait_until(&mut h, |app| {
        let v = &app.views.network;
        app.session.store.graph_latest().is_some()
            && !app.session.store.graph_running()
            && v.is_settled()
            && !v.nodes_on_screen.is_empty()
    });
    h
}

#[test]
fn network_shows_the_sample_graph() {
    let h = network_harness();
    let app = h.state();
    let g = app.session.store.graph_latest().unwrap();
    let v = &app.views.network;
    assert!(g.graph.node_count() >= 5, "{} nodes", g.graph.node_count());
    assert_eq!(v.nodes_on_screen.len(), g.graph.node_count());
    assert_eq!(v.edges_on_screen.len(), g.graph.edge_count());
    // Every node is drawn inside the window, apart from its neighbours.
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0));
    for &(_, c, r) in &v.nodes_on_screen {
        assert!(screen.contains(c), "{c:?}");
        assert!(r > 2.0);
    }
}

#[test]
fn clicking_a_node_selects_it_and_clicking_a_link_selects_the_pair() {
    let mut h = network_harness();
    let total = h.state().views.documents.rows().len();
    // The biggest node.
    let (entity, at, _) = h
        .state()
        .views
        .network
        .nodes_on_screen
        .iter()
        .copied()
        .max_by(|a, b| a.2.total_cmp(&b.2))
        .unwrap();
    click_at(&h, at);
    h.run_steps(4);
    assert_eq!(h.state().session.selection.entity, Some(entity));
    // Documents follow the selected entity once that filter exists; either way every listed
    // document must be one that mentions it, or the list is unfiltered.
    let rows = h.state().views.documents.rows().to_vec();
    if rows.len() != total {
        let cat = h.state().session.store.catalog_latest().unwrap();
        let docs = cat.docs_of(entity);
        assert!(!rows.is_empty());
        assert!(rows.iter().all(|d| docs.contains(d)));
    }
    // Clicking it again clears the selection.
    click_at(&h, at);
    h.run_steps(4);
    assert_eq!(h.state().session.selection.entity, None);
    // A link whose midpoint no node covers.
    let (pair, mid) = {
        let v = &h.state().views.network;
        v.edges_on_screen
            .iter()
            .copied()
            .find(|(_, m)| {
                v.nodes_on_screen
                    .iter()
                    .all(|&(_, c, r)| c.distance(*m) > r + 6.0)
            })
            .expect("a link clear of nodes")
    };
    assert!(pair.0 < pair.1);
    h.event(egui::Event::PointerMoved(mid));
    h.run_steps(2);
    click_at(&h, mid);
    h.run_steps(4);
    assert_eq!(h.state().session.selection.edge, Some(pair));
}

#[test]
fn with_a_date_range_the_network_holds_the_entities_most_mentioned_in_it() {
    let mut h = network_harness();
    // The smallest number the panel offers.
    let n = 10;
    let (from, to) = (
        chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
    );
    h.state_mut().session.graph.entities = n;
    h.state_mut().session.set_dates(Some((from, to)));
    let key = h.state().context().graph_key();
    wait_until(&mut h, |app| app.session.store.graph_for(&key).is_some());
    let app = h.state();
    let l = app.session.loaded.clone().unwrap();
    let cat = app.session.store.catalog_latest().unwrap();
    let g = app.session.store.graph_for(&key).unwrap();
    // Mentions of each visible entity in articles dated inside the range, counted here.
    let in_range = |d: u32| {
        l.corpus.docs[d as usize]
            .date
            .is_some_and(|t| (from..=to).contains(&t.date()))
    };
    let mut counts = vec![0u32; cat.entities.len()];
    for m in cat.mentions.iter().filter(|m| in_range(m.doc)) {
        counts[m.entity as usize] += 1;
    }
    let mut visible: Vec<u32> = (0..cat.entities.len())
        .filter(|&e| !cat.entities[e].hidden)
        .map(|e| counts[e])
        .collect();
    visible.sort_unstable_by(|a, b| b.cmp(a));
    let threshold = visible[n - 1];
    assert!(threshold > 0);
    let nodes: Vec<u32> = g
        .graph
        .raw_nodes()
        .iter()
        .map(|x| x.weight.entity)
        .collect();
    assert!(nodes.len() <= n, "{} nodes", nodes.len());
    for &e in &nodes {
        let name = &cat.entities[e as usize].name;
        assert!(
            counts[e as usize] >= threshold,
            "{name}: {} mentions in the range, the top {n} have at least {threshold}",
            counts[e as usize]
        );
    }
    // Corpus-wide ranking would have kept only entity ids below n; the range brings in others.
    assert!(
        nodes.iter().any(|&e| e as usize >= n),
        "every node is also a corpus-wide top entity: {nodes:?}"
    );
}

/// The box around the drawn nodes' centres.
fn nodes_box(app: &QuarryApp) -> egui::Rect {
    let mut b = egui::Rect::NOTHING;
    for &(_, c, _) in &app.views.network.nodes_on_screen {
        b.extend_with(c);
    }
    b
}

/// A place on the canvas clear of every node and link, to click the background.
fn background_spot(app: &QuarryApp) -> egui::Pos2 {
    let v = &app.views.network;
    let rect = v.canvas_rect();
    let at: std::collections::HashMap<u32, egui::Pos2> =
        v.nodes_on_screen.iter().map(|&(e, c, _)| (e, c)).collect();
    let clear = |q: egui::Pos2| {
        v.nodes_on_screen
            .iter()
            .all(|&(_, c, r)| c.distance(q) > r + 8.0)
            && v.edges_on_screen.iter().all(|((a, b), _)| {
                let (a, b) = (at[a], at[b]);
                let ab = b - a;
                let t = ((q - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
                (a + ab * t).distance(q) > 10.0
            })
    };
    (0..40)
        .flat_map(|i| (0..20).map(move |j| (i, j)))
        .map(|(i, j)| {
            rect.shrink(12.0)
                .lerp_inside(egui::vec2(i as f32 / 39.0, j as f32 / 19.0))
        })
        .find(|&q| clear(q))
        .expect("a free spot on the canvas")
}

#[test]
fn the_graph_fills_the_canvas_stays_put_after_a_zoom_and_a_double_click_refits_it() {
    let mut h = network_harness();
    let rect = h.state().views.network.canvas_rect();
    assert!(h.state().views.network.fits_graph());
    // Fitted: inside the canvas, the limiting side spanning it but for the margin, and the
    // layout drawn out to the canvas's shape so the other side is well used too.
    let fitted = nodes_box(h.state());
    let room = rect.shrink(36.0);
    assert!(rect.contains_rect(fitted), "{fitted:?} in {rect:?}");
    let (fx, fy) = (
        fitted.width() / room.width(),
        fitted.height() / room.height(),
    );
    println!("fitted graph: {fx:.2} of the room across, {fy:.2} down");
    assert!(fx.max(fy) > 0.98 && fx.max(fy) < 1.02, "{fx} × {fy}");
    assert!(fx.min(fy) > 0.6, "{fx} × {fy} of {room:?}");
    // Zooming in leaves the fit; the graph then stays where the user put it.
    h.event(egui::Event::PointerMoved(rect.center()));
    h.event(egui::Event::Zoom(2.0));
    h.run_steps(3);
    assert!(!h.state().views.network.fits_graph());
    let zoomed = nodes_box(h.state());
    assert!(zoomed.width() > fitted.width() * 1.8, "{zoomed:?}");
    h.run_steps(5);
    assert_eq!(nodes_box(h.state()), zoomed);
    // A double click on the background fits it again.
    let spot = background_spot(h.state());
    h.event(egui::Event::PointerMoved(spot));
    h.step();
    for pressed in [true, false, true, false] {
        h.input_mut().events.push(egui::Event::PointerButton {
            pos: spot,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run_steps(3);
    assert!(h.state().views.network.fits_graph());
    let refitted = nodes_box(h.state());
    assert!(
        (refitted.width() - fitted.width()).abs() < 1.0
            && (refitted.height() - fitted.height()).abs() < 1.0,
        "{refitted:?} vs {fitted:?}"
    );
}

/// Runs `quarry graph` on the sample corpus with the Network panel's options and returns its
/// JSON.
fn cli_graph(app: &QuarryApp, extra: &[&str]) -> String {
    let o = app.session.graph.options;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quarry"))
        .env("QUARRY_CACHE_DIR", env!("CARGO_TARGET_TMPDIR"))
        .arg("graph")
        .arg(sample())
        .args(["--format", "json", "--min", &o.min_count.to_string()])
        .args(["--top-k", &o.top_k.to_string()])
        .args(["--entities", &app.session.graph.entities.to_string()])
        .args(extra)
        .output()
        .expect("quarry runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The Network panel's current graph, written as `quarry graph --format json` writes one.
fn panel_graph_json(app: &QuarryApp) -> String {
    let cat = app.session.store.catalog_latest().expect("a catalog");
    let key = app.context().graph_key();
    let g = app
        .session
        .store
        .graph_for(&key)
        .expect("the graph of the current options");
    serde_json::to_string_pretty(&quarry::ner::catalog::network(&cat, &g)).unwrap()
}

#[test]
fn the_command_line_prints_the_graph_the_network_panel_shows() {
    let mut h = network_harness();
    let panel = panel_graph_json(h.state());
    assert!(panel.contains("\"edges\""), "{panel}");
    assert_eq!(cli_graph(h.state(), &[]), panel);
    // With a date range, both hold the entities most mentioned in it.
    let (from, to) = ("2025-01-01", "2025-03-31");
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    h.state_mut().session.set_dates(Some((day(from), day(to))));
    let key = h.state().context().graph_key();
    wait_until(&mut h, |app| app.session.store.graph_for(&key).is_some());
    let ranged = panel_graph_json(h.state());
    assert_ne!(ranged, panel);
    assert_eq!(cli_graph(h.state(), &["--from", from, "--to", to]), ranged);
}
