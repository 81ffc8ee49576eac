//! The config error, and how a byte span from toml becomes a line, a column and a dotted key.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};

/// Why a config could not be used. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// An explicitly named file (`--config`, `RAPPORT_CONFIG`) is missing; the default location
    /// may be missing, but a name the user typed is probably a mistake.
    #[error(
        "config file {} does not exist; `rapport config --default > {}` writes a commented one",
        path.display(),
        path.display()
    )]
    NotFound { path: PathBuf },

    /// The io error is in the message rather than `source` so a plain `{}` says why.
    #[error("cannot read config file {}: {error}", path.display())]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },

    /// TOML syntax, a wrong type or a value out of range.
    #[error("config error in {}{}: {message}", path.display(), Location(*line, *column, key))]
    Invalid {
        path: PathBuf,
        /// 1-based, when toml gave a position.
        line: Option<usize>,
        column: Option<usize>,
        /// Dotted, e.g. `contact.default_cadence_days`.
        key: Option<String>,
        message: String,
    },
}

struct Location<'a>(Option<usize>, Option<usize>, &'a Option<String>);

impl fmt::Display for Location<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(line), Some(column)) = (self.0, self.1) {
            write!(f, " at line {line}, column {column}")?;
        }
        if let Some(key) = self.2 {
            write!(f, " (key {key})")?;
        }
        Ok(())
    }
}

impl ConfigError {
    /// Turns a toml error into one naming the file, the position and the key.
    /// `doc` is the parsed document when syntax was fine (the error came from a value).
    pub(super) fn from_toml(
        err: &toml::de::Error,
        text: &str,
        doc: Option<&DeTable<'_>>,
        path: &Path,
    ) -> Self {
        let span = err.span();
        let (line, column) = match &span {
            Some(span) => {
                let (l, c) = line_col(text, span.start);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        let key = span.and_then(|span| {
            let mut path = Vec::new();
            let found = doc.is_some_and(|doc| key_at(doc, text, span.start, &mut path));
            if found {
                Some(path.join("."))
            } else {
                key_from_lines(text, span.start)
            }
        });
        ConfigError::Invalid {
            path: path.to_path_buf(),
            line,
            column,
            key,
            message: err.message().trim_end().to_owned(),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset, clamped into the text.
pub(super) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    (line, before[line_start..].chars().count() + 1)
}

/// Finds the deepest entry whose key or value covers `pos`, or failing that the last key on the
/// same line before `pos`, and leaves its dotted path in `path`.
fn key_at(table: &DeTable<'_>, text: &str, pos: usize, path: &mut Vec<String>) -> bool {
    let line_of = |p: usize| line_col(text, p).0;
    let mut same_line: Option<(usize, String)> = None;
    for (key, value) in table.iter() {
        let name = key.get_ref().to_string();
        // Tables defined by a `[header]` may not span their entries, so always look inside.
        if let DeValue::Table(inner) = value.get_ref() {
            path.push(name.clone());
            if key_at(inner, text, pos, path) {
                return true;
            }
            path.pop();
        }
        if covers(&key.span(), pos) || covers(&value.span(), pos) {
            path.push(name);
            return true;
        }
        let start = key.span().start;
        let later = same_line.as_ref().is_none_or(|(s, _)| *s < start);
        if start <= pos && later && line_of(start) == line_of(pos) {
            same_line = Some((start, name));
        }
    }
    same_line.map(|(_, name)| path.push(name)).is_some()
}

/// For syntax errors the parsed document may lack the entry (a duplicate key, say), so read
/// `key =` off the error's line and prefix the nearest `[table]` header above it.
fn key_from_lines(text: &str, pos: usize) -> Option<String> {
    let (line, _) = line_col(text, pos);
    let lines: Vec<&str> = text.lines().take(line).collect();
    let (last, above) = lines.split_last()?;
    let key = last.split_once('=')?.0.trim();
    let bare = |k: &str| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
    };
    if !bare(key) {
        return None;
    }
    let header = above
        .iter()
        .rev()
        .map(|l| l.trim())
        .find(|l| l.starts_with('['));
    let table = header.map(|h| h.trim_matches(|c| c == '[' || c == ']').trim());
    match table {
        Some(table) if bare(table) => Some(format!("{table}.{key}")),
        Some(_) => None,
        None => Some(key.to_owned()),
    }
}

fn covers(span: &Range<usize>, pos: usize) -> bool {
    span.contains(&pos) || (span.is_empty() && span.start == pos)
}
