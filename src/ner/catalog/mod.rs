//! The entity catalog of a corpus: every mention the recogniser finds, placed on the token,
//! sentence and paragraph it falls in, grouped into entities by the alias rules and the user's
//! edits, with merge suggestions. The co-occurrence graph is built from it.
//!
//! Steps: recognise each document (in parallel); within a document, a lone surname joins the
//! full name it ends ([`aliases::surname_map`]); across the corpus, mentions whose forms
//! normalise alike are one entity ([`aliases::normalise`]), and an acronym joins the name it
//! abbreviates when that name occurs ("UN" → "United Nations"); then the user's [`Edits`]
//! apply. An entity's type is the most common type of its mentions.

pub mod aliases;
pub mod edits;

use super::hash::hash_bytes;
use super::{EntityType, Recognizer};
use crate::analysis::cooccur::{MentionRef, UnitTotals};
use crate::analysis::docset::DocSet;
use crate::analysis::tokenize::Break;
use crate::analysis::{Analysis, DocId};
use crate::corpus::Corpus;
use crate::jobs::JobCtx;
use aliases::{acronym, edit_distance, normalise, surname, surname_map, without_legal_form};
pub use edits::Edits;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::borrow::Cow;
use std::time::Instant;

/// Index of an entity in [`Catalog::entities`].
pub type EntityId = u32;

/// One entity: a person, organisation, place or other name, with all its forms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// Stable key (normalised name) that user edits refer to.
    pub key: String,
    /// Display name.
    pub name: String,
    /// Type.
    pub kind: EntityType,
    /// Mentions in the corpus.
    pub mentions: u32,
    /// Documents mentioning it.
    pub documents: u32,
    /// Surface forms and how often each occurs, most frequent first.
    pub forms: Vec<(String, u32)>,
    /// Hidden by the user.
    pub hidden: bool,
}

/// A mention placed in its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Placed {
    /// The entity.
    pub entity: EntityId,
    /// The document.
    pub doc: DocId,
    /// Byte range in the document's text.
    pub start: u32,
    /// End of the byte range.
    pub end: u32,
    /// Type the recogniser gave this mention.
    pub kind: EntityType,
    /// Index of its first token in the document.
    pub token: u32,
    /// Index of its sentence in the document.
    pub sentence: u32,
    /// Index of its paragraph in the document.
    pub paragraph: u32,
}

/// Two entities that may be the same, for the user to merge or not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The smaller entity.
    pub from: EntityId,
    /// The entity it may belong to.
    pub into: EntityId,
    /// Why.
    pub reason: &'static str,
}

/// Every entity of a corpus and where it is mentioned.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Entities, most mentioned first (ties by name).
    pub entities: Vec<Entity>,
    /// Mentions, by document then position.
    pub mentions: Vec<Placed>,
    /// Where each document's mentions start in `mentions` (one more entry than documents).
    pub doc_start: Vec<u32>,
    /// Sentences and paragraphs per document.
    pub units: Vec<(u32, u32)>,
    /// Possible merges.
    pub suggestions: Vec<Suggestion>,
    /// Wall time of recognition and grouping, in milliseconds.
    pub build_ms: f64,
}

/// A mention as recognised in a document, before it is placed on its tokens and grouped.
#[derive(Debug, Clone)]
struct Found {
    start: u32,
    end: u32,
    kind: EntityType,
    /// Written without a lowercase letter ("UN", "BRUSSELS").
    capitals: bool,
    /// Hash of the form as it reads on one line ([`one_line`]).
    form: u64,
    key: String,
}

/// The mentions the recogniser finds in every document of a corpus, with their keys: what the
/// user's edits do not change, so that an edit regroups them without recognising again.
#[derive(Debug, Clone, Default)]
pub struct Recognised {
    docs: Vec<Vec<Found>>,
    /// Wall time of recognition, in milliseconds.
    pub ms: f64,
}

impl Recognised {
    /// Mentions found, in all documents.
    pub fn mentions(&self) -> usize {
        self.docs.iter().map(Vec::len).sum()
    }
}

/// Recognises the mentions of every document (in parallel); `None` if cancelled.
pub fn recognise(c: &Corpus, rec: &Recognizer, ctx: &JobCtx) -> Option<Recognised> {
    let start = Instant::now();
    let docs: Vec<Vec<Found>> = c
        .docs
        .par_iter()
        .map(|doc| {
            if ctx.is_cancelled() {
                Vec::new()
            } else {
                found_in(&doc.text, doc.body_start, rec)
            }
        })
        .collect();
    (!ctx.is_cancelled()).then(|| Recognised {
        docs,
        ms: start.elapsed().as_secs_f64() * 1000.0,
    })
}

/// The mentions of one document's text, each with its key; a lone surname takes the key of
/// the one full name in the document that ends with it.
fn found_in(text: &str, body_start: usize, rec: &Recognizer) -> Vec<Found> {
    // Only the body: a title or header line above it is metadata, not text to count in.
    let (body, body_text) = match text.get(body_start..) {
        Some(t) => (body_start, t),
        None => (0, text),
    };
    let mut out: Vec<Found> = rec
        .recognize(body_text)
        .into_iter()
        .filter_map(|m| {
            let (start, end) = (m.start + body, m.end + body);
            let surface = text.get(start..end)?;
            let key = normalise(surface);
            (!key.is_empty()).then_some(Found {
                start: start as u32,
                end: end as u32,
                kind: m.kind,
                capitals: !surface.chars().any(char::is_lowercase),
                form: hash_bytes(one_line(surface).as_bytes()),
                key,
            })
        })
        .collect();
    let full = surname_map(
        out.iter()
            .filter(|m| m.kind == EntityType::Person)
            .map(|m| m.key.as_str()),
    );
    let joins: Vec<(usize, String)> = out
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.key.contains(' '))
        .filter_map(|(i, m)| Some((i, full.get(m.key.as_str())?.to_string())))
        .collect();
    for (i, key) in joins {
        out[i].key = key;
        out[i].kind = EntityType::Person;
    }
    out
}

/// A mention placed on its token, sentence and paragraph, with its key, before grouping
/// gives it an entity.
struct Raw<'r> {
    at: Placed,
    key: &'r str,
    /// Written without a lowercase letter.
    capitals: bool,
    /// Hash of the form as it reads on one line.
    form: u64,
}

impl Raw<'_> {
    /// The mention as written.
    fn surface<'c>(&self, c: &'c Corpus) -> &'c str {
        c.docs[self.at.doc as usize]
            .text
            .get(self.at.start as usize..self.at.end as usize)
            .unwrap_or_default()
    }
}

/// Places the mentions of one document; also counts its sentences and paragraphs.
fn place<'r>(a: &Analysis, found: &'r [Found], d: DocId) -> (Vec<Raw<'r>>, (u32, u32)) {
    let r = a.doc_range(d);
    let starts = &a.tok_start[r.clone()];
    let brk = &a.brk[r];
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
                capitals: m.capitals,
                form: m.form,
            }
        })
        .collect();
    (out, units)
}

/// Recognises every document and builds the catalog; `None` if cancelled.
pub fn build(
    a: &Analysis,
    c: &Corpus,
    rec: &Recognizer,
    edits: &Edits,
    ctx: &JobCtx,
) -> Option<Catalog> {
    group(&recognise(c, rec, ctx)?, a, c, edits, ctx)
}

/// Builds the catalog from mentions recognised in `c` (by [`recognise`]): places them, groups
/// them into entities by the alias rules and the edits, and looks for merges to suggest; `None`
/// if cancelled.
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
        .map(|d| place(a, found.docs.get(d as usize).map_or(&[], Vec::as_slice), d))
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
    let mut at = vec![0usize; groups.len() + 1];
    for &g in &group_of {
        at[g as usize + 1] += 1;
    }
    for g in 0..groups.len() {
        at[g + 1] += at[g];
    }
    let mut fill = at.clone();
    let mut members = vec![0usize; raw.len()];
    for (i, &g) in group_of.iter().enumerate() {
        members[fill[g as usize]] = i;
        fill[g as usize] += 1;
    }
    // Describe each group.
    let mut entities: Vec<Entity> = groups
        .par_iter()
        .enumerate()
        .map(|(g, key)| describe(key, &members[at[g]..at[g + 1]], &raw, c, edits))
        .collect();
    // Most mentioned first; ids follow this order.
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

/// The first eight bytes of a name as a number that sorts as they do (zero-padded).
fn name_prefix(name: &str) -> u64 {
    let mut a = [0u8; 8];
    let n = name.len().min(8);
    a[..n].copy_from_slice(&name.as_bytes()[..n]);
    u64::from_be_bytes(a)
}

/// A form as it reads on one line: a name wrapped across lines ("Organization of Petroleum\n
/// Exporting Countries") has its line break and indent as one space.
fn one_line(form: &str) -> Cow<'_, str> {
    if form.contains(|c: char| c.is_whitespace() && c != ' ') || form.contains("  ") {
        Cow::Owned(form.split_whitespace().collect::<Vec<_>>().join(" "))
    } else {
        Cow::Borrowed(form)
    }
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

/// Whether a mention sits inside running text: after other words on its line, on a line with
/// lowercase letters (not a headline in capitals, nor a dateline that starts a line).
fn in_running_text(c: &Corpus, m: &Placed) -> bool {
    let Some(text) = c.docs.get(m.doc as usize).map(|d| d.text.as_str()) else {
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
    !before.trim().is_empty() && line.contains(char::is_lowercase)
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
        forms
            .iter()
            .find(|(f, _)| f.chars().any(char::is_lowercase) && f.to_lowercase() == lower)
            .map_or_else(|| first.to_string(), |(f, _)| f.clone())
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

/// Pairs that may be one entity: near-identical spellings, a lone surname and a full name, an
/// organisation's name with and without a legal form ("Salomon Brothers Inc"), or its first or
/// last word alone ("Merrill", "Hutton") and the one name of several words it begins or ends,
/// when most documents that use the word also have the name (it refers back to it).
fn suggest(entities: &[Entity], mentions: &[Placed], edits: &Edits) -> Vec<Suggestion> {
    let top = entities.len().min(3000);
    let orgs: FxHashMap<&str, EntityId> = entities[..top]
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityType::Org)
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

/// The documents, in order, of each of the `n` ids in `wanted` (`None` for the others), from
/// (id, document) pairs in corpus order; one pass over them, and none when nothing is wanted.
fn docs_of(
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
fn shared(few: &[DocId], many: &[DocId]) -> usize {
    few.iter().filter(|d| many.binary_search(d).is_ok()).count()
}

/// Why a word alone is suggested for an organisation's name.
const SHORT_NAME: &str = "short name of an organisation";

impl Catalog {
    /// Mentions in one document.
    pub fn in_doc(&self, d: DocId) -> &[Placed] {
        let (a, b) = (
            self.doc_start.get(d as usize).copied().unwrap_or(0) as usize,
            self.doc_start.get(d as usize + 1).copied().unwrap_or(0) as usize,
        );
        &self.mentions[a..b]
    }

    /// Documents mentioning an entity, sorted.
    pub fn docs_of(&self, e: EntityId) -> Vec<DocId> {
        let mut d: Vec<DocId> = self
            .mentions
            .iter()
            .filter(|m| m.entity == e)
            .map(|m| m.doc)
            .collect();
        d.dedup();
        d
    }

    /// Mentions of visible entities, in the form the co-occurrence graph reads.
    pub fn mention_refs(&self) -> Vec<MentionRef> {
        self.mentions
            .iter()
            .filter(|m| !self.entities[m.entity as usize].hidden)
            .map(|m| MentionRef {
                entity: m.entity,
                doc: m.doc,
                token: m.token,
                sentence: m.sentence,
                paragraph: m.paragraph,
                start: m.start,
                end: m.end,
            })
            .collect()
    }

    /// Unit totals over some documents (all when `None`).
    pub fn unit_totals(&self, a: &Analysis, within: Option<&DocSet>) -> UnitTotals {
        let mut t = UnitTotals::default();
        for (d, &(s, p)) in self.units.iter().enumerate() {
            if within.is_none_or(|w| w.contains(d as DocId)) {
                t.sentences += s as u64;
                t.paragraphs += p as u64;
                t.documents += 1;
                t.tokens += a.doc_tokens[d] as u64;
            }
        }
        t
    }

    /// Looks an entity up by its name, key or any of its forms, any case.
    pub fn find(&self, name: &str) -> Option<EntityId> {
        let k = normalise(name);
        let by_name = self
            .entities
            .iter()
            .position(|e| e.key == k || normalise(&e.name) == k);
        by_name
            .or_else(|| {
                self.entities
                    .iter()
                    .position(|e| e.forms.iter().any(|(f, _)| normalise(f) == k))
            })
            .map(|i| i as EntityId)
    }
}

#[cfg(test)]
mod tests;

/// The co-occurrence graph in the neutral form the exporters write: nodes labelled with entity
/// names and types, edges with the measure's score as weight.
pub fn network(
    cat: &Catalog,
    g: &crate::analysis::cooccur::CooccurGraph,
) -> crate::export::Network {
    let nodes = g
        .graph
        .raw_nodes()
        .iter()
        .map(|n| {
            let e = &cat.entities[n.weight.entity as usize];
            crate::export::NodeRow {
                id: n.weight.entity,
                label: e.name.clone(),
                kind: e.kind.label().to_string(),
                mentions: n.weight.mentions as u64,
                documents: n.weight.documents as u64,
                color: Some(e.kind.rgb()),
                position: None,
            }
        })
        .collect();
    let edges = g
        .graph
        .raw_edges()
        .iter()
        .map(|e| {
            let (a, b) = (g.graph[e.source()].entity, g.graph[e.target()].entity);
            crate::export::EdgeRow {
                source: a.min(b),
                target: a.max(b),
                weight: e.weight.score,
                score: e.weight.score,
                count: e.weight.count as u64,
                documents: e.weight.documents as u64,
            }
        })
        .collect();
    crate::export::Network {
        measure: g.options.measure.name().to_string(),
        nodes,
        edges,
    }
}
