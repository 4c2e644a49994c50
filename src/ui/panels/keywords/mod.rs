//! Keywords panel: words a set of documents (a date range, the paths matching a pattern, or
//! the documents listed) over- and under-uses against the rest of the corpus, by
//! log-likelihood with log ratio, as a diverging bar chart and a table.

mod target;

use crate::analysis::keyness::{Keyness, Keyword, LL_P05, keyness};
use crate::analysis::tokenize::is_number;
use crate::jobs::JobCtx;
use crate::ui::commands::Command;
use crate::ui::context::Ctx;
use crate::ui::derived::Derived;
use crate::ui::export;
use crate::ui::store::CorpusKey;
use crate::ui::theme::{OVER, UNDER};
use crate::ui::widgets::{no_corpus, thousands, word_menu};
use egui::Ui;
use egui_extras::{Column, TableBuilder};
use egui_plot::{Bar, BarChart, Plot, PlotPoint};
use std::sync::Arc;
use target::{Chosen, Target, TargetKey, chosen, controls};

/// Height a bar needs with its label, in points.
const PITCH: f32 = 16.0;
/// Height of the x axis with its label.
const AXIS: f32 = 46.0;

/// View state of the Keywords panel.
pub struct KeywordsView {
    /// Bars on each side of the chart.
    pub top_n: usize,
    /// Leave stop-words out.
    pub hide_stop: bool,
    /// Leave numbers out.
    pub hide_numbers: bool,
    /// The documents compared with the rest.
    pub target: Target,
    /// Show the table instead of the chart.
    pub table: bool,
    /// Where the chart was drawn last frame.
    pub plot_rect: Option<egui::Rect>,
    result: Derived<KeynessKey, Keyness>,
}

/// Inputs of the keyness table: the documents compared, the stop-words and what is left out.
#[derive(Debug, Clone, PartialEq)]
struct KeynessKey {
    corpus: CorpusKey,
    /// The date range, when the range is compared.
    dates: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    target: TargetKey,
    stop: u64,
    hide_stop: bool,
    hide_numbers: bool,
}

impl KeywordsView {
    /// The words found for what is compared now, once found.
    pub fn result(&self) -> Option<Arc<Keyness>> {
        self.result.value().cloned()
    }

    /// Whether the words are being found.
    pub fn is_running(&self) -> bool {
        self.result.is_running()
    }
}

impl Default for KeywordsView {
    fn default() -> Self {
        Self {
            top_n: 15,
            hide_stop: true,
            hide_numbers: false,
            target: Target::default(),
            table: false,
            plot_rect: None,
            result: Derived::default(),
        }
    }
}

/// Draws the panel.
pub fn show(ui: &mut Ui, cx: &Ctx, v: &mut KeywordsView, cmds: &mut Vec<Command>) {
    let Some(l) = cx.loaded else {
        no_corpus(ui, cx);
        return;
    };
    controls(ui, cx, &mut v.target, cmds);
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(&mut v.table, false, "Chart");
        ui.selectable_value(&mut v.table, true, "Table");
        ui.add(egui::Slider::new(&mut v.top_n, 5..=40).text("each side"));
        ui.checkbox(&mut v.hide_stop, "Hide stop-words");
        ui.checkbox(&mut v.hide_numbers, "Hide numbers");
    });
    let chosen = match chosen(cx, &l.corpus, &v.target) {
        Ok(c) => c,
        Err(why) => {
            ui.weak(why);
            return;
        }
    };
    if chosen.docs.as_ref().is_some_and(|d| d.is_empty()) {
        ui.weak(format!("No document is among {}.", chosen.described));
        return;
    }
    // The date range's counts are shared with the other panels; other sets are counted here.
    let range_counts = match chosen.key {
        TargetKey::Dates => match cx.counts_now() {
            Some(c) => Some(c),
            None => {
                ui.spinner();
                return;
            }
        },
        _ => None,
    };
    let key = KeynessKey {
        corpus: cx.corpus,
        dates: matches!(chosen.key, TargetKey::Dates)
            .then_some(cx.selection.dates)
            .flatten(),
        target: chosen.key.clone(),
        stop: cx.stop.version,
        hide_stop: v.hide_stop,
        hide_numbers: v.hide_numbers,
    };
    request(cx, v, &key, range_counts, &chosen);
    let Some(k) = v.result.value_for(&key).cloned() else {
        ui.spinner();
        return;
    };
    let described = chosen.described;
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "{} tokens in {described} vs {} in the rest · {} over-used, {} under-used (p < 0.05)",
            thousands(k.target_tokens),
            thousands(k.reference_tokens),
            thousands(k.over.len() as u64),
            thousands(k.under.len() as u64)
        ));
        if ui.button("Export CSV…").clicked() {
            let rows = k.over.iter().chain(&k.under).map(|w| {
                vec![
                    w.word.clone(),
                    w.target.to_string(),
                    w.reference.to_string(),
                    format!("{:.3}", w.ll),
                    format!("{:.3}", w.log_ratio),
                ]
            });
            export::save_csv(
                "keywords.csv",
                &["word", "selection", "rest", "log_likelihood", "log_ratio"],
                rows,
                cmds,
            );
        }
    });
    if v.table {
        table(ui, &k, cmds);
    } else {
        v.plot_rect = Some(chart(ui, &k, v.top_n, cmds));
    }
}

/// Starts finding the keywords of `key` unless they are found or being found.
fn request(
    cx: &Ctx,
    v: &mut KeywordsView,
    key: &KeynessKey,
    range_counts: Option<Arc<crate::analysis::counts::Counts>>,
    chosen: &Chosen,
) {
    let Some(l) = cx.loaded else { return };
    let a = l.analysis.clone();
    let stop = cx.stop.flags.clone();
    let (hide_stop, hide_numbers) = (v.hide_stop, v.hide_numbers);
    let docs = chosen.docs.clone();
    v.result.request(key, cx.waker, move || {
        move |ctx: &JobCtx| {
            let counts = match (range_counts, docs) {
                (Some(c), _) => c,
                (None, Some(d)) => Arc::new(crate::analysis::counts::counts(&a, &d, false, ctx)?),
                (None, None) => return None,
            };
            let skip = |t: u32| {
                (hide_stop && stop.get(t as usize).copied().unwrap_or(false))
                    || (hide_numbers && is_number(&a.vocab[t as usize]))
            };
            Some(keyness(&a, &counts, 5, LL_P05, &skip))
        }
    });
}

/// Over- then under-used words with their counts, log-likelihood and log ratio.
fn table(ui: &mut Ui, k: &Keyness, cmds: &mut Vec<Command>) {
    let rows: Vec<&Keyword> = k.over.iter().chain(&k.under).collect();
    ui.style_mut().interaction.selectable_labels = false;
    TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .column(Column::initial(150.0).clip(true))
        .column(Column::initial(80.0))
        .column(Column::initial(80.0))
        .column(Column::initial(90.0))
        .column(Column::remainder())
        .header(20.0, |mut h| {
            for name in ["Word", "Selection", "Rest", "LL (G²)", "Log ratio"] {
                h.col(|ui| {
                    ui.strong(name);
                });
            }
        })
        .body(|body| {
            body.rows(20.0, rows.len(), |mut row| {
                let w = rows[row.index()];
                row.col(|ui| {
                    ui.colored_label(if w.ll > 0.0 { OVER } else { UNDER }, &w.word);
                });
                row.col(|ui| {
                    ui.label(w.target.to_string());
                });
                row.col(|ui| {
                    ui.label(w.reference.to_string());
                });
                row.col(|ui| {
                    ui.label(format!("{:.1}", w.ll));
                });
                row.col(|ui| {
                    ui.label(format!("{:+.2}", w.log_ratio));
                });
                let resp = row.response();
                if resp.clicked() {
                    cmds.push(Command::SelectWord(Some(w.word.clone())));
                }
                resp.context_menu(|ui| word_menu(ui, &w.word, false, cmds));
            });
        });
}

/// The `top_n` most over- and under-used words as a diverging bar chart; returns where it was
/// drawn.
fn chart(ui: &mut Ui, k: &Keyness, top_n: usize, cmds: &mut Vec<Command>) -> egui::Rect {
    // As many bars as fit the panel with their labels apart; the table lists them all.
    let bars_fit = |h: f32| ((h - AXIS) / PITCH).floor().max(0.0) as usize;
    let wanted = top_n.min(k.over.len()) + top_n.min(k.under.len());
    let mut side = top_n;
    if bars_fit(ui.available_height()) < wanted {
        let line = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
        side = (bars_fit(ui.available_height() - line) / 2).clamp(3, top_n);
        ui.weak(format!(
            "The top {side} of {top_n} on each side fit here: enlarge the panel, or see them all \
             in the table."
        ));
    }
    let shown: Vec<&Keyword> = k
        .over
        .iter()
        .take(side)
        .chain(k.under.iter().take(side))
        .collect();
    let bars: Vec<Bar> = shown
        .iter()
        .enumerate()
        .map(|(i, w)| {
            Bar::new(-(i as f64), w.ll)
                .name(&w.word)
                .width(0.75)
                .fill(if w.ll > 0.0 { OVER } else { UNDER })
        })
        .collect();
    let color = ui.visuals().text_color();
    let r = Plot::new("keyness-plot")
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_y(false)
        .show_axes([true, false])
        .x_axis_label("log-likelihood: under-used < 0 < over-used")
        .show(ui, |pu| {
            pu.bar_chart(BarChart::new("Keyness", bars).horizontal());
            for (i, w) in shown.iter().enumerate() {
                let anchor = if w.ll > 0.0 {
                    egui::Align2::RIGHT_CENTER
                } else {
                    egui::Align2::LEFT_CENTER
                };
                pu.text(
                    egui_plot::Text::new(
                        &w.word,
                        PlotPoint::new(0.0, -(i as f64)),
                        egui::RichText::new(format!(" {} ", w.word)).color(color),
                    )
                    .anchor(anchor),
                );
            }
            (pu.response().clicked(), pu.pointer_coordinate())
        });
    let (clicked, pointer) = r.inner;
    if clicked && let Some(p) = pointer {
        let i = (-p.y).round();
        if i >= 0.0 && (i as usize) < shown.len() {
            cmds.push(Command::SelectWord(Some(shown[i as usize].word.clone())));
        }
    }
    let rect = r.response.rect;
    r.response.context_menu(|ui| {
        if ui.button("Save chart as PNG…").clicked() {
            export::save_png("keywords.png", rect, cmds);
            ui.close();
        }
    });
    rect
}
