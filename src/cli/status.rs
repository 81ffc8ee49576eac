//! `rapport status`: what is due, in a line for tmux's status bar (`--tmux`) or a few lines.
//!
//! tmux runs it every few seconds, so it must not open the database (a quarter of a second
//! at a million events): it reads the digest the store keeps current on every write, with
//! the quick notes still in the inbox folded in (see `store::files::digest` for why that is always
//! right). Only when the digest is missing — a write is under way, or it was lost — does it
//! ask the store (or the dashboard holding it); if even that fails, `--tmux` prints nothing
//! rather than an error in the status bar.

use super::Ctx;
use crate::insight::{self, plural, Due, PromiseState};
use crate::model::{ClientId, PersonDate};
use crate::store;
use anyhow::Result;
use clap::Args;
use std::collections::HashMap;

#[derive(Args, Debug)]
#[command(
    about = "What is due, in a few lines (or one line for tmux's status bar)",
    after_help = "Example, in ~/.tmux.conf:\n  set -g status-right '#(rapport status --tmux)'\n  set -g status-interval 15"
)]
pub struct StatusArgs {
    /// One short line for tmux's status-right ("✓" when nothing is due)
    #[arg(long)]
    tmux: bool,
}

/// The text forms of what is due (counted in `insight::Due`, as the agenda counts).
impl Due {
    /// A few lines for a person at a shell.
    pub fn lines(&self) -> String {
        let promises = self.overdue + self.today + self.soon;
        let dates = self.birthdays + self.anniversaries;
        if self.check_ins.is_empty() && promises + self.follow_ups + dates == 0 {
            return "Nothing due.\n".into();
        }
        let mut out = String::new();
        if !self.check_ins.is_empty() {
            let names: Vec<String> = (self.check_ins.iter())
                .map(|(name, c)| match c.days_quiet {
                    Some(d) => format!("{name} ({d} days)"),
                    None => format!("{name} (never)"),
                })
                .collect();
            let what = plural(self.check_ins.len(), "check-in due", "check-ins due");
            out += &format!("{what}: {}\n", names.join(", "));
        }
        for (name, promise, state) in &self.first {
            let when = match (state, promise.due) {
                (PromiseState::Overdue, Some(due)) => format!("overdue since {due}"),
                (PromiseState::DueToday, _) => "due today".into(),
                (_, Some(due)) => format!("due {due}"),
                (_, None) => "open".into(),
            };
            out += &format!("promise to {name}, {when}: {}\n", promise.text.trim());
        }
        let total = promises;
        if total > self.first.len() {
            out += &format!(
                "… {} promises due in all ({} overdue, {} today, {} within {} days): rapport agenda\n",
                total,
                self.overdue,
                self.today,
                self.soon,
                insight::DUE_SOON_DAYS
            );
        }
        if self.follow_ups > 0 {
            let what = plural(self.follow_ups, "follow-up", "follow-ups");
            out += &format!("{what} for today or earlier: rapport agenda\n");
        }
        if self.birthdays > 0 {
            let what = plural(self.birthdays, "birthday", "birthdays");
            out += &format!("{what} today: rapport agenda\n");
        }
        if self.anniversaries > 0 {
            let what = plural(self.anniversaries, "work anniversary", "work anniversaries");
            out += &format!("{what} today: rapport agenda\n");
        }
        out
    }
}

pub fn run(ctx: &Ctx, args: StatusArgs) -> Result<()> {
    let due = match due(ctx, !args.tmux) {
        Ok(due) => due,
        // Nothing in the status bar beats an error message in it.
        Err(_) if args.tmux => return Ok(()),
        Err(e) => return Err(e),
    };
    if args.tmux {
        outln!("{}", due.line())?;
    } else {
        out!("{}", due.lines())?;
    }
    Ok(())
}

/// `texts`: the promises' texts are wanted (the line for tmux only counts).
fn due(ctx: &Ctx, texts: bool) -> Result<Due> {
    if let Some(digest) = store::quick_digest(&ctx.data_dir, texts)? {
        return Ok(Due::with_dates(digest.dated_entries(), ctx.now, texts));
    }
    if !ctx.data_dir.join("schema").exists() {
        return Ok(Due::default());
    }
    let store = ctx.open_store()?;
    let clients = store.clients()?;
    let summaries = (clients.iter())
        .map(|c| store.summary(c.id))
        .collect::<Result<Vec<_>, _>>()?;
    let mut dates: HashMap<ClientId, Vec<PersonDate>> = HashMap::new();
    for person in store.people(None)?.iter().filter(|p| p.is_live()) {
        dates
            .entry(person.client)
            .or_default()
            .extend(person.dates());
    }
    let with_dates = (clients.into_iter().zip(summaries)).map(|(c, s)| {
        let theirs = dates.remove(&c.id).unwrap_or_default();
        (c, s, theirs)
    });
    Ok(Due::with_dates(with_dates, ctx.now, texts))
}
