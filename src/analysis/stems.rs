//! Stemming: groups the forms of a word ("sanction", "sanctions", "sanctioned") under the
//! Snowball English stem, shown as the group's most frequent form.

use super::{Analysis, TermId};
use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};

/// Word groups sharing a stem.
#[derive(Debug, Clone, Default)]
pub struct Stems {
    /// The group of each word, indexed by [`TermId`].
    pub group_of: Vec<u32>,
    /// Groups, in order of their stems.
    pub groups: Vec<StemGroup>,
}

/// The words sharing one stem.
#[derive(Debug, Clone, PartialEq)]
pub struct StemGroup {
    /// The stem.
    pub stem: String,
    /// The group's most frequent word, which stands for it.
    pub label: TermId,
    /// All its words, alphabetically.
    pub terms: Vec<TermId>,
    /// Occurrences of all its words.
    pub freq: u64,
}

impl Stems {
    /// Stems every word of the vocabulary. Words with digits are left as they are.
    pub fn build(a: &Analysis) -> Stems {
        let stems: Vec<String> = a
            .vocab
            .par_iter()
            .map_init(
                || Stemmer::create(Algorithm::English),
                |s, w| {
                    if w.bytes().any(|b| b.is_ascii_digit()) {
                        w.clone()
                    } else {
                        s.stem(w).into_owned()
                    }
                },
            )
            .collect();
        let mut order: Vec<TermId> = (0..a.vocab.len() as TermId).collect();
        order.par_sort_by(|&x, &y| stems[x as usize].cmp(&stems[y as usize]).then(x.cmp(&y)));
        let mut group_of = vec![0u32; a.vocab.len()];
        let mut groups: Vec<StemGroup> = Vec::new();
        for run in order.chunk_by(|&x, &y| stems[x as usize] == stems[y as usize]) {
            let g = groups.len() as u32;
            for &t in run {
                group_of[t as usize] = g;
            }
            let label = run
                .iter()
                .copied()
                .max_by(|&x, &y| a.freq[x as usize].cmp(&a.freq[y as usize]).then(y.cmp(&x)))
                .unwrap_or(run[0]);
            groups.push(StemGroup {
                stem: stems[run[0] as usize].clone(),
                label,
                terms: run.to_vec(),
                freq: run.iter().map(|&t| a.freq[t as usize]).sum(),
            });
        }
        Stems { group_of, groups }
    }

    /// The group of a word.
    pub fn group(&self, t: TermId) -> &StemGroup {
        &self.groups[self.group_of[t as usize] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::corpus::{Corpus, Document};
    use crate::jobs::JobCtx;

    #[test]
    fn forms_group_under_the_most_frequent() {
        let c = Corpus {
            docs: vec![Document {
                text: "sanctions sanctions sanctioned sanction vote votes 1990s".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let a = analyze(&c, &JobCtx::detached()).unwrap();
        let s = Stems::build(&a);
        let g = s.group(a.term("sanctioned").unwrap());
        assert_eq!(g.stem, "sanction");
        assert_eq!(a.vocab[g.label as usize], "sanctions");
        assert_eq!(g.freq, 4);
        assert_eq!(g.terms.len(), 3);
        let v = s.group(a.term("votes").unwrap());
        // A tie (1 each) goes to the alphabetically first form.
        assert_eq!(a.vocab[v.label as usize], "vote");
        assert_eq!(s.group(a.term("1990s").unwrap()).stem, "1990s");
        assert_eq!(s.groups.len(), 3);
    }
}
