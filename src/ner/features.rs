//! Features of a token for the tagger, as 64-bit hashes: its form, lowercase, shape, affixes,
//! neighbours ±2, gazetteer matches, the sentence and the document around it, and (added while
//! decoding) the tags already chosen.

use super::clusters::coarse;
use super::gazetteer::{Gazetteer, HEADS, MISC_HEAD, Word};
use super::tokens::Tok;
use rustc_hash::FxHashMap;

pub use super::hash::{hash_bytes, hash_lower, lowercase_into, mix};

/// Token flags.
pub const INIT_CAP: u8 = 1;
/// No lowercase letter and at least one uppercase.
pub const ALL_CAPS: u8 = 2;
/// Contains a digit.
pub const DIGIT: u8 = 4;
/// Starts with a lowercase letter.
pub const LOWER_INIT: u8 = 8;
/// No letter or digit.
pub const PUNCT: u8 = 16;
/// Contains an uppercase letter.
pub const UPPER: u8 = 32;
/// A common English function word ("if", "the", "more"), whatever its case.
pub const STOP: u8 = 64;
/// A title before a name ("Mr", "Dr", "President").
pub const TITLE: u8 = 128;

/// What is known about one token before tagging.
#[derive(Clone, Copy, Default)]
pub struct TokInfo {
    /// Hash of the form as written.
    pub form: u64,
    /// Hash of the lowercase form.
    pub lower: u64,
    /// Hash of the collapsed shape ("Xx", "X.X.", "d-d").
    pub shape: u64,
    /// Hashes of lowercase prefixes and suffixes of 1–4 characters (0 when shorter).
    pub affix: [u64; 8],
    /// [`INIT_CAP`] and friends.
    pub flags: u8,
    /// Gazetteer bits (see [`super::gazetteer`]).
    pub gaz: u32,
    /// How the same word is written elsewhere in the document: bit 0 capitalised inside a
    /// sentence, bit 1 lowercase, bit 2 only at sentence starts or in capitals. Set only on
    /// tokens [`TokInfo::near`] a capital: no other token is scored.
    pub case_doc: u8,
    /// The token starts a sentence.
    pub sent_start: bool,
    /// The token's sentence is written mostly in capitals (a headline).
    pub caps_line: bool,
    /// After a first pass: 1 + the class (0 outside, 1–4 types) the first pass gave most
    /// often to this word across the document; 0 before.
    pub agg: u8,
    /// After a first pass: bit `c` set when some occurrence of the word got class `c`.
    pub agg_seen: u8,
    /// Word cluster (see [`super::clusters`]); 0 when unknown.
    pub cluster: u16,
    /// A capital letter is at most two tokens away; other tokens are never part of a name.
    pub near: bool,
    /// Lowercase hash of the last word of the capitalised run the token sits in, when the
    /// token is in such a run and not its last word; 0 otherwise.
    pub head: u64,
    /// The head-noun lists (bits 0 other, 1 place, 2 organisation) that the run's last word
    /// belongs to.
    pub head_kind: u8,
    /// The head-noun lists of the capitalised word before a preceding "of" ("Kingdom" for
    /// "France" in "Kingdom of France"), for every word of the run after "of".
    pub of_kind: u8,
}

/// Records, for every capitalised token, how the first pass tagged the same word (lowercase)
/// anywhere in the document: the "extended prediction history" of the second pass.
pub fn set_aggregate(info: &mut [TokInfo], labels: &[u8], counts: &mut FxHashMap<u64, [u16; 5]>) {
    counts.clear();
    for (x, &l) in info.iter().zip(labels) {
        if x.flags & (INIT_CAP | ALL_CAPS) != 0 {
            let c = super::model::type_of(l).map_or(0, |t| t + 1);
            let e = counts.entry(x.lower).or_default();
            e[c] = e[c].saturating_add(1);
        }
    }
    // Only tokens near a capital are scored or beside a scored one.
    for x in info.iter_mut().filter(|x| x.near) {
        if let Some(c) = counts.get(&x.lower) {
            let best = (0..5).max_by_key(|&k| (c[k], k)).unwrap_or(0);
            x.agg = best as u8 + 1;
            x.agg_seen = (0..5).filter(|&k| c[k] > 0).fold(0, |m, k| m | 1 << k);
        }
    }
}

/// The collapsed shape of `w` into `out` and its flags; its lowercase is appended to `lower`
/// in the same pass.
fn shape_of(w: &str, out: &mut Vec<u8>, lower: &mut String) -> u8 {
    out.clear();
    let mut flags = 0;
    let mut letters = 0;
    let mut upper = 0;
    for (k, c) in w.chars().enumerate() {
        let s = if c.is_uppercase() {
            letters += 1;
            upper += 1;
            flags |= UPPER;
            if k == 0 {
                flags |= INIT_CAP;
            }
            b'X'
        } else if c.is_lowercase() || c.is_alphabetic() {
            letters += 1;
            if k == 0 {
                flags |= LOWER_INIT;
            }
            b'x'
        } else if c.is_numeric() {
            flags |= DIGIT;
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'o'
        };
        if out.len() < 12 && out.last() != Some(&s) {
            out.push(s);
        }
        if c.is_ascii() {
            lower.push(c.to_ascii_lowercase());
        } else {
            lower.extend(c.to_lowercase());
        }
    }
    if letters > 0 && upper == letters {
        flags |= ALL_CAPS;
    }
    if letters == 0 && flags & DIGIT == 0 {
        flags |= PUNCT;
    }
    flags
}

/// Hashes of the commonest collapsed shapes.
struct Shapes {
    lower: u64,
    title: u64,
    letter: u64,
}

impl Shapes {
    fn new() -> Shapes {
        Shapes {
            lower: hash_bytes(b"x"),
            title: hash_bytes(b"Xx"),
            letter: hash_bytes(b"X"),
        }
    }
}

/// The flags, lowercase hash and shape hash of word `w`, whose form hashes to `form`; its
/// lowercase is appended to `low`.
fn word_facts(w: &str, form: u64, shape: &mut Vec<u8>, low: &mut String) -> (u8, u64, u64) {
    let at = low.len();
    let flags = shape_of(w, shape, low);
    // "Mr." and "Mr", "U.S." and "U.S" are one word to the model.
    let lw = match low[at..].trim_end_matches('.') {
        "" => &low[at..],
        t => t,
    };
    let lower = if flags & UPPER == 0 && lw.len() == w.len() && w.is_ascii() {
        form
    } else {
        hash_bytes(lw.as_bytes())
    };
    (flags, lower, hash_bytes(shape))
}

/// [`word_facts`] without looking at each character, for most tokens: an ASCII word in
/// lowercase or with one capital, or one punctuation mark. `None` for other tokens.
fn plain_facts(w: &str, form: u64, shapes: &Shapes, low: &mut String) -> Option<(u8, u64, u64)> {
    let (&first, rest) = w.as_bytes().split_first()?;
    let punct = rest.is_empty() && first.is_ascii_punctuation();
    if !(first.is_ascii_alphabetic() || punct) || !rest.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    let at = low.len();
    low.push(first.to_ascii_lowercase() as char);
    low.push_str(w.get(1..)?);
    let lower = || hash_bytes(&low.as_bytes()[at..]);
    Some(if first.is_ascii_lowercase() {
        (LOWER_INIT, form, shapes.lower)
    } else if punct {
        (PUNCT, form, form)
    } else if rest.is_empty() {
        (UPPER | INIT_CAP | ALL_CAPS, lower(), shapes.letter)
    } else {
        (UPPER | INIT_CAP, lower(), shapes.title)
    })
}

/// Reusable buffers for [`analyse`].
#[derive(Default)]
pub struct Scratch {
    /// The lowercase of every token, one after the other; token `i`'s starts at `low_at[i]`.
    low: String,
    low_at: Vec<u32>,
    shape: Vec<u8>,
    lower: Vec<u64>,
    lower_init: Vec<bool>,
    /// Each token's word-table entry (default where not looked up).
    first: Vec<Word>,
    gaz: Vec<u32>,
    case: FxHashMap<u64, u8>,
    every_token: bool,
}

#[cfg(feature = "train")]
impl Scratch {
    /// Buffers for training: every token is treated as near a capital, so that the tagger
    /// learns from every token it could ever score.
    pub fn for_training() -> Scratch {
        Scratch {
            every_token: true,
            ..Scratch::default()
        }
    }
}

/// Computes the token infos of a document.
pub fn analyse(text: &str, toks: &[Tok], gaz: &Gazetteer, s: &mut Scratch, out: &mut Vec<TokInfo>) {
    out.clear();
    s.first.clear();
    s.low.clear();
    s.low_at.clear();
    let shapes = Shapes::new();
    for t in toks {
        let w = &text[t.start as usize..t.end as usize];
        let at = s.low.len();
        s.low_at.push(at as u32);
        let form = hash_bytes(w.as_bytes());
        let (flags, lower, shape) = plain_facts(w, form, &shapes, &mut s.low)
            .unwrap_or_else(|| word_facts(w, form, &mut s.shape, &mut s.low));
        out.push(TokInfo {
            form,
            lower,
            shape,
            affix: [0; 8],
            flags,
            gaz: 0,
            case_doc: 0,
            sent_start: t.sent_start,
            caps_line: false,
            agg: 0,
            agg_seen: 0,
            cluster: 0,
            near: false,
            head: 0,
            head_kind: 0,
            of_kind: 0,
        });
    }
    // Word facts, only within two tokens of a capital (no feature looks further), in a loop
    // of their own so that the lookups can all be in flight at once.
    let n = out.len();
    for i in 0..n {
        let window = i.saturating_sub(2)..(i + 3).min(n);
        let near = s.every_token || out[window].iter().any(|y| y.flags & UPPER != 0);
        let x = &mut out[i];
        x.near = near;
        if !near {
            s.first.push(Word::default());
            continue;
        }
        let word = gaz.word(x.lower);
        x.flags |= word.flags & (STOP | TITLE);
        x.cluster = word.cluster;
        s.first.push(word);
    }
    // Affixes, only where the tagger will look (a capital at or next to the token).
    s.low_at.push(s.low.len() as u32);
    for i in 0..out.len() {
        let up = |j: usize| out.get(j).is_some_and(|y| y.flags & UPPER != 0);
        if !(up(i) || up(i + 1) || (i > 0 && up(i - 1))) {
            continue;
        }
        let lw = &s.low[s.low_at[i] as usize..s.low_at[i + 1] as usize];
        let a = &mut out[i].affix;
        for (k, (j, c)) in lw.char_indices().take(4).enumerate() {
            a[k] = hash_bytes(&lw.as_bytes()[..j + c.len_utf8()]) ^ (k as u64 + 1);
        }
        for (k, (j, _)) in lw.char_indices().rev().take(4).enumerate() {
            a[4 + k] = hash_bytes(&lw.as_bytes()[j..]) ^ (k as u64 + 11);
        }
    }
    // Headlines in capitals, sentence by sentence.
    let mut i = 0;
    while i < out.len() {
        let mut j = i + 1;
        while j < out.len() && !out[j].sent_start {
            j += 1;
        }
        let letters = out[i..j]
            .iter()
            .filter(|x| x.flags & (INIT_CAP | LOWER_INIT) != 0);
        let (n, caps) = letters.fold((0, 0), |(n, c), x| {
            (n + 1, c + (x.flags & ALL_CAPS != 0) as u32)
        });
        let caps_line = n > 0 && caps * 10 >= n * 6 && (n > 1 || caps > 0);
        for x in &mut out[i..j] {
            x.caps_line = caps_line;
        }
        i = j;
    }
    // How each word is written elsewhere in the document.
    s.case.clear();
    for x in out.iter() {
        let bit = if x.flags & LOWER_INIT != 0 {
            2
        } else if x.flags & INIT_CAP != 0
            && !x.sent_start
            && !x.caps_line
            && x.flags & ALL_CAPS == 0
        {
            1
        } else if x.flags & INIT_CAP != 0 {
            4
        } else {
            0
        };
        *s.case.entry(x.lower).or_default() |= bit;
    }
    // Only tokens near a capital are ever scored.
    for x in out.iter_mut().filter(|x| x.near) {
        x.case_doc = s.case.get(&x.lower).copied().unwrap_or(0);
    }
    s.lower.clear();
    s.lower.extend(out.iter().map(|x| x.lower));
    s.lower_init.clear();
    s.lower_init
        .extend(out.iter().map(|x| x.flags & LOWER_INIT != 0));
    s.gaz.clear();
    s.gaz.resize(out.len(), 0);
    gaz.mark(&s.lower, &s.lower_init, &s.first, &mut s.gaz);
    for (x, g) in out.iter_mut().zip(&s.gaz) {
        x.gaz = *g;
    }
    mark_runs(out);
}

/// Marks capitalised runs ("Golden Gate Park") with their last word, where English puts a
/// name's head noun, and runs after "of" with the head noun before it ("Kingdom of France").
fn mark_runs(out: &mut [TokInfo]) {
    let in_run = |x: &TokInfo| x.flags & (INIT_CAP | ALL_CAPS) != 0 && !x.caps_line;
    let kind = |x: &TokInfo| ((x.gaz & HEADS) >> MISC_HEAD) as u8;
    let of = hash_bytes(b"of");
    let mut i = 0;
    while i < out.len() {
        if !in_run(&out[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < out.len() && in_run(&out[j + 1]) && !out[j + 1].sent_start {
            j += 1;
        }
        let (head, head_kind) = (out[j].lower, kind(&out[j]));
        let of_kind = match (i.checked_sub(2).map(|k| &out[k]), i.checked_sub(1)) {
            (Some(before), Some(k)) if out[k].lower == of && in_run(before) => kind(before),
            _ => 0,
        };
        for x in &mut out[i..=j] {
            x.of_kind = of_kind;
        }
        for x in &mut out[i..j] {
            x.head = head;
            x.head_kind = head_kind;
        }
        i = j + 1;
    }
}

#[inline]
fn f(t: u64, v: u64) -> u64 {
    mix(v, t)
}

const NONE: TokInfo = TokInfo {
    form: 1,
    lower: 1,
    shape: 1,
    affix: [0; 8],
    flags: 0,
    gaz: 0,
    case_doc: 0,
    sent_start: false,
    caps_line: false,
    agg: 0,
    agg_seen: 0,
    cluster: 0,
    near: false,
    head: 0,
    head_kind: 0,
    of_kind: 0,
};

/// Appends the features of token `i` that do not depend on tags.
pub fn static_features(info: &[TokInfo], i: usize, out: &mut Vec<u64>) {
    features_of(info, i, true, out);
}

/// [`static_features`] without those of the first pass's tags ([`agg_features`]), which
/// change between passes.
pub fn base_features(info: &[TokInfo], i: usize, out: &mut Vec<u64>) {
    features_of(info, i, false, out);
}

/// Appends the features of how the first pass tagged token `i`'s word and its neighbours'
/// across the document (none before a first pass).
pub fn agg_features(info: &[TokInfo], i: usize, out: &mut Vec<u64>) {
    let agg = |j: Option<usize>| j.and_then(|j| info.get(j)).map_or(0, |y| y.agg);
    let Some(x) = info.get(i) else { return };
    let (m1, p1) = (agg(i.checked_sub(1)), agg(i.checked_add(1)));
    if x.agg != 0 {
        out.push(f(50, x.agg as u64));
        out.push(f(51, x.agg_seen as u64));
        out.push(f(52, mix(x.agg as u64, x.shape)));
    }
    if m1 != 0 || p1 != 0 {
        out.push(f(53, (m1 as u64) << 8 | p1 as u64));
    }
}

fn features_of(info: &[TokInfo], i: usize, agg: bool, out: &mut Vec<u64>) {
    let at = |d: isize| -> &TokInfo {
        let j = i as isize + d;
        if j < 0 || j as usize >= info.len() {
            &NONE
        } else {
            &info[j as usize]
        }
    };
    let (m2, m1, x, p1, p2) = (at(-2), at(-1), at(0), at(1), at(2));
    out.push(f(1, 0));
    out.push(f(2, x.lower));
    out.push(f(3, x.form));
    out.push(f(4, x.shape));
    for (k, &a) in x.affix.iter().enumerate() {
        if a != 0 {
            out.push(f(5 + k as u64, a));
        }
    }
    out.push(f(13, m1.lower));
    out.push(f(14, m2.lower));
    out.push(f(15, p1.lower));
    out.push(f(16, p2.lower));
    out.push(f(17, m1.shape));
    out.push(f(18, m2.shape));
    out.push(f(19, p1.shape));
    out.push(f(20, p2.shape));
    out.push(f(21, mix(m1.lower, x.lower)));
    out.push(f(22, mix(x.lower, p1.lower)));
    out.push(f(23, mix(mix(m1.shape, x.shape), p1.shape)));
    out.push(f(24, mix(m1.lower, x.shape)));
    out.push(f(25, mix(x.shape, p1.lower)));
    let ctx = (x.sent_start as u64) | (x.caps_line as u64) << 1;
    out.push(f(26, mix(ctx, x.shape)));
    out.push(f(27, mix(ctx | (x.case_doc as u64) << 2, x.flags as u64)));
    if x.caps_line {
        out.push(f(28, x.lower));
    }
    out.push(f(29, mix(m2.form, m1.form)));
    let word_kind = |y: &TokInfo| (y.flags & (STOP | TITLE | INIT_CAP | ALL_CAPS)) as u64;
    out.push(f(60, word_kind(x) | ctx << 8));
    out.push(f(61, word_kind(m1) | word_kind(p1) << 8));
    let caps = (x.flags & (INIT_CAP | ALL_CAPS)) as u64;
    out.push(f(70, mix(x.cluster as u64, caps)));
    out.push(f(71, mix(coarse(x.cluster) as u64, caps)));
    out.push(f(72, mix(m1.cluster as u64, caps)));
    out.push(f(73, mix(p1.cluster as u64, caps)));
    out.push(f(
        74,
        mix(coarse(m1.cluster) as u64, coarse(p1.cluster) as u64),
    ));
    if agg {
        agg_features(info, i, out);
    }
    if x.head != 0 {
        out.push(f(80, x.head));
        if x.head_kind != 0 {
            out.push(f(81, x.head_kind as u64));
        }
    }
    if x.of_kind != 0 {
        out.push(f(82, x.of_kind as u64));
    }
    for (t, g) in [(30u64, x.gaz), (31, m1.gaz), (32, p1.gaz)] {
        let mut g = g;
        while g != 0 {
            let b = g.trailing_zeros() as u64;
            g &= g - 1;
            out.push(f(t, b | ((x.flags & INIT_CAP) as u64) << 8));
        }
    }
}

/// Per-document memory of the types already given to each word (lowercase).
#[derive(Default)]
pub struct History {
    seen: FxHashMap<u64, [u16; 5]>,
}

/// The label-free features of the tokens of a document that a pass will score whatever the
/// labels (those with a capital), built once for both passes.
#[derive(Default)]
pub struct Prepared {
    feats: Vec<u64>,
    /// Token `i`'s features are `feats[at[i]..at[i + 1]]` (empty when not prepared).
    at: Vec<u32>,
}

impl Prepared {
    /// Prepares the features of `info`'s tokens.
    pub fn prepare(&mut self, info: &[TokInfo]) {
        self.feats.clear();
        self.at.clear();
        self.at.push(0);
        for (i, x) in info.iter().enumerate() {
            if x.flags & UPPER != 0 {
                base_features(info, i, &mut self.feats);
            }
            self.at.push(self.feats.len() as u32);
        }
    }

    /// Token `i`'s prepared features, if any.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&[u64]> {
        let (a, b) = (*self.at.get(i)? as usize, *self.at.get(i + 1)? as usize);
        self.feats.get(a..b).filter(|f| !f.is_empty())
    }

    /// Appends token `i`'s label-free features: the prepared ones, else built now.
    #[inline]
    pub fn extend(&self, info: &[TokInfo], i: usize, out: &mut Vec<u64>) {
        match self.get(i) {
            Some(f) => out.extend_from_slice(f),
            None => base_features(info, i, out),
        }
    }
}

impl History {
    /// Forgets everything.
    pub fn clear(&mut self) {
        self.seen.clear();
    }

    /// Records that a token with lowercase hash `lower` got class `class` (0 = none, 1.. types).
    pub fn record(&mut self, lower: u64, class: usize) {
        let c = self.seen.entry(lower).or_default();
        c[class.min(4)] = c[class.min(4)].saturating_add(1);
    }

    fn get(&self, lower: u64) -> Option<&[u16; 5]> {
        self.seen.get(&lower)
    }
}

/// Appends the features that depend on the two previous tags and the document's history.
pub fn tag_features(
    info: &[TokInfo],
    i: usize,
    prev: u8,
    prev2: u8,
    hist: &History,
    out: &mut Vec<u64>,
) {
    let x = &info[i];
    let p = prev as u64;
    out.push(f(40, p));
    out.push(f(41, p | (prev2 as u64) << 8));
    out.push(f(42, mix(p, x.lower)));
    out.push(f(43, mix(p, x.shape)));
    if x.flags & (INIT_CAP | ALL_CAPS) != 0 {
        if let Some(c) = hist.get(x.lower) {
            let best = (0..5).max_by_key(|&k| (c[k], k)).unwrap_or(0) as u64;
            out.push(f(44, best));
            for (k, &n) in c.iter().enumerate() {
                if n > 0 {
                    out.push(f(45, k as u64));
                }
            }
        } else {
            out.push(f(46, (x.flags & ALL_CAPS) as u64));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_get_the_facts_of_the_full_path() {
        let shapes = Shapes::new();
        let words = [
            "the", "Paris", "A", "x", ",", ".", "(", "'", "UN", "U.S.", "Mr.", "McDonald", "é",
            "Zoë", "1987", "3.5", "-", "--", "Ab", "s", "'s", "naïve", "ÉCOLE", "Co.", "a1",
        ];
        let mut plain = 0;
        for w in words {
            let form = hash_bytes(w.as_bytes());
            let (mut low_a, mut low_b) = (String::from("x"), String::from("x"));
            let full = word_facts(w, form, &mut Vec::new(), &mut low_a);
            if let Some(fast) = plain_facts(w, form, &shapes, &mut low_b) {
                plain += 1;
                assert_eq!(fast, full, "{w}");
                assert_eq!(low_b, low_a, "{w}");
            } else {
                assert_eq!(low_b, "x", "{w}: nothing appended when not plain");
            }
        }
        assert_eq!(plain, 11);
    }
}
