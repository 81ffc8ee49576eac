//! `rapport person remove|restore|move`: a person who left, came back, or changed jobs.
//! Nothing is deleted: a removed person is a tombstone, and a move keeps the past with the
//! client it happened at.

use super::{find, refuse_namesake};
use crate::cli::Ctx;
use crate::resolve;
use crate::store::Store;
use anyhow::{bail, Context, Result};
use chrono::Local;
use clap::Args;

#[derive(Args, Debug)]
pub struct WhoArgs {
    /// Name or unique prefix
    person: String,
    /// Look only at this client's people
    #[arg(long)]
    client: Option<String>,
}

#[derive(Args, Debug)]
pub struct MoveArgs {
    /// Name or unique prefix
    person: String,
    /// The client they work at now (name, alias or unique prefix)
    #[arg(long, value_name = "CLIENT")]
    to: String,
    /// Look only at this client's people (the one they leave)
    #[arg(long)]
    client: Option<String>,
}

pub fn remove(ctx: &Ctx, store: &dyn Store, args: &WhoArgs) -> Result<()> {
    let mut person = find(store, &args.person, args.client.as_deref())?;
    person.removed = Some(ctx.now);
    store.put_person(&person)?;
    outln!(
        "removed {0} (past events keep the name; `rapport person restore \"{0}\"` brings them back)",
        person.name
    )?;
    Ok(())
}

pub fn restore(store: &dyn Store, args: &WhoArgs) -> Result<()> {
    let client = (args.client.as_deref())
        .map(|c| resolve::client(store, c))
        .transpose()?;
    let found = resolve::removed_person(store, &args.person, client.map(|c| c.id))?;
    let mut person = store.person(found.id)?.with_context(|| {
        format!(
            "person {} is named but missing; run `rapport check`",
            found.id
        )
    })?;
    person.removed = None;
    // Someone of the same name may have been added meanwhile.
    refuse_namesake(store, &person)?;
    store.put_person(&person)?;
    outln!("restored {}", person.name)?;
    Ok(())
}

pub fn move_to(ctx: &Ctx, store: &dyn Store, args: &MoveArgs) -> Result<()> {
    let mut person = find(store, &args.person, args.client.as_deref())?;
    let to = crate::cli::find_client(store, &args.to)?;
    let from = store
        .client(person.client)?
        .map_or_else(|| "a client no longer stored".to_string(), |c| c.name);
    if to.id == person.client {
        bail!("{} is already at {from}", person.name);
    }
    let today = ctx.now.with_timezone(&Local).date_naive();
    person.move_to(to.id, (&from, &to.name), today);
    refuse_namesake(store, &person)?;
    store.put_person(&person)?;
    outln!("moved {} from {from} to {}", person.name, to.name)?;
    Ok(())
}
