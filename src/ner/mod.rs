//! Named-entity recognition: people, organisations, places and other names (nationalities,
//! events…) found in raw text as byte ranges.
//!
//! A greedy left-to-right averaged-perceptron tagger ([`model`], run twice by [`tagger`]) over
//! hashed features ([`features`]) of tokens ([`tokens`]), helped by name lists
//! ([`gazetteer`]) and by how each word is written and tagged elsewhere in the same document.
//! Rules then tidy the tagger's mentions (`rules`: titles, trims, people's names, organisations,
//! other names), and known organisations and the user's own list of names win over them
//! (`user`). The weights are trained on CoNLL-2003 by `quarry train-ner` and built into the
//! program; the training code (`train`, with its word clusters) is built only with the `train`
//! feature.
//!
//! The [`catalog`] groups the mentions of a whole corpus into entities (aliases, the user's
//! edits, merge suggestions) for the panels, the co-occurrence graph and the exports.
//!
//! ```ignore
//! let r = Recognizer::english();
//! for m in r.recognize("NATO chief Jens Stoltenberg in Brussels.") {
//!     println!("{} {}", m.kind.label(), &text[m.start..m.end]);
//! }
//! ```

pub mod brands;
pub mod catalog;
pub mod clusters;
pub mod features;
pub mod gazetteer;
pub mod hash;
pub mod model;
mod rules;
pub mod tagger;
pub mod tokens;
#[cfg(feature = "train")]
pub mod train;
mod user;

use brands::Brands;
use features::{Scratch, TokInfo, analyse};
use gazetteer::Gazetteer;
use model::{Model, part_of, type_of};
use rules::{surnames_are_people, tidy};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};
use tagger::{TagBuffers, Tagger};
use tokens::{Tok, tokenize_document};
pub use user::UserNames;

/// The kind of a named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// A person.
    Person,
    /// A company, institution, party, team…
    Org,
    /// A country, city, region, river…
    Place,
    /// Other names: nationalities, events, products, works.
    Misc,
}

impl EntityType {
    /// All types, in label order.
    pub const ALL: [EntityType; 4] = [
        EntityType::Person,
        EntityType::Org,
        EntityType::Place,
        EntityType::Misc,
    ];

    /// "PERSON", "ORG", "PLACE" or "MISC".
    pub fn label(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Place => "PLACE",
            EntityType::Misc => "MISC",
        }
    }

    /// Reads a label ("PERSON", "PER", "ORG", "PLACE", "LOC", "GPE", "MISC"; any case).
    pub fn parse(s: &str) -> Option<EntityType> {
        match s.trim().to_ascii_uppercase().as_str() {
            "PERSON" | "PER" => Some(EntityType::Person),
            "ORG" | "ORGANIZATION" | "ORGANISATION" => Some(EntityType::Org),
            "PLACE" | "LOC" | "LOCATION" | "GPE" => Some(EntityType::Place),
            "MISC" => Some(EntityType::Misc),
            _ => None,
        }
    }

    /// Colour of the type as red, green, blue: one palette for every view of entities and for
    /// the graph exports.
    pub const fn rgb(self) -> [u8; 3] {
        match self {
            EntityType::Person => [66, 133, 244],
            EntityType::Org => [234, 120, 30],
            EntityType::Place => [52, 168, 83],
            EntityType::Misc => [160, 100, 200],
        }
    }

    fn from_index(k: usize) -> EntityType {
        EntityType::ALL[k.min(3)]
    }
}

/// One entity mention: bytes `start..end` of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Its type.
    pub kind: EntityType,
}

/// Finds entity mentions in text.
#[derive(Clone)]
pub struct Recognizer {
    model: Arc<Tagger>,
    gaz: Arc<Gazetteer>,
    known: Arc<UserNames>,
    user: Option<Arc<UserNames>>,
}

/// Buffers reused between calls on one thread.
#[derive(Default)]
struct Work {
    toks: Vec<Tok>,
    info: Vec<TokInfo>,
    scratch: Scratch,
    tag: TagBuffers,
}

thread_local! {
    static WORK: RefCell<Work> = RefCell::new(Work::default());
}

static ENGLISH: OnceLock<Recognizer> = OnceLock::new();

impl Recognizer {
    /// The built-in English model (decoded once, on first use).
    pub fn english() -> &'static Recognizer {
        ENGLISH.get_or_init(|| {
            let model = Tagger::decode(include_bytes!("../../assets/ner/model.bin"))
                .unwrap_or_else(|_| Tagger::new(Model::zeros(10), None));
            Recognizer::new(model)
        })
    }

    /// A recognizer with the given weights and the built-in name lists.
    pub fn new(model: Tagger) -> Recognizer {
        Recognizer {
            model: Arc::new(model),
            gaz: Arc::new(Gazetteer::builtin()),
            known: Arc::new(UserNames::known_organisations()),
            user: None,
        }
    }

    /// This recognizer plus a user list of names, one per line, optionally followed by a tab
    /// (or ", ") and a type ("Acme Widgets\tORG"). Listed names are always recognised and win
    /// over overlapping model mentions; without a type they keep the model's type, else MISC.
    pub fn with_user_names(&self, list: &str) -> Recognizer {
        Recognizer {
            user: Some(Arc::new(UserNames::parse(list))),
            ..self.clone()
        }
    }

    /// The mentions in `text`, sorted by start and never overlapping.
    pub fn recognize(&self, text: &str) -> Vec<Mention> {
        WORK.with(|w| match w.try_borrow_mut() {
            Ok(mut w) => self.run(text, &mut w),
            Err(_) => self.run(text, &mut Work::default()),
        })
    }

    fn run(&self, text: &str, w: &mut Work) -> Vec<Mention> {
        let w = &mut *w;
        tokenize_document(text, &mut w.toks);
        analyse(text, &w.toks, &self.gaz, &mut w.scratch, &mut w.info);
        self.model.tag(&mut w.info, &mut w.tag);
        let mut found = mentions(&w.toks, &w.tag.dec.labels);
        tidy(text, &w.toks, &self.gaz, &mut found);
        surnames_are_people(text, &mut found);
        let mut found = self.known.apply_known(text, &w.toks, &self.gaz, found);
        Brands::builtin().relabel(text, &self.gaz, &mut found);
        match &self.user {
            Some(u) => u.apply(text, &w.toks, found),
            None => found,
        }
    }
}

/// Turns BILOU labels into mentions (tolerating any sequence).
pub fn mentions(toks: &[Tok], labels: &[u8]) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut open: Option<(usize, usize, usize)> = None; // start, end, type
    for (t, &l) in toks.iter().zip(labels) {
        let ty = type_of(l);
        let part = part_of(l);
        let cont = (part == 1 || part == 2) && open.is_some_and(|o| Some(o.2) == ty);
        if !cont {
            if let Some((s, e, k)) = open.take() {
                out.push(Mention {
                    start: s,
                    end: e,
                    kind: EntityType::from_index(k),
                });
            }
            if let Some(k) = ty {
                open = Some((t.start as usize, t.end as usize, k));
            }
        } else if let Some(o) = open.as_mut() {
            o.1 = t.end as usize;
        }
        if l != 0
            && part >= 2
            && let Some((s, e, k)) = open.take()
        {
            out.push(Mention {
                start: s,
                end: e,
                kind: EntityType::from_index(k),
            });
        }
    }
    if let Some((s, e, k)) = open {
        out.push(Mention {
            start: s,
            end: e,
            kind: EntityType::from_index(k),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each mention's type and text.
    pub(super) fn spans(text: &str, r: &Recognizer) -> Vec<(&'static str, String)> {
        r.recognize(text)
            .iter()
            .map(|m| (m.kind.label(), text[m.start..m.end].to_string()))
            .collect()
    }

    #[test]
    fn finds_people_organisations_and_places_with_offsets() {
        let text = "U.S. President Joe Biden met NATO chief Jens Stoltenberg in Brussels.";
        let got = Recognizer::english().recognize(text);
        let want = [
            (0, 4, EntityType::Place),
            (15, 24, EntityType::Person),
            (29, 33, EntityType::Org),
            (40, 56, EntityType::Person),
            (60, 68, EntityType::Place),
        ];
        let got: Vec<(usize, usize, EntityType)> =
            got.iter().map(|m| (m.start, m.end, m.kind)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn offsets_are_bytes_of_the_raw_text() {
        let text = "Café owners in Zürich met Angela Merkel in Berlin.";
        let got = spans(text, Recognizer::english());
        assert!(got.contains(&("PERSON", "Angela Merkel".into())), "{got:?}");
        assert!(got.contains(&("PLACE", "Berlin".into())), "{got:?}");
    }

    #[test]
    fn user_names_win_over_the_model() {
        let r = Recognizer::english()
            .with_user_names("Stoltenberg Group\tORG\nJoe Biden, MISC\nBrussels\n# comment\n");
        let text = "Joe Biden met the Stoltenberg Group in Brussels.";
        let got = spans(text, &r);
        assert_eq!(
            got,
            [
                ("MISC", "Joe Biden".to_string()),
                ("ORG", "Stoltenberg Group".to_string()),
                ("PLACE", "Brussels".to_string()),
            ]
        );
    }

    #[test]
    fn labels_parse_and_print() {
        for k in EntityType::ALL {
            assert_eq!(EntityType::parse(k.label()), Some(k));
        }
        assert_eq!(EntityType::parse("gpe"), Some(EntityType::Place));
        assert_eq!(EntityType::parse("date"), None);
    }

    /// A small deterministic generator of awkward strings.
    fn awkward(seed: u64, n: usize) -> String {
        const PIECES: &[&str] = &[
            "Paris", " ", "\n", ".", "U.S.", "'s", "’", "é", "日本", "🙂", "-", "Mr.", "NATO",
            "\u{301}", "O'Neil", "1,234.5", "&", "\r\n", "ß", "İ", "\u{200d}", "AT&T", "..", "\t",
            "x", "ǅ", "Ⅻ", "\"", "(", "Co.", "ﬁ",
        ];
        let mut s = String::new();
        let mut r = seed | 1;
        for _ in 0..n {
            r ^= r << 13;
            r ^= r >> 7;
            r ^= r << 17;
            s.push_str(PIECES[(r % PIECES.len() as u64) as usize]);
        }
        s
    }

    #[test]
    fn never_panics_and_spans_are_valid() {
        let r = Recognizer::english().with_user_names("Paris\tPLACE\nAT & T\nU.S. Co.\n");
        for seed in 0..400u64 {
            let text = awkward(seed * 7919 + 1, (seed % 60) as usize);
            for rec in [Recognizer::english(), &r] {
                let ms = rec.recognize(&text);
                let mut last = 0;
                for m in &ms {
                    assert!(m.start < m.end && m.end <= text.len(), "{text:?} {m:?}");
                    assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                    assert!(m.start >= last, "overlap or disorder in {text:?}: {ms:?}");
                    last = m.end;
                }
            }
        }
        assert!(Recognizer::english().recognize("").is_empty());
    }
}
