//! The store process's side: open the store, then answer the dashboard's calls on standard
//! input and output until it closes them.

use crate::socket::{answer_all, Framing};
use crate::store::{Reserved, SledStore, StoreError, StoreOptions};
use anyhow::{bail, Result};
use std::io::{BufRead, Write};
use std::path::PathBuf;

/// `rapport store-process`: started by the dashboard, never by hand.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    #[arg(long)]
    dir: PathBuf,
    /// The dashboard: this process must not outlive it.
    #[arg(long)]
    parent: i32,
    #[arg(long)]
    cache_bytes: u64,
    #[arg(long)]
    half_life_days: f64,
}

pub fn serve(args: &ServeArgs) -> Result<()> {
    use rustix::process::{getppid, set_parent_process_death_signal, Pid, Signal};
    // SIGKILL, because a paused process would hold any other signal until it is resumed.
    set_parent_process_death_signal(Some(Signal::KILL))?;
    // The dashboard may have died before the line above: then nobody is left to serve.
    if getppid() != Pid::from_raw(args.parent) {
        bail!("the dashboard that started this store process is gone");
    }
    let options = StoreOptions {
        cache_bytes: args.cache_bytes,
        half_life_days: args.half_life_days,
    };
    let opened =
        Reserved::for_parent(&args.dir).and_then(|r| SledStore::open_reserved(r, &options));
    let (input, output) = (std::io::stdin().lock(), std::io::stdout().lock());
    match opened {
        Ok(store) => answer_all(input, output, Framing::MessagePack, &store, &|_| {}),
        Err(e) => refuse(input, output, &e),
    }
    Ok(())
}

/// Answers the dashboard's first call (its hello) with why the store could not be opened.
fn refuse(mut input: impl BufRead, mut output: impl Write, why: &StoreError) {
    let framing = Framing::MessagePack;
    if let Ok(Some(_)) = framing.read::<serde::de::IgnoredAny>(&mut input) {
        let _ = framing.refuse(&mut output, why);
        let _ = output.flush();
    }
}
