//! Matrix panel: a heat map of the most mentioned entities in the scope against each other,
//! coloured by the chosen association measure on a scale shown above it, and ordered so that
//! entities often together sit side by side; hover shows the value or a full name, click lists
//! the contexts where the pair appears together (in the Concordance).

use crate::analysis::cooccur::seriate::greedy_chain;
use crate::analysis::cooccur::{CooccurGraph, CooccurOptions, EdgeData};
use crate::jobs::JobCtx;
use crate::ner::catalog::top::{GraphInput, matrix_of_top_entities, matrix_options};
use crate::ner::catalog::{Catalog, EntityId};
use crate::ui::commands::Command;
use crate::ui::context::Ctx;
use crate::ui::derived::Derived;
use crate::ui::export;
use crate::ui::store::{CatalogKey, ScopeKey};
use crate::ui::theme::heat;
use crate::ui::widgets::{link_summary, no_corpus, thousands};
use egui::{Rect, Sense, Ui, vec2};
use grid::Layout;

mod grid;

/// Inputs of the matrix: the scope, the catalog, the co-occurrence options and how many
/// entities are on each axis.
#[derive(Debug, Clone, Copy, PartialEq)]
struct MatrixKey {
    scope: ScopeKey,
    catalog: CatalogKey,
    options: CooccurOptions,
    size: usize,
}

/// View state of the Matrix panel.
pub struct MatrixView {
    /// Entities on each axis.
    pub size: usize,
    /// The entities shown and the graph among them.
    data: Derived<MatrixKey, (Vec<EntityId>, CooccurGraph)>,
    /// Screen rectangle of each cell drawn last frame, with its pair (for tests).
    pub cells: Vec<((EntityId, EntityId), Rect)>,
    /// Screen rectangle of each row label and column label drawn last frame (for tests).
    pub labels: Vec<(EntityId, Rect)>,
    /// The panel's drawing area last frame (for tests).
    pub panel: Rect,
}

impl Default for MatrixView {
    fn default() -> Self {
        Self {
            size: 20,
            data: Derived::default(),
            cells: Vec::new(),
            labels: Vec::new(),
            panel: Rect::NOTHING,
        }
    }
}

/// Draws the panel.
pub fn show(ui: &mut Ui, cx: &Ctx, v: &mut MatrixView, cmds: &mut Vec<Command>) {
    let Some(l) = cx.loaded else {
        no_corpus(ui, cx);
        return;
    };
    let Some(cat) = cx.catalog() else {
        ui.spinner();
        return;
    };
    let opts = matrix_options(&cx.graph.options);
    let key = MatrixKey {
        scope: cx.scope_key(),
        catalog: cx.catalog_key(),
        options: opts,
        size: v.size,
    };
    let scope = cx.scope_docs();
    let l = l.clone();
    ui.horizontal(|ui| {
        ui.add(egui::Slider::new(&mut v.size, 5..=40).text("entities"));
        ui.label(format!("weight: {}", opts.measure.name()));
        ui.weak("(scope and measure are set in the Network panel)");
    });
    let n = v.size;
    let c2 = cat.clone();
    v.data.request(&key, cx.waker, move || {
        move |ctx: &JobCtx| {
            let input = GraphInput {
                catalog: &c2,
                analysis: &l.analysis,
                corpus: &l.corpus,
                scope: scope.as_deref(),
            };
            let (ids, g) = matrix_of_top_entities(&input, &opts, n, ctx)?;
            let order = greedy_chain(ids.len(), |i, j| g.edge(ids[i], ids[j]).map(|e| e.score));
            Some((order.into_iter().map(|i| ids[i]).collect(), g))
        }
    });
    // The previous matrix stays until the new one is ready, unless its entities are gone.
    let Some(data) = v
        .data
        .value()
        .filter(|d| d.0.iter().all(|&e| (e as usize) < cat.entities.len()))
        .cloned()
    else {
        ui.spinner();
        return;
    };
    let (ids, g) = (&data.0, &data.1);
    if ids.len() < 2 {
        ui.weak("Fewer than two entities in this scope.");
        return;
    }
    let scale = Scale::of(g);
    legend(ui, &scale, opts.measure.name());
    let layout = Layout::new(ui, &cat, ids);
    let (resp, painter) = ui.allocate_painter(ui.available_size(), Sense::click());
    let grid = layout.place(resp.rect);
    grid::labels(&painter, &cat, ids, &grid);
    v.cells.clear();
    v.labels = grid.label_rects(ids);
    v.panel = resp.rect;
    let hover = resp.hover_pos();
    let mut hovered: Option<(EntityId, EntityId, Option<&EdgeData>)> = None;
    for (i, &a) in ids.iter().enumerate() {
        for (j, &b) in ids.iter().enumerate() {
            let r = grid.cell(i, j);
            let edge = if a == b { None } else { g.edge(a, b) };
            let fill = match edge {
                Some(e) => heat(scale.t(e.score)),
                None if a == b => ui.visuals().faint_bg_color,
                None => ui.visuals().extreme_bg_color,
            };
            painter.rect_filled(r, 1.0, fill);
            if a != b {
                v.cells.push(((a, b), r));
            }
            if hover.is_some_and(|h| r.contains(h)) && a != b {
                hovered = Some((a, b, edge));
            }
        }
    }
    if let Some(name) = hover.and_then(|h| grid.label_at(h, ids)) {
        let e = &cat.entities[name as usize];
        resp.clone().on_hover_text_at_pointer(format!(
            "{} ({}, {} mentions)",
            e.name,
            e.kind.label(),
            thousands(e.mentions as u64)
        ));
    }
    if let Some((a, b, found)) = hovered {
        let na = &cat.entities[a as usize].name;
        let nb = &cat.entities[b as usize].name;
        let msg = match found {
            Some(e) => format!(
                "{na} — {nb}\n{}: {:.3}\n{}",
                opts.measure.name(),
                e.score,
                link_summary(opts.scope, e.count as usize, e.documents as usize)
            ),
            None => format!("{na} — {nb}\nnever together"),
        };
        resp.clone().on_hover_text_at_pointer(msg);
        if resp.clicked() && found.is_some() {
            cmds.push(Command::ShowLink(a.min(b), a.max(b)));
        }
    }
    let rect = resp.rect;
    resp.context_menu(|ui| export_menu(ui, &cat, ids, g, rect, cmds));
}

/// The range of the scores on show, mapped onto the colour scale.
struct Scale {
    lo: f64,
    hi: f64,
}

impl Scale {
    fn of(g: &CooccurGraph) -> Scale {
        let (lo, hi) = g
            .graph
            .raw_edges()
            .iter()
            .map(|e| e.weight.score)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
                (a.min(x), b.max(x))
            });
        Scale { lo, hi }
    }

    /// Where `score` falls on the scale, 0 to 1.
    fn t(&self, score: f64) -> f32 {
        if self.hi > self.lo {
            ((score - self.lo) / (self.hi - self.lo)) as f32
        } else {
            1.0
        }
    }
}

/// The colour scale: the measure's lowest and highest value on show, the colours between, and
/// the colour of pairs never together.
fn legend(ui: &mut Ui, scale: &Scale, measure: &str) {
    ui.horizontal(|ui| {
        if !scale.lo.is_finite() {
            ui.weak("No two of these entities appear together.");
            return;
        }
        ui.label(format!("{measure}: {}", number(scale.lo)));
        let (r, painter) = ui.allocate_painter(vec2(140.0, 14.0), Sense::hover());
        let steps = 28;
        let w = r.rect.width() / steps as f32;
        for k in 0..steps {
            let cell = Rect::from_min_size(
                r.rect.min + vec2(w * k as f32, 0.0),
                vec2(w + 0.5, r.rect.height()),
            );
            painter.rect_filled(cell, 0.0, heat(k as f32 / (steps - 1) as f32));
        }
        ui.label(number(scale.hi));
        let (r, painter) = ui.allocate_painter(vec2(14.0, 14.0), Sense::hover());
        painter.rect_filled(r.rect, 1.0, ui.visuals().extreme_bg_color);
        ui.weak("never together");
    });
}

/// A score as the legend shows it: three significant digits or so.
fn number(x: f64) -> String {
    if x.abs() >= 100.0 {
        format!("{x:.0}")
    } else if x.abs() >= 1.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.3}")
    }
}

/// Saving the matrix as a picture or as a table of scores.
fn export_menu(
    ui: &mut Ui,
    cat: &Catalog,
    ids: &[EntityId],
    g: &CooccurGraph,
    rect: Rect,
    cmds: &mut Vec<Command>,
) {
    if ui.button("Save PNG…").clicked() {
        export::save_png("matrix.png", rect, cmds);
        ui.close();
    }
    if ui.button("Export CSV…").clicked() {
        let names: Vec<String> = ids
            .iter()
            .map(|&e| cat.entities[e as usize].name.clone())
            .collect();
        let mut header = vec!["entity".to_string()];
        header.extend(names.iter().cloned());
        let rows = ids.iter().enumerate().map(|(i, &a)| {
            let mut r = vec![names[i].clone()];
            r.extend(ids.iter().map(|&b| {
                g.edge(a, b)
                    .map(|e| format!("{:.4}", e.score))
                    .unwrap_or_default()
            }));
            r
        });
        let h: Vec<&str> = header.iter().map(String::as_str).collect();
        export::save_csv("matrix.csv", &h, rows, cmds);
        ui.close();
    }
}
