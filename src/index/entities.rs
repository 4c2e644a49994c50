//! The saved mentions of a folder's documents, beside its index: recognition (the slow step of
//! the entity panels and `quarry graph`) runs only on documents whose text it has not seen.
//! Kept per folder and per list of the user's names; any other list starts afresh.

use super::Options;
use super::dirs;
use super::file::{IndexError, Reader, Writer};
use crate::corpus::Corpus;
use crate::jobs::JobCtx;
use crate::ner::Recognizer;
use crate::ner::catalog::{KnownMentions, Recognised, recognise, recognise_reusing};
use crate::ner::hash::hash_bytes;

const WHO: [u8; 4] = *b"WHO ";
const MENTIONS: [u8; 4] = *b"MENT";

/// What the saved mentions were recognised with: Quarry's version and the user's names.
fn recogniser_id(names: &str) -> Vec<u8> {
    format!(
        "{} {:016x}",
        env!("CARGO_PKG_VERSION"),
        hash_bytes(names.as_bytes())
    )
    .into_bytes()
}

fn read(path: &std::path::Path, root: &str, who: &[u8]) -> Result<KnownMentions, IndexError> {
    let r = Reader::open(path)?;
    if r.head.root != root || r.bytes(WHO)? != who {
        return Ok(KnownMentions::default());
    }
    postcard::from_bytes(&r.bytes(MENTIONS)?)
        .map_err(|e| IndexError::Damaged(format!("mentions: {e}")))
}

/// Recognises the mentions of every document of `c` with `rec` (built with the user's
/// `names`), taking those of documents seen before from the folder's saved mentions and
/// saving them again when any were new; `None` if cancelled.
pub fn recognise_saved(
    c: &Corpus,
    rec: &Recognizer,
    names: &str,
    opts: &Options,
    ctx: &JobCtx,
) -> Option<Recognised> {
    let Some(cache) = &opts.cache else {
        return recognise(c, rec, ctx);
    };
    let root = dirs::root_name(std::slice::from_ref(&c.root));
    let path = dirs::entities_path(cache, &root);
    let who = recogniser_id(names);
    let known = read(&path, &root, &who).unwrap_or_default();
    let (found, reused) = recognise_reusing(c, rec, &known, ctx)?;
    // Written again only when something was new; it then holds just this corpus's documents.
    if reused < c.docs.len() {
        let now = KnownMentions::of(c, &found);
        let saved = postcard::to_stdvec(&now)
            .map_err(|e| IndexError::Damaged(e.to_string()))
            .and_then(|bytes| {
                let mut w = Writer::create(&path, 0, &root)?;
                w.section(WHO, &who)?;
                w.section(MENTIONS, &bytes)?;
                w.finish()
            });
        // Not saved is only slower next time; the mentions are right either way.
        let _ = saved;
    }
    Some(found)
}
