//! Merge suggestions: pairs of entities that may be one, for the user to merge or not.

use super::aliases::{edit_distance, short_form, surname, without_legal_form};
use super::{Edits, Entity, EntityId, Placed, Suggestion};
use crate::analysis::DocId;
use crate::ner::EntityType;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Pairs that may be one entity: near-identical spellings, a lone surname and a full name, an
/// organisation's name with and without a legal form ("Salomon Brothers Inc"), or its first or
/// last word alone ("Merrill", "Hutton") and the one name of several words it begins or ends,
/// when most documents that use the word also have the name (it refers back to it), and a
/// formal or spelled-out name with its usual short form ("Russian Federation", "Russia").
pub(super) fn suggest(entities: &[Entity], mentions: &[Placed], edits: &Edits) -> Vec<Suggestion> {
    let top = entities.len().min(3000);
    let orgs: FxHashMap<&str, EntityId> = entities[..top]
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityType::Org)
        .map(|(i, e)| (e.key.as_str(), i as EntityId))
        .collect();
    let by_key: FxHashMap<&str, EntityId> = entities[..top]
        .iter()
        .enumerate()
        .map(|(i, e)| (e.key.as_str(), i as EntityId))
        .collect();
    let mut by_surname: FxHashMap<&str, Vec<EntityId>> = FxHashMap::default();
    for (i, e) in entities[..top].iter().enumerate() {
        if e.kind == EntityType::Person
            && let Some(s) = surname(&e.key)
        {
            by_surname.entry(s).or_default().push(i as EntityId);
        }
    }
    // Organisations by the first and last words of their names without a legal form: each
    // such name once, with its most mentioned entity ("E.F. Hutton" for "E.F. Hutton Group").
    let mut by_word: FxHashMap<&str, Vec<(&str, EntityId)>> = FxHashMap::default();
    for (i, e) in entities[..top].iter().enumerate() {
        let base = without_legal_form(&e.key).unwrap_or(&e.key);
        if e.kind == EntityType::Org
            && let Some((first, _)) = base.split_once(' ')
            && let Some((_, last)) = base.rsplit_once(' ')
        {
            for w in [first, last] {
                let names = by_word.entry(w).or_default();
                if names.iter().all(|&(b, _)| b != base) {
                    names.push((base, i as EntityId));
                }
            }
        }
    }
    // Spellings are compared only within a type and a first letter.
    let mut bucket: FxHashMap<(EntityType, Option<char>), Vec<usize>> = FxHashMap::default();
    let letters: Vec<usize> = entities[..top]
        .iter()
        .map(|e| e.key.chars().count())
        .collect();
    for (i, e) in entities[..top].iter().enumerate() {
        bucket
            .entry((e.kind, e.key.chars().next()))
            .or_default()
            .push(i);
    }
    let per_entity: Vec<Vec<Suggestion>> = (0..top)
        .into_par_iter()
        .map(|i| {
            let e = &entities[i];
            let mut out = Vec::new();
            if edits.splits.contains(&e.key) {
                return out;
            }
            if !e.key.contains(' ')
                && let Some(full) = by_surname.get(e.key.as_str())
                && full.len() == 1
            {
                out.push(Suggestion {
                    from: i as EntityId,
                    into: full[0],
                    reason: "surname of a full name",
                });
            }
            if e.kind == EntityType::Org
                && !e.key.contains(' ')
                && let Some(&[(_, full)]) = by_word.get(e.key.as_str()).map(Vec::as_slice)
            {
                out.push(Suggestion {
                    from: i as EntityId,
                    into: full,
                    reason: SHORT_NAME,
                });
            }
            // Entities are sorted by mentions: the one listed later joins the other.
            if e.kind == EntityType::Org
                && let Some(&j) = without_legal_form(&e.key).and_then(|b| orgs.get(b))
            {
                let (from, into) = if (j as usize) < i {
                    (i as EntityId, j)
                } else {
                    (j, i as EntityId)
                };
                out.push(Suggestion {
                    from,
                    into,
                    reason: "the same name with a legal form",
                });
            }
            if let Some(&j) = short_form(&e.key).and_then(|k| by_key.get(k.as_str())) {
                out.push(Suggestion {
                    from: i.max(j as usize) as EntityId,
                    into: i.min(j as usize) as EntityId,
                    reason: "a formal or spelled-out name and its usual short form",
                });
            }
            let same = bucket.get(&(e.kind, e.key.chars().next()));
            for &j in same.map_or(&[][..], Vec::as_slice) {
                let f = &entities[j];
                if j > i && letters[i].min(letters[j]) >= 6 && edit_distance(&e.key, &f.key, 2) <= 2
                {
                    out.push(Suggestion {
                        from: j as EntityId,
                        into: i as EntityId,
                        reason: "similar spelling",
                    });
                }
            }
            out
        })
        .collect();
    let mut out: Vec<Suggestion> = per_entity.into_iter().flatten().collect();
    // A short name refers back to the long one: most of its documents have it.
    let short_names = out.iter().filter(|s| s.reason == SHORT_NAME);
    let docs = docs_of(
        entities.len(),
        short_names.flat_map(|s| [s.from, s.into]),
        mentions.iter().map(|m| (m.entity, m.doc)),
    );
    out.retain(|s| match (&docs[s.from as usize], &docs[s.into as usize]) {
        _ if s.reason != SHORT_NAME => true,
        (Some(short), Some(long)) => 2 * shared(short, long) >= short.len(),
        _ => false,
    });
    out
}

/// Why a word alone is suggested for an organisation's name.
const SHORT_NAME: &str = "short name of an organisation";

/// The documents, in order, of each of the `n` ids in `wanted` (`None` for the others), from
/// (id, document) pairs in corpus order; one pass over them, and none when nothing is wanted.
pub(super) fn docs_of(
    n: usize,
    wanted: impl Iterator<Item = u32>,
    pairs: impl Iterator<Item = (u32, DocId)>,
) -> Vec<Option<Vec<DocId>>> {
    let mut docs: Vec<Option<Vec<DocId>>> = vec![None; n];
    let mut any = false;
    for id in wanted {
        if let Some(d) = docs.get_mut(id as usize) {
            *d = Some(Vec::new());
            any = true;
        }
    }
    if any {
        for (id, doc) in pairs {
            if let Some(Some(d)) = docs.get_mut(id as usize)
                && d.last() != Some(&doc)
            {
                d.push(doc);
            }
        }
    }
    docs
}

/// How many of the sorted documents `few` are also in the sorted `many`.
pub(super) fn shared(few: &[DocId], many: &[DocId]) -> usize {
    few.iter().filter(|d| many.binary_search(d).is_ok()).count()
}
