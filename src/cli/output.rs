//! How listings look: aligned tables for people (CJK-aware), JSON for scripts.

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
        table.add_row(row);
    }
    table
        .lines()
        .map(|line| line.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Pretty JSON on stdout.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
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

/// Writes `text` to `path` (created private, 0600) and makes it durable, or to standard output.
pub fn write_out(path: Option<&std::path::Path>, text: &str) -> Result<()> {
    use std::io::Write;
    match path {
        Some(path) => {
            let mut file = super::exchange::create_private(path)?;
            file.write_all(text.as_bytes())?;
            file.sync_all()?;
        }
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(())
}
