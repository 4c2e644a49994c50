//! Saving what a panel shows: tables as CSV, charts as PNG cut from a screenshot of the window.
//! Files go where the user picks in a save dialog, never into the opened corpus folder.

use crate::ui::commands::Command;
use egui::{ColorImage, Rect};
use std::path::{Path, PathBuf};

/// Folder the save dialog starts in: the user's documents folder, else home.
fn start_dir() -> Option<PathBuf> {
    let dirs = directories::UserDirs::new()?;
    Some(
        dirs.document_dir()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| dirs.home_dir().to_path_buf()),
    )
}

/// Asks where to save a file named like `name`; `None` when the user cancels.
pub fn ask_path(name: &str, filter: (&str, &str)) -> Option<PathBuf> {
    let mut d = rfd::FileDialog::new()
        .set_title("Save as")
        .set_file_name(name)
        .add_filter(filter.0, &[filter.1]);
    if let Some(dir) = start_dir() {
        d = d.set_directory(dir);
    }
    d.save_file()
}

/// Asks for a path and saves a table there as CSV; the outcome goes to the status bar.
pub fn save_csv<R, S>(
    name: &str,
    header: &[&str],
    rows: impl IntoIterator<Item = R>,
    cmds: &mut Vec<Command>,
) where
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let Some(path) = ask_path(name, ("CSV", "csv")) else {
        return;
    };
    let msg = match crate::export::csv::save(&path, header, rows) {
        Ok(()) => format!("Saved {}", path.display()),
        Err(e) => format!("Could not save {}: {e}", path.display()),
    };
    cmds.push(Command::Message(msg));
}

/// Asks for a path, then asks the window for a screenshot of `rect` to be saved there.
pub fn save_png(name: &str, rect: Rect, cmds: &mut Vec<Command>) {
    if let Some(path) = ask_path(name, ("PNG image", "png")) {
        cmds.push(Command::SavePng { rect, path });
    }
}

/// Cuts `rect` (in points) out of a screenshot and writes it as a PNG file.
pub fn write_png(
    image: &ColorImage,
    rect: Rect,
    pixels_per_point: f32,
    path: &Path,
) -> Result<(), String> {
    let [w, h] = image.size;
    let x0 = ((rect.min.x * pixels_per_point).floor().max(0.0) as usize).min(w);
    let y0 = ((rect.min.y * pixels_per_point).floor().max(0.0) as usize).min(h);
    let x1 = ((rect.max.x * pixels_per_point).ceil().max(0.0) as usize).clamp(x0, w);
    let y1 = ((rect.max.y * pixels_per_point).ceil().max(0.0) as usize).clamp(y0, h);
    if x1 == x0 || y1 == y0 {
        return Err("the panel is not visible".into());
    }
    let mut rgba = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        for x in x0..x1 {
            rgba.extend_from_slice(&image.pixels[y * w + x].to_array());
        }
    }
    let mut bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut bytes, (x1 - x0) as u32, (y1 - y0) as u32);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(&rgba).map_err(|e| e.to_string())?;
    }
    crate::export::write_atomic(path, |w| w.write_all(&bytes)).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Color32, pos2};

    #[test]
    fn png_is_cut_to_the_rect() {
        let mut img = ColorImage::filled([8, 6], Color32::WHITE);
        img.pixels[2 * 8 + 3] = Color32::RED;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("cut.png");
        write_png(
            &img,
            Rect::from_min_max(pos2(1.5, 1.0), pos2(2.0, 1.5)),
            2.0,
            &p,
        )
        .unwrap();
        let dec = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&p).unwrap()));
        let mut r = dec.read_info().unwrap();
        let mut buf = vec![0; r.output_buffer_size().unwrap()];
        let info = r.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (1, 1));
        assert_eq!(&buf[..4], &[255, 0, 0, 255]);
        assert!(
            write_png(
                &img,
                Rect::from_min_max(pos2(9.0, 9.0), pos2(10.0, 10.0)),
                1.0,
                &p
            )
            .is_err()
        );
    }
}
