//! Other names the tagger took for organisations or places: events, agreements and periods
//! ("Treaty of Nanking", "Battle of Marengo"), doctrines and peoples ("Marxism", "the
//! Greeks") and works ("the film Looper"); and the seas, rivers and ranges it took for other
//! names, which are places ("the Mediterranean").

use super::spans::around;
use crate::ner::gazetteer::{self, Gazetteer};
use crate::ner::{EntityType, Mention};

/// Seas, rivers and mountain ranges named without their head noun and used as a noun ("around
/// the Mediterranean.", "the Caucasus is", "the Alps and") are places, not other names.
pub(super) fn natural_features_are_places(text: &str, found: &mut [Mention]) {
    #[rustfmt::skip]
    const NATURAL: &[&str] = &[
        "Mediterranean", "Caribbean", "Baltic", "Adriatic", "Aegean", "Atlantic", "Pacific",
        "Arctic", "Antarctic", "Ionian", "Tyrrhenian", "Caspian", "Bosphorus", "Bosporus",
        "Dardanelles", "Nile", "Danube", "Rhine", "Rhone", "Rhône", "Volga", "Dnieper", "Elbe",
        "Thames", "Seine", "Loire", "Tiber", "Euphrates", "Tigris", "Ganges", "Indus", "Yangtze",
        "Mekong", "Zambezi", "Orinoco", "Alps", "Andes", "Apennines", "Pyrenees", "Carpathians",
        "Caucasus", "Himalayas", "Urals", "Rockies", "Balkans", "Sahara", "Gobi", "Kalahari",
    ];
    for m in found.iter_mut().filter(|m| m.kind == EntityType::Misc) {
        let Some((before, span, after)) = around(text, m) else {
            continue;
        };
        if !NATURAL.contains(&span) {
            continue;
        }
        let the = before
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("the"));
        // Used as a noun: nothing that could be its noun follows.
        let noun = after
            .trim_start()
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| !w.is_empty() && !STOPISH.contains(&w));
        if the && !noun {
            m.kind = EntityType::Place;
        }
    }
}

/// Words after a noun that cannot be nouns it modifies.
const STOPISH: &[&str] = &[
    "and", "or", "as", "in", "to", "was", "is", "were", "are", "by", "from", "with", "for", "of",
    "at", "on", "until", "which", "that", "where", "had", "has",
];

/// Head nouns of battles and reigns ("Battle of Marengo", "Reign of Terror", "Middle Ages"),
/// beside the name-head list the tagger also reads.
const EVENT_HEADS: &[&str] = &[
    "Battle", "Siege", "Reign", "Ages", "Invasion", "Crusade", "Crusades",
];

/// Named events, agreements, awards and periods ("Treaty of Nanking", "Boxer Rebellion", "Summer
/// Olympic Games", "Battle of Marengo") are other names, not organisations or places: their
/// head noun, last or before "of", says so.
pub(super) fn events_are_other_names(text: &str, gaz: &Gazetteer, found: &mut [Mention]) {
    for m in found
        .iter_mut()
        .filter(|m| matches!(m.kind, EntityType::Org | EntityType::Place))
    {
        let Some(span) = text.get(m.start..m.end) else {
            continue;
        };
        let head = match span.split_once(" of ") {
            Some((before, _)) => before.rsplit(' ').next().unwrap_or(before),
            None => match span.rsplit_once(' ') {
                Some((_, last)) => last,
                None => continue,
            },
        };
        if gaz.head_lists(head) == 1 << gazetteer::MISC_HEAD || EVENT_HEADS.contains(&head) {
            m.kind = EntityType::Misc;
        }
    }
}

/// Historical periods and movements named in one word.
const PERIODS: &[&str] = &[
    "Renaissance",
    "Reformation",
    "Enlightenment",
    "Inquisition",
    "Holocaust",
    "Reconquista",
];

/// A doctrine, movement or period ("Judaism", "Marxism", "the Renaissance") is an other name,
/// and so is a people named by the plural of a nationality ("the Greeks").
pub(super) fn doctrines_are_other_names(text: &str, gaz: &Gazetteer, found: &mut [Mention]) {
    for m in found.iter_mut().filter(|m| m.kind != EntityType::Misc) {
        let Some(span) = text.get(m.start..m.end) else {
            continue;
        };
        let people = || {
            span.strip_suffix('s')
                .is_some_and(|one| gaz.lists(one) & 1 << gazetteer::NATIONALITY != 0)
        };
        if !span.contains(' ')
            && ((span.len() > 5 && span.ends_with("ism")) || PERIODS.contains(&span) || people())
        {
            m.kind = EntityType::Misc;
        }
    }
}

/// A name right after a kind of work ("the film Looper", "the album Over My Head", "the
/// 2012 film The Five-Year Engagement") is the work's title: an other name.
pub(super) fn works_are_other_names(text: &str, found: &mut [Mention]) {
    const WORKS: &[&str] = &[
        "film",
        "movie",
        "album",
        "song",
        "single",
        "novel",
        "book",
        "opera",
        "series",
        "show",
        "musical",
        "painting",
        "poem",
        "anthology",
    ];
    for m in found.iter_mut().filter(|m| m.kind != EntityType::Misc) {
        let Some((before, _, _)) = around(text, m) else {
            continue;
        };
        let before = before.trim_end().trim_end_matches([',', ':']).trim_end();
        let before = before.strip_suffix("The").unwrap_or(before).trim_end();
        let last = before.rsplit(|c: char| !c.is_alphanumeric()).next();
        if last.is_some_and(|w| WORKS.contains(&w)) {
            m.kind = EntityType::Misc;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::rules::tests::mention_at;

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
        super::natural_features_are_places(text, &mut found);
        let kinds: Vec<&str> = found.iter().map(|m| m.kind.label()).collect();
        assert_eq!(
            kinds,
            ["PLACE", "MISC", "PLACE", "PLACE", "ORG", "PLACE", "MISC"]
        );
    }

    #[test]
    fn events_are_other_names() {
        let gaz = Gazetteer::builtin();
        let text = "After the Treaty of Nanking and the Boxer Rebellion, Penn Treaty Corp and Bank of \
                    Treaty; the Battle of Marengo, the Reign of Terror, the Middle Ages, Battle Creek.";
        let mut found = vec![
            mention_at(text, "Treaty of Nanking", EntityType::Org),
            mention_at(text, "Boxer Rebellion", EntityType::Place),
            mention_at(text, "Penn Treaty Corp", EntityType::Org),
            mention_at(text, "Bank of Treaty", EntityType::Org),
            mention_at(text, "Battle of Marengo", EntityType::Org),
            mention_at(text, "Reign of Terror", EntityType::Org),
            mention_at(text, "Middle Ages", EntityType::Place),
            mention_at(text, "Battle Creek", EntityType::Place),
        ];
        super::events_are_other_names(text, &gaz, &mut found);
        let kinds: Vec<&str> = found.iter().map(|m| m.kind.label()).collect();
        assert_eq!(
            kinds,
            [
                "MISC", "MISC", "ORG", "ORG", "MISC", "MISC", "MISC", "PLACE"
            ]
        );
    }

    #[test]
    fn doctrines_are_other_names() {
        let gaz = Gazetteer::builtin();
        let text = "They returned to Judaism, not to Marxism or to Maoism in Prism. During the \
                    Renaissance the Greeks and the Filipinos met Athens.";
        let mut found = vec![
            mention_at(text, "Judaism", EntityType::Org),
            mention_at(text, "Marxism", EntityType::Place),
            mention_at(text, "Prism", EntityType::Org),
            mention_at(text, "Renaissance", EntityType::Org),
            mention_at(text, "Greeks", EntityType::Person),
            mention_at(text, "Filipinos", EntityType::Org),
            mention_at(text, "Athens", EntityType::Place),
        ];
        super::doctrines_are_other_names(text, &gaz, &mut found);
        let kinds: Vec<&str> = found.iter().map(|m| m.kind.label()).collect();
        assert_eq!(
            kinds,
            ["MISC", "MISC", "ORG", "MISC", "MISC", "MISC", "PLACE"]
        );
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
        super::works_are_other_names(text, &mut found);
        let kinds: Vec<&str> = found.iter().map(|m| m.kind.label()).collect();
        assert_eq!(kinds, ["MISC", "MISC", "MISC", "ORG"]);
    }
}
