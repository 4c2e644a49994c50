//! The list of documents the Documents panel shows: which documents a selection allows (a word,
//! a date scope, entities that must be mentioned), which of them hold a filter text, and their
//! order by a column.

use super::DocId;
use super::docset::DocSet;
use super::kwic::Hit;
use crate::corpus::Corpus;
use crate::jobs::{JobCtx, Phase};
use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use std::sync::atomic::Ordering;

/// A sortable column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Headline.
    Title,
    /// Publication date.
    Date,
    /// Byline and source.
    Source,
    /// Word count.
    Words,
    /// File format.
    Format,
    /// Path in the folder.
    #[default]
    Path,
}

/// Where the documents of the selected word come from.
#[derive(Debug, Clone, Copy)]
pub enum WordDocs<'a> {
    /// No word is selected: every document in the scope.
    All,
    /// The hits of the selected word or phrase, in corpus order, already within the scope.
    Hits(&'a [Hit]),
    /// The sorted documents of a single word (its postings), while its hits are not yet found;
    /// those outside the scope are left out.
    Postings(&'a [DocId]),
}

/// Documents the selection allows, before any filter text, in document order: those with the
/// selected word in the scope (of `docs` documents in all) that appear in every list of
/// `required` (each sorted: the documents of a selected entity, or of each end of a link).
pub fn candidates(
    docs: usize,
    word: WordDocs<'_>,
    scope: Option<&DocSet>,
    required: &[&[DocId]],
) -> Vec<DocId> {
    let in_scope = |d: &DocId| scope.is_none_or(|sc| sc.contains(*d));
    let mut out: Vec<DocId> = match word {
        WordDocs::Hits(hits) => {
            let mut d: Vec<DocId> = hits.iter().map(|h| h.doc).collect();
            d.dedup();
            d
        }
        WordDocs::Postings(p) => p.iter().copied().filter(in_scope).collect(),
        WordDocs::All => (0..docs as DocId).filter(in_scope).collect(),
    };
    for list in required {
        out.retain(|d| list.binary_search(d).is_ok());
    }
    out
}

/// Documents per step of the filter: progress and cancellation are checked between steps.
const FILTER_CHUNK: usize = 256;

/// Documents whose title or text contains `needle` (any case), among `candidates`, in their
/// order; as a job, it reports progress and gives `None` once cancelled.
pub fn filter_docs_in_job(
    corpus: &Corpus,
    candidates: Vec<DocId>,
    needle: &str,
    ctx: &JobCtx,
) -> Option<Vec<DocId>> {
    let needle = needle.trim();
    if needle.is_empty() {
        return Some(candidates);
    }
    let Ok(ac) = AhoCorasick::builder().ascii_case_insensitive(true).build([
        needle,
        needle.to_lowercase().as_str(),
        needle.to_uppercase().as_str(),
    ]) else {
        return Some(candidates);
    };
    ctx.progress
        .set_phase(Phase::Analyzing, candidates.len() as u64);
    let rows: Vec<DocId> = candidates
        .par_chunks(FILTER_CHUNK)
        .flat_map_iter(|chunk| {
            let kept: Vec<DocId> = if ctx.is_cancelled() {
                Vec::new()
            } else {
                chunk
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let d = &corpus.docs[i as usize];
                        ac.is_match(&d.title) || ac.is_match(&d.text)
                    })
                    .collect()
            };
            ctx.progress
                .done
                .fetch_add(chunk.len() as u64, Ordering::Relaxed);
            ctx.wake();
            kept
        })
        .collect();
    (!ctx.is_cancelled()).then_some(rows)
}

/// Sorts document ids by a column (`words` holds each document's word count), ties broken by
/// path then index. Text keys are computed once per document, not once per comparison.
pub fn sort_docs(corpus: &Corpus, words: &[u32], rows: &mut [DocId], by: SortBy, descending: bool) {
    let doc = |i: DocId| &corpus.docs[i as usize];
    let tie = |a: DocId, b: DocId| {
        let (da, db) = (doc(a), doc(b));
        (&da.path, da.index).cmp(&(&db.path, db.index))
    };
    let dir = |o: std::cmp::Ordering| if descending { o.reverse() } else { o };
    match by {
        SortBy::Title | SortBy::Source => {
            let mut keyed: Vec<(String, DocId)> = rows
                .par_iter()
                .map(|&i| {
                    let d = doc(i);
                    let key = if by == SortBy::Title {
                        d.title.to_lowercase()
                    } else {
                        d.byline().to_lowercase()
                    };
                    (key, i)
                })
                .collect();
            keyed.par_sort_by(|(ka, a), (kb, b)| dir(ka.cmp(kb)).then_with(|| tie(*a, *b)));
            for (slot, (_, i)) in rows.iter_mut().zip(keyed) {
                *slot = i;
            }
        }
        SortBy::Date => {
            rows.par_sort_by(|&a, &b| dir(doc(a).date.cmp(&doc(b).date)).then_with(|| tie(a, b)))
        }
        SortBy::Words => rows.par_sort_by(|&a, &b| {
            dir(words[a as usize].cmp(&words[b as usize])).then_with(|| tie(a, b))
        }),
        SortBy::Format => rows
            .par_sort_by(|&a, &b| dir(doc(a).format.cmp(&doc(b).format)).then_with(|| tie(a, b))),
        SortBy::Path => rows.par_sort_by(|&a, &b| dir(tie(a, b))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;

    fn corpus() -> Corpus {
        let doc = |path: &str, title: &str, text: &str| Document {
            path: path.into(),
            title: title.into(),
            text: text.into(),
            ..Default::default()
        };
        Corpus {
            docs: vec![
                doc("a.txt", "beta talks", "Envoys met in Geneva."),
                doc("b.txt", "Alpha vote", "The UN voted."),
                doc("c.txt", "gamma prices", "Oil rose; GENEVA traders."),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn sorts_titles_ignoring_case_both_ways() {
        let c = corpus();
        let mut rows = vec![0, 1, 2];
        sort_docs(&c, &[3, 3, 4], &mut rows, SortBy::Title, false);
        assert_eq!(rows, [1, 0, 2]);
        sort_docs(&c, &[3, 3, 4], &mut rows, SortBy::Title, true);
        assert_eq!(rows, [2, 0, 1]);
        // Equal word counts fall back to path order.
        sort_docs(&c, &[3, 3, 4], &mut rows, SortBy::Words, true);
        assert_eq!(rows, [2, 0, 1]);
        sort_docs(&c, &[3, 3, 4], &mut rows, SortBy::Path, false);
        assert_eq!(rows, [0, 1, 2]);
    }

    fn filter_docs(corpus: &Corpus, candidates: Vec<DocId>, needle: &str) -> Vec<DocId> {
        filter_docs_in_job(corpus, candidates, needle, &JobCtx::detached()).unwrap_or_default()
    }

    #[test]
    fn filter_matches_text_and_title_any_case() {
        let c = corpus();
        assert_eq!(filter_docs(&c, vec![0, 1, 2], "geneva"), [0, 2]);
        assert_eq!(filter_docs(&c, vec![0, 1, 2], "ALPHA"), [1]);
        assert_eq!(filter_docs(&c, vec![0, 1, 2], "  "), [0, 1, 2]);
        assert!(filter_docs(&c, vec![0, 1, 2], "nowhere").is_empty());
    }

    #[test]
    fn filter_job_reports_every_document_it_reads() {
        let c = corpus();
        let ctx = JobCtx::detached();
        let rows = filter_docs_in_job(&c, vec![2, 1, 0], "GENEVA", &ctx);
        // Candidates keep their order.
        assert_eq!(rows, Some(vec![2, 0]));
        let p = ctx.progress.snapshot();
        assert_eq!((p.done, p.total), (3, 3));
    }

    #[test]
    fn filter_job_gives_nothing_once_cancelled() {
        let job = crate::jobs::Job::spawn("filter", crate::jobs::no_waker(), |ctx| {
            while !ctx.is_cancelled() {
                std::thread::yield_now();
            }
            filter_docs_in_job(&corpus(), vec![0, 1, 2], "geneva", ctx)
        })
        .expect("spawn");
        job.cancel();
        assert_eq!(job.wait(), Some(None));
    }

    #[test]
    fn candidates_follow_word_scope_and_entities() {
        let scope = DocSet::from_ids(6, [1, 2, 4, 5]);
        assert_eq!(candidates(6, WordDocs::All, None, &[]), [0, 1, 2, 3, 4, 5]);
        assert_eq!(
            candidates(6, WordDocs::All, Some(&scope), &[]),
            [1, 2, 4, 5]
        );
        // Postings are cut to the scope; hits are taken as found, one entry per document.
        let postings = [0, 2, 3, 5];
        let got = candidates(6, WordDocs::Postings(&postings), Some(&scope), &[]);
        assert_eq!(got, [2, 5]);
        let hit = |doc, pos| Hit { doc, pos, len: 1 };
        let hits = [hit(0, 1), hit(0, 7), hit(3, 20), hit(3, 22), hit(4, 30)];
        assert_eq!(
            candidates(6, WordDocs::Hits(&hits), Some(&scope), &[]),
            [0, 3, 4]
        );
        // Every required list must hold the document.
        let (a, b): (&[DocId], &[DocId]) = (&[1, 2, 5], &[0, 2, 4, 5]);
        assert_eq!(candidates(6, WordDocs::All, Some(&scope), &[a]), [1, 2, 5]);
        assert_eq!(candidates(6, WordDocs::All, Some(&scope), &[a, b]), [2, 5]);
        assert_eq!(candidates(6, WordDocs::Hits(&hits), None, &[b]), [0, 4]);
    }
}
