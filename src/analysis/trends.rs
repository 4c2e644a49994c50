//! Word frequency over time: occurrences per million tokens in bins of days, weeks, months or
//! years (chosen from the span of dates), or in runs of documents when there are no dates.

use super::docset::DocSet;
use super::{Analysis, DocId, TermId};
use crate::corpus::Corpus;
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// Width of a time bin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Binning {
    /// One bin per day.
    Day,
    /// Weeks starting on Monday.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
    /// Runs of this many documents, in corpus order (for undated corpora).
    Documents(u32),
}

impl Binning {
    /// A bin width giving a readable number of bins for dates from `first` to `last`.
    pub fn auto(first: NaiveDate, last: NaiveDate) -> Binning {
        let days = (last - first).num_days();
        if days <= 62 {
            Binning::Day
        } else if days <= 600 {
            Binning::Week
        } else if days <= 3650 * 2 {
            Binning::Month
        } else {
            Binning::Year
        }
    }

    /// The first day of the bin holding `d`.
    pub fn floor(self, d: NaiveDate) -> NaiveDate {
        match self {
            Binning::Day | Binning::Documents(_) => d,
            Binning::Week => d - Duration::days(d.weekday().num_days_from_monday() as i64),
            Binning::Month => d.with_day(1).unwrap_or(d),
            Binning::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
        }
    }

    /// The first day of the next bin.
    pub fn next(self, d: NaiveDate) -> NaiveDate {
        match self {
            Binning::Day | Binning::Documents(_) => d + Duration::days(1),
            Binning::Week => d + Duration::days(7),
            Binning::Month => d
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(d + Duration::days(31)),
            Binning::Year => NaiveDate::from_ymd_opt(d.year() + 1, 1, 1).unwrap_or(d),
        }
    }

    /// Name for a legend or axis.
    pub fn name(self) -> &'static str {
        match self {
            Binning::Day => "day",
            Binning::Week => "week",
            Binning::Month => "month",
            Binning::Year => "year",
            Binning::Documents(_) => "documents",
        }
    }
}

/// One bin of a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bin {
    /// First day of the bin (dated corpora).
    pub start: Option<NaiveDate>,
    /// First document of the bin in corpus order (undated corpora).
    pub first_doc: u32,
    /// Tokens of the documents in the bin.
    pub tokens: u64,
    /// Documents in the bin.
    pub documents: u32,
}

/// Frequencies of some words per bin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trends {
    /// The bin width used.
    pub binning: Binning,
    /// Bins in order; dated bins are contiguous (empty ones included).
    pub bins: Vec<Bin>,
    /// For each word asked, occurrences per bin.
    pub counts: Vec<Vec<u64>>,
}

impl Trends {
    /// Occurrences per million tokens of word `i` in bin `b` (0 for an empty bin).
    pub fn per_million(&self, i: usize, b: usize) -> f64 {
        let t = self.bins[b].tokens;
        if t == 0 {
            0.0
        } else {
            self.counts[i][b] as f64 * 1e6 / t as f64
        }
    }
}

/// Counts `terms` per bin over the documents in `within` (all when `None`). Dated corpora are
/// binned by date (undated documents left out); a corpus with no dates by document order.
pub fn trends(
    a: &Analysis,
    corpus: &Corpus,
    terms: &[TermId],
    within: Option<&DocSet>,
    binning: Option<Binning>,
) -> Trends {
    let series: Vec<Vec<(DocId, u32)>> = terms.iter().map(|&t| a.postings(t).collect()).collect();
    trends_of(a, corpus, &series, within, binning)
}

/// Occurrences per document of a word, or of anything a concordance query finds (a phrase,
/// a wildcard, a regular expression), as `(document, count)` in document order; `None` when
/// the query is not valid.
pub fn occurrences(a: &Analysis, query: &str) -> Option<Vec<(DocId, u32)>> {
    if let Some(t) = a.term(query) {
        return Some(a.postings(t).collect());
    }
    let q = crate::analysis::kwic::Query::parse(query, a).ok()?;
    let mut out: Vec<(DocId, u32)> = Vec::new();
    for h in crate::analysis::kwic::search(a, &q, None) {
        match out.last_mut() {
            Some((d, n)) if *d == h.doc => *n += 1,
            _ => out.push((h.doc, 1)),
        }
    }
    Some(out)
}

/// Occurrences of each series binned like [`trends`]; a series is its occurrences per
/// document, `(document, count)` — a word's postings, or a phrase's hits counted by document.
pub fn trends_of(
    a: &Analysis,
    corpus: &Corpus,
    series: &[Vec<(DocId, u32)>],
    within: Option<&DocSet>,
    binning: Option<Binning>,
) -> Trends {
    let n_docs = a.doc_tokens.len();
    let keep = |d: DocId| within.is_none_or(|s| s.contains(d));
    let dates: Vec<Option<NaiveDate>> = corpus
        .docs
        .iter()
        .map(|d| d.date.map(|t| t.date()))
        .collect();
    let range = (0..n_docs as DocId)
        .filter(|&d| keep(d))
        .filter_map(|d| dates.get(d as usize).copied().flatten())
        .fold(None, |r: Option<(NaiveDate, NaiveDate)>, x| match r {
            None => Some((x, x)),
            Some((a, b)) => Some((a.min(x), b.max(x))),
        });
    // Which bin each document falls in, if any.
    let (binning, bins, bin_of): (Binning, Vec<Bin>, Vec<Option<usize>>) = match range {
        Some((first, last)) => {
            let binning = match binning {
                Some(b @ (Binning::Day | Binning::Week | Binning::Month | Binning::Year)) => b,
                _ => Binning::auto(first, last),
            };
            let mut starts = vec![binning.floor(first)];
            while let Some(&s) = starts.last() {
                let next = binning.next(s);
                if next > last || next <= s || starts.len() > 100_000 {
                    break;
                }
                starts.push(next);
            }
            let bins = starts
                .iter()
                .map(|&s| Bin {
                    start: Some(s),
                    first_doc: 0,
                    tokens: 0,
                    documents: 0,
                })
                .collect();
            let bin_of = (0..n_docs)
                .map(|d| {
                    let day = dates.get(d).copied().flatten()?;
                    let f = binning.floor(day);
                    starts.binary_search(&f).ok()
                })
                .collect();
            (binning, bins, bin_of)
        }
        None => {
            let kept: Vec<DocId> = (0..n_docs as DocId).filter(|&d| keep(d)).collect();
            let per = match binning {
                Some(Binning::Documents(k)) if k > 0 => k as usize,
                _ => kept.len().div_ceil(50).max(1),
            };
            let mut bin_of = vec![None; n_docs];
            let mut bins = Vec::new();
            for (i, &d) in kept.iter().enumerate() {
                if i % per == 0 {
                    bins.push(Bin {
                        start: None,
                        first_doc: d,
                        tokens: 0,
                        documents: 0,
                    });
                }
                bin_of[d as usize] = Some(i / per);
            }
            (Binning::Documents(per as u32), bins, bin_of)
        }
    };
    let mut bins = bins;
    for (d, b) in bin_of.iter().enumerate() {
        if let Some(b) = b.filter(|_| keep(d as DocId)) {
            bins[b].tokens += a.doc_tokens[d] as u64;
            bins[b].documents += 1;
        }
    }
    let counts = series
        .iter()
        .map(|per_doc| {
            let mut c = vec![0u64; bins.len()];
            for &(d, k) in per_doc {
                if let Some(b) = bin_of[d as usize].filter(|_| keep(d)) {
                    c[b] += k as u64;
                }
            }
            c
        })
        .collect();
    Trends {
        binning,
        bins,
        counts,
    }
}

/// Documents dated within `[from, to]` (inclusive days).
pub fn date_range_docs(corpus: &Corpus, from: NaiveDate, to: NaiveDate) -> DocSet {
    DocSet::from_fn(corpus.docs.len(), |d| {
        corpus.docs[d as usize]
            .date
            .is_some_and(|t| t.date() >= from && t.date() <= to)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::corpus::Document;
    use crate::jobs::JobCtx;

    fn dated(items: &[(&str, Option<&str>)]) -> (Corpus, Analysis) {
        let c = Corpus {
            docs: items
                .iter()
                .map(|(t, d)| Document {
                    text: (*t).into(),
                    date: d.map(|d| {
                        NaiveDate::parse_from_str(d, "%Y-%m-%d")
                            .unwrap()
                            .and_hms_opt(0, 0, 0)
                            .unwrap()
                    }),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        };
        let a = analyze(&c, &JobCtx::detached()).unwrap();
        (c, a)
    }

    #[test]
    fn daily_bins_with_gaps_and_rates() {
        let (c, a) = dated(&[
            ("vote vote now", Some("2025-03-01")),
            ("no", Some("2025-03-03")),
            ("vote", Some("2025-03-03")),
            ("vote undated", None),
        ]);
        let v = a.term("vote").unwrap();
        let t = trends(&a, &c, &[v], None, None);
        assert_eq!(t.binning, Binning::Day);
        assert_eq!(t.bins.len(), 3);
        assert_eq!(t.counts[0], [2, 0, 1]);
        assert_eq!(t.bins[2].tokens, 2);
        assert_eq!(t.bins[1].documents, 0);
        assert!((t.per_million(0, 0) - 666_666.666_666).abs() < 1e-3);
        assert_eq!(t.per_million(0, 1), 0.0);
        assert!((t.per_million(0, 2) - 500_000.0).abs() < 1e-9);
        let s = date_range_docs(&c, t.bins[2].start.unwrap(), t.bins[2].start.unwrap());
        assert_eq!(s.to_vec(), [1, 2]);
        let only = trends(&a, &c, &[v], Some(&s), None);
        assert_eq!(only.bins.len(), 1);
        assert_eq!(only.counts[0], [1]);
    }

    #[test]
    fn binning_by_span_and_calendar() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            Binning::auto(d("2025-01-01"), d("2025-02-01")),
            Binning::Day
        );
        assert_eq!(
            Binning::auto(d("2025-01-01"), d("2025-09-01")),
            Binning::Week
        );
        assert_eq!(
            Binning::auto(d("1987-01-01"), d("1990-01-01")),
            Binning::Month
        );
        assert_eq!(
            Binning::auto(d("1950-01-01"), d("2025-01-01")),
            Binning::Year
        );
        assert_eq!(Binning::Week.floor(d("2025-03-06")), d("2025-03-03"));
        assert_eq!(Binning::Month.next(d("2025-01-01")), d("2025-02-01"));
        assert_eq!(Binning::Year.floor(d("2025-03-06")), d("2025-01-01"));
        let (c, a) = dated(&[("vote", Some("2025-01-31")), ("vote", Some("2025-06-02"))]);
        let t = trends(
            &a,
            &c,
            &[a.term("vote").unwrap()],
            None,
            Some(Binning::Month),
        );
        assert_eq!(t.bins.len(), 6);
        assert_eq!(t.counts[0], [1, 0, 0, 0, 0, 1]);
    }

    #[test]
    fn undated_corpus_bins_by_document_order() {
        let items: Vec<(String, Option<&str>)> = (0..120)
            .map(|i| (format!("w{} vote", i % 2), None))
            .collect();
        let refs: Vec<(&str, Option<&str>)> = items.iter().map(|(t, d)| (t.as_str(), *d)).collect();
        let (c, a) = dated(&refs);
        let t = trends(&a, &c, &[a.term("w0").unwrap()], None, None);
        assert_eq!(t.binning, Binning::Documents(3));
        assert_eq!(t.bins.len(), 40);
        assert_eq!(t.bins[1].first_doc, 3);
        assert_eq!(t.counts[0].iter().sum::<u64>(), 60);
    }
}
