//! `rapport note "text"` and `rapport promise "text"` without a client: the config's
//! `[[context]]` rules pick it from where the command runs.

use crate::common;

use assert_cmd::Command;
use common::{is_ulid, run_fails, run_ok, Rapport};
use std::path::Path;

/// A store with Acme Oy (acme) and Beta AB (beta), and `config` as the user's config file.
fn setup(config: &str) -> Rapport {
    let r = Rapport::new().with_two_clients();
    let path = r.default_config_path();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, config).unwrap();
    r
}

/// The binary run in `dir`, with no tmux or SSH around it unless a test says so.
fn in_dir(r: &Rapport, dir: &Path) -> Command {
    let mut cmd = r.cmd();
    cmd.current_dir(dir)
        .env("PWD", dir)
        .env_remove("TMUX")
        .env_remove("TMUX_PANE")
        .env("RAPPORT_TMUX_SESSION", "")
        .env("RAPPORT_SSH_HOST", "");
    cmd
}

/// Runs `args` in `dir` with `env`; asserts success and that stdout is one id. Returns stderr.
fn noted(r: &Rapport, dir: &Path, env: &[(&str, &str)], args: &[&str]) -> String {
    let mut cmd = in_dir(r, dir);
    cmd.envs(env.iter().copied()).args(args);
    let (out, err) = run_ok(&mut cmd, args);
    assert!(is_ulid(out.trim_end()), "stdout is the id alone: {out:?}");
    err
}

/// The texts of a client's timeline, newest first.
fn texts(r: &Rapport, client: &str) -> Vec<String> {
    r.log(client, &[])
        .iter()
        .map(|e| e["text"].as_str().unwrap().to_owned())
        .collect()
}

fn mkdir(r: &Rapport, path: &str) -> std::path::PathBuf {
    let dir = r.path(path);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const RULES: &str = r#"
[[context]]
client = "beta"
tmux_session = "beta*"

[[context]]
client = "acme"
ssh_host = "*.acme.fi"

[[context]]
client = "acme"
git_remote = "*github.com?acme-corp/*"

[[context]]
client = "Beta"
dir = "~/work/beta/**"
"#;

#[test]
fn the_client_comes_from_a_dir_rule() {
    let r = Rapport::new().with_two_clients();
    let acme = mkdir(&r, "clients/acme/src");
    let path = r.default_config_path();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let dir_rule = format!(
        "[[context]]\nclient = \"acme\"\ndir = '{}'\n",
        r.path("clients/acme").display()
    );
    std::fs::write(&path, dir_rule).unwrap();

    let err = noted(&r, &acme, &[], &["note", "call: went fine +1"]);
    assert_eq!(
        err,
        format!("note → Acme Oy (directory {})\n", acme.display())
    );
    let log = r.log("acme", &[]);
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["text"], "went fine");
    assert_eq!(log[0]["kind"], "call");
    assert_eq!(log[0]["trust"], 1);
    assert!(texts(&r, "beta").is_empty());
}

#[test]
fn a_tilde_dir_rule_is_shown_with_a_tilde() {
    let r = setup(RULES);
    let beta = mkdir(&r, "home/work/beta/db");
    let err = noted(&r, &beta, &[], &["note", "a note from the beta checkout"]);
    assert_eq!(err, "note → Beta AB (directory ~/work/beta/db)\n");
    assert_eq!(texts(&r, "beta"), ["a note from the beta checkout"]);
}

#[test]
fn the_client_comes_from_the_tmux_session() {
    let r = setup(RULES);
    let err = noted(
        &r,
        r.root(),
        &[("RAPPORT_TMUX_SESSION", "beta-call")],
        &["note", "from the tmux session"],
    );
    assert_eq!(err, "note → Beta AB (tmux session beta-call)\n");
    assert_eq!(texts(&r, "beta"), ["from the tmux session"]);
}

#[test]
fn the_client_comes_from_a_git_remote() {
    let r = setup(RULES);
    let repo = mkdir(&r, "src/db-tools");
    mkdir(&r, "src/db-tools/.git");
    let deep = mkdir(&r, "src/db-tools/scripts/failover");
    std::fs::write(
        repo.join(".git/config"),
        "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = git@github.com:acme-corp/db-tools.git\n\
         \tfetch = +refs/heads/*:refs/remotes/origin/*\n",
    )
    .unwrap();
    let err = noted(&r, &deep, &[], &["note", "from the repository"]);
    assert_eq!(
        err,
        "note → Acme Oy (git remote git@github.com:acme-corp/db-tools.git)\n"
    );
    assert_eq!(texts(&r, "acme"), ["from the repository"]);
}

#[test]
fn the_client_comes_from_the_ssh_host() {
    let r = setup(RULES);
    let err = noted(
        &r,
        r.root(),
        &[("RAPPORT_SSH_HOST", "db1.acme.fi")],
        &["note", "from the ssh pane"],
    );
    assert_eq!(err, "note → Acme Oy (ssh host db1.acme.fi)\n");
}

#[test]
fn the_first_matching_rule_wins() {
    let r = setup(RULES);
    let beta = mkdir(&r, "home/work/beta");
    let err = noted(
        &r,
        &beta,
        &[("RAPPORT_SSH_HOST", "db1.acme.fi")],
        &["note", "both match"],
    );
    assert_eq!(err, "note → Acme Oy (ssh host db1.acme.fi)\n");
}

#[test]
fn a_promise_takes_its_client_from_context_too() {
    let r = setup(RULES);
    let err = noted(
        &r,
        r.root(),
        &[("RAPPORT_TMUX_SESSION", "beta")],
        &["promise", "Send the plan @Lars", "--due", "2026-12-01"],
    );
    assert_eq!(err, "promise → Beta AB (tmux session beta)\n");
    let log = r.log("beta", &[]);
    assert_eq!(log[0]["kind"], "promise");
    assert_eq!(log[0]["promise"]["due"], "2026-12-01");
    assert_eq!(log[0]["people"][0], common::LARS_ID);
}

#[test]
fn no_matching_rule_keeps_the_note_unfiled_and_says_what_to_do() {
    let r = setup(RULES);
    let nowhere = mkdir(&r, "elsewhere");
    let args = ["note", "lost note"];
    let err = run_fails(in_dir(&r, &nowhere).args(args), &args);
    assert!(
        err.contains(
            "no [[context]] rule matches here: kept as unfiled note 1; assign it with \
             `rapport unfiled assign 1 CLIENT` or in the dashboard\n"
        ),
        "{err}"
    );
    // What rapport saw, so that a rule can be written for it.
    let seen = format!(
        "\n  directory {}; git remotes none; tmux session none; ssh host none\n",
        nowhere.display()
    );
    for part in [
        seen.as_str(),
        "Next time name the client (rapport note CLIENT \"text\")",
        "or add a [[context]] rule",
        "(see `rapport config --default`)",
    ] {
        assert!(err.contains(part), "no {part:?} in:\n{err}");
    }
    assert!(r.log("acme", &[]).is_empty() && r.log("beta", &[]).is_empty());
    let listed = r.ok(&["unfiled"]);
    assert!(listed.contains("lost note"), "{listed}");
}

#[test]
fn without_rules_the_error_says_so() {
    let r = Rapport::new().with_two_clients();
    let args = ["promise", "Send the plan"];
    let err = run_fails(in_dir(&r, r.root()).args(args), &args);
    assert!(
        err.contains("the config has no [[context]] rules: kept as unfiled note 1;"),
        "{err}"
    );
    assert!(err.contains("rapport promise CLIENT \"text\""), "{err}");
}

#[test]
fn a_rule_naming_an_unknown_client_says_which_rule() {
    let r = setup("[[context]]\nclient = \"acme\"\ndir = \"/nowhere\"\n\n[[context]]\nclient = \"acne\"\ntmux_session = \"*\"\n");
    let args = ["note", "typo in the config"];
    let err = run_fails(
        in_dir(&r, r.root())
            .env("RAPPORT_TMUX_SESSION", "x")
            .args(args),
        &args,
    );
    assert!(
        err.contains("the client of [[context]] rule 2 in the config: no client named 'acne'"),
        "{err}"
    );
    assert!(err.contains("Did you mean: Acme Oy"), "{err}");
}

#[test]
fn naming_the_client_works_as_before_and_says_nothing_more() {
    let r = setup(RULES);
    let beta = mkdir(&r, "home/work/beta");
    let mut cmd = in_dir(&r, &beta);
    let args = ["note", "acme", "named: Acme wins", "--tag", "x"];
    let (out, err) = run_ok(cmd.env("RAPPORT_TMUX_SESSION", "beta").args(args), &args);
    assert!(is_ulid(out.trim_end()), "{out}");
    assert_eq!(err, "", "no choice to announce");
    assert_eq!(texts(&r, "acme"), ["named: Acme wins"]);
    assert!(texts(&r, "beta").is_empty());
    // A client that does not exist is still refused as a client, not taken as text.
    let args = ["note", "gamma", "text"];
    let err = run_fails(in_dir(&r, &beta).args(args), &args);
    assert!(err.contains("no client named 'gamma'"), "{err}");
}

#[test]
fn help_shows_both_forms() {
    let r = Rapport::new();
    for command in ["note", "promise"] {
        let args = [command, "--help"];
        let (out, _) = run_ok(r.bare_cmd().args(args), &args);
        assert!(
            out.contains(&format!(
                "Usage: rapport {command} [OPTIONS] [CLIENT] <TEXT>"
            )),
            "{out}"
        );
        assert!(out.contains(&format!("rapport {command} acme \"")), "{out}");
        assert!(out.contains(&format!("rapport {command} \"")), "{out}");
        assert!(out.contains("[[context]]"), "{out}");
    }
}

#[test]
fn one_argument_is_text_and_none_is_a_usage_error() {
    let r = Rapport::new();
    let out = r.cmd().arg("note").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("<TEXT>"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = r.cmd().args(["note", "a", "b", "c"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A private tmux server (its own socket directory, no config) with one session, killed on drop.
struct Tmux {
    sockets: tempfile::TempDir,
}

impl Tmux {
    /// `None` (and a note) when tmux is missing; CI installs it.
    fn start(r: &Rapport, session: &str) -> Option<Tmux> {
        let found = std::process::Command::new("tmux").arg("-V").output();
        if !found.is_ok_and(|o| o.status.success()) {
            eprintln!("skipped: tmux is not on PATH");
            return None;
        }
        let tmux = Tmux {
            sockets: tempfile::tempdir().unwrap(),
        };
        // The server keeps this environment for its panes and `run-shell`: the test's home,
        // config and clock, and no overrides, so that tmux itself is asked.
        let mut cmd = tmux.cmd();
        cmd.env("HOME", r.path("home"))
            .env("XDG_CONFIG_HOME", r.path("xdg-config"))
            .env("RAPPORT_NOW", common::NOW)
            .env("TZ", "UTC")
            .env("SHELL", "/bin/sh")
            .env_remove("RAPPORT_TMUX_SESSION")
            .env_remove("RAPPORT_SSH_HOST")
            .env_remove("RAPPORT_CONFIG")
            .env_remove("RAPPORT_DATA_DIR");
        tmux.run(cmd.args(["new-session", "-d", "-s", session, "-x", "80", "-y", "10"]));
        Some(tmux)
    }

    fn cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new("tmux");
        cmd.args(["-L", "ctx", "-f", "/dev/null"])
            .env("TMUX_TMPDIR", self.sockets.path())
            .env_remove("TMUX");
        cmd
    }

    fn run(&self, cmd: &mut std::process::Command) -> String {
        let out = cmd.output().expect("run tmux");
        assert!(
            out.status.success(),
            "{cmd:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim_end().to_owned()
    }

    fn tmux(&self, args: &[&str]) -> String {
        self.run(self.cmd().args(args))
    }

    /// A format of the session's pane (`#{pane_id}`).
    fn ask(&self, format: &str) -> String {
        self.tmux(&["display-message", "-p", format])
    }

    /// `$TMUX` and `$TMUX_PANE` as a process in the pane has them.
    fn pane_env(&self) -> [(&'static str, String); 2] {
        [
            ("TMUX", self.ask("#{socket_path},#{pid},#{session_id}")),
            ("TMUX_PANE", self.ask("#{pane_id}")),
        ]
    }

    /// Polls until `format` reads `want` (a pane's command starts when it starts).
    fn wait_for(&self, format: &str, want: &str) {
        for _ in 0..200 {
            if self.ask(format) == want {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("{format} never became {want:?} (is {:?})", self.ask(format));
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").output();
    }
}

const TMUX_RULES: &str = r#"
[[context]]
client = "beta"
ssh_host = "*.beta.se"

[[context]]
client = "acme"
tmux_session = "acme-*"
ssh_host = "*.acme.fi"

[[context]]
client = "acme"
tmux_session = "acme-*"
"#;

#[test]
fn in_a_tmux_pane_the_session_and_its_ssh_host_are_read() {
    let r = setup(TMUX_RULES);
    let Some(tmux) = Tmux::start(&r, "acme-call") else {
        return;
    };
    // An `ssh` in the pane's foreground: sh under that name, so that no network is involved;
    // its arguments read as ssh's (`-c` takes a value, then the destination).
    let bin = mkdir(&r, "bin");
    std::os::unix::fs::symlink("/bin/sh", bin.join("ssh")).unwrap();
    let line = format!(
        "PATH={}:$PATH ssh -c 'sleep 600; :' me@db1.acme.fi",
        bin.display()
    );
    tmux.tmux(&["send-keys", "-t", "acme-call", &line, "Enter"]);
    tmux.wait_for("#{pane_current_command}", "ssh");

    let mut cmd = r.cmd();
    cmd.current_dir(r.root())
        .env_remove("RAPPORT_TMUX_SESSION")
        .env_remove("RAPPORT_SSH_HOST")
        .envs(tmux.pane_env())
        .args(["note", "over ssh, in tmux"]);
    let (out, err) = run_ok(&mut cmd, &["note", "over ssh, in tmux"]);
    assert!(is_ulid(out.trim_end()), "{out}");
    assert_eq!(
        err,
        "note → Acme Oy (tmux session acme-call, ssh host db1.acme.fi)\n"
    );
}

#[test]
fn run_shell_in_tmux_reads_the_session_without_a_pane() {
    // What a key binding's `run-shell` does: no $TMUX_PANE, tmux answers for its session.
    let r = setup(TMUX_RULES);
    let Some(tmux) = Tmux::start(&r, "acme-support") else {
        return;
    };
    let err_file = r.path("run-shell.err");
    let script = format!(
        "cd {} && {} --data-dir {} note 'from a key binding' 2>{}",
        r.root().display(),
        env!("CARGO_BIN_EXE_rapport"),
        r.data_dir().display(),
        err_file.display()
    );
    tmux.tmux(&["run-shell", "-t", "acme-support", &script]);
    let err = std::fs::read_to_string(&err_file).unwrap();
    assert_eq!(err, "note → Acme Oy (tmux session acme-support)\n");
    assert_eq!(texts(&r, "acme"), ["from a key binding"]);
}

#[test]
fn a_client_name_alone_is_a_forgotten_text_not_a_note() {
    let r = setup(RULES);
    let dir = mkdir(&r, "home/work/beta/db");
    for (command, word) in [("note", "acme"), ("promise", "Beta")] {
        let mut cmd = in_dir(&r, &dir);
        cmd.args([command, word]);
        let err = run_fails(&mut cmd, &[command, word]);
        assert!(err.contains("what should the"), "{err}");
    }
    assert!(texts(&r, "beta").is_empty());
    // A word that names no client is a note like any other.
    noted(&r, &dir, &[], &["note", "lunch"]);
    assert_eq!(texts(&r, "beta"), ["lunch"]);
}
