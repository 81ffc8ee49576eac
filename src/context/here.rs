//! The real signals, each read on first use and kept.
//!
//! `$RAPPORT_TMUX_SESSION` and `$RAPPORT_SSH_HOST`, when set, are the answer (empty meaning
//! none) and nothing is looked up: a shell alias can set them, and tests do. Otherwise, inside
//! tmux (`$TMUX`), one `tmux display-message` gives the session and the pane's shell, whose
//! foreground `ssh` gives the host.

use super::{git, ssh, Signals};
use std::cell::OnceCell;
use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(Default)]
pub struct Here {
    dirs: OnceCell<Vec<PathBuf>>,
    home: OnceCell<Option<PathBuf>>,
    remotes: OnceCell<Vec<String>>,
    pane: OnceCell<Option<Pane>>,
    session: OnceCell<Option<String>>,
    ssh_host: OnceCell<Option<String>>,
}

/// The tmux pane rapport was started from (or, in a popup, the pane under it).
struct Pane {
    session: String,
    /// The pane's first process, normally its shell.
    pid: Option<u32>,
}

impl Here {
    pub fn new() -> Self {
        Self::default()
    }

    fn pane(&self) -> Option<&Pane> {
        self.pane.get_or_init(ask_tmux).as_ref()
    }
}

impl Signals for Here {
    fn dirs(&self) -> &[PathBuf] {
        self.dirs.get_or_init(|| {
            let physical = env::current_dir().ok();
            // `$PWD` keeps the symlinks you cd'd through; trust it only while it names the
            // same directory, as shells do.
            let logical = env::var_os("PWD")
                .map(PathBuf::from)
                .filter(|p| p.is_absolute() && same_dir(p, physical.as_deref()));
            let mut dirs: Vec<PathBuf> = logical.into_iter().chain(physical).collect();
            dirs.dedup();
            dirs
        })
    }

    fn home(&self) -> Option<&Path> {
        self.home
            .get_or_init(|| directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()))
            .as_deref()
    }

    fn git_remotes(&self) -> &[String] {
        self.remotes.get_or_init(|| {
            // The resolved path: the repository is where the files really are.
            let dir = self.dirs().last().cloned();
            dir.map(|d| git::remotes(&d)).unwrap_or_default()
        })
    }

    fn tmux_session(&self) -> Option<&str> {
        self.session
            .get_or_init(|| match overridden("RAPPORT_TMUX_SESSION") {
                Some(given) => given,
                None => self.pane().map(|p| p.session.clone()),
            })
            .as_deref()
    }

    fn ssh_host(&self) -> Option<&str> {
        self.ssh_host
            .get_or_init(|| match overridden("RAPPORT_SSH_HOST") {
                Some(given) => given,
                None => self.pane()?.pid.and_then(ssh::host_of_pane),
            })
            .as_deref()
    }
}

/// `Some(value)` when the variable is set (`Some(None)` when set but empty), else `None`.
fn overridden(name: &str) -> Option<Option<String>> {
    let value = env::var(name).ok()?;
    let value = value.trim();
    Some((!value.is_empty()).then(|| value.to_owned()))
}

fn same_dir(a: &Path, b: Option<&Path>) -> bool {
    use std::os::unix::fs::MetadataExt;
    let (Some(b), Ok(a)) = (b, a.metadata()) else {
        return false;
    };
    b.metadata()
        .is_ok_and(|b| (a.dev(), a.ino()) == (b.dev(), b.ino()))
}

/// The session and pane pid of the pane rapport runs in. `$TMUX_PANE` names it inside a pane;
/// in a popup or `run-shell` there is none, and tmux answers for the client's current pane,
/// which is the one the popup was opened over.
fn ask_tmux() -> Option<Pane> {
    env::var_os("TMUX").filter(|t| !t.is_empty())?;
    let mut cmd = Command::new("tmux");
    cmd.args(["display-message", "-p"]);
    if let Some(pane) = env::var_os("TMUX_PANE").filter(|p| !p.is_empty()) {
        cmd.arg("-t").arg(pane);
    }
    let out = cmd
        .arg("#{pane_pid} #{session_name}")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let (pid, session) = text.trim_end_matches('\n').split_once(' ')?;
    Some(Pane {
        session: session.to_owned(),
        pid: pid.parse().ok(),
    })
}
