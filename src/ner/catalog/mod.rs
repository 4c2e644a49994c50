//! The entity catalog of a corpus: every mention the recogniser finds, placed on the token,
//! sentence and paragraph it falls in, grouped into entities by the alias rules and the user's
//! edits, with merge suggestions. The co-occurrence graph is built from it.
//!
//! Steps: recognise each document (in parallel); within a document, a lone surname joins the
//! full name it ends ([`aliases::surname_map`]); across the corpus, mentions whose forms
//! normalise alike are one entity ([`aliases::normalise`]), and an acronym joins the name it
//! abbreviates when that name occurs ("UN" → "United Nations"); then the user's [`Edits`]
//! apply. An entity's type is the most common type of its mentions.
//!
//! Here the catalog's types and lookups; [`recognise()`] finds the mentions (the slow step, kept
//! apart so that an edit regroups them without recognising again), [`group()`] places and
//! groups them into entities, `suggest` finds merges to offer, and [`network()`] hands the
//! co-occurrence graph to the exporters.

pub mod aliases;
pub mod edits;
mod export;
mod group;
mod recognise;
mod suggest;
pub mod top;

pub use edits::Edits;
pub use export::network;
pub use group::group;
pub use recognise::{KnownMentions, Recognised, TableMention, recognise, recognise_reusing};

use super::brands::Brands;
use super::{EntityType, Recognizer};
use crate::analysis::cooccur::{MentionRef, UnitTotals};
use crate::analysis::docset::DocSet;
use crate::analysis::{Analysis, DocId};
use crate::corpus::Corpus;
use crate::jobs::JobCtx;
use aliases::normalise;
use serde::Serialize;

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

impl Entity {
    /// The Wikidata item of an organisation whose name or one of whose forms is a listed
    /// company or brand ("Q491627"), when known.
    pub fn wikidata(&self) -> Option<String> {
        if self.kind != EntityType::Org {
            return None;
        }
        let brands = Brands::builtin();
        std::iter::once(self.name.as_str())
            .chain(self.forms.iter().map(|f| f.0.as_str()))
            .find_map(|n| brands.wikidata(n))
    }
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
