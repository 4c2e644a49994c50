//! The sections of an index file and their checks: records, texts, vocabulary, token stream,
//! spans and tokens per document. Everything read is checked to fit together before it is
//! used; a part that does not is reported as damage, never trusted.

use super::file::{IndexError, Reader, Writer};
use super::records::Meta;
use crate::analysis::spans::{Spans, Wide};
use crate::analysis::{Analysis, Tokens};
use crate::corpus::{Corpus, Document};
use crate::jobs::JobCtx;
use rayon::prelude::*;
use std::path::Path;

const META: [u8; 4] = *b"META";
const TEXT: [u8; 4] = *b"TEXT";
const VOCAB: [u8; 4] = *b"VOCB";
const STREAM: [u8; 4] = *b"STRM";
const CODE: [u8; 4] = *b"SPNC";
const LEN: [u8; 4] = *b"SPNL";
const WIDE: [u8; 4] = *b"SPNW";
const DOC_TOKENS: [u8; 4] = *b"DTOK";

/// What an index holds, read back.
#[derive(Default)]
pub struct Stored {
    /// Files and documents.
    pub meta: Meta,
    text: Vec<u8>,
    text_start: Vec<usize>,
    /// The tokens of every document, in document order.
    pub tokens: Tokens,
}

fn damaged(why: &str) -> IndexError {
    IndexError::Damaged(why.to_string())
}

impl Stored {
    /// Stored document `d`, found at `file`.
    pub fn document(&self, d: usize, file: &Path) -> Document {
        let (a, b) = (self.text_start[d], self.text_start[d + 1]);
        // Checked to be UTF-8 when read.
        let text = String::from_utf8_lossy(&self.text[a..b]).into_owned();
        self.meta.docs[d].to_document(text, file)
    }
}

/// Reads and checks every section of an index.
pub fn load(r: &Reader) -> Result<Stored, IndexError> {
    // Each section's frames are decompressed in parallel.
    let meta: Meta = postcard::from_bytes(&r.bytes(META)?)
        .map_err(|e| IndexError::Damaged(format!("records: {e}")))?;
    let vocab: Vec<String> = postcard::from_bytes(&r.bytes(VOCAB)?)
        .map_err(|e| IndexError::Damaged(format!("vocabulary: {e}")))?;
    let text = r.bytes(TEXT)?;
    let stream = r.numbers::<u32>(STREAM)?;
    let code = r.bytes(CODE)?;
    let len = r.bytes(LEN)?;
    let wide = r.numbers::<u32>(WIDE)?;
    let doc_tokens = r.numbers::<u32>(DOC_TOKENS)?;
    let wide: Vec<Wide> = wide.chunks_exact(3).map(|w| (w[0], w[1], w[2])).collect();
    let spans = Spans::from_parts(code, len, wide).ok_or_else(|| damaged("token spans"))?;

    let docs = meta.docs.len();
    let files_docs: u64 = meta.files.iter().map(|f| u64::from(f.docs)).sum();
    if files_docs != docs as u64 || doc_tokens.len() != docs {
        return Err(damaged("document counts differ"));
    }
    let total: u64 = doc_tokens.iter().map(|&n| u64::from(n)).sum();
    if total != stream.len() as u64 || spans.len() != stream.len() {
        return Err(damaged("token counts differ"));
    }
    let n = vocab.len() as u32;
    if stream.par_iter().any(|&t| t >= n) || !vocab.windows(2).all(|w| w[0] < w[1]) {
        return Err(damaged("vocabulary"));
    }
    let mut text_start = Vec::with_capacity(docs + 1);
    text_start.push(0usize);
    for d in &meta.docs {
        let next = usize::try_from(d.text_len)
            .ok()
            .and_then(|l| text_start.last().and_then(|&s: &usize| s.checked_add(l)));
        text_start.push(next.ok_or_else(|| damaged("text lengths"))?);
    }
    if text_start.last().copied() != Some(text.len()) {
        return Err(damaged("text lengths"));
    }
    let utf8 = (0..docs)
        .into_par_iter()
        .all(|d| std::str::from_utf8(&text[text_start[d]..text_start[d + 1]]).is_ok());
    if !utf8 {
        return Err(damaged("texts"));
    }
    Ok(Stored {
        meta,
        text,
        text_start,
        tokens: Tokens {
            vocab,
            stream,
            spans,
            doc_tokens,
        },
    })
}

/// Writes the index of a corpus and its analysis to `path`; returns its size in bytes.
pub fn save(
    path: &Path,
    root: &str,
    meta: &Meta,
    corpus: &Corpus,
    a: &Analysis,
    ctx: &JobCtx,
) -> Result<u64, IndexError> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or_default();
    let stamp = nanos ^ (u64::from(std::process::id()) << 32);
    let mut w = Writer::create(path, stamp, root)?;
    let cancelled = || IndexError::Damaged("saving was cancelled".into());
    let records = postcard::to_stdvec(meta).map_err(|e| IndexError::Damaged(e.to_string()))?;
    w.section(META, &records)?;
    drop(records);
    let vocab = postcard::to_stdvec(&a.vocab).map_err(|e| IndexError::Damaged(e.to_string()))?;
    w.section(VOCAB, &vocab)?;
    drop(vocab);
    if ctx.is_cancelled() {
        return Err(cancelled());
    }
    // Texts go out in runs of documents, not as one copy of them all.
    w.begin(TEXT);
    let mut buf = Vec::with_capacity(Writer::batch());
    for d in &corpus.docs {
        buf.extend_from_slice(d.text.as_bytes());
        if buf.len() >= Writer::batch() {
            w.write(&buf)?;
            buf.clear();
        }
    }
    w.write(&buf)?;
    drop(buf);
    if ctx.is_cancelled() {
        return Err(cancelled());
    }
    w.section(STREAM, bytemuck::cast_slice(&a.stream))?;
    let (code, len, wide) = a.spans.parts();
    w.section(CODE, code)?;
    w.section(LEN, len)?;
    let flat: Vec<u32> = wide.iter().flat_map(|&(p, s, e)| [p, s, e]).collect();
    w.section(WIDE, bytemuck::cast_slice(&flat))?;
    w.section(DOC_TOKENS, bytemuck::cast_slice(&a.doc_tokens))?;
    if ctx.is_cancelled() {
        return Err(cancelled());
    }
    w.finish()
}
