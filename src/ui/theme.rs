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
    fn heat_runs_from_pale_to_dark() {
        assert_eq!(heat(0.0), Color32::from_rgb(250, 245, 230));
        assert_eq!(heat(1.0), Color32::from_rgb(50, 95, 190));
        assert_eq!(heat(2.0), heat(1.0));
    }
}
