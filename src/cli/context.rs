//! The client of `rapport note "text"` and `rapport promise "text"`: the one named on the
//! command line, or else the one the config's `[[context]]` rules pick for where you are.

use crate::config::Config;
use crate::context::{self, Here};
use crate::model::ClientName;
use crate::resolve::{self, Names};
use anyhow::{bail, Context as _, Result};

/// Who a note is for, and, when no one said, why.
pub struct Target {
    /// `note` or `promise`, for messages.
    command: &'static str,
    query: String,
    /// The rule that chose the client and what matched it; `None` when it was named.
    chosen: Option<(usize, String)>,
}

impl Target {
    /// `named` is the CLIENT argument; without it the rules decide, or the error says how to
    /// name the client or write a rule.
    pub fn new(config: &Config, named: Option<String>, command: &'static str) -> Result<Self> {
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
            None => bail!(no_match(config, &here, command)),
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

/// Short enough for a small tmux popup: what rapport saw here, and the two ways out.
fn no_match(config: &Config, here: &Here, command: &str) -> String {
    let why = if config.context.is_empty() {
        "the config has no [[context]] rules"
    } else {
        "no [[context]] rule matches here"
    };
    format!(
        "no client given and {why}:\n  {}\n\
         Name the client: rapport {command} CLIENT \"text\"\n\
         Or add a [[context]] rule to the config (see `rapport config --default`).",
        context::describe(here).join("; ")
    )
}
