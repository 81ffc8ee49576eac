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
    // comfy-table keeps column widths in a u16 and re-measures a line for every word it
    // wraps, so a cell of a 10 MB note took minutes and came out wrapped. Such a cell is laid
    // out by a prefix of it, and its rest put back after the prefix on its own line.
    let mut rests = Vec::with_capacity(rows.len());
    for row in rows {
        // One line per cell: a newline in a name must not forge a row.
        let mut rest = None;
        let cells: Vec<String> = row
            .iter()
            .map(|cell| {
                let cell = one_line(cell).into_owned();
                match split_long(&cell) {
                    Some(at) if rest.is_none() => {
                        rest = Some((cell[..at].to_string(), cell[at..].to_string()));
                        cell[..at].to_string()
                    }
                    _ => cell,
                }
            })
            .collect();
        rests.push(rest);
        table.add_row(cells);
    }
    table
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let line = match i.checked_sub(1).and_then(|row| rests[row].as_ref()) {
                Some((prefix, rest)) => match line.find(prefix.as_str()) {
                    Some(at) => {
                        let end = at + prefix.len();
                        format!("{}{rest}{}", &line[..end], &line[end..])
                    }
                    None => line,
                },
                None => line,
            };
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where to cut a cell too wide to hand to comfy-table whole: after [`LONG_CELL`] columns.
fn split_long(cell: &str) -> Option<usize> {
    use unicode_width::UnicodeWidthChar;
    let mut width = 0;
    for (at, c) in cell.char_indices() {
        if width >= LONG_CELL {
            return Some(at);
        }
        width += c.width().unwrap_or(0);
    }
    None
}

const LONG_CELL: usize = 4096;

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

/// Optional text, or a dash.
pub fn or_dash(value: Option<&str>) -> String {
    value.filter(|v| !v.is_empty()).unwrap_or("-").to_string()
}

/// The file named by `-o`, or `None` for standard output (no `-o`, or `-o -`).
pub fn named(path: Option<&std::path::Path>) -> Option<&std::path::Path> {
    path.filter(|p| *p != std::path::Path::new("-"))
}

/// Writes `text` to `path` (atomically, private 0600), or exactly to standard output.
pub fn write_out(path: Option<&std::path::Path>, text: &str) -> Result<()> {
    match path {
        Some(path) => write_file(path, text),
        None => raw(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ten_megabyte_cell_is_printed_whole_on_its_line_with_the_columns_after_it() {
        let note: String = "word ".repeat(2_000_000) + "end";
        let rows = vec![
            vec!["a".to_string(), note.clone(), "+1".to_string()],
            vec!["b".to_string(), "short".to_string(), "-1".to_string()],
        ];
        let started = std::time::Instant::now();
        let text = table(&["x", "what", "trust"], rows);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "one line per row");
        assert!(
            lines[1].trim_start().starts_with("a "),
            "{}",
            &lines[1][..20]
        );
        assert!(lines[1].contains(&note), "the note is whole");
        assert!(lines[1].ends_with("+1"));
        let short = lines[2].trim_start();
        assert!(short.starts_with("b ") && short.contains("short") && short.ends_with("-1"));
        // Quadratic was minutes; linear is milliseconds even unoptimised.
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }

    #[test]
    fn ordinary_tables_are_laid_out_as_before() {
        let rows = vec![vec!["Acme Oy".to_string(), "2".to_string()]];
        assert_eq!(table(&["client", "n"], rows), " CLIENT   N\n Acme Oy  2");
    }
}
