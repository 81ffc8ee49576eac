//! Notes no client could be found for (`DIR/unfiled`), until they are assigned or dropped.
//!
//! A file beside the database, not a sled tree, because the note that needs it is the one
//! typed where nothing is known: `rapport note "text"` in a tmux popup with no `[[context]]`
//! rule for the pane must keep it at once, without opening the database (whose open cost grows
//! with its size, and which another command may be holding) and without a client, which every
//! key of the timeline starts with. The list is short and rarely written, so it is rewritten
//! whole and atomically ([`replace`], synced: it survives power loss before the command says it
//! was kept), under a lock (`unfiled.lock`) so that two notes typed at once both stay.
//!
//! Filing a note writes its event to the store first and forgets it here after; a crash in
//! between leaves the note listed whose event (its id fixed when it was typed) is already
//! stored, which [`SledStore`](crate::store::SledStore) notices and forgets then.

use super::replace::{replace, Durability};
use crate::model::Unfiled;
use crate::store::{Result, StoreError};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::path::Path;

const FILE: &str = "unfiled";
const LOCK: &str = "unfiled.lock";

/// The file's content.
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
struct List {
    /// The number the next note gets.
    next: u32,
    notes: Vec<Unfiled>,
}

fn io<'a>(path: &'a Path, what: &'a str) -> impl Fn(std::io::Error) -> StoreError + 'a {
    move |source| StoreError::io(what, path, source)
}

/// Held while the list is read and rewritten.
fn lock(dir: &Path) -> Result<File> {
    let path = dir.join(LOCK);
    let file = super::perms::open_private(&path).map_err(io(&path, "locking"))?;
    file.lock().map_err(io(&path, "locking"))?;
    Ok(file)
}

fn read(dir: &Path) -> Result<List> {
    let path = dir.join(FILE);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(List::default()),
        Err(e) => return Err(io(&path, "reading")(e)),
    };
    serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
        dir: dir.to_path_buf(),
        detail: format!("{} does not read: {e}", path.display()),
    })
}

fn write(dir: &Path, list: &List) -> Result<()> {
    let mut bytes = serde_json::to_vec_pretty(list)
        .map_err(|e| StoreError::io("writing", &dir.join(FILE), std::io::Error::other(e)))?;
    bytes.push(b'\n');
    replace(dir, FILE, &bytes, Durability::Synced)
}

/// The notes, oldest first.
pub fn list(dir: &Path) -> Result<Vec<Unfiled>> {
    Ok(read(dir)?.notes)
}

/// Keeps `note` under the next number, durably; returns the number.
pub fn keep(dir: &Path, note: &Unfiled) -> Result<u32> {
    super::perms::create_private_dir(dir)?;
    let _held = lock(dir)?;
    let mut list = read(dir)?;
    let highest = list.notes.iter().map(|n| n.number).max().unwrap_or(0);
    let number = list.next.max(highest + 1).max(1);
    list.next = number + 1;
    list.notes.push(Unfiled {
        number,
        ..note.clone()
    });
    write(dir, &list)?;
    Ok(number)
}

/// Forgets note `number`, durably, and returns it.
pub fn remove(dir: &Path, number: u32) -> Result<Unfiled> {
    let _held = lock(dir)?;
    let mut list = read(dir)?;
    let Some(at) = list.notes.iter().position(|n| n.number == number) else {
        return Err(missing(number));
    };
    let note = list.notes.remove(at);
    write(dir, &list)?;
    Ok(note)
}

/// Note `number`, if it is listed.
pub fn get(dir: &Path, number: u32) -> Result<Unfiled> {
    list(dir)?
        .into_iter()
        .find(|n| n.number == number)
        .ok_or_else(|| missing(number))
}

fn missing(number: u32) -> StoreError {
    StoreError::Missing {
        what: "unfiled note",
        id: format!("{number} (`rapport unfiled` lists them)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Given;
    use chrono::Utc;
    use std::os::unix::fs::PermissionsExt;

    fn note(text: &str) -> Unfiled {
        Unfiled::new(
            text,
            vec!["tmux session x".into()],
            Given::default(),
            Utc::now(),
        )
    }

    #[test]
    fn numbers_are_never_reused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(keep(dir.path(), &note("one")).unwrap(), 1);
        assert_eq!(keep(dir.path(), &note("two")).unwrap(), 2);
        assert_eq!(remove(dir.path(), 2).unwrap().text, "two");
        assert_eq!(keep(dir.path(), &note("three")).unwrap(), 3);
        let texts: Vec<_> = list(dir.path())
            .unwrap()
            .into_iter()
            .map(|n| n.text)
            .collect();
        assert_eq!(texts, ["one", "three"]);
        assert!(matches!(
            remove(dir.path(), 2),
            Err(StoreError::Missing { .. })
        ));
        let mode = std::fs::metadata(dir.path().join(FILE))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn notes_kept_at_once_all_stay() {
        let dir = tempfile::tempdir().unwrap();
        std::thread::scope(|s| {
            for i in 0..8 {
                let dir = dir.path();
                s.spawn(move || keep(dir, &note(&format!("note {i}"))).unwrap());
            }
        });
        let mut numbers: Vec<u32> = list(dir.path()).unwrap().iter().map(|n| n.number).collect();
        numbers.sort();
        assert_eq!(numbers, (1..=8).collect::<Vec<_>>());
    }
}
