//! `rapport report`: the transparency report for a client, as Markdown or HTML.

use super::output::write_out;
use super::Ctx;
use crate::model::Client;
use crate::report::{self, Left, DEFAULT_DAYS};
use crate::store::Store;
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
  rapport report acme --leave-out 01JD4Z      # never in Acme's reports; --put-back undoes it

Only what may reach the client goes in: private notes (and the outcomes and people of private
promises), personal facts, stances, roles, trust scores and movements, tags and concerns never
do. Incidents list the later events that share one of their tags, as how they were handled.
`[report]` in the config signs it (author, company, footer) and sets its language (en, ja);
a client's own language (`client edit acme --lang ja`) wins."
)]
pub struct ReportArgs {
    /// The client (name, alias or unique prefix)
    client: String,
    /// The first day covered: 2026-09-01, "3 months ago" [default: 90 days ago]
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    #[arg(long, value_enum, default_value = "md")]
    format: Format,
    /// Write here instead of standard output (created private, 0600; - is standard output)
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Leave this event out of the client's reports from now on (an id, its start or its short
    /// end; repeatable): kept as a mark on the event, with its history
    #[arg(long = "leave-out", value_name = "ID")]
    leave_out: Vec<String>,
    /// Put an event left out back into the reports (repeatable)
    #[arg(long = "put-back", value_name = "ID")]
    put_back: Vec<String>,
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
    if !args.leave_out.is_empty() || !args.put_back.is_empty() {
        let marks = (args.leave_out.iter().map(|id| (id, true)))
            .chain(args.put_back.iter().map(|id| (id, false)));
        for (id, unreported) in marks {
            mark(ctx, &*store, &client, id, unreported)?;
        }
        return Ok(());
    }
    let report = report::read(&*store, &client, since, ctx.now)?;
    let report = report::sign(report, &ctx.config.report, client.lang);
    let text = match args.format {
        Format::Md => report::markdown(&report),
        Format::Html => report::html(&report),
    };
    let output = crate::cli::output::named(args.output.as_deref());
    write_out(output, &text).with_context(|| "the report was not written".to_string())?;
    if let Some(path) = output {
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

/// Leaves an event out of the client's reports (`unreported`), or puts it back, as an edit of
/// the event: the store keeps the version before, so the mark has its history.
fn mark(ctx: &Ctx, store: &dyn Store, client: &Client, id: &str, unreported: bool) -> Result<()> {
    let event = super::note::find_event(store, id)?;
    if event.client != client.id {
        bail!(
            "{} is not an event of {}; give one from `rapport log {}`",
            event.id,
            client.name,
            client.alias.as_deref().unwrap_or(&client.name)
        );
    }
    if !event.is_live() {
        bail!(
            "{} is removed; `rapport restore {}` brings it back first",
            event.id,
            event.id
        );
    }
    let what = format!(
        "the {} of {}",
        event.kind,
        report::local_day(event.at).format("%Y-%m-%d")
    );
    let id = event.id;
    match report::set_left_out(store, &event, unreported, ctx.now)? {
        Left::Already => {
            let already = if unreported {
                "already left out of"
            } else {
                "already in"
            };
            outln!("{what} ({id}) is {already} {}'s reports", client.name)?;
        }
        Left::Changed if unreported => outln!(
            "left {what} ({id}) out of {}'s reports; `--put-back {id}` puts it back",
            client.name
        )?,
        Left::Changed => outln!("put {what} ({id}) back into {}'s reports", client.name)?,
    }
    Ok(())
}
