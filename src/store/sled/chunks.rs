//! Sorted maps stored as chunks of neighbouring entries, one sled record per chunk.
//!
//! Why: sled 0.34 keeps per-page bookkeeping in memory for as long as the database is open, and
//! its leaves split at 16 records. One record per event made a million-event store cost 80 MB
//! of RAM and ~300 ms to open; a few events per record cut both by an order of magnitude.
//!
//! A chunk is stored under `prefix + sort key of its first entry` and holds the entries up to
//! the next chunk's key, sorted. Chunks split when their encoding passes [`CHUNK_BYTES`]
//! (small enough that sled's leaves stay below its blob threshold). Appends, the common case,
//! split off just the new entry, so chunks behind the newest one stay full.

use super::tx::{Record, Tx};
use crate::store::codec::{decode, encode};
use crate::store::{Result, StoreError};
use serde::{de::DeserializeOwned, Serialize};
use std::path::Path;

/// Encoded size above which a chunk of two or more entries is split.
pub const CHUNK_BYTES: usize = 4096;

/// What a chunked map holds.
pub trait Entry: Serialize + DeserializeOwned {
    /// The entry's position in its map, compared as bytes; unique within the map.
    fn sort_key(&self) -> Vec<u8>;
}

/// A decoded chunk and the key it is stored under.
pub struct Chunk<E> {
    pub key: Vec<u8>,
    pub entries: Vec<E>,
}

/// Decodes a chunk read from the database.
pub fn read<E: Entry>(dir: &Path, (key, value): Record) -> Result<Chunk<E>> {
    let entries = decode(&value).map_err(|detail| StoreError::Corrupt {
        dir: dir.to_path_buf(),
        detail: format!(
            "record {} is unreadable: {detail}",
            String::from_utf8_lossy(&key)
        ),
    })?;
    Ok(Chunk { key, entries })
}

/// The chunk that holds `key` if any chunk does: the last one starting at or before it, or
/// else the first one (for a key before everything).
fn locate<E: Entry>(tx: &Tx, prefix: &[u8], key: &[u8]) -> Result<Option<Chunk<E>>> {
    let full = [prefix, key].concat();
    let found = match tx.floor(prefix, &full)? {
        Some(record) => Some(record),
        None => tx.ceiling(prefix, prefix)?,
    };
    found.map(|record| read(tx.dir(), record)).transpose()
}

/// The entry at `key`.
pub fn get<E: Entry>(tx: &Tx, prefix: &[u8], key: &[u8]) -> Result<Option<E>> {
    let Some(chunk) = locate::<E>(tx, prefix, key)? else {
        return Ok(None);
    };
    let at = chunk
        .entries
        .binary_search_by(|e| e.sort_key().as_slice().cmp(key));
    Ok(at.ok().and_then(|i| chunk.entries.into_iter().nth(i)))
}

/// Adds `entry`, replacing the entry with the same sort key.
pub fn put<E: Entry>(tx: &mut Tx, prefix: &[u8], entry: E) -> Result<()> {
    let key = entry.sort_key();
    let (old_key, mut entries) = match locate::<E>(tx, prefix, &key)? {
        Some(chunk) => (Some(chunk.key), chunk.entries),
        None => (None, Vec::new()),
    };
    let appended = match entries.binary_search_by(|e| e.sort_key().cmp(&key)) {
        Ok(i) => {
            entries[i] = entry;
            false
        }
        Err(i) => {
            entries.insert(i, entry);
            i + 1 == entries.len() && i > 0
        }
    };
    write(tx, prefix, old_key, entries, appended);
    Ok(())
}

/// Removes and returns the entry at `key`.
pub fn take<E: Entry>(tx: &mut Tx, prefix: &[u8], key: &[u8]) -> Result<Option<E>> {
    let Some(chunk) = locate::<E>(tx, prefix, key)? else {
        return Ok(None);
    };
    let mut entries = chunk.entries;
    let Ok(i) = entries.binary_search_by(|e| e.sort_key().as_slice().cmp(key)) else {
        return Ok(None);
    };
    let taken = entries.remove(i);
    write(tx, prefix, Some(chunk.key), entries, false);
    Ok(Some(taken))
}

/// Stores `entries` (sorted) in place of the chunk at `old_key`: under the key of its first
/// entry, split if too big, removed if empty.
fn write<E: Entry>(
    tx: &mut Tx,
    prefix: &[u8],
    old_key: Option<Vec<u8>>,
    entries: Vec<E>,
    appended: bool,
) {
    if let Some(old) = old_key {
        tx.remove(old);
    }
    for piece in split(entries, appended) {
        let key = [prefix, &piece[0].sort_key()].concat();
        tx.insert(key, encode(&piece));
    }
}

/// Cuts a run of sorted entries into chunks of at most [`CHUNK_BYTES`] (a single entry may be
/// bigger); no empty chunks.
fn split<E: Entry>(mut entries: Vec<E>, appended: bool) -> Vec<Vec<E>> {
    if entries.is_empty() {
        return Vec::new();
    }
    if entries.len() < 2 || encode(&entries).len() <= CHUNK_BYTES {
        return vec![entries];
    }
    let at = if appended {
        entries.len() - 1
    } else {
        entries.len() / 2
    };
    let right = entries.split_off(at);
    let mut pieces = split(entries, false);
    pieces.extend(split(right, false));
    pieces
}

/// Builds a map from entries given in order, filling each chunk to the limit (migration).
pub struct Packer<E> {
    prefix: Vec<u8>,
    current: Vec<E>,
    size: usize,
}

impl<E: Entry> Packer<E> {
    pub fn new(prefix: &[u8]) -> Self {
        Self {
            prefix: prefix.to_vec(),
            current: Vec::new(),
            size: 0,
        }
    }

    /// Adds the next entry; returns a finished chunk when this one did not fit in it.
    pub fn push(&mut self, entry: E) -> Option<Record> {
        let size = encode(&entry).len();
        let full = (!self.current.is_empty() && self.size + size > CHUNK_BYTES)
            .then(|| self.finish())
            .flatten();
        self.size += size;
        self.current.push(entry);
        full
    }

    /// The last, partly filled chunk.
    pub fn finish(&mut self) -> Option<Record> {
        let entries = std::mem::take(&mut self.current);
        self.size = 0;
        let first = entries.first()?.sort_key();
        Some(([self.prefix.as_slice(), &first].concat(), encode(&entries)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
    struct Item {
        key: u32,
        text: String,
    }

    impl Entry for Item {
        fn sort_key(&self) -> Vec<u8> {
            self.key.to_be_bytes().to_vec()
        }
    }

    fn item(key: u32) -> Item {
        Item {
            key,
            text: "x".repeat(200),
        }
    }

    fn all(db: &sled::Db) -> (usize, Vec<u32>) {
        let dir = Path::new("/");
        let mut keys = Vec::new();
        let mut chunks = 0;
        for record in db.scan_prefix(b"t/") {
            let (k, v) = record.unwrap();
            let chunk = read::<Item>(dir, (k.to_vec(), v.to_vec())).unwrap();
            assert_eq!(
                chunk.key[2..],
                chunk.entries[0].sort_key()[..],
                "keyed by first"
            );
            assert!(v.len() <= CHUNK_BYTES || chunk.entries.len() == 1);
            chunks += 1;
            keys.extend(chunk.entries.iter().map(|e| e.key));
        }
        (chunks, keys)
    }

    fn apply(db: &sled::Db, f: impl FnOnce(&mut Tx)) {
        let dir = Path::new("/");
        let mut tx = Tx::new(db, dir);
        f(&mut tx);
        db.apply_batch(tx.into_batch()).unwrap();
    }

    #[test]
    fn entries_stay_sorted_across_splits_in_any_insert_order() {
        let db = sled::Config::new().temporary(true).open().unwrap();
        let order: Vec<u32> = (0..300).map(|i| (i * 7919) % 300).collect();
        for key in &order {
            apply(&db, |tx| put(tx, b"t/", item(*key)).unwrap());
        }
        let (chunks, keys) = all(&db);
        assert_eq!(keys, (0..300).collect::<Vec<_>>());
        assert!(chunks > 10, "split into {chunks}");
        let tx = Tx::new(&db, Path::new("/"));
        assert_eq!(
            get::<Item>(&tx, b"t/", &42u32.to_be_bytes()).unwrap(),
            Some(item(42))
        );
        assert_eq!(
            get::<Item>(&tx, b"t/", &999u32.to_be_bytes()).unwrap(),
            None
        );
    }

    #[test]
    fn appends_leave_full_chunks_behind() {
        let db = sled::Config::new().temporary(true).open().unwrap();
        for key in 0..300 {
            apply(&db, |tx| put(tx, b"t/", item(key)).unwrap());
        }
        let (chunks, keys) = all(&db);
        assert_eq!(keys.len(), 300);
        let per_chunk = CHUNK_BYTES / encode(&item(0)).len();
        assert!(chunks <= 300 / (per_chunk - 1) + 1, "{chunks} chunks");
    }

    #[test]
    fn taking_entries_rekeys_and_removes_chunks() {
        let db = sled::Config::new().temporary(true).open().unwrap();
        for key in 0..50 {
            apply(&db, |tx| put(tx, b"t/", item(key)).unwrap());
        }
        apply(&db, |tx| {
            // The first entry of the first chunk: the chunk moves to the next key.
            assert_eq!(
                take::<Item>(tx, b"t/", &0u32.to_be_bytes()).unwrap(),
                Some(item(0))
            );
            assert_eq!(take::<Item>(tx, b"t/", &0u32.to_be_bytes()).unwrap(), None);
        });
        for key in 1..50u32 {
            apply(&db, |tx| {
                take::<Item>(tx, b"t/", &key.to_be_bytes())
                    .unwrap()
                    .unwrap();
            });
        }
        assert_eq!(all(&db), (0, vec![]));
    }

    #[test]
    fn an_entry_before_everything_moves_the_first_chunk_key() {
        let db = sled::Config::new().temporary(true).open().unwrap();
        apply(&db, |tx| put(tx, b"t/", item(10)).unwrap());
        apply(&db, |tx| put(tx, b"t/", item(5)).unwrap());
        assert_eq!(all(&db), (1, vec![5, 10]));
    }

    #[test]
    fn packing_fills_chunks_to_the_limit() {
        let db = sled::Config::new().temporary(true).open().unwrap();
        let mut packer = Packer::new(b"t/");
        let records: Vec<Record> = (0..100).filter_map(|i| packer.push(item(i))).collect();
        for (k, v) in records.into_iter().chain(packer.finish()) {
            db.insert(k, v).unwrap();
        }
        let (chunks, keys) = all(&db);
        assert_eq!(keys, (0..100).collect::<Vec<_>>());
        assert!(chunks <= 100 / (CHUNK_BYTES / encode(&item(0)).len() - 1) + 1);
    }
}
