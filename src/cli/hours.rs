//! `rapport hours`: the minutes recorded on events, summed per client, kind and week or month,
//! billed and unbilled apart. Reads only the window's events (see `window`): at a million
//! events it costs the events in the window plus one page per client.
//!
//! Private events count: the hours are the user's own, on their machine. Nothing of any
//! event's text is shown, only sums.

use super::output::{json, raw, table};
use super::Ctx;
use crate::model::{Client, Event};
use crate::store::{each_in_window, Window};
use crate::when;
use anyhow::Result;
use chrono::{Datelike, Local};
use clap::{Args, ValueEnum};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum By {
    /// ISO weeks (2026-W48)
    Week,
    /// Calendar months (2026-11)
    Month,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// Aligned table with totals
    Text,
    /// One row per client, kind and period, minutes as numbers
    Csv,
    /// The same rows as JSON
    Json,
}

#[derive(Args, Debug)]
#[command(
    about = "Time recorded per client and kind, billed and unbilled, per week or month",
    after_help = "Examples:
  rapport hours                                   # this month, every client
  rapport hours acme --since 2026-09-01 --by week
  rapport hours --unbilled --format csv > hours.csv

Minutes come from the events' durations (--minutes, 45m, 1h30). Private notes count towards
your hours; their text is never shown."
)]
pub struct HoursArgs {
    /// Only this client (name, alias or unique prefix) [default: every client]
    client: Option<String>,
    /// The first day counted: 2026-09-01, mon, "3 weeks ago" [default: the 1st of this month]
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// The last day counted [default: today]
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Only billed time
    #[arg(long, conflicts_with = "unbilled")]
    billed: bool,
    /// Only unbilled time
    #[arg(long)]
    unbilled: bool,
    /// Sum per week or per month
    #[arg(long, value_enum, default_value = "month")]
    by: By,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// One client·kind·period sum.
#[derive(Debug, serde::Serialize)]
struct Row {
    client_id: String,
    client: String,
    kind: String,
    period: String,
    billed_minutes: u64,
    unbilled_minutes: u64,
    minutes: u64,
}

pub fn run(ctx: &Ctx, args: HoursArgs) -> Result<()> {
    let today = crate::insight::today(ctx.now);
    let day = |text: &Option<String>| text.as_deref().map(|d| when::day(d, ctx.now)).transpose();
    let since = day(&args.since)?.unwrap_or_else(|| today.with_day(1).unwrap_or(today));
    let until = day(&args.until)?.unwrap_or(today);
    let window = Window::days(since, until)?;
    let store = ctx.open_store()?;
    let clients = match &args.client {
        Some(name) => vec![super::find_client(&*store, name)?],
        None => store.clients()?,
    };
    let mut rows = Vec::new();
    for client in &clients {
        let mut sums: BTreeMap<(String, String), (u64, u64)> = BTreeMap::new();
        each_in_window(&*store, client.id, window, &mut |event| {
            if let Some(minutes) = counted(&args, &event) {
                let key = (event.kind.to_string(), period(args.by, &event));
                let sum = sums.entry(key).or_default();
                match event.billed {
                    true => sum.0 += minutes,
                    false => sum.1 += minutes,
                }
            }
        })?;
        rows.extend(
            sums.into_iter()
                .map(|((kind, period), sum)| row(client, kind, period, sum)),
        );
    }
    match args.format {
        Format::Json => json(&rows),
        Format::Csv => raw(&csv(&rows)?),
        Format::Text => text(&rows, since, until),
    }
}

/// The event's minutes when it has some and the billed/unbilled choice lets it in.
fn counted(args: &HoursArgs, event: &Event) -> Option<u64> {
    if !event.is_live() {
        return None;
    }
    let minutes = u64::from(event.minutes.filter(|m| *m > 0)?);
    let wanted = match (args.billed, args.unbilled) {
        (true, _) => event.billed,
        (_, true) => !event.billed,
        _ => true,
    };
    wanted.then_some(minutes)
}

fn period(by: By, event: &Event) -> String {
    let local = event.at.with_timezone(&Local);
    match by {
        By::Week => local.format("%G-W%V").to_string(),
        By::Month => local.format("%Y-%m").to_string(),
    }
}

fn row(client: &Client, kind: String, period: String, (billed, unbilled): (u64, u64)) -> Row {
    Row {
        client_id: client.id.to_string(),
        client: client.name.clone(),
        kind,
        period,
        billed_minutes: billed,
        unbilled_minutes: unbilled,
        minutes: billed + unbilled,
    }
}

fn csv(rows: &[Row]) -> Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.serialize(row)?;
    }
    if rows.is_empty() {
        writer.write_record([
            "client_id",
            "client",
            "kind",
            "period",
            "billed_minutes",
            "unbilled_minutes",
            "minutes",
        ])?;
    }
    let bytes = writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(String::from_utf8(bytes)?)
}

/// The rows, a total line after each client's, and the grand total.
fn text(rows: &[Row], since: chrono::NaiveDate, until: chrono::NaiveDate) -> Result<()> {
    if rows.is_empty() {
        outln!("no time recorded from {since} to {until}")?;
        return Ok(());
    }
    let mut lines = Vec::new();
    let mut total = (0, 0);
    let mut client = (String::new(), (0, 0));
    let close = |lines: &mut Vec<Vec<String>>, (name, sum): &(String, (u64, u64))| {
        if !name.is_empty() {
            lines.push(line(name, "total", "", *sum));
        }
    };
    for row in rows {
        if row.client != client.0 {
            close(&mut lines, &client);
            client = (row.client.clone(), (0, 0));
        }
        let sum = (row.billed_minutes, row.unbilled_minutes);
        lines.push(line(&row.client, &row.kind, &row.period, sum));
        client.1 = (client.1 .0 + sum.0, client.1 .1 + sum.1);
        total = (total.0 + sum.0, total.1 + sum.1);
    }
    close(&mut lines, &client);
    lines.push(line("all clients", "total", "", total));
    outln!("time recorded from {since} to {until}")?;
    let header = ["client", "kind", "period", "billed", "unbilled", "total"];
    outln!("{}", table(&header, lines))
}

fn line(client: &str, kind: &str, period: &str, (billed, unbilled): (u64, u64)) -> Vec<String> {
    vec![
        client.to_string(),
        kind.to_string(),
        period.to_string(),
        hm(billed),
        hm(unbilled),
        hm(billed + unbilled),
    ]
}

/// Minutes as `h:mm`.
fn hm(minutes: u64) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::hm;

    #[test]
    fn minutes_read_as_hours_and_minutes() {
        assert_eq!(hm(0), "0:00");
        assert_eq!(hm(45), "0:45");
        assert_eq!(hm(90), "1:30");
        assert_eq!(hm(600), "10:00");
    }
}
