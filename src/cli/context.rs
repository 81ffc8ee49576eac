//! The client of `rapport note "text"` and `rapport promise "text"`: the one named on the
//! command line, or else the one the config's `[[context]]` rules pick for where you are.

use crate::config::Config;
use crate::context::{self, Here};
use crate::model::ClientName;
use crate::resolve::{self, Names};
use anyhow::{Context as _, Result};

/// Who a note is for, and, when no one said, why.
pub struct Target {
    /// `note` or `promise`, for messages.
    command: &'static str,
    query: String,
    /// The rule that chose the client and what matched it; `None` when it was named.
    chosen: Option<(usize, String)>,
}

impl Target {
    /// `named` is the CLIENT argument; without it the rules decide, or [`Unplaced`] says what
    /// they saw.
    pub fn new(
        config: &Config,
        named: Option<String>,
        command: &'static str,
    ) -> Result<Self, Unplaced> {
        if let Some(query) = named {
            return Ok(Self {
                command,
                query,
                chosen: None,
            });
        }
        let here = Here::new();
        match context::choose(&config.context, &here) {
            Some(choice) => Ok(Self {
                command,
                query: choice.rule.client.clone(),
                chosen: Some((choice.number, choice.because.join(", "))),
            }),
            None => Err(Unplaced {
                why: if config.context.is_empty() {
                    "the config has no [[context]] rules"
                } else {
                    "no [[context]] rule matches here"
                },
                place: context::describe(&here),
                command,
            }),
        }
    }

    /// The client, by name, alias or unique prefix; a rule naming nobody says which rule.
    pub fn resolve(&self, names: &dyn Names) -> Result<ClientName> {
        let found = resolve::client(names, &self.query);
        match &self.chosen {
            None => Ok(found?),
            Some((number, _)) => found
                .with_context(|| format!("the client of [[context]] rule {number} in the config")),
        }
    }

    /// Where a note for this client was typed, for the unfiled list when the client is not
    /// found: what was named, or the rule that named it and why it matched.
    pub fn place(&self) -> Vec<String> {
        match &self.chosen {
            None => vec![format!("client '{}' named, not found", self.query)],
            Some((number, because)) => vec![
                because.clone(),
                format!(
                    "[[context]] rule {number} names '{}', not found",
                    self.query
                ),
            ],
        }
    }

    /// On standard error, so that standard output stays just the saved id:
    /// `note → Acme Oy (tmux session acme-call)`.
    pub fn announce(&self, client: &ClientName) {
        if let Some((_, because)) = &self.chosen {
            // Not eprintln!: the note is saved by now, and a popup or `run-shell` that closed
            // standard error must not turn that into a panic.
            let line = format!("{} → {} ({because})", self.command, client.name);
            crate::cli::output::warn(&line);
        }
    }
}

/// No client named and no rule for where the note was typed: the note is kept unfiled.
pub struct Unplaced {
    why: &'static str,
    /// What the rules saw here.
    pub place: Vec<String>,
    command: &'static str,
}

impl Unplaced {
    /// Short enough for a small tmux popup: that the note is kept and how to file it, what
    /// rapport saw here, and how the next one finds its client.
    pub fn kept(&self, number: u32) -> String {
        format!(
            "{}: kept as unfiled note {number}; assign it with \
             `rapport unfiled assign {number} CLIENT` or in the dashboard\n  {}\n\
             Next time name the client (rapport {} CLIENT \"text\") or add a [[context]] rule \
             (see `rapport config --default`).",
            self.why,
            self.place.join("; "),
            self.command
        )
    }
}
