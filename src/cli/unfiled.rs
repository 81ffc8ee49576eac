//! `rapport unfiled`: the notes no client could be found for (no `[[context]]` rule matched
//! where they were typed, or the client named does not exist), listed, assigned to a client or
//! dropped; and how `note` and `promise` keep such a note instead of losing it.

use super::context::{Target, Unplaced};
use super::{inline, Ctx};
use crate::capture::unfiled::{self, Refused};
use crate::model::{valid, Unfiled};
use crate::socket::Remote;
use crate::store::{self, Store};
use anyhow::{anyhow, bail, Result};
use chrono::Local;
use clap::{Args, Subcommand};

#[derive(Args, Debug)]
#[command(
    about = "List notes no client could be found for; assign them to a client or drop them",
    args_conflicts_with_subcommands = true,
    after_help = "A note typed where no [[context]] rule matches (`rapport note \"text\"` in a tmux \
popup), or for a client that does not exist, is kept here rather than lost.

Examples:
  rapport unfiled
  rapport unfiled assign 3 acme
  rapport unfiled drop 3"
)]
pub struct UnfiledArgs {
    #[command(subcommand)]
    command: Option<UnfiledCmd>,
}

#[derive(Subcommand, Debug)]
enum UnfiledCmd {
    /// List them (the default): number, when and where each was typed, its text
    List,
    /// File note N for CLIENT, read as the note it is with the client's people
    Assign {
        /// The note's number, as listed
        number: u32,
        /// The client (name, alias or unique prefix)
        client: String,
    },
    /// Forget note N
    Drop {
        /// The note's number, as listed
        number: u32,
    },
}

pub fn run(ctx: &Ctx, args: UnfiledArgs) -> Result<()> {
    let store = ctx.open_store()?;
    match args.command.unwrap_or(UnfiledCmd::List) {
        UnfiledCmd::List => list(&*store),
        UnfiledCmd::Assign { number, client } => assign(ctx, &*store, number, &client),
        UnfiledCmd::Drop { number } => {
            let note = store.drop_unfiled(number)?;
            outln!("dropped unfiled note {number}: {}", note.one_line())?;
            Ok(())
        }
    }
}

fn list(store: &dyn Store) -> Result<()> {
    let notes = store.unfiled()?;
    if notes.is_empty() {
        outln!("No unfiled notes: every note found its client.")?;
        return Ok(());
    }
    for note in &notes {
        outln!("{}", heading(note))?;
        outln!("     {}", note.one_line())?;
    }
    crate::cli::output::warn("File one with `rapport unfiled assign N CLIENT`, or drop it.");
    Ok(())
}

/// `  3  Thu 2026-11-12 10:04  tmux session ops; directory ~/src/x`
pub fn heading(note: &Unfiled) -> String {
    let when = note.typed.with_timezone(&Local).format("%a %Y-%m-%d %H:%M");
    format!("{:>3}  {when}  {}", note.number, note.place.join("; "))
}

fn assign(ctx: &Ctx, store: &dyn Store, number: u32, query: &str) -> Result<()> {
    let Some(note) = store.unfiled()?.into_iter().find(|n| n.number == number) else {
        bail!("no unfiled note {number} (`rapport unfiled` lists them)");
    };
    let client = crate::resolve::client(store, query)?;
    let filed = unfiled::file(&note, client.id, store, &ctx.config, ctx.now)
        .map_err(|why| refused(why, number))?;
    for event in &filed.events {
        if let Some(due) = event.promise.as_ref().and_then(|p| p.due) {
            valid::day("due date", due)?;
        }
    }
    store.file_unfiled(number, &filed.events, ctx.now)?;
    let event = &filed.events[0];
    outln!("{}", event.id)?;
    crate::cli::output::warn(&format!("unfiled note {number} → {}", client.name));
    for promise in &filed.events[1..] {
        crate::cli::output::warn(&format!(
            "promise made in the {}: {} ({})",
            event.kind, promise.text, promise.id
        ));
    }
    inline::warn(&client, &filed.unlinked);
    Ok(())
}

fn refused(why: Refused, number: u32) -> anyhow::Error {
    let keep = format!(
        "Nothing was filed: the note stays unfiled as {number}. Type it again with the word \
         fixed (or as text: \\word, or --literal), then `rapport unfiled drop {number}`."
    );
    match why {
        Refused::Doubtful(doubts) => {
            let words: Vec<String> = doubts.iter().map(|d| format!("'{d}'.")).collect();
            anyhow!("{}\n{keep}", words.join("\n"))
        }
        Refused::Empty(read) => {
            anyhow!("the note is empty once its syntax is read ({read}).\n{keep}")
        }
        Refused::Name(e) => anyhow!(e),
    }
}

/// `note`/`promise` with no client named and no rule for here: `typed` is kept unfiled
/// (through the dashboard when one runs, so it shows there at once; else beside the database,
/// which is not opened), and the error says so and how to file it.
pub fn keep_unplaced(ctx: &Ctx, unplaced: &Unplaced, typed: Unfiled) -> Result<()> {
    let note = Unfiled {
        place: unplaced.place.clone(),
        ..typed
    };
    let number = match Remote::connect(&ctx.data_dir) {
        Some(dashboard) => dashboard.keep_unfiled(&note)?,
        None => store::quick_keep_unfiled(&ctx.data_dir, &note)?,
    };
    bail!(unplaced.kept(number))
}

/// A client named (or a rule's client) that is not found: a typo seen at once, so still an
/// error, but the note is kept unfiled in `store`.
pub fn keep_misnamed(
    store: &dyn Store,
    target: &Target,
    typed: &Unfiled,
    error: anyhow::Error,
) -> Result<()> {
    let note = Unfiled {
        place: target.place(),
        ..typed.clone()
    };
    let number = store.keep_unfiled(&note)?;
    bail!(
        "{error:#}\nThe note is kept as unfiled note {number}; assign it with \
         `rapport unfiled assign {number} CLIENT` or in the dashboard."
    )
}
