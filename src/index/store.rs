//! The sections of an index file and their checks: records, texts, vocabulary, token stream,
//! spans and tokens per document. Everything read is checked to fit together before it is
//! used; a part that does not is reported as damage, never trusted.

use super::file::{IndexError, Reader, Writer};
use super::records::{Meta, MetaOut};
use crate::analysis::spans::{Spans, Wide};
use crate::analysis::{Analysis, Tokens};
use crate::corpus::{Corpus, Document, Text};
use crate::jobs::JobCtx;
use bytes::Bytes;
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
    /// Each document's text, taken out as documents are rebuilt.
    texts: Vec<Text>,
    /// The tokens of every document, in document order.
    pub tokens: Tokens,
}

fn damaged(why: &str) -> IndexError {
    IndexError::Damaged(why.to_string())
}

impl Stored {
    /// Stored document `d`, found at `file`; its record and text are moved out (each is
    /// asked for once).
    pub fn document(&mut self, d: usize, file: &Path) -> Document {
        let text = std::mem::take(&mut self.texts[d]);
        std::mem::take(&mut self.meta.docs[d]).into_document(text, file)
    }
}

/// Cuts the texts section into one text per document as its frames are decompressed: a text
/// that lies in one frame is a slice of it (no copy), one that spans frames is joined.
fn texts_of(r: &Reader, meta: &Meta) -> Result<Vec<Text>, IndexError> {
    let mut lens = meta.docs.iter().map(|d| usize::try_from(d.text_len));
    let mut texts = Vec::with_capacity(meta.docs.len());
    // The part of a text that began in an earlier frame, and the length of the text.
    let mut cur: Vec<u8> = Vec::new();
    let mut want: Option<usize> = None;
    let text = |b: Bytes| Text::try_from(b).map_err(|_| damaged("texts"));
    r.frames_of(TEXT, |frame| {
        let frame = Bytes::from(frame);
        let mut at = 0;
        loop {
            let n = match want {
                Some(n) => n,
                None => match lens.next() {
                    None if at == frame.len() => return Ok(()),
                    None => return Err(damaged("texts longer than their lengths")),
                    Some(Ok(n)) => n,
                    Some(Err(_)) => return Err(damaged("text lengths")),
                },
            };
            let rest = frame.len() - at;
            if cur.is_empty() && n <= rest {
                texts.push(text(frame.slice(at..at + n))?);
                at += n;
                want = None;
                continue;
            }
            let take = (n - cur.len()).min(rest);
            cur.extend_from_slice(&frame[at..at + take]);
            at += take;
            if cur.len() == n {
                texts.push(text(Bytes::from(std::mem::take(&mut cur)))?);
                want = None;
            } else {
                want = Some(n);
                return Ok(());
            }
        }
    })?;
    // Empty texts after the last frame.
    for n in lens {
        match n {
            Ok(0) if want.is_none() => texts.push(Text::default()),
            _ => return Err(damaged("texts shorter than their lengths")),
        }
    }
    if want.is_some() || texts.len() != meta.docs.len() {
        return Err(damaged("texts shorter than their lengths"));
    }
    Ok(texts)
}

/// Reads and checks every section of an index.
pub fn load(r: &Reader) -> Result<Stored, IndexError> {
    // Each section's frames are decompressed in parallel.
    let meta: Meta = postcard::from_bytes(&r.bytes(META)?)
        .map_err(|e| IndexError::Damaged(format!("records: {e}")))?;
    let vocab: Vec<String> = postcard::from_bytes(&r.bytes(VOCAB)?)
        .map_err(|e| IndexError::Damaged(format!("vocabulary: {e}")))?;
    let texts = texts_of(r, &meta)?;
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
    Ok(Stored {
        meta,
        texts,
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
    meta: &MetaOut,
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
