//! A document of exported tables read again from the folder it was exported from, with its
//! own tokens, for the Reader: the tables hold counts, not texts.

use crate::analysis::{Analysis, analyze};
use crate::corpus::{Corpus, Document, load_file};
use crate::jobs::JobCtx;

/// The document `d` (from exported tables) read from its file, and its tokens; or one line
/// saying why it cannot be.
pub fn read_document(d: &Document) -> Result<(Document, Analysis), String> {
    if d.file.as_os_str().is_empty() {
        return Err(
            "The tables hold no texts, and the folder they were exported from cannot be read here."
                .into(),
        );
    }
    let (docs, _) = load_file(&d.file).map_err(|e| format!("The text cannot be read: {e}."))?;
    let Some(mut doc) = docs.into_iter().find(|x| x.index == d.index) else {
        return Err(format!(
            "{} no longer holds this article: it changed since the tables were exported.",
            d.file.display()
        ));
    };
    doc.path = d.path.clone();
    let c = Corpus {
        docs: vec![doc],
        ..Corpus::default()
    };
    let a = analyze(&c, &JobCtx::detached()).ok_or("cancelled")?;
    let doc = c.docs.into_iter().next().ok_or("no document")?;
    Ok((doc, a))
}
