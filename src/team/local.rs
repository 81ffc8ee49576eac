//! The team file (`team` in the data dir, 0600, TOML): which server, which team, who this is
//! and from which device, how far the pulls have read and how the last sync went. Written
//! whole and atomically (beside it, fsynced, renamed), so a crash leaves the old or the new
//! one. Its `version` is the format's: a file from a newer rapport is refused.
//!
//! The cursor may lag what was saved (a crash after saving a pull, before this file): the
//! next pull then reads those rows again and saving them again changes nothing.

use super::server::Identity;
use crate::store::{replace_file, Durability};
use anyhow::{bail, Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::Path;

const NAME: &str = "team";
/// The format of the team file. 1: the first.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TeamFile {
    pub version: u32,
    /// The connection string, without a password (one is refused).
    pub url: String,
    #[serde(flatten)]
    pub identity: Identity,
    /// The last server sequence number pulled.
    pub cursor: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sync: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
}

impl TeamFile {
    pub fn new(url: &str, identity: Identity) -> Self {
        Self {
            version: VERSION,
            url: url.to_string(),
            identity,
            cursor: 0,
            last_sync: None,
            last_error: None,
        }
    }

    /// The team file of the store in `dir`, if it is in a team.
    pub fn read(dir: &Path) -> Result<Option<Self>> {
        let path = dir.join(NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        let file: Self =
            toml::from_str(&text).with_context(|| format!("reading {}", path.display()))?;
        if file.version > VERSION {
            bail!(
                "{} is from a newer rapport (format {}, this one reads {VERSION})",
                path.display(),
                file.version
            );
        }
        Ok(Some(file))
    }

    /// The store in `dir` is in a team, or this says how to make it one.
    pub fn required(dir: &Path) -> Result<Self> {
        Self::read(dir)?
            .context("this store is in no team; run `rapport team init URL` or `team join URL`")
    }

    pub fn write(&self, dir: &Path) -> Result<()> {
        let text = toml::to_string(self)?;
        replace_file(dir, NAME, text.as_bytes(), Durability::Synced)?;
        Ok(())
    }
}
