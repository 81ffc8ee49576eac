//! The command line: clap definitions and the non-interactive commands. Each command lives in
//! the file named for it; this file wires them up and owns `Ctx`, and `shared` has the helpers
//! several of them use.

/// `println!` for human output: user data's control characters marked, and an error instead
/// of a panic when standard output is closed (use with `?`).
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::output::human(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` for human output (see `outln!`).
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::output::human(&format!($($arg)*))
    };
}

mod agenda;
mod brief;
mod check;
mod client;
mod connect;
mod context;
mod dashed;
mod demo;
mod edit;
mod exchange;
mod hours;
mod inline;
mod input;
mod log;
mod note;
pub mod output;
mod person;
mod promises;
mod report;
mod search;
mod shared;
mod show;
mod status;
mod team;
mod trust;
mod unfiled;
mod vcard;

use crate::config::{self, Config};
use crate::model::{Client, ClientId, Person};
use crate::store::{Store, StoreOptions};
use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  rapport demo                                   # try it on a demo workspace
  rapport client add \"Acme Oy\" --alias acme
  rapport person add acme \"Mikko Virtanen\" --role gatekeeper --title Sysadmin
  rapport note acme \"call: failover test with @Mikko went fine +1 #replication\"
  rapport note \"call: went fine +1\"              # the client from a [[context]] rule
  rapport log acme --limit 10";

/// Keep client relationships alive: clients, stakeholders and a trust timeline.
#[derive(Parser, Debug)]
#[command(name = "rapport", version, after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    /// Where the store lives [default: the XDG data dir, e.g. ~/.local/share/rapport]
    #[arg(long, global = true, env = "RAPPORT_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Config file [default: the XDG config dir, e.g. ~/.config/rapport/config.toml]
    #[arg(long, global = true, env = "RAPPORT_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Add, list, show, edit and archive clients
    #[command(
        subcommand,
        after_help = "Examples:\n  rapport client add \"Acme Oy\" --alias acme\n  rapport client list\n  rapport client show acme"
    )]
    Client(client::ClientCmd),
    /// Add and list stakeholders, and note personal facts
    #[command(
        subcommand,
        after_help = "Examples:\n  rapport person add acme \"Mikko Virtanen\" --role gatekeeper --title Sysadmin\n  rapport person fact mikko \"Weekend fishing in Lapland\""
    )]
    Person(person::PersonCmd),
    Note(note::NoteArgs),
    Promise(note::PromiseArgs),
    Promises(promises::PromisesArgs),
    Follow(note::FollowArgs),
    /// Mark a promise kept (moves trust up)
    #[command(
        after_help = "Examples:\n  rapport kept 3          # number 3 of the last `rapport promises`\n  rapport kept 01JD4Z"
    )]
    Kept(note::OutcomeArgs),
    /// Mark a promise broken (moves trust down)
    #[command(after_help = "Example:\n  rapport broken 01JD4Z --note \"Staging slipped a week\"")]
    Broken(note::OutcomeArgs),
    /// Remove an event (a tombstone: `rapport restore` brings it back)
    #[command(after_help = "Example:\n  rapport delete 01JD4Z")]
    Delete(note::IdArgs),
    /// Bring back a removed event
    #[command(after_help = "Example:\n  rapport restore 01JD4Z")]
    Restore(note::IdArgs),
    Edit(edit::EditArgs),
    Show(show::ShowArgs),
    Log(log::LogArgs),
    Report(report::ReportArgs),
    Hours(hours::HoursArgs),
    Agenda(agenda::AgendaArgs),
    Status(status::StatusArgs),
    Brief(brief::BriefArgs),
    Trust(trust::TrustArgs),
    Search(search::SearchArgs),
    Unfiled(unfiled::UnfiledArgs),
    Export(exchange::ExportArgs),
    Import(exchange::ImportArgs),
    Demo(demo::DemoArgs),
    Check(check::CheckArgs),
    Config(check::ConfigArgs),
    /// Share clients and notes with a team through PostgreSQL (never private ones)
    #[command(
        subcommand,
        after_help = "Examples:\n  rapport team init \"host=db.example dbname=rapport user=anna\" --name acme-dba\n  rapport team join \"host=db.example dbname=rapport user=ben\"\n  rapport team members"
    )]
    Team(team::TeamCmd),
    Sync(team::SyncArgs),
    /// The dashboard's store, in a process of its own (started by the dashboard)
    #[command(hide = true)]
    StoreProcess(crate::store_process::ServeArgs),
}

impl Cli {
    /// The command line of this process; a note's text may start with a dash (see `dashed`).
    pub fn from_env() -> Self {
        let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        let mut cli = Self::try_parse_from(&args).unwrap_or_else(|error| {
            dashed::retry(&args, &error)
                .and_then(|fixed| Self::try_parse_from(fixed).ok())
                .unwrap_or_else(|| error.exit())
        });
        cli.restore_dash();
        cli
    }

    fn restore_dash(&mut self) {
        match &mut self.command {
            Some(Command::Note(args)) => dashed::restore(args.text_mut()),
            Some(Command::Promise(args)) => dashed::restore(args.text_mut()),
            Some(Command::Follow(args)) => dashed::restore(args.text_mut()),
            _ => {}
        }
    }
}

/// What every command gets: the loaded config, where the store is, and the time.
pub struct Ctx {
    pub config: Config,
    pub data_dir: PathBuf,
    pub now: DateTime<Utc>,
    /// The names file, read once: a quick note needs it twice (the people's names for the
    /// syntax, then the client and the people to link), and at a million events it is
    /// most of the note's cost.
    names: std::sync::OnceLock<Option<crate::store::NamesFile>>,
}

impl Ctx {
    /// The store: opened here, or, while a dashboard holds it, reached through its socket
    /// (see [`connect`] for the routes and the waiting).
    pub fn open_store(&self) -> Result<Box<dyn Store>> {
        connect::open(self)
    }

    /// [`crate::store::quick_names`], read on first use and kept for the command.
    pub fn quick_names(&self) -> crate::store::Result<Option<&crate::store::NamesFile>> {
        if let Some(names) = self.names.get() {
            return Ok(names.as_ref());
        }
        let loaded = crate::store::quick_names(&self.data_dir)?;
        Ok(self.names.get_or_init(|| loaded).as_ref())
    }

    pub fn store_options(&self) -> StoreOptions {
        StoreOptions {
            cache_bytes: self.config.cache_bytes(),
            half_life_days: self.config.half_life_days(),
        }
    }
}

/// A client by name, alias or unique prefix, in full.
pub fn find_client(store: &dyn Store, query: &str) -> Result<Client> {
    let found = crate::resolve::client(store, query)?;
    store.client(found.id)?.with_context(|| {
        format!(
            "client {} is named but missing; run `rapport check`",
            found.id
        )
    })
}

/// A person by name or unique prefix (within one client if given), in full.
pub fn find_person(store: &dyn Store, query: &str, client: Option<ClientId>) -> Result<Person> {
    let found = crate::resolve::person(store, query, client)?;
    store.person(found.id)?.with_context(|| {
        format!(
            "person {} is named but missing; run `rapport check`",
            found.id
        )
    })
}

/// The default data dir: `$XDG_DATA_HOME/rapport`.
pub fn default_data_dir() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "rapport")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .context("cannot find a home directory for the store; pass --data-dir DIR")
}

pub fn run(cli: Cli) -> Result<()> {
    match &cli.command {
        Some(Command::Config(args)) => return check::config(args, cli.config.as_deref()),
        // Told everything it needs by the dashboard: no config of its own to read.
        Some(Command::StoreProcess(args)) => return crate::store_process::serve(args),
        _ => {}
    }
    let loaded = config::load(cli.config.as_deref())?;
    for warning in &loaded.warnings {
        crate::cli::output::warn(&format!("warning: {warning}"));
    }
    let data_dir = match cli.data_dir {
        Some(dir) => dir,
        None => default_data_dir()?,
    };
    let ctx = Ctx {
        config: loaded.config,
        data_dir,
        now: crate::when::now()?,
        names: std::sync::OnceLock::new(),
    };
    let Some(command) = cli.command else {
        return overview(&ctx);
    };
    match command {
        Command::Client(cmd) => client::run(&ctx, cmd),
        Command::Person(cmd) => person::run(&ctx, cmd),
        Command::Note(args) => note::note(&ctx, args),
        Command::Promise(args) => note::promise(&ctx, args),
        Command::Promises(args) => promises::run(&ctx, args),
        Command::Follow(args) => note::follow(&ctx, args),
        Command::Kept(args) => note::outcome(&ctx, args, crate::model::Outcome::Kept),
        Command::Broken(args) => note::outcome(&ctx, args, crate::model::Outcome::Broken),
        Command::Delete(args) => note::delete(&ctx, args, true),
        Command::Restore(args) => note::delete(&ctx, args, false),
        Command::Edit(args) => edit::run(&ctx, args),
        Command::Show(args) => show::run(&ctx, args),
        Command::Log(args) => log::run(&ctx, args),
        Command::Report(args) => report::run(&ctx, args),
        Command::Hours(args) => hours::run(&ctx, args),
        Command::Agenda(args) => agenda::run(&ctx, args),
        Command::Status(args) => status::run(&ctx, args),
        Command::Team(cmd) => team::run(&ctx, cmd),
        Command::Sync(args) => team::sync_cmd(&ctx, args),
        Command::Brief(args) => brief::run(&ctx, args),
        Command::Trust(args) => trust::run(&ctx, args),
        Command::Search(args) => search::run(&ctx, args),
        Command::Unfiled(args) => unfiled::run(&ctx, args),
        Command::Export(args) => exchange::export(&ctx, args),
        Command::Import(args) => exchange::import(&ctx, args),
        Command::Demo(args) => demo::run(&ctx, args),
        Command::Check(args) => check::run(&ctx, args),
        Command::Config(_) | Command::StoreProcess(_) => {
            unreachable!("handled before the config is read")
        }
    }
}

/// `rapport` with no command: the dashboard on a terminal; piped, a short overview and where
/// to start.
fn overview(ctx: &Ctx) -> Result<()> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        return crate::dashboard::run(&ctx.config, &ctx.data_dir, &ctx.store_options());
    }
    let store = ctx.open_store()?;
    if store.is_empty()? {
        outln!("The store in {} is empty.", ctx.data_dir.display())?;
        outln!("Try `rapport demo` for a demo workspace, or `rapport client add NAME`.")?;
        return Ok(());
    }
    client::list(ctx, &*store, &client::ListArgs::default())
}
