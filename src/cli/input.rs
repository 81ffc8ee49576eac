//! Where a command reads a file from: `-` is standard input, as everywhere a file is taken.
//!
//! An import reads its input twice (check everything, then write), so it must be opened once
//! and read again from the start: a pipe (`-`, `/dev/stdin`, a FIFO) opened a second time
//! would be empty. A regular file is rewound; anything else is held in memory.

use anyhow::{Context, Result};
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::Path;
use std::rc::Rc;

/// `-`, which stands for standard input or output.
pub fn is_dash(path: &Path) -> bool {
    path == Path::new("-")
}

/// The whole of `path` (standard input for `-`).
pub fn read(path: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if is_dash(path) {
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
    } else {
        bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    }
    Ok(bytes)
}

/// Something read from its start as often as needed, opened once.
pub enum Rereadable {
    File(File),
    Bytes(Rc<[u8]>),
}

impl Rereadable {
    /// Opens `path` (standard input for `-`) once.
    pub fn open(path: &Path) -> Result<Self> {
        if is_dash(path) {
            return Ok(Self::Bytes(read(path)?.into()));
        }
        let mut file =
            File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let regular = file.metadata().is_ok_and(|m| m.is_file());
        if regular {
            return Ok(Self::File(file));
        }
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .with_context(|| format!("cannot read {}", path.display()))?;
        Ok(Self::Bytes(bytes.into()))
    }

    /// A reader from the start.
    pub fn reader(&self) -> Result<Box<dyn BufRead>> {
        Ok(match self {
            Self::File(file) => {
                // The clone shares the offset: rewinding it rewinds the file for this pass.
                let mut file = file.try_clone()?;
                file.seek(SeekFrom::Start(0))?;
                Box::new(BufReader::new(file))
            }
            Self::Bytes(bytes) => Box::new(Cursor::new(Rc::clone(bytes))),
        })
    }
}
