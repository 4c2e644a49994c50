//! Exporting what a panel shows: tables as CSV, charts as PNG cut from a screenshot of the
//! window. A panel hands the file's content to the app with a command; the app asks where it
//! goes (see `ui::saving`), never into the opened corpus folder, and reports the outcome.

use crate::ui::commands::Command;
use egui::{ColorImage, Rect};

/// Asks the app to save a table as CSV, named like `name`.
pub fn save_csv<R, S>(
    name: &str,
    header: &[&str],
    rows: impl IntoIterator<Item = R>,
    cmds: &mut Vec<Command>,
) where
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let text = crate::export::csv::to_string(header, rows);
    save_bytes(name, text.into_bytes(), cmds);
}

/// Asks the app to save a file named like `name` holding `bytes`.
pub fn save_bytes(name: &str, bytes: Vec<u8>, cmds: &mut Vec<Command>) {
    cmds.push(Command::Save {
        name: name.to_string(),
        bytes,
    });
}

/// Asks the app for a picture of `rect` in the window, to be saved as a PNG named like `name`.
pub fn save_png(name: &str, rect: Rect, cmds: &mut Vec<Command>) {
    cmds.push(Command::SavePng {
        rect,
        name: name.to_string(),
    });
}

/// Cuts `rect` (in points) out of a screenshot and encodes it as a PNG file.
pub fn png_bytes(image: &ColorImage, rect: Rect, pixels_per_point: f32) -> Result<Vec<u8>, String> {
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
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Color32, pos2};

    #[test]
    fn png_is_cut_to_the_rect() {
        let mut img = ColorImage::filled([8, 6], Color32::WHITE);
        img.pixels[2 * 8 + 3] = Color32::RED;
        let bytes = png_bytes(
            &img,
            Rect::from_min_max(pos2(1.5, 1.0), pos2(2.0, 1.5)),
            2.0,
        )
        .unwrap();
        let dec = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut r = dec.read_info().unwrap();
        let mut buf = vec![0; r.output_buffer_size().unwrap()];
        let info = r.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (1, 1));
        assert_eq!(&buf[..4], &[255, 0, 0, 255]);
        assert!(
            png_bytes(
                &img,
                Rect::from_min_max(pos2(9.0, 9.0), pos2(10.0, 10.0)),
                1.0,
            )
            .is_err()
        );
    }
}
