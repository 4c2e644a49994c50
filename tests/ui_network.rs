//! UI tests of the Network panel: the real app on the sample corpus, driven with egui_kittest.
#![cfg(feature = "gui")]

use egui_kittest::Harness;
use quarry::ui::QuarryApp;
use quarry::ui::dock::Tab;

mod common;
use common::{click_at, harness_on, sample, wait_until};

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

#[test]
fn with_a_date_range_the_network_holds_the_entities_most_mentioned_in_it() {
    let mut h = network_harness();
    // The smallest number the panel offers.
    let n = 10;
    let (from, to) = (
        chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
    );
    h.state_mut().session.graph_entities = n;
    h.state_mut().session.set_dates(Some((from, to)));
    let s = &h.state().session;
    let key = (s.scope_key(), s.catalog_key(), s.graph_options, n);
    wait_until(&mut h, |app| {
        app.session.derived.graph.value_for(&key).is_some()
    });
    let app = h.state();
    let l = app.session.loaded.clone().unwrap();
    let cat = app.session.derived.catalog.value().unwrap().clone();
    let g = app.session.derived.graph.value_for(&key).unwrap().clone();
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
