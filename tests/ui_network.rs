//! UI tests of the Network panel: the real app on the sample corpus, driven with egui_kittest.
#![cfg(feature = "gui")]

use egui_kittest::Harness;
use quarry::ui::QuarryApp;
use quarry::ui::dock::Tab;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data")
}

/// Opens the app on `path` and steps frames until the load has finished.
fn harness_on(path: PathBuf) -> Harness<'static, QuarryApp> {
    let app = QuarryApp::new(&egui::Context::default(), None, vec![path]);
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(|ui, app: &mut QuarryApp| app.show(ui), app);
    let start = Instant::now();
    while h.state().is_loading() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "load did not finish"
        );
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run_steps(3);
    assert!(
        h.state().session.loaded.is_some(),
        "{:?}",
        h.state().message
    );
    h
}

/// Steps frames until `done` holds (background views finish), failing after 60 s.
fn wait_until(h: &mut Harness<'static, QuarryApp>, done: impl Fn(&QuarryApp) -> bool) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the view did not settle"
        );
        std::thread::sleep(Duration::from_millis(5));
        h.step();
    }
    h.run_steps(2);
}

fn click_at(h: &Harness<'_, QuarryApp>, pos: egui::Pos2) {
    h.event(egui::Event::PointerMoved(pos));
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
}

/// Opens the sample with the Network tab in front and waits for a settled layout.
fn network_harness() -> Harness<'static, QuarryApp> {
    let mut h = harness_on(sample());
    h.state_mut().focus(Tab::Network);
    h.run_steps(2);
    wait_until(&mut h, |app| {
        let v = &app.session.network;
        app.session.derived.graph.value().is_some()
            && !app.session.derived.graph.is_running()
            && v.is_settled()
            && !v.nodes_on_screen.is_empty()
    });
    h
}

#[test]
fn network_shows_the_sample_graph() {
    let h = network_harness();
    let app = h.state();
    let g = app.session.derived.graph.value().unwrap();
    let v = &app.session.network;
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
    let total = h.state().session.documents.rows().len();
    // The biggest node.
    let (entity, at, _) = h
        .state()
        .session
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
    let rows = h.state().session.documents.rows().to_vec();
    if rows.len() != total {
        let cat = h.state().session.derived.catalog.value().unwrap().clone();
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
        let v = &h.state().session.network;
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
