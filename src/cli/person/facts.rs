//! `rapport person fact`: a person's facts, added, listed, edited or removed by the number
//! `--list` shows; personal ones open conversations, practical ones (`--practical`) do not. They are private: no report, shared export or calendar carries them.

use super::find;
use crate::cli::Ctx;
use crate::model::{Fact, FactKind, Person};
use crate::store::Store;
use anyhow::{bail, Result};
use chrono::Local;
use clap::Args;

#[derive(Args, Debug)]
pub struct FactArgs {
    person: String,
    /// The fact, in the person's own words where possible (the new text with --edit)
    text: Option<String>,
    /// Look only at this client's people
    #[arg(long)]
    client: Option<String>,
    /// List the facts, numbered, with the date each was noted
    #[arg(long, conflicts_with_all = ["edit", "remove"])]
    list: bool,
    /// Replace the text of fact N (as --list numbers them)
    #[arg(long, value_name = "N", conflicts_with = "remove")]
    edit: Option<usize>,
    /// Remove fact N (as --list numbers them)
    #[arg(long, value_name = "N")]
    remove: Option<usize>,
    /// A practical fact (invoicing, access, preferences), never a conversation opener; without
    /// it, facts naming invoices, POs, VPN, access, preferences… count as practical too
    #[arg(long, conflicts_with_all = ["list", "remove"])]
    practical: bool,
}

pub fn run(ctx: &Ctx, store: &dyn Store, args: &FactArgs) -> Result<()> {
    let mut person = find(store, &args.person, args.client.as_deref())?;
    let text = args.text.as_deref();
    if args.list {
        if text.is_some() {
            bail!("--list takes no text");
        }
        return list(&person);
    }
    if let Some(n) = args.remove {
        if text.is_some() {
            bail!("--remove N takes no text; `--edit N \"text\"` changes a fact");
        }
        let i = index(&person, n)?;
        let fact = person.facts.remove(i);
        store.put_person(&person)?;
        outln!("removed fact {n} of {}: {}", person.name, fact.text)?;
        return Ok(());
    }
    let Some(text) = text else {
        bail!(match args.edit {
            Some(_) => "--edit N needs the new text: `rapport person fact NAME --edit N \"text\"`",
            None => "give the fact's text, or --list, --edit N or --remove N",
        });
    };
    let text = text.trim();
    if text.is_empty() {
        bail!("the fact is empty");
    }
    if let Some(n) = args.edit {
        let i = index(&person, n)?;
        person.facts[i].text = text.to_string();
        if args.practical {
            person.facts[i].kind = Some(FactKind::Practical);
        }
        store.put_person(&person)?;
        outln!("fact {n} of {} now reads: {text}", person.name)?;
        return Ok(());
    }
    person.facts.push(Fact {
        text: text.to_string(),
        noted: ctx.now.with_timezone(&Local).date_naive(),
        kind: args.practical.then_some(FactKind::Practical),
    });
    store.put_person(&person)?;
    let practical = person.facts.last().is_some_and(|f| !f.is_personal());
    let how = if practical {
        " (practical: not an opener)"
    } else {
        ""
    };
    outln!("noted for {}{how}: {text}", person.name)?;
    Ok(())
}

fn list(person: &Person) -> Result<()> {
    if person.facts.is_empty() {
        outln!(
            "no personal facts noted for {0} yet: `rapport person fact \"{0}\" \"text\"` adds one",
            person.name
        )?;
        return Ok(());
    }
    outln!("{}", person.name)?;
    for (n, fact) in person.facts.iter().enumerate() {
        let mark = if fact.is_personal() {
            ""
        } else {
            "(practical) "
        };
        outln!("  {}  {}  {mark}{}", n + 1, fact.noted, fact.text)?;
    }
    Ok(())
}

/// The position of fact `n` (counted from 1), or why there is none.
fn index(person: &Person, n: usize) -> Result<usize> {
    match n.checked_sub(1).filter(|&i| i < person.facts.len()) {
        Some(i) => Ok(i),
        None => bail!(
            "no fact {n}: {} has {} (see `rapport person fact \"{}\" --list`)",
            person.name,
            person.facts.len(),
            person.name
        ),
    }
}
