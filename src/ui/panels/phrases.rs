//! Phrases panel: the scope's n-grams (2–4 words), and the collocates of the selected word
//! within a window or sentence, scored by the measure picked in a combo box.

use crate::analysis::collocates::{Collocates, Span, collocates};
use crate::analysis::kwic::Query;
use crate::analysis::measures::Association;
use crate::analysis::ngrams::{Ngram, NgramOptions, ngrams};
use crate::jobs::JobCtx;
use crate::ui::commands::Command;
use crate::ui::context::Ctx;
use crate::ui::derived::Derived;
use crate::ui::export;
use crate::ui::store::{ScopeKey, WordsKey};
use crate::ui::widgets::{count, no_corpus, word_menu};
use egui::Ui;
use egui_extras::{Column, TableBuilder};

/// Inputs of the collocates: the scope's counts and stop-words, the node and the options.
#[derive(Debug, Clone, PartialEq)]
struct CollocKey {
    words: WordsKey,
    node: String,
    span: Span,
    measure: Association,
    min_together: u64,
    hide_stop: bool,
}

/// Inputs of the n-grams: the scope and the options.
#[derive(Debug, Clone, Copy, PartialEq)]
struct GramsKey {
    scope: ScopeKey,
    options: NgramOptions,
}

/// View state of the Phrases panel.
pub struct PhrasesView {
    /// Show collocates (else n-grams).
    pub collocates: bool,
    /// N-gram options.
    pub ngram: NgramOptions,
    /// Collocation span.
    pub span: Span,
    /// Collocation measure.
    pub measure: Association,
    /// Minimum co-occurrences.
    pub min_together: u64,
    /// Leave stop-words out of the collocates.
    pub hide_stop: bool,
    grams: Derived<GramsKey, Vec<Ngram>>,
    colloc: Derived<CollocKey, Collocates>,
}

impl Default for PhrasesView {
    fn default() -> Self {
        Self {
            collocates: false,
            ngram: NgramOptions::default(),
            span: Span::Window(5),
            measure: Association::LogDice,
            min_together: 2,
            hide_stop: true,
            grams: Derived::default(),
            colloc: Derived::default(),
        }
    }
}

/// Draws the panel.
pub fn show(ui: &mut Ui, cx: &Ctx, v: &mut PhrasesView, cmds: &mut Vec<Command>) {
    let Some(l) = cx.loaded else {
        no_corpus(ui, cx);
        return;
    };
    if let Some(note) = l.texts_note() {
        ui.label(format!(
            "{note} N-grams and collocates need every text in order: open the folder itself."
        ));
        return;
    }
    ui.horizontal(|ui| {
        ui.selectable_value(&mut v.collocates, false, "N-grams");
        ui.selectable_value(&mut v.collocates, true, "Collocates");
    });
    if v.collocates {
        show_collocates(ui, cx, v, cmds);
    } else {
        show_ngrams(ui, cx, v, cmds);
    }
}

fn show_ngrams(ui: &mut Ui, cx: &Ctx, v: &mut PhrasesView, cmds: &mut Vec<Command>) {
    let Some(l) = cx.loaded else { return };
    ui.horizontal_wrapped(|ui| {
        for n in 2..=4 {
            ui.selectable_value(&mut v.ngram.n, n, format!("{n} words"));
        }
        ui.add(
            egui::DragValue::new(&mut v.ngram.min_count)
                .range(1..=1000)
                .prefix("min "),
        );
        ui.checkbox(&mut v.ngram.skip_stop_edges, "No stop-word at the edges");
        ui.checkbox(&mut v.ngram.skip_numbers, "No numbers");
    });
    let key = GramsKey {
        scope: cx.scope_key(),
        options: v.ngram,
    };
    let (a, scope, opts) = (l.analysis.clone(), cx.scope_docs(), v.ngram);
    v.grams.request(&key, cx.waker, move || {
        move |ctx: &JobCtx| ngrams(&a, &opts, scope.as_deref(), ctx)
    });
    let Some(grams) = v.grams.value().cloned() else {
        ui.spinner();
        return;
    };
    let texts: Vec<String> = grams
        .iter()
        .take(5000)
        .map(|g| g.text(&l.analysis))
        .collect();
    ui.horizontal(|ui| {
        ui.label(count(grams.len(), "n-gram", "n-grams"));
        if v.grams.is_running() {
            ui.spinner();
        }
        if ui.button("Export CSV…").clicked() {
            let rows = grams.iter().map(|g| {
                vec![
                    g.text(&l.analysis),
                    g.count.to_string(),
                    g.documents.to_string(),
                ]
            });
            export::save_csv("ngrams.csv", &["ngram", "count", "documents"], rows, cmds);
        }
    });
    let selected = cx.selection.word.clone();
    ui.style_mut().interaction.selectable_labels = false;
    TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .column(Column::remainder().at_least(160.0).clip(true))
        .column(Column::initial(70.0))
        .column(Column::initial(70.0))
        .header(20.0, |mut h| {
            for name in ["Phrase", "Count", "Docs"] {
                h.col(|ui| {
                    let r = ui.strong(name);
                    if name == "Count" {
                        r.on_hover_text(
                            "Times the words follow each other inside one sentence. The \
                             Concordance finds a phrase across a sentence's end too, so it may \
                             list a few more.",
                        );
                    }
                });
            }
        })
        .body(|body| {
            body.rows(20.0, texts.len(), |mut row| {
                let i = row.index();
                let g = &grams[i];
                row.set_selected(selected.as_deref() == Some(texts[i].as_str()));
                row.col(|ui| {
                    ui.label(&texts[i]);
                });
                row.col(|ui| {
                    ui.label(g.count.to_string());
                });
                row.col(|ui| {
                    ui.label(g.documents.to_string());
                });
                if row.response().clicked() {
                    cmds.push(Command::SelectWord(Some(texts[i].clone())));
                }
            });
        });
}

fn span_name(s: Span) -> String {
    match s {
        Span::Window(n) => format!("±{n} words"),
        Span::Sentence => "same sentence".into(),
    }
}

fn show_collocates(ui: &mut Ui, cx: &Ctx, v: &mut PhrasesView, cmds: &mut Vec<Command>) {
    let Some(l) = cx.loaded else { return };
    let counts = cx.counts_now();
    let stop = cx.stop.flags.clone();
    collocate_options(ui, v);
    let Some(node) = cx.selection.word.clone() else {
        ui.weak("Select a word in any panel to see its collocates.");
        return;
    };
    let Some(counts) = counts else {
        ui.spinner();
        return;
    };
    let key = CollocKey {
        words: cx.words_key(),
        node: node.clone(),
        span: v.span,
        measure: v.measure,
        min_together: v.min_together,
        hide_stop: v.hide_stop,
    };
    let (a, scope) = (l.analysis.clone(), cx.scope_docs());
    let (span, measure, min) = (v.span, v.measure, v.min_together);
    let hide = v.hide_stop;
    v.colloc.request(&key, cx.waker, move || {
        move |ctx: &JobCtx| {
            let q = Query::parse(&node, &a).ok()?;
            let f = |t: u32| counts.freq[t as usize] as u64;
            let mut c = collocates(
                &a,
                &q,
                span,
                measure,
                min,
                scope.as_deref(),
                &f,
                counts.tokens,
                ctx,
            )?;
            if hide {
                c.rows
                    .retain(|r| !stop.get(r.term as usize).copied().unwrap_or(false));
            }
            Some(c)
        }
    });
    let Some(c) = v.colloc.value().cloned() else {
        ui.spinner();
        return;
    };
    ui.horizontal(|ui| {
        ui.label(format!(
            "“{}”: {} hits, {} collocates",
            cx.selection.word.as_deref().unwrap_or(""),
            c.hits,
            c.rows.len()
        ));
        if v.colloc.is_running() {
            ui.spinner();
        }
        if ui.button("Export CSV…").clicked() {
            let rows = c.rows.iter().map(|r| {
                vec![
                    r.word.clone(),
                    r.together.to_string(),
                    r.left.to_string(),
                    r.freq.to_string(),
                    format!("{:.3}", r.expected),
                    format!("{:.4}", r.score),
                ]
            });
            export::save_csv(
                "collocates.csv",
                &[
                    "collocate",
                    "together",
                    "left",
                    "frequency",
                    "expected",
                    v.measure.key(),
                ],
                rows,
                cmds,
            );
        }
    });
    collocates_table(ui, cx, &c, v.measure, cmds);
}

/// Span, measure, minimum count and the stop-word switch of the collocates.
fn collocate_options(ui: &mut Ui, v: &mut PhrasesView) {
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::from_id_salt("colloc-span")
            .selected_text(span_name(v.span))
            .show_ui(ui, |ui| {
                for n in [1, 2, 3, 4, 5, 7, 10] {
                    ui.selectable_value(&mut v.span, Span::Window(n), span_name(Span::Window(n)));
                }
                ui.selectable_value(&mut v.span, Span::Sentence, span_name(Span::Sentence));
            });
        egui::ComboBox::from_id_salt("colloc-measure")
            .selected_text(v.measure.name())
            .show_ui(ui, |ui| {
                for &m in Association::all() {
                    ui.selectable_value(&mut v.measure, m, m.name());
                }
            });
        ui.add(
            egui::DragValue::new(&mut v.min_together)
                .range(1..=1000)
                .prefix("min "),
        );
        ui.checkbox(&mut v.hide_stop, "Hide stop-words");
    });
}

/// The collocates with their counts and scores; a click selects the phrase they make with
/// the node, in the order they mostly appear.
fn collocates_table(
    ui: &mut Ui,
    cx: &Ctx,
    c: &Collocates,
    measure: Association,
    cmds: &mut Vec<Command>,
) {
    ui.style_mut().interaction.selectable_labels = false;
    TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .column(Column::initial(150.0).at_least(80.0).clip(true))
        .column(Column::initial(80.0))
        .column(Column::initial(60.0))
        .column(Column::initial(80.0))
        .column(Column::initial(80.0))
        .column(Column::remainder().at_least(70.0))
        .header(20.0, |mut h| {
            for name in [
                "Collocate",
                "Together",
                "Left",
                "Frequency",
                "Expected",
                measure.name(),
            ] {
                h.col(|ui| {
                    ui.strong(name);
                });
            }
        })
        .body(|body| {
            body.rows(20.0, c.rows.len(), |mut row| {
                let r = &c.rows[row.index()];
                row.col(|ui| {
                    ui.label(&r.word);
                });
                row.col(|ui| {
                    ui.label(r.together.to_string());
                });
                row.col(|ui| {
                    ui.label(r.left.to_string());
                });
                row.col(|ui| {
                    ui.label(r.freq.to_string());
                });
                row.col(|ui| {
                    ui.label(format!("{:.2}", r.expected));
                });
                row.col(|ui| {
                    ui.label(format!("{:.3}", r.score));
                });
                let resp = row.response();
                if resp.clicked() {
                    let phrase =
                        format!("{} {}", cx.selection.word.as_deref().unwrap_or(""), r.word);
                    let q = if r.left * 2 > r.together {
                        format!("{} {}", r.word, cx.selection.word.as_deref().unwrap_or(""))
                    } else {
                        phrase
                    };
                    cmds.push(Command::SelectWord(Some(q)));
                }
                resp.context_menu(|ui| word_menu(ui, &r.word, false, cmds));
            });
        });
}
