//! What a web page or a wire adds around a story names nothing: labels and greetings made of
//! page words only ("BREAKING NEWS", "Photo Gallery", "Happy New Year Everyone"), and
//! references to images or other assets, codes of capitals and digits ("XKCDQ5EZ7-VIEWIMAGE").

use super::spans::around;
use crate::ner::Mention;

/// Words that make up page labels, in lower case.
#[rustfmt::skip]
const PAGE_WORDS: &[&str] = &[
    "advertisement", "all", "breaking", "click", "comments", "editorial", "everyone", "exclusive",
    "follow", "gallery", "happy", "headlines", "here", "latest", "live", "more", "new", "news",
    "newsletter", "now", "photo", "photos", "read", "related", "share", "sign", "sponsored",
    "stories", "story", "subscribe", "top", "up", "update", "updates", "us", "video", "videos",
    "viewimage", "watch", "year",
];

/// Page words that a name made of page words alone cannot do without: "New Year" may name a
/// holiday, "Happy New Year Everyone" is a greeting.
#[rustfmt::skip]
const LABEL_WORDS: &[&str] = &[
    "advertisement", "breaking", "click", "comments", "everyone", "gallery", "headlines",
    "newsletter", "photo", "photos", "sponsored", "subscribe", "updates", "video", "videos",
];

/// Whether mention `m` is page furniture or an asset code rather than a name.
pub(super) fn is_furniture(text: &str, m: &Mention) -> bool {
    let Some((before, span, after)) = around(text, m) else {
        return false;
    };
    // The mention with the capitalised words next to it on its line ("NEWS" of "BREAKING
    // NEWS").
    let capital = |w: &str| w.starts_with(char::is_uppercase);
    // Only the words near the mention count, so a long line costs no more than a short one.
    let left = near_end(before, 160).rsplit('\n').next().unwrap_or("");
    let right = near_start(after, 160).split('\n').next().unwrap_or("");
    let mut words: Vec<String> = left
        .split(' ')
        .rev()
        .skip(1)
        .take_while(|w| capital(w))
        .map(str::to_lowercase)
        .collect();
    words.extend(span.split(' ').map(str::to_lowercase));
    words.extend(
        right
            .split(' ')
            .skip(1)
            .take_while(|w| capital(w))
            .map(str::to_lowercase),
    );
    // Asset codes beside a label are furniture too.
    let words: Vec<&str> = words
        .iter()
        .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty() && !is_code(&w.to_uppercase()))
        .collect();
    let label = !words.is_empty()
        && words.iter().all(|w| PAGE_WORDS.contains(w))
        && words.iter().any(|w| LABEL_WORDS.contains(w));
    // The whole run of letters, digits and hyphens the mention sits in ("…-VIEWIMAGE").
    let is_part = |c: char| c.is_alphanumeric() || c == '-';
    let (before, after) = (near_end(before, 160), near_start(after, 160));
    let head = before.len() - before.trim_end_matches(is_part).len();
    let tail = after.len() - after.trim_start_matches(is_part).len();
    let run = &text[m.start - head..m.end + tail];
    label || run.split('-').any(is_code)
}

/// The last `n` bytes of `s` or a little fewer, cut on a character boundary.
pub(crate) fn near_end(s: &str, n: usize) -> &str {
    let mut from = s.len().saturating_sub(n);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    &s[from..]
}

/// The first `n` bytes of `s` or a little fewer, cut on a character boundary.
pub(crate) fn near_start(s: &str, n: usize) -> &str {
    let mut to = n.min(s.len());
    while !s.is_char_boundary(to) {
        to -= 1;
    }
    &s[..to]
}

/// A code of at least eight capitals and digits, with at least two of each ("LYNXNPEL1J0GY");
/// model names ("A380", "MH17", "F-16") are shorter.
fn is_code(w: &str) -> bool {
    let digits = w.chars().filter(char::is_ascii_digit).count();
    let capitals = w.chars().filter(char::is_ascii_uppercase).count();
    w.len() >= 8 && digits >= 2 && capitals >= 2 && digits + capitals == w.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::EntityType;

    fn at(text: &str, w: &str) -> Mention {
        let start = text.find(w).expect("in text");
        Mention {
            start,
            end: start + w.len(),
            kind: EntityType::Org,
        }
    }

    #[test]
    fn page_labels_and_greetings_name_nothing() {
        let text = "BREAKING NEWS\nPhoto Gallery\nHappy New Year Everyone";
        for w in [
            "BREAKING NEWS",
            "NEWS",
            "Photo Gallery",
            "Happy New Year Everyone",
        ] {
            assert!(is_furniture(text, &at(text, w)), "{w}");
        }
    }

    #[test]
    fn names_with_a_page_word_stay_names() {
        let text = "New Year in New York, Fox News and Live Nation; Top Gear.";
        for w in [
            "New Year",
            "New York",
            "Fox News",
            "Live Nation",
            "Top Gear",
        ] {
            assert!(!is_furniture(text, &at(text, w)), "{w}");
        }
    }

    #[test]
    fn an_image_reference_names_nothing_whatever_part_was_found() {
        let text = "said on Monday. XKCDQ5EZ7B0-VIEWIMAGE The talks";
        for w in ["XKCDQ5EZ7B0", "VIEWIMAGE", "XKCDQ5EZ7B0-VIEWIMAGE"] {
            assert!(is_furniture(text, &at(text, w)), "{w}");
        }
    }

    #[test]
    fn short_model_names_are_not_codes() {
        let text = "The A380, flight MH17, an F-16 and COVID-19 in 2020.";
        for w in ["A380", "MH17", "F-16", "COVID-19"] {
            assert!(!is_furniture(text, &at(text, w)), "{w}");
        }
    }
}
