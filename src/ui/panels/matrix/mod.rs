//! Matrix panel: a heat map of the most mentioned entities in the scope against each other,
//! coloured by the chosen association measure; hover shows the value, click lists the
//! contexts where the pair appears together (in the Concordance).

use crate::analysis::cooccur::{CooccurGraph, CooccurOptions, EdgeData};
use crate::jobs::JobCtx;
use crate::ner::catalog::top::{GraphInput, matrix_of_top_entities, matrix_options};
use crate::ner::catalog::{Catalog, EntityId};
use crate::ui::commands::Command;
use crate::ui::context::Ctx;
use crate::ui::derived::Derived;
use crate::ui::export;
use crate::ui::store::{CatalogKey, ScopeKey};
use crate::ui::theme::{heat, kind_color};
use crate::ui::widgets::{link_summary, no_corpus};
use egui::{Align2, FontId, Pos2, Rect, Sense, Ui, pos2, vec2};

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
}

impl Default for MatrixView {
    fn default() -> Self {
        Self {
            size: 20,
            data: Derived::default(),
            cells: Vec::new(),
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
            matrix_of_top_entities(&input, &opts, n, ctx)
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
    let scores: Vec<f64> = g.graph.raw_edges().iter().map(|e| e.weight.score).collect();
    let (lo, hi) = scores
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
            (a.min(x), b.max(x))
        });
    // Row labels on the left; column labels written upwards above the grid.
    let (label_w, label_h) = (150.0, 90.0);
    let avail = ui.available_size();
    let cell = ((avail.x - label_w).min(avail.y - label_h) / ids.len() as f32).clamp(10.0, 40.0);
    let size = vec2(
        label_w + cell * ids.len() as f32,
        label_h + cell * ids.len() as f32,
    );
    let (resp, painter) = ui.allocate_painter(size.max(avail), Sense::click());
    let origin = resp.rect.min + vec2(label_w, label_h);
    axis_labels(&painter, &cat, ids, origin, cell);
    v.cells.clear();
    let hover = resp.hover_pos();
    let mut hovered: Option<(EntityId, EntityId, Option<&EdgeData>)> = None;
    for (i, &a) in ids.iter().enumerate() {
        for (j, &b) in ids.iter().enumerate() {
            let r = Rect::from_min_size(
                origin + vec2(cell * j as f32, cell * i as f32),
                vec2(cell - 1.0, cell - 1.0),
            );
            let edge = if a == b { None } else { g.edge(a, b) };
            let fill = match edge {
                Some(e) => {
                    let t = if hi > lo {
                        ((e.score - lo) / (hi - lo)) as f32
                    } else {
                        1.0
                    };
                    heat(t)
                }
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

/// Entity names along both axes, in their type's colour: rows on the left, columns written
/// upwards above the grid, cut to fit.
fn axis_labels(painter: &egui::Painter, cat: &Catalog, ids: &[EntityId], origin: Pos2, cell: f32) {
    let font = FontId::proportional((cell * 0.55).clamp(9.0, 13.0));
    for (i, &e) in ids.iter().enumerate() {
        let ent = &cat.entities[e as usize];
        let y = origin.y + cell * (i as f32 + 0.5);
        painter.text(
            pos2(origin.x - 4.0, y),
            Align2::RIGHT_CENTER,
            &ent.name,
            font.clone(),
            kind_color(ent.kind),
        );
        // Column labels, rotated to read upwards, cut to fit.
        let x = origin.x + cell * (i as f32 + 0.5);
        let short: String = ent.name.chars().take(16).collect();
        let galley = painter.layout_no_wrap(short, font.clone(), kind_color(ent.kind));
        let h = galley.size().y;
        let shape = egui::epaint::TextShape::new(
            pos2(x - h / 2.0, origin.y - 4.0),
            galley,
            kind_color(ent.kind),
        )
        .with_angle(-std::f32::consts::FRAC_PI_2);
        painter.add(shape);
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
