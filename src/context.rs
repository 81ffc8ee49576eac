//! Which client a note is about when the command line does not say: the `[[context]]` rules of
//! the config, matched against where rapport runs (the directory, its git remotes, the tmux
//! session, the SSH host in the tmux pane).
//!
//! Matching is pure over a `Signals`; `Here` reads the real ones, each only when a rule asks
//! for it, so a config with only `dir` rules never starts tmux or reads `/proc`.

mod git;
mod here;
mod ssh;
#[cfg(test)]
mod tests;

pub use here::Here;

use crate::config::{ContextRule, Glob};
use std::path::{Path, PathBuf};

/// Where rapport runs, as the rules see it.
pub trait Signals {
    /// The current directory: as the shell spells it (`$PWD`, which keeps symlinks) and as the
    /// system resolves it, the same path once when they agree.
    fn dirs(&self) -> &[PathBuf];
    /// What a leading `~` in a `dir` glob stands for.
    fn home(&self) -> Option<&Path>;
    /// The URLs of every remote of the git repository the current directory is in.
    fn git_remotes(&self) -> &[String];
    fn tmux_session(&self) -> Option<&str>;
    /// The host of the SSH connection in the tmux pane, without `user@` or a port.
    fn ssh_host(&self) -> Option<&str>;
}

/// The rule that matched, and what matched it (`tmux session acme-call`).
#[derive(Debug, PartialEq)]
pub struct Choice<'r> {
    pub rule: &'r ContextRule,
    /// 1-based, as people count rules in a file.
    pub number: usize,
    pub because: Vec<String>,
}

/// The first rule whose every condition holds.
pub fn choose<'r>(rules: &'r [ContextRule], here: &dyn Signals) -> Option<Choice<'r>> {
    rules.iter().enumerate().find_map(|(i, rule)| {
        matches(rule, here).map(|because| Choice {
            rule,
            number: i + 1,
            because,
        })
    })
}

/// What matched each condition, or `None` as soon as one fails. Cheap signals are asked
/// first, so a rule that fails on its directory never starts tmux.
fn matches(rule: &ContextRule, here: &dyn Signals) -> Option<Vec<String>> {
    let mut because = Vec::new();
    if let Some(glob) = &rule.dir {
        let dir = dir_match(glob, here.dirs(), here.home())?;
        because.push(format!("directory {dir}"));
    }
    if let Some(glob) = &rule.git_remote {
        let url = here.git_remotes().iter().find(|url| glob.is_match(url))?;
        because.push(format!("git remote {url}"));
    }
    if let Some(glob) = &rule.tmux_session {
        let session = here.tmux_session().filter(|s| glob.is_match(s))?;
        because.push(format!("tmux session {session}"));
    }
    if let Some(glob) = &rule.ssh_host {
        let host = here.ssh_host().filter(|h| glob.is_match(h))?;
        because.push(format!("ssh host {host}"));
    }
    Some(because)
}

/// A `dir` glob matches the current directory or any directory it is inside, so
/// `~/work/acme` covers the whole project as `~/work/acme/**` does. Returns the current
/// directory as it is shown (with `~` when under home).
fn dir_match(glob: &Glob, dirs: &[PathBuf], home: Option<&Path>) -> Option<String> {
    // A glob written with `~` is matched against the `~` spelling of the path, so the glob
    // never needs the home directory spliced in (and a home with glob characters is harmless).
    let tilde = glob.text().starts_with('~');
    dirs.iter().find_map(|dir| {
        let shown = spelled(dir, home);
        let hit = dir.ancestors().any(|d| {
            let candidate = if tilde {
                spelled(d, home)
            } else {
                d.to_string_lossy().into_owned()
            };
            glob.is_match(&candidate)
        });
        hit.then_some(shown)
    })
}

/// A path with the home directory written as `~`.
pub fn spelled(path: &Path, home: Option<&Path>) -> String {
    match home.and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) if rest.as_os_str().is_empty() => "~".to_owned(),
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
    }
}

/// Every signal, for a message that says why no rule matched.
pub fn describe(here: &dyn Signals) -> Vec<String> {
    let dir = here
        .dirs()
        .first()
        .map_or_else(|| "unknown".to_owned(), |d| spelled(d, here.home()));
    let remotes = match here.git_remotes() {
        [] => "none".to_owned(),
        urls => urls.join(", "),
    };
    vec![
        format!("directory {dir}"),
        format!("git remotes {remotes}"),
        format!("tmux session {}", here.tmux_session().unwrap_or("none")),
        format!("ssh host {}", here.ssh_host().unwrap_or("none")),
    ]
}
