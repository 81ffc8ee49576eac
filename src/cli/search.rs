//! `rapport search`: clients, people and notes matching a few words, from the store's index.

use super::output::{self, json, one_line};
use super::shared::parse;
use super::Ctx;
use crate::model::Kind;
use crate::search::{Marked, Query, Results};
use crate::{resolve, when};
use anyhow::Result;
use clap::Args;
use std::io::IsTerminal;

#[derive(Args, Debug)]
#[command(
    about = "Find clients, people and notes by a few words (Japanese too)",
    after_help = "Examples:\n  rapport search repl\n  rapport search レプリ --client acme --kind call --since 2026-03-01\n  rapport search failover --json"
)]
pub struct SearchArgs {
    /// Words, or the start of them ("repl" finds "replication")
    query: String,
    /// Only this client (name, alias or unique prefix)
    #[arg(long)]
    client: Option<String>,
    /// Only notes of this kind (repeatable); clients and people are then left out
    #[arg(long = "kind", value_parser = parse::<Kind>)]
    kinds: Vec<Kind>,
    /// Only notes on or after this day; clients and people are then left out
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Results per group at most
    #[arg(long, short = 'n', default_value_t = 20)]
    limit: usize,
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Ctx, args: SearchArgs) -> Result<()> {
    let store = ctx.open_store()?;
    let client = args
        .client
        .as_deref()
        .map(|c| resolve::client(&*store, c))
        .transpose()?;
    let since = args
        .since
        .as_deref()
        .map(|d| when::day(d, ctx.now))
        .transpose()?
        .map(when::start_of);
    let query = Query {
        text: args.query.clone(),
        client: client.map(|c| c.id),
        kinds: args.kinds,
        since,
        limit: args.limit,
    };
    let results = store.search(&query)?;
    if args.json {
        return json(&results);
    }
    if results.is_empty() {
        outln!("nothing matches '{}'", args.query)?;
        return Ok(());
    }
    let styled = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    // Styled output carries our own escapes, so it cannot go through the human writer:
    // `render` marks the controls in every piece of user data itself.
    output::raw(&render(&results, styled))
}

/// The groups as text; matches in bold colour when `styled` (a terminal).
pub fn render(results: &Results, styled: bool) -> String {
    let show = |m: &Marked| highlight(m, styled);
    let mut out = String::new();
    if !results.clients.is_empty() {
        out += "Clients\n";
        for hit in &results.clients {
            out += &match hit.field.as_str() {
                "name" => format!("  {}\n", show(&hit.shown)),
                field => format!(
                    "  {}  ({field}: {})\n",
                    one_line(&hit.name),
                    show(&hit.shown)
                ),
            };
        }
    }
    if !results.people.is_empty() {
        out += "People\n";
        for hit in &results.people {
            out += &match hit.field.as_str() {
                "name" => format!("  {}, {}\n", show(&hit.shown), one_line(&hit.client_name)),
                field => format!(
                    "  {}, {}  ({field}: {})\n",
                    one_line(&hit.name),
                    one_line(&hit.client_name),
                    show(&hit.shown)
                ),
            };
        }
    }
    if !results.notes.is_empty() {
        out += "Notes\n";
        for hit in &results.notes {
            let e = &hit.event;
            let private = if e.private { "  [private]" } else { "" };
            out += &format!(
                "  {}  {:<8} {}: {}{private}  {}\n",
                when::show(e.at),
                e.kind.to_string(),
                one_line(&hit.client_name),
                show(&hit.shown),
                e.id
            );
        }
    }
    out
}

/// The text on one line, matched pieces in bold yellow when `styled`.
fn highlight(marked: &Marked, styled: bool) -> String {
    let mut out = String::new();
    for (piece, hit) in marked.pieces() {
        let piece = one_line(&piece.replace(['\n', '\r'], " ")).into_owned();
        if hit && styled {
            out += &format!("\x1b[1;33m{piece}\x1b[0m");
        } else {
            out += &piece;
        }
    }
    out
}
