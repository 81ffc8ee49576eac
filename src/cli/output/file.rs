//! `-o FILE` without ever tearing FILE: the new content goes to a temp file beside it (created
//! new, 0600, so nothing can be planted there first), is fsynced, then renamed over FILE, and
//! the directory is fsynced so the rename survives a crash. Any failure before the rename
//! (a full disk, an exporter error midway) removes the temp file and leaves FILE as it was:
//! the previous backup is never lost to a failed export.

use anyhow::{Context, Result};
use std::io::{BufWriter, Write};
use std::path::Path;

/// Creates `path` with whatever `fill` writes, atomically; returns what `fill` returns.
pub fn replace<T>(path: &Path, fill: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let name = name.with_context(|| format!("{} is not a file name", path.display()))?;
    // `tempfile` opens with O_CREAT|O_EXCL (no symlink followed) and mode 0600.
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    let written = {
        let mut out = BufWriter::new(temp.as_file_mut());
        let value = fill(&mut out)?;
        out.flush()?;
        value
    };
    let failed = |what: &str| format!("cannot {what} {}", path.display());
    temp.as_file().sync_all().with_context(|| failed("write"))?;
    temp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| failed("replace"))?;
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("cannot sync {}", dir.display()))?;
    Ok(written)
}

/// Writes `text` to `path` atomically (see [`replace`]).
pub fn write_text(path: &Path, text: &str) -> Result<()> {
    replace(path, |out| Ok(out.write_all(text.as_bytes())?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn replaces_the_file_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        write_text(&path, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp left"
        );
    }

    #[test]
    fn a_failure_midway_keeps_the_old_file_and_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("backup.jsonl");
        std::fs::write(&path, "the old backup").unwrap();
        let result: Result<()> = replace(&path, |out| {
            out.write_all(b"half of the new")?;
            anyhow::bail!("the exporter failed")
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "the old backup");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp left"
        );
    }
}
