//! UI tests of the charts: the Matrix fills its panel, names every row and column in full (on
//! hover when cut), shows its colour scale and orders entities so clusters show.
#![cfg(feature = "gui")]

use egui_kittest::kittest::Queryable;
use quarry::ui::panels::Tab;

mod common;
use common::{harness_at, sample, wait_until};

#[test]
fn the_matrix_fills_its_panel_names_every_row_in_view_and_shows_its_scale() {
    for size in [[1400.0, 900.0], [1024.0, 700.0]] {
        let mut h = harness_at(sample(), size);
        h.state_mut().focus(Tab::Matrix);
        wait_until(&mut h, |app| !app.views.matrix.cells.is_empty());
        let v = &h.state().views.matrix;
        let panel = v.panel;
        let grid = v
            .cells
            .iter()
            .fold(egui::Rect::NOTHING, |r, (_, c)| r.union(*c));
        let cell = v.cells[0].1.width() + 1.0;
        // The grid reaches the panel's right or bottom edge: it uses the room there is.
        assert!(
            grid.right() >= panel.right() - cell - 1.0
                || grid.bottom() >= panel.bottom() - cell - 1.0,
            "{grid:?} in {panel:?}"
        );
        // No name is cut by the panel's edges.
        for (e, r) in &v.labels {
            assert!(
                panel.expand(0.5).contains_rect(*r),
                "label of {e}: {r:?} outside {panel:?}"
            );
        }
        // The colour scale.
        h.get_by_label("never together");
        // A column's name, hovered, is shown in full.
        let (e, r) = *v.labels.last().unwrap();
        let cat = h.state().session.store.catalog_latest().unwrap();
        let name = cat.entities[e as usize].name.clone();
        h.event(egui::Event::PointerMoved(r.center()));
        h.run_steps(40);
        h.get_by_label_contains(&format!("{name} ("));
    }
}

#[test]
fn the_trends_legend_names_only_words_and_ctrl_scroll_zooms_the_time_axis() {
    let mut h = harness_at(sample(), [1400.0, 900.0]);
    h.state_mut().focus(Tab::Trends);
    wait_until(&mut h, |app| app.views.trends.plot_frame.is_some());
    let l = h.state().session.loaded.clone().unwrap();
    let mut days: Vec<chrono::NaiveDate> = l
        .corpus
        .docs
        .iter()
        .filter_map(|d| d.date)
        .map(|d| d.date())
        .collect();
    days.sort();
    let (a, b) = (days[0], days[days.len() / 2]);
    h.state_mut().session.set_dates(Some((a, b)));
    h.run_steps(4);
    // The range is a band named above the chart, not a legend entry coloured like a word.
    assert!(h.query_by_label("range").is_none());
    h.get_by_label_contains("Range ");
    let (rect, left, right) = h.state().views.trends.plot_frame.unwrap();
    h.event(egui::Event::PointerMoved(rect.center()));
    h.run_steps(2);
    h.event(egui::Event::Zoom(2.0));
    h.run_steps(3);
    let (_, zl, zr) = h.state().views.trends.plot_frame.unwrap();
    assert!(
        zr - zl < 0.75 * (right - left),
        "{zl}..{zr} vs {left}..{right}"
    );
    assert!(h.state().views.trends.zoomed);
    h.get_by_label("Reset zoom").click();
    h.run_steps(4);
    let (_, rl, rr) = h.state().views.trends.plot_frame.unwrap();
    assert!((rl - left).abs() < 1.0 && (rr - right).abs() < 1.0);
    assert!(h.query_by_label("Reset zoom").is_none());
}
