//! A mistyped command: `quarry stat DIR` reads `stat` as a folder to open in the app. When
//! the first word names no file or folder and looks like a word rather than a path, it is
//! reported as an unknown command, with the nearest command's name.

use super::Cli;
use clap::CommandFactory;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit code for arguments that cannot be used.
const EXIT_ARGS: u8 = 2;

/// When the first path is a bare word that names nothing on disk, says so (suggesting the
/// command it resembles) and returns the exit code; `None` when the paths can be opened.
pub fn check(paths: &[PathBuf]) -> Option<ExitCode> {
    let first = paths.first()?;
    let word = first.to_str()?;
    if !is_bare_word(word) || std::fs::symlink_metadata(first).is_ok() {
        return None;
    }
    let names: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    match nearest(word, &names) {
        Some(name) => eprintln!(
            "quarry: unknown command '{word}' (and no file or folder of that name); did you \
             mean '{name}'?"
        ),
        None => eprintln!(
            "quarry: '{word}' is neither a command nor a file or folder; `quarry --help` lists \
             the commands"
        ),
    }
    Some(ExitCode::from(EXIT_ARGS))
}

/// A word of letters, digits, `-` and `_`, as commands are: not a path with a folder or an
/// extension.
fn is_bare_word(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && Path::new(s).extension().is_none()
}

/// The command `word` most likely meant: one it starts, or one a few edits away.
fn nearest<'a>(word: &str, names: &'a [String]) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    let limit = if word.chars().count() >= 4 { 2 } else { 1 };
    names
        .iter()
        .map(|n| {
            let d = if n.starts_with(&word) && word.len() >= 3 {
                0
            } else {
                edits(&word, n)
            };
            (d, n.as_str())
        })
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, n)| n)
}

/// Levenshtein distance: insertions, deletions and substitutions of characters.
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if ca == *cb {
                diag
            } else {
                1 + diag.min(up).min(row[j])
            };
            diag = up;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_command_is_suggested() {
        let names: Vec<String> = ["stats", "words", "kwic", "text", "entities"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(nearest("stat", &names), Some("stats"));
        assert_eq!(nearest("wrods", &names), Some("words"));
        assert_eq!(nearest("KWIK", &names), Some("kwic"));
        assert_eq!(nearest("ent", &names), Some("entities"));
        assert_eq!(nearest("zebra", &names), None);
        assert_eq!(edits("kitten", "sitting"), 3);
    }

    #[test]
    fn paths_are_not_words() {
        assert!(is_bare_word("stat"));
        assert!(!is_bare_word("news/"));
        assert!(!is_bare_word("a.txt"));
        assert!(!is_bare_word("~/news"));
        assert!(check(&[PathBuf::from("src")]).is_none());
        assert!(check(&[]).is_none());
    }
}
