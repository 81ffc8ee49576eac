//! The store process's side: open the store, then answer the dashboard's calls on standard
//! input and output until it closes them.

use super::live::PIPE_BUFFER;
use crate::socket::{answer_all, Framing};
use crate::store::{Reserved, SledStore, StoreError, StoreOptions};
use anyhow::{bail, Result};
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
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
    let (input, output) = pipes()?;
    match opened {
        Ok(store) => answer_all(input, output, Framing::MessagePack, &store, &|_| {}),
        Err(e) => refuse(input, output, &e),
    }
    Ok(())
}

/// Standard input and output as plain files, buffered here: std's stdout flushes at every
/// newline byte, which MessagePack has anywhere.
fn pipes() -> Result<(impl BufRead, impl Write)> {
    use std::os::fd::AsFd;
    let input = std::io::stdin().as_fd().try_clone_to_owned()?;
    let output = std::io::stdout().as_fd().try_clone_to_owned()?;
    Ok((
        BufReader::with_capacity(PIPE_BUFFER, File::from(input)),
        File::from(output),
    ))
}

/// Answers the dashboard's first call (its hello) with why the store could not be opened.
fn refuse(mut input: impl BufRead, mut output: impl Write, why: &StoreError) {
    let framing = Framing::MessagePack;
    if let Ok(Some(_)) = framing.read::<serde::de::IgnoredAny>(&mut input) {
        let _ = framing.refuse(&mut output, why);
        let _ = output.flush();
    }
}
