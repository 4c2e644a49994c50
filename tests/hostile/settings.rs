//! The user's settings are never lost: a settings file cut short, or written by a newer
//! version, keeps every part that can be read; the file as it was is kept aside before it is
//! written over, and the user is told once, in words.
#![cfg(feature = "gui")]

#[path = "../common/mod.rs"]
mod common;

use crate::folder;
use common::harness_for;
use egui_kittest::kittest::Queryable;
use quarry::ui::QuarryApp;
use quarry::ui::panels::Tab;
use quarry::ui::settings::Settings;
use std::path::{Path, PathBuf};

/// Settings with a recent folder, stop-words and names, saved as the app saves them.
fn saved(path: &Path, recent: &Path) -> String {
    let mut s = Settings::default();
    s.remember(recent);
    s.options.user_stop.insert("said".into());
    s.options.user_keep.insert("new".into());
    s.options.user_names = "Amara Nwosu\nVarga Holdings ORG".into();
    s.save(path).expect("save");
    std::fs::read_to_string(path).expect("read")
}

/// The copies kept aside beside `settings`.
fn kept_aside(settings: &Path) -> Vec<PathBuf> {
    let dir = settings.parent().expect("folder");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("list")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("settings.ron.bad-"))
        })
        .collect();
    v.sort();
    v
}

fn assert_user_options_kept(s: &Settings) {
    assert!(s.options.user_stop.contains("said"), "{:?}", s.options);
    assert!(s.options.user_keep.contains("new"), "{:?}", s.options);
    assert_eq!(s.options.user_names, "Amara Nwosu\nVarga Holdings ORG");
}

#[test]
fn a_settings_file_cut_short_keeps_folders_and_options_and_is_kept_aside() {
    let config = tempfile::tempdir().expect("temp dir");
    let corpus = folder();
    let path = config.path().join("settings.ron");
    let text = saved(&path, corpus.path());
    // Cut in the middle of the layout, as a full disk or a crash leaves a file.
    let dock = text.find("dock:").expect("layout saved");
    let cut = &text[..dock + (text.len() - dock) / 2];
    std::fs::write(&path, cut).expect("write");

    let app = QuarryApp::new(&egui::Context::default(), Some(path.clone()), Vec::new());
    let mut h = harness_for(app);
    // The last folder is opened, not the sample corpus.
    let root = h
        .state()
        .session
        .loaded
        .as_ref()
        .expect("loaded")
        .corpus
        .root
        .clone();
    assert_eq!(root.canonicalize().ok(), corpus.path().canonicalize().ok());
    assert_user_options_kept(&h.state().settings);
    // The user is told, in words, after the folder has loaded.
    h.get_by_label_contains("could not be read");
    let aside = kept_aside(&path);
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(
        std::fs::read_to_string(&aside[0]).ok().as_deref(),
        Some(cut)
    );
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(h.state().settings_notice.is_none());
    assert!(h.query_by_label_contains("could not be read").is_none());
    // Quit: the settings are written again, whole.
    h.state_mut().save_settings();
    drop(h);
    let (back, msg) = Settings::load(&path);
    assert!(msg.is_none(), "{msg:?}");
    assert_eq!(back.recent, [corpus.path().to_path_buf()]);
    assert_user_options_kept(&back);
    assert_eq!(kept_aside(&path).len(), 1);
}

#[test]
fn a_settings_file_from_a_newer_version_loses_only_what_this_one_does_not_know() {
    let config = tempfile::tempdir().expect("temp dir");
    let corpus = folder();
    let path = config.path().join("settings.ron");
    let text = saved(&path, corpus.path());
    assert!(text.contains("Cloud"), "{text}");
    // A newer version: a panel and a setting this one does not know.
    let newer =
        text.replacen("Cloud", "Timeline", 1)
            .replacen("(\n", "(\n    sparkline_style: Wavy,\n", 1);
    std::fs::write(&path, &newer).expect("write");

    let (s, msg) = Settings::load(&path);
    let msg = msg.expect("a message");
    assert!(
        msg.contains("“Timeline”") && msg.contains("sparkline_style"),
        "{msg}"
    );
    assert_user_options_kept(&s);
    assert_eq!(s.recent, [corpus.path().to_path_buf()]);
    assert!(s.dock.find_tab(&Tab::Words).is_some());
    assert!(s.dock.find_tab(&Tab::Cloud).is_none());
    assert_eq!(kept_aside(&path).len(), 1);
    assert_eq!(
        std::fs::read_to_string(&kept_aside(&path)[0]).ok(),
        Some(newer)
    );
    s.save(&path).expect("save");
    let (back, msg) = Settings::load(&path);
    assert!(msg.is_none(), "{msg:?}");
    assert_user_options_kept(&back);
}

#[test]
fn an_unreadable_settings_file_is_never_written_over() {
    let config = tempfile::tempdir().expect("temp dir");
    let path = config.path().join("settings.ron");
    // A folder where the file should be: it cannot be read, and must not be replaced.
    std::fs::create_dir(&path).expect("mkdir");
    let (s, msg) = Settings::load(&path);
    assert!(msg.is_some_and(|m| m.contains("will not write over")));
    assert!(s.save(&path).is_err());
    assert!(path.is_dir());
}
