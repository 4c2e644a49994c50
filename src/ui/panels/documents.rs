//! Documents panel: a sortable, filterable, virtualised table of every document.

use crate::analysis::DocId;
use crate::analysis::docset::DocSet;
use crate::analysis::kwic::Hit;
use crate::corpus::{Corpus, dates};
use crate::jobs::{JobCtx, Phase};
use crate::ner::catalog::Catalog;
use crate::ui::commands::Command;
use crate::ui::derived::Derived;
use crate::ui::session::{Loaded, Selection, Session};
use aho_corasick::AhoCorasick;
use egui::{Align, Sense, Ui};
use egui_extras::{Column, TableBuilder};
use rayon::prelude::*;
use std::sync::Arc;
use std::sync::atomic::Ordering;

/// A sortable column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Headline.
    Title,
    /// Publication date.
    Date,
    /// Byline and source.
    Source,
    /// Word count.
    Words,
    /// File format.
    Format,
    /// Path in the folder.
    #[default]
    Path,
}

/// Corpus and scope, filter, selected word (and whether its hits are in), sort column, order.
type RowsKey = (
    (u64, u64),
    String,
    Option<String>,
    bool,
    SortBy,
    bool,
    (Option<u32>, Option<(u32, u32)>, bool),
);

/// View state of the Documents panel.
#[derive(Default)]
pub struct DocumentsView {
    /// Filter text typed by the user (matches title and text, any case).
    pub filter: String,
    /// Sort column.
    pub sort: SortBy,
    /// Sort descending.
    pub descending: bool,
    /// Rows after filtering and sorting.
    rows: Arc<Vec<DocId>>,
    /// The corpus (its generation) `rows` belong to.
    rows_corpus: u64,
    /// What `rows` was computed for.
    key: Option<RowsKey>,
    /// Rows matching the filter text, found in the background: reading every document's text
    /// takes too long for a frame on a large corpus.
    scan: Derived<RowsKey, Vec<DocId>>,
    /// Scroll to the selected row on the next frame.
    scroll_to_selected: bool,
}

impl DocumentsView {
    /// Drops the cached rows (a new corpus was loaded, or the selection changed); the rows stay
    /// on screen until the new ones are ready.
    pub fn invalidate(&mut self) {
        self.key = None;
        self.scan.clear();
    }

    /// Documents currently listed, in display order.
    pub fn rows(&self) -> &[DocId] {
        &self.rows
    }

    /// Whether the filter text is being looked for; until it is found, the rows are the
    /// previous ones.
    pub fn is_filtering(&self) -> bool {
        self.scan.is_running()
    }

    /// Asks the table to bring the selected row into view.
    pub fn reveal_selected(&mut self) {
        self.scroll_to_selected = true;
    }
}

/// Documents per step of the filter: progress and cancellation are checked between steps.
const FILTER_CHUNK: usize = 256;

/// Documents whose title or text contains `needle` (any case), among `candidates`, in their
/// order; as a job, it reports progress and gives `None` once cancelled.
pub fn filter_docs_in_job(
    corpus: &Corpus,
    candidates: Vec<DocId>,
    needle: &str,
    ctx: &JobCtx,
) -> Option<Vec<DocId>> {
    let needle = needle.trim();
    if needle.is_empty() {
        return Some(candidates);
    }
    let Ok(ac) = AhoCorasick::builder().ascii_case_insensitive(true).build([
        needle,
        needle.to_lowercase().as_str(),
        needle.to_uppercase().as_str(),
    ]) else {
        return Some(candidates);
    };
    ctx.progress
        .set_phase(Phase::Analyzing, candidates.len() as u64);
    let rows: Vec<DocId> = candidates
        .par_chunks(FILTER_CHUNK)
        .flat_map_iter(|chunk| {
            let kept: Vec<DocId> = if ctx.is_cancelled() {
                Vec::new()
            } else {
                chunk
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let d = &corpus.docs[i as usize];
                        ac.is_match(&d.title) || ac.is_match(&d.text)
                    })
                    .collect()
            };
            ctx.progress
                .done
                .fetch_add(chunk.len() as u64, Ordering::Relaxed);
            ctx.wake();
            kept
        })
        .collect();
    (!ctx.is_cancelled()).then_some(rows)
}

/// Sorts document ids by a column, ties broken by path then index.
/// Text keys are computed once per document, not once per comparison.
pub fn sort_docs(corpus: &Corpus, words: &[u32], rows: &mut [DocId], by: SortBy, descending: bool) {
    let doc = |i: DocId| &corpus.docs[i as usize];
    let tie = |a: DocId, b: DocId| {
        let (da, db) = (doc(a), doc(b));
        (&da.path, da.index).cmp(&(&db.path, db.index))
    };
    let dir = |o: std::cmp::Ordering| if descending { o.reverse() } else { o };
    match by {
        SortBy::Title | SortBy::Source => {
            let mut keyed: Vec<(String, DocId)> = rows
                .par_iter()
                .map(|&i| {
                    let d = doc(i);
                    let key = if by == SortBy::Title {
                        d.title.to_lowercase()
                    } else {
                        d.byline().to_lowercase()
                    };
                    (key, i)
                })
                .collect();
            keyed.par_sort_by(|(ka, a), (kb, b)| dir(ka.cmp(kb)).then_with(|| tie(*a, *b)));
            for (slot, (_, i)) in rows.iter_mut().zip(keyed) {
                *slot = i;
            }
        }
        SortBy::Date => {
            rows.par_sort_by(|&a, &b| dir(doc(a).date.cmp(&doc(b).date)).then_with(|| tie(a, b)))
        }
        SortBy::Words => rows.par_sort_by(|&a, &b| {
            dir(words[a as usize].cmp(&words[b as usize])).then_with(|| tie(a, b))
        }),
        SortBy::Format => rows
            .par_sort_by(|&a, &b| dir(doc(a).format.cmp(&doc(b).format)).then_with(|| tie(a, b))),
        SortBy::Path => rows.par_sort_by(|&a, &b| dir(tie(a, b))),
    }
}

/// Documents the selection allows, before the filter text: those with the selected word (or
/// phrase) in the scope, mentioning the selected entity or both ends of the selected link.
fn candidates(
    l: &Loaded,
    selection: &Selection,
    scope: Option<&DocSet>,
    hits: Option<&[Hit]>,
    catalog: Option<&Catalog>,
) -> Vec<DocId> {
    let in_scope = |d: &DocId| scope.is_none_or(|sc| sc.contains(*d));
    let mut candidates: Vec<DocId> = match (&selection.word, hits) {
        (Some(_), Some(hits)) => {
            let mut d: Vec<DocId> = hits.iter().map(|h| h.doc).collect();
            d.dedup();
            d
        }
        // Until the phrase's hits are in, a single word's documents come from the postings.
        (Some(w), None) => l
            .analysis
            .docs_with(w)
            .iter()
            .copied()
            .filter(in_scope)
            .collect(),
        (None, _) => (0..l.corpus.docs.len() as DocId).filter(in_scope).collect(),
    };
    if let Some(cat) = catalog {
        let mut need: Vec<u32> = selection.entity.into_iter().collect();
        if let Some((a, b)) = selection.edge {
            need.extend([a, b]);
        }
        for e in need {
            let docs = cat.docs_of(e);
            candidates.retain(|d| docs.binary_search(d).is_ok());
        }
    }
    candidates
}

/// Brings the rows up to date. Without filter text they are computed at once (no document
/// text is read); with it, the search runs in the background and the previous rows stay
/// listed until it finishes.
fn refresh(s: &mut Session) {
    let hits = s.selected_hits();
    let want_entities = s.selection.entity.is_some() || s.selection.edge.is_some();
    let catalog = if want_entities { s.catalog() } else { None };
    let Some(l) = s.loaded.clone() else { return };
    let v = &mut s.documents;
    let needle = v.filter.trim().to_string();
    let key = (
        (s.generation, s.scope_generation),
        needle.clone(),
        s.selection.word.clone(),
        hits.is_some(),
        v.sort,
        v.descending,
        (s.selection.entity, s.selection.edge, catalog.is_some()),
    );
    if v.key.as_ref() == Some(&key) {
        // Back to what is listed: a search for anything else is moot.
        if v.scan.is_running() {
            v.scan.clear();
        }
        return;
    }
    if v.rows_corpus != s.generation {
        // Rows of another corpus must not be listed, even while the new ones are found.
        v.rows = Arc::default();
        v.rows_corpus = s.generation;
    }
    let sel = &s.selection;
    let scope = s.scope.as_deref();
    if needle.is_empty() {
        v.scan.clear();
        let mut rows = candidates(
            &l,
            sel,
            scope,
            hits.as_deref().map(Vec::as_slice),
            catalog.as_deref(),
        );
        sort_docs(
            &l.corpus,
            &l.analysis.doc_tokens,
            &mut rows,
            v.sort,
            v.descending,
        );
        v.rows = Arc::new(rows);
        v.key = Some(key);
        return;
    }
    v.scan.poll();
    if let Some(rows) = v.scan.value_for(&key) {
        v.rows = rows.clone();
        v.key = Some(key);
        return;
    }
    let (sort, descending) = (v.sort, v.descending);
    v.scan.request(&key, &s.waker, || {
        let rows = candidates(
            &l,
            sel,
            scope,
            hits.as_deref().map(Vec::as_slice),
            catalog.as_deref(),
        );
        move |ctx: &JobCtx| {
            let mut rows = filter_docs_in_job(&l.corpus, rows, &needle, ctx)?;
            sort_docs(
                &l.corpus,
                &l.analysis.doc_tokens,
                &mut rows,
                sort,
                descending,
            );
            (!ctx.is_cancelled()).then_some(rows)
        }
    });
}

/// Draws the panel.
pub fn show(ui: &mut Ui, s: &mut Session, cmds: &mut Vec<Command>) {
    if s.loaded.is_none() {
        super::no_corpus(ui);
        return;
    }
    refresh(s);
    let Some(l) = s.loaded.clone() else { return };
    ui.horizontal(|ui| {
        ui.label("Filter:");
        ui.add(
            egui::TextEdit::singleline(&mut s.documents.filter)
                .hint_text("words in title or text")
                .desired_width(220.0),
        );
        if !s.documents.filter.is_empty()
            && ui.small_button("✖").on_hover_text("Clear filter").clicked()
        {
            s.documents.filter.clear();
        }
        if let Some(w) = &s.selection.word {
            let label = format!("word: {w} ✖");
            if ui
                .button(label)
                .on_hover_text("Clear the word selection")
                .clicked()
            {
                cmds.push(Command::SelectWord(None));
            }
        }
        let names = s.derived.catalog.value().cloned();
        let name = |e: u32| {
            names
                .as_ref()
                .and_then(|c| c.entities.get(e as usize))
                .map(|x| x.name.clone())
                .unwrap_or_default()
        };
        if let Some(e) = s.selection.entity
            && ui
                .button(format!("entity: {} ✖", name(e)))
                .on_hover_text("Clear the entity selection")
                .clicked()
        {
            cmds.push(Command::SelectEntity(None));
        }
        if let Some((a, b)) = s.selection.edge
            && ui
                .button(format!("together: {} + {} ✖", name(a), name(b)))
                .clicked()
        {
            cmds.push(Command::SelectEdge(None));
        }
        if let Some((a, b)) = s.selection.dates
            && ui
                .button(format!("{a} – {b} ✖"))
                .on_hover_text("Clear the date range")
                .clicked()
        {
            cmds.push(Command::SetDates(None));
        }
        ui.weak(format!(
            "{} of {}",
            s.documents.rows.len(),
            l.corpus.docs.len()
        ));
        if let Some(p) = s.documents.scan.progress() {
            ui.spinner();
            let pct = (p.fraction() * 100.0).round();
            ui.weak(format!("filtering… {pct}%")).on_hover_text(
                "Looking for the filter text; the table shows the previous result until then",
            );
        }
    });
    ui.separator();
    let v = &mut s.documents;
    let selected = s.selection.doc;
    let mut table = TableBuilder::new(ui)
        .id_salt("documents-table")
        .striped(true)
        .resizable(true)
        .sense(Sense::click())
        .cell_layout(egui::Layout::left_to_right(Align::Center))
        .column(Column::initial(260.0).at_least(80.0).clip(true))
        .column(Column::initial(86.0).at_least(50.0))
        .column(Column::initial(140.0).at_least(50.0).clip(true))
        .column(Column::initial(56.0).at_least(40.0))
        .column(Column::initial(48.0).at_least(40.0))
        .column(Column::remainder().at_least(80.0).clip(true))
        .min_scrolled_height(0.0);
    if v.scroll_to_selected {
        v.scroll_to_selected = false;
        if let Some(pos) = selected.and_then(|d| v.rows.iter().position(|&r| r == d)) {
            table = table.scroll_to_row(pos, Some(Align::Center));
        }
    }
    let columns = [
        ("Title", SortBy::Title),
        ("Date", SortBy::Date),
        ("Source / byline", SortBy::Source),
        ("Words", SortBy::Words),
        ("Format", SortBy::Format),
        ("Path", SortBy::Path),
    ];
    table
        .header(22.0, |mut header| {
            for (name, by) in columns {
                header.col(|ui| {
                    let arrow = if v.sort == by {
                        if v.descending { " ⏷" } else { " ⏶" }
                    } else {
                        ""
                    };
                    if ui
                        .add(
                            egui::Button::new(
                                egui::RichText::new(format!("{name}{arrow}")).strong(),
                            )
                            .frame(false),
                        )
                        .on_hover_text(format!("Sort by {}", name.to_lowercase()))
                        .clicked()
                    {
                        if v.sort == by {
                            v.descending = !v.descending;
                        } else {
                            v.sort = by;
                            v.descending = matches!(by, SortBy::Words | SortBy::Date);
                        }
                    }
                });
            }
        })
        .body(|body| {
            body.rows(20.0, v.rows.len(), |mut row| {
                let id = v.rows[row.index()];
                let d = &l.corpus.docs[id as usize];
                row.set_selected(selected == Some(id));
                row.col(|ui| {
                    let title = egui::Label::new(&d.title).truncate().sense(Sense::click());
                    if ui.add(title).clicked() {
                        cmds.push(Command::SelectDoc(id));
                    }
                });
                row.col(|ui| {
                    ui.label(d.date.as_ref().map(dates::display).unwrap_or_default());
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(d.byline()).truncate());
                });
                row.col(|ui| {
                    ui.label(l.analysis.doc_tokens[id as usize].to_string());
                });
                row.col(|ui| {
                    ui.label(d.format.map(|f| f.name()).unwrap_or(""));
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(d.label()).truncate());
                });
                if row.response().clicked() {
                    cmds.push(Command::SelectDoc(id));
                }
            });
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;

    fn corpus() -> Corpus {
        let doc = |path: &str, title: &str, text: &str| Document {
            path: path.into(),
            title: title.into(),
            text: text.into(),
            ..Default::default()
        };
        Corpus {
            docs: vec![
                doc("a.txt", "beta talks", "Envoys met in Geneva."),
                doc("b.txt", "Alpha vote", "The UN voted."),
                doc("c.txt", "gamma prices", "Oil rose; GENEVA traders."),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn sorts_titles_ignoring_case_both_ways() {
        let c = corpus();
        let mut rows = vec![0, 1, 2];
        sort_docs(&c, &[3, 3, 4], &mut rows, SortBy::Title, false);
        assert_eq!(rows, [1, 0, 2]);
        sort_docs(&c, &[3, 3, 4], &mut rows, SortBy::Title, true);
        assert_eq!(rows, [2, 0, 1]);
        // Equal word counts fall back to path order.
        sort_docs(&c, &[3, 3, 4], &mut rows, SortBy::Words, true);
        assert_eq!(rows, [2, 0, 1]);
        sort_docs(&c, &[3, 3, 4], &mut rows, SortBy::Path, false);
        assert_eq!(rows, [0, 1, 2]);
    }

    fn filter_docs(corpus: &Corpus, candidates: Vec<DocId>, needle: &str) -> Vec<DocId> {
        filter_docs_in_job(corpus, candidates, needle, &JobCtx::detached()).unwrap_or_default()
    }

    #[test]
    fn filter_matches_text_and_title_any_case() {
        let c = corpus();
        assert_eq!(filter_docs(&c, vec![0, 1, 2], "geneva"), [0, 2]);
        assert_eq!(filter_docs(&c, vec![0, 1, 2], "ALPHA"), [1]);
        assert_eq!(filter_docs(&c, vec![0, 1, 2], "  "), [0, 1, 2]);
        assert!(filter_docs(&c, vec![0, 1, 2], "nowhere").is_empty());
    }

    #[test]
    fn filter_job_reports_every_document_it_reads() {
        let c = corpus();
        let ctx = JobCtx::detached();
        let rows = filter_docs_in_job(&c, vec![2, 1, 0], "GENEVA", &ctx);
        // Candidates keep their order.
        assert_eq!(rows, Some(vec![2, 0]));
        let p = ctx.progress.snapshot();
        assert_eq!((p.done, p.total), (3, 3));
    }
}
