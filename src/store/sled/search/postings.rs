//! Posting lists: for each token, the numbers of the notes that hold it, ascending, stored in
//! chunks of varint deltas (`w/<token>\0<first note>`), about 1.5 bytes a note. A new note has
//! the highest number, so adding it appends to the token's last chunk: one small rewrite.
//!
//! Reading walks from the newest note down: [`Docs::seek`] answers "the highest note at most
//! `n`", which is enough to merge (any of several tokens) and intersect (all terms) lists
//! without decoding more than the chunks the answer is in.

use super::super::keys;
use super::super::tx::Tx;
use crate::store::Result;
use std::path::Path;

/// A chunk is closed once its encoding passes this many bytes.
pub const CHUNK_BYTES: usize = 512;

fn prefix(token: &str) -> Vec<u8> {
    [keys::POSTINGS, token.as_bytes(), b"\0"].concat()
}

pub fn chunk_key(token: &str, first: u32) -> Vec<u8> {
    [prefix(token).as_slice(), &first.to_be_bytes()].concat()
}

pub fn vocabulary_key(token: &str) -> Vec<u8> {
    [keys::VOCABULARY, token.as_bytes()].concat()
}

pub fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The notes of a chunk, ascending (the first absolute, then deltas).
pub fn decode(bytes: &[u8]) -> Vec<u32> {
    let mut docs = Vec::with_capacity(bytes.len());
    let (mut n, mut shift, mut last) = (0u32, 0, 0u32);
    for &b in bytes {
        n |= u32::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            last = if docs.is_empty() { n } else { last + n };
            docs.push(last);
            (n, shift) = (0, 0);
        } else {
            shift += 7;
        }
    }
    docs
}

/// Encodes ascending notes as one chunk.
#[cfg(test)]
pub fn encode(docs: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(docs.len() * 2);
    let mut last = None;
    for &doc in docs {
        push_varint(&mut out, last.map_or(doc, |l| doc - l));
        last = Some(doc);
    }
    out
}

/// Adds notes `docs` (ascending, higher than any before) to `token`'s list: one read of its
/// last chunk, however many notes. True when the token is new.
pub fn append(tx: &mut Tx, token: &str, docs: &[u32]) -> Result<bool> {
    let last = tx.floor(&prefix(token), &chunk_key(token, u32::MAX))?;
    let (mut key, mut bytes, mut previous) = match last {
        Some((key, bytes)) => {
            let previous = decode(&bytes).last().copied();
            (key, bytes, previous)
        }
        None => (Vec::new(), Vec::new(), None),
    };
    let mut added = 0;
    for &doc in docs {
        if previous.is_some_and(|p| doc <= p) {
            continue;
        }
        match previous {
            Some(p) if !bytes.is_empty() && bytes.len() < CHUNK_BYTES => {
                push_varint(&mut bytes, doc - p)
            }
            _ => {
                if !bytes.is_empty() {
                    tx.insert(std::mem::take(&mut key), std::mem::take(&mut bytes));
                }
                key = chunk_key(token, doc);
                push_varint(&mut bytes, doc);
            }
        }
        previous = Some(doc);
        added += 1;
    }
    if added == 0 {
        return Ok(false);
    }
    tx.insert(key, bytes);
    let count_key = vocabulary_key(token);
    let count = tx.get(&count_key)?.map_or(0, |v| count(&v));
    tx.insert(count_key, (count + added).to_be_bytes().to_vec());
    Ok(count == 0)
}

pub fn count(bytes: &[u8]) -> u32 {
    bytes.try_into().map_or(0, u32::from_be_bytes)
}

/// A set of notes read from the highest down.
pub trait Docs {
    /// The highest note in the set that is at most `at_most`.
    fn seek(&mut self, at_most: u32) -> Result<Option<u32>>;
}

/// One token's list, a chunk at a time.
pub struct TokenDocs<'a> {
    db: &'a sled::Db,
    dir: &'a Path,
    token: String,
    /// The chunk last read, and the highest `at_most` it answers for (every note between its
    /// last one and that is known to be absent).
    chunk: Vec<u32>,
    covers: Option<u32>,
}

impl<'a> TokenDocs<'a> {
    pub fn new(db: &'a sled::Db, dir: &'a Path, token: &str) -> Self {
        Self {
            db,
            dir,
            token: token.to_string(),
            chunk: Vec::new(),
            covers: None,
        }
    }

    fn load(&mut self, at_most: u32) -> Result<()> {
        let tx = Tx::new(self.db, self.dir);
        self.chunk = match tx.floor(&prefix(&self.token), &chunk_key(&self.token, at_most))? {
            Some((_, bytes)) => decode(&bytes),
            None => Vec::new(),
        };
        self.covers = Some(at_most);
        Ok(())
    }
}

impl Docs for TokenDocs<'_> {
    fn seek(&mut self, at_most: u32) -> Result<Option<u32>> {
        let cached = match (self.covers, self.chunk.first()) {
            (Some(covers), Some(&first)) => at_most <= covers && at_most >= first,
            // No chunk at or below `covers`: nothing below it either.
            (Some(covers), None) => at_most <= covers,
            (None, _) => false,
        };
        if !cached {
            self.load(at_most)?;
        }
        let below = self.chunk.partition_point(|&d| d <= at_most);
        Ok(below.checked_sub(1).map(|i| self.chunk[i]))
    }
}

/// Notes in any of several sets.
pub struct AnyOf<'a>(pub Vec<Box<dyn Docs + 'a>>);

impl Docs for AnyOf<'_> {
    fn seek(&mut self, at_most: u32) -> Result<Option<u32>> {
        let mut best = None;
        for docs in &mut self.0 {
            best = best.max(docs.seek(at_most)?);
        }
        Ok(best)
    }
}

/// Notes in every one of several sets (none when there are none).
pub struct AllOf<'a>(pub Vec<Box<dyn Docs + 'a>>);

impl Docs for AllOf<'_> {
    fn seek(&mut self, mut at_most: u32) -> Result<Option<u32>> {
        if self.0.is_empty() {
            return Ok(None);
        }
        loop {
            let mut agreed = true;
            for docs in &mut self.0 {
                match docs.seek(at_most)? {
                    None => return Ok(None),
                    Some(found) if found < at_most => {
                        at_most = found;
                        agreed = false;
                    }
                    Some(_) => {}
                }
            }
            if agreed {
                return Ok(Some(at_most));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_round_trip() {
        let docs = [0, 1, 5, 300, 70_000, u32::MAX];
        assert_eq!(decode(&encode(&docs)), docs);
    }

    fn list(db: &sled::Db, token: &str, docs: &[u32]) {
        let dir = Path::new("/");
        for &doc in docs {
            let mut tx = Tx::new(db, dir);
            append(&mut tx, token, &[doc]).unwrap();
            db.apply_batch(tx.into_batch()).unwrap();
        }
    }

    fn all(docs: &mut dyn Docs) -> Vec<u32> {
        let mut out = Vec::new();
        let mut at = u32::MAX;
        while let Some(doc) = docs.seek(at).unwrap() {
            out.push(doc);
            match doc.checked_sub(1) {
                Some(next) => at = next,
                None => break,
            }
        }
        out
    }

    #[test]
    fn lists_merge_and_intersect_newest_first_across_chunks() {
        let db = sled::Config::new().temporary(true).open().unwrap();
        let dir = Path::new("/");
        let evens: Vec<u32> = (0..2000).step_by(2).collect();
        let threes: Vec<u32> = (0..2000).step_by(3).collect();
        list(&db, "even", &evens);
        list(&db, "three", &threes);
        list(&db, "few", &[7]);
        let mut tx = Tx::new(&db, dir);
        append(&mut tx, "few", &[7, 1500]).unwrap();
        db.apply_batch(tx.into_batch()).unwrap();
        assert!(db.scan_prefix(prefix("even")).count() > 1, "several chunks");
        let token = |t: &str| Box::new(TokenDocs::new(&db, dir, t)) as Box<dyn Docs>;
        assert_eq!(
            all(&mut *token("even")),
            evens.iter().rev().copied().collect::<Vec<_>>()
        );
        let mut both = AllOf(vec![token("even"), token("three")]);
        let sixes: Vec<u32> = (0..2000).step_by(6).rev().collect();
        assert_eq!(all(&mut both), sixes);
        let mut any = AnyOf(vec![token("few"), token("missing")]);
        assert_eq!(all(&mut any), [1500, 7]);
        let mut none = AllOf(vec![token("few"), token("missing")]);
        assert_eq!(all(&mut none), Vec::<u32>::new());
        let count = |t: &str| db.get(vocabulary_key(t)).unwrap().map(|v| super::count(&v));
        assert_eq!(count("few"), Some(2));
    }
}
