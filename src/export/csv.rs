//! CSV writing (RFC 4180): every table the app exports (words, keywords, concordance,
//! entities, nodes, edges).
//!
//! Records end with `\r\n`, as RFC 4180 specifies (spreadsheets read it everywhere). A field
//! is quoted when it contains a comma, a double quote, a carriage return or a line feed, and a
//! double quote inside a quoted field is doubled. Text is written as UTF-8 without a byte
//! order mark.

use std::io::{self, Write};
use std::path::Path;

/// Record separator.
pub const LINE_END: &str = "\r\n";

/// Appends one field, quoted if needed.
fn push_field(field: &str, out: &mut String) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        for c in field.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// Appends one record (fields separated by commas, then [`LINE_END`]).
pub fn push_record<S: AsRef<str>>(fields: impl IntoIterator<Item = S>, out: &mut String) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(f.as_ref(), out);
    }
    out.push_str(LINE_END);
}

/// The whole table as CSV text: header record, then one record per row.
pub fn to_string<H, R, S>(header: &[H], rows: impl IntoIterator<Item = R>) -> String
where
    H: AsRef<str>,
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::new();
    push_record(header, &mut out);
    for row in rows {
        push_record(row, &mut out);
    }
    out
}

/// Writes the table to `w`, record by record.
pub fn write<H, R, S>(
    w: &mut dyn Write,
    header: &[H],
    rows: impl IntoIterator<Item = R>,
) -> io::Result<()>
where
    H: AsRef<str>,
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut line = String::new();
    push_record(header, &mut line);
    w.write_all(line.as_bytes())?;
    for row in rows {
        line.clear();
        push_record(row, &mut line);
        w.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// Saves the table to `path` atomically (see [`super::write_atomic`]).
pub fn save<H, R, S>(path: &Path, header: &[H], rows: impl IntoIterator<Item = R>) -> io::Result<()>
where
    H: AsRef<str>,
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    super::write_atomic(path, |w| write(w, header, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        let rows = vec![
            vec!["plain", "with,comma", "say \"hi\""],
            vec!["two\nlines", "cr\rhere", ""],
        ];
        let got = to_string(&["a", "b", "c"], rows);
        assert_eq!(
            got,
            "a,b,c\r\nplain,\"with,comma\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",\"cr\rhere\",\r\n"
        );
    }

    #[test]
    fn empty_table_has_header_only() {
        let none: Vec<Vec<String>> = Vec::new();
        assert_eq!(to_string(&["word", "count"], none), "word,count\r\n");
        let empty_header: [&str; 0] = [];
        assert_eq!(to_string(&empty_header, [["x"]]), "\r\nx\r\n");
    }

    #[test]
    fn saves_the_same_text() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("words.csv");
        let rows = [["über", "3"], ["a,b", "1"]];
        save(&path, &["word", "count"], rows).expect("save");
        let text = std::fs::read_to_string(&path).expect("read");
        assert_eq!(text, to_string(&["word", "count"], rows));
        assert_eq!(text, "word,count\r\nüber,3\r\n\"a,b\",1\r\n");
    }
}
