//! Helpers shared by the UI tests: open the app on a folder, wait for background views, click.
#![allow(dead_code)]

use egui_kittest::Harness;
use quarry::ui::QuarryApp;
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data")
}

/// Opens the app on `path` and steps frames until the load has finished.
pub fn harness_on(path: PathBuf) -> Harness<'static, QuarryApp> {
    harness_for(QuarryApp::new(&egui::Context::default(), None, vec![path]))
}

/// Runs `app` in a test harness until its load has finished.
pub fn harness_for(app: QuarryApp) -> Harness<'static, QuarryApp> {
    harness_sized(app, [1400.0, 900.0])
}

/// Opens the app on `path` in a window of `size` points and waits for the load.
pub fn harness_at(path: PathBuf, size: [f32; 2]) -> Harness<'static, QuarryApp> {
    harness_sized(
        QuarryApp::new(&egui::Context::default(), None, vec![path]),
        size,
    )
}

/// Runs `app` in a test harness of `size` points until its load has finished.
pub fn harness_sized(app: QuarryApp, size: [f32; 2]) -> Harness<'static, QuarryApp> {
    let mut h = Harness::builder()
        .with_size(size)
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
    // The word chart is computed in the background; wait for its bars.
    wait_until(&mut h, |app| !app.views.words.bar_rects.is_empty());
    h
}

/// Steps frames until `done` holds (background views finish), failing after 30 s.
pub fn wait_until(h: &mut Harness<'static, QuarryApp>, done: impl Fn(&QuarryApp) -> bool) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the view did not settle"
        );
        std::thread::sleep(Duration::from_millis(5));
        h.step();
    }
    h.run_steps(2);
}

pub fn click_at(h: &Harness<'_, QuarryApp>, pos: egui::Pos2) {
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
