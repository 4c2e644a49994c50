//! Concordance panel: every hit of a word, phrase, wildcard or regex in context, aligned on the
//! hit and sortable by the words around it; clicking a line opens the hit in the Reader.

use crate::analysis::kwic::{Hit, Query, SortKey, documents, line, search, sort};
use crate::jobs::JobCtx;
use crate::ui::commands::Command;
use crate::ui::derived::Derived;
use crate::ui::export;
use crate::ui::session::{ScopeKey, Session};
use egui::{Align, Color32, Layout, RichText, Ui};
use egui_extras::{Column, TableBuilder};

/// Inputs of a search: corpus and scope, query text, sort order.
type SearchKey = (ScopeKey, String, SortKey);

/// View state of the Concordance panel.
pub struct ConcordanceView {
    /// The query typed (follows the selected word unless edited).
    pub query: String,
    /// Characters of context on each side.
    pub width: usize,
    /// Line order.
    pub sort: SortKey,
    /// The selected word the query last followed.
    followed: Option<String>,
    /// Hits of the query, sorted.
    pub results: Derived<SearchKey, Result<Vec<Hit>, String>>,
}

impl Default for ConcordanceView {
    fn default() -> Self {
        Self {
            query: String::new(),
            width: 40,
            sort: SortKey::Position,
            followed: None,
            results: Derived::default(),
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
pub fn show(ui: &mut Ui, s: &mut Session, cmds: &mut Vec<Command>) {
    let Some(l) = s.loaded.clone() else {
        super::no_corpus(ui);
        return;
    };
    let scope_key = s.scope_key();
    let v = &mut s.concordance;
    if v.followed != s.selection.word {
        v.followed = s.selection.word.clone();
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
    let key = (scope_key, query.clone(), v.sort);
    let (a, scope, sort_key) = (l.analysis.clone(), s.scope.clone(), v.sort);
    v.results.request(&key, &s.waker, move || {
        move |_: &JobCtx| {
            Some(match Query::parse(&query, &a) {
                Ok(q) => {
                    let mut hits = search(&a, &q, scope.as_deref());
                    if sort_key != SortKey::Position {
                        sort(&a, &mut hits, sort_key);
                    }
                    Ok(hits)
                }
                Err(e) => Err(e.to_string()),
            })
        }
    });
    let Some(res) = v.results.value().cloned() else {
        ui.spinner();
        return;
    };
    let hits = match res.as_ref() {
        Ok(h) => h,
        Err(e) => {
            ui.colored_label(Color32::from_rgb(200, 80, 60), e);
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
        ui.label(RichText::new(format!("{} hits in {} documents", hits.len(), docs)).strong());
        if s.scope.is_some() {
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
    let selected = s.selection.hit.zip(s.selection.doc);
    let text_h = ui.text_style_height(&egui::TextStyle::Monospace) + 4.0;
    ui.style_mut().interaction.selectable_labels = false;
    // Context columns sized to the chosen width, so the left context ends at the hit.
    let char_w = ui.fonts_mut(|f| f.glyph_width(&egui::FontId::monospace(12.0), 'n'));
    let side = (char_w * width as f32 + 12.0).max(60.0);
    TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .column(Column::exact(side).clip(true))
        .column(Column::auto().at_least(40.0))
        .column(Column::exact(side).clip(true))
        .body(|body| {
            body.rows(text_h, hits.len(), |mut row| {
                let h = hits[row.index()];
                let ln = line(&l.analysis, &l.corpus, &h, width);
                let is_sel = selected == Some(((ln.start, ln.end), h.doc));
                row.set_selected(is_sel);
                row.col(|ui| {
                    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                        ui.label(RichText::new(&ln.left).monospace().size(12.0));
                    });
                });
                row.col(|ui| {
                    ui.label(
                        RichText::new(&ln.hit)
                            .monospace()
                            .size(12.0)
                            .strong()
                            .color(Color32::from_rgb(220, 110, 30)),
                    );
                });
                row.col(|ui| {
                    ui.label(RichText::new(&ln.right).monospace().size(12.0));
                });
                if row.response().clicked() {
                    cmds.push(Command::ShowHit {
                        doc: h.doc,
                        start: ln.start,
                        end: ln.end,
                    });
                }
            });
        });
}
