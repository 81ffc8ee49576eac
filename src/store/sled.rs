//! The sled backend, [`SledStore`](sled_store::SledStore): the only part of rapport that
//! touches sled. `sled_store/` is the store itself, one file per concept, with
//! `sled_store/engine.rs` containing sled's habits at its boundary; `keys` lays out the keys
//! for range scans (and reads a [`Cursor`](crate::store::Cursor) as one); timelines and the
//! event index are chunked maps (`chunks`, `timeline`) written through one atomic `tx`;
//! `search` is the note index, kept in the same write; `drafts` are unsaved notes; `versions`
//! an event's earlier versions; `migrate` and `rechunk` bring older schemas up to
//! [`CURRENT_SCHEMA`](migrate::CURRENT_SCHEMA). Of the files beside the database it takes the
//! lock and folds in the inbox at open; the digest and the names file are kept by the write
//! path's observers (`store/upkeep.rs`), which it tells at every commit.

pub(super) mod chunks;
mod drafts;
pub(super) mod keys;
pub(super) mod migrate;
mod rechunk;
mod search;
pub(super) mod sled_store;
#[cfg(test)]
pub(super) mod tests;
mod timeline;
mod tx;
mod unfiled;
mod versions;
