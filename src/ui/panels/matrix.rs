//! Matrix panel: a heat map of the most mentioned entities in the scope against each other,
//! coloured by the chosen association measure; hover shows the value, click lists the
//! contexts where the pair appears together (in the Concordance).

use crate::analysis::DocId;
use crate::analysis::cooccur::{CooccurGraph, CooccurOptions, Filter, build_graph};
use crate::jobs::JobCtx;
use crate::ner::catalog::EntityId;
use crate::ui::commands::Command;
use crate::ui::derived::Derived;
use crate::ui::dock::Tab;
use crate::ui::export;
use crate::ui::panels::entities::{kind_color, scope_counts, top_in_scope};
use crate::ui::session::{ScopeKey, Session};
use egui::{Align2, Color32, FontId, Rect, Sense, Ui, pos2, vec2};

/// Inputs of the matrix: scope, catalog, options, size.
type MatrixKey = (ScopeKey, (u64, u64), CooccurOptions, usize);

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
pub fn show(ui: &mut Ui, s: &mut Session, cmds: &mut Vec<Command>) {
    let Some(l) = s.loaded.clone() else {
        super::no_corpus(ui);
        return;
    };
    let Some(cat) = s.catalog() else {
        ui.spinner();
        return;
    };
    let opts = CooccurOptions {
        min_count: 1,
        top_k: 0,
        max_contexts: 0,
        ..s.graph_options
    };
    let key = (s.scope_key(), s.catalog_key(), opts, s.matrix.size);
    let scope = s.scope.clone();
    let v = &mut s.matrix;
    ui.horizontal(|ui| {
        ui.add(egui::Slider::new(&mut v.size, 5..=40).text("entities"));
        ui.label(format!("weight: {}", opts.measure.name()));
        ui.weak("(scope and measure are set in the Network panel)");
    });
    let n = v.size;
    let c2 = cat.clone();
    v.data.request(&key, &s.waker, move || {
        move |ctx: &JobCtx| {
            let counts = scope_counts(&c2, scope.as_deref());
            let ids = top_in_scope(&c2, &counts, n);
            let mut keep = vec![false; c2.entities.len()];
            for &e in &ids {
                keep[e as usize] = true;
            }
            let docs: Option<Vec<bool>> = scope.as_ref().map(|s| {
                (0..l.corpus.docs.len() as DocId)
                    .map(|d| s.contains(d))
                    .collect()
            });
            let g = build_graph(
                &c2.mention_refs(),
                &c2.unit_totals(&l.analysis, scope.as_deref()),
                &opts,
                &Filter {
                    docs: docs.as_deref(),
                    entities: Some(&keep),
                },
                ctx,
            )?;
            Some((ids, g))
        }
    });
    let Some(data) = v.data.value().cloned() else {
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
    v.cells.clear();
    let hover = resp.hover_pos();
    let mut hovered: Option<(EntityId, EntityId, Option<f64>, u32)> = None;
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
                    Color32::from_rgb(
                        (250.0 - 200.0 * t) as u8,
                        (245.0 - 150.0 * t) as u8,
                        (230.0 - 40.0 * t) as u8,
                    )
                }
                None if a == b => ui.visuals().faint_bg_color,
                None => ui.visuals().extreme_bg_color,
            };
            painter.rect_filled(r, 1.0, fill);
            if a != b {
                v.cells.push(((a, b), r));
            }
            if hover.is_some_and(|h| r.contains(h)) && a != b {
                hovered = Some((a, b, edge.map(|e| e.score), edge.map_or(0, |e| e.count)));
            }
        }
    }
    if let Some((a, b, score, count)) = hovered {
        let na = &cat.entities[a as usize].name;
        let nb = &cat.entities[b as usize].name;
        let msg = match score {
            Some(sc) => format!(
                "{na} — {nb}\n{}: {sc:.3}\ntogether: {count}",
                opts.measure.name()
            ),
            None => format!("{na} — {nb}\nnever together"),
        };
        resp.clone().on_hover_text_at_pointer(msg);
        if resp.clicked() && score.is_some() {
            cmds.push(Command::SelectEdge(Some((a.min(b), a.max(b)))));
            cmds.push(Command::Focus(Tab::Concordance));
        }
    }
    let rect = resp.rect;
    resp.context_menu(|ui| {
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
    });
}
