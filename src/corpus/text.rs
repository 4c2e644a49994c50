//! Document texts kept in shared blocks. A text read from a file is copied into a block of a
//! few megabytes that the thread reading it fills (one allocation for many documents), so the
//! long-lived texts of a corpus do not lie scattered among the short-lived parse trees they
//! were cut from, and a text read back from the index can be a slice of the frame it was
//! stored in. A [`Text`] reads as a `&str` and is cheap to clone.

use bytes::BytesMut;
use bytestring::ByteString;
use std::cell::RefCell;

/// The text of a document: a `str` that shares its block with other documents' texts.
pub type Text = ByteString;

/// Size of the blocks texts are packed into.
const BLOCK: usize = 4 << 20;
/// Texts at least this long get an allocation of their own.
const OWN: usize = BLOCK / 4;

thread_local! {
    /// The rest of this thread's current block.
    static SPARE: RefCell<BytesMut> = RefCell::new(BytesMut::new());
}

/// Copies a text into this thread's current block (a new one when it is full).
pub fn pack(s: &str) -> Text {
    if s.is_empty() || s.len() >= OWN {
        return Text::from(s);
    }
    SPARE.with(|spare| {
        let mut spare = spare.borrow_mut();
        if spare.capacity() < s.len() {
            *spare = BytesMut::with_capacity(BLOCK);
        }
        spare.extend_from_slice(s.as_bytes());
        let bytes = spare.split().freeze();
        // The bytes are those of a `String`, so they are UTF-8.
        Text::try_from(bytes).unwrap_or_else(|_| Text::from(s))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_texts_read_back_whole_and_share_a_block() {
        let a = pack("Zürich – “quotes”");
        let b = pack("second");
        let big = pack(&"x".repeat(OWN));
        assert_eq!((&*a, &*b, big.len()), ("Zürich – “quotes”", "second", OWN));
        // The second text follows the first in the same block.
        let end_of_a = a.as_ptr() as usize + a.len();
        assert_eq!(b.as_ptr() as usize, end_of_a);
        assert_eq!(&*pack(""), "");
    }
}
