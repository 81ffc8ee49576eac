//! One write's view of the database. A write reads and changes several records (a timeline
//! chunk, the id index, a summary) that must land together; sled's `Batch` is atomic but cannot
//! be read back, so the write collects its changes here, reads through them, and applies them as
//! one batch at the end.
//!
//! Inside `load`, the writes of earlier events are kept as a lower layer instead of being
//! applied one by one: a run of appends then rewrites each chunk in memory, not in sled's log.

use super::sled_store::engine_error;
use crate::store::Result;
use std::collections::BTreeMap;
use std::ops::Bound;
use std::path::Path;

/// Changed keys: `None` is a removal.
pub type Writes = BTreeMap<Vec<u8>, Option<Vec<u8>>>;

/// A key and its value.
pub type Record = (Vec<u8>, Vec<u8>);

pub struct Tx<'a> {
    db: &'a sled::Db,
    dir: &'a Path,
    /// Earlier writes not yet applied (inside `load`).
    below: Writes,
    writes: Writes,
}

impl<'a> Tx<'a> {
    pub fn new(db: &'a sled::Db, dir: &'a Path) -> Self {
        Self::over(db, dir, Writes::new())
    }

    /// A write on top of earlier, unapplied writes.
    pub fn over(db: &'a sled::Db, dir: &'a Path, below: Writes) -> Self {
        Self {
            db,
            dir,
            below,
            writes: Writes::new(),
        }
    }

    pub fn dir(&self) -> &Path {
        self.dir
    }

    pub fn insert(&mut self, key: Vec<u8>, value: Vec<u8>) {
        self.writes.insert(key, Some(value));
    }

    pub fn remove(&mut self, key: Vec<u8>) {
        self.writes.insert(key, None);
    }

    fn shadowed(&self, key: &[u8]) -> bool {
        self.writes.contains_key(key) || self.below.contains_key(key)
    }

    /// The last record whose key starts with `prefix` and is at most `key`.
    pub fn floor(&self, prefix: &[u8], key: &[u8]) -> Result<Option<Record>> {
        let range = (
            Bound::Included(prefix.to_vec()),
            Bound::Included(key.to_vec()),
        );
        let mut stored = None;
        for item in self.db.range(range.clone()).rev() {
            let (k, v) = item.map_err(|e| engine_error(self.dir, e))?;
            if !self.shadowed(&k) {
                stored = Some((k.to_vec(), v.to_vec()));
                break;
            }
        }
        let written = self.writes.range(range.clone()).rev().find_map(live);
        let below = self
            .below
            .range(range)
            .rev()
            .filter(|(k, _)| !self.writes.contains_key(*k))
            .find_map(live);
        Ok([stored, written, below].into_iter().flatten().max())
    }

    /// The value at exactly `key`, through this write's changes.
    pub fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>> {
        if let Some(value) = self.writes.get(key).or_else(|| self.below.get(key)) {
            return Ok(value.clone());
        }
        let stored = self.db.get(key).map_err(|e| engine_error(self.dir, e))?;
        Ok(stored.map(|v| v.to_vec()))
    }

    /// The first record whose key starts with `prefix` and is at least `from`.
    pub fn ceiling(&self, prefix: &[u8], from: &[u8]) -> Result<Option<Record>> {
        let mut stored = None;
        for item in self.db.range(from.to_vec()..) {
            let (k, v) = item.map_err(|e| engine_error(self.dir, e))?;
            if !k.starts_with(prefix) {
                break;
            }
            if !self.shadowed(&k) {
                stored = Some((k.to_vec(), v.to_vec()));
                break;
            }
        }
        let in_prefix = |(k, _): &(&Vec<u8>, &Option<Vec<u8>>)| k.starts_with(prefix);
        let written = self
            .writes
            .range(from.to_vec()..)
            .take_while(in_prefix)
            .find_map(live);
        let below = self
            .below
            .range(from.to_vec()..)
            .take_while(in_prefix)
            .filter(|(k, _)| !self.writes.contains_key(*k))
            .find_map(live);
        Ok([stored, written, below].into_iter().flatten().min())
    }

    /// This write and the ones below it, still unapplied.
    pub fn into_writes(mut self) -> Writes {
        // One by one: `BTreeMap::append` rebuilds the whole map, which made every write in a
        // bulk load cost as much as all the writes kept below it.
        self.below.extend(self.writes);
        self.below
    }

    /// The writes below this one, dropping this one's (it failed).
    pub fn abandon(self) -> Writes {
        self.below
    }

    #[cfg(test)]
    pub fn into_batch(self) -> sled::Batch {
        batch(self.into_writes())
    }
}

pub fn batch(writes: Writes) -> sled::Batch {
    let mut batch = sled::Batch::default();
    for (key, value) in writes {
        match value {
            Some(value) => batch.insert(key, value),
            None => batch.remove(key),
        }
    }
    batch
}

fn live((key, value): (&Vec<u8>, &Option<Vec<u8>>)) -> Option<Record> {
    value.as_ref().map(|v| (key.clone(), v.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(r: Option<Record>) -> Option<String> {
        r.map(|(k, _)| String::from_utf8(k).unwrap())
    }

    #[test]
    fn reads_see_the_writes_own_changes_over_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let db = sled::Config::new().temporary(true).open().unwrap();
        for key in ["a/1", "a/3", "a/5", "b/1"] {
            db.insert(key, key.as_bytes()).unwrap();
        }
        let mut tx = Tx::new(&db, dir.path());
        tx.remove(b"a/3".to_vec());
        tx.insert(b"a/2".to_vec(), b"new".to_vec());
        assert_eq!(
            key(tx.floor(b"a/", b"a/4").unwrap()).as_deref(),
            Some("a/2")
        );
        assert_eq!(
            key(tx.floor(b"a/", b"a/9").unwrap()).as_deref(),
            Some("a/5")
        );
        assert_eq!(key(tx.floor(b"a/", b"a/0").unwrap()), None);
        assert_eq!(
            key(tx.ceiling(b"a/", b"a/3").unwrap()).as_deref(),
            Some("a/5")
        );
        assert_eq!(
            key(tx.ceiling(b"a/", b"a/").unwrap()).as_deref(),
            Some("a/1")
        );
        assert_eq!(key(tx.ceiling(b"a/", b"a/6").unwrap()), None);
        tx.remove(b"a/5".to_vec());
        assert_eq!(key(tx.ceiling(b"a/", b"a/3").unwrap()), None);
        db.apply_batch(tx.into_batch()).unwrap();
        let keys: Vec<_> = db.iter().keys().map(|k| k.unwrap().to_vec()).collect();
        assert_eq!(keys, [&b"a/1"[..], b"a/2", b"b/1"]);
    }

    #[test]
    fn a_write_over_earlier_writes_sees_all_three_layers() {
        let dir = tempfile::tempdir().unwrap();
        let db = sled::Config::new().temporary(true).open().unwrap();
        db.insert("a/1", "db").unwrap();
        db.insert("a/4", "db").unwrap();
        let mut first = Tx::new(&db, dir.path());
        first.insert(b"a/3".to_vec(), b"first".to_vec());
        first.remove(b"a/4".to_vec());
        let mut second = Tx::over(&db, dir.path(), first.into_writes());
        assert_eq!(
            key(second.floor(b"a/", b"a/9").unwrap()).as_deref(),
            Some("a/3")
        );
        second.remove(b"a/3".to_vec());
        assert_eq!(
            key(second.floor(b"a/", b"a/9").unwrap()).as_deref(),
            Some("a/1")
        );
        assert_eq!(key(second.ceiling(b"a/", b"a/2").unwrap()), None);
        // A failed write leaves the earlier ones as they were.
        let below = second.abandon();
        assert_eq!(below.get(&b"a/3"[..]), Some(&Some(b"first".to_vec())));
        db.apply_batch(batch(below)).unwrap();
        let keys: Vec<_> = db.iter().keys().map(|k| k.unwrap().to_vec()).collect();
        assert_eq!(keys, [&b"a/1"[..], b"a/3"]);
    }
}
