//! Reader panel: the selected document's header and full text, with find-in-document.

use crate::analysis::kwic::{Query, doc_spans};
use crate::analysis::{Analysis, DocId, TermId};
use crate::corpus::metadata::{MAX_FIELD_CHARS, MAX_TITLE_CHARS};
use crate::corpus::{Document, dates};
use crate::ner::EntityType;
use crate::ui::commands::Command;
use crate::ui::context::Ctx;
use crate::ui::session::Loaded;
use crate::ui::store::CorpusKey;
use crate::ui::theme::{self, kind_color};
use crate::ui::widgets::{self, no_corpus, type_badge};
use aho_corasick::AhoCorasick;
use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, Key, KeyboardShortcut, Modifiers, RichText, Ui};
use std::ops::Range;
use std::sync::Arc;

/// The Reader shows a long document in parts of about this many bytes.
pub const PART_BYTES: usize = 256 << 10;

/// What the hits, marks and top words were computed for.
#[derive(Debug, Clone, PartialEq)]
struct ReaderKey {
    doc: DocId,
    find: String,
    word: Option<String>,
    part: usize,
    hit: Option<(usize, usize)>,
    /// Version of the stop-word flags (the top words leave stop-words out).
    stop: u64,
}

/// View state of the Reader panel.
#[derive(Debug, Clone, Default)]
pub struct ReaderView {
    /// Text to find.
    pub find: String,
    /// The document and part the text was last shown for: another one opens at its top.
    shown: Option<(DocId, usize)>,
    /// How far the text is scrolled down, in points, as drawn last frame.
    pub scrolled: f32,
    /// Byte ranges of the hits in the shown text.
    pub hits: Vec<Range<usize>>,
    /// Index of the current hit.
    pub current: usize,
    /// What `hits` was computed for.
    key: Option<ReaderKey>,
    /// The concordance hit to mark and scroll to, in the shown text.
    marked: Option<Range<usize>>,
    /// Entity types whose mentions are not coloured (PERSON, ORG, PLACE, MISC).
    pub hidden_types: [bool; 4],
    /// The document's most frequent words (stop-words left out) with their counts.
    top_words: Vec<(TermId, u32)>,
    /// Scroll to the current hit on the next frame.
    scroll_pending: bool,
    /// Byte ranges of the selected word in the shown text.
    word_hits: Vec<Range<usize>>,
    /// Focus the find box on the next frame.
    focus_find: bool,
    /// Which part of a long document is shown.
    pub part: usize,
    /// How many parts the document has.
    parts: usize,
    /// Byte range of the part shown, and the (document, part) it is for.
    span: Range<usize>,
    span_key: Option<(DocId, usize)>,
    /// The corpus the view was computed for.
    corpus: CorpusKey,
    /// For a corpus opened from exported tables: the document shown, read from its folder,
    /// with its tokens (or why it could not be read).
    fetched: Option<(DocId, Fetched)>,
    /// Whether the document's details are shown, once the user opened or closed them (until
    /// then, they are shown when the panel is tall enough).
    pub details: Option<bool>,
    /// The part of the panel the text was seen in last frame.
    pub text_rect: Option<egui::Rect>,
}

/// A document read from its folder with its tokens, or why it could not be read.
type Fetched = Result<Arc<(Document, Analysis)>, String>;

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

/// End of the part that starts at `start`: near [`PART_BYTES`] on, after a line break if one is close.
fn next_cut(body: &str, start: usize) -> usize {
    if body.len() - start <= PART_BYTES {
        return body.len();
    }
    let hard = start + PART_BYTES;
    let soft = start + PART_BYTES * 3 / 4;
    let mut end = match memchr::memrchr(b'\n', &body.as_bytes()[soft..hard]) {
        Some(nl) => soft + nl + 1,
        None => hard,
    };
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// Byte range of part `part` of `body` (long documents are shown in parts).
pub fn part_range(body: &str, part: usize) -> Range<usize> {
    let mut start = 0;
    for _ in 0..part {
        start = next_cut(body, start);
    }
    start..next_cut(body, start)
}

/// Number of parts `body` is shown in.
pub fn part_count(body: &str) -> usize {
    let mut n = 1;
    let mut end = next_cut(body, 0);
    while end < body.len() {
        end = next_cut(body, end);
        n += 1;
    }
    n
}

/// Panels at least this tall show the document's details at first; shorter ones keep the
/// room for the text until the details are opened.
const DETAILS_OPEN_FROM: f32 = 400.0;

/// The title, and the document's details under a header that opens and closes them; closed,
/// the header line sums them up (date, source, dateline).
fn header(ui: &mut Ui, v: &mut ReaderView, d: &Document) {
    let open = v
        .details
        .unwrap_or(ui.available_height() >= DETAILS_OPEN_FROM);
    let title = widgets::clip(&d.title, MAX_TITLE_CHARS);
    ui.add(egui::Label::new(RichText::new(title).heading()).wrap());
    let date = d.date.as_ref().map(dates::display).unwrap_or_default();
    let summary: Vec<String> = [Some(date.clone()), d.source.clone(), d.dateline.clone()]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    let title = if open || summary.is_empty() {
        "Details".to_string()
    } else {
        format!("Details: {}", summary.join(" · "))
    };
    let r = egui::CollapsingHeader::new(title)
        .id_salt("reader-details")
        .open(Some(open))
        .show(ui, |ui| {
            egui::Grid::new("reader-header")
                .num_columns(2)
                .spacing([12.0, 2.0])
                .show(ui, |ui| {
                    let field = |ui: &mut Ui, name: &str, value: String| {
                        if !value.is_empty() {
                            ui.weak(name);
                            let value = widgets::clip(&value, 4 * MAX_FIELD_CHARS);
                            ui.add(egui::Label::new(value).wrap());
                            ui.end_row();
                        }
                    };
                    field(ui, "Date", date);
                    field(ui, "Byline", d.authors_line());
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
        });
    if r.header_response.clicked() {
        v.details = Some(!open);
    }
}

fn layout(
    text: &str,
    find: &[Range<usize>],
    current: usize,
    word: &[Range<usize>],
    ents: &[(Range<usize>, EntityType, bool)],
    ui: &Ui,
    wrap: f32,
) -> LayoutJob {
    let font = FontId::proportional(14.5);
    let color = ui.visuals().text_color();
    let plain = TextFormat::simple(font.clone(), color);
    let word_fmt = TextFormat {
        background: theme::MARK_FILL,
        underline: egui::Stroke::new(1.0, theme::LINK),
        ..plain.clone()
    };
    let hit = TextFormat {
        background: theme::WORD_MARK,
        color: Color32::BLACK,
        ..plain.clone()
    };
    let cur = TextFormat {
        background: theme::FIND_MARK,
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
    // Entity mentions lie underneath: cut the text at every boundary and give each piece the
    // format of the mark covering it, else of the mention covering it, else plain.
    let ent_fmt: Vec<TextFormat> = ents
        .iter()
        .map(|(_, k, sel)| {
            let c = kind_color(*k);
            TextFormat {
                background: c.gamma_multiply(if *sel { 0.55 } else { 0.18 }),
                underline: egui::Stroke::new(if *sel { 2.0 } else { 1.0 }, c),
                ..plain.clone()
            }
        })
        .collect();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (r, _) in &merged {
        cuts.extend([r.start, r.end]);
    }
    for (r, _, _) in ents {
        cuts.extend([r.start.min(text.len()), r.end.min(text.len())]);
    }
    cuts.retain(|&c| text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap;
    let (mut mi, mut ei) = (0, 0);
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        while mi < merged.len() && merged[mi].0.end <= a {
            mi += 1;
        }
        while ei < ents.len() && ents[ei].0.end <= a {
            ei += 1;
        }
        let fmt = if mi < merged.len() && merged[mi].0.start <= a {
            merged[mi].1
        } else if ei < ents.len() && ents[ei].0.start <= a {
            &ent_fmt[ei]
        } else {
            &plain
        };
        job.append(&text[a..b], 0.0, fmt.clone());
    }
    job
}

/// Draws the panel.
pub fn show(ui: &mut Ui, cx: &Ctx, v: &mut ReaderView, cmds: &mut Vec<Command>) {
    let Some(l) = cx.loaded else {
        no_corpus(ui, cx);
        return;
    };
    if v.corpus != cx.corpus {
        // Nothing computed for another corpus is kept; the type toggles are.
        *v = ReaderView {
            hidden_types: v.hidden_types,
            details: v.details,
            corpus: cx.corpus,
            ..ReaderView::default()
        };
    }
    let Some(id) = cx.selection.doc else {
        ui.centered_and_justified(|ui| {
            ui.weak("Click a document in the Documents panel to read it here.");
        });
        return;
    };
    let Some(d) = l.corpus.docs.get(id as usize) else {
        return;
    };
    // Tables hold no texts: the document is read from the folder they were exported from.
    let fetched;
    let (d, words) = if l.tables.is_some() {
        if v.fetched.as_ref().is_none_or(|(k, _)| *k != id) {
            let got = crate::tables::source::read_document(d).map(Arc::new);
            v.fetched = Some((id, got));
        }
        match v.fetched.as_ref().map(|(_, f)| f.clone()) {
            Some(Ok(f)) => {
                fetched = f;
                (&fetched.0, (&fetched.1, 0))
            }
            Some(Err(why)) => {
                header(ui, v, d);
                ui.separator();
                ui.label(why);
                return;
            }
            None => return,
        }
    } else {
        (d, (&*l.analysis, id))
    };
    if v.key.as_ref().is_none_or(|k| k.doc != id) {
        v.part = 0;
        v.parts = part_count(d.body());
    }
    if v.span_key != Some((id, v.part)) {
        v.span = part_range(d.body(), v.part);
        v.span_key = Some((id, v.part));
    }
    let range = v.span.clone();
    let text = &d.body()[range.clone()];
    refresh(cx, v, l, d, id, words, range.clone());
    if ui.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::F))) {
        v.focus_find = true;
    }
    header(ui, v, d);
    top_words(ui, cx, v, &l.analysis, cmds);
    find_bar(ui, cx, v);
    if v.parts > 1 {
        ui.horizontal(|ui| {
            ui.label(format!(
                "Long document ({:.1} MB): part {} of {}, bytes {}–{}",
                d.body().len() as f64 / 1e6,
                v.part + 1,
                v.parts,
                range.start,
                range.end
            ));
            if ui
                .add_enabled(v.part > 0, egui::Button::new("◀ Previous part"))
                .clicked()
            {
                v.part -= 1;
            }
            if ui
                .add_enabled(v.part + 1 < v.parts, egui::Button::new("Next part ▶"))
                .clicked()
            {
                v.part += 1;
            }
        });
    }
    ui.separator();
    text_view(ui, cx, v, d, id, text, range.start, cmds);
}

/// The text with its marks: find hits, the selected word, entity mentions by type; a click
/// on a mention selects its entity.
#[allow(clippy::too_many_arguments)]
fn text_view(
    ui: &mut Ui,
    cx: &Ctx,
    v: &mut ReaderView,
    d: &Document,
    id: DocId,
    text: &str,
    part_start: usize,
    cmds: &mut Vec<Command>,
) {
    // A hit opened from the Concordance is shown as the current find hit.
    let (hits, current) = match (&v.marked, v.hits.is_empty()) {
        (Some(m), true) => (vec![m.clone()], 0),
        _ => (v.hits.clone(), v.current),
    };
    let word_hits = v.word_hits.clone();
    let target = if !hits.is_empty() {
        hits.get(current).map(|r| r.start)
    } else {
        word_hits.first().map(|r| r.start)
    };
    let scroll = std::mem::take(&mut v.scroll_pending);
    // Entity mentions in the part shown, by type toggle; the selected entity stands out.
    let shift = d.body_start + part_start;
    let catalog = cx.store.catalog_latest();
    let ents: Vec<(Range<usize>, EntityType, bool, u32)> = catalog
        .as_ref()
        .map(|c| {
            c.in_doc(id)
                .iter()
                .filter(|m| {
                    let e = &c.entities[m.entity as usize];
                    let k = EntityType::ALL
                        .iter()
                        .position(|&t| t == e.kind)
                        .unwrap_or(3);
                    !e.hidden && !v.hidden_types[k]
                })
                .filter(|m| m.start as usize >= shift && m.end as usize <= shift + text.len())
                .map(|m| {
                    let kind = c.entities[m.entity as usize].kind;
                    let r = m.start as usize - shift..m.end as usize - shift;
                    (r, kind, cx.selection.entity == Some(m.entity), m.entity)
                })
                .collect()
        })
        .unwrap_or_default();
    let ent_marks: Vec<(Range<usize>, EntityType, bool)> = ents
        .iter()
        .map(|(r, k, sel, _)| (r.clone(), *k, *sel))
        .collect();
    let mut area = egui::ScrollArea::vertical()
        .id_salt(("reader-scroll", id))
        .auto_shrink([false, false]);
    // Another document, part or folder opens at the top, not where the last one was left
    // (scroll positions are remembered by widget, and widgets are named by document number).
    if v.shown != Some((id, v.part)) {
        v.shown = Some((id, v.part));
        area = area.vertical_scroll_offset(0.0);
    }
    let out = area.show(ui, |ui| {
        let mut layouter = |ui: &Ui, buf: &dyn egui::TextBuffer, wrap: f32| -> Arc<egui::Galley> {
            let job = layout(
                buf.as_str(),
                &hits,
                current,
                &word_hits,
                &ent_marks,
                ui,
                wrap,
            );
            ui.fonts_mut(|f| f.layout_job(job))
        };
        let mut view: &str = text;
        let out = egui::TextEdit::multiline(&mut view)
            .id(egui::Id::new(("reader-text", id)))
            .desired_width(f32::INFINITY)
            .frame(egui::Frame::NONE)
            .layouter(&mut layouter)
            .show(ui);
        // Clicking a mention selects its entity.
        if out.response.clicked()
            && let Some(c) = out.cursor_range
        {
            let chars = c.primary.index.0;
            let byte = text
                .char_indices()
                .nth(chars)
                .map(|(b, _)| b)
                .unwrap_or(text.len());
            if let Some((_, _, _, e)) = ents.iter().find(|(r, ..)| r.start <= byte && byte < r.end)
            {
                cmds.push(Command::SelectEntity(Some(*e)));
            }
        }
        if scroll && let Some(byte) = target {
            let chars = text[..byte].chars().count();
            let rect = out.galley.pos_from_cursor(CCursor::new(chars));
            let rect = rect.translate(out.galley_pos.to_vec2()).expand(30.0);
            ui.scroll_to_rect(rect, Some(Align::Center));
        }
    });
    v.scrolled = out.state.offset.y;
    v.text_rect = Some(out.inner_rect);
}

/// Finds the hits, the selected word's places, the marked hit and the top words again when
/// what they depend on changed.
#[allow(clippy::too_many_arguments)]
fn refresh(
    cx: &Ctx,
    v: &mut ReaderView,
    l: &Loaded,
    d: &Document,
    id: DocId,
    (words, in_words): (&Analysis, DocId),
    range: Range<usize>,
) {
    let text = &d.body()[range.clone()];
    let key = ReaderKey {
        doc: id,
        find: v.find.clone(),
        word: cx.selection.word.clone(),
        part: v.part,
        hit: cx.selection.hit,
        stop: cx.stop.version,
    };
    if v.key.as_ref() != Some(&key) {
        let same_doc = v.key.as_ref().is_some_and(|k| k.doc == id);
        v.hits = find_all(text, &v.find);
        // Hits of the selected word or phrase, from the token index, shifted into this part.
        let shift = d.body_start + range.start;
        let in_part = |(a, b): (usize, usize)| {
            (a >= shift && b <= shift + text.len()).then(|| a - shift..b - shift)
        };
        v.word_hits = cx
            .selection
            .word
            .as_deref()
            .and_then(|w| Query::parse(w, words).ok())
            .map(|q| {
                doc_spans(words, &q, in_words)
                    .into_iter()
                    .filter_map(in_part)
                    .collect()
            })
            .unwrap_or_default();
        v.marked = cx.selection.hit.and_then(in_part);
        v.current = 0;
        v.scroll_pending =
            !v.hits.is_empty() || v.marked.is_some() || (!same_doc && !v.word_hits.is_empty());
        v.top_words = crate::analysis::counts::doc_top_words(&l.analysis, &cx.stop.flags, id, 12);
        v.key = Some(key);
    }
}

/// The document's own most frequent words, each a button that selects it.
fn top_words(ui: &mut Ui, cx: &Ctx, v: &ReaderView, a: &Analysis, cmds: &mut Vec<Command>) {
    if !v.top_words.is_empty() {
        // One row, scrolled sideways if it is longer than the panel, so the text keeps room.
        egui::ScrollArea::horizontal()
            .id_salt("reader-top-words")
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.weak("Top words:");
                    for &(t, n) in &v.top_words {
                        let w = &a.vocab[t as usize];
                        let selected = cx.selection.word.as_deref() == Some(w.as_str());
                        if ui
                            .selectable_label(selected, format!("{w} {n}"))
                            .on_hover_text("Select this word in every panel")
                            .clicked()
                        {
                            cmds.push(Command::SelectWord(Some(w.clone())));
                        }
                    }
                })
            });
    }
}

/// Find in the document, the entity type toggles and the selected word's count.
fn find_bar(ui: &mut Ui, cx: &Ctx, v: &mut ReaderView) {
    ui.horizontal_wrapped(|ui| {
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
        ui.separator();
        for (i, k) in EntityType::ALL.iter().enumerate() {
            let mut on = !v.hidden_types[i];
            if type_badge(ui, *k, &mut on)
                .on_hover_text(format!("Colour {} mentions", k.label()))
                .changed()
            {
                v.hidden_types[i] = !on;
            }
        }
        if let Some(w) = &cx.selection.word {
            ui.separator();
            ui.label(
                RichText::new(format!("“{w}”: {} in this document", v.word_hits.len()))
                    .color(theme::LINK),
            );
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
    fn long_text_is_cut_into_parts_that_cover_it() {
        let line = "Envoys met in Zürich to talk — again.\n";
        let body = line.repeat(30_000);
        let n = part_count(&body);
        assert!(n >= 4, "{n} parts");
        let mut next = 0;
        for p in 0..n {
            let r = part_range(&body, p);
            assert_eq!(r.start, next);
            assert!(r.end - r.start <= PART_BYTES);
            assert!(body.is_char_boundary(r.end));
            if r.end < body.len() {
                assert!(body[..r.end].ends_with('\n'), "cut at a line break");
            }
            next = r.end;
        }
        assert_eq!(next, body.len());
        assert_eq!(part_count("short"), 1);
        assert_eq!(part_range("short", 0), 0..5);
    }
}
