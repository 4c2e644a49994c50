//! A user's own list of names: always recognised, longest match first, winning over the model.

use super::features::hash_bytes;
use super::gazetteer::phrase_step;
use super::tokens::{Tok, tokenize};
use super::{EntityType, Mention};
use rustc_hash::FxHashMap;

const MAX_LEN: usize = 12;

#[derive(Clone, Copy, Default)]
struct Entry {
    /// Set when a listed name ends here: its type, if one was given.
    name: Option<Option<EntityType>>,
    prefix: bool,
}

/// Names listed by the user, matched case-sensitively on token boundaries.
#[derive(Default)]
pub struct UserNames {
    phrases: FxHashMap<u64, Entry>,
}

impl UserNames {
    /// Reads one name per line, optionally "\tTYPE" or ", TYPE" after it; blank lines and
    /// lines starting with '#' are skipped.
    pub fn parse(list: &str) -> UserNames {
        let mut u = UserNames::default();
        let mut toks = Vec::new();
        for line in list.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, kind) = match line.rsplit_once('\t').or_else(|| line.rsplit_once(", ")) {
                Some((n, t)) if EntityType::parse(t).is_some() => (n.trim(), EntityType::parse(t)),
                _ => (line, None),
            };
            tokenize(name, &mut toks);
            if toks.is_empty() || toks.len() > MAX_LEN {
                continue;
            }
            let mut h = 0;
            for (k, t) in toks.iter().enumerate() {
                h = phrase_step(
                    h,
                    hash_bytes(&name.as_bytes()[t.start as usize..t.end as usize]),
                );
                let e = u.phrases.entry(h).or_default();
                if k + 1 == toks.len() {
                    e.name = Some(kind);
                } else {
                    e.prefix = true;
                }
            }
        }
        u
    }

    /// Adds the listed names found in `text` to the model's mentions `found`, dropping model
    /// mentions they overlap.
    pub fn apply(&self, text: &str, toks: &[Tok], found: Vec<Mention>) -> Vec<Mention> {
        if self.phrases.is_empty() {
            return found;
        }
        let forms: Vec<u64> = toks
            .iter()
            .map(|t| hash_bytes(&text.as_bytes()[t.start as usize..t.end as usize]))
            .collect();
        let mut listed: Vec<(usize, usize, Option<EntityType>)> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let mut h = 0;
            let mut best = None;
            for (j, &form) in forms.iter().enumerate().skip(i).take(MAX_LEN) {
                h = phrase_step(h, form);
                let Some(e) = self.phrases.get(&h) else {
                    break;
                };
                if let Some(kind) = e.name {
                    best = Some((j, kind));
                }
                if !e.prefix {
                    break;
                }
            }
            match best {
                Some((j, kind)) => {
                    listed.push((toks[i].start as usize, toks[j].end as usize, kind));
                    i = j + 1;
                }
                None => i += 1,
            }
        }
        if listed.is_empty() {
            return found;
        }
        let overlaps = |m: &Mention, s: usize, e: usize| m.start < e && s < m.end;
        let mut out: Vec<Mention> = listed
            .iter()
            .map(|&(s, e, kind)| Mention {
                start: s,
                end: e,
                kind: kind.unwrap_or_else(|| {
                    found
                        .iter()
                        .find(|m| overlaps(m, s, e))
                        .map_or(EntityType::Misc, |m| m.kind)
                }),
            })
            .collect();
        out.extend(
            found
                .into_iter()
                .filter(|m| !listed.iter().any(|&(s, e, _)| overlaps(m, s, e))),
        );
        out.sort_by_key(|m| (m.start, m.end));
        out
    }
}
