//! Keyboard shortcuts of the window, and the list the Help menu and F1 show. Keys that move
//! through documents or clear the selection act only while no text box has the keyboard, so
//! typing is never taken for a shortcut.

use crate::analysis::DocId;
use crate::ui::commands::Command;
use crate::ui::session::Selection;
use egui::{Key, KeyboardShortcut, Modifiers, Ui};

/// Every shortcut with what it does, in the order the help lists them.
pub const SHORTCUTS: [(&str, &str); 8] = [
    ("Ctrl+O", "Open a folder"),
    (
        "Up / Down",
        "Previous / next document in the Documents list",
    ),
    ("Page Up / Page Down", "Ten documents back / on"),
    ("Escape", "Clear the selected word, entity and link"),
    ("Ctrl+F", "Find in the document shown in the Reader"),
    ("Ctrl+W", "Close the panel in front"),
    ("Ctrl+Q", "Quit"),
    ("F1", "Show or hide this list"),
];

/// What the keys pressed this frame ask of the window itself.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WindowKeys {
    /// Quit.
    pub quit: bool,
    /// Close the panel in front.
    pub close_panel: bool,
    /// Show or hide the list of shortcuts.
    pub help: bool,
}

/// Reads this frame's shortcuts: selection changes become commands on `out`; what concerns
/// the window is returned. `rows` are the documents listed, in display order.
pub fn read(
    ui: &mut Ui,
    selection: &Selection,
    rows: &[DocId],
    out: &mut Vec<Command>,
) -> WindowKeys {
    let shortcut = |ui: &mut Ui, m: Modifiers, k: Key| {
        ui.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(m, k)))
    };
    let keys = WindowKeys {
        quit: shortcut(ui, Modifiers::COMMAND, Key::Q),
        close_panel: shortcut(ui, Modifiers::COMMAND, Key::W),
        help: shortcut(ui, Modifiers::NONE, Key::F1),
    };
    if shortcut(ui, Modifiers::COMMAND, Key::O) {
        out.push(Command::PickFolder);
    }
    // Arrows and Escape belong to a text box that has the keyboard.
    if ui.ctx().memory(|m| m.focused().is_some()) {
        return keys;
    }
    let steps: [(Key, isize); 4] = [
        (Key::ArrowDown, 1),
        (Key::ArrowUp, -1),
        (Key::PageDown, 10),
        (Key::PageUp, -10),
    ];
    for (key, step) in steps {
        if shortcut(ui, Modifiers::NONE, key)
            && let Some(doc) = step_through(rows, selection.doc, step)
        {
            out.push(Command::SelectDoc(doc));
        }
    }
    if shortcut(ui, Modifiers::NONE, Key::Escape) {
        if selection.word.is_some() {
            out.push(Command::SelectWord(None));
        }
        if selection.entity.is_some() || selection.edge.is_some() {
            out.push(Command::SelectEntity(None));
        }
    }
    keys
}

/// The document `step` rows away from `current` in `rows`, kept inside the list; the first
/// row when `current` is not listed.
pub fn step_through(rows: &[DocId], current: Option<DocId>, step: isize) -> Option<DocId> {
    let last = rows.len().checked_sub(1)?;
    let at = current.and_then(|d| rows.iter().position(|&r| r == d));
    let to = match at {
        Some(i) => (i as isize + step).clamp(0, last as isize) as usize,
        None => 0,
    };
    (Some(rows[to]) != current).then_some(rows[to])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepping_stays_inside_the_list() {
        let rows = [7, 3, 9, 1];
        assert_eq!(step_through(&rows, Some(3), 1), Some(9));
        assert_eq!(step_through(&rows, Some(3), -1), Some(7));
        assert_eq!(step_through(&rows, Some(7), -1), None);
        assert_eq!(step_through(&rows, Some(9), 10), Some(1));
        assert_eq!(step_through(&rows, Some(5), 1), Some(7));
        assert_eq!(step_through(&rows, None, -10), Some(7));
        assert_eq!(step_through(&[], Some(3), 1), None);
    }
}
