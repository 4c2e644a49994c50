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
use crate::ui::widgets::{count, no_corpus, word_menu};
use egui::{Rect, Ui};
use egui_extras::{Column, TableBuilder};
use std::sync::Arc;

mod chart;

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
    /// The part of the panel the chart was seen in last frame, its axis included.
    pub chart_view: Option<(Rect, Rect)>,
    /// Where the hovered bar's counts were written last frame, and the bar's rank.
    pub readout: Option<(Rect, usize)>,
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
            chart_view: None,
            readout: None,
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
        chart::show(ui, v, &rows.0, top_n, selected.as_deref(), new_corpus, cmds);
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
