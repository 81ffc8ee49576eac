//! `rapport demo`: a realistic workspace to look around in, or a synthetic one to measure.

use super::Ctx;
use crate::demo;
use crate::store::{Loader, Store};
use anyhow::{bail, Result};
use clap::Args;
use std::time::Instant;

#[derive(Args, Debug)]
#[command(
    about = "Fill an empty store with a demo workspace (or a synthetic one for benchmarks)",
    after_help = "Examples:\n  rapport demo\n  rapport --data-dir /tmp/big demo --scale 1000000"
)]
pub struct DemoArgs {
    /// Generate this many synthetic events instead (1,000 per client, 10 people per client)
    #[arg(long, value_name = "EVENTS", value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    scale: Option<u64>,
    /// Seed for --scale (same seed, same store)
    #[arg(long, default_value_t = 42, requires = "scale")]
    seed: u64,
}

pub fn run(ctx: &Ctx, args: DemoArgs) -> Result<()> {
    let store = ctx.open_store()?;
    if !store.is_empty()? {
        bail!(
            "the store in {} already has clients; the demo only fills an empty store.\n\
             Try it elsewhere: rapport --data-dir /tmp/rapport-demo demo",
            ctx.data_dir.display()
        );
    }
    let started = Instant::now();
    let counts = match args.scale {
        Some(n) => scaled(ctx, &*store, n, args.seed)?,
        None => hand_written(ctx, &*store)?,
    };
    outln!(
        "demo workspace ready in {}: {counts} ({:.1} s)",
        ctx.data_dir.display(),
        started.elapsed().as_secs_f64()
    )?;
    Ok(())
}

fn hand_written(ctx: &Ctx, store: &dyn Store) -> Result<demo::Counts> {
    demo::load(store, &ctx.config, ctx.now)
}

fn scaled(ctx: &Ctx, store: &dyn Store, n: u64, seed: u64) -> Result<demo::Counts> {
    let synthetic = demo::synthetic(n, seed, ctx.now);
    let mut loader = Loader::new(store, ctx.now);
    for client in &synthetic.clients {
        loader.client(client.clone())?;
    }
    for person in &synthetic.people {
        loader.person(person.clone())?;
    }
    for (i, event) in synthetic.events().enumerate() {
        loader.event(event)?;
        if (i + 1) % 100_000 == 0 {
            crate::cli::output::warn(&format!("  {} events…", i + 1));
        }
    }
    loader.finish()?;
    Ok(demo::Counts::of(
        &synthetic.clients,
        synthetic.people.len(),
        synthetic.n_events(),
    ))
}
