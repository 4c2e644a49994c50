//! UI tests on one wire story opened alone: its dateline and source read although no space
//! follows the dash, its places read as place names, its formal names are suggested with their
//! short forms, and its entities list partners although each pair meets only once.
#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quarry::ui::QuarryApp;
use quarry::ui::panels::Tab;
use std::path::PathBuf;

mod common;
use common::{harness_on, wait_until};

fn story() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/story")
}

/// Opens the story and waits for its entities and their graph.
fn open_story() -> Harness<'static, QuarryApp> {
    let mut h = harness_on(story());
    h.state_mut().focus(Tab::Entities);
    wait_until(&mut h, |app| !app.views.entities.rows.is_empty());
    loop {
        let key = h.state().context().graph_key();
        if h.state().session.store.graph_for(&key).is_some() {
            break;
        }
        let _ = h.state().context().graph();
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    h.run_steps(3);
    h
}

#[test]
fn a_dateline_with_no_space_after_the_dash_gives_the_places_and_the_source() {
    let mut h = harness_on(story());
    h.state_mut().focus(Tab::Reader);
    h.run_steps(3);
    h.get_by_label("LONDON/GENEVA/BERLIN");
    h.get_by_label("Reuters");
}

#[test]
fn a_place_in_a_dateline_is_listed_as_the_place_is_usually_written() {
    let h = open_story();
    let cat = h.state().session.store.catalog_latest().unwrap();
    let berlin = cat.find("berlin").expect("Berlin is an entity");
    assert_eq!(cat.entities[berlin as usize].name, "Berlin");
    assert!(h.get_all_by_label("Berlin").next().is_some());
    assert!(h.query_by_label("BERLIN").is_none());
}

#[test]
fn the_russian_federation_is_suggested_with_russia() {
    let h = open_story();
    let cat = h.state().session.store.catalog_latest().unwrap();
    let pair = |long: &str, short: &str| {
        let (Some(a), Some(b)) = (cat.find(long), cat.find(short)) else {
            return false;
        };
        cat.suggestions
            .iter()
            .any(|s| (s.from, s.into) == (a.max(b), a.min(b)))
    };
    let keys: Vec<&str> = cat.entities.iter().map(|e| e.key.as_str()).collect();
    // The recogniser does not take "G7" for a name here; with both found (as the catalog's
    // own tests give them), the pair is suggested as "Russian Federation" and "Russia" are.
    if cat.find("g7").is_some() {
        assert!(pair("group of seven", "g7"), "{keys:?}");
    }
    assert!(pair("russian federation", "russia"), "{keys:?}");
}

#[test]
fn one_story_alone_lists_top_partners_that_meet_once() {
    let h = open_story();
    assert_eq!(h.state().session.graph.options.min_count, 1);
    let cat = h.state().session.store.catalog_latest().unwrap();
    let key = h.state().context().graph_key();
    let g = h.state().session.store.graph_for(&key).unwrap();
    let trump = cat.find("donald trump").expect("Trump is an entity");
    let node = g.node(trump).expect("Trump is in the graph");
    assert!(g.graph.edges(node).count() > 0, "Trump has partners");
}
