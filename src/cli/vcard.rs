//! `rapport person import FILE --client CLIENT` and `rapport person export CLIENT`: a client's
//! people to and from vCards (`crate::vcard`).

use super::output::write_out;
use super::Ctx;
use crate::model::{Person, PersonId};
use crate::store::{Batch, Store};
use crate::vcard::{self, Card};
use anyhow::{anyhow, Result};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// A .vcf file: vCard 3.0 or 4.0, one card or many (a phone's or Google's export); - for standard input
    file: PathBuf,
    /// The client these people work at (name, alias or unique prefix)
    #[arg(long)]
    client: String,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The client (name, alias or unique prefix)
    client: String,
    /// Write here instead of standard output (created private, 0600; - is standard output)
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The people of a client, with what each card did to them.
struct Import {
    people: Vec<Person>,
    /// Indexes into `people` that need writing.
    dirty: Vec<usize>,
    report: Vec<String>,
    counts: [usize; 4],
}

const ADDED: usize = 0;
const UPDATED: usize = 1;
const UNCHANGED: usize = 2;
const SKIPPED: usize = 3;

pub fn import(ctx: &Ctx, store: &dyn Store, args: &ImportArgs) -> Result<()> {
    let client = super::find_client(store, &args.client)?;
    let path = args.file.display();
    let bytes = super::input::read(&args.file)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        anyhow!("{path}: line {line} is not UTF-8 text; export the contacts again as vCard 3.0 or 4.0, which are UTF-8")
    })?;
    let cards = vcard::read(&text).map_err(|e| anyhow!("{path}: {e}; nothing was imported"))?;
    let mut import = Import {
        people: store.people(Some(client.id))?,
        dirty: Vec::new(),
        report: Vec::new(),
        counts: [0; 4],
    };
    let today = crate::report::local_day(ctx.now);
    for card in &cards {
        import.card(card, client.id, ctx, today);
    }
    let Import {
        people,
        dirty,
        report,
        counts,
    } = import;
    // One durable flush for the lot.
    let batch = Batch {
        people: dirty.iter().map(|&i| people[i].clone()).collect(),
        ..Batch::default()
    };
    store.load(&batch, ctx.now)?;
    for line in report {
        outln!("{line}")?;
    }
    outln!(
        "{}: {} added, {} updated, {} unchanged, {} skipped",
        client.name,
        counts[ADDED],
        counts[UPDATED],
        counts[UNCHANGED],
        counts[SKIPPED]
    )?;
    Ok(())
}

impl Import {
    /// What the report says of a card that is about a removed person and no live one: it is
    /// skipped (neither merged into them nor added as a double).
    fn removed_match(&self, card: &Card) -> Option<String> {
        if vcard::merge::find(&self.people, card).is_some() {
            return None;
        }
        let person = &self.people[vcard::merge::find_removed(&self.people, card)?];
        let day = person.removed.map(crate::report::local_day)?;
        Some(format!(
            "skipped {}: removed on {}; `rapport person restore {}` first",
            person.name,
            day.format("%Y-%m-%d"),
            person.name
        ))
    }

    fn card(
        &mut self,
        card: &Card,
        client: crate::model::ClientId,
        ctx: &Ctx,
        today: chrono::NaiveDate,
    ) {
        let Some(name) = card.name.clone() else {
            self.counts[SKIPPED] += 1;
            self.report.push(format!(
                "skipped the card at line {}: it has no name (FN or N)",
                card.line
            ));
            return;
        };
        if let Some(removed) = self.removed_match(card) {
            self.counts[SKIPPED] += 1;
            self.report.push(removed);
            return;
        }
        match vcard::merge::find(&self.people, card) {
            Some(i) => {
                let changed = vcard::merge(&mut self.people[i], card, today);
                let name = &self.people[i].name;
                if changed.is_empty() {
                    self.counts[UNCHANGED] += 1;
                    self.report.push(format!("unchanged {name}"));
                } else {
                    self.counts[UPDATED] += 1;
                    self.report
                        .push(format!("updated {name} ({})", changed.join(", ")));
                    if !self.dirty.contains(&i) {
                        self.dirty.push(i);
                    }
                }
            }
            None => {
                let mut person = Person {
                    id: PersonId::new_at(ctx.now.timestamp_millis() as u64),
                    client,
                    name,
                    created: ctx.now,
                    ..Person::default()
                };
                vcard::merge(&mut person, card, today);
                self.counts[ADDED] += 1;
                self.report
                    .push(format!("added {} ({})", person.name, person.role));
                self.people.push(person);
                self.dirty.push(self.people.len() - 1);
            }
        }
    }
}

pub fn export(store: &dyn Store, args: &ExportArgs) -> Result<()> {
    let client = super::find_client(store, &args.client)?;
    let mut people = store.people(Some(client.id))?;
    people.retain(Person::is_live);
    let output = super::output::named(args.output.as_deref());
    write_out(output, &vcard::write(&client, &people))?;
    if let Some(path) = output {
        crate::cli::output::warn(&format!(
            "exported {} people of {} to {} (personal facts included: keep it to yourself)",
            people.len(),
            client.name,
            path.display()
        ));
    } else if people.is_empty() {
        crate::cli::output::warn(&format!(
            "nobody at {} yet: the export is empty",
            client.name
        ));
    }
    Ok(())
}
