//! What the Keywords panel compares with the rest of the corpus: the date range (dragged in
//! Trends or typed here), the documents whose path matches a pattern (as the command line's
//! `--docs`), or the documents the Documents panel lists.

use crate::analysis::DocId;
use crate::analysis::docset::DocSet;
use crate::analysis::kwic::glob_to_regex;
use crate::corpus::Corpus;
use crate::ui::commands::Command;
use crate::ui::context::Ctx;
use chrono::NaiveDate;
use egui::Ui;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// Which documents are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The selection's date range.
    #[default]
    Dates,
    /// Documents whose path matches a pattern.
    Pattern,
    /// The documents listed in the Documents panel.
    Listed,
}

/// The chosen documents, as far as the result depends on them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetKey {
    /// The date range's documents (their counts come from the shared store).
    Dates,
    /// A path pattern.
    Pattern(String),
    /// A list of documents, by a hash of its ids and its length.
    Listed(u64, usize),
}

/// The typed fields of the target.
#[derive(Debug, Clone, Default)]
pub struct Target {
    /// Which documents are compared.
    pub mode: Mode,
    /// First day typed (YYYY-MM-DD).
    pub from: String,
    /// Last day typed (YYYY-MM-DD).
    pub to: String,
    /// Path pattern: `*` any characters, `?` one.
    pub pattern: String,
    /// Why the typed dates were refused.
    pub date_error: Option<String>,
    /// The selection's range when the fields were last filled from it.
    shown_range: Option<(NaiveDate, NaiveDate)>,
}

/// The chosen documents: their key and, unless they are the date range's, the set itself.
pub struct Chosen {
    /// What the result depends on.
    pub key: TargetKey,
    /// The documents (for [`TargetKey::Dates`], those of the range).
    pub docs: Option<Arc<DocSet>>,
    /// How the selection reads in a sentence ("the range", "12 documents matching *x*").
    pub described: String,
}

/// Hash of a list of documents.
fn hash_of(rows: &[DocId]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    rows.hash(&mut h);
    h.finish()
}

/// The documents of `c` whose path matches `pattern`.
pub fn matching(c: &Corpus, pattern: &str) -> Result<DocSet, String> {
    let re = regex::Regex::new(&glob_to_regex(pattern)).map_err(|e| e.to_string())?;
    Ok(DocSet::from_fn(c.docs.len(), |d| {
        re.is_match(&c.docs[d as usize].path)
    }))
}

/// The documents compared now, or why there are none yet.
pub fn chosen(cx: &Ctx, c: &Corpus, t: &Target) -> Result<Chosen, String> {
    match t.mode {
        Mode::Dates => {
            let (Some(docs), Some((a, b))) = (cx.scope_docs(), cx.selection.dates) else {
                return Err("Type a date range above, or drag across the Trends chart.".into());
            };
            Ok(Chosen {
                key: TargetKey::Dates,
                docs: Some(docs),
                described: format!("{a} – {b}"),
            })
        }
        Mode::Pattern => {
            let p = t.pattern.trim();
            if p.is_empty() {
                return Err("Type a pattern of paths, such as *2025-03* or news/*.txt.".into());
            }
            let set = matching(c, p)?;
            Ok(Chosen {
                described: format!("documents matching “{p}”"),
                key: TargetKey::Pattern(p.to_string()),
                docs: Some(Arc::new(set)),
            })
        }
        Mode::Listed => {
            let rows = cx.listed.clone().unwrap_or_default();
            if rows.is_empty() {
                return Err("The Documents panel lists no document.".into());
            }
            let set = DocSet::from_ids(c.docs.len(), rows.iter().copied());
            Ok(Chosen {
                key: TargetKey::Listed(hash_of(&rows), rows.len()),
                docs: Some(Arc::new(set)),
                described: "the documents listed".into(),
            })
        }
    }
}

/// A typed day, or why it is not one.
fn day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("“{}” is not a date like 2025-03-14", s.trim()))
}

/// The controls: which documents, the date fields or the pattern.
pub fn controls(ui: &mut Ui, cx: &Ctx, t: &mut Target, cmds: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Compare:");
        ui.radio_value(&mut t.mode, Mode::Dates, "Date range");
        ui.radio_value(&mut t.mode, Mode::Pattern, "Paths matching");
        let listed = cx.listed.as_ref().map_or(0, |r| r.len());
        ui.radio_value(
            &mut t.mode,
            Mode::Listed,
            format!("Documents listed ({listed})"),
        )
        .on_hover_text("The documents the Documents panel lists: its filter and the selection");
        ui.weak("with the rest of the corpus");
    });
    match t.mode {
        Mode::Dates => dates_row(ui, cx, t, cmds),
        Mode::Pattern => {
            ui.horizontal(|ui| {
                ui.label("Paths:");
                ui.add(
                    egui::TextEdit::singleline(&mut t.pattern)
                        .hint_text("pattern, e.g. *2025-03*")
                        .desired_width(220.0),
                );
            });
        }
        Mode::Listed => {}
    }
}

/// Two date fields, filled from the selection's range, and a button that sets the range.
fn dates_row(ui: &mut Ui, cx: &Ctx, t: &mut Target, cmds: &mut Vec<Command>) {
    // A range set elsewhere (dragged in Trends) shows in the fields.
    if cx.selection.dates != t.shown_range {
        t.shown_range = cx.selection.dates;
        if let Some((a, b)) = t.shown_range {
            t.from = a.to_string();
            t.to = b.to_string();
            t.date_error = None;
        }
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("From");
        ui.add(
            egui::TextEdit::singleline(&mut t.from)
                .hint_text("first day, YYYY-MM-DD")
                .desired_width(110.0),
        );
        ui.label("to");
        ui.add(
            egui::TextEdit::singleline(&mut t.to)
                .hint_text("last day, YYYY-MM-DD")
                .desired_width(110.0),
        );
        if ui.button("Set range").clicked() {
            match (day(&t.from), day(&t.to)) {
                (Ok(a), Ok(b)) => {
                    t.date_error = None;
                    cmds.push(Command::SetDates(Some((a.min(b), a.max(b)))));
                }
                (Err(e), _) | (_, Err(e)) => t.date_error = Some(e),
            }
        }
        if let Some(e) = &t.date_error {
            ui.colored_label(crate::ui::theme::ERROR, e);
        }
    });
}
