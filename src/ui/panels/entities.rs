//! Entities panel: people, organisations, places and other names with their mentions, documents
//! and strongest partners in the current scope; type filters and search; merge, split, rename,
//! retype and hide from a right-click menu; merge suggestions; the user's own list of names.

use crate::analysis::cooccur::CooccurGraph;
use crate::jobs::JobCtx;
use crate::ner::EntityType;
use crate::ner::catalog::aliases::normalise;
use crate::ner::catalog::top::{ScopeCounts, scope_counts};
use crate::ner::catalog::{Catalog, EntityId};
use crate::ui::commands::{Command, EntityEdit};
use crate::ui::context::Ctx;
use crate::ui::derived::Derived;
use crate::ui::export;
use crate::ui::session::GraphSettings;
use crate::ui::store::{CatalogKey, ScopeKey};
use crate::ui::theme::kind_color;
use crate::ui::widgets::{count, no_corpus, thousands, together_in, type_badge};
use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};
use std::sync::Arc;

/// View state of the Entities panel.
pub struct EntitiesView {
    /// Types shown.
    pub show: [bool; 4],
    /// Only names containing this.
    pub search: String,
    /// List hidden entities too.
    pub show_hidden: bool,
    /// The entity being renamed and the name typed.
    rename: Option<(String, String)>,
    /// The names-list editor, when open.
    names_editor: Option<String>,
    counts: Derived<CountsKey, ScopeCounts>,
    /// Rows shown (entity ids), for tests.
    pub rows: Vec<EntityId>,
    rows_key: Option<RowsKey>,
    /// The counts `rows` were chosen by, shown with them until newer rows are ready.
    rows_counts: Option<Arc<ScopeCounts>>,
}

/// Inputs of the per-entity counts: the scope and the catalog.
#[derive(Debug, Clone, Copy, PartialEq)]
struct CountsKey {
    scope: ScopeKey,
    catalog: CatalogKey,
}

/// What the rows were chosen for: the counts, the type toggles, whether hidden entities are
/// listed, and the search text.
#[derive(Debug, Clone, PartialEq)]
struct RowsKey {
    counts: CountsKey,
    show: [bool; 4],
    show_hidden: bool,
    search: String,
}

impl Default for EntitiesView {
    fn default() -> Self {
        Self {
            show: [true; 4],
            search: String::new(),
            show_hidden: false,
            rename: None,
            names_editor: None,
            counts: Derived::default(),
            rows: Vec::new(),
            rows_key: None,
            rows_counts: None,
        }
    }
}

/// Draws the panel.
pub fn show(ui: &mut Ui, cx: &Ctx, v: &mut EntitiesView, cmds: &mut Vec<Command>) {
    if cx.loaded.is_none() {
        no_corpus(ui, cx);
        return;
    }
    let cat = cx.catalog();
    let graph = cx.graph();
    let counts_key = CountsKey {
        scope: cx.scope_key(),
        catalog: cx.catalog_key(),
    };
    let Some(cat) = cat else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Recognising people, organisations and places…");
        });
        return;
    };
    let scope = cx.scope_docs();
    let c2 = cat.clone();
    v.counts.request(&counts_key, cx.waker, move || {
        move |_: &JobCtx| Some(scope_counts(&c2, scope.as_deref()))
    });
    toolbar(ui, cx, v);
    names_editor(ui, v, cmds);
    // Rows change only with the counts, the filters or the search; not on every frame. They
    // are chosen by the counts of this scope and catalog only; until those are in, the
    // previous rows stay listed with the counts they were chosen by.
    let rows_key = RowsKey {
        counts: counts_key,
        show: v.show,
        show_hidden: v.show_hidden,
        search: v.search.clone(),
    };
    let fresh = v.counts.value_for(&counts_key).cloned();
    if let Some(counts) = fresh.filter(|_| v.rows_key.as_ref() != Some(&rows_key)) {
        let needle = normalise(&v.search);
        v.rows = (0..cat.entities.len() as EntityId)
            .filter(|&e| {
                let ent = &cat.entities[e as usize];
                let k = EntityType::ALL
                    .iter()
                    .position(|&t| t == ent.kind)
                    .unwrap_or(3);
                counts.get(e as usize).is_some_and(|c| c.0 > 0)
                    && v.show[k]
                    && (v.show_hidden || !ent.hidden)
                    && (needle.is_empty() || normalise(&ent.name).contains(&needle))
            })
            .collect();
        v.rows_key = Some(rows_key);
        v.rows_counts = Some(counts);
    }
    // Rows of another catalog (before a merge was regrouped) would name other entities.
    let Some(counts) = v
        .rows_counts
        .clone()
        .filter(|c| c.len() == cat.entities.len())
    else {
        ui.spinner();
        return;
    };
    let rows = v.rows.clone();
    let selected = cx.selection.entity;
    let partners = |e: EntityId| top_partners(graph.as_ref().map(|g| &*g.1), &cat, e, cx.graph);
    summary_bar(ui, cx, &cat, &rows, &counts, cmds);
    suggestions(ui, &cat, cmds);
    table(
        ui,
        &cat,
        &rows,
        &counts,
        selected,
        &partners,
        &mut v.rename,
        cmds,
    );
    rename_window(ui, v, cmds);
}

/// Type toggles, the search box, the hidden switch and the names list.
fn toolbar(ui: &mut Ui, cx: &Ctx, v: &mut EntitiesView) {
    ui.horizontal_wrapped(|ui| {
        for (i, k) in EntityType::ALL.iter().enumerate() {
            type_badge(ui, *k, &mut v.show[i]);
        }
        ui.add(
            egui::TextEdit::singleline(&mut v.search)
                .hint_text("search names")
                .desired_width(120.0),
        );
        ui.checkbox(&mut v.show_hidden, "Hidden");
        if ui
            .button("My names…")
            .on_hover_text("Names that are always recognised, one per line, optionally followed by a tab and PERSON, ORG, PLACE or MISC")
            .clicked()
        {
            v.names_editor = Some(cx.options.user_names.clone());
        }
        if cx.store.entities_running() {
            ui.spinner();
        }
    });
}

/// An entity's three strongest partners in the graph, strongest first; or why none is listed.
fn top_partners(
    graph: Option<&CooccurGraph>,
    cat: &Catalog,
    e: EntityId,
    settings: &GraphSettings,
) -> Result<String, String> {
    let Some(g) = graph else {
        return Ok(String::new());
    };
    let Some(n) = g.node(e) else {
        return Err(format!(
            "Partners are listed for the {} entities most mentioned, as in the Network panel",
            thousands(settings.entities as u64)
        ));
    };
    let mut nb: Vec<(f64, EntityId)> = g
        .graph
        .edges(n)
        .map(|edge| {
            use petgraph::visit::EdgeRef;
            let other = if edge.source() == n {
                edge.target()
            } else {
                edge.source()
            };
            (edge.weight().score, g.graph[other].entity)
        })
        .collect();
    if nb.is_empty() {
        return Err(format!(
            "No entity appears with it {} at least {}; lower the minimum count in the Network panel",
            together_in(settings.options.scope),
            times(settings.options.min_count)
        ));
    }
    nb.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    Ok(nb
        .iter()
        .take(3)
        .filter_map(|(_, o)| cat.entities.get(*o as usize).map(|e| e.name.as_str()))
        .collect::<Vec<_>>()
        .join(", "))
}

/// "once", "twice", "3 times".
fn times(n: u32) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{} times", thousands(n as u64)),
    }
}

/// How many entities are listed, the selected one, and the CSV export.
fn summary_bar(
    ui: &mut Ui,
    cx: &Ctx,
    cat: &Catalog,
    rows: &[EntityId],
    counts: &ScopeCounts,
    cmds: &mut Vec<Command>,
) {
    let selected = cx.selection.entity;
    ui.horizontal(|ui| {
        ui.label(count(rows.len(), "entity", "entities"));
        if cx.scope.is_some() {
            ui.weak("(date range)");
        }
        if let Some(e) = selected.and_then(|e| cat.entities.get(e as usize)) {
            ui.separator();
            ui.label(RichText::new(&e.name).color(kind_color(e.kind)).strong());
            if ui
                .small_button("✖")
                .on_hover_text("Clear the entity")
                .clicked()
            {
                cmds.push(Command::SelectEntity(None));
            }
        }
        if ui.button("Export CSV…").clicked() {
            let data = rows.iter().map(|&e| {
                let ent = &cat.entities[e as usize];
                let c = counts[e as usize];
                vec![
                    ent.name.clone(),
                    ent.kind.label().to_string(),
                    c.0.to_string(),
                    c.1.to_string(),
                    ent.forms
                        .iter()
                        .map(|f| f.0.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                    ent.wikidata().unwrap_or_default(),
                ]
            });
            export::save_csv(
                "entities.csv",
                &["name", "type", "mentions", "documents", "forms", "wikidata"],
                data,
                cmds,
            );
        }
    });
}

/// The entity table: name, type, mentions and documents in the scope, top partners.
#[allow(clippy::too_many_arguments)]
fn table(
    ui: &mut Ui,
    cat: &Arc<Catalog>,
    rows: &[EntityId],
    counts: &ScopeCounts,
    selected: Option<EntityId>,
    partners: &dyn Fn(EntityId) -> Result<String, String>,
    rename: &mut Option<(String, String)>,
    cmds: &mut Vec<Command>,
) {
    ui.style_mut().interaction.selectable_labels = false;
    TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .column(Column::initial(190.0).at_least(80.0).clip(true))
        .column(Column::initial(60.0))
        .column(Column::initial(70.0))
        .column(Column::initial(50.0))
        .column(Column::remainder().at_least(80.0).clip(true))
        .header(20.0, |mut h| {
            for name in ["Name", "Type", "Mentions", "Docs", "Top partners"] {
                h.col(|ui| {
                    ui.strong(name);
                });
            }
        })
        .body(|body| {
            body.rows(20.0, rows.len(), |mut row| {
                let id = rows[row.index()];
                let e = &cat.entities[id as usize];
                let c = counts[id as usize];
                row.set_selected(selected == Some(id));
                row.col(|ui| {
                    let mut t = RichText::new(&e.name);
                    if e.hidden {
                        t = t.weak().strikethrough();
                    }
                    ui.label(t);
                    if let Some(q) = e.wikidata() {
                        ui.hyperlink_to(
                            RichText::new(&q).small(),
                            format!("https://www.wikidata.org/wiki/{q}"),
                        )
                        .on_hover_text("This organisation on Wikidata");
                    }
                });
                row.col(|ui| {
                    ui.label(RichText::new(e.kind.label()).color(kind_color(e.kind)));
                });
                row.col(|ui| {
                    ui.label(c.0.to_string());
                });
                row.col(|ui| {
                    ui.label(c.1.to_string());
                });
                row.col(|ui| match partners(id) {
                    Ok(names) => {
                        ui.label(names);
                    }
                    Err(why) => {
                        ui.weak("—").on_hover_text(why);
                    }
                });
                let resp = row.response();
                if resp.clicked() {
                    cmds.push(Command::SelectEntity((selected != Some(id)).then_some(id)));
                }
                resp.context_menu(|ui| edit_menu(ui, cat, id, selected, rename, cmds));
            });
        });
}

/// Right-click menu of an entity row.
fn edit_menu(
    ui: &mut Ui,
    cat: &Arc<Catalog>,
    id: EntityId,
    selected: Option<EntityId>,
    rename: &mut Option<(String, String)>,
    cmds: &mut Vec<Command>,
) {
    let e = &cat.entities[id as usize];
    if let Some(sel) = selected.filter(|&x| x != id)
        && let Some(target) = cat.entities.get(sel as usize)
        && ui.button(format!("Merge into “{}”", target.name)).clicked()
    {
        cmds.push(Command::EditEntities(EntityEdit::Merge(
            e.key.clone(),
            target.key.clone(),
        )));
        ui.close();
    }
    if ui.button("Rename…").clicked() {
        *rename = Some((e.key.clone(), e.name.clone()));
        ui.close();
    }
    ui.menu_button("Type", |ui| {
        for k in EntityType::ALL {
            if ui
                .selectable_label(e.kind == k, RichText::new(k.label()).color(kind_color(k)))
                .clicked()
            {
                cmds.push(Command::EditEntities(EntityEdit::Retype(
                    e.key.clone(),
                    k.label().to_string(),
                )));
                ui.close();
            }
        }
    });
    let label = if e.hidden { "Show again" } else { "Hide" };
    if ui.button(label).clicked() {
        cmds.push(Command::EditEntities(EntityEdit::Hide(
            e.key.clone(),
            !e.hidden,
        )));
        ui.close();
    }
    if e.forms.len() > 1 {
        ui.menu_button("Split off a form", |ui| {
            for (f, n) in &e.forms {
                let k = normalise(f);
                if k != e.key && ui.button(format!("{f} ({n})")).clicked() {
                    cmds.push(Command::EditEntities(EntityEdit::Split(k)));
                    ui.close();
                }
            }
        });
    }
}

/// Merge suggestions, collapsed by default.
fn suggestions(ui: &mut Ui, cat: &Catalog, cmds: &mut Vec<Command>) {
    if cat.suggestions.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Possible duplicates ({})", cat.suggestions.len()))
        .id_salt("entity-suggestions")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height(120.0)
                .show(ui, |ui| {
                    for sg in cat.suggestions.iter().take(200) {
                        let (a, b) = (
                            &cat.entities[sg.from as usize],
                            &cat.entities[sg.into as usize],
                        );
                        ui.horizontal(|ui| {
                            ui.label(format!("“{}” into “{}”", a.name, b.name));
                            ui.weak(sg.reason);
                            if ui.small_button("Merge").clicked() {
                                cmds.push(Command::EditEntities(EntityEdit::Merge(
                                    a.key.clone(),
                                    b.key.clone(),
                                )));
                            }
                        });
                    }
                });
        });
}

fn rename_window(ui: &mut Ui, v: &mut EntitiesView, cmds: &mut Vec<Command>) {
    let Some((key, name)) = v.rename.as_mut() else {
        return;
    };
    let mut open = true;
    let mut done = false;
    egui::Window::new("Rename entity")
        .open(&mut open)
        .collapsible(false)
        .show(ui.ctx(), |ui| {
            let r = ui.text_edit_singleline(name);
            if ui.button("Rename").clicked()
                || (r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)))
            {
                cmds.push(Command::EditEntities(EntityEdit::Rename(
                    key.clone(),
                    name.clone(),
                )));
                done = true;
            }
        });
    if !open || done {
        v.rename = None;
    }
}

fn names_editor(ui: &mut Ui, v: &mut EntitiesView, cmds: &mut Vec<Command>) {
    let Some(text) = v.names_editor.as_mut() else {
        return;
    };
    let mut open = true;
    let mut done = false;
    egui::Window::new("Names always recognised")
        .open(&mut open)
        .show(ui.ctx(), |ui| {
            ui.label(
                "One name per line; add a tab and PERSON, ORG, PLACE or MISC to set its type.",
            );
            ui.add(
                egui::TextEdit::multiline(text)
                    .desired_rows(10)
                    .hint_text("Amara Nwosu\tPERSON\nNorthern Reach\tORG"),
            );
            if ui.button("Apply").clicked() {
                cmds.push(Command::EditEntities(EntityEdit::SetNames(text.clone())));
                done = true;
            }
        });
    if !open || done {
        v.names_editor = None;
    }
}
