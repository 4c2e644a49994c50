//! Filtered mentions indexed two ways: the entities of every unit, and the units (or, for a
//! token window, the mentions) of every entity.

use super::{Filter, MAX_UNIT_ENTITIES, MentionRef, Scope};
use rayon::prelude::*;

/// A mention reduced to what counting needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Item {
    pub doc: u32,
    /// Sentence, paragraph, 0 (document) or token index, by scope.
    pub unit: u32,
    /// Local entity id (rank among the distinct entities kept).
    pub ent: u32,
    pub start: u32,
    pub end: u32,
}

/// Filtered mentions and the lookups the counting passes need.
pub(super) struct Index {
    /// Mentions sorted by (doc, unit, ent, start, end).
    pub items: Vec<Item>,
    /// Entity id of each local id, ascending (so local order is entity order).
    pub entities: Vec<u32>,
    /// Per unit, where its members start and its document (one more entry than units, the
    /// last one only marking the end); empty for Window scope.
    unit_head: Vec<UnitHead>,
    /// Members of every unit, unit after unit: the distinct entities, ascending.
    member_ent: Vec<u32>,
    /// The earliest mention (index in `items`) of each member, same layout.
    member_item: Vec<u32>,
    /// Where each entity's list starts in `lists` (one more entry than entities).
    pub ent_start: Vec<u32>,
    /// Per entity, in document order: the units containing it, or for Window scope the
    /// indexes of its mentions in `items`.
    pub lists: Vec<u32>,
    /// Mentions of each entity.
    pub mentions: Vec<u32>,
    /// Documents mentioning each entity.
    pub documents: Vec<u32>,
    /// Units left out for naming more than [`MAX_UNIT_ENTITIES`] entities.
    pub crowded: usize,
}

impl Index {
    /// Filters, maps entities to dense local ids, sorts and indexes.
    pub fn new(mentions: &[MentionRef], scope: Scope, filter: &Filter<'_>) -> Self {
        let unit = |m: &MentionRef| match scope {
            Scope::Sentence => m.sentence,
            Scope::Paragraph => m.paragraph,
            Scope::Document => 0,
            Scope::Window(_) => m.token,
        };
        let crowded = match scope {
            Scope::Window(_) => Vec::new(),
            _ => crowded_units(mentions, &unit, filter),
        };
        let mut items: Vec<Item> = mentions
            .par_iter()
            .filter(|m| filter.allows(m))
            .filter(|m| crowded.is_empty() || crowded.binary_search(&(m.doc, unit(m))).is_err())
            .map(|m| Item {
                doc: m.doc,
                unit: unit(m),
                ent: m.entity,
                start: m.start,
                end: m.end,
            })
            .collect();
        let max = items.iter().map(|i| i.ent as usize + 1).max().unwrap_or(0);
        let mut local = vec![u32::MAX; max];
        for i in &items {
            local[i.ent as usize] = 0;
        }
        let mut entities = Vec::new();
        for (e, l) in local.iter_mut().enumerate() {
            if *l == 0 {
                *l = entities.len() as u32;
                entities.push(e as u32);
            }
        }
        items
            .par_iter_mut()
            .for_each(|i| i.ent = local[i.ent as usize]);
        // Mentions usually arrive grouped by document: then only each document needs sorting.
        if !items.is_sorted_by_key(|i| i.doc) {
            items.par_sort_unstable_by_key(|i| i.doc);
        }
        items
            .par_chunk_by_mut(|a, b| a.doc == b.doc)
            .for_each(|d| d.sort_unstable_by_key(|i| (i.unit, i.ent, i.start, i.end)));
        let n = entities.len();
        let (unit_head, member_item) = match scope {
            Scope::Window(_) => (Vec::new(), Vec::new()),
            _ => units(&items),
        };
        let member_ent = member_item.iter().map(|&m| items[m as usize].ent).collect();
        // Each entity's list, by counting sort: units in unit order, or mentions in item order.
        let window = matches!(scope, Scope::Window(_));
        let mut ent_start = vec![0u32; n + 1];
        each_listed(window, &items, &unit_head, &member_item, |e, _| {
            ent_start[e as usize + 1] += 1
        });
        for e in 0..n {
            ent_start[e + 1] += ent_start[e];
        }
        let mut fill = ent_start.clone();
        let mut lists = vec![0u32; ent_start[n] as usize];
        each_listed(window, &items, &unit_head, &member_item, |e, x| {
            lists[fill[e as usize] as usize] = x;
            fill[e as usize] += 1;
        });
        let mut mentions = vec![0u32; n];
        let mut documents = vec![0u32; n];
        let mut last_doc = vec![u32::MAX; n];
        for it in &items {
            let e = it.ent as usize;
            mentions[e] += 1;
            if last_doc[e] != it.doc {
                last_doc[e] = it.doc;
                documents[e] += 1;
            }
        }
        Index {
            items,
            entities,
            unit_head,
            member_ent,
            member_item,
            ent_start,
            lists,
            mentions,
            documents,
            crowded: crowded.len(),
        }
    }

    /// Number of distinct entities.
    pub fn entity_count(&self) -> usize {
        self.entities.len()
    }

    /// The list of local entity `e` (see [`Index::lists`]).
    pub fn list(&self, e: usize) -> &[u32] {
        &self.lists[self.ent_start[e] as usize..self.ent_start[e + 1] as usize]
    }

    /// Unit `u`: its document, its members' entities (ascending) and their earliest
    /// mentions (indexes in `items`).
    pub fn unit(&self, u: u32) -> (u32, &[u32], &[u32]) {
        let u = u as usize;
        let (head, next) = (self.unit_head[u], self.unit_head[u + 1]);
        let r = head.start as usize..next.start as usize;
        (head.doc, &self.member_ent[r.clone()], &self.member_item[r])
    }

    /// Number of units with at least one mention (0 for Window scope).
    pub fn units_seen(&self) -> usize {
        self.unit_head.len().saturating_sub(1)
    }
}

/// The units, as (document, unit), of the allowed documents that name more than
/// [`MAX_UNIT_ENTITIES`] different entities (whichever entities the filter allows, so that a
/// unit counts or not alike in every graph of the scope), sorted.
fn crowded_units(
    mentions: &[MentionRef],
    unit: &(dyn Fn(&MentionRef) -> u32 + Sync),
    filter: &Filter<'_>,
) -> Vec<(u32, u32)> {
    let in_docs = |m: &MentionRef| {
        Filter {
            entities: None,
            ..*filter
        }
        .allows(m)
    };
    // Only a document with that many mentions can hold such a unit.
    let docs = mentions
        .iter()
        .map(|m| m.doc as usize + 1)
        .max()
        .unwrap_or(0);
    let mut per_doc = vec![0u32; docs];
    for m in mentions {
        per_doc[m.doc as usize] += 1;
    }
    if per_doc.iter().all(|&n| n as usize <= MAX_UNIT_ENTITIES) {
        return Vec::new();
    }
    let mut seen: Vec<(u32, u32, u32)> = mentions
        .par_iter()
        .filter(|m| per_doc[m.doc as usize] as usize > MAX_UNIT_ENTITIES && in_docs(m))
        .map(|m| (m.doc, unit(m), m.entity))
        .collect();
    seen.par_sort_unstable();
    seen.dedup();
    seen.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1))
        .filter(|u| u.len() > MAX_UNIT_ENTITIES)
        .map(|u| (u[0].0, u[0].1))
        .collect()
}

/// Where a unit's members start, and its document.
#[derive(Debug, Clone, Copy)]
struct UnitHead {
    start: u32,
    doc: u32,
}

/// Units of sorted items: heads (with an end marker) and members (earliest mention of each
/// entity).
fn units(items: &[Item]) -> (Vec<UnitHead>, Vec<u32>) {
    let mut heads = Vec::new();
    let mut members = Vec::new();
    let mut at = 0;
    for unit in items.chunk_by(|a, b| a.doc == b.doc && a.unit == b.unit) {
        heads.push(UnitHead {
            start: members.len() as u32,
            doc: unit[0].doc,
        });
        // Sorted by entity then start: the first of each run is the earliest mention.
        let mut k = 0;
        for run in unit.chunk_by(|a, b| a.ent == b.ent) {
            members.push((at + k) as u32);
            k += run.len();
        }
        at += unit.len();
    }
    if !heads.is_empty() {
        heads.push(UnitHead {
            start: members.len() as u32,
            doc: u32::MAX,
        });
    }
    (heads, members)
}

/// Calls `f(entity, x)` for every entry of the per-entity lists, in list order.
fn each_listed(
    window: bool,
    items: &[Item],
    heads: &[UnitHead],
    members: &[u32],
    mut f: impl FnMut(u32, u32),
) {
    if window {
        for (i, it) in items.iter().enumerate() {
            f(it.ent, i as u32);
        }
        return;
    }
    for (u, w) in heads.windows(2).enumerate() {
        for &m in &members[w[0].start as usize..w[1].start as usize] {
            f(items[m as usize].ent, u as u32);
        }
    }
}
