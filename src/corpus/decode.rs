//! Turning a file's bytes into text: BOMs, UTF-8, UTF-16, and a Windows-1252 fallback.

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

/// True when the bytes look binary: a NUL byte in the first 8 KiB with no UTF-16 BOM.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if Encoding::for_bom(bytes).is_some_and(|(e, _)| e != encoding_rs::UTF_8) {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    memchr::memchr(0, head).is_some()
}

/// Decodes bytes: a BOM decides (UTF-8, UTF-16LE/BE); else UTF-8 if valid; else Windows-1252.
pub fn decode(bytes: &[u8]) -> Decoded {
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
    if Encoding::for_bom(&bytes).is_some() {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Decoded {
            text,
            encoding: "UTF-8",
            bom_len: 0,
            fallback: false,
        },
        Err(e) => decode(e.as_bytes()),
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
    fn nul_bytes_mean_binary() {
        assert!(looks_binary(b"PK\x03\x04\x00\x00"));
        assert!(!looks_binary(b"plain text"));
    }
}
