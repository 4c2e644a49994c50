//! Turning a file's bytes into text: BOMs (UTF-8, UTF-16 and UTF-32), UTF-8, a character
//! set the file declares, and a Windows-1252 fallback.

use encoding_rs::{Encoding, WINDOWS_1252};

/// Text decoded from bytes, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The characters; for BOM-less UTF-8 exactly the input bytes.
    pub text: String,
    /// Name of the encoding used.
    pub encoding: &'static str,
    /// Length of the byte-order mark that was removed.
    pub bom_len: usize,
    /// True when the bytes were not valid in any Unicode encoding and a fallback was used.
    pub fallback: bool,
}

/// A UTF-32 byte-order mark: big-endian or not. Checked before UTF-16's, whose little-endian
/// mark is the first half of UTF-32LE's.
fn utf32_bom(bytes: &[u8]) -> Option<bool> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        Some(false)
    } else if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        Some(true)
    } else {
        None
    }
}

/// Decodes UTF-32 after its byte-order mark; a value that is no character, and a last
/// incomplete group of bytes, become U+FFFD.
fn decode_utf32(bytes: &[u8], big_endian: bool) -> Decoded {
    let body = &bytes[4..];
    let mut text = String::with_capacity(body.len() / 4);
    let mut groups = body.chunks_exact(4);
    for g in &mut groups {
        let b = [g[0], g[1], g[2], g[3]];
        let v = if big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        };
        text.push(char::from_u32(v).unwrap_or(char::REPLACEMENT_CHARACTER));
    }
    if !groups.remainder().is_empty() {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    Decoded {
        text,
        encoding: if big_endian { "UTF-32BE" } else { "UTF-32LE" },
        bom_len: 4,
        fallback: false,
    }
}

/// True when the bytes look binary: a NUL byte in the first 8 KiB with no UTF-16 or UTF-32 BOM.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if utf32_bom(bytes).is_some()
        || Encoding::for_bom(bytes).is_some_and(|(e, _)| e != encoding_rs::UTF_8)
    {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    memchr::memchr(0, head).is_some()
}

/// Decodes bytes: a BOM decides (UTF-8, UTF-16LE/BE, UTF-32LE/BE); else UTF-8 if valid;
/// else Windows-1252.
pub fn decode(bytes: &[u8]) -> Decoded {
    decode_declared(bytes, None)
}

/// Like [`decode`], with the character set the file declares (a web page's `<meta charset>`)
/// used for bytes that are not UTF-8, before the Windows-1252 fallback.
pub fn decode_declared(bytes: &[u8], declared: Option<&'static Encoding>) -> Decoded {
    if let Some(big_endian) = utf32_bom(bytes) {
        return decode_utf32(bytes, big_endian);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            bom_len,
            fallback: false,
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
            bom_len: 0,
            fallback: false,
        },
        Err(_) => {
            if let Some(enc) = declared.filter(|e| *e != encoding_rs::UTF_8) {
                let (text, _) = enc.decode_without_bom_handling(bytes);
                return Decoded {
                    text: text.into_owned(),
                    encoding: enc.name(),
                    bom_len: 0,
                    fallback: false,
                };
            }
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            Decoded {
                text: text.into_owned(),
                encoding: WINDOWS_1252.name(),
                bom_len: 0,
                fallback: true,
            }
        }
    }
}

/// Like [`decode`] but takes ownership, avoiding a copy for valid UTF-8.
pub fn decode_owned(bytes: Vec<u8>) -> Decoded {
    decode_owned_declared(bytes, None)
}

/// Like [`decode_declared`] but takes ownership, avoiding a copy for valid UTF-8.
pub fn decode_owned_declared(bytes: Vec<u8>, declared: Option<&'static Encoding>) -> Decoded {
    if utf32_bom(&bytes).is_some() || Encoding::for_bom(&bytes).is_some() {
        return decode_declared(&bytes, declared);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Decoded {
            text,
            encoding: "UTF-8",
            bom_len: 0,
            fallback: false,
        },
        Err(e) => decode_declared(e.as_bytes(), declared),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_kept_byte_for_byte() {
        let d = decode("Zürich – “quotes”".as_bytes());
        assert_eq!(d.text, "Zürich – “quotes”");
        assert_eq!(d.encoding, "UTF-8");
        assert!(!d.fallback);
    }

    #[test]
    fn utf8_bom_is_removed() {
        let d = decode(b"\xEF\xBB\xBFHello");
        assert_eq!(d.text, "Hello");
        assert_eq!(d.bom_len, 3);
    }

    #[test]
    fn utf16_both_orders() {
        let le = [0xFF, 0xFE, b'H', 0, b'i', 0];
        let be = [0xFE, 0xFF, 0, b'H', 0, b'i'];
        assert_eq!(decode(&le).text, "Hi");
        assert_eq!(decode(&le).encoding, "UTF-16LE");
        assert_eq!(decode(&be).text, "Hi");
        assert!(!looks_binary(&le));
    }

    #[test]
    fn invalid_utf8_falls_back_to_windows_1252() {
        let d = decode_owned(b"caf\xE9 \x80 5".to_vec());
        assert_eq!(d.text, "café € 5");
        assert!(d.fallback);
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn utf32_both_orders_are_not_read_as_utf16() {
        let mut le = vec![0xFF, 0xFE, 0, 0];
        let mut be = vec![0, 0, 0xFE, 0xFF];
        for c in "Hé😀".chars() {
            le.extend((c as u32).to_le_bytes());
            be.extend((c as u32).to_be_bytes());
        }
        for (bytes, name) in [(&le, "UTF-32LE"), (&be, "UTF-32BE")] {
            assert!(!looks_binary(bytes));
            let d = decode_owned(bytes.clone());
            assert_eq!((d.text.as_str(), d.encoding, d.bom_len), ("Hé😀", name, 4));
        }
        le.push(b'x');
        assert_eq!(decode(&le).text, "Hé😀\u{fffd}");
    }

    #[test]
    fn a_declared_charset_reads_what_is_not_utf8() {
        let sjis = encoding_rs::SHIFT_JIS;
        let (bytes, _, _) = sjis.encode("東京の天気");
        let d = decode_owned_declared(bytes.into_owned(), Some(sjis));
        assert_eq!(
            (d.text.as_str(), d.encoding, d.fallback),
            ("東京の天気", "Shift_JIS", false)
        );
        // Valid UTF-8 stays UTF-8 whatever the page says.
        let d = decode_owned_declared("café".as_bytes().to_vec(), Some(sjis));
        assert_eq!((d.text.as_str(), d.encoding), ("café", "UTF-8"));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(looks_binary(b"PK\x03\x04\x00\x00"));
        assert!(!looks_binary(b"plain text"));
    }
}
