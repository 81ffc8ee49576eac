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
    /// List every problem (by default a client's first few, and how many more)
    #[arg(long, short)]
    verbose: bool,
    /// The problems as JSON: each client's id, name and every problem
    #[arg(long)]
    json: bool,
}

/// Problems listed per client without `--verbose`: a damaged index can give one per event.
const SHOWN: usize = 5;

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
    let mut named = Vec::with_capacity(drifts.len());
    for drift in &drifts {
        let name = store
            .client(drift.client)?
            .map_or_else(|| drift.client.to_string(), |c| c.name);
        named.push((name, drift));
    }
    if args.json {
        let rows: Vec<_> = named
            .iter()
            .map(|(name, d)| {
                serde_json::json!({"client": d.client, "name": name, "problems": d.problems})
            })
            .collect();
        super::output::json(&rows)?;
    } else if drifts.is_empty() {
        outln!("checked {clients} clients: summaries match their timelines, no drift")?;
        return Ok(());
    }
    for (name, drift) in named.iter().filter(|_| !args.json) {
        for line in report(name, &drift.problems, args.verbose) {
            outln!("{line}")?;
        }
    }
    if drifts.is_empty() {
        return Ok(());
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

/// A client's problems as lines: its first few, and how many more, unless `verbose`.
fn report(name: &str, problems: &[String], verbose: bool) -> Vec<String> {
    let shown = if verbose { problems.len() } else { SHOWN };
    let mut lines = vec![format!("{name}:")];
    lines.extend(problems.iter().take(shown).map(|p| format!("  {p}")));
    if problems.len() > shown {
        lines.push(format!(
            "  … and {} more (`rapport check --verbose` lists them all)",
            problems.len() - shown
        ));
    }
    lines
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_of_problems_are_a_few_lines_unless_verbose() {
        let problems: Vec<String> = (0..3000)
            .map(|i| format!("event {i:026} is missing from the id index"))
            .collect();
        let short = report("Acme Oy", &problems, false);
        assert_eq!(short.len(), 1 + SHOWN + 1);
        assert_eq!(short[0], "Acme Oy:");
        assert!(short.last().unwrap().contains("2995 more"), "{short:?}");
        assert_eq!(report("Acme Oy", &problems, true).len(), 3001);
        assert_eq!(report("Acme Oy", &problems[..2], false).len(), 3);
    }
}
