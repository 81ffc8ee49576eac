//! Short stable ids for agenda items, so that `rapport agenda --snooze ID 2w` names one: a
//! hash of what the item is about (its kind, client, person, promise — never a name or a
//! text, which change), in seven characters of Crockford base32. A check-in's id also holds
//! the last contact, so a check-in snoozed or dismissed is a new item after the next contact.

/// Characters of the id (Crockford base32: no I, L, O or U to misread).
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// 35 bits: a collision among the ~15,000 items of a million-event store is ~1 in 300.
pub const ID_LEN: usize = 7;

/// The id of the item described by `key` ("promise/01KB…").
pub fn item_id(key: &str) -> String {
    // Two CRC-32s with different seeds: stable across builds and platforms, unlike std's
    // hasher, and enough bits for seven characters.
    let crc = |seed| {
        let mut h = crc32fast::Hasher::new_with_initial(seed);
        h.update(key.as_bytes());
        u64::from(h.finalize())
    };
    let mut bits = (crc(0) << 32) | crc(0x9E37_79B9);
    let mut id = String::with_capacity(ID_LEN);
    for _ in 0..ID_LEN {
        id.push(char::from(ALPHABET[(bits & 31) as usize]));
        bits >>= 5;
    }
    id
}

/// An id as typed: case and Crockford's look-alikes (O for 0, I and L for 1) forgiven.
pub fn normalise(typed: &str) -> String {
    (typed.trim().chars())
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_short_stable_and_forgiving() {
        let id = item_id("promise/01KB00000000000000000000E3");
        assert_eq!(id.len(), ID_LEN);
        // Stable across runs and builds: the CLI prints it today and takes it back next week.
        assert_eq!(id, item_id("promise/01KB00000000000000000000E3"));
        assert_eq!(
            id, "9NV1DS7",
            "the hash changed: every id users wrote down would too"
        );
        assert_ne!(id, item_id("promise/01KB00000000000000000000E4"));
        assert_eq!(normalise(" 9nv1ds7 "), id);
        assert_eq!(normalise("oil"), "011");
    }
}
