//! Trends panel: occurrences per million tokens of the selected word (and any words added) over
//! time, binned by day, week, month or year; dragging across the time axis sets the selection's
//! date range, which every other panel follows.

use crate::analysis::tokenize::fold_case;
use crate::analysis::trends::{Binning, Trends, occurrences, trends_of};
use crate::analysis::{Analysis, DocId};
use crate::jobs::JobCtx;
use crate::ui::commands::Command;
use crate::ui::context::Ctx;
use crate::ui::derived::Derived;
use crate::ui::export;
use crate::ui::store::CorpusKey;
use crate::ui::theme;
use crate::ui::widgets::no_corpus;
use chrono::NaiveDate;
use egui::{Rect, Ui};
use egui_plot::{Legend, Line, Plot, PlotPoint, PlotPoints, Polygon};

/// Inputs of the series: the corpus and the words plotted.
#[derive(Debug, Clone, PartialEq)]
struct TrendsKey {
    corpus: CorpusKey,
    words: Vec<String>,
}

/// View state of the Trends panel.
#[derive(Default)]
pub struct TrendsView {
    /// Extra words to compare, comma-separated.
    pub extra: String,
    /// The series.
    series: Derived<TrendsKey, (Vec<String>, Trends)>,
    /// Where a drag across the plot started (plot x).
    drag_from: Option<f64>,
    /// Screen rectangle of the plot and the plot x at its left and right edges, last frame.
    pub plot_frame: Option<(Rect, f64, f64)>,
}

impl TrendsView {
    /// Each series plotted last, with its occurrences over every bin.
    pub fn plotted(&self) -> Vec<(String, u64)> {
        self.series.value().map_or_else(Vec::new, |s| {
            let (names, t) = (&s.0, &s.1);
            names
                .iter()
                .zip(&t.counts)
                .map(|(n, c)| (n.clone(), c.iter().sum()))
                .collect()
        })
    }
}

/// Plot x of a day.
pub fn day_x(d: NaiveDate) -> f64 {
    d.num_days_from_ce() as f64
}

/// The day at plot x.
pub fn x_day(x: f64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(x.round() as i32)
}

use chrono::Datelike;

/// Draws the panel.
pub fn show(ui: &mut Ui, cx: &Ctx, v: &mut TrendsView, cmds: &mut Vec<Command>) {
    let Some(l) = cx.loaded else {
        no_corpus(ui, cx);
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label("Compare:");
        ui.add(
            egui::TextEdit::singleline(&mut v.extra)
                .hint_text("more words, comma-separated")
                .desired_width(200.0),
        );
        if let Some((a, b)) = cx.selection.dates {
            ui.separator();
            ui.label(format!("Range {a} – {b}"));
            if ui.button("Clear range").clicked() {
                cmds.push(Command::SetDates(None));
            }
        } else if v
            .series
            .value()
            .is_some_and(|s| !matches!(s.1.binning, Binning::Documents(_)))
        {
            // Only dated documents can be picked by date.
            ui.weak("Drag across the chart to pick a date range.");
        }
    });
    let words = plotted_words(cx, &l.analysis, &v.extra);
    if words.is_empty() {
        ui.weak("Select a word in any panel, or type words to compare.");
        return;
    }
    let key = TrendsKey {
        corpus: cx.corpus,
        words: words.clone(),
    };
    let (a, c) = (l.analysis.clone(), l.corpus.clone());
    v.series.request(&key, cx.waker, move || {
        move |_: &JobCtx| {
            // Words, phrases and patterns alike: each series is its occurrences by document.
            let (names, series): (Vec<String>, Vec<Vec<(DocId, u32)>>) = words
                .iter()
                .filter_map(|w| occurrences(&a, w).map(|o| (w.clone(), o)))
                .filter(|(_, o)| !o.is_empty())
                .unzip();
            let t = trends_of(&a, &c, &series, None, None);
            Some((names, t))
        }
    });
    let Some(series) = v.series.value().cloned() else {
        ui.spinner();
        return;
    };
    let (names, t) = (&series.0, &series.1);
    if names.is_empty() || t.bins.is_empty() {
        ui.weak("None of these words or phrases occurs in the corpus.");
        return;
    }
    let dated = !matches!(t.binning, Binning::Documents(_));
    let xs: Vec<f64> = t
        .bins
        .iter()
        .enumerate()
        .map(|(i, b)| b.start.map(day_x).unwrap_or(i as f64))
        .collect();
    export_bar(ui, names, t, dated, cmds);
    let resp = plot(ui, cx, names, t, &xs, dated);
    let (r, pointer, frame) = resp.inner;
    v.plot_frame = Some(frame);
    let plot_rect = frame.0;
    if dated {
        let px = |p: Option<PlotPoint>| p.map(|p| p.x);
        if r.drag_started() {
            v.drag_from = px(pointer);
        }
        if r.drag_stopped()
            && let (Some(from), Some(to)) = (v.drag_from.take(), px(pointer))
        {
            let (lo, hi) = if from <= to { (from, to) } else { (to, from) };
            if let (Some(a), Some(b)) = (x_day(lo.floor()), x_day(hi.floor())) {
                cmds.push(Command::SetDates(Some((a, b))));
            }
        }
        if r.double_clicked() {
            cmds.push(Command::SetDates(None));
        }
    }
    r.context_menu(|ui| {
        if ui.button("Save chart as PNG…").clicked() {
            export::save_png("trends.png", plot_rect, cmds);
            ui.close();
        }
        if cx.selection.dates.is_some() && ui.button("Clear date range").clicked() {
            cmds.push(Command::SetDates(None));
            ui.close();
        }
    });
}

/// The words plotted: the selected one and those typed; with neither, the corpus's three
/// most frequent content words.
fn plotted_words(cx: &Ctx, a: &Analysis, extra: &str) -> Vec<String> {
    let mut words: Vec<String> = cx.selection.word.iter().cloned().collect();
    let mut buf = String::new();
    for w in extra.split(',') {
        fold_case(w.trim(), &mut buf);
        if !buf.is_empty() && !words.contains(&buf) {
            words.push(buf.clone());
        }
    }
    if words.is_empty() {
        // Nothing chosen yet: the corpus's three most frequent content words.
        words.extend(
            a.by_freq
                .iter()
                .filter(|&&t| !cx.is_stop(t))
                .map(|&t| a.vocab[t as usize].clone())
                .filter(|w| !crate::analysis::tokenize::is_number(w))
                .take(3),
        );
    }
    words
}

/// What the chart shows and its CSV export.
fn export_bar(ui: &mut Ui, names: &[String], t: &Trends, dated: bool, cmds: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.weak(if dated {
            format!("per million tokens, by {}", t.binning.name())
        } else {
            "no dates in this corpus: per million tokens, by runs of documents".to_string()
        });
        if ui.button("Export CSV…").clicked() {
            let mut header = vec!["bin".to_string(), "tokens".to_string()];
            header.extend(names.iter().map(|n| format!("{n} per million")));
            let rows = (0..t.bins.len()).map(|b| {
                let mut r = vec![
                    t.bins[b]
                        .start
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| format!("doc {}", t.bins[b].first_doc)),
                    t.bins[b].tokens.to_string(),
                ];
                r.extend((0..names.len()).map(|i| format!("{:.2}", t.per_million(i, b))));
                r
            });
            let hdr: Vec<&str> = header.iter().map(String::as_str).collect();
            export::save_csv("trends.csv", &hdr, rows, cmds);
        }
    });
}

/// What the chart reports: its response, the pointer in plot coordinates, and its rectangle
/// with the plot x at its left and right edges.
type Plotted = (egui::Response, Option<PlotPoint>, (Rect, f64, f64));

/// The chart: a line per word, and the selected date range as a band.
fn plot(
    ui: &mut Ui,
    cx: &Ctx,
    names: &[String],
    t: &Trends,
    xs: &[f64],
    dated: bool,
) -> egui_plot::PlotResponse<Plotted> {
    let brush = cx.selection.dates.map(|(a, b)| (day_x(a), day_x(b) + 1.0));
    let ymax = (0..names.len())
        .flat_map(|i| (0..t.bins.len()).map(move |b| (i, b)))
        .map(|(i, b)| t.per_million(i, b))
        .fold(0.0f64, f64::max)
        .max(1.0);
    let step = if xs.len() > 1 { xs[1] - xs[0] } else { 1.0 };
    Plot::new("trends-plot")
        .legend(Legend::default())
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_y(0.0)
        .include_y(ymax * 1.1)
        .include_x(xs[0])
        .include_x(xs[xs.len() - 1] + step)
        .x_axis_formatter(move |mark, _range| {
            if dated {
                x_day(mark.value).map(|d| d.to_string()).unwrap_or_default()
            } else {
                format!("{:.0}", mark.value)
            }
        })
        .show(ui, |pu| {
            if let Some((x0, x1)) = brush {
                pu.polygon(
                    Polygon::new(
                        "range",
                        PlotPoints::new(vec![
                            [x0, 0.0],
                            [x1, 0.0],
                            [x1, ymax * 1.1],
                            [x0, ymax * 1.1],
                        ]),
                    )
                    .fill_color(theme::SELECTED_FILL)
                    .stroke(egui::Stroke::new(1.0, theme::SELECTED)),
                );
            }
            for (i, name) in names.iter().enumerate() {
                let pts: Vec<[f64; 2]> = (0..t.bins.len())
                    .map(|b| [xs[b] + step / 2.0, t.per_million(i, b)])
                    .collect();
                pu.line(
                    Line::new(name.clone(), PlotPoints::new(pts))
                        .color(theme::SERIES[i % theme::SERIES.len()])
                        .width(2.0),
                );
            }
            let r = pu.response().clone();
            let rect = r.rect;
            let left = pu.plot_from_screen(rect.left_top()).x;
            let right = pu.plot_from_screen(rect.right_top()).x;
            (r, pu.pointer_coordinate(), (rect, left, right))
        })
}
