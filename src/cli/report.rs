//! `rapport report`: the transparency report for a client, as Markdown or HTML.

use super::output::write_out;
use super::Ctx;
use crate::report::{self, DEFAULT_DAYS};
use crate::when;
use anyhow::{bail, Context, Result};
use chrono::Days;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// Markdown: reads as plain text, renders anywhere
    Md,
    /// One self-contained page with its own CSS, ready to send or print
    Html,
}

#[derive(Args, Debug)]
#[command(
    about = "A report for the client: work done, wins, incidents, promises, open items",
    after_help = "Examples:
  rapport report acme
  rapport report acme --since 2026-09-01 --format html -o acme-q3.html

Only what may reach the client goes in: private notes (and the outcomes and people of private
promises), personal facts, stances, roles, trust scores and movements, tags and concerns never
do. Incidents list the later events that share one of their tags, as how they were handled."
)]
pub struct ReportArgs {
    /// The client (name, alias or unique prefix)
    client: String,
    /// The first day covered: 2026-09-01, "3 months ago" [default: 90 days ago]
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    #[arg(long, value_enum, default_value = "md")]
    format: Format,
    /// Write here instead of standard output (created private, 0600)
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, args: ReportArgs) -> Result<()> {
    let today = report::local_day(ctx.now);
    let since = match args.since.as_deref() {
        Some(day) => when::day(day, ctx.now)?,
        None => today
            .checked_sub_days(Days::new(DEFAULT_DAYS))
            .unwrap_or(today),
    };
    if since > today {
        bail!("--since {since} is in the future; the report covers what has happened");
    }
    let store = ctx.open_store()?;
    let client = super::find_client(&*store, &args.client)?;
    let report = report::read(&*store, &client, since, ctx.now)?;
    let text = match args.format {
        Format::Md => report::markdown(&report),
        Format::Html => report::html(&report),
    };
    write_out(args.output.as_deref(), &text)
        .with_context(|| "the report was not written".to_string())?;
    if let Some(path) = &args.output {
        crate::cli::output::warn(&format!(
            "report for {} ({} to {}) written to {}",
            client.name,
            report.since,
            report.until,
            path.display()
        ));
    }
    Ok(())
}
