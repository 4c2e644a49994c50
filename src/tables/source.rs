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

/// Documents of exported tables read from their folder for a concordance, with their tokens.
pub struct ReadForQuery {
    /// The documents read, in corpus order.
    pub corpus: Corpus,
    /// Their tokens.
    pub analysis: Analysis,
    /// Each one's number in the corpus of the tables.
    pub ids: Vec<crate::analysis::DocId>,
    /// Documents that may hold a hit, of which the first `ids.len()` (at most the cap) were read.
    pub candidates: usize,
    /// Documents that could not be read, with why.
    pub unread: Vec<String>,
}

/// Reads from their folder the first `cap` documents of `c` (from exported tables, whose
/// counts are `a`) that can hold a hit of `query`, within `within` when given.
pub fn read_for_query(
    c: &Corpus,
    a: &Analysis,
    query: &str,
    within: Option<&crate::analysis::docset::DocSet>,
    cap: usize,
) -> Result<ReadForQuery, String> {
    use crate::analysis::kwic::{Query, candidates};
    use rayon::prelude::*;
    let q = Query::parse(query, a).map_err(|e| e.to_string())?;
    let all = candidates(a, &q, within);
    let read: Vec<(crate::analysis::DocId, Result<Document, String>)> = all
        .par_iter()
        .take(cap)
        .map(|&d| {
            let doc = &c.docs[d as usize];
            let got = if doc.file.as_os_str().is_empty() {
                Err("the folder it was exported from cannot be read here".to_string())
            } else {
                load_file(&doc.file)
                    .map_err(|e| e.to_string())
                    .and_then(|(docs, _)| {
                        docs.into_iter()
                            .find(|x| x.index == doc.index)
                            .ok_or_else(|| "it changed since the export".to_string())
                    })
                    .map(|mut x| {
                        x.path = doc.path.clone();
                        x
                    })
            };
            (d, got)
        })
        .collect();
    let mut docs = Vec::new();
    let mut ids = Vec::new();
    let mut unread = Vec::new();
    for (d, got) in read {
        match got {
            Ok(doc) => {
                docs.push(doc);
                ids.push(d);
            }
            Err(why) => unread.push(format!("{}: {why}", c.docs[d as usize].label())),
        }
    }
    let corpus = Corpus {
        docs,
        ..Corpus::default()
    };
    let analysis = analyze(&corpus, &JobCtx::detached()).ok_or("cancelled")?;
    Ok(ReadForQuery {
        corpus,
        analysis,
        ids,
        candidates: all.len(),
        unread,
    })
}
