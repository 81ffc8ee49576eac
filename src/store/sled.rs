//! The sled backend: the only part of rapport that touches sled (doc to come).

pub(super) mod chunks;
mod drafts;
pub(super) mod keys;
pub(super) mod migrate;
mod rechunk;
mod search;
pub(super) mod sled_store;
#[cfg(test)]
mod tests;
mod timeline;
mod tx;
