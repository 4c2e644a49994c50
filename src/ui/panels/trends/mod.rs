//! Trends panel: occurrences per million tokens of the selected word (and any words added) over
//! time, binned by day, week, month or year; dragging across the time axis sets the selection's
//! date range, which every other panel follows; Ctrl+scroll zooms the time axis. A line breaks
//! where a bin holds no document, rather than falling to zero.

mod axis;

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
use egui_plot::{Legend, Line, Plot, PlotPoint, PlotPoints, Points, Polygon};

/// The plot's smallest grid spacing in points (egui_plot's default), which turns its step
/// hint into days per point.
const GRID_POINTS: f64 = 8.0;

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
    /// Whether the time axis is zoomed (its view no longer shows every bin).
    pub zoomed: bool,
    /// Set by "Reset zoom": the next frame shows every bin again.
    reset: bool,
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
    export_bar(ui, v, names, t, dated, cmds);
    let resp = plot(ui, cx, names, t, &xs, dated, std::mem::take(&mut v.reset));
    let (r, pointer, frame) = resp.inner;
    let (first, last) = (xs[0], xs[xs.len() - 1]);
    v.zoomed = frame.1 > first + 0.5 || frame.2 < last - 0.5;
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

/// What the chart shows, the zoom, and its CSV export.
fn export_bar(
    ui: &mut Ui,
    v: &mut TrendsView,
    names: &[String],
    t: &Trends,
    dated: bool,
    cmds: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.weak(if dated {
            format!("per million tokens, by {}", t.binning.name())
        } else {
            "no dates in this corpus: per million tokens, by runs of documents".to_string()
        })
        .on_hover_text("Ctrl+scroll over the chart zooms the time axis; scroll moves along it");
        if v.zoomed && ui.button("Reset zoom").clicked() {
            v.reset = true;
        }
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

/// The stretches of bins that hold documents, as the points of series `i`: a bin without
/// documents has no frequency, so the line breaks there instead of falling to zero.
fn runs(t: &Trends, i: usize, xs: &[f64], step: f64) -> Vec<Vec<[f64; 2]>> {
    let mut out: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut open = false;
    for (b, (bin, x)) in t.bins.iter().zip(xs).enumerate() {
        if bin.tokens == 0 {
            open = false;
            continue;
        }
        let p = [x + step / 2.0, t.per_million(i, b)];
        match out.last_mut() {
            Some(run) if open => run.push(p),
            _ => out.push(vec![p]),
        }
        open = true;
    }
    out
}

/// The chart: a line per word, and the selected date range as a band.
fn plot(
    ui: &mut Ui,
    cx: &Ctx,
    names: &[String],
    t: &Trends,
    xs: &[f64],
    dated: bool,
    reset: bool,
) -> egui_plot::PlotResponse<Plotted> {
    let brush = cx.selection.dates.map(|(a, b)| (day_x(a), day_x(b) + 1.0));
    let ymax = (0..names.len())
        .flat_map(|i| (0..t.bins.len()).map(move |b| (i, b)))
        .map(|(i, b)| t.per_million(i, b))
        .fold(0.0f64, f64::max)
        .max(1.0);
    let step = if xs.len() > 1 { xs[1] - xs[0] } else { 1.0 };
    let mut p = Plot::new("trends-plot")
        .legend(Legend::default())
        .allow_drag(false)
        .allow_zoom([true, false])
        .allow_scroll([true, false])
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_y(0.0)
        .include_y(ymax * 1.1)
        .include_x(xs[0])
        .include_x(xs[xs.len() - 1] + step)
        .x_axis_formatter(move |mark, _range| {
            if dated {
                axis::label(&mark)
            } else {
                format!("{:.0}", mark.value)
            }
        });
    if dated {
        p = p.x_grid_spacer(|input| axis::spacer(input, GRID_POINTS));
    }
    if reset {
        p = p.reset();
    }
    p.show(ui, |pu| {
        if let Some((x0, x1)) = brush {
            // Unnamed, so the legend lists only the words (the range has its own label).
            pu.polygon(
                Polygon::new(
                    "",
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
            let color = theme::SERIES[i % theme::SERIES.len()];
            for run in runs(t, i, xs, step) {
                if run.len() == 1 {
                    pu.points(
                        Points::new(name.clone(), PlotPoints::new(run))
                            .color(color)
                            .radius(3.0),
                    );
                } else {
                    pu.line(
                        Line::new(name.clone(), PlotPoints::new(run))
                            .color(color)
                            .width(2.0),
                    );
                }
            }
        }
        let r = pu.response().clone();
        let rect = r.rect;
        let left = pu.plot_from_screen(rect.left_top()).x;
        let right = pu.plot_from_screen(rect.right_top()).x;
        (r, pu.pointer_coordinate(), (rect, left, right))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::trends::Bin;

    #[test]
    fn a_bin_without_documents_breaks_the_line_instead_of_falling_to_zero() {
        let bin = |tokens: u64| Bin {
            start: None,
            first_doc: 0,
            tokens,
            documents: u32::from(tokens > 0),
        };
        let t = Trends {
            binning: Binning::Month,
            bins: [100, 200, 0, 0, 100, 0, 50].map(bin).to_vec(),
            counts: vec![vec![1, 0, 0, 0, 2, 0, 1]],
        };
        let xs: Vec<f64> = (0..7).map(|i| i as f64 * 10.0).collect();
        let r = runs(&t, 0, &xs, 10.0);
        assert_eq!(
            r,
            [
                vec![[5.0, 10_000.0], [15.0, 0.0]],
                vec![[45.0, 20_000.0]],
                vec![[65.0, 20_000.0]],
            ]
        );
    }
}
