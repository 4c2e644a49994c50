//! Words panel: a sortable table (count, per million, documents, dispersion) and a bar chart of
//! the most frequent words in the current scope, with stop-word, stem and number toggles and a
//! search box. Clicking a word selects it; right-click adds it to or removes it from the
//! stop-words.

use crate::analysis::counts::{Counts, per_million};
use crate::analysis::stems::Stems;
use crate::analysis::{Analysis, TermId};
use crate::jobs::JobCtx;
use crate::ui::commands::Command;
use crate::ui::context::Ctx;
use crate::ui::derived::Derived;
use crate::ui::export;
use crate::ui::store::{CorpusKey, WordsKey};
use crate::ui::theme::{BAR, SELECTED};
use crate::ui::widgets::{count, no_corpus, word_menu};
use egui::{Rect, Ui};
use egui_extras::{Column, TableBuilder};
use egui_plot::{Bar, BarChart, Plot, PlotPoint};
use std::sync::Arc;

/// Table sort column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum WordSort {
    /// Alphabetical.
    Word,
    /// Most frequent first.
    #[default]
    Count,
    /// Most widespread first.
    Documents,
    /// Most evenly spread first (lowest DP).
    Dispersion,
}

/// One row: a word, or a stem group labelled by its commonest form.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The word or group label.
    pub word: String,
    /// Occurrences in the scope.
    pub count: u64,
    /// Per million tokens of the scope.
    pub per_million: f64,
    /// Documents in the scope containing it.
    pub documents: u32,
    /// Gries's DP over the scope's documents.
    pub dispersion: f32,
}

/// Options that decide the rows.
#[derive(Debug, Clone, PartialEq)]
struct RowsKey {
    words: WordsKey,
    hide_stop: bool,
    hide_numbers: bool,
    stems: bool,
    search: String,
    sort: WordSort,
}

/// View state of the Words panel; how many bars and whether stop-words are hidden are saved
/// options.
pub struct WordsView {
    /// Leave numbers out.
    pub hide_numbers: bool,
    /// Group forms by stem.
    pub stems: bool,
    /// Show the table instead of the chart.
    pub table: bool,
    /// Only words containing this.
    pub search: String,
    /// Table order.
    pub sort: WordSort,
    /// Screen rectangle of each bar drawn last frame, with its word (for hit-testing and tests).
    pub bar_rects: Vec<(String, Rect)>,
    /// The corpus the chart was last drawn for: another one starts at the top of the chart.
    shown_corpus: CorpusKey,
    /// Rows in count order and in table order.
    rows: Derived<RowsKey, (Vec<Row>, Vec<u32>)>,
}

impl WordsView {
    /// The word and count of each row listed, most frequent first (the previous rows while
    /// new ones are built).
    pub fn listed(&self) -> Vec<(String, u64)> {
        self.rows.value().map_or_else(Vec::new, |r| {
            r.0.iter()
                .map(|row| (row.word.clone(), row.count))
                .collect()
        })
    }
}

impl Default for WordsView {
    fn default() -> Self {
        Self {
            hide_numbers: false,
            stems: false,
            table: false,
            search: String::new(),
            sort: WordSort::Count,
            bar_rects: Vec::new(),
            shown_corpus: 0,
            rows: Derived::default(),
        }
    }
}

/// Builds the rows: filters, groups by stem if asked, sorts by count and by the table column.
fn build_rows(
    a: &Analysis,
    counts: &Counts,
    stems: Option<&Stems>,
    stop: &[bool],
    key: &RowsKey,
) -> (Vec<Row>, Vec<u32>) {
    let needle = key.search.trim().to_lowercase();
    let keep = |t: TermId| {
        let w = &a.vocab[t as usize];
        counts.freq[t as usize] > 0
            && !(key.hide_stop && stop.get(t as usize).copied().unwrap_or(false))
            && !(key.hide_numbers && crate::analysis::tokenize::is_number(w))
            && (needle.is_empty() || w.contains(&needle))
    };
    let mut rows: Vec<Row> = match stems {
        Some(st) => st
            .groups
            .iter()
            .filter_map(|g| {
                let terms: Vec<TermId> = g.terms.iter().copied().filter(|&t| keep(t)).collect();
                if terms.is_empty() {
                    return None;
                }
                let count: u64 = terms.iter().map(|&t| counts.freq[t as usize] as u64).sum();
                // The label form leads; its document count and DP stand for the group's.
                let lead = terms
                    .iter()
                    .copied()
                    .max_by_key(|&t| (counts.freq[t as usize], std::cmp::Reverse(t)))
                    .unwrap_or(g.label);
                let r = counts.row(a, lead);
                Some(Row {
                    word: if terms.len() > 1 {
                        format!("{} (+{})", r.word, terms.len() - 1)
                    } else {
                        r.word
                    },
                    count,
                    per_million: per_million(count, counts.tokens),
                    documents: r.documents,
                    dispersion: r.dispersion,
                })
            })
            .collect(),
        None => (0..a.vocab.len() as TermId)
            .filter(|&t| keep(t))
            .map(|t| {
                let r = counts.row(a, t);
                Row {
                    word: r.word,
                    count: r.count,
                    per_million: r.per_million,
                    documents: r.documents,
                    dispersion: r.dispersion,
                }
            })
            .collect(),
    };
    rows.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.word.cmp(&y.word)));
    let mut order: Vec<u32> = (0..rows.len() as u32).collect();
    match key.sort {
        WordSort::Count => {}
        WordSort::Word => order.sort_by(|&x, &y| rows[x as usize].word.cmp(&rows[y as usize].word)),
        WordSort::Documents => {
            order.sort_by_key(|&x| std::cmp::Reverse(rows[x as usize].documents))
        }
        WordSort::Dispersion => order.sort_by(|&x, &y| {
            rows[x as usize]
                .dispersion
                .total_cmp(&rows[y as usize].dispersion)
        }),
    }
    (rows, order)
}

/// The word a row stands for (a stem group's label without the "(+n)").
fn row_word(r: &Row) -> String {
    r.word.split(" (+").next().unwrap_or(&r.word).to_string()
}

/// Draws the panel.
pub fn show(ui: &mut Ui, cx: &Ctx, v: &mut WordsView, cmds: &mut Vec<Command>) {
    let Some(l) = cx.loaded else {
        no_corpus(ui, cx);
        return;
    };
    // Rows are built only from the counts of the current date range.
    let counts = cx.counts_now();
    let stems = if v.stems { cx.stems() } else { None };
    let stop = cx.stop.flags.clone();
    let (mut top_n, mut hide_stop) = (cx.options.words_top_n, cx.options.hide_stopwords);
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(&mut v.table, false, "Chart");
        ui.selectable_value(&mut v.table, true, "Table");
        ui.separator();
        if !v.table
            && ui
                .add(egui::Slider::new(&mut top_n, 5..=100).text("words"))
                .changed()
        {
            cmds.push(Command::SetWordsTopN(top_n));
        }
        if ui.checkbox(&mut hide_stop, "Hide stop-words").changed() {
            cmds.push(Command::SetHideStopwords(hide_stop));
        }
        ui.checkbox(&mut v.hide_numbers, "Hide numbers");
        ui.checkbox(&mut v.stems, "Group by stem");
        ui.add(
            egui::TextEdit::singleline(&mut v.search)
                .hint_text("search words")
                .desired_width(110.0),
        );
        if let Some(w) = &cx.selection.word
            && ui.button(format!("Clear “{w}”")).clicked()
        {
            cmds.push(Command::SelectWord(None));
        }
    });
    let key = RowsKey {
        words: cx.words_key(),
        hide_stop,
        hide_numbers: v.hide_numbers,
        stems: v.stems,
        search: v.search.clone(),
        sort: v.sort,
    };
    if let (Some(counts), true) = (counts, !v.stems || stems.is_some()) {
        let a = l.analysis.clone();
        let k2 = key.clone();
        v.rows.request(&key, cx.waker, move || {
            move |_: &JobCtx| Some(build_rows(&a, &counts, stems.as_deref(), &stop, &k2))
        });
    }
    // Until the new rows are ready, the previous ones stay listed.
    let Some(rows) = v.rows.value().cloned() else {
        ui.spinner();
        return;
    };
    if rows.0.is_empty() {
        ui.weak("No words.");
        return;
    }
    let selected = cx.selection.word.clone();
    if v.table {
        table(
            ui,
            v,
            &rows,
            selected.as_deref(),
            &cx.stop.flags,
            &l.analysis,
            cmds,
        );
    } else {
        let new_corpus = std::mem::replace(&mut v.shown_corpus, cx.corpus) != cx.corpus;
        chart(ui, v, &rows.0, top_n, selected.as_deref(), new_corpus, cmds);
    }
}

fn is_stop_word(a: &Analysis, stop: &[bool], w: &str) -> bool {
    a.term(w)
        .is_some_and(|t| stop.get(t as usize).copied().unwrap_or(false))
}

fn table(
    ui: &mut Ui,
    v: &mut WordsView,
    rows: &Arc<(Vec<Row>, Vec<u32>)>,
    selected: Option<&str>,
    stop: &[bool],
    a: &Analysis,
    cmds: &mut Vec<Command>,
) {
    let (rows, order) = (&rows.0, &rows.1);
    ui.horizontal(|ui| {
        ui.label(count(rows.len(), "word", "words"));
        if ui.button("Export CSV…").clicked() {
            let data = order.iter().map(|&i| {
                let r = &rows[i as usize];
                vec![
                    r.word.clone(),
                    r.count.to_string(),
                    format!("{:.2}", r.per_million),
                    r.documents.to_string(),
                    format!("{:.4}", r.dispersion),
                ]
            });
            export::save_csv(
                "words.csv",
                &["word", "count", "per_million", "documents", "dp"],
                data,
                cmds,
            );
        }
    });
    let mut sort = v.sort;
    ui.style_mut().interaction.selectable_labels = false;
    TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .column(Column::initial(170.0).at_least(80.0).clip(true))
        .column(Column::initial(80.0))
        .column(Column::initial(90.0))
        .column(Column::initial(80.0))
        .column(Column::remainder().at_least(70.0))
        .header(22.0, |mut h| {
            for (name, by) in [
                ("Word", Some(WordSort::Word)),
                ("Count", Some(WordSort::Count)),
                ("Per million", None),
                ("Docs", Some(WordSort::Documents)),
                ("DP", Some(WordSort::Dispersion)),
            ] {
                h.col(|ui| {
                    let active = by == Some(sort) || (by.is_none() && sort == WordSort::Count);
                    let r = ui.selectable_label(active, name);
                    let r = if name == "DP" {
                        r.on_hover_text(
                            "Gries's DP: 0 = spread evenly over documents, 1 = all in one",
                        )
                    } else {
                        r
                    };
                    if r.clicked() {
                        sort = by.unwrap_or(WordSort::Count);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(20.0, order.len(), |mut row| {
                let r = &rows[order[row.index()] as usize];
                let w = row_word(r);
                row.set_selected(selected == Some(w.as_str()));
                row.col(|ui| {
                    ui.label(&r.word);
                });
                row.col(|ui| {
                    ui.label(r.count.to_string());
                });
                row.col(|ui| {
                    ui.label(format!("{:.1}", r.per_million));
                });
                row.col(|ui| {
                    ui.label(r.documents.to_string());
                });
                row.col(|ui| {
                    ui.label(format!("{:.3}", r.dispersion));
                });
                let resp = row.response();
                if resp.clicked() {
                    cmds.push(Command::SelectWord(
                        (selected != Some(w.as_str())).then(|| w.clone()),
                    ));
                }
                resp.context_menu(|ui| word_menu(ui, &w, is_stop_word(a, stop, &w), cmds));
            });
        });
    v.sort = sort;
}

fn chart(
    ui: &mut Ui,
    v: &mut WordsView,
    rows: &[Row],
    top_n: usize,
    selected: Option<&str>,
    new_corpus: bool,
    cmds: &mut Vec<Command>,
) {
    let words: Vec<&Row> = rows.iter().take(top_n).collect();
    let bars: Vec<Bar> = words
        .iter()
        .enumerate()
        .map(|(rank, w)| {
            let fill = if selected == Some(row_word(w).as_str()) {
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
    let n = words.len();
    let chart = BarChart::new("Words", bars)
        .horizontal()
        .element_formatter(Box::new(|bar, _| format!("{}: {}", bar.name, bar.value)));
    let height = (n as f32 * 20.0 + 36.0).max(ui.available_height() - 4.0);
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
    let inner = response.inner;
    let (rects, clicked, pointer) = inner.inner;
    v.bar_rects = rects;
    let rank_at = |p: PlotPoint| {
        let rank = (-p.y).round();
        (rank >= 0.0 && (rank as usize) < words.len() && (p.y + rank).abs() <= 0.45)
            .then_some(rank as usize)
    };
    if clicked && let Some(rank) = pointer.and_then(rank_at) {
        let w = row_word(words[rank]);
        let already = selected == Some(w.as_str());
        cmds.push(Command::SelectWord((!already).then_some(w)));
    }
    let plot_rect = inner.response.rect;
    let hovered = pointer.and_then(rank_at).map(|r| row_word(words[r]));
    inner.response.context_menu(|ui| {
        if let Some(w) = &hovered {
            word_menu(ui, w, false, cmds);
            ui.separator();
        }
        if ui.button("Save chart as PNG…").clicked() {
            export::save_png("words.png", plot_rect, cmds);
            ui.close();
        }
    });
}
