//! The numbers of the last `rapport promises` listing: `promise-numbers` in the data dir, the
//! listed ids in order (number N is the Nth), written atomically and private (0600), so that
//! `kept 3` means what the listing showed as 3 until the next listing.

use super::Listed;
use crate::model::EventId;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

const FILE: &str = "promise-numbers";

#[derive(serde::Serialize, serde::Deserialize)]
struct Numbers {
    ids: Vec<EventId>,
}

fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE)
}

/// Keeps the listing's numbers; an unchanged listing leaves the file as it is.
pub fn keep(data_dir: &Path, listed: &[Listed]) -> Result<()> {
    let ids: Vec<EventId> = listed.iter().map(|p| p.id).collect();
    if read(data_dir)?.is_some_and(|known| known.ids == ids) {
        return Ok(());
    }
    let text = serde_json::to_string(&Numbers { ids })?;
    crate::cli::output::write_file(&path(data_dir), &text)
}

fn read(data_dir: &Path) -> Result<Option<Numbers>> {
    let path = path(data_dir);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(serde_json::from_str(&text).ok()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// The id listed as number `typed`.
pub fn resolve(data_dir: &Path, typed: &str) -> Result<EventId> {
    let Some(numbers) = read(data_dir)? else {
        bail!("no numbered listing yet: run `rapport promises`, then `rapport kept N`");
    };
    let number: usize = typed.parse().unwrap_or(0);
    match number.checked_sub(1).and_then(|i| numbers.ids.get(i)) {
        Some(id) => Ok(*id),
        None => bail!(
            "the last `rapport promises` listed {} promise(s): there is no number {typed}",
            numbers.ids.len()
        ),
    }
}
