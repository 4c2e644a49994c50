//! Small widgets and formats shared by the panels: the placeholder shown before a corpus is
//! loaded, the right-click menu of a word, and number formats.

use crate::analysis::cooccur::Scope;
use crate::ui::commands::Command;
use crate::ui::context::Ctx;
use egui::Ui;

/// Shown by panels that need a corpus when none is loaded yet (or while one loads).
pub fn no_corpus(ui: &mut Ui, cx: &Ctx) {
    ui.centered_and_justified(|ui| {
        if cx.loading {
            ui.weak("Loading…");
        } else {
            ui.weak("No corpus loaded yet — open a folder from the Start panel or File menu.");
        }
    });
}

/// `s` cut to `max` characters with an ellipsis, so no label lays out more than a few lines
/// in a frame whatever a document holds.
pub fn clip(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max) {
        Some((i, _)) if s.len() > max => format!("{}…", &s[..i]).into(),
        _ => s.into(),
    }
}

/// Right-click menu for a word: select it, or change whether it is a stop-word.
pub fn word_menu(ui: &mut Ui, word: &str, is_stop: bool, cmds: &mut Vec<Command>) {
    if ui.button(format!("Select “{word}”")).clicked() {
        cmds.push(Command::SelectWord(Some(word.to_string())));
        ui.close();
    }
    let (label, cmd) = if is_stop {
        (
            "Count it again (not a stop-word)",
            Command::KeepWord(word.to_string()),
        )
    } else {
        ("Add to stop-words", Command::AddStopWord(word.to_string()))
    };
    if ui.button(label).clicked() {
        cmds.push(cmd);
        ui.close();
    }
}

/// Formats a count with thousands separators.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count and its noun, singular for one, with thousands separators: "1 document",
/// "12,345 documents".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        thousands(n as u64),
        if n == 1 { one } else { many }
    )
}

/// What two entities being together means for a graph's unit: "in the same sentence",
/// "within 10 words".
pub fn together_in(unit: Scope) -> String {
    match unit {
        Scope::Sentence => "in the same sentence".into(),
        Scope::Paragraph => "in the same paragraph".into(),
        Scope::Document => "in the same document".into(),
        Scope::Window(w) => format!("within {}", count(w as usize, "word", "words")),
    }
}

/// What a link's count counts, for a graph's unit: "222 sentences", "3 pairs of mentions".
pub fn link_count(unit: Scope, n: usize) -> String {
    match unit {
        Scope::Sentence => count(n, "sentence", "sentences"),
        Scope::Paragraph => count(n, "paragraph", "paragraphs"),
        Scope::Document => count(n, "document", "documents"),
        Scope::Window(_) => count(n, "pair of mentions", "pairs of mentions"),
    }
}

/// A link's count and documents in words: "together in 222 sentences of 174 documents",
/// "together in 329 documents", "3 pairs of mentions within 10 words in 2 documents".
pub fn link_summary(unit: Scope, n: usize, documents: usize) -> String {
    link_listed(unit, n, n, documents)
}

/// Like [`link_summary`], saying when only the first `listed` places of `n` are listed:
/// "together in 200 of 222 sentences (the first 200) of 174 documents".
pub fn link_listed(unit: Scope, listed: usize, n: usize, documents: usize) -> String {
    let counted = if listed < n {
        let first = thousands(listed as u64);
        format!("{first} of {} (the first {first})", link_count(unit, n))
    } else {
        link_count(unit, n)
    };
    let docs = count(documents, "document", "documents");
    match unit {
        Scope::Document => format!("together in {counted}"),
        Scope::Window(_) => format!("{counted} {} in {docs}", together_in(unit)),
        _ => format!("together in {counted} of {docs}"),
    }
}

/// A toggle for an entity type, as a badge that reads in light and dark themes alike.
pub fn type_badge(ui: &mut egui::Ui, k: crate::ner::EntityType, on: &mut bool) -> egui::Response {
    let (text, fill) = crate::ui::theme::badge_colors(k, *on, ui.visuals().panel_fill);
    let stroke = egui::Stroke::new(1.0, crate::ui::theme::kind_color(k));
    let mut r = ui.add(
        egui::Button::new(egui::RichText::new(k.label()).color(text).strong())
            .fill(fill)
            .stroke(stroke),
    );
    if r.clicked() {
        *on = !*on;
        r.mark_changed();
    }
    r
}

/// Formats a byte count as B, KB or MB.
pub fn human_bytes(b: u64) -> String {
    match b {
        0..1_000 => format!("{b} B"),
        1_000..1_000_000 => format!("{:.1} KB", b as f64 / 1e3),
        _ => format!("{:.1} MB", b as f64 / 1e6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(999), "999");
        assert_eq!(human_bytes(999), "999 B");
        assert_eq!(human_bytes(16_913_789), "16.9 MB");
        assert_eq!(count(1, "document", "documents"), "1 document");
        assert_eq!(count(0, "document", "documents"), "0 documents");
        assert_eq!(count(19_779, "document", "documents"), "19,779 documents");
        assert_eq!(
            link_summary(Scope::Sentence, 222, 174),
            "together in 222 sentences of 174 documents"
        );
        assert_eq!(
            link_summary(Scope::Document, 329, 329),
            "together in 329 documents"
        );
        assert_eq!(
            link_listed(Scope::Sentence, 200, 222, 174),
            "together in 200 of 222 sentences (the first 200) of 174 documents"
        );
        assert_eq!(
            link_summary(Scope::Window(10), 1, 1),
            "1 pair of mentions within 10 words in 1 document"
        );
    }
}
