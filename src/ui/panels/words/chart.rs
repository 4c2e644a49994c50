//! The Words panel's bar chart: the scope's most frequent words, as many as fit the panel with
//! their axis, and the hovered bar's counts read out on a line of their own above the chart.

use super::{Row, WordsView, row_word};
use crate::ui::commands::Command;
use crate::ui::export;
use crate::ui::theme::{BAR, SELECTED};
use crate::ui::widgets::{count, thousands, word_menu};
use egui::{Rect, RichText, Ui};
use egui_plot::{Bar, BarChart, Plot, PlotPoint};

/// Height a bar needs with its label, in points.
const PITCH: f32 = 16.0;
/// Height of the x axis with its label.
const AXIS: f32 = 46.0;
/// Fewest bars drawn, however small the panel (it scrolls then).
const FEWEST: usize = 5;

/// The read-out line: the hovered word's counts, or how to get them.
fn readout(ui: &mut Ui, hovered: Option<&Row>) -> Rect {
    ui.horizontal(|ui| match hovered {
        Some(w) => {
            ui.label(RichText::new(&w.word).strong());
            ui.label(format!(
                "{} · {:.1} per million · in {}",
                count(w.count as usize, "occurrence", "occurrences"),
                w.per_million,
                count(w.documents as usize, "document", "documents")
            ));
        }
        None => {
            ui.weak("Hover a bar for its counts; click it to select the word.");
        }
    })
    .response
    .rect
}

/// Draws the chart of the first `top_n` rows (fewer if the panel is too short for them).
pub(super) fn show(
    ui: &mut Ui,
    v: &mut WordsView,
    rows: &[Row],
    top_n: usize,
    selected: Option<&str>,
    new_corpus: bool,
    cmds: &mut Vec<Command>,
) {
    let last_hover = v.readout.map(|(_, rank)| rank).filter(|&r| r < rows.len());
    let line_rect = readout(ui, last_hover.map(|r| &rows[r]));
    let wanted = top_n.min(rows.len());
    let line_h = line_rect.height() + ui.spacing().item_spacing.y;
    let fit = |h: f32| ((h - AXIS) / PITCH).floor().max(0.0) as usize;
    let mut n = wanted.min(fit(ui.available_height()));
    if n < wanted {
        // Say that some bars were left out, on a line of its own.
        n = wanted
            .min(fit(ui.available_height() - line_h))
            .max(FEWEST.min(wanted));
        ui.weak(format!(
            "The top {} of {} fit here: enlarge the panel, or see them all in the table.",
            thousands(n as u64),
            thousands(wanted as u64)
        ));
    }
    let words: Vec<&Row> = rows.iter().take(n).collect();
    let bars: Vec<Bar> = words
        .iter()
        .enumerate()
        .map(|(rank, w)| {
            let fill = if selected == Some(row_word(w).as_str()) {
                SELECTED
            } else {
                BAR
            };
            let bar = Bar::new(-(rank as f64), w.count as f64)
                .name(&w.word)
                .width(0.75)
                .fill(fill);
            if last_hover == Some(rank) {
                bar.stroke(egui::Stroke::new(1.5, ui.visuals().strong_text_color()))
            } else {
                bar
            }
        })
        .collect();
    let max = words.first().map_or(1, |w| w.count) as f64;
    // The counts are read out above the chart, so hovering shows no tooltip over the labels.
    let chart = BarChart::new("Words", bars).horizontal().allow_hover(false);
    let height = (n as f32 * PITCH + AXIS).max(ui.available_height());
    let label_color = ui.visuals().text_color();
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("words-scroll")
        .auto_shrink([false, false]);
    if new_corpus {
        scroll = scroll.vertical_scroll_offset(0.0);
    }
    let response = scroll.show(ui, |ui| {
        Plot::new("words-plot")
            .height(height)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(false)
            .show_grid([true, false])
            .show_axes([true, false])
            .show_x(false)
            .show_y(false)
            .include_x(0.0)
            .include_x(max * 1.25)
            .include_y(0.6)
            .include_y(-(n as f64) + 0.4)
            .x_axis_label("occurrences")
            .show(ui, |plot_ui| {
                plot_ui.bar_chart(chart);
                for (rank, w) in words.iter().enumerate() {
                    let text = RichText::new(format!(" {}  {}", w.word, thousands(w.count)))
                        .color(label_color);
                    plot_ui.text(
                        egui_plot::Text::new(
                            &w.word,
                            PlotPoint::new(w.count as f64, -(rank as f64)),
                            text,
                        )
                        .anchor(egui::Align2::LEFT_CENTER)
                        .allow_hover(false),
                    );
                }
                let rects: Vec<(String, Rect)> = words
                    .iter()
                    .enumerate()
                    .map(|(rank, w)| {
                        let y = -(rank as f64);
                        let a = plot_ui.screen_from_plot(PlotPoint::new(0.0, y + 0.375));
                        let b = plot_ui.screen_from_plot(PlotPoint::new(w.count as f64, y - 0.375));
                        (row_word(w), Rect::from_two_pos(a, b))
                    })
                    .collect();
                let clicked = plot_ui.response().clicked();
                let pointer = plot_ui.pointer_coordinate();
                (rects, clicked, pointer)
            })
    });
    let visible = response.inner_rect;
    let inner = response.inner;
    let (rects, clicked, pointer) = inner.inner;
    v.bar_rects = rects;
    let plot_rect = inner.response.rect;
    v.chart_view = Some((visible, plot_rect));
    let rank_at = |p: PlotPoint| {
        let rank = (-p.y).round();
        (rank >= 0.0 && (rank as usize) < words.len() && (p.y + rank).abs() <= 0.45)
            .then_some(rank as usize)
    };
    let hovered = pointer
        .filter(|_| inner.response.hovered())
        .and_then(rank_at);
    if hovered != last_hover {
        ui.ctx().request_repaint();
    }
    v.readout = hovered.map(|r| (line_rect, r));
    if clicked && let Some(rank) = pointer.and_then(rank_at) {
        let w = row_word(words[rank]);
        let already = selected == Some(w.as_str());
        cmds.push(Command::SelectWord((!already).then_some(w)));
    }
    let hovered_word = pointer.and_then(rank_at).map(|r| row_word(words[r]));
    inner.response.context_menu(|ui| {
        if let Some(w) = &hovered_word {
            word_menu(ui, w, false, cmds);
            ui.separator();
        }
        if ui.button("Save chart as PNG…").clicked() {
            export::save_png("words.png", plot_rect, cmds);
            ui.close();
        }
    });
}
