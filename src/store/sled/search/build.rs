//! The index built in one go from the timelines (schema 4 → 5): notes numbered by event time, so
//! that "newest first" holds for everything recorded before the index existed; then each
//! token's list written in full chunks. Safe to run again: it starts by removing what a
//! previous, interrupted run wrote.

use super::super::rechunk::Batcher;
use super::super::sled_store::{engine_error, SledStore};
use super::super::timeline::Located;
use super::super::{chunks, keys};
use super::docs::{self, DocRef, BLOCK};
use super::postings::{self, CHUNK_BYTES};
use crate::search::terms::index_tokens;
use crate::store::{Result, Store};
use std::collections::HashMap;

pub fn build(store: &SledStore) -> Result<()> {
    let (db, dir) = (store.db(), store.dir_path());
    for prefix in [
        keys::DOC_BLOCKS,
        keys::VOCABULARY,
        keys::POSTINGS,
        keys::DOCS_NEXT,
    ] {
        store.remove_prefix(prefix)?;
    }
    // Every event, by time: its position is its number.
    let mut refs = Vec::new();
    for record in db.scan_prefix(keys::EVENT_INDEX) {
        let (key, value) = record.map_err(|e| engine_error(dir, e))?;
        let chunk = chunks::read::<Located>(dir, (key.to_vec(), value.to_vec()))?;
        refs.extend(chunk.entries.into_iter().map(|at| DocRef {
            id: at.id,
            client: at.client,
            at_ms: at.at_ms,
        }));
    }
    refs.sort_by_key(|r| (r.at_ms, r.id));
    let mut out = Batcher::new(db, dir);
    for (block, refs) in refs.chunks(BLOCK as usize).enumerate() {
        let bytes: Vec<u8> = refs.iter().flat_map(|r| r.to_bytes()).collect();
        out.insert((docs::block_key(block as u32), bytes))?;
    }
    let mut lists: HashMap<String, Vec<u32>> = HashMap::new();
    for client in store.clients()? {
        store.for_each_event(client.id, &mut |event| {
            let key = (event.at.timestamp_millis(), event.id);
            if let Ok(doc) = refs.binary_search_by_key(&key, |r| (r.at_ms, r.id)) {
                for token in index_tokens(&super::searchable(&event)) {
                    lists.entry(token).or_default().push(doc as u32);
                }
            }
            Ok(())
        })?;
    }
    for (token, mut list) in lists {
        list.sort_unstable();
        write_list(&mut out, &token, &list)?;
    }
    let next = (refs.len() as u32).to_be_bytes().to_vec();
    out.insert((keys::DOCS_NEXT.to_vec(), next.clone()))?;
    out.insert((keys::DOCS_WRITTEN.to_vec(), next))?;
    out.flush()
}

/// One token's notes, in chunks filled to the limit, and its count.
fn write_list(out: &mut Batcher, token: &str, list: &[u32]) -> Result<()> {
    let mut chunk = Vec::with_capacity(CHUNK_BYTES + 8);
    let mut first = None;
    let mut last = 0;
    for &doc in list {
        if chunk.len() >= CHUNK_BYTES {
            let first = first.take().expect("a chunk with bytes has a first note");
            out.insert((
                postings::chunk_key(token, first),
                std::mem::take(&mut chunk),
            ))?;
        }
        let delta = match first {
            None => {
                first = Some(doc);
                doc
            }
            Some(_) => doc - last,
        };
        postings::push_varint(&mut chunk, delta);
        last = doc;
    }
    if let Some(first) = first {
        out.insert((postings::chunk_key(token, first), chunk))?;
    }
    let count = list.len() as u32;
    out.insert((
        postings::vocabulary_key(token),
        count.to_be_bytes().to_vec(),
    ))
}
