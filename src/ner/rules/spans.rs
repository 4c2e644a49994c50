//! Helpers the rules share: the text around a mention, and stretching a mention over the
//! ones it now covers.

use crate::ner::Mention;

/// The text before a mention, the mention and the text after it.
pub(super) fn around<'t>(text: &'t str, m: &Mention) -> Option<(&'t str, &'t str, &'t str)> {
    Some((
        text.get(..m.start)?,
        text.get(m.start..m.end)?,
        text.get(m.end..)?,
    ))
}

/// Stretches mention `k` to end at byte `end`, dropping the mentions after it that now lie
/// inside it.
pub(super) fn stretch(found: &mut Vec<Mention>, k: usize, end: usize) {
    found[k].end = end;
    let inside = found[k + 1..].iter().take_while(|n| n.start < end).count();
    found.drain(k + 1..k + 1 + inside);
}
