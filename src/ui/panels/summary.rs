//! Corpus panel: documents, words, distinct words, bytes, formats, date range, load time.

use crate::corpus::dates;
use crate::ui::session::Session;
use egui::Ui;

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

/// Formats a byte count as B, KB or MB.
pub fn human_bytes(b: u64) -> String {
    match b {
        0..1_000 => format!("{b} B"),
        1_000..1_000_000 => format!("{:.1} KB", b as f64 / 1e3),
        _ => format!("{:.1} MB", b as f64 / 1e6),
    }
}

/// Draws the panel.
pub fn show(ui: &mut Ui, s: &mut Session) {
    let Some(l) = s.loaded.as_ref() else {
        super::no_corpus(ui);
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
    }
}
