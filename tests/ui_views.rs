//! UI tests of view choices: the colour theme from the View menu, kept in the settings.
#![cfg(feature = "gui")]

use egui_kittest::kittest::Queryable;
use quarry::ui::QuarryApp;
use quarry::ui::options::Theme;
use quarry::ui::settings::Settings;

mod common;
use common::{harness_for, sample};

#[test]
fn a_theme_chosen_in_the_view_menu_applies_at_once_and_is_kept_in_the_settings() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let path = tmp.path().join("settings.ron");
    let app = QuarryApp::new(
        &egui::Context::default(),
        Some(path.clone()),
        vec![sample()],
    );
    let mut h = harness_for(app);
    for (name, theme) in [("Dark", Theme::Dark), ("Light", Theme::Light)] {
        h.get_by_label("View").click();
        h.run_steps(2);
        h.get_by_label_contains("Theme").hover();
        h.run_steps(3);
        h.get_by_label(name).click();
        h.run_steps(3);
        assert_eq!(h.ctx.theme() == egui::Theme::Dark, theme == Theme::Dark);
        assert_eq!(h.state().settings.options.theme, theme);
        assert_eq!(Settings::load(&path).0.options.theme, theme);
    }
}

/// Types `text` into the text box whose hint is `hint`.
fn type_into(h: &mut egui_kittest::Harness<'static, QuarryApp>, hint: &str, text: &str) {
    h.get_by(|n| n.placeholder() == Some(hint)).focus();
    h.run_steps(2);
    h.get_by(|n| n.placeholder() == Some(hint)).type_text(text);
    h.run_steps(2);
}

/// Steps until the Keywords panel has found the words for what it compares now.
fn keywords(
    h: &mut egui_kittest::Harness<'static, QuarryApp>,
) -> quarry::analysis::keyness::Keyness {
    common::wait_until(h, |app| {
        !app.views.keywords.is_running() && app.views.keywords.result().is_some()
    });
    (*h.state().views.keywords.result().unwrap()).clone()
}

#[test]
fn keywords_compare_a_typed_date_range_paths_matching_a_pattern_or_the_listed_documents() {
    let mut h = harness_for(QuarryApp::new(
        &egui::Context::default(),
        None,
        vec![sample()],
    ));
    h.state_mut().focus(quarry::ui::panels::Tab::Keywords);
    h.run_steps(2);
    // A typed date range becomes the selection's range, compared with the rest.
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
    type_into(&mut h, "first day, YYYY-MM-DD", &a.to_string());
    type_into(&mut h, "last day, YYYY-MM-DD", &b.to_string());
    h.get_by_label("Set range").click();
    h.run_steps(3);
    assert_eq!(h.state().session.selection.dates, Some((a, b)));
    let k = keywords(&mut h);
    h.get_by_label_contains(&format!("tokens in {a} – {b} vs"));
    assert!(!k.over.is_empty());
    // Paths matching a pattern, as `quarry keyness --docs` takes them.
    h.get_by_label("Paths matching").click();
    h.run_steps(2);
    type_into(&mut h, "pattern, e.g. *2025-03*", "energy/*");
    let k = keywords(&mut h);
    h.get_by_label_contains("tokens in documents matching “energy/*” vs");
    let energy: u64 = l
        .corpus
        .docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.path.starts_with("energy/"))
        .map(|(i, _)| l.analysis.doc_tokens[i] as u64)
        .sum();
    assert_eq!(k.target_tokens, energy);
    // The documents the Documents panel lists (here those of the date range).
    h.get_by_label_contains("Documents listed (").click();
    h.run_steps(2);
    let listed: u64 = h
        .state()
        .views
        .documents
        .rows()
        .iter()
        .map(|&d| l.analysis.doc_tokens[d as usize] as u64)
        .sum();
    let k = keywords(&mut h);
    assert_eq!(k.target_tokens, listed);
    // Numbers are left out on request.
    h.get_by_label("Hide numbers").click();
    h.run_steps(2);
    let k = keywords(&mut h);
    assert!(
        k.over
            .iter()
            .chain(&k.under)
            .all(|w| !w.word.chars().all(|c| c.is_ascii_digit())),
        "a number among the keywords"
    );
}
