//! Where the Matrix's cells and names go: the grid fills the panel, the row names on its left
//! and the column names above it get the room their longest name needs (up to a share of the
//! panel), and a name longer than that is cut with an ellipsis and shown in full on hover.

use crate::ner::catalog::{Catalog, EntityId};
use crate::ui::theme::kind_color;
use egui::{Align2, FontId, Painter, Pos2, Rect, Ui, pos2, vec2};

/// Largest share of the panel's width (height) the row (column) names may take.
const LABEL_SHARE: f32 = 0.3;
/// Room between a name and the grid.
const GAP: f32 = 6.0;

/// The names' font and the width of the longest one.
pub(super) struct Layout {
    font: FontId,
    longest: f32,
    n: usize,
}

impl Layout {
    /// Measures the names of `ids`.
    pub(super) fn new(ui: &Ui, cat: &Catalog, ids: &[EntityId]) -> Layout {
        let font = FontId::proportional(if ids.len() > 25 { 11.0 } else { 13.0 });
        let painter = ui.painter();
        let longest = ids
            .iter()
            .map(|&e| {
                let name = cat.entities[e as usize].name.clone();
                painter
                    .layout_no_wrap(name, font.clone(), egui::Color32::WHITE)
                    .size()
                    .x
            })
            .fold(0.0, f32::max);
        Layout {
            font,
            longest,
            n: ids.len().max(1),
        }
    }

    /// The grid in `rect`: names as long as they need (within their share), cells as large
    /// as the rest allows.
    pub(super) fn place(&self, rect: Rect) -> Grid {
        let label_w = (self.longest + GAP).min(rect.width() * LABEL_SHARE);
        let label_h = (self.longest + GAP).min(rect.height() * LABEL_SHARE);
        let n = self.n as f32;
        let cell = ((rect.width() - label_w) / n)
            .min((rect.height() - label_h) / n)
            .max(4.0);
        Grid {
            origin: rect.min + vec2(label_w, label_h),
            cell,
            label_w,
            label_h,
            font: self.font.clone(),
        }
    }
}

/// The grid as placed for one frame.
pub(super) struct Grid {
    /// Top-left corner of the first cell.
    origin: Pos2,
    /// Side of a cell.
    cell: f32,
    label_w: f32,
    label_h: f32,
    font: FontId,
}

impl Grid {
    /// The cell of row `i`, column `j`.
    pub(super) fn cell(&self, i: usize, j: usize) -> Rect {
        Rect::from_min_size(
            self.origin + vec2(self.cell * j as f32, self.cell * i as f32),
            vec2(self.cell - 1.0, self.cell - 1.0),
        )
    }

    fn row_label(&self, i: usize) -> Rect {
        Rect::from_min_size(
            pos2(
                self.origin.x - self.label_w,
                self.origin.y + self.cell * i as f32,
            ),
            vec2(self.label_w - GAP / 2.0, self.cell),
        )
    }

    fn column_label(&self, j: usize) -> Rect {
        Rect::from_min_size(
            pos2(
                self.origin.x + self.cell * j as f32,
                self.origin.y - self.label_h,
            ),
            vec2(self.cell, self.label_h - GAP / 2.0),
        )
    }

    /// Every row name's and column name's rectangle, with its entity.
    pub(super) fn label_rects(&self, ids: &[EntityId]) -> Vec<(EntityId, Rect)> {
        let rows = ids.iter().enumerate().map(|(i, &e)| (e, self.row_label(i)));
        let columns = ids
            .iter()
            .enumerate()
            .map(|(j, &e)| (e, self.column_label(j)));
        rows.chain(columns).collect()
    }

    /// The entity whose row or column name is under `p`.
    pub(super) fn label_at(&self, p: Pos2, ids: &[EntityId]) -> Option<EntityId> {
        self.label_rects(ids)
            .into_iter()
            .find(|(_, r)| r.contains(p))
            .map(|(e, _)| e)
    }

    /// The names along both axes in their type's colour: rows on the left, columns written
    /// upwards above the grid; a name longer than its room is cut with an ellipsis.
    pub(super) fn draw_labels(&self, painter: &Painter, cat: &Catalog, ids: &[EntityId]) {
        for (i, &e) in ids.iter().enumerate() {
            let ent = &cat.entities[e as usize];
            let color = kind_color(ent.kind);
            let row = fit(painter, &ent.name, &self.font, self.label_w - GAP);
            let r = self.row_label(i);
            painter.text(
                r.right_center(),
                Align2::RIGHT_CENTER,
                row,
                self.font.clone(),
                color,
            );
            let column = fit(painter, &ent.name, &self.font, self.label_h - GAP);
            let galley = painter.layout_no_wrap(column, self.font.clone(), color);
            let c = self.column_label(i);
            let h = galley.size().y;
            let shape =
                egui::epaint::TextShape::new(pos2(c.center().x - h / 2.0, c.max.y), galley, color)
                    .with_angle(-std::f32::consts::FRAC_PI_2);
            painter.add(shape);
        }
    }
}

/// Draws the names of `ids` around `grid`.
pub(super) fn labels(painter: &Painter, cat: &Catalog, ids: &[EntityId], grid: &Grid) {
    grid.draw_labels(painter, cat, ids);
}

/// `name` as it fits in `width` points: whole, or cut with an ellipsis.
fn fit(painter: &Painter, name: &str, font: &FontId, width: f32) -> String {
    let wide = |s: &str| {
        painter
            .layout_no_wrap(s.to_string(), font.clone(), egui::Color32::WHITE)
            .size()
            .x
    };
    if wide(name) <= width {
        return name.to_string();
    }
    let chars: Vec<char> = name.chars().collect();
    let mut keep = chars.len();
    while keep > 1 {
        keep -= 1;
        let cut: String = chars[..keep].iter().collect::<String>() + "…";
        if wide(&cut) <= width {
            return cut;
        }
    }
    "…".into()
}
