//! The desktop app (egui/eframe): panels in a dock that follow one selection.

pub mod app;
pub mod commands;
pub mod derived;
pub mod dock;
pub mod export;
pub mod panels;
pub mod session;
pub mod settings;

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
            Ok(Box::new(QuarryApp::new(
                &cc.egui_ctx,
                settings::Settings::default_path(),
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
