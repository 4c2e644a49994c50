//! Grouping: recognised mentions placed on their tokens, sentences and paragraphs, gathered
//! into entities by their keys, acronyms and the user's edits, each entity named and typed by
//! its mentions, and the entities sorted most mentioned first.

use super::aliases::acronym;
use super::recognise::{Found, Recognised, one_line};
use super::suggest::{docs_of, shared, suggest};
use super::{Catalog, Edits, Entity, EntityId, Placed};
use crate::analysis::tokenize::Break;
use crate::analysis::{Analysis, DocId};
use crate::corpus::Corpus;
use crate::jobs::JobCtx;
use crate::ner::EntityType;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::time::Instant;

/// A mention placed on its token, sentence and paragraph, with its key, before grouping
/// gives it an entity.
struct Raw<'r> {
    at: Placed,
    key: &'r str,
    /// The mention as written, when its document's text is not at hand.
    written: Option<&'r str>,
    /// Written without a lowercase letter.
    capitals: bool,
    /// Hash of the form as it reads on one line.
    form: u64,
}

impl<'r> Raw<'r> {
    /// The mention as written.
    fn surface<'c>(&self, c: &'c Corpus) -> &'c str
    where
        'r: 'c,
    {
        if let Some(w) = self.written {
            return w;
        }
        c.docs[self.at.doc as usize]
            .text
            .get(self.at.start as usize..self.at.end as usize)
            .unwrap_or_default()
    }
}

/// Places the mentions of one document; also counts its sentences and paragraphs.
fn place<'r>(a: &Analysis, found: &'r [Found], d: DocId) -> (Vec<Raw<'r>>, (u32, u32)) {
    let r = a.doc_range(d);
    let (starts, brk): (Vec<u32>, Vec<Break>) = a.spans.iter(r).map(|(s, _, b)| (s, b)).unzip();
    // Sentence and paragraph index of each token.
    let mut sent = Vec::with_capacity(brk.len());
    let mut para = Vec::with_capacity(brk.len());
    let (mut s, mut p) = (0u32, 0u32);
    for (i, b) in brk.iter().enumerate() {
        if i > 0 {
            if *b >= Break::Sentence {
                s += 1;
            }
            if *b == Break::Paragraph {
                p += 1;
            }
        }
        sent.push(s);
        para.push(p);
    }
    let units = if brk.is_empty() {
        (0, 0)
    } else {
        (s + 1, p + 1)
    };
    let out = found
        .iter()
        .map(|m| {
            let t = starts
                .partition_point(|&x| x < m.start)
                .min(starts.len().saturating_sub(1));
            Raw {
                at: Placed {
                    entity: 0,
                    doc: d,
                    start: m.start,
                    end: m.end,
                    kind: m.kind,
                    token: t as u32,
                    sentence: sent.get(t).copied().unwrap_or(0),
                    paragraph: para.get(t).copied().unwrap_or(0),
                },
                key: &m.key,
                written: None,
                capitals: m.capitals,
                form: m.form,
            }
        })
        .collect();
    (out, units)
}

/// Places the mentions of one document read from exported tables, where each says its
/// token, sentence and paragraph.
fn place_given<'r>(
    found: &'r Recognised,
    d: DocId,
    units: (u32, u32),
) -> (Vec<Raw<'r>>, (u32, u32)) {
    let list = found.docs.get(d as usize).map_or(&[][..], Vec::as_slice);
    let given = found.given.get(d as usize).map_or(&[][..], Vec::as_slice);
    let out = list
        .iter()
        .zip(given)
        .map(|(m, g)| Raw {
            at: Placed {
                entity: 0,
                doc: d,
                start: m.start,
                end: m.end,
                kind: m.kind,
                token: g.token,
                sentence: g.sentence,
                paragraph: g.paragraph,
            },
            key: &m.key,
            written: Some(&g.text),
            capitals: m.capitals,
            form: m.form,
        })
        .collect();
    (out, units)
}

/// Builds the catalog from mentions recognised in `c` (by [`recognise`](fn@super::recognise)):
/// places them, groups them into entities by the alias rules and the edits, and looks for
/// merges to suggest; `None` if cancelled.
pub fn group(
    found: &Recognised,
    a: &Analysis,
    c: &Corpus,
    edits: &Edits,
    ctx: &JobCtx,
) -> Option<Catalog> {
    let start = Instant::now();
    let per_doc: Vec<(Vec<Raw>, (u32, u32))> = (0..c.docs.len() as DocId)
        .into_par_iter()
        .map(|d| match found.given_units.get(d as usize) {
            Some(&units) => place_given(found, d, units),
            None => place(a, found.docs.get(d as usize).map_or(&[], Vec::as_slice), d),
        })
        .collect();
    if ctx.is_cancelled() {
        return None;
    }
    let units: Vec<(u32, u32)> = per_doc.iter().map(|x| x.1).collect();
    let mut raw: Vec<Raw> = Vec::with_capacity(per_doc.iter().map(|x| x.0.len()).sum());
    for (r, _) in per_doc {
        raw.extend(r);
    }

    // Distinct keys in order of first mention, their mention counts, and each mention's key.
    let mut key_ix: FxHashMap<&str, u32> = FxHashMap::default();
    let mut keys: Vec<(&str, u32)> = Vec::new();
    let mut of_key: Vec<u32> = Vec::with_capacity(raw.len());
    // How many mentions of the key are written in capitals ("UN", "U.N."), as acronyms are,
    // and how many are of people.
    let mut capitals: Vec<u32> = Vec::new();
    let mut people: Vec<u32> = Vec::new();
    for m in &raw {
        let k = *key_ix.entry(m.key).or_insert_with(|| {
            keys.push((m.key, 0));
            capitals.push(0);
            people.push(0);
            (keys.len() - 1) as u32
        });
        keys[k as usize].1 += 1;
        capitals[k as usize] += m.capitals as u32;
        people[k as usize] += (m.at.kind == EntityType::Person) as u32;
        of_key.push(k);
    }
    let acronym_of = acronyms(&keys, &key_ix, &capitals, &people, &raw, &of_key);
    // Each distinct key joins the group of its root.
    let mut roots: FxHashMap<&str, EntityId> = FxHashMap::default();
    let mut groups: Vec<&str> = Vec::new();
    let key_group: Vec<EntityId> = keys
        .iter()
        .map(|&(key, _)| {
            let auto = if edits.splits.contains(key) {
                key
            } else {
                acronym_of.get(key).copied().unwrap_or(key)
            };
            let r = edits.resolve(auto);
            *roots.entry(r).or_insert_with(|| {
                groups.push(r);
                (groups.len() - 1) as EntityId
            })
        })
        .collect();
    // Each group's mentions, in corpus order: `members[at[g]..at[g + 1]]`.
    let group_of: Vec<EntityId> = of_key.iter().map(|&k| key_group[k as usize]).collect();
    let (at, members) = members_by_group(&group_of, groups.len());
    // Describe each group.
    let entities: Vec<Entity> = groups
        .par_iter()
        .enumerate()
        .map(|(g, key)| describe(key, &members[at[g]..at[g + 1]], &raw, c, edits))
        .collect();
    let (entities, new_id) = most_mentioned_first(entities);
    // Mentions come in corpus order, by document then position.
    let mut mentions: Vec<Placed> = raw
        .iter()
        .zip(&group_of)
        .map(|(m, &g)| Placed {
            entity: new_id[g as usize],
            ..m.at
        })
        .collect();
    let order_key = |m: &Placed| (m.doc, m.start, m.end, m.entity);
    if !mentions.is_sorted_by_key(order_key) {
        mentions.par_sort_unstable_by_key(order_key);
    }
    let mut doc_start = vec![0u32; c.docs.len() + 1];
    for m in &mentions {
        doc_start[m.doc as usize + 1] += 1;
    }
    for i in 0..c.docs.len() {
        doc_start[i + 1] += doc_start[i];
    }
    let suggestions = suggest(&entities, &mentions, edits);
    Some(Catalog {
        entities,
        mentions,
        doc_start,
        units,
        suggestions,
        build_ms: found.ms + start.elapsed().as_secs_f64() * 1000.0,
    })
}

/// The mentions of each of `groups` groups, given each mention's group, by a counting sort:
/// group `g`'s mentions, in corpus order, are `members[at[g]..at[g + 1]]`; returns `(at,
/// members)`.
fn members_by_group(group_of: &[EntityId], groups: usize) -> (Vec<usize>, Vec<usize>) {
    let mut at = vec![0usize; groups + 1];
    for &g in group_of {
        at[g as usize + 1] += 1;
    }
    for g in 0..groups {
        at[g + 1] += at[g];
    }
    let mut fill = at.clone();
    let mut members = vec![0usize; group_of.len()];
    for (i, &g) in group_of.iter().enumerate() {
        members[fill[g as usize]] = i;
        fill[g as usize] += 1;
    }
    (at, members)
}

/// The entities most mentioned first (ties by name, then key), and each one's new id by its
/// old index: ids follow this order.
fn most_mentioned_first(mut entities: Vec<Entity>) -> (Vec<Entity>, Vec<EntityId>) {
    // Sorted on mentions and the name's first bytes, which settle most comparisons without
    // reading the names.
    let mut order: Vec<(u32, u64, usize)> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (u32::MAX - e.mentions, name_prefix(&e.name), i))
        .collect();
    order.par_sort_unstable_by(|x, y| {
        (x.0, x.1).cmp(&(y.0, y.1)).then_with(|| {
            let (ex, ey) = (&entities[x.2], &entities[y.2]);
            ex.name.cmp(&ey.name).then_with(|| ex.key.cmp(&ey.key))
        })
    });
    let order: Vec<usize> = order.into_iter().map(|x| x.2).collect();
    let mut new_id = vec![0 as EntityId; entities.len()];
    for (n, &o) in order.iter().enumerate() {
        new_id[o] = n as EntityId;
    }
    let mut slots: Vec<Option<Entity>> = entities.drain(..).map(Some).collect();
    let entities: Vec<Entity> = order.iter().filter_map(|&o| slots[o].take()).collect();
    (entities, new_id)
}

/// The first eight bytes of a name as a number that sorts as they do (zero-padded).
fn name_prefix(name: &str) -> u64 {
    let mut a = [0u8; 8];
    let n = name.len().min(8);
    a[..n].copy_from_slice(&name.as_bytes()[..n]);
    u64::from_be_bytes(a)
}

/// The long form each acronym stands for ("un" → "united nations"). An acronym is a key whose
/// mentions are mostly written in capitals: "Fed", written so outside headlines, is a word, not
/// the acronym of "Frontier Exploration Department". Its long form is the most mentioned key
/// with its initials (ties by key) that is not mostly a person's name ("VW" is not Vernon
/// Walters) and that shares a document with it (nor is it the ship "Vamand Wave", named once
/// in a story without "VW").
fn acronyms<'k>(
    keys: &[(&'k str, u32)],
    key_ix: &FxHashMap<&str, u32>,
    capitals: &[u32],
    people: &[u32],
    raw: &[Raw],
    of_key: &[u32],
) -> FxHashMap<&'k str, &'k str> {
    // (acronym, long form) pairs by key index.
    let pairs: Vec<(u32, u32)> = keys
        .iter()
        .enumerate()
        .filter_map(|(i, &(k, n))| {
            let ac = acronym(k).filter(|ac| ac.len() >= 2 && 2 * people[i] <= n)?;
            let a = *key_ix.get(ac.as_str())?;
            (2 * capitals[a as usize] > keys[a as usize].1).then_some((a, i as u32))
        })
        .collect();
    let docs = docs_of(
        keys.len(),
        pairs.iter().flat_map(|&(a, i)| [a, i]),
        raw.iter().zip(of_key).map(|(m, &k)| (k, m.at.doc)),
    );
    let meet = |a: u32, i: u32| match (&docs[a as usize], &docs[i as usize]) {
        (Some(x), Some(y)) if x.len() <= y.len() => shared(x, y) > 0,
        (Some(x), Some(y)) => shared(y, x) > 0,
        _ => false,
    };
    let mut best: FxHashMap<&str, (u32, &str)> = FxHashMap::default();
    for &(a, i) in &pairs {
        let (k, n) = keys[i as usize];
        if meet(a, i) {
            let e = best.entry(keys[a as usize].0).or_insert((0, ""));
            if n > e.0 || (n == e.0 && k < e.1) {
                *e = (n, k);
            }
        }
    }
    best.into_iter().map(|(ac, (_, long))| (ac, long)).collect()
}

/// Name, type, counts and forms of one group of mentions.
fn describe(key: &str, idx: &[usize], raw: &[Raw], c: &Corpus, edits: &Edits) -> Entity {
    let mut votes = [0u32; 4];
    // Each form's count and a mention of it, by the hash of the form: the text of a form is
    // read once, not once per mention.
    let mut counts: FxHashMap<u64, (u32, usize)> = FxHashMap::default();
    // Mentions come in corpus order: a document is new when it differs from the last one.
    let (mut documents, mut last) = (0u32, None);
    for &i in idx {
        let m = &raw[i];
        votes[EntityType::ALL
            .iter()
            .position(|&k| k == m.at.kind)
            .unwrap_or(3)] += 1;
        if idx.len() > 1 {
            counts.entry(m.form).or_insert((0, i)).0 += 1;
        }
        if last != Some(m.at.doc) {
            documents += 1;
            last = Some(m.at.doc);
        }
    }
    let mut forms: Vec<(String, u32)> = match idx {
        &[i] => vec![(one_line(raw[i].surface(c)).into_owned(), 1)],
        _ => counts
            .into_values()
            .map(|(n, i)| (one_line(raw[i].surface(c)).into_owned(), n))
            .collect(),
    };
    forms.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    let best = (0..4).max_by_key(|&k| (votes[k], 3 - k)).unwrap_or(3);
    let kind = edits
        .kinds
        .get(key)
        .and_then(|k| EntityType::parse(k))
        .unwrap_or(EntityType::ALL[best]);
    // The most frequent form of several words reads best ("United Nations" over "UN"; a
    // leading "The" is not a word of it, so "Senate" stays "Senate" however often a sentence
    // starts "The Senate"), and a word written in capitals (a dateline's "BRUSSELS") gives way
    // to its ordinary spelling, unless it is a short acronym ("UN" over "Un") or mostly
    // written so in running text ("GATT" over one "Gatt").
    let name = edits.names.get(key).cloned().unwrap_or_else(|| {
        let several_words = |f: &str| {
            let f = f
                .strip_prefix("The ")
                .or(f.strip_prefix("the "))
                .unwrap_or(f);
            f.contains(' ')
        };
        let first = forms
            .iter()
            .find(|(f, _)| several_words(f))
            .or(forms.first())
            .map(|(f, _)| f.as_str())
            .unwrap_or(key);
        let shouted = first.chars().filter(|c| c.is_alphabetic()).count() > 3
            && !first.chars().any(char::is_lowercase)
            && !mostly_in_running_text(idx, raw, c);
        if !shouted {
            return first.to_string();
        }
        let lower = first.to_lowercase();
        let ordinary = forms
            .iter()
            .find(|(f, _)| f.chars().any(char::is_lowercase) && f.to_lowercase() == lower);
        match ordinary {
            Some((f, _)) => f.clone(),
            // A place known only from datelines ("BERLIN") reads as a place name does.
            None if kind == EntityType::Place => title_case(first),
            None => first.to_string(),
        }
    });
    Entity {
        key: key.to_string(),
        name,
        kind,
        mentions: idx.len() as u32,
        documents,
        forms,
        hidden: edits.hidden.contains(key),
    }
}

/// Whether most of the mentions written in capitals among `idx` sit inside running text.
fn mostly_in_running_text(idx: &[usize], raw: &[Raw], c: &Corpus) -> bool {
    let (mut capitals, mut in_text) = (0u32, 0u32);
    for m in idx.iter().map(|&i| &raw[i]) {
        if m.capitals {
            capitals += 1;
            in_text += in_running_text(c, &m.at) as u32;
        }
    }
    2 * in_text > capitals
}

/// Whether a mention sits inside running text: after words in lowercase on its line (not a
/// headline in capitals, nor a dateline's places that start a line).
fn in_running_text(c: &Corpus, m: &Placed) -> bool {
    let Some(text) = c.docs.get(m.doc as usize).map(|d| &*d.text) else {
        return false;
    };
    let (start, end) = (m.start as usize, m.end as usize);
    let line_start = text
        .get(..start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line_end = text
        .get(end..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| end + i);
    let before = text.get(line_start..start).unwrap_or("");
    let line = text.get(line_start..line_end).unwrap_or("");
    // Words in capitals before it ("LONDON/GENEVA/" of a dateline) do not make running text.
    before.contains(char::is_lowercase) && line.contains(char::is_lowercase)
}

/// "NEW YORK" → "New York": each word's first letter kept, the rest in lowercase.
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric() && c != '\'' && c != '’';
    }
    out
}
