//! Reading one Parquet file's columns by name, whichever string or integer width an engine
//! wrote them with, and saying which file and column is wrong when one is missing or of
//! another kind.

use super::TableError;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Int8Type, Int16Type, Int32Type, Int64Type, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Schema, TimeUnit};
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::path::Path;

/// What a column must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Text (any string width).
    Text,
    /// Whole numbers (any integer width).
    Int,
    /// A timestamp (any unit).
    Time,
    /// A list of text.
    TextList,
}

impl Kind {
    fn accepts(self, t: &DataType) -> bool {
        match self {
            Kind::Text => matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View),
            Kind::Int => t.is_integer(),
            Kind::Time => matches!(t, DataType::Timestamp(_, _)),
            Kind::TextList => match t {
                DataType::List(f) | DataType::LargeList(f) => Kind::Text.accepts(f.data_type()),
                _ => false,
            },
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Int => "integers",
            Kind::Time => "timestamps",
            Kind::TextList => "lists of text",
        }
    }
}

/// A column wanted from a table: its name, what it holds, and whether it may be absent.
#[derive(Debug, Clone, Copy)]
pub(super) struct Want {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

/// What [`read_columns`] calls with each batch and each wanted column's position in it.
pub(super) type EachBatch<'a> =
    dyn FnMut(&RecordBatch, &[Option<usize>]) -> Result<(), TableError> + 'a;

/// Reads the wanted columns of the Parquet file `path`, batch by batch, calling `each` with
/// the batch and each wanted column's position in it (`None` for an absent optional one).
pub(super) fn read_columns(
    path: &Path,
    wants: &[Want],
    each: &mut EachBatch<'_>,
) -> Result<(), TableError> {
    let file = std::fs::File::open(path).map_err(|e| TableError::io(path, e))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file)
        .map_err(|e| TableError::parquet(path, format!("not a readable Parquet file ({e})")))?;
    let schema: &Schema = builder.schema();
    let mut roots = Vec::new();
    for w in wants {
        match schema.index_of(w.name) {
            Ok(i) => {
                let t = schema.field(i).data_type();
                if !w.kind.accepts(t) {
                    return Err(TableError::parquet(
                        path,
                        format!(
                            "column \"{}\" holds {t}, expected {}",
                            w.name,
                            w.kind.name()
                        ),
                    ));
                }
                roots.push(i);
            }
            Err(_) if w.required => {
                return Err(TableError::parquet(
                    path,
                    format!("column \"{}\" is missing", w.name),
                ));
            }
            Err(_) => {}
        }
    }
    roots.sort_unstable();
    let mask = ProjectionMask::roots(builder.parquet_schema(), roots);
    let reader = builder
        .with_projection(mask)
        .with_batch_size(64 * 1024)
        .build()
        .map_err(|e| TableError::parquet(path, e))?;
    for batch in reader {
        let batch = batch.map_err(|e| TableError::parquet(path, format!("damaged ({e})")))?;
        let at: Vec<Option<usize>> = wants
            .iter()
            .map(|w| batch.schema().index_of(w.name).ok())
            .collect();
        each(&batch, &at)?;
    }
    Ok(())
}

/// The texts of a column (empty strings for nulls).
pub(super) fn texts(col: &ArrayRef) -> Vec<Option<&str>> {
    if let Some(a) = col.as_string_opt::<i32>() {
        a.iter().collect()
    } else if let Some(a) = col.as_string_opt::<i64>() {
        a.iter().collect()
    } else if let Some(a) = col.as_string_view_opt() {
        a.iter().collect()
    } else {
        vec![None; col.len()]
    }
}

/// The integers of a column, whatever their width.
pub(super) fn ints(col: &ArrayRef) -> Vec<Option<i64>> {
    macro_rules! widen {
        ($t:ty) => {
            col.as_primitive::<$t>()
                .iter()
                .map(|v| v.map(|x| x as i64))
                .collect()
        };
    }
    match col.data_type() {
        DataType::Int8 => widen!(Int8Type),
        DataType::Int16 => widen!(Int16Type),
        DataType::Int32 => widen!(Int32Type),
        DataType::Int64 => widen!(Int64Type),
        DataType::UInt8 => widen!(UInt8Type),
        DataType::UInt16 => widen!(UInt16Type),
        DataType::UInt32 => widen!(UInt32Type),
        DataType::UInt64 => widen!(UInt64Type),
        _ => vec![None; col.len()],
    }
}

/// The timestamps of a column as microseconds, whatever their unit.
pub(super) fn micros(col: &ArrayRef) -> Vec<Option<i64>> {
    match col.data_type() {
        DataType::Timestamp(TimeUnit::Second, _) => col
            .as_primitive::<TimestampSecondType>()
            .iter()
            .map(|v| v.map(|x| x.saturating_mul(1_000_000)))
            .collect(),
        DataType::Timestamp(TimeUnit::Millisecond, _) => col
            .as_primitive::<TimestampMillisecondType>()
            .iter()
            .map(|v| v.map(|x| x.saturating_mul(1_000)))
            .collect(),
        DataType::Timestamp(TimeUnit::Microsecond, _) => col
            .as_primitive::<TimestampMicrosecondType>()
            .iter()
            .collect(),
        DataType::Timestamp(TimeUnit::Nanosecond, _) => col
            .as_primitive::<TimestampNanosecondType>()
            .iter()
            .map(|v| v.map(|x| x / 1_000))
            .collect(),
        _ => vec![None; col.len()],
    }
}

/// The lists of texts of a column (empty lists for nulls).
pub(super) fn text_lists(col: &ArrayRef) -> Vec<Vec<String>> {
    let each = |v: Option<ArrayRef>| -> Vec<String> {
        v.map(|a| {
            texts(&a)
                .into_iter()
                .flatten()
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
    };
    if let Some(l) = col.as_list_opt::<i32>() {
        l.iter().map(each).collect()
    } else if let Some(l) = col.as_list_opt::<i64>() {
        l.iter().map(each).collect()
    } else {
        vec![Vec::new(); col.len()]
    }
}
