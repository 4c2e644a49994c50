//! Named-entity recognition: people, organisations, places and other names (nationalities,
//! events…) found in raw text as byte ranges.
//!
//! A greedy left-to-right averaged-perceptron tagger ([`model`], run twice by [`tagger`]) over
//! hashed features ([`features`]) of tokens ([`tokens`]), helped by name lists
//! ([`gazetteer`]) and by how each word is written and tagged elsewhere in the same document. The weights are trained on
//! CoNLL-2003 by `quarry train-ner` ([`train`]) and built into the program.
//!
//! ```ignore
//! let r = Recognizer::english();
//! for m in r.recognize("NATO chief Jens Stoltenberg in Brussels.") {
//!     println!("{} {}", m.kind.label(), &text[m.start..m.end]);
//! }
//! ```

pub mod clusters;
pub mod features;
pub mod gazetteer;
pub mod hash;
pub mod model;
mod rules;
pub mod tagger;
pub mod tokens;
pub mod train;
mod user;

use features::{Scratch, TokInfo, analyse};
use gazetteer::Gazetteer;
use model::{Model, part_of, type_of};
use rules::{surnames_are_people, tidy};
use serde::Serialize;
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};
use tagger::{TagBuffers, Tagger};
use tokens::{Tok, tokenize};
pub use user::UserNames;

/// The kind of a named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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
            let model = Tagger::decode(include_bytes!("../../../assets/ner/model.bin"))
                .unwrap_or_else(|_| Tagger::new(Model::zeros(10), None));
            Recognizer::new(model)
        })
    }

    /// A recognizer with the given weights and the built-in name lists.
    pub fn new(model: Tagger) -> Recognizer {
        Recognizer {
            model: Arc::new(model),
            gaz: Arc::new(Gazetteer::builtin()),
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
        tokenize(text, &mut w.toks);
        analyse(text, &w.toks, &self.gaz, &mut w.scratch, &mut w.info);
        self.model.tag(&mut w.info, &mut w.tag);
        let mut found = mentions(&w.toks, &w.tag.dec.labels);
        tidy(text, &w.toks, &self.gaz, &mut found);
        surnames_are_people(text, &mut found);
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
    use super::rules::*;
    use super::*;

    fn spans(text: &str, r: &Recognizer) -> Vec<(&'static str, String)> {
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
    fn a_lone_surname_after_the_full_name_is_a_person() {
        let text = "Steven Seagal met Kipling in Seagal and Washington.";
        let m = |start, end, kind| Mention { start, end, kind };
        let mut found = [
            m(0, 13, EntityType::Person),
            m(18, 25, EntityType::Org),
            m(29, 35, EntityType::Place),
            m(40, 50, EntityType::Place),
        ];
        surnames_are_people(text, &mut found);
        let kinds: Vec<EntityType> = found.iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            [
                EntityType::Person,
                EntityType::Org,
                EntityType::Person,
                EntityType::Place
            ]
        );
    }

    #[test]
    fn titles_stay_outside_names() {
        let mut found = [Mention {
            start: 0,
            end: 11,
            kind: EntityType::Person,
        }];
        strip_titles("Mrs Clinton said", &mut found[..]);
        assert_eq!((found[0].start, found[0].end), (4, 11));
        let mut drew = [Mention {
            start: 0,
            end: 14,
            kind: EntityType::Person,
        }];
        strip_titles("Drew Barrymore", &mut drew[..]);
        assert_eq!(drew[0].start, 0);
    }

    #[test]
    fn possessives_and_commas_stay_outside_mentions() {
        let text = "Earth's orbit, said the Liberal Democrats, (Saint Paul) ends.";
        let at = |w: &str| {
            let s = text.find(w).unwrap();
            Mention {
                start: s,
                end: s + w.len(),
                kind: EntityType::Place,
            }
        };
        let mut found = vec![
            at("Earth's"),
            at("Liberal Democrats,"),
            at("(Saint Paul"),
            at(","),
        ];
        trim_ends(text, &mut found);
        let got: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(got, ["Earth", "Liberal Democrats", "Saint Paul"]);
        let text = "The U.S. and Acme Inc. agreed.";
        let mut found = vec![at_in(text, "U.S."), at_in(text, "Acme Inc.")];
        trim_ends(text, &mut found);
        let got: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(got, ["U.S.", "Acme Inc."]);
    }

    fn at_in(text: &str, w: &str) -> Mention {
        let s = text.find(w).unwrap();
        Mention {
            start: s,
            end: s + w.len(),
            kind: EntityType::Org,
        }
    }

    #[test]
    fn era_markers_are_not_names() {
        for (text, era) in [
            ("The city fell in 146 BC to Rome.", "BC"),
            ("Vesuvius erupted in AD 79.", "AD"),
            ("It dates from about 1600 BCE, scholars say.", "BCE"),
            ("The town was founded in 43 A.D. by the Romans.", "A.D."),
        ] {
            let start = text.find(era).unwrap();
            let m = Mention {
                start,
                end: start + era.len(),
                kind: EntityType::Org,
            };
            assert!(is_era(text, &m), "{text}");
            let got = spans(text, Recognizer::english());
            assert!(got.iter().all(|(_, s)| s != era), "{text}: {got:?}");
        }
        let text = "AD Holdings and BC Hydro cut jobs.";
        let m = Mention {
            start: 0,
            end: 2,
            kind: EntityType::Org,
        };
        assert!(!is_era(text, &m));
    }

    fn mention_at(text: &str, w: &str, kind: EntityType) -> Mention {
        let s = text.find(w).unwrap();
        Mention {
            start: s,
            end: s + w.len(),
            kind,
        }
    }

    fn texts<'t>(text: &'t str, found: &[Mention]) -> Vec<(&'static str, &'t str)> {
        found
            .iter()
            .map(|m| (m.kind.label(), &text[m.start..m.end]))
            .collect()
    }

    #[test]
    fn era_markers_after_a_century_are_not_names() {
        for (text, era) in [
            ("Athens in the 5th century BC was dependent on grain.", "BC"),
            (
                "Letters dating from the 14th century BCE, found at Amarna.",
                "BCE",
            ),
            ("Tribes settled there in the 6th century AD.", "AD"),
        ] {
            let m = mention_at(text, era, EntityType::Org);
            assert!(is_era(text, &m), "{text}");
        }
        let text = "The century AD Holdings had was long.";
        let m = mention_at(text, "AD Holdings", EntityType::Org);
        assert!(!is_era(text, &m));
    }

    #[test]
    fn titles_make_people() {
        let gaz = Gazetteer::builtin();
        let text = "A scan of Ms Pugh and of Dr. Okafor at Drew Hall.";
        let mut found = vec![
            mention_at(text, "Ms Pugh", EntityType::Place),
            mention_at(text, "Dr. Okafor", EntityType::Org),
            mention_at(text, "Drew Hall", EntityType::Place),
        ];
        super::rules::titles_make_people(text, &gaz, &mut found);
        strip_titles(text, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("PERSON", "Pugh"),
                ("PERSON", "Okafor"),
                ("PLACE", "Drew Hall")
            ]
        );
    }

    #[test]
    fn noble_titles_make_people_unless_a_head_noun_disagrees() {
        let gaz = Gazetteer::builtin();
        let text = "Lord Halifax left Prince Edward Island for King County and Emperor Showa.";
        let mut found = vec![
            mention_at(text, "Lord Halifax", EntityType::Place),
            mention_at(text, "Prince Edward Island", EntityType::Place),
            mention_at(text, "King County", EntityType::Place),
            mention_at(text, "Emperor Showa", EntityType::Org),
        ];
        super::rules::titles_make_people(text, &gaz, &mut found);
        strip_titles(text, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("PERSON", "Halifax"),
                ("PLACE", "Prince Edward Island"),
                ("PLACE", "King County"),
                ("PERSON", "Showa")
            ]
        );
    }

    #[test]
    fn noble_titles_stay_outside_names() {
        let text = "Lord Grenville and Tsar Alexander met Pope Paul while Kingsley watched.";
        let mut found = vec![
            mention_at(text, "Lord Grenville", EntityType::Person),
            mention_at(text, "Tsar Alexander", EntityType::Person),
            mention_at(text, "Pope Paul", EntityType::Person),
            mention_at(text, "Kingsley", EntityType::Person),
        ];
        strip_titles(text, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("PERSON", "Grenville"),
                ("PERSON", "Alexander"),
                ("PERSON", "Paul"),
                ("PERSON", "Kingsley")
            ]
        );
    }

    #[test]
    fn names_do_not_end_with_function_words() {
        let gaz = Gazetteer::builtin();
        let text = "The Government is sure that the Earth and the Bank of England agree.";
        let mut found = vec![
            mention_at(text, "Government is", EntityType::Org),
            mention_at(text, "Earth and", EntityType::Place),
            mention_at(text, "Bank of England", EntityType::Org),
        ];
        trim_function_words(text, &gaz, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("ORG", "Government"),
                ("PLACE", "Earth"),
                ("ORG", "Bank of England")
            ]
        );
    }

    #[test]
    fn regnal_numbers_belong_to_names() {
        let gaz = Gazetteer::builtin();
        let run = |text: &str, found: &mut Vec<Mention>| {
            let mut toks = Vec::new();
            tokenize(text, &mut toks);
            regnal_numbers(text, &toks, &gaz, found);
        };
        let text = "Pope Paul VI met Thutmose III, then Ramesses II and Mojmir I (ruled 830).";
        let mut found = vec![
            mention_at(text, "Paul", EntityType::Person),
            mention_at(text, "Thutmose III", EntityType::Org),
            mention_at(text, "Ramesses", EntityType::Place),
            mention_at(text, "II and", EntityType::Org),
            mention_at(text, "Mojmir", EntityType::Org),
        ];
        found[3].end = found[3].start + 2;
        run(text, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("PERSON", "Paul VI"),
                ("PERSON", "Thutmose III"),
                ("PERSON", "Ramesses II"),
                ("PERSON", "Mojmir I")
            ]
        );
        let text =
            "After World War II the World XI met Paul I think. ENGLAND V PAKISTAN. Year III.";
        let mut found = vec![
            mention_at(text, "World War", EntityType::Misc),
            mention_at(text, "World XI", EntityType::Org),
            mention_at(text, "Paul", EntityType::Person),
            mention_at(text, "ENGLAND", EntityType::Place),
            mention_at(text, "III", EntityType::Org),
        ];
        run(text, &mut found);
        assert_eq!(
            texts(text, &found),
            [
                ("MISC", "World War"),
                ("ORG", "World XI"),
                ("PERSON", "Paul"),
                ("PLACE", "ENGLAND")
            ]
        );
    }

    #[test]
    fn generic_nouns_alone_are_not_names() {
        let text = "The Army and the Emperor told the Government, the Bank and Army Corps.";
        for (w, generic) in [
            ("Bank", true),
            ("Army", true),
            ("Emperor", true),
            ("Government", true),
            ("Army Corps", false),
        ] {
            let s = text.rfind(w).unwrap();
            let m = Mention {
                start: s,
                end: s + w.len(),
                kind: EntityType::Org,
            };
            assert_eq!(is_generic(text, &m), generic, "{w}");
        }
    }

    #[test]
    fn a_generic_noun_that_is_a_surname_stays() {
        let text = "Stephen King wrote it. King said the King of Spain agreed.";
        let got = spans(text, Recognizer::english());
        assert!(got.contains(&("PERSON", "Stephen King".into())), "{got:?}");
        assert!(got.contains(&("PERSON", "King".into())), "{got:?}");
        let found = [mention_at(text, "Stephen King", EntityType::Person)];
        assert_eq!(last_names(text, &found), ["King"]);
    }

    #[test]
    fn natural_features_are_places() {
        let text = "Ports around the Mediterranean, the Baltic trade, the Atlantic. \
                    Ships on the Danube and the Rockies beat the Caucasus in Alps country.";
        let mut found = vec![
            mention_at(text, "Mediterranean", EntityType::Misc),
            mention_at(text, "Baltic", EntityType::Misc),
            mention_at(text, "Atlantic", EntityType::Misc),
            mention_at(text, "Danube", EntityType::Misc),
            mention_at(text, "Rockies", EntityType::Org),
            mention_at(text, "Caucasus", EntityType::Misc),
            mention_at(text, "Alps", EntityType::Misc),
        ];
        super::rules::natural_features_are_places(text, &mut found);
        let kinds: Vec<&str> = found.iter().map(|m| m.kind.label()).collect();
        assert_eq!(
            kinds,
            ["PLACE", "MISC", "PLACE", "PLACE", "ORG", "PLACE", "MISC"]
        );
    }

    #[test]
    fn events_are_other_names() {
        let gaz = Gazetteer::builtin();
        let text = "After the Treaty of Nanking and the Boxer Rebellion, Penn Treaty Corp and Bank of Treaty.";
        let mut found = vec![
            mention_at(text, "Treaty of Nanking", EntityType::Org),
            mention_at(text, "Boxer Rebellion", EntityType::Place),
            mention_at(text, "Penn Treaty Corp", EntityType::Org),
            mention_at(text, "Bank of Treaty", EntityType::Org),
        ];
        super::rules::events_are_other_names(text, &gaz, &mut found);
        let kinds: Vec<&str> = found.iter().map(|m| m.kind.label()).collect();
        assert_eq!(kinds, ["MISC", "MISC", "ORG", "ORG"]);
    }

    #[test]
    fn doctrines_are_other_names() {
        let text = "They returned to Judaism, not to Marxism or to Maoism in Prism.";
        let mut found = vec![
            mention_at(text, "Judaism", EntityType::Org),
            mention_at(text, "Marxism", EntityType::Place),
            mention_at(text, "Prism", EntityType::Org),
        ];
        super::rules::doctrines_are_other_names(text, &mut found);
        let kinds: Vec<&str> = found.iter().map(|m| m.kind.label()).collect();
        assert_eq!(kinds, ["MISC", "MISC", "ORG"]);
    }

    #[test]
    fn works_are_other_names() {
        let text = "She starred in the 2012 film The Five-Year Engagement, the film, Looper, \
                    and the album Over My Head before Rotor would play Lada Togliatti.";
        let mut found = vec![
            mention_at(text, "Five-Year Engagement", EntityType::Place),
            mention_at(text, "Looper", EntityType::Person),
            mention_at(text, "Over My Head", EntityType::Person),
            mention_at(text, "Lada Togliatti", EntityType::Org),
        ];
        super::rules::works_are_other_names(text, &mut found);
        let kinds: Vec<&str> = found.iter().map(|m| m.kind.label()).collect();
        assert_eq!(kinds, ["MISC", "MISC", "MISC", "ORG"]);
    }

    #[test]
    fn roles_make_people() {
        let gaz = Gazetteer::builtin();
        let text =
            "His wife, Alice, and the emperor Caracalla met striker Vialli at Milan University.";
        let mut found = vec![
            mention_at(text, "Alice", EntityType::Place),
            mention_at(text, "Caracalla", EntityType::Org),
            mention_at(text, "Vialli", EntityType::Org),
            mention_at(text, "Milan University", EntityType::Org),
        ];
        super::rules::roles_make_people(text, &gaz, &mut found);
        let kinds: Vec<&str> = found.iter().map(|m| m.kind.label()).collect();
        assert_eq!(kinds, ["PERSON", "PERSON", "PERSON", "ORG"]);
        let text = "The writer Guild University and director Acme Bank.";
        let mut found = vec![
            mention_at(text, "Guild University", EntityType::Org),
            mention_at(text, "Acme Bank", EntityType::Org),
        ];
        super::rules::roles_make_people(text, &gaz, &mut found);
        let kinds: Vec<&str> = found.iter().map(|m| m.kind.label()).collect();
        assert_eq!(kinds, ["ORG", "ORG"]);
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
