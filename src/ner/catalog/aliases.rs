//! Alias rules: how surface forms normalise to a key, which short forms join a longer name
//! (a later "Varga" joins an earlier "Teodor Varga"; "UN" joins "United Nations"), and which
//! pairs are only suggested to the user ("Zelenskiy" / "Zelensky").

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// The key a surface form normalises to: lowercase, without dots, possessive "'s", a leading
/// "the", or extra spaces. "U.N." and "UN" both give "un"; "the United Nations" gives
/// "united nations".
pub fn normalise(surface: &str) -> String {
    let mut s = String::with_capacity(surface.len());
    let mut space = false;
    for c in surface.chars() {
        match c {
            '.' => {}
            c if c.is_whitespace() => space = !s.is_empty(),
            c => {
                if space {
                    s.push(' ');
                    space = false;
                }
                match c {
                    '\u{2019}' => s.push('\''),
                    c if c.is_ascii() => s.push(c.to_ascii_lowercase()),
                    c => s.extend(c.to_lowercase()),
                }
            }
        }
    }
    for suffix in ["'s", "'"] {
        if let Some(t) = s.strip_suffix(suffix) {
            s.truncate(t.trim_end().len());
        }
    }
    if s.starts_with("the ") {
        s.drain(..4);
    }
    s
}

/// Words left out of acronyms ("Organisation of the Petroleum…" → "opec" needs "of", "the" out).
const MINOR: [&str; 11] = [
    "of", "the", "and", "for", "on", "in", "de", "du", "la", "to", "&",
];

/// The acronym of a multi-word key ("united nations" → "un"), if it has two or more words.
pub fn acronym(key: &str) -> Option<String> {
    if !key.contains(char::is_whitespace) {
        return None;
    }
    let words: Vec<&str> = key
        .split_whitespace()
        .filter(|w| !MINOR.contains(w))
        .collect();
    if words.len() < 2 {
        return None;
    }
    Some(words.iter().filter_map(|w| w.chars().next()).collect())
}

/// Legal forms and the words around them that end a company's name in a key (lowercase and
/// without dots, unlike the recogniser's lists of forms as written).
#[rustfmt::skip]
const LEGAL: [&str; 18] = [
    "inc", "corp", "corporation", "co", "cos", "company", "ltd", "limited", "plc", "llc", "ag",
    "sa", "nv", "spa", "gmbh", "group", "and", "&",
];

/// A key without the legal forms that end it ("salomon brothers inc" → "salomon brothers",
/// "bear stearns and co" → "bear stearns"), when it has any and something is left.
pub fn without_legal_form(key: &str) -> Option<&str> {
    let mut base = key;
    while let Some((head, last)) = base.rsplit_once(' ') {
        if !LEGAL.contains(&last) {
            break;
        }
        base = head;
    }
    (base.len() < key.len() && !LEGAL.contains(&base)).then_some(base)
}

/// The last word of a multi-word key ("teodor varga" → "varga").
pub fn surname(key: &str) -> Option<&str> {
    let mut it = key.rsplit(' ');
    let last = it.next()?;
    it.next().map(|_| last)
}

/// Levenshtein distance between two short strings, stopping early above `limit`.
pub fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    if a.len().abs_diff(b.len()) > 4 * limit {
        // Even at four bytes a character, more than `limit` characters apart.
        return limit + 1;
    }
    if a.is_ascii() && b.is_ascii() {
        return levenshtein(a.as_bytes(), b.as_bytes(), limit);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    levenshtein(&a, &b, limit)
}

fn levenshtein<T: PartialEq>(a: &[T], b: &[T], limit: usize) -> usize {
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    // Two rows of the table, on the stack for the short names this is used on.
    let mut stack = [0usize; 2 * 64];
    let mut heap = Vec::new();
    let rows: &mut [usize] = if b.len() < 64 {
        &mut stack[..2 * (b.len() + 1)]
    } else {
        heap.resize(2 * (b.len() + 1), 0);
        &mut heap
    };
    let (mut prev, mut cur) = rows.split_at_mut(b.len() + 1);
    for (j, x) in prev.iter_mut().enumerate() {
        *x = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
            row_min = row_min.min(cur[j]);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Within one document, maps single-word person keys to the full name that ends with them,
/// when exactly one full name in the document does.
pub fn surname_map<'a>(person_keys: impl Iterator<Item = &'a str>) -> FxHashMap<&'a str, &'a str> {
    let mut by_last: FxHashMap<&str, Option<&str>> = FxHashMap::default();
    for k in person_keys {
        if let Some(last) = surname(k) {
            by_last
                .entry(last)
                .and_modify(|e| {
                    if *e != Some(k) {
                        *e = None;
                    }
                })
                .or_insert(Some(k));
        }
    }
    by_last
        .into_iter()
        .filter_map(|(last, full)| full.map(|f| (last, f)))
        .collect()
}

/// Number words of the groups of countries ("Group of Seven" is the G7).
const GROUP_SIZES: [(&str, &str); 8] = [
    ("two", "2"),
    ("five", "5"),
    ("seven", "7"),
    ("eight", "8"),
    ("ten", "10"),
    ("twenty", "20"),
    ("77", "77"),
    ("twenty-four", "24"),
];

/// Countries by the key of their adjective ("russian" → "russia"), from the lists that ship
/// with the recogniser.
static COUNTRY_OF_ADJECTIVE: LazyLock<FxHashMap<String, String>> = LazyLock::new(|| {
    let rows = |text: &'static str| {
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some((f.next()?.to_string(), normalise(f.next()?)))
            })
            .collect::<FxHashMap<String, String>>()
    };
    let countries = rows(include_str!("../../../assets/ner/lexicons/countries.tsv"));
    rows(include_str!(
        "../../../assets/ner/lexicons/nationalities.tsv"
    ))
    .into_iter()
    .filter_map(|(code, adjective)| Some((adjective, countries.get(&code)?.clone())))
    .collect()
});

/// The key of the usual short name of a formal or spelled-out name, when it has one: "group
/// of seven nations" → "g7", "russian federation" → "russia", "republic of korea" → "korea".
pub fn short_form(key: &str) -> Option<String> {
    if let Some(rest) = key.strip_prefix("group of ") {
        let number = rest.split_whitespace().next()?;
        let digits = GROUP_SIZES
            .iter()
            .find(|(w, _)| *w == number)
            .map(|(_, d)| *d)
            .or_else(|| number.chars().all(|c| c.is_ascii_digit()).then_some(number))?;
        return Some(format!("g{digits}"));
    }
    for formal in [" federation", " republic", " kingdom"] {
        if let Some(adjective) = key.strip_suffix(formal)
            && let Some(country) = COUNTRY_OF_ADJECTIVE.get(adjective)
            && country != key
        {
            return Some(country.clone());
        }
    }
    key.strip_prefix("republic of ")
        .or_else(|| key.strip_prefix("kingdom of "))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_come_off_the_end_of_a_key() {
        assert_eq!(
            without_legal_form("salomon brothers inc"),
            Some("salomon brothers")
        );
        assert_eq!(
            without_legal_form("bear stearns and co inc"),
            Some("bear stearns")
        );
        assert_eq!(without_legal_form("e f hutton group"), Some("e f hutton"));
        assert_eq!(without_legal_form("salomon brothers"), None);
        assert_eq!(without_legal_form("co inc"), None);
        assert_eq!(without_legal_form("inc"), None);
    }

    #[test]
    fn formal_and_spelled_out_names_have_a_short_form() {
        assert_eq!(short_form("group of seven nations").as_deref(), Some("g7"));
        assert_eq!(short_form("group of seven").as_deref(), Some("g7"));
        assert_eq!(short_form("group of 20").as_deref(), Some("g20"));
        assert_eq!(short_form("russian federation").as_deref(), Some("russia"));
        assert_eq!(short_form("republic of korea").as_deref(), Some("korea"));
        assert_eq!(short_form("group of friends"), None);
        assert_eq!(short_form("russia"), None);
        assert_eq!(short_form("federal reserve"), None);
    }

    #[test]
    fn keys_acronyms_and_surnames() {
        assert_eq!(normalise("U.N."), "un");
        assert_eq!(normalise("UN"), "un");
        assert_eq!(normalise("the  United Nations"), "united nations");
        assert_eq!(normalise("Russia's"), "russia");
        assert_eq!(normalise("Kyiv’s"), "kyiv");
        assert_eq!(normalise("  The\tÉcole  Normale\n"), "école normale");
        assert_eq!(normalise("U. N."), "u n");
        assert_eq!(normalise("Jones '"), "jones");
        assert_eq!(normalise("The"), "the");
        assert_eq!(normalise("..."), "");
        assert_eq!(acronym("united nations"), Some("un".into()));
        assert_eq!(
            acronym("organization of the petroleum exporting countries"),
            Some("opec".into())
        );
        assert_eq!(acronym("nato"), None);
        assert_eq!(surname("teodor varga"), Some("varga"));
        assert_eq!(surname("varga"), None);
        assert_eq!(edit_distance("zelenskiy", "zelensky", 2), 1);
        assert_eq!(edit_distance("kitten", "sitting", 3), 3);
        assert!(edit_distance("abc", "xyzuvw", 2) > 2);
        assert_eq!(edit_distance("zürich", "zurich", 2), 1);
        assert_eq!(edit_distance("", "ab", 2), 2);
        let long: String = "ab".repeat(40);
        assert_eq!(edit_distance(&long, &format!("{long}c"), 2), 1);
        let m = surname_map(["teodor varga", "lena vasquez", "maria vasquez", "varga"].into_iter());
        assert_eq!(m.get("varga").copied(), Some("teodor varga"));
        // Two people share the surname: no guess.
        assert!(!m.contains_key("vasquez"));
    }
}
