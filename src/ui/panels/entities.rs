//! Entities panel: people, organisations, places and other names with their mentions, documents
//! and strongest partners in the current scope; type filters and search; merge, split, rename,
//! retype and hide from a right-click menu; merge suggestions; the user's own list of names.

use crate::analysis::DocId;
use crate::analysis::docset::DocSet;
use crate::jobs::JobCtx;
use crate::ner::EntityType;
use crate::ner::catalog::aliases::normalise;
use crate::ner::catalog::{Catalog, EntityId};
use crate::ui::commands::{Command, EntityEdit};
use crate::ui::derived::Derived;
use crate::ui::export;
use crate::ui::session::{ScopeKey, Session};
use egui::{Color32, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use std::sync::Arc;

/// Colour of an entity type, shared by every entity view (the palette is [`EntityType::rgb`]).
pub fn kind_color(k: EntityType) -> Color32 {
    let [r, g, b] = k.rgb();
    Color32::from_rgb(r, g, b)
}

/// Mentions and documents of each entity in the scope.
pub type ScopeCounts = Vec<(u32, u32)>;

/// Counts every entity's mentions and documents in the documents of `scope` (all when `None`).
pub fn scope_counts(cat: &Catalog, scope: Option<&DocSet>) -> ScopeCounts {
    let mut out = vec![(0u32, 0u32); cat.entities.len()];
    let mut last: Vec<DocId> = vec![DocId::MAX; cat.entities.len()];
    for m in &cat.mentions {
        if scope.is_some_and(|s| !s.contains(m.doc)) {
            continue;
        }
        let e = m.entity as usize;
        out[e].0 += 1;
        if last[e] != m.doc {
            last[e] = m.doc;
            out[e].1 += 1;
        }
    }
    out
}

/// The `n` visible entities most mentioned in the scope, most first (ties by corpus rank);
/// entities not mentioned there are left out.
pub fn top_in_scope(cat: &Catalog, counts: &ScopeCounts, n: usize) -> Vec<EntityId> {
    let mentions = |e: EntityId| counts.get(e as usize).map_or(0, |c| c.0);
    let mut ids: Vec<EntityId> = (0..cat.entities.len() as EntityId)
        .filter(|&e| mentions(e) > 0 && !cat.entities[e as usize].hidden)
        .collect();
    ids.sort_by(|&x, &y| mentions(y).cmp(&mentions(x)).then(x.cmp(&y)));
    ids.truncate(n);
    ids
}

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
    counts: Derived<(ScopeKey, (u64, u64)), ScopeCounts>,
    /// Rows shown (entity ids), for tests.
    pub rows: Vec<EntityId>,
    rows_key: Option<RowsKey>,
}

/// What the rows were chosen for: scope and catalog, type toggles, hidden shown, search, counts.
type RowsKey = (((u64, u64), (u64, u64)), [bool; 4], bool, String, usize);

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
        }
    }
}

/// Draws the panel.
pub fn show(ui: &mut Ui, s: &mut Session, cmds: &mut Vec<Command>) {
    if s.loaded.is_none() {
        super::no_corpus(ui);
        return;
    }
    let cat = s.catalog();
    let graph = s.graph();
    let scope_key = s.scope_key();
    let cat_key = s.catalog_key();
    let Some(cat) = cat else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Recognising people, organisations and places…");
        });
        return;
    };
    let scope = s.scope.clone();
    let c2 = cat.clone();
    let v = &mut s.entities;
    v.counts.request(&(scope_key, cat_key), &s.waker, move || {
        move |_: &JobCtx| Some(scope_counts(&c2, scope.as_deref()))
    });
    ui.horizontal_wrapped(|ui| {
        for (i, k) in EntityType::ALL.iter().enumerate() {
            let text = RichText::new(k.label()).color(kind_color(*k));
            ui.toggle_value(&mut v.show[i], text);
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
            v.names_editor = Some(s.user_names.clone());
        }
        if s.derived.entities_running() {
            ui.spinner();
        }
    });
    names_editor(ui, v, cmds);
    let Some(counts) = v.counts.value().cloned() else {
        ui.spinner();
        return;
    };
    // Rows change only with the counts, the filters or the search; not on every frame.
    let rows_key = (
        (scope_key, cat_key),
        v.show,
        v.show_hidden,
        v.search.clone(),
        Arc::as_ptr(&counts) as usize,
    );
    if v.rows_key.as_ref() != Some(&rows_key) {
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
    }
    let rows = v.rows.clone();
    let selected = s.selection.entity;
    let partners = |e: EntityId| -> String {
        let Some((_, g)) = &graph else {
            return String::new();
        };
        let Some(n) = g.node(e) else {
            return String::new();
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
        nb.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        nb.iter()
            .take(3)
            .filter_map(|(_, o)| cat.entities.get(*o as usize).map(|e| e.name.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    ui.horizontal(|ui| {
        ui.label(format!("{} entities", rows.len()));
        if s.scope.is_some() {
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
                ]
            });
            export::save_csv(
                "entities.csv",
                &["name", "type", "mentions", "documents", "forms"],
                data,
                cmds,
            );
        }
    });
    suggestions(ui, &cat, cmds);
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
                });
                row.col(|ui| {
                    ui.label(
                        RichText::new(e.kind.label())
                            .color(kind_color(e.kind))
                            .small(),
                    );
                });
                row.col(|ui| {
                    ui.label(c.0.to_string());
                });
                row.col(|ui| {
                    ui.label(c.1.to_string());
                });
                row.col(|ui| {
                    ui.label(partners(id));
                });
                let resp = row.response();
                if resp.clicked() {
                    cmds.push(Command::SelectEntity((selected != Some(id)).then_some(id)));
                }
                resp.context_menu(|ui| edit_menu(ui, &cat, id, selected, &mut v.rename, cmds));
            });
        });
    rename_window(ui, v, cmds);
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
