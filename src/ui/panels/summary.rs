//! Corpus panel: documents, words, distinct words, bytes, formats, date range, load time.

use crate::corpus::dates;
use crate::ui::context::Ctx;
use crate::ui::widgets::{human_bytes, no_corpus, thousands};
use egui::Ui;

/// Draws the panel.
pub fn show(ui: &mut Ui, cx: &Ctx) {
    let Some(l) = cx.loaded else {
        no_corpus(ui, cx);
        return;
    };
    let (c, a) = (&l.corpus, &l.analysis);
    ui.heading(c.root.display().to_string());
    ui.add_space(6.0);
    egui::Grid::new("corpus-summary")
        .num_columns(2)
        .striped(true)
        .spacing([24.0, 6.0])
        .show(ui, |ui| {
            let mut row = |name: &str, value: String| {
                ui.label(name);
                ui.strong(value);
                ui.end_row();
            };
            row("Documents", thousands(c.docs.len() as u64));
            row("Files", thousands(c.files_seen));
            row("Words (tokens)", thousands(a.total_tokens));
            row("Distinct words", thousands(a.distinct() as u64));
            row("Bytes read", human_bytes(c.bytes_read));
            let formats: Vec<String> = c
                .format_counts()
                .iter()
                .map(|(f, n)| format!("{} {}", f.name(), n))
                .collect();
            row("Formats", formats.join(", "));
            let dated = c.docs.iter().filter(|d| d.date.is_some()).count();
            row(
                "Date range",
                match c.date_range() {
                    Some((lo, hi)) => format!(
                        "{} to {} ({} of {} dated)",
                        dates::display(&lo),
                        dates::display(&hi),
                        dated,
                        c.docs.len()
                    ),
                    None => "no dates found".into(),
                },
            );
            row(
                "Load time",
                format!(
                    "{:.0} ms reading, {:.0} ms counting",
                    c.load_ms, a.analyze_ms
                ),
            );
            row(
                "Problems",
                format!("{} ({} files skipped)", c.problems.len(), c.skipped()),
            );
        });
}
