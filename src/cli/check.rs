//! `rapport check` (summaries against the timeline) and `rapport config`.

use super::Ctx;
use crate::config;
use anyhow::{bail, Result};
use clap::Args;
use std::path::Path;

#[derive(Args, Debug)]
#[command(
    about = "Rebuild every client summary from its timeline and report any drift",
    after_help = "Examples:\n  rapport check\n  rapport check --fix"
)]
pub struct CheckArgs {
    /// Store the rebuilt summaries
    #[arg(long)]
    fix: bool,
}

#[derive(Args, Debug)]
#[command(
    about = "Show where the config is, check it, or print the commented default",
    after_help = "Examples:\n  rapport config --default > ~/.config/rapport/config.toml\n  rapport config"
)]
pub struct ConfigArgs {
    /// Print the default config, with comments
    #[arg(long)]
    default: bool,
    /// Print only the path of the config file in use
    #[arg(long, conflicts_with = "default")]
    path: bool,
}

pub fn run(ctx: &Ctx, args: CheckArgs) -> Result<()> {
    let store = ctx.open_store()?;
    let drifts = store.check(ctx.now, args.fix)?;
    let clients = store.clients()?.len();
    if drifts.is_empty() {
        outln!("checked {clients} clients: summaries match their timelines, no drift")?;
        return Ok(());
    }
    for drift in &drifts {
        let name = store
            .client(drift.client)?
            .map_or_else(|| drift.client.to_string(), |c| c.name);
        outln!("{name}:")?;
        for problem in &drift.problems {
            outln!("  {problem}")?;
        }
    }
    if args.fix {
        outln!(
            "rebuilt {} of {clients} summaries from their timelines",
            drifts.len()
        )?;
        Ok(())
    } else {
        bail!(
            "{} of {clients} clients drifted; `rapport check --fix` rebuilds their summaries",
            drifts.len()
        )
    }
}

pub fn config(args: &ConfigArgs, explicit: Option<&Path>) -> Result<()> {
    if args.default {
        out!("{}", config::default_toml())?;
        return Ok(());
    }
    let path = explicit
        .map(Path::to_path_buf)
        .or_else(config::default_path);
    if args.path {
        match path {
            Some(path) => outln!("{}", path.display())?,
            None => bail!("no config directory could be found; pass --config FILE"),
        }
        return Ok(());
    }
    let loaded = config::load(explicit)?;
    for warning in &loaded.warnings {
        crate::cli::output::warn(&format!("warning: {warning}"));
    }
    match loaded.path {
        Some(path) => outln!("{}: OK", path.display())?,
        None => outln!(
            "no config file at {}; using the built-in defaults (`rapport config --default` prints them)",
            path.map_or_else(|| "-".into(), |p| p.display().to_string())
        )?,
    }
    Ok(())
}
