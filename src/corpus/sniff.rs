//! What a file's first bytes say about it, whatever its name: the signatures of common binary
//! formats (PDF, archives, images, programs), and the character set a web page declares in a
//! `<meta>` tag or an XML declaration.

use encoding_rs::Encoding;

/// Leading bytes of binary formats and the name shown in Problems.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"PK\x07\x08", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard-compressed file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"BZh", "a bzip2-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"\x7fELF", "a program (ELF)"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Office document",
    ),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg audio or video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"ID3", "an MP3 audio file"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
];

/// The kind of binary file `bytes` begin as, if their signature is a known one.
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    // Signatures that are also ordinary words need the bytes that follow to agree.
    if bytes.starts_with(b"BZh") {
        let level = bytes.get(3).is_some_and(|b| (b'1'..=b'9').contains(b));
        return (level && bytes.get(4..10) == Some(b"1AY&SY")).then_some("a bzip2-compressed file");
    }
    if bytes.starts_with(b"ID3") && bytes.get(3).is_none_or(|b| *b >= 8) {
        return None;
    }
    if bytes.starts_with(b"RIFF") {
        return match bytes.get(8..12) {
            Some(b"WEBP") => Some("a WebP image"),
            Some(b"WAVE") => Some("a WAV audio file"),
            Some(b"AVI ") => Some("an AVI video"),
            _ => None,
        };
    }
    if bytes.get(4..8) == Some(b"ftyp") {
        return Some("an MP4 or QuickTime video");
    }
    SIGNATURES
        .iter()
        .find(|(sig, _)| bytes.starts_with(sig))
        .map(|(_, name)| *name)
}

/// How far into a page a charset declaration is looked for.
const PRESCAN: usize = 4096;

/// The character set a web page declares near its start: `<meta charset=…>`,
/// `<meta http-equiv="Content-Type" content="…; charset=…">` or `<?xml … encoding="…"?>`.
/// UTF-16 declared in a page that has no byte-order mark cannot be true and is ignored.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let lower = head.to_ascii_lowercase();
    let label = if lower.starts_with(b"<?xml") {
        let end = memchr::memmem::find(&lower, b"?>").unwrap_or(lower.len());
        attribute(&lower[..end], b"encoding")
    } else {
        None
    };
    let label = label.or_else(|| {
        memchr::memmem::find_iter(&lower, b"<meta").find_map(|at| {
            let tag = &lower[at..];
            let end = memchr::memchr(b'>', tag).unwrap_or(tag.len());
            attribute(&tag[..end], b"charset")
        })
    })?;
    let enc = Encoding::for_label(label)?;
    (enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE).then_some(enc)
}

/// The value after `name` and `=` in a tag's bytes, without quotes.
fn attribute<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    memchr::memmem::find_iter(tag, name).find_map(|at| {
        let rest = &tag[at + name.len()..];
        let rest = rest
            .trim_ascii_start()
            .strip_prefix(b"=")?
            .trim_ascii_start();
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        (end > 0).then_some(&rest[..end])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_signatures_are_named_and_text_is_not() {
        assert_eq!(binary_kind(b"%PDF-1.4\n%stuff"), Some("a PDF document"));
        assert_eq!(
            binary_kind(b"\x1f\x8b\x08\x00"),
            Some("a gzip-compressed file")
        );
        assert_eq!(
            binary_kind(b"RIFF\x10\x00\x00\x00WEBPVP8 "),
            Some("a WebP image")
        );
        for text in [
            &b"BZh is not a word"[..],
            b"ID3 tags explained",
            b"RIFFLE through the files",
            b"The %PDF- marker",
            b"",
        ] {
            assert_eq!(binary_kind(text), None, "{}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn declared_charsets_are_found() {
        let name = |b: &[u8]| declared_charset(b).map(|e| e.name());
        assert_eq!(name(b"<html><meta charset=shift_jis>"), Some("Shift_JIS"));
        assert_eq!(name(b"<META CHARSET='EUC-JP'/>"), Some("EUC-JP"));
        assert_eq!(
            name(br#"<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">"#),
            Some("Shift_JIS")
        );
        assert_eq!(
            name(br#"<?xml version="1.0" encoding="ISO-8859-1"?>"#),
            Some("windows-1252")
        );
        assert_eq!(name(b"<meta charset=utf-16>"), None);
        assert_eq!(name(b"<meta charset=nonsense>"), None);
        assert_eq!(name(b"<meta name=x>charset=koi8-r"), None);
        assert_eq!(name(b"<p>no meta</p>"), None);
    }
}
