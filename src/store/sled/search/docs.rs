//! Note numbers: the index refers to a note by a dense number (small in posting lists), and this
//! table turns the number back into the event: 40 bytes a note, 64 to a record.
//!
//! Numbers are handed out in the order notes are indexed, so a higher number is a note
//! recorded later; the first build numbers the existing timeline by event time.

use super::super::keys;
use super::super::sled_store::engine_error;
use super::super::tx::Tx;
use crate::model::{ClientId, EventId};
use crate::store::Result;
use std::path::Path;
use ulid::Ulid;

/// Refs per record.
pub const BLOCK: u32 = 64;
const REF_BYTES: usize = 40;

/// Where a numbered note is: enough to find it and to filter by client and time unread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocRef {
    pub id: EventId,
    pub client: ClientId,
    pub at_ms: i64,
}

impl DocRef {
    pub fn to_bytes(self) -> [u8; REF_BYTES] {
        let mut out = [0; REF_BYTES];
        out[..16].copy_from_slice(&self.id.0 .0.to_be_bytes());
        out[16..32].copy_from_slice(&self.client.0 .0.to_be_bytes());
        out[32..].copy_from_slice(&self.at_ms.to_be_bytes());
        out
    }

    fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let u128_at = |at: usize| {
            bytes
                .get(at..at + 16)?
                .try_into()
                .ok()
                .map(u128::from_be_bytes)
        };
        Some(Self {
            id: EventId(Ulid(u128_at(0)?)),
            client: ClientId(Ulid(u128_at(16)?)),
            at_ms: i64::from_be_bytes(bytes.get(32..40)?.try_into().ok()?),
        })
    }
}

pub fn block_key(block: u32) -> Vec<u8> {
    [keys::DOC_BLOCKS, &block.to_be_bytes()].concat()
}

/// Numbers a note: its ref goes into the table, and the next number moves on.
pub fn add(tx: &mut Tx, doc: DocRef) -> Result<u32> {
    let next = tx
        .get(keys::DOCS_NEXT)?
        .map_or(0, |v| super::postings::count(&v));
    let key = block_key(next / BLOCK);
    let mut block = tx.get(&key)?.unwrap_or_default();
    block.truncate((next % BLOCK) as usize * REF_BYTES);
    block.extend_from_slice(&doc.to_bytes());
    tx.insert(key, block);
    tx.insert(keys::DOCS_NEXT.to_vec(), (next + 1).to_be_bytes().to_vec());
    Ok(next)
}

/// Reads refs, keeping the last record read (neighbouring numbers share it).
pub struct Table<'a> {
    db: &'a sled::Db,
    dir: &'a Path,
    cached: Option<(u32, sled::IVec)>,
}

impl<'a> Table<'a> {
    pub fn new(db: &'a sled::Db, dir: &'a Path) -> Self {
        Self {
            db,
            dir,
            cached: None,
        }
    }

    pub fn get(&mut self, doc: u32) -> Result<Option<DocRef>> {
        let block = doc / BLOCK;
        if self.cached.as_ref().is_none_or(|(b, _)| *b != block) {
            let bytes = self
                .db
                .get(block_key(block))
                .map_err(|e| engine_error(self.dir, e))?;
            self.cached = bytes.map(|bytes| (block, bytes));
        }
        let at = (doc % BLOCK) as usize * REF_BYTES;
        Ok(self
            .cached
            .as_ref()
            .and_then(|(_, bytes)| DocRef::from_bytes(bytes.get(at..at + REF_BYTES)?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_each_other_across_blocks() {
        let db = sled::Config::new().temporary(true).open().unwrap();
        let dir = Path::new("/");
        let refs: Vec<DocRef> = (0..150)
            .map(|i| DocRef {
                id: EventId::new_at(i),
                client: ClientId::new_at(i),
                at_ms: -(i as i64),
            })
            .collect();
        for (i, doc) in refs.iter().enumerate() {
            let mut tx = Tx::new(&db, dir);
            assert_eq!(add(&mut tx, *doc).unwrap(), i as u32);
            db.apply_batch(tx.into_batch()).unwrap();
        }
        let mut table = Table::new(&db, dir);
        for (i, doc) in refs.iter().enumerate().rev() {
            assert_eq!(table.get(i as u32).unwrap(), Some(*doc));
        }
        assert_eq!(table.get(150).unwrap(), None);
    }
}
