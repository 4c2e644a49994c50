//! Concordance panel: every hit of a word, phrase, wildcard or regex in context, aligned on the
//! hit and sortable by the words around it; clicking a line opens the hit in the Reader.

use crate::analysis::kwic::{
    Hit, Line, Query, SortKey, documents, hit_span, line, line_at, search, sort,
};
use crate::jobs::JobCtx;
use crate::tables::source::{ReadForQuery, read_for_query};
use crate::ui::commands::Command;
use crate::ui::context::Ctx;
use crate::ui::derived::Derived;
use crate::ui::export;
use crate::ui::session::Latest;
use crate::ui::session::Loaded;
use crate::ui::store::{CatalogKey, LinkKey, ScopeKey};
use crate::ui::theme;
use crate::ui::widgets::{count, link_listed, no_corpus};
use egui::{Align, Layout, RichText, Ui};
use egui_extras::{Column, TableBuilder};

/// Inputs of a search: the scope, the query and the line order.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchKey {
    scope: ScopeKey,
    query: String,
    sort: SortKey,
}

/// The hits of a query, sorted, and the length of the longest in bytes (the hit column is
/// sized to it).
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Hits in the order listed.
    pub hits: Vec<Hit>,
    /// Bytes of the longest hit.
    pub widest: usize,
}

/// Most characters of a hit shown; a longer one keeps its two ends around an ellipsis.
pub const HIT_CHARS: usize = 36;

/// What the Concordance lists: hits of a query, an entity's mentions, or a link's contexts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KwicMode {
    /// Hits of the query.
    #[default]
    Words,
    /// Mentions of the selected entity.
    Entity,
    /// Places where the two entities of the selected link appear together.
    Link,
}

/// Inputs of the entity lines: the scope, the catalog, what is selected, and for a link the
/// places listed.
#[derive(Debug, Clone, PartialEq)]
struct SpansKey {
    scope: ScopeKey,
    catalog: CatalogKey,
    entity: Option<u32>,
    edge: Option<(u32, u32)>,
    mode: KwicMode,
    link: Option<LinkKey>,
}

/// View state of the Concordance panel.
pub struct ConcordanceView {
    /// What is listed; follows the last selection made.
    pub mode: KwicMode,
    /// Entity lines: (document, start, end).
    pub spans: Vec<(u32, usize, usize)>,
    /// For a link: its places in all and the documents holding them (`spans` may list
    /// fewer places).
    pub link_total: (usize, usize),
    spans_key: Option<SpansKey>,
    /// The query typed (follows the selected word unless edited).
    pub query: String,
    /// Characters of context on each side.
    pub width: usize,
    /// Line order.
    pub sort: SortKey,
    /// The selected word the query last followed.
    followed: Option<String>,
    /// The selection's count of choices when the mode last followed it.
    latest_seen: u64,
    /// Hits of the query, sorted.
    pub results: Derived<SearchKey, Result<Found, String>>,
    /// For a corpus opened from exported tables: hits in documents read from their folder.
    pub from_source: Derived<SearchKey, Result<SourceHits, String>>,
}

/// Hits of a query in documents of exported tables read from their folder.
pub struct SourceHits {
    /// The documents read and their tokens.
    pub read: ReadForQuery,
    /// The hits, in the documents read.
    pub hits: Vec<Hit>,
}

/// Most documents read from the folder for one query.
const SOURCE_CAP: usize = 300;

impl Default for ConcordanceView {
    fn default() -> Self {
        Self {
            query: String::new(),
            width: 40,
            mode: KwicMode::Words,
            spans: Vec::new(),
            link_total: (0, 0),
            spans_key: None,
            sort: SortKey::Position,
            followed: None,
            latest_seen: 0,
            results: Derived::default(),
            from_source: Derived::default(),
        }
    }
}

fn sort_name(k: SortKey) -> String {
    match k {
        SortKey::Position => "Corpus order".into(),
        SortKey::Hit => "Hit".into(),
        SortKey::Left(n) => format!("{n}L (words to the left)"),
        SortKey::Right(n) => format!("{n}R (words to the right)"),
    }
}

/// Draws the panel.
pub fn show(ui: &mut Ui, cx: &Ctx, v: &mut ConcordanceView, cmds: &mut Vec<Command>) {
    let Some(l) = cx.loaded else {
        no_corpus(ui, cx);
        return;
    };
    // The panel lists what was chosen last: a word, an entity or a link.
    let (latest, chosen) = cx.selection.latest;
    if chosen != v.latest_seen {
        v.latest_seen = chosen;
        v.mode = match latest {
            Latest::Word => KwicMode::Words,
            Latest::Entity => KwicMode::Entity,
            Latest::Link => KwicMode::Link,
            Latest::Nothing => v.mode,
        };
    }
    if let Some(note) = l.texts_note()
        && v.mode != KwicMode::Words
    {
        ui.label(format!(
            "{note} Mentions in context need every text: open the folder itself to list them."
        ));
        return;
    }
    if entity_lines(ui, cx, v, cmds) {
        return;
    }
    if v.followed != cx.selection.word {
        v.followed = cx.selection.word.clone();
        if let Some(w) = &v.followed {
            v.query = w.clone();
        }
    }
    ui.horizontal(|ui| {
        ui.label("Search:");
        let r = ui.add(
            egui::TextEdit::singleline(&mut v.query)
                .id(egui::Id::new("kwic-query"))
                .hint_text("word, phrase, sanction*, /regex/")
                .desired_width(200.0),
        );
        if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && !v.query.is_empty() {
            cmds.push(Command::SelectWord(Some(v.query.trim().to_lowercase())));
        }
        egui::ComboBox::from_id_salt("kwic-sort")
            .selected_text(sort_name(v.sort))
            .show_ui(ui, |ui| {
                for k in [
                    SortKey::Position,
                    SortKey::Left(1),
                    SortKey::Left(2),
                    SortKey::Left(3),
                    SortKey::Hit,
                    SortKey::Right(1),
                    SortKey::Right(2),
                    SortKey::Right(3),
                ] {
                    ui.selectable_value(&mut v.sort, k, sort_name(k));
                }
            });
        ui.add(egui::Slider::new(&mut v.width, 20..=150).text("chars"));
    });
    let query = v.query.trim().to_string();
    if query.is_empty() {
        ui.weak("Type a query, or select a word in any panel.");
        return;
    }
    let key = SearchKey {
        scope: cx.scope_key(),
        query: query.clone(),
        sort: v.sort,
    };
    if l.tables.is_some() {
        from_source(ui, cx, v, l, key, cmds);
        return;
    }
    let (a, scope, sort_key) = (l.analysis.clone(), cx.scope_docs(), v.sort);
    v.results.request(&key, cx.waker, move || {
        move |_: &JobCtx| {
            Some(match Query::parse(&query, &a) {
                Ok(q) => {
                    let mut hits = search(&a, &q, scope.as_deref());
                    if sort_key != SortKey::Position {
                        sort(&a, &mut hits, sort_key);
                    }
                    let widest = hits
                        .iter()
                        .map(|h| {
                            let (s, e) = hit_span(&a, h);
                            e - s
                        })
                        .max()
                        .unwrap_or(0);
                    Ok(Found { hits, widest })
                }
                Err(e) => Err(e.to_string()),
            })
        }
    });
    let Some(res) = v.results.value().cloned() else {
        ui.spinner();
        return;
    };
    let (hits, widest) = match res.as_ref() {
        Ok(f) => (&f.hits, f.widest),
        Err(e) => {
            ui.colored_label(theme::ERROR, e);
            return;
        }
    };
    let mut doc_order: Vec<Hit> = Vec::new();
    ui.horizontal(|ui| {
        let docs = if v.sort == SortKey::Position {
            documents(hits)
        } else {
            doc_order.extend_from_slice(hits);
            doc_order.sort_by_key(|h| (h.doc, h.pos));
            documents(&doc_order)
        };
        let text = format!(
            "{} in {}",
            count(hits.len(), "hit", "hits"),
            count(docs, "document", "documents")
        );
        ui.label(RichText::new(text).strong());
        if cx.scope.is_some() {
            ui.weak("(date range)");
        }
        if v.results.is_running() {
            ui.spinner();
        }
        if ui.button("Export CSV…").clicked() {
            let rows = hits.iter().map(|h| {
                let ln = line(&l.analysis, &l.corpus, h, v.width);
                let path = l.corpus.docs[h.doc as usize].path.clone();
                vec![path, ln.start.to_string(), ln.left, ln.hit, ln.right]
            });
            export::save_csv(
                "concordance.csv",
                &["document", "byte", "left", "hit", "right"],
                rows,
                cmds,
            );
        }
    });
    let width = v.width;
    let selected = cx.selection.hit.zip(cx.selection.doc);
    let get = |i: usize| line(&l.analysis, &l.corpus, &hits[i], width);
    lines_table(ui, hits.len(), width, widest, selected, &get, cmds);
}

/// The query's hits for a corpus opened from exported tables, which hold no texts: the first
/// documents that can hold a hit are read from the folder the tables were exported from.
fn from_source(
    ui: &mut Ui,
    cx: &Ctx,
    v: &mut ConcordanceView,
    l: &Loaded,
    key: SearchKey,
    cmds: &mut Vec<Command>,
) {
    let (c, a, scope, sort_key) = (
        l.corpus.clone(),
        l.analysis.clone(),
        cx.scope_docs(),
        v.sort,
    );
    let query = key.query.clone();
    v.from_source.request(&key, cx.waker, move || {
        move |_: &JobCtx| {
            let read = match read_for_query(&c, &a, &query, scope.as_deref(), SOURCE_CAP) {
                Ok(r) => r,
                Err(e) => return Some(Err(e)),
            };
            // Words absent from the documents read have no hits there.
            let mut hits = match Query::parse(&query, &read.analysis) {
                Ok(q) => search(&read.analysis, &q, None),
                Err(_) => Vec::new(),
            };
            if sort_key != SortKey::Position {
                sort(&read.analysis, &mut hits, sort_key);
            }
            Some(Ok(SourceHits { read, hits }))
        }
    });
    let Some(res) = v.from_source.value().cloned() else {
        ui.spinner();
        return;
    };
    let found = match res.as_ref() {
        Ok(f) => f,
        Err(e) => {
            ui.colored_label(theme::ERROR, e);
            return;
        }
    };
    let r = &found.read;
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "{} in {}",
                count(found.hits.len(), "hit", "hits"),
                count(documents_of(&found.hits), "document", "documents")
            ))
            .strong(),
        );
        let read = r.ids.len() + r.unread.len();
        ui.weak(if read < r.candidates {
            format!(
                "— texts read from the exported folder: the first {} of {} documents that hold these words",
                read, r.candidates
            )
        } else {
            format!(
                "— texts read from the exported folder ({})",
                count(read, "document", "documents")
            )
        });
        if !r.unread.is_empty() {
            ui.colored_label(
                theme::ERROR,
                format!("{} could not be read", count(r.unread.len(), "document", "documents")),
            )
            .on_hover_text(r.unread.join("\n"));
        }
        if v.from_source.is_running() {
            ui.spinner();
        }
    });
    let width = v.width;
    let selected = cx.selection.hit.zip(cx.selection.doc);
    let get = |i: usize| {
        let mut ln = line(&r.analysis, &r.corpus, &found.hits[i], width);
        ln.doc = r.ids[ln.doc as usize];
        ln
    };
    let widest = found
        .hits
        .iter()
        .map(|h| {
            let (s, e) = hit_span(&r.analysis, h);
            e - s
        })
        .max()
        .unwrap_or(0);
    lines_table(ui, found.hits.len(), width, widest, selected, &get, cmds);
}

/// Documents among hits in corpus order.
fn documents_of(hits: &[Hit]) -> usize {
    let mut d: Vec<u32> = hits.iter().map(|h| h.doc).collect();
    d.sort_unstable();
    d.dedup();
    d.len()
}

/// A hit as shown: at most [`HIT_CHARS`] characters, a longer one cut in the middle so that
/// both ends (a link's two names) stay in view.
pub fn shown_hit(hit: &str) -> String {
    let n = hit.chars().count();
    if n <= HIT_CHARS {
        return hit.to_string();
    }
    let half = (HIT_CHARS - 1) / 2;
    let head: String = hit.chars().take(half).collect();
    let tail: String = hit.chars().skip(n - half).collect();
    format!("{}…{}", head.trim_end(), tail.trim_start())
}

/// The concordance table: `n` lines produced on demand (only visible rows are built), each on
/// one row. The hit column is as wide as the longest hit (`widest` bytes, at most
/// [`HIT_CHARS`] characters); the contexts share the rest, up to `width` characters each.
fn lines_table(
    ui: &mut Ui,
    n: usize,
    width: usize,
    widest: usize,
    selected: Option<((usize, usize), u32)>,
    get: &dyn Fn(usize) -> Line,
    cmds: &mut Vec<Command>,
) {
    let font = egui::FontId::monospace(12.0);
    let text_h = ui.fonts_mut(|f| f.row_height(&font)) + 6.0;
    ui.style_mut().interaction.selectable_labels = false;
    let char_w = ui.fonts_mut(|f| f.glyph_width(&font, 'n'));
    let spacing = ui.spacing().item_spacing.x;
    let hit_w = (char_w * widest.clamp(4, HIT_CHARS) as f32 + 4.0).ceil();
    // Context columns sized to the chosen width, or to what the panel leaves, so the left
    // context ends at the hit and every line fits on one row.
    let room = ((ui.available_width() - hit_w - 4.0 * spacing) / 2.0).max(40.0);
    let side = (char_w * width as f32 + 12.0).clamp(40.0, room).floor();
    let cell = |text: RichText| egui::Label::new(text.monospace().size(12.0)).extend();
    TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .column(Column::exact(side).clip(true))
        .column(Column::exact(hit_w).clip(true))
        .column(Column::exact(side).clip(true))
        .body(|body| {
            body.rows(text_h, n, |mut row| {
                let ln = get(row.index());
                let is_sel = selected == Some(((ln.start, ln.end), ln.doc));
                row.set_selected(is_sel);
                row.col(|ui| {
                    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                        ui.add(cell(RichText::new(&ln.left)));
                    });
                });
                row.col(|ui| {
                    let hit = RichText::new(shown_hit(&ln.hit)).strong().color(theme::HIT);
                    let r = ui.add(cell(hit));
                    if ln.hit.chars().count() > HIT_CHARS {
                        let _ = r.on_hover_text(&ln.hit);
                    }
                });
                row.col(|ui| {
                    ui.add(cell(RichText::new(&ln.right)));
                });
                if row.response().clicked() {
                    cmds.push(Command::ShowHit {
                        doc: ln.doc,
                        start: ln.start,
                        end: ln.end,
                    });
                }
            });
        });
}

/// Lines for an entity's mentions, or for the places two entities appear together.
fn entity_lines(ui: &mut Ui, cx: &Ctx, v: &mut ConcordanceView, cmds: &mut Vec<Command>) -> bool {
    let (entity, edge) = (cx.selection.entity, cx.selection.edge);
    let mode = v.mode;
    let wants = match mode {
        KwicMode::Entity => entity.is_some(),
        KwicMode::Link => edge.is_some(),
        KwicMode::Words => false,
    };
    if !wants {
        return false;
    }
    let Some(l) = cx.loaded else {
        return false;
    };
    let Some(cat) = cx.catalog() else {
        ui.spinner();
        return true;
    };
    let width = v.width;
    // A link's places are every place of the pair in the scope, with the graph's unit.
    let link = if mode == KwicMode::Link {
        match cx.link_places() {
            Some(p) => Some(p),
            None => {
                // Nothing listed before belongs to this link.
                v.spans.clear();
                v.spans_key = None;
                ui.spinner();
                return true;
            }
        }
    } else {
        None
    };
    let key = SpansKey {
        scope: cx.scope_key(),
        catalog: cx.catalog_key(),
        entity,
        edge,
        mode,
        link: (mode == KwicMode::Link).then(|| cx.link_key()).flatten(),
    };
    if v.spans_key.as_ref() != Some(&key) {
        v.spans = match (mode, &link) {
            (KwicMode::Link, Some(p)) => {
                v.link_total = (p.count, p.documents.len());
                p.places
                    .iter()
                    .map(|c| (c.doc, c.start as usize, c.end as usize))
                    .collect()
            }
            _ => {
                let e = entity.unwrap_or(u32::MAX);
                cat.mentions
                    .iter()
                    .filter(|m| m.entity == e && cx.scope.is_none_or(|sc| sc.contains(m.doc)))
                    .map(|m| (m.doc, m.start as usize, m.end as usize))
                    .collect()
            }
        };
        v.spans_key = Some(key);
    }
    let name = |e: u32| {
        cat.entities
            .get(e as usize)
            .map(|x| x.name.clone())
            .unwrap_or_default()
    };
    ui.horizontal(|ui| {
        let title = match (mode, entity, edge) {
            (KwicMode::Entity, Some(e), _) => {
                format!(
                    "{}: {}",
                    name(e),
                    count(v.spans.len(), "mention", "mentions")
                )
            }
            (_, _, Some((a, b))) => {
                let (all, docs) = v.link_total;
                let unit = cx.graph.options.scope;
                format!(
                    "{} + {}: {}",
                    name(a),
                    name(b),
                    link_listed(unit, v.spans.len(), all, docs)
                )
            }
            _ => String::new(),
        };
        ui.label(RichText::new(title).strong());
        ui.add(egui::Slider::new(&mut v.width, 20..=150).text("chars"));
        if ui.button("Back to words").clicked() {
            v.mode = KwicMode::Words;
        }
    });
    let spans = v.spans.clone();
    let selected = cx.selection.hit.zip(cx.selection.doc);
    let get = |i: usize| {
        let (d, a, b) = spans[i];
        line_at(&l.corpus, d, a, b, width)
    };
    let widest = spans.iter().map(|&(_, a, b)| b - a).max().unwrap_or(0);
    lines_table(ui, spans.len(), width, widest, selected, &get, cmds);
    true
}
