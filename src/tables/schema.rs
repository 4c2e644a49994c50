//! The four tables' columns and Arrow types, shared by the writer and the reader so that what
//! is written is exactly what is checked when an export is opened.

use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use std::sync::Arc;

/// One table of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// One row per document.
    Documents,
    /// One row per word per document.
    Terms,
    /// One row per entity mention.
    Mentions,
    /// One row per entity.
    Entities,
}

impl Table {
    /// Every table, in the order they are written.
    pub const ALL: [Table; 4] = [
        Table::Documents,
        Table::Terms,
        Table::Mentions,
        Table::Entities,
    ];

    /// The table's name, which is also its folder in an export.
    pub fn name(self) -> &'static str {
        match self {
            Table::Documents => "documents",
            Table::Terms => "terms",
            Table::Mentions => "mentions",
            Table::Entities => "entities",
        }
    }

    /// The table's columns.
    pub fn schema(self) -> SchemaRef {
        let text = |name: &str| Field::new(name, DataType::Utf8, false);
        let maybe_text = |name: &str| Field::new(name, DataType::Utf8, true);
        let int = |name: &str| Field::new(name, DataType::Int64, false);
        let list = |name: &str| {
            Field::new(
                name,
                DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
                false,
            )
        };
        let fields = match self {
            Table::Documents => vec![
                text("doc_id"),
                text("path"),
                text("title"),
                Field::new(
                    "date",
                    DataType::Timestamp(TimeUnit::Microsecond, None),
                    true,
                ),
                list("authors"),
                maybe_text("source"),
                maybe_text("dateline"),
                maybe_text("url"),
                text("format"),
                int("tokens"),
                int("sentences"),
                int("paragraphs"),
            ],
            Table::Terms => vec![
                text("doc_id"),
                text("term"),
                int("count"),
                Field::new("is_stop", DataType::Boolean, false),
            ],
            Table::Mentions => vec![
                text("doc_id"),
                int("start"),
                int("end"),
                text("label"),
                text("text"),
                text("entity"),
                int("sentence"),
                int("paragraph"),
                int("token"),
            ],
            Table::Entities => vec![
                text("entity"),
                text("label"),
                int("mentions"),
                int("documents"),
                list("forms"),
            ],
        };
        Arc::new(Schema::new(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_the_documented_columns() {
        let names = |t: Table| -> Vec<String> {
            t.schema()
                .fields()
                .iter()
                .map(|f| f.name().clone())
                .collect()
        };
        assert_eq!(names(Table::Terms), ["doc_id", "term", "count", "is_stop"]);
        assert_eq!(
            names(Table::Mentions),
            [
                "doc_id",
                "start",
                "end",
                "label",
                "text",
                "entity",
                "sentence",
                "paragraph",
                "token"
            ]
        );
        assert_eq!(
            names(Table::Entities),
            ["entity", "label", "mentions", "documents", "forms"]
        );
        assert_eq!(
            names(Table::Documents)[..4],
            ["doc_id", "path", "title", "date"]
        );
    }
}
