//! Documents panel: a sortable, filterable, virtualised table of every document.

use crate::analysis::DocId;
use crate::analysis::docset::DocSet;
use crate::analysis::documents::{self, SortBy, WordDocs, filter_docs_in_job, sort_docs};
use crate::analysis::kwic::Hit;
use crate::corpus::dates;
use crate::corpus::metadata::MAX_TITLE_CHARS;
use crate::jobs::JobCtx;
use crate::ner::catalog::Catalog;
use crate::ui::commands::Command;
use crate::ui::context::Ctx;
use crate::ui::derived::Derived;
use crate::ui::session::{Loaded, Selection};
use crate::ui::store::{CatalogKey, CorpusKey, LinkKey, ScopeKey};
use crate::ui::widgets::{self, no_corpus, thousands, together_in};
use egui::{Align, Sense, Ui};
use egui_extras::{Column, TableBuilder};
use std::sync::Arc;

/// What the rows depend on: the scope, the filter text, the selection and the order.
#[derive(Debug, Clone, PartialEq)]
struct RowsKey {
    scope: ScopeKey,
    filter: String,
    word: Option<String>,
    /// Whether the selected phrase's hits were in (until then, a word's postings stand in).
    hits_in: bool,
    sort: SortBy,
    descending: bool,
    entity: Option<u32>,
    /// The selected link's places, once found.
    link: Option<LinkKey>,
    /// The catalog the entity's documents came from, if one was needed and ready.
    catalog: Option<CatalogKey>,
}

/// View state of the Documents panel.
pub struct DocumentsView {
    /// Filter text typed by the user (matches title and text, any case).
    pub filter: String,
    /// Sort column.
    pub sort: SortBy,
    /// Sort descending.
    pub descending: bool,
    /// Rows after filtering and sorting.
    rows: Arc<Vec<DocId>>,
    /// The corpus `rows` belong to.
    rows_corpus: CorpusKey,
    /// What `rows` was computed for.
    key: Option<RowsKey>,
    /// Rows matching the filter text, found in the background: reading every document's text
    /// takes too long for a frame on a large corpus.
    scan: Derived<RowsKey, Vec<DocId>>,
    /// The selected document when the table last scrolled to it.
    shown_doc: Option<DocId>,
    /// Most rows sorted inside a frame; more are sorted in the background.
    pub sort_in_frame: usize,
}

impl Default for DocumentsView {
    fn default() -> Self {
        Self {
            filter: String::new(),
            sort: SortBy::default(),
            descending: false,
            rows: Arc::default(),
            rows_corpus: CorpusKey::default(),
            key: None,
            scan: Derived::default(),
            shown_doc: None,
            sort_in_frame: SORT_IN_FRAME_ROWS,
        }
    }
}

impl DocumentsView {
    /// Documents currently listed, in display order.
    pub fn rows(&self) -> &[DocId] {
        &self.rows
    }

    /// The same, shared.
    pub fn rows_shared(&self) -> Arc<Vec<DocId>> {
        self.rows.clone()
    }

    /// Whether the filter text is being looked for or the rows sorted in the background; until
    /// then, the rows are the previous ones.
    pub fn is_filtering(&self) -> bool {
        self.scan.is_running()
    }

    /// What the rows being found or sorted in the background are for.
    fn scan_key(&self) -> Option<&RowsKey> {
        self.scan.running_key()
    }
}

/// Documents the selection allows, before the filter text: those with the selected word (or
/// phrase) in the scope, mentioning the selected entity, and where the selected link's two
/// entities appear together (`link`: its documents).
fn candidates(
    l: &Loaded,
    selection: &Selection,
    scope: Option<&DocSet>,
    hits: Option<&[Hit]>,
    catalog: Option<&Catalog>,
    link: Option<&[DocId]>,
) -> Vec<DocId> {
    let postings = match (&selection.word, hits) {
        (Some(w), None) => l.analysis.docs_with(w),
        _ => Vec::new(),
    };
    let word = match (&selection.word, hits) {
        (Some(_), Some(hits)) => WordDocs::Hits(hits),
        // Until the phrase's hits are in, a single word's documents come from the postings.
        (Some(_), None) => WordDocs::Postings(&postings),
        (None, _) => WordDocs::All,
    };
    let lists: Vec<Vec<DocId>> = match (catalog, selection.entity) {
        (Some(cat), Some(e)) => vec![cat.docs_of(e)],
        _ => Vec::new(),
    };
    let mut required: Vec<&[DocId]> = lists.iter().map(Vec::as_slice).collect();
    required.extend(link);
    documents::candidates(l.corpus.docs.len(), word, scope, &required)
}

/// Most rows sorted inside a frame: beyond this the sort runs in the background (sorting
/// 200,000 titles takes about a tenth of a second, too long for a frame).
pub const SORT_IN_FRAME_ROWS: usize = 5_000;

/// Brings the rows up to date. A few rows without filter text are sorted at once; otherwise
/// the search and the sort run in the background and the previous rows stay listed until they
/// finish. True when new rows came in.
fn refresh(cx: &Ctx, v: &mut DocumentsView) -> bool {
    let hits = cx.selected_hits();
    let catalog = if cx.selection.entity.is_some() {
        cx.catalog()
    } else {
        None
    };
    let link = cx.link_places();
    let Some(l) = cx.loaded else { return false };
    // Until the selected link's places are found, the previous rows stay listed.
    if cx.selection.edge.is_some() && link.is_none() {
        return false;
    }
    let needle = v.filter.trim().to_string();
    let key = RowsKey {
        scope: cx.scope_key(),
        filter: needle.clone(),
        word: cx.selection.word.clone(),
        hits_in: hits.is_some(),
        sort: v.sort,
        descending: v.descending,
        entity: cx.selection.entity,
        link: link.as_ref().and_then(|_| cx.link_key()),
        catalog: catalog.as_ref().map(|_| cx.catalog_key()),
    };
    if v.key.as_ref() == Some(&key) {
        // Back to what is listed: a search or sort for anything else is moot.
        if v.scan.is_running() {
            v.scan.clear();
        }
        return false;
    }
    if v.rows_corpus != cx.corpus {
        // Rows of another corpus must not be listed, even while the new ones are found.
        v.rows = Arc::default();
        v.rows_corpus = cx.corpus;
    }
    v.scan.poll();
    if let Some(rows) = v.scan.value_for(&key) {
        v.rows = rows.clone();
        v.key = Some(key);
        return true;
    }
    if v.scan.is_running() && v.scan_key() == Some(&key) {
        return false;
    }
    let rows = candidates(
        l,
        cx.selection,
        cx.scope.map(|s| s.as_ref()),
        hits.as_deref().map(Vec::as_slice),
        catalog.as_deref(),
        link.as_ref().map(|p| p.documents.as_slice()),
    );
    if needle.is_empty() && rows.len() <= v.sort_in_frame {
        v.scan.clear();
        let mut rows = rows;
        sort_docs(
            &l.corpus,
            &l.analysis.doc_tokens,
            &mut rows,
            v.sort,
            v.descending,
        );
        v.rows = Arc::new(rows);
        v.key = Some(key);
        return true;
    }
    let (sort, descending) = (v.sort, v.descending);
    let l = l.clone();
    v.scan.request(&key, cx.waker, || {
        move |ctx: &JobCtx| {
            let mut rows = if needle.is_empty() {
                rows
            } else {
                filter_docs_in_job(&l.corpus, rows, &needle, ctx)?
            };
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
    false
}

/// The Reader follows the list: when the documents listed change and the one it shows is not
/// among them, it shows the first, at the selected entity's first mention or the link's
/// first place there.
fn follow(cx: &Ctx, v: &DocumentsView, cmds: &mut Vec<Command>) {
    let Some(&first) = v.rows.first() else {
        return;
    };
    if cx.selection.doc.is_some_and(|d| v.rows.contains(&d)) {
        return;
    }
    let mention = || {
        let e = cx.selection.entity?;
        let cat = cx.store.catalog_latest()?;
        let m = cat.in_doc(first).iter().find(|m| m.entity == e)?;
        Some((m.start as usize, m.end as usize))
    };
    let place = || {
        let p = cx.link_places()?;
        let c = p.places.iter().find(|c| c.doc == first)?;
        Some((c.start as usize, c.end as usize))
    };
    cmds.push(Command::FollowDoc {
        doc: first,
        hit: place().or_else(mention),
    });
}

/// Draws the panel.
pub fn show(ui: &mut Ui, cx: &Ctx, v: &mut DocumentsView, cmds: &mut Vec<Command>) {
    let Some(l) = cx.loaded else {
        no_corpus(ui, cx);
        return;
    };
    if refresh(cx, v) {
        follow(cx, v, cmds);
    }
    filter_bar(ui, cx, v, l, cmds);
    ui.separator();
    if v.rows.is_empty() && !v.is_filtering() {
        ui.weak(why_empty(cx, v, l));
        return;
    }
    let selected = cx.selection.doc;
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
    // A document selected anywhere (this table included) is brought into view once.
    if v.shown_doc != selected {
        v.shown_doc = selected;
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
                    let title = widgets::clip(&d.title, MAX_TITLE_CHARS);
                    let title = egui::Label::new(title.as_ref())
                        .truncate()
                        .sense(Sense::click());
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

/// The filter box, a chip for each part of the selection (click to clear it), the count of
/// rows and the filter's progress.
/// Why no document is listed: the folder has none, or what the selection asks together
/// matches none.
fn why_empty(cx: &Ctx, v: &DocumentsView, l: &Loaded) -> String {
    if l.corpus.docs.is_empty() {
        return "This folder has no articles Quarry can read; the Problems panel says why.".into();
    }
    let sel = cx.selection;
    let mut asks = Vec::new();
    if !v.filter.trim().is_empty() {
        asks.push(format!("the text “{}”", v.filter.trim()));
    }
    if let Some(w) = &sel.word {
        asks.push(format!("the word “{w}”"));
    }
    if sel.entity.is_some() {
        asks.push("the selected entity".into());
    }
    if sel.edge.is_some() {
        asks.push(format!(
            "the two entities of the selected link {}",
            together_in(cx.graph.options.scope)
        ));
    }
    if let Some((a, b)) = sel.dates {
        asks.push(format!("a date from {a} to {b}"));
    }
    match asks.len() {
        0 => "No document is listed.".into(),
        1 => format!(
            "No document has {}. Clear it above to list them all.",
            asks[0]
        ),
        _ => format!(
            "No document has all of: {}. Clear one of them above.",
            asks.join(", ")
        ),
    }
}

fn filter_bar(ui: &mut Ui, cx: &Ctx, v: &mut DocumentsView, l: &Loaded, cmds: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.label("Filter:");
        ui.add(
            egui::TextEdit::singleline(&mut v.filter)
                .hint_text("words in title or text")
                .desired_width(220.0),
        );
        if !v.filter.is_empty() && ui.small_button("✖").on_hover_text("Clear filter").clicked() {
            v.filter.clear();
        }
        if let Some(w) = &cx.selection.word {
            let label = format!("word: {w} ✖");
            if ui
                .button(label)
                .on_hover_text("Clear the word selection")
                .clicked()
            {
                cmds.push(Command::SelectWord(None));
            }
        }
        let names = cx.store.catalog_latest();
        let name = |e: u32| {
            names
                .as_ref()
                .and_then(|c| c.entities.get(e as usize))
                .map(|x| x.name.clone())
                .unwrap_or_default()
        };
        if let Some(e) = cx.selection.entity
            && ui
                .button(format!("entity: {} ✖", name(e)))
                .on_hover_text("Clear the entity selection")
                .clicked()
        {
            cmds.push(Command::SelectEntity(None));
        }
        if let Some((a, b)) = cx.selection.edge
            && ui
                .button(format!("together: {} + {} ✖", name(a), name(b)))
                .on_hover_text(format!(
                    "Documents where both appear {}; click to clear the link",
                    together_in(cx.graph.options.scope)
                ))
                .clicked()
        {
            cmds.push(Command::SelectEdge(None));
        }
        if let Some((a, b)) = cx.selection.dates
            && ui
                .button(format!("{a} – {b} ✖"))
                .on_hover_text("Clear the date range")
                .clicked()
        {
            cmds.push(Command::SetDates(None));
        }
        ui.weak(format!(
            "{} of {}",
            thousands(v.rows.len() as u64),
            thousands(l.corpus.docs.len() as u64)
        ));
        if let Some(p) = v.scan.progress() {
            ui.spinner();
            let pct = (p.fraction() * 100.0).round();
            if v.filter.trim().is_empty() {
                ui.weak("sorting…").on_hover_text(
                    "Sorting the rows; the table shows them in the previous order until then",
                );
            } else {
                ui.weak(format!("filtering… {pct}%")).on_hover_text(
                    "Looking for the filter text; the table shows the previous result until then",
                );
            }
        }
    });
}
