//! Words panel: a horizontal bar chart of the most frequent words; clicking a bar selects the word.

use crate::analysis::WordCount;
use crate::ui::commands::Command;
use crate::ui::session::Session;
use egui::{Color32, Rect, Ui};
use egui_plot::{Bar, BarChart, Plot, PlotPoint};

/// View state of the Words panel.
#[derive(Debug, Clone)]
pub struct WordsView {
    /// How many bars.
    pub top_n: usize,
    /// Leave stop-words out.
    pub hide_stopwords: bool,
    /// Screen rectangle of each bar drawn last frame, with its word (for hit-testing and tests).
    pub bar_rects: Vec<(String, Rect)>,
}

impl Default for WordsView {
    fn default() -> Self {
        Self {
            top_n: 30,
            hide_stopwords: true,
            bar_rects: Vec::new(),
        }
    }
}

const BAR: Color32 = Color32::from_rgb(86, 140, 200);
const SELECTED: Color32 = Color32::from_rgb(235, 130, 40);

/// Draws the panel.
pub fn show(ui: &mut Ui, s: &mut Session, cmds: &mut Vec<Command>) {
    let Some(l) = s.loaded.clone() else {
        super::no_corpus(ui);
        return;
    };
    let v = &mut s.words;
    ui.horizontal(|ui| {
        ui.add(egui::Slider::new(&mut v.top_n, 5..=100).text("words"));
        ui.checkbox(&mut v.hide_stopwords, "Hide stop-words");
        if let Some(w) = &s.selection.word
            && ui.button(format!("Clear “{w}”")).clicked()
        {
            cmds.push(Command::SelectWord(None));
        }
    });
    let words: Vec<WordCount> = l.analysis.top_words(v.top_n, v.hide_stopwords);
    if words.is_empty() {
        ui.weak("No words.");
        return;
    }
    let selected = s.selection.word.clone();
    let bars: Vec<Bar> = words
        .iter()
        .enumerate()
        .map(|(rank, w)| {
            let fill = if selected.as_deref() == Some(w.word.as_str()) {
                SELECTED
            } else {
                BAR
            };
            Bar::new(-(rank as f64), w.count as f64)
                .name(&w.word)
                .width(0.75)
                .fill(fill)
        })
        .collect();
    let max = words.first().map_or(1, |w| w.count) as f64;
    let names: Vec<String> = words.iter().map(|w| w.word.clone()).collect();
    let n = names.len();
    let chart = BarChart::new("Words", bars)
        .horizontal()
        .element_formatter(Box::new(|bar, _| format!("{}: {}", bar.name, bar.value)));
    let height = (n as f32 * 20.0 + 36.0).max(ui.available_height() - 4.0);
    let label_color = ui.visuals().text_color();
    let scroll = egui::ScrollArea::vertical()
        .id_salt("words-scroll")
        .auto_shrink([false, false]);
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
            .show_y(false)
            .include_x(0.0)
            .include_x(max * 1.25)
            .include_y(0.6)
            .include_y(-(n as f64) + 0.4)
            .x_axis_label("occurrences")
            .show(ui, |plot_ui| {
                plot_ui.bar_chart(chart);
                for (rank, w) in words.iter().enumerate() {
                    let text =
                        egui::RichText::new(format!(" {}  {}", w.word, w.count)).color(label_color);
                    plot_ui.text(
                        egui_plot::Text::new(
                            &w.word,
                            PlotPoint::new(w.count as f64, -(rank as f64)),
                            text,
                        )
                        .anchor(egui::Align2::LEFT_CENTER),
                    );
                }
                let rects: Vec<(String, Rect)> = names
                    .iter()
                    .zip(&words)
                    .enumerate()
                    .map(|(rank, (name, w))| {
                        let y = -(rank as f64);
                        let a = plot_ui.screen_from_plot(PlotPoint::new(0.0, y + 0.375));
                        let b = plot_ui.screen_from_plot(PlotPoint::new(w.count as f64, y - 0.375));
                        (name.clone(), Rect::from_two_pos(a, b))
                    })
                    .collect();
                let clicked = plot_ui.response().clicked();
                let pointer = plot_ui.pointer_coordinate();
                (rects, clicked, pointer)
            })
    });
    let response = response.inner;
    let (rects, clicked, pointer) = response.inner;
    v.bar_rects = rects;
    if clicked && let Some(p) = pointer {
        let rank = (-p.y).round();
        if rank >= 0.0 && (rank as usize) < words.len() && (p.y + rank).abs() <= 0.45 {
            let w = &words[rank as usize].word;
            let already = selected.as_deref() == Some(w.as_str());
            cmds.push(Command::SelectWord(if already {
                None
            } else {
                Some(w.clone())
            }));
        }
    }
    response
        .response
        .on_hover_text("Click a bar to list the documents that contain the word");
}
