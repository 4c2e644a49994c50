//! Desktop integration: where the bundled sample corpus is, and installing Quarry into the
//! user's menu (binary, icon and `.desktop` entry under `~/.local`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const DESKTOP_ENTRY: &str = include_str!("../assets/quarry.desktop");
const ICONS: [(u32, &[u8]); 5] = [
    (32, include_bytes!("../assets/icons/quarry-32.png")),
    (48, include_bytes!("../assets/icons/quarry-48.png")),
    (64, include_bytes!("../assets/icons/quarry-64.png")),
    (128, include_bytes!("../assets/icons/quarry-128.png")),
    (256, include_bytes!("../assets/icons/quarry-256.png")),
];

/// The 256-pixel icon as PNG bytes (window icon).
pub fn icon_png() -> &'static [u8] {
    ICONS[4].1
}

/// Where the per-user data of Quarry lives (`~/.local/share/quarry` on Linux).
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "quarry").map(|d| d.data_dir().to_path_buf())
}

/// The bundled sample corpus: beside the executable, in the user's data folder, or in the source tree.
pub fn sample_dir() -> Option<PathBuf> {
    let mut candidates = Vec::new();
    if let Ok(exe) = std::env::current_exe()
        && let Some(dir) = exe.parent()
    {
        candidates.push(dir.join("sample_data"));
        // target/release/quarry → the source tree's sample_data.
        if let Some(root) = dir.parent().and_then(Path::parent) {
            candidates.push(root.join("sample_data"));
        }
    }
    if let Some(d) = data_dir() {
        candidates.push(d.join("sample_data"));
    }
    candidates.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data"));
    candidates.into_iter().find(|p| p.is_dir())
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

fn install_into(home: &Path, exe: &Path, samples: Option<&Path>) -> std::io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    let bin_dir = home.join(".local/bin");
    std::fs::create_dir_all(&bin_dir)?;
    let bin = bin_dir.join("quarry");
    if std::fs::canonicalize(exe).ok() != std::fs::canonicalize(&bin).ok() {
        let tmp = bin_dir.join(".quarry.tmp");
        std::fs::copy(exe, &tmp)?;
        std::fs::rename(&tmp, &bin)?;
    }
    written.push(bin.clone());
    for (size, png) in ICONS {
        let dir = home.join(format!(".local/share/icons/hicolor/{size}x{size}/apps"));
        std::fs::create_dir_all(&dir)?;
        let path = dir.join("quarry.png");
        std::fs::write(&path, png)?;
        written.push(path);
    }
    let apps = home.join(".local/share/applications");
    std::fs::create_dir_all(&apps)?;
    let entry: String = DESKTOP_ENTRY
        .lines()
        .map(|l| {
            if l.starts_with("Exec=") {
                format!("Exec={} %F", bin.display())
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let desktop = apps.join("quarry.desktop");
    std::fs::write(&desktop, entry + "\n")?;
    written.push(desktop);
    if let Some(src) = samples {
        let dst = home.join(".local/share/quarry/sample_data");
        if std::fs::canonicalize(src).ok() != std::fs::canonicalize(&dst).ok() {
            copy_dir(src, &dst)?;
        }
        written.push(dst);
    }
    Ok(written)
}

/// Installs the running executable, icons, menu entry and sample corpus for this user.
pub fn install() -> ExitCode {
    let Some(home) = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()) else {
        eprintln!("quarry: cannot find the home folder");
        return ExitCode::from(1);
    };
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("quarry: cannot find this program's file: {e}");
            return ExitCode::from(1);
        }
    };
    match install_into(&home, &exe, sample_dir().as_deref()) {
        Ok(paths) => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let r = paths
                .iter()
                .try_for_each(|p| writeln!(out, "installed {}", p.display()))
                .and_then(|()| writeln!(out, "Quarry is now in your applications menu."));
            crate::cli::output::finish(r)
        }
        Err(e) => {
            eprintln!("quarry: install failed: {e}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn install_writes_binary_icons_entry_and_samples() {
        let home = tempfile::tempdir().unwrap();
        let src = tempfile::tempdir().unwrap();
        let exe = src.path().join("quarry-bin");
        std::fs::write(&exe, b"binary").unwrap();
        let samples = src.path().join("samples");
        std::fs::create_dir_all(samples.join("un")).unwrap();
        std::fs::write(samples.join("un/a.txt"), "Title\n\nText").unwrap();
        install_into(home.path(), &exe, Some(&samples)).unwrap();
        let h = home.path();
        assert_eq!(
            std::fs::read(h.join(".local/bin/quarry")).unwrap(),
            b"binary"
        );
        assert!(
            h.join(".local/share/icons/hicolor/256x256/apps/quarry.png")
                .is_file()
        );
        let entry =
            std::fs::read_to_string(h.join(".local/share/applications/quarry.desktop")).unwrap();
        assert!(entry.contains(&format!(
            "Exec={} %F",
            h.join(".local/bin/quarry").display()
        )));
        assert!(entry.contains("Icon=quarry"));
        assert!(h.join(".local/share/quarry/sample_data/un/a.txt").is_file());
    }
}
