//! Opaque page cursors: the offset into the sorted result, bound to the query that made it.
//!
//! The dataset is immutable and the sort total (distance, then id), so an offset is a stable
//! position. The query fingerprint makes a cursor from another query (or another dataset) a
//! 400 instead of a silently wrong page.

use sha2::{Digest, Sha256};

/// A cursor is 8 hex digits of offset and 16 of fingerprint.
const CURSOR_LEN: usize = 24;

/// A short hash of a canonical query description.
pub fn fingerprint(canonical_query: &str) -> u64 {
    let digest = Sha256::digest(canonical_query.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first)
}

pub fn encode(offset: u32, fingerprint: u64) -> String {
    format!("{offset:08x}{fingerprint:016x}")
}

/// The offset a cursor points to, if it was made for a query with this fingerprint.
pub fn decode(cursor: &str, fingerprint: u64) -> Option<u32> {
    if cursor.len() != CURSOR_LEN || !cursor.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    // `get`, not `split_at`: no panic even if the checks above change.
    let (offset, hash) = (cursor.get(..8)?, cursor.get(8..)?);
    let hash = u64::from_str_radix(hash, 16).ok()?;
    (hash == fingerprint)
        .then(|| u32::from_str_radix(offset, 16).ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips_for_its_own_query_only() {
        let mine = fingerprint("a");
        let cursor = encode(1500, mine);
        assert_eq!(decode(&cursor, mine), Some(1500));
        assert_eq!(decode(&cursor, fingerprint("b")), None);
    }

    proptest::proptest! {
        #[test]
        fn every_offset_round_trips_under_its_fingerprint_and_no_other(
            offset: u32, mine: u64, other: u64
        ) {
            let cursor = encode(offset, mine);
            proptest::prop_assert_eq!(decode(&cursor, mine), Some(offset));
            proptest::prop_assume!(other != mine);
            proptest::prop_assert_eq!(decode(&cursor, other), None);
        }

        #[test]
        fn any_text_decodes_without_panic_and_is_a_cursor_exactly_when_24_hex_digits(
            text in "\\PC{0,30}|[0-9a-fA-F]{24}|[0-9a-f+\u{e9}]{22,26}"
        ) {
            let hex = text.len() == CURSOR_LEN && text.bytes().all(|b| b.is_ascii_hexdigit());
            // The fingerprint the text carries if it is a cursor, so only the format decides.
            let carried = text.get(8..).and_then(|h| u64::from_str_radix(h, 16).ok()).unwrap_or(0);
            proptest::prop_assert_eq!(decode(&text, carried).is_some(), hex);
        }
    }

    #[test]
    fn garbage_is_not_a_cursor() {
        let f = fingerprint("a");
        for bad in [
            "",
            "zz",
            "0000000g0000000000000000",
            &"0".repeat(25),
            "ééééééééééééé",
        ] {
            assert_eq!(decode(bad, f), None, "{bad}");
        }
    }
}
