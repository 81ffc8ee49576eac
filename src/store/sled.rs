//! The sled backend, [`SledStore`](sled_store::SledStore): the only part of rapport that
//! touches sled. `sled_store/engine.rs` contains sled's habits at its boundary; `keys` lays out
//! the keys for range scans; timelines and the event index are chunked maps (`chunks`,
//! `timeline`) written through one atomic `tx`; `search` is the note index, kept in the same
//! write; `drafts` are unsaved notes; `migrate` and `rechunk` bring older schemas up to
//! [`CURRENT_SCHEMA`](migrate::CURRENT_SCHEMA). It keeps the files of `store/files/` current
//! (lock, names, inbox, digest) as every backend must.

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
