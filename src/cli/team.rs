//! `rapport team init|join|members` and `rapport sync`: the command line of team mode
//! (`crate::team`).

use super::Ctx;
use crate::store::Store;
use crate::team::local::TeamFile;
use crate::team::{connect, schema, server, sync};
use anyhow::{bail, Result};
use clap::{Args, Subcommand};

#[derive(Subcommand, Debug)]
pub enum TeamCmd {
    /// Create (or upgrade) the team schema on a PostgreSQL server and join this store to
    /// the team; the store's clients and shared notes are pushed
    #[command(
        after_help = "Examples:\n  rapport team init \"host=db.example dbname=rapport user=anna\" --name dba\n  rapport team init \"postgresql:///rapport?host=/run/postgresql\""
    )]
    Init(JoinArgs),
    /// Join a team that `team init` set up on the server
    #[command(
        after_help = "Example:\n  PGPASSWORD=… rapport team join \"host=db.example dbname=rapport user=ben\" --member ben"
    )]
    Join(JoinArgs),
    /// The team's members and how many devices each syncs from
    #[command(after_help = "Example:\n  rapport team members")]
    Members,
}

#[derive(Args, Debug)]
pub struct JoinArgs {
    /// A libpq connection string or URI, e.g. "host=db.example dbname=rapport user=anna";
    /// without a password (PGPASSWORD or ~/.pgpass holds it)
    pub url: String,
    /// The team's name [default for init: team; for join: the only one]
    #[arg(long)]
    pub name: Option<String>,
    /// Your name in the team [default: $USER]
    #[arg(long)]
    pub member: Option<String>,
}

/// Push what this store wrote to the team's server and pull what the others did
#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  rapport sync\n  rapport sync --status")]
pub struct SyncArgs {
    /// Say how syncing stands (the cursor, what waits, the last error), without syncing
    #[arg(long)]
    pub status: bool,
}

pub fn run(ctx: &Ctx, cmd: TeamCmd) -> Result<()> {
    match cmd {
        TeamCmd::Init(args) => join(ctx, args, true),
        TeamCmd::Join(args) => join(ctx, args, false),
        TeamCmd::Members => members(ctx),
    }
}

fn join(ctx: &Ctx, args: JoinArgs, init: bool) -> Result<()> {
    // The store first: it makes the data dir, and a store that cannot open joins nothing.
    let store = ctx.open_store()?;
    let mut client = connect(&args.url)?;
    if init {
        let applied = schema::migrate(&mut client)?;
        if !applied.is_empty() {
            outln!("server schema now at version {}", schema::VERSION)?;
        }
    } else {
        schema::check(&mut client)?;
    }
    if let Some(file) = TeamFile::read(&ctx.data_dir)? {
        if file.url != args.url {
            bail!(
                "this store is in team {} on {:?} already",
                file.identity.team_name,
                file.url
            );
        }
        outln!("already in team {}", file.identity.team_name)?;
        return sync_now(ctx, &*store);
    }
    let team = match (init, args.name.as_deref()) {
        (true, name) => {
            let name = name.unwrap_or("team");
            (server::create_team(&mut client, name)?, name.to_string())
        }
        (false, name) => server::find_team(&mut client, name)?,
    };
    let member = match args.member {
        Some(member) => member,
        None => std::env::var("USER").unwrap_or_else(|_| "me".into()),
    };
    let identity = server::register(&mut client, team, &member, &host())?;
    outln!(
        "joined team {} as {} (device {})",
        identity.team_name,
        identity.member_name,
        identity.device
    )?;
    TeamFile::new(&args.url, identity).write(&ctx.data_dir)?;
    store.team_enroll()?;
    sync_now(ctx, &*store)
}

fn host() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

fn members(ctx: &Ctx) -> Result<()> {
    let file = TeamFile::required(&ctx.data_dir)?;
    let mut client = connect(&file.url)?;
    schema::check(&mut client)?;
    for member in server::members(&mut client, &file.identity.team)? {
        let you = if member.name == file.identity.member_name {
            " (you)"
        } else {
            ""
        };
        outln!(
            "{}{you}  {} device{}  joined {}",
            member.name,
            member.devices,
            if member.devices == 1 { "" } else { "s" },
            member.joined.format("%Y-%m-%d")
        )?;
    }
    Ok(())
}

pub fn sync_cmd(ctx: &Ctx, args: SyncArgs) -> Result<()> {
    let store = ctx.open_store()?;
    if args.status {
        return status(ctx, &*store);
    }
    sync_now(ctx, &*store)
}

fn sync_now(ctx: &Ctx, store: &dyn Store) -> Result<()> {
    let moved = sync::sync(store, &ctx.data_dir, ctx.now)?;
    outln!("pushed {}, pulled {}", moved.pushed, moved.pulled)?;
    for name in &moved.renamed {
        outln!("a client of the team is named like one of yours: kept as {name:?}")?;
    }
    Ok(())
}

fn status(ctx: &Ctx, store: &dyn Store) -> Result<()> {
    let file = TeamFile::required(&ctx.data_dir)?;
    let who = &file.identity;
    outln!(
        "team {} as {} on {}",
        who.team_name,
        who.member_name,
        file.url
    )?;
    outln!("cursor {}", file.cursor)?;
    outln!("waiting {}", store.team_waiting()?)?;
    match file.last_sync {
        Some(at) => outln!("last sync {}", at.format("%Y-%m-%d %H:%M:%S UTC"))?,
        None => outln!("last sync never")?,
    }
    match &file.last_error {
        Some(error) => outln!("last error {error}")?,
        None => outln!("last error none")?,
    }
    Ok(())
}
