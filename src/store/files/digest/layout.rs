//! The digest's bytes. Version 3 (2 held trust as one net sum; 1 had no agenda section):
//!
//! ```text
//! version byte (4: follow-ups; 3: trust as good and bad sums)
//! u32 clients · u32 × 3 section lengths · u32 × 3 section CRC-32s   (little-endian)
//! index: per client, its id (u128) and its three chunks' lengths (u32 × 3)
//! section 0: the entries (what `status` counts)        MessagePack array, compact
//! section 1: the promises' texts, one list per client  MessagePack array
//! section 2: the agenda's inputs (client, summary, people), named fields
//! ```
//!
//! Each section is an array whose elements are the clients' chunks in index order, so the
//! keeper holds one encoded chunk per client and section, re-encodes only the clients a write
//! changed, and writes the file by concatenation (`Encoded`); it never decodes the file. A
//! reader reads only the sections it needs (`status --tmux`: the first) and checks each one's
//! CRC, so a torn or zeroed file reads as no file. Another version byte is no file too.

use crate::store::files::replace::{publish, stage, Durability};
use crate::store::{Result, StoreError};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;

pub const FILE: &str = "digest";
/// 5: entries hold the people's yearly dates (birthdays, work anniversaries).
const VERSION: u8 = 5;
/// The version byte, the client count, three lengths and three CRCs.
const HEADER: usize = 1 + 4 + 3 * 4 + 3 * 4;
/// Per client: the id and three lengths.
const INDEX_ENTRY: usize = 16 + 3 * 4;
pub const SECTIONS: usize = 3;

/// The sections, by position.
pub const ENTRIES: usize = 0;
pub const TEXTS: usize = 1;
pub const AGENDA: usize = 2;

/// What the header says.
#[derive(Clone, Copy, Debug)]
struct Head {
    clients: usize,
    lens: [usize; SECTIONS],
    crcs: [u32; SECTIONS],
}

impl Head {
    fn parse(bytes: &[u8]) -> Option<Self> {
        if bytes.len() < HEADER || bytes[0] != VERSION {
            return None;
        }
        let word = |i: usize| {
            let at = 1 + 4 * i;
            u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four bytes"))
        };
        Some(Self {
            clients: word(0) as usize,
            lens: [word(1) as usize, word(2) as usize, word(3) as usize],
            crcs: [word(4), word(5), word(6)],
        })
    }

    fn index_len(&self) -> usize {
        self.clients * INDEX_ENTRY
    }

    /// Where section `k` starts in the file.
    fn start(&self, k: usize) -> usize {
        HEADER + self.index_len() + self.lens[..k].iter().sum::<usize>()
    }

    fn total(&self) -> usize {
        self.start(SECTIONS)
    }
}

/// Sections `from..to` of the file in `dir`, each checked against its CRC; `None` when the
/// file is missing, of another version, cut short or torn.
pub fn read_sections(dir: &Path, from: usize, to: usize) -> Option<Vec<Vec<u8>>> {
    let mut file = File::open(dir.join(FILE)).ok()?;
    let mut head = [0u8; HEADER];
    file.read_exact(&mut head).ok()?;
    let head = Head::parse(&head)?;
    if file.metadata().ok()?.len() != head.total() as u64 {
        return None;
    }
    file.seek(SeekFrom::Start(head.start(from) as u64)).ok()?;
    (from..to)
        .map(|k| {
            let mut bytes = vec![0u8; head.lens[k]];
            file.read_exact(&mut bytes).ok()?;
            (crc32fast::hash(&bytes) == head.crcs[k]).then_some(bytes)
        })
        .collect()
}

/// Whether the file is there, of this version and as long as its header says (a store
/// opening checks this; the CRCs are checked by whoever reads a section).
pub fn looks_whole(dir: &Path) -> bool {
    let Ok(mut file) = File::open(dir.join(FILE)) else {
        return false;
    };
    let mut head = [0u8; HEADER];
    let size = file.metadata().map_or(0, |m| m.len());
    file.read_exact(&mut head).is_ok()
        && Head::parse(&head).is_some_and(|h| h.total() as u64 == size)
}

/// One client's chunks, one per section, encoded.
#[derive(Debug)]
pub struct Chunk {
    pub id: u128,
    pub parts: [Vec<u8>; SECTIONS],
}

/// What the keeper holds: every client's chunks, in the file's order.
#[derive(Debug, Default, Clone)]
pub struct Encoded {
    chunks: Vec<Arc<Chunk>>,
}

impl Encoded {
    /// The file's chunks, without decoding them (every CRC checked); `None` as for readers.
    pub fn load(dir: &Path) -> Option<Self> {
        let bytes = std::fs::read(dir.join(FILE)).ok()?;
        let head = Head::parse(&bytes)?;
        if bytes.len() != head.total() {
            return None;
        }
        let section = |k: usize| &bytes[head.start(k)..head.start(k) + head.lens[k]];
        if (0..SECTIONS).any(|k| crc32fast::hash(section(k)) != head.crcs[k]) {
            return None;
        }
        // Each section's chunks follow its array header.
        let mut at: [usize; SECTIONS] =
            std::array::from_fn(|k| head.start(k) + array_len(head.clients).len());
        let index = &bytes[HEADER..HEADER + head.index_len()];
        let mut chunks = Vec::with_capacity(head.clients);
        for entry in index.chunks_exact(INDEX_ENTRY) {
            let id = u128::from_le_bytes(entry[..16].try_into().expect("sixteen bytes"));
            let mut parts: [Vec<u8>; SECTIONS] = Default::default();
            for k in 0..SECTIONS {
                let len = u32::from_le_bytes(entry[16 + 4 * k..20 + 4 * k].try_into().ok()?);
                let end = at[k].checked_add(len as usize)?;
                if end > head.start(k) + head.lens[k] {
                    return None;
                }
                parts[k] = bytes[at[k]..end].to_vec();
                at[k] = end;
            }
            chunks.push(Arc::new(Chunk { id, parts }));
        }
        Some(Self { chunks })
    }

    /// Replaces (or adds) one client's chunks.
    pub fn put(&mut self, chunk: Chunk) {
        let chunk = Arc::new(chunk);
        match self.chunks.iter().position(|c| c.id == chunk.id) {
            Some(i) => self.chunks[i] = chunk,
            None => self.chunks.push(chunk),
        }
    }

    pub fn forget(&mut self, id: u128) {
        self.chunks.retain(|c| c.id != id);
    }

    /// The file's bytes.
    pub fn bytes(&self) -> Result<Vec<u8>> {
        let too_big = || StoreError::Io {
            context: format!("writing the {FILE}"),
            source: std::io::Error::other("the digest would be over 4 GiB"),
        };
        let word = |n: usize| u32::try_from(n).map_err(|_| too_big());
        let sections: Vec<Vec<u8>> = (0..SECTIONS)
            .map(|k| {
                let mut out = array_len(self.chunks.len());
                out.reserve(self.chunks.iter().map(|c| c.parts[k].len()).sum());
                self.chunks.iter().for_each(|c| out.extend(&c.parts[k]));
                out
            })
            .collect();
        let mut bytes = Vec::with_capacity(
            HEADER + self.chunks.len() * INDEX_ENTRY + sections.iter().map(Vec::len).sum::<usize>(),
        );
        bytes.push(VERSION);
        bytes.extend(word(self.chunks.len())?.to_le_bytes());
        for section in &sections {
            bytes.extend(word(section.len())?.to_le_bytes());
        }
        for section in &sections {
            bytes.extend(crc32fast::hash(section).to_le_bytes());
        }
        for chunk in &self.chunks {
            bytes.extend(chunk.id.to_le_bytes());
            for part in &chunk.parts {
                bytes.extend(word(part.len())?.to_le_bytes());
            }
        }
        sections.iter().for_each(|s| bytes.extend(s));
        Ok(bytes)
    }

    /// Writes the file beside the digest (`digest.new`), not yet in its place: see
    /// [`publish_staged`]. Not synced (rule 1 makes a lost or torn file harmless).
    pub fn stage(&self, dir: &Path) -> Result<()> {
        stage(dir, FILE, &self.bytes()?, Durability::Cache)
    }
}

/// What [`Encoded::stage`] wrote becomes the digest.
pub fn publish_staged(dir: &Path) -> Result<()> {
    publish(dir, FILE, Durability::Cache)
}

/// A MessagePack array header for `n` elements.
fn array_len(n: usize) -> Vec<u8> {
    match n {
        0..=15 => vec![0x90 | n as u8],
        16..=0xFFFF => {
            let mut out = vec![0xDC];
            out.extend((n as u16).to_be_bytes());
            out
        }
        _ => {
            let mut out = vec![0xDD];
            out.extend((n as u32).to_be_bytes());
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_headers_read_back_as_messagepack_arrays() {
        for n in [0usize, 1, 15, 16, 300, 70_000] {
            let chunks: Vec<Vec<u8>> = (0..n)
                .map(|i| rmp_serde::to_vec(&(i as u32)).unwrap())
                .collect();
            let mut bytes = array_len(n);
            chunks.iter().for_each(|c| bytes.extend(c));
            let back: Vec<u32> = rmp_serde::from_slice(&bytes).unwrap();
            assert_eq!(back.len(), n);
            assert_eq!(back.last().copied(), n.checked_sub(1).map(|l| l as u32));
        }
    }

    #[test]
    fn chunks_survive_the_file_and_a_torn_section_is_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut encoded = Encoded::default();
        for id in 1..=20u128 {
            let part = |k: u8| rmp_serde::to_vec(&format!("{id}/{k}")).unwrap();
            encoded.put(Chunk {
                id,
                parts: [part(0), part(1), part(2)],
            });
        }
        encoded.forget(3);
        encoded.stage(dir.path()).unwrap();
        assert!(!looks_whole(dir.path()), "staged is not published");
        publish_staged(dir.path()).unwrap();
        assert!(looks_whole(dir.path()));
        let back = Encoded::load(dir.path()).unwrap();
        assert_eq!(back.bytes().unwrap(), encoded.bytes().unwrap());
        let sections = read_sections(dir.path(), TEXTS, AGENDA + 1).unwrap();
        let texts: Vec<String> = rmp_serde::from_slice(&sections[0]).unwrap();
        assert_eq!((texts.len(), texts[2].as_str()), (19, "4/1"));
        // One byte flipped in the last section: its CRC no longer matches.
        let path = dir.path().join(FILE);
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert!(looks_whole(dir.path()), "the length still matches");
        assert!(read_sections(dir.path(), ENTRIES, ENTRIES + 1).is_some());
        assert!(read_sections(dir.path(), AGENDA, AGENDA + 1).is_none());
        assert!(Encoded::load(dir.path()).is_none());
    }
}
