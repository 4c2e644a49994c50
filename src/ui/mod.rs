//! The desktop app (egui/eframe): panels in a dock that follow one selection.
//!
//! Layers, lowest first; a file imports only from layers below it:
//! 1. `derived` (one background-computed value), `store` (the shared derived values, by named
//!    key), `options` (saved view options), `commands`, `theme`.
//! 2. `session` (runtime state: corpus, selection, scope, stop list), `context` (a panel's
//!    read-only view of it for one frame), `widgets`, `export`.
//! 3. `panels/*`: each draws from a `Ctx`, `&mut` its own view and a command sink;
//!    `panels/mod.rs` registers them (the dock's tabs, their views, the default layout).
//! 4. `settings` (saved, owns `Options` and the layout), `saving` (where exported files go).
//! 5. `app`: owns everything and applies the commands once per frame.

pub mod app;
pub mod commands;
pub mod context;
pub mod derived;
pub mod export;
pub mod keys;
pub mod options;
pub mod panels;
pub mod ron_fields;
pub mod saving;
pub mod session;
pub mod settings;
pub mod settings_read;
pub mod store;
pub mod theme;
pub mod widgets;

pub use app::QuarryApp;

use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the window on `paths` (or the last folder, or the sample corpus) and runs until closed.
pub fn run(paths: Vec<PathBuf>) -> ExitCode {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Quarry")
        .with_app_id("quarry")
        .with_inner_size([1400.0, 900.0])
        .with_min_inner_size([640.0, 400.0])
        .with_drag_and_drop(true);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(crate::desktop::icon_png()) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        ..Default::default()
    };
    let result = eframe::run_native(
        "Quarry",
        options,
        Box::new(move |cc| {
            Ok(Box::new(QuarryApp::with_index(
                &cc.egui_ctx,
                settings::Settings::default_path(),
                crate::index::Options::user(),
                paths,
            )))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("quarry: could not open a window: {e}");
            ExitCode::from(1)
        }
    }
}
