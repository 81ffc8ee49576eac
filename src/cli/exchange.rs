//! `rapport export` and `rapport import`.

use super::{input::Rereadable, output, Ctx};
use crate::exchange::{self, Filter};
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// JSON Lines: everything, lossless; `rapport import` reads it back
    Jsonl,
    /// One row per event, for spreadsheets
    Csv,
}

#[derive(Args, Debug)]
#[command(
    about = "Export the whole store (JSON Lines, lossless) or the timeline as CSV",
    after_help = "Examples:\n  rapport export -o backup.jsonl\n  rapport export --format csv --without-private -o timeline.csv\n\nIn the CSV, a text cell that a spreadsheet would run as a formula (it begins with = + - @,\na tab or a carriage return) or that begins with an apostrophe gets an apostrophe in front,\nwhich spreadsheets hide: to read the text back exactly, drop the first ' of such a cell."
)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Write here instead of standard output (created private, 0600; - is standard output)
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Leave out notes marked private, and personal facts
    #[arg(long)]
    without_private: bool,
    /// CSV: list removed notes too (JSON Lines, a backup, always holds them)
    #[arg(long)]
    with_removed: bool,
}

#[derive(Args, Debug)]
#[command(
    about = "Import a JSON Lines export (into an empty store, or --merge)",
    after_help = "Example:\n  rapport --data-dir /tmp/restore import backup.jsonl"
)]
pub struct ImportArgs {
    /// A file written by `rapport export`; - for standard input
    file: PathBuf,
    /// Add what is missing to a non-empty store; records already present are skipped, but an
    /// event edited later in the file than here takes that edit (and says so)
    #[arg(long)]
    merge: bool,
}

pub fn export(ctx: &Ctx, args: ExportArgs) -> Result<()> {
    let store = ctx.open_store()?;
    let filter = Filter {
        without_private: args.without_private,
        with_removed: args.with_removed,
    };
    let write = |out: &mut dyn Write| match args.format {
        Format::Jsonl => exchange::export_jsonl(&*store, out, filter),
        Format::Csv => exchange::export_csv(&*store, out, filter),
    };
    match output::named(args.output.as_deref()) {
        // Atomic: a failed export leaves the previous backup as it was.
        Some(path) => {
            let counts = output::replace_file(path, write)?;
            output::warn(&format!("exported {counts} to {}", path.display()));
        }
        None => {
            let mut out = BufWriter::new(output::stdout());
            write(&mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}

pub fn import(ctx: &Ctx, args: ImportArgs) -> Result<()> {
    let store = ctx.open_store()?;
    if !args.merge && !store.is_empty()? {
        anyhow::bail!(
            "the store in {} is not empty; import into an empty store, or pass --merge to add what is missing",
            ctx.data_dir.display()
        );
    }
    let path = &args.file;
    // Opened once: the import reads it twice, and a pipe opened again would be empty.
    let input = Rereadable::open(path)?;
    let open = || input.reader();
    let counts = exchange::import_jsonl(&*store, &open, ctx.now)
        .with_context(|| format!("import from {} failed", path.display()))?;
    for taken in counts.joined.iter().chain(&counts.taken) {
        outln!("{}", output::one_line(taken))?;
    }
    outln!("imported {counts}")?;
    Ok(())
}
