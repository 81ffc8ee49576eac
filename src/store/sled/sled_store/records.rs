//! Records in sled: reading and decoding them, applying a batch, making it durable, the
//! schema version, and sled's errors said as a [`StoreError`].

use super::engine::{self, engine_error};
use super::SledStore;
use crate::store::codec::decode;
use crate::store::sled::keys;
use crate::store::{Result, StoreError};
use serde::de::DeserializeOwned;
use std::path::Path;
use std::sync::atomic::Ordering;

impl SledStore {
    pub(in crate::store::sled) fn db(&self) -> &sled::Db {
        &self.db
    }

    /// What opening set aside (see `engine.rs`), for the command to tell the user.
    pub fn notices(&self) -> &[String] {
        &self.db.notices
    }

    pub(in crate::store::sled) fn dir_path(&self) -> &Path {
        &self.dir
    }

    /// Flushes sled and fsyncs its log, so what was written survives power loss.
    pub(in crate::store::sled) fn sync(&self) -> Result<()> {
        self.db.sync(&self.log, &self.dir)
    }

    pub(super) fn commit(&self) -> Result<()> {
        if self.deferred.load(Ordering::SeqCst) {
            Ok(())
        } else {
            self.sync()
        }
    }

    pub(in crate::store::sled) fn schema_version(&self) -> Result<Option<u32>> {
        let raw = self.db.get(keys::SCHEMA).map_err(|e| self.engine(e))?;
        Ok(raw.map(|v| {
            v.as_ref()
                .try_into()
                .map(u32::from_be_bytes)
                .unwrap_or(u32::MAX)
        }))
    }

    pub(in crate::store::sled) fn set_schema_version(&self, version: u32) -> Result<()> {
        self.db
            .insert(keys::SCHEMA, &version.to_be_bytes())
            .map_err(|e| self.engine(e))?;
        Ok(())
    }

    /// True when the database holds no key at all (a store being created).
    pub(in crate::store::sled) fn is_blank(&self) -> Result<bool> {
        Ok(self.db.first().map_err(|e| self.engine(e))?.is_none())
    }

    pub(in crate::store::sled) fn remove_prefix(&self, prefix: &[u8]) -> Result<()> {
        let mut batch = sled::Batch::default();
        for item in self.db.scan_prefix(prefix).keys() {
            batch.remove(item.map_err(|e| self.engine(e))?);
        }
        self.apply(batch)
    }

    pub(super) fn engine(&self, source: sled::Error) -> StoreError {
        engine_error(&self.dir, source)
    }

    pub(super) fn get<T: DeserializeOwned>(&self, key: &[u8]) -> Result<Option<T>> {
        match self.db.get(key).map_err(|e| self.engine(e))? {
            Some(bytes) => self.decode(key, &bytes).map(Some),
            None => Ok(None),
        }
    }

    pub(super) fn decode<T: DeserializeOwned>(&self, key: &[u8], bytes: &[u8]) -> Result<T> {
        decode(bytes).map_err(|detail| StoreError::Corrupt {
            dir: self.dir.clone(),
            detail: format!(
                "record {} is unreadable: {detail}",
                String::from_utf8_lossy(key)
            ),
        })
    }

    pub(super) fn scan<T: DeserializeOwned>(&self, prefix: &[u8]) -> Result<Vec<T>> {
        self.db
            .scan_prefix(prefix)
            .map(|item| {
                let (key, value) = item.map_err(|e| self.engine(e))?;
                self.decode(&key, &value)
            })
            .collect()
    }

    pub(super) fn apply(&self, batch: sled::Batch) -> Result<()> {
        self.db.apply_batch(batch).map_err(|e| self.engine(e))?;
        engine::crash_point(&self.db);
        Ok(())
    }
}
