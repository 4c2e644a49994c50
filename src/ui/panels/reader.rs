//! Reader panel: the selected document's header and full text, with find-in-document.

use crate::analysis::DocId;
use crate::corpus::{Document, dates};
use crate::ui::commands::Command;
use crate::ui::session::Session;
use aho_corasick::AhoCorasick;
use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, Key, KeyboardShortcut, Modifiers, RichText, Ui};
use std::ops::Range;
use std::sync::Arc;

/// The Reader shows at most this many bytes of one document at once.
pub const MAX_SHOWN_BYTES: usize = 2 << 20;

/// View state of the Reader panel.
#[derive(Debug, Clone, Default)]
pub struct ReaderView {
    /// Text to find.
    pub find: String,
    /// Byte ranges of the hits in the shown text.
    pub hits: Vec<Range<usize>>,
    /// Index of the current hit.
    pub current: usize,
    /// What `hits` was computed for.
    key: Option<(DocId, String, Option<String>)>,
    /// Scroll to the current hit on the next frame.
    scroll_pending: bool,
    /// Byte ranges of the selected word in the shown text.
    word_hits: Vec<Range<usize>>,
    /// Focus the find box on the next frame.
    focus_find: bool,
}

impl ReaderView {
    /// Moves to the next (or previous) hit and scrolls to it.
    pub fn step(&mut self, forward: bool) {
        if self.hits.is_empty() {
            return;
        }
        let n = self.hits.len();
        self.current = if forward {
            (self.current + 1) % n
        } else {
            (self.current + n - 1) % n
        };
        self.scroll_pending = true;
    }
}

/// Byte ranges where `needle` occurs in `text`, any case, not overlapping.
pub fn find_all(text: &str, needle: &str) -> Vec<Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    let Ok(ac) = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([needle])
    else {
        return Vec::new();
    };
    ac.find_iter(text).map(|m| m.range()).collect()
}

/// Byte ranges of whole-word occurrences of `word` (lowercase) in `text`.
pub fn word_ranges(text: &str, word: &str) -> Vec<Range<usize>> {
    let mut buf = String::new();
    crate::analysis::tokenize::tokens(text)
        .filter(|t| {
            crate::analysis::tokenize::fold_case(t.text(text), &mut buf);
            buf == word
        })
        .map(|t| t.start..t.end)
        .collect()
}

/// The part of the text the Reader shows: all of it, or the first [`MAX_SHOWN_BYTES`].
fn shown(d: &Document) -> &str {
    let body = d.body();
    if body.len() <= MAX_SHOWN_BYTES {
        return body;
    }
    let mut end = MAX_SHOWN_BYTES;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    &body[..end]
}

fn header(ui: &mut Ui, d: &Document) {
    ui.heading(&d.title);
    egui::Grid::new("reader-header")
        .num_columns(2)
        .spacing([12.0, 2.0])
        .show(ui, |ui| {
            let field = |ui: &mut Ui, name: &str, value: String| {
                if !value.is_empty() {
                    ui.weak(name);
                    ui.add(egui::Label::new(value).wrap());
                    ui.end_row();
                }
            };
            field(
                ui,
                "Date",
                d.date.as_ref().map(dates::display).unwrap_or_default(),
            );
            field(ui, "Byline", d.authors.join(", "));
            field(ui, "Dateline", d.dateline.clone().unwrap_or_default());
            field(ui, "Source", d.source.clone().unwrap_or_default());
            field(ui, "URL", d.url.clone().unwrap_or_default());
            field(ui, "Path", d.label());
            let fmt = d.format.map(|f| f.name()).unwrap_or("");
            field(
                ui,
                "File",
                format!("{fmt}, {}, {} bytes", d.encoding, d.file_bytes),
            );
        });
}

fn layout(
    text: &str,
    find: &[Range<usize>],
    current: usize,
    word: &[Range<usize>],
    ui: &Ui,
    wrap: f32,
) -> LayoutJob {
    let font = FontId::proportional(14.5);
    let color = ui.visuals().text_color();
    let plain = TextFormat::simple(font.clone(), color);
    let word_fmt = TextFormat {
        background: Color32::from_rgba_unmultiplied(90, 160, 255, 70),
        underline: egui::Stroke::new(1.0, Color32::from_rgb(60, 130, 230)),
        ..plain.clone()
    };
    let hit = TextFormat {
        background: Color32::from_rgb(255, 230, 120),
        color: Color32::BLACK,
        ..plain.clone()
    };
    let cur = TextFormat {
        background: Color32::from_rgb(255, 150, 40),
        color: Color32::BLACK,
        ..plain.clone()
    };
    // Merge the two highlight lists into ordered, non-overlapping sections; find hits win.
    let mut marks: Vec<(Range<usize>, &TextFormat)> = find
        .iter()
        .enumerate()
        .map(|(i, r)| (r.clone(), if i == current { &cur } else { &hit }))
        .collect();
    let mut wi = word.iter().peekable();
    let mut merged: Vec<(Range<usize>, &TextFormat)> = Vec::with_capacity(marks.len() + word.len());
    for m in marks.drain(..) {
        while let Some(w) = wi.peek() {
            if w.end <= m.0.start {
                merged.push(((*w).clone(), &word_fmt));
                wi.next();
            } else if w.start < m.0.end {
                wi.next();
            } else {
                break;
            }
        }
        merged.push(m);
    }
    merged.extend(wi.map(|w| (w.clone(), &word_fmt)));
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap;
    let mut pos = 0;
    for (r, fmt) in merged {
        if r.start > pos {
            job.append(&text[pos..r.start], 0.0, plain.clone());
        }
        job.append(&text[r.start..r.end], 0.0, fmt.clone());
        pos = r.end;
    }
    if pos < text.len() {
        job.append(&text[pos..], 0.0, plain);
    }
    job
}

/// Draws the panel.
pub fn show(ui: &mut Ui, s: &mut Session, _cmds: &mut Vec<Command>) {
    let Some(l) = s.loaded.clone() else {
        super::no_corpus(ui);
        return;
    };
    let Some(id) = s.selection.doc else {
        ui.centered_and_justified(|ui| {
            ui.weak("Click a document in the Documents panel to read it here.");
        });
        return;
    };
    let Some(d) = l.corpus.docs.get(id as usize) else {
        return;
    };
    let text = shown(d);
    let v = &mut s.reader;
    let key = (id, v.find.clone(), s.selection.word.clone());
    if v.key.as_ref() != Some(&key) {
        let same_doc = v.key.as_ref().is_some_and(|k| k.0 == id);
        v.hits = find_all(text, &v.find);
        v.word_hits = s
            .selection
            .word
            .as_deref()
            .map(|w| word_ranges(text, w))
            .unwrap_or_default();
        v.current = 0;
        v.scroll_pending = !v.hits.is_empty() || (!same_doc && !v.word_hits.is_empty());
        v.key = Some(key);
    }
    if ui.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::F))) {
        v.focus_find = true;
    }
    header(ui, d);
    ui.horizontal(|ui| {
        ui.label("Find:");
        let r = ui.add(
            egui::TextEdit::singleline(&mut v.find)
                .id(egui::Id::new("reader-find"))
                .hint_text("Ctrl+F")
                .desired_width(180.0),
        );
        if v.focus_find {
            v.focus_find = false;
            r.request_focus();
        }
        if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            let back = ui.input(|i| i.modifiers.shift);
            v.step(!back);
            r.request_focus();
        }
        if ui
            .button("⏶")
            .on_hover_text("Previous hit (Shift+Enter)")
            .clicked()
        {
            v.step(false);
        }
        if ui.button("⏷").on_hover_text("Next hit (Enter)").clicked() {
            v.step(true);
        }
        if !v.find.is_empty() {
            let label = if v.hits.is_empty() {
                "no hits".to_string()
            } else {
                format!("{} of {}", v.current + 1, v.hits.len())
            };
            ui.label(label);
        }
        if let Some(w) = &s.selection.word {
            ui.separator();
            ui.label(
                RichText::new(format!("“{w}”: {} in this document", v.word_hits.len()))
                    .color(Color32::from_rgb(60, 130, 230)),
            );
        }
    });
    if text.len() < d.body().len() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "This document is {} MB; the first {} MB are shown.",
                d.body().len() >> 20,
                MAX_SHOWN_BYTES >> 20
            ),
        );
    }
    ui.separator();
    let hits = v.hits.clone();
    let word_hits = v.word_hits.clone();
    let current = v.current;
    let target = if !hits.is_empty() {
        hits.get(current).map(|r| r.start)
    } else {
        word_hits.first().map(|r| r.start)
    };
    let scroll = std::mem::take(&mut v.scroll_pending);
    egui::ScrollArea::vertical()
        .id_salt(("reader-scroll", id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut layouter =
                |ui: &Ui, buf: &dyn egui::TextBuffer, wrap: f32| -> Arc<egui::Galley> {
                    let job = layout(buf.as_str(), &hits, current, &word_hits, ui, wrap);
                    ui.fonts_mut(|f| f.layout_job(job))
                };
            let mut view: &str = text;
            let out = egui::TextEdit::multiline(&mut view)
                .id(egui::Id::new(("reader-text", id)))
                .desired_width(f32::INFINITY)
                .frame(egui::Frame::NONE)
                .layouter(&mut layouter)
                .show(ui);
            if scroll && let Some(byte) = target {
                let chars = text[..byte].chars().count();
                let rect = out.galley.pos_from_cursor(CCursor::new(chars));
                let rect = rect.translate(out.galley_pos.to_vec2()).expand(30.0);
                ui.scroll_to_rect(rect, Some(Align::Center));
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_is_case_insensitive_with_byte_ranges() {
        let t = "Sanctions hit. New SANCTIONS, sanctions?";
        let hits = find_all(t, "sanctions");
        assert_eq!(hits, [0..9, 19..28, 30..39]);
        assert!(find_all(t, "").is_empty());
    }

    #[test]
    fn word_ranges_match_whole_words_only() {
        let t = "UN votes; the UNICEF and un-related U.N. UN.";
        let r = word_ranges(t, "un");
        let got: Vec<&str> = r.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(got, ["UN", "UN"]);
        assert_eq!(r[0], 0..2);
    }
}
