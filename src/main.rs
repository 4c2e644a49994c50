//! Quarry's executable: opens the app, or runs a headless command.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use clap::Parser;
use quarry::cli::{Cli, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    quarry::index::set_no_cache(cli.no_cache);
    if let Some(cmd) = cli.command {
        return run(cmd);
    }
    if cli.install_desktop {
        return quarry::desktop::install();
    }
    if let Some(code) = quarry::cli::unknown::check(&cli.paths) {
        return code;
    }
    start_gui(cli.paths)
}

#[cfg(feature = "gui")]
fn start_gui(paths: Vec<std::path::PathBuf>) -> ExitCode {
    quarry::ui::run(paths)
}

#[cfg(not(feature = "gui"))]
fn start_gui(_paths: Vec<std::path::PathBuf>) -> ExitCode {
    eprintln!("quarry: this build has no window; use a command such as `quarry stats PATH`");
    ExitCode::from(2)
}

/// A faster allocator for the many small strings and tables built while counting.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
