//! Colours shared by the panels: one palette, so the same thing has the same colour everywhere.

use crate::ner::EntityType;
use egui::Color32;

/// Bars of a chart, and links.
pub const BAR: Color32 = Color32::from_rgb(86, 140, 200);
/// The selected word, bar or range.
pub const SELECTED: Color32 = Color32::from_rgb(235, 130, 40);
/// The selected range's fill in a chart.
pub const SELECTED_FILL: Color32 = Color32::from_rgba_unmultiplied_const(235, 130, 40, 40);
/// A hit in a concordance line.
pub const HIT: Color32 = Color32::from_rgb(220, 110, 30);
/// Errors shown in a panel, and words used less than expected.
pub const ERROR: Color32 = Color32::from_rgb(200, 80, 60);
/// Words used more than expected.
pub const OVER: Color32 = Color32::from_rgb(52, 140, 90);
/// Words used less than expected.
pub const UNDER: Color32 = ERROR;
/// A link to follow (the Reader's URL).
pub const LINK: Color32 = Color32::from_rgb(60, 130, 230);
/// The Reader's mark on the hit it was opened at.
pub const MARK_FILL: Color32 = Color32::from_rgba_unmultiplied_const(90, 160, 255, 70);
/// The selected word in the Reader.
pub const WORD_MARK: Color32 = Color32::from_rgb(255, 230, 120);
/// The current find hit in the Reader.
pub const FIND_MARK: Color32 = Color32::from_rgb(255, 150, 40);
/// Series of a chart, in order.
pub const SERIES: [Color32; 6] = [
    Color32::from_rgb(66, 133, 244),
    Color32::from_rgb(234, 120, 30),
    Color32::from_rgb(52, 168, 83),
    Color32::from_rgb(200, 60, 60),
    Color32::from_rgb(150, 90, 200),
    Color32::from_rgb(120, 120, 120),
];
/// Words of the cloud, in turn.
pub const CLOUD: [Color32; 5] = [
    Color32::from_rgb(40, 100, 180),
    Color32::from_rgb(220, 110, 30),
    Color32::from_rgb(40, 140, 90),
    Color32::from_rgb(150, 70, 170),
    Color32::from_rgb(180, 60, 60),
];

/// Colour of an entity type, shared by every entity view (the palette is [`EntityType::rgb`]).
pub fn kind_color(k: EntityType) -> Color32 {
    let [r, g, b] = k.rgb();
    Color32::from_rgb(r, g, b)
}

/// Relative luminance of a colour (WCAG 2), 0 for black to 1 for white.
fn luminance(c: Color32) -> f32 {
    let lin = |v: u8| {
        let v = v as f32 / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
}

/// Contrast ratio of two colours (WCAG 2): 1 for none, 21 for black on white.
pub fn contrast(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Contrast at least this high reads as body text does (WCAG AA).
pub const READABLE: f32 = 4.5;

/// `c` moved toward `to` just enough to read on `background`.
fn readable_on(c: Color32, to: Color32, background: Color32) -> Color32 {
    (0..=10)
        .map(|k| c.lerp_to_gamma(to, k as f32 / 10.0))
        .find(|&x| contrast(x, background) >= READABLE)
        .unwrap_or(to)
}

/// Text and fill of an entity type's badge (a toggle) on `background`: switched on, the type's
/// colour (darkened until white reads on it) filled behind white text; off, the type's colour
/// as text, lightened on a dark background or darkened on a light one until it reads.
pub fn badge_colors(k: EntityType, on: bool, background: Color32) -> (Color32, Color32) {
    let c = kind_color(k);
    if on {
        let fill = readable_on(c, Color32::BLACK, Color32::WHITE);
        (Color32::WHITE, fill)
    } else {
        let dark = luminance(background) < 0.2;
        let to = if dark { Color32::WHITE } else { Color32::BLACK };
        (readable_on(c, to, background), Color32::TRANSPARENT)
    }
}

/// A heat-map cell for `t` in 0..=1: pale for weak, dark for strong.
pub fn heat(t: f32) -> Color32 {
    let t = t.clamp(0.0, 1.0);
    Color32::from_rgb(
        (250.0 - 200.0 * t) as u8,
        (245.0 - 150.0 * t) as u8,
        (230.0 - 40.0 * t) as u8,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_badge_reads_on_light_and_dark_panels() {
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            let bg = visuals.panel_fill;
            for k in EntityType::ALL {
                for on in [true, false] {
                    let (text, fill) = badge_colors(k, on, bg);
                    let behind = if on { fill } else { bg };
                    let c = contrast(text, behind);
                    assert!(
                        c >= READABLE,
                        "{k:?} on={on} dark={}: {c}",
                        visuals.dark_mode
                    );
                }
            }
        }
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
    }

    #[test]
    fn heat_runs_from_pale_to_dark() {
        assert_eq!(heat(0.0), Color32::from_rgb(250, 245, 230));
        assert_eq!(heat(1.0), Color32::from_rgb(50, 95, 190));
        assert_eq!(heat(2.0), heat(1.0));
    }
}
