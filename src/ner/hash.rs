//! Fast 64-bit hashes of words and feature values, and lowercasing into a reused buffer.

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Mixes two 64-bit values into a well-spread hash.
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let mut h = (a ^ b.rotate_left(29))
        .wrapping_add(K)
        .wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 32;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 29)
}

/// Hash of a byte string.
#[inline]
pub fn hash_bytes(b: &[u8]) -> u64 {
    let mut h = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(a)).wrapping_mul(K);
    }
    mix(h, tail(chunks.remainder()))
}

/// Up to seven bytes as a little-endian number, zero-padded: two overlapping reads where
/// there are four or more, three single bytes below (their overlaps agree).
#[inline]
fn tail(r: &[u8]) -> u64 {
    let n = r.len();
    if n >= 4 {
        let lo = u32::from_le_bytes([r[0], r[1], r[2], r[3]]) as u64;
        let hi = u32::from_le_bytes([r[n - 4], r[n - 3], r[n - 2], r[n - 1]]) as u64;
        lo | hi << (8 * (n - 4))
    } else if n > 0 {
        r[0] as u64 | (r[n / 2] as u64) << (8 * (n / 2)) | (r[n - 1] as u64) << (8 * (n - 1))
    } else {
        0
    }
}

/// Writes the lowercase of `w` into `buf`.
#[inline]
pub fn lowercase_into(w: &str, buf: &mut String) {
    buf.clear();
    if w.is_ascii() {
        buf.push_str(w);
        buf.make_ascii_lowercase();
    } else {
        buf.extend(w.chars().flat_map(char::to_lowercase));
    }
}

/// Hash of the lowercase of `w`.
pub fn hash_lower(w: &str, buf: &mut String) -> u64 {
    lowercase_into(w, buf);
    hash_bytes(buf.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The trained weights are indexed by these hashes: they must never change.
    #[test]
    fn hashes_of_every_length_are_those_the_model_was_trained_with() {
        let text = b"Organization of Petroleum Exporting Countries";
        for n in 0..=text.len() {
            let b = &text[..n];
            let mut h = n as u64;
            let mut chunks = b.chunks_exact(8);
            for c in &mut chunks {
                let mut a = [0u8; 8];
                a.copy_from_slice(c);
                h = (h.rotate_left(5) ^ u64::from_le_bytes(a)).wrapping_mul(K);
            }
            let mut a = [0u8; 8];
            a[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
            assert_eq!(hash_bytes(b), mix(h, u64::from_le_bytes(a)), "{n} bytes");
        }
        assert_eq!(hash_bytes(b"Paris"), 0x43af_53bd_9330_c1d6);
    }
}
