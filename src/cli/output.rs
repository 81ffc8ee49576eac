//! How listings look: aligned tables for people (CJK-aware), JSON for scripts; and the only
//! ways the commands write: human text with user data's control characters marked (`safe`),
//! exact bytes for formats, both ending quietly on a closed pipe (`stdout`), and `-o FILE`
//! replaced atomically (`file`).

mod file;
mod safe;
mod stdout;

pub use file::{replace as replace_file, write_text as write_file};
pub use safe::{clean, one_line};
pub use stdout::{human, is_stdout_closed, raw, stdout, warn, StdoutClosed};

use anyhow::Result;
use comfy_table::{presets, ContentArrangement, Table};
use serde::Serialize;

/// A borderless table with a header row, columns aligned by display width.
pub fn table(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut table = Table::new();
    table
        .load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.iter().map(|h| h.to_uppercase()));
    for row in rows {
        // One line per cell: a newline in a name must not forge a row.
        table.add_row(row.iter().map(|cell| one_line(cell).into_owned()));
    }
    table
        .lines()
        .map(|line| line.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Pretty JSON on stdout, exact. serde_json escapes C0 controls but writes DEL and C1 (a CSI
/// on some terminals) raw; they can only stand inside strings, so `\u00XX` for them is the
/// same string to any parser and harmless on a terminal.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let mut text = String::new();
    for c in serde_json::to_string_pretty(value)?.chars() {
        match c {
            '\u{7f}'..='\u{9f}' => text += &format!("\\u{:04x}", u32::from(c)),
            c => text.push(c),
        }
    }
    raw(&(text + "\n"))
}

/// "3d ago", "today", "never": how long since something happened.
pub fn ago(days: Option<i64>) -> String {
    match days {
        None => "never".into(),
        Some(d) if d <= 0 => "today".into(),
        Some(d) => format!("{d}d ago"),
    }
}

/// Optional text, or a dash.
pub fn or_dash(value: Option<&str>) -> String {
    value.filter(|v| !v.is_empty()).unwrap_or("-").to_string()
}

/// Writes `text` to `path` (atomically, private 0600), or exactly to standard output.
pub fn write_out(path: Option<&std::path::Path>, text: &str) -> Result<()> {
    match path {
        Some(path) => write_file(path, text),
        None => raw(text),
    }
}
