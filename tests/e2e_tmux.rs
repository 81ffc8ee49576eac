//! The real binary in a real terminal: a private tmux server (own socket, no config) runs the
//! dashboard on the demo workspace; the tests type keys with `send-keys` and read the screen with
//! `capture-pane`, polling until the expected text shows (never a fixed sleep as an assertion).
//!
//! Skipped, with a message, when `tmux` is not on PATH (CI installs it).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// The moment the binary believes it is (`RAPPORT_NOW`).
const NOW: &str = "2026-11-23T12:00:00Z";
/// How long a screen may take to show what a test waits for.
const DEADLINE: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);
/// How fast the dashboard must be gone once its terminal or a signal tells it to go.
const EXIT_WITHIN: Duration = Duration::from_secs(5);
/// The session (and window) every test uses on its own server.
const TARGET: &str = "e2e";
/// What the shell prints once the dashboard returned.
const EXITED: &str = "RAPPORT-EXITED-";

/// The demo's first two clients in attention order at `NOW` (see tests/snapshots).
const FIRST_CLIENT: &str = "Lumikko Retail Oy";
const SECOND_CLIENT: &str = "Kuusi Publishing Oy";
const FOURTH_CLIENT: &str = "Brightline Media AB";

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Skips the calling test (with a note on stderr) when tmux is missing.
macro_rules! require_tmux {
    () => {
        if !tmux_available() {
            eprintln!("skipped: tmux is not on PATH (CI installs it: apt-get install -y tmux)");
            return;
        }
    };
}

/// Single-quotes `text` for sh.
fn sh_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// One dashboard in its own tmux server, on its own demo store; the server is killed on drop,
/// also when the test fails.
struct Session {
    socket: String,
    tmp: TempDir,
}

impl Session {
    /// A demo store, then the dashboard running in a detached 100×30 session.
    fn start() -> Session {
        Self::start_with_config("")
    }

    /// As `start`, with `config` as the user's config file.
    fn start_with_config(config: &str) -> Session {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let tmp = tempfile::tempdir().expect("temp dir");
        let socket = format!(
            "rapport-e2e-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let session = Session { socket, tmp };
        session.make_demo();
        let config_dir = session.tmp.path().join("xdg-config").join("rapport");
        std::fs::create_dir_all(&config_dir).expect("config dir");
        std::fs::write(config_dir.join("config.toml"), config).expect("write the config");
        let script = session.script();
        // The server is started by this command and keeps its environment for the pane.
        session.tmux(&[
            "new-session",
            "-d",
            "-s",
            TARGET,
            "-x",
            "100",
            "-y",
            "30",
            &script,
        ]);
        session
    }

    /// The shell command the pane runs: the inner shell records its pid, then becomes the
    /// dashboard (exec keeps the pid); the outer one reports how it ended and whether the
    /// terminal is back in cooked mode, then stays so the screen can still be read.
    fn script(&self) -> String {
        let bin = env!("CARGO_BIN_EXE_rapport");
        format!(
            "sh -c 'echo $$ > \"$0\"; exec \"$1\" --data-dir \"$2\"' {} {} {}; echo {EXITED}$?; \
             case \"$(stty -a)\" in *-icanon*) echo TTY-RAW;; *) echo TTY-COOKED;; esac; sleep 60",
            sh_quote(&self.pid_file().to_string_lossy()),
            sh_quote(bin),
            sh_quote(&self.data_dir().to_string_lossy()),
        )
    }

    /// Runs the dashboard again in the same pane, on the same store.
    fn restart(&self) {
        let _ = std::fs::remove_file(self.pid_file());
        self.tmux(&["respawn-pane", "-k", "-t", TARGET, &self.script()]);
    }

    fn data_dir(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    fn pid_file(&self) -> PathBuf {
        self.tmp.path().join("rapport.pid")
    }

    /// The environment both the demo command and the dashboard get.
    fn isolate(&self, cmd: &mut Command) {
        cmd.env("RAPPORT_NOW", NOW)
            // A POSIX zone needing no tzdata; UTC like TZ=UTC.
            .env("TZ", "UTC0")
            .env("XDG_CONFIG_HOME", self.tmp.path().join("xdg-config"))
            .env("HOME", self.tmp.path())
            .env("SHELL", "/bin/sh")
            .env("TMUX_TMPDIR", self.tmp.path())
            .env_remove("TMUX")
            .env_remove("RAPPORT_CONFIG")
            .env_remove("RAPPORT_DATA_DIR");
    }

    fn make_demo(&self) {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rapport"));
        cmd.arg("--data-dir").arg(self.data_dir()).arg("demo");
        self.isolate(&mut cmd);
        let out = cmd.output().expect("run rapport demo");
        assert!(
            out.status.success(),
            "rapport demo failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn try_tmux(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new("tmux");
        cmd.args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .stdin(Stdio::null());
        self.isolate(&mut cmd);
        cmd.output().expect("run tmux")
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = self.try_tmux(args);
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", TARGET])
    }

    /// A pane variable such as `alternate_on` or `cursor_flag`.
    fn pane_flag(&self, name: &str) -> String {
        self.tmux(&[
            "display-message",
            "-p",
            "-t",
            TARGET,
            &format!("#{{{name}}}"),
        ])
        .trim()
        .to_string()
    }

    /// Types `text` into the pane as if the terminal sent it (escape sequences included).
    fn literal(&self, text: &str) {
        self.tmux(&["send-keys", "-t", TARGET, "-l", text]);
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", TARGET];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Polls the screen until `ready` holds on two captures in a row that are the same, so a
    /// frame tmux has only partly received (tmux 3.3 ignores synchronized updates) does not
    /// count; fails with the last screen after the deadline.
    fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        let mut previous: Option<String> = None;
        loop {
            let screen = self.screen();
            let holds = ready(&screen);
            if holds && previous.as_ref() == Some(&screen) {
                return screen;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "waited {DEADLINE:?} for {what}; the screen shows:\n{screen}"
            );
            previous = holds.then_some(screen);
            std::thread::sleep(POLL);
        }
    }

    fn wait_for_text(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |s| s.contains(text))
    }

    /// The dashboard is up: the clients pane and the first client's people are drawn.
    fn wait_for_dashboard(&self) -> String {
        // The status bar is the last row ratatui paints; the time (`NOW`) ends it.
        self.wait_for("the dashboard", |s| {
            s.contains("Clients (8)")
                && s.contains(&format!("People · {FIRST_CLIENT}"))
                && s.lines()
                    .last()
                    .is_some_and(|bar| bar.trim_end().ends_with("12:00"))
        })
    }

    /// The dashboard's pid (the inner shell's, which exec'd it).
    fn pid(&self) -> rustix::process::Pid {
        let text = std::fs::read_to_string(self.pid_file()).expect("the pid file");
        let raw: i32 = text.trim().parse().expect("a pid");
        if let Ok(name) = std::fs::read_to_string(format!("/proc/{raw}/comm")) {
            assert_eq!(name.trim(), "rapport", "pid {raw} is the dashboard");
        }
        rustix::process::Pid::from_raw(raw).expect("a positive pid")
    }

    /// The shell's report once the dashboard returned, with the terminal checked as restored.
    fn wait_for_exit_report(&self) -> String {
        let screen = self.wait_for("the shell after the dashboard", |s| {
            s.contains(EXITED) && s.contains("TTY-")
        });
        assert_restored(&screen);
        assert_eq!(
            self.pane_flag("alternate_on"),
            "0",
            "the alternate screen was left"
        );
        assert_eq!(
            self.pane_flag("cursor_flag"),
            "1",
            "the cursor is visible again"
        );
        assert_eq!(
            self.pane_flag("mouse_any_flag"),
            "0",
            "mouse reporting is off again"
        );
        screen
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Ignore the result: the server may be gone already (kill-server test).
        let _ = self.try_tmux(&["kill-server"]);
    }
}

/// The normal screen is back: only the shell's lines, nothing the dashboard drew, and the
/// terminal in cooked mode again.
fn assert_restored(screen: &str) {
    let debris: Vec<char> = screen.chars().filter(|c| "│─┌┐└┘".contains(*c)).collect();
    assert!(
        debris.is_empty(),
        "dashboard borders left on the restored screen:\n{screen}"
    );
    assert!(
        !screen.contains("Clients ("),
        "dashboard text left on the restored screen:\n{screen}"
    );
    assert!(
        screen.contains("TTY-COOKED"),
        "the terminal is still in raw mode:\n{screen}"
    );
}

/// Whether `pid` is still a running process (a zombie waiting to be reaped counts as gone).
fn alive(pid: rustix::process::Pid) -> bool {
    if rustix::process::test_kill_process(pid).is_err() {
        return false;
    }
    match process_state(pid.as_raw_nonzero().get()) {
        Some(state) => !matches!(state, 'Z' | 'X'),
        // Without /proc, the signal test above decides.
        None => !Path::new("/proc/self").exists(),
    }
}

/// Polls until `pid` is gone; returns how long that took, failing after `EXIT_WITHIN`.
fn time_until_gone(pid: rustix::process::Pid, since: Instant, what: &str) -> Duration {
    loop {
        if !alive(pid) {
            return since.elapsed();
        }
        assert!(
            since.elapsed() < EXIT_WITHIN,
            "the dashboard (pid {pid:?}) still runs {EXIT_WITHIN:?} after {what}"
        );
        std::thread::sleep(POLL);
    }
}

#[test]
fn browse_help_and_quit() {
    require_tmux!();
    let tmux = Session::start();
    let screen = tmux.wait_for_dashboard();
    assert!(
        screen.contains(&format!("Timeline · {FIRST_CLIENT}")),
        "{screen}"
    );
    assert!(
        screen.contains(SECOND_CLIENT),
        "the clients pane lists the demo:\n{screen}"
    );
    assert!(
        screen.contains("BROWSE"),
        "the status bar shows the mode:\n{screen}"
    );

    // j: the next client's people and timeline.
    tmux.keys(&["j"]);
    let screen = tmux.wait_for_text(&format!("People · {SECOND_CLIENT}"));
    assert!(
        !screen.contains(&format!("People · {FIRST_CLIENT}")),
        "{screen}"
    );
    tmux.wait_for_text(&format!("Timeline · {SECOND_CLIENT}"));

    // ?: the help overlay, generated from the key map.
    tmux.keys(&["?"]);
    // Framed (" Keys ") when the screen is tall enough, borderless when not: either way the
    // status bar says HELP.
    let screen = tmux.wait_for("the help overlay", |s| {
        s.contains(" HELP ") && s.contains("Jump to the first row")
    });
    assert!(screen.contains("HELP"), "{screen}");

    // Any key closes it; a bound key does nothing else (the selection stays on the second client).
    tmux.keys(&["j"]);
    let screen = tmux.wait_for("the help to close", |s| {
        !s.contains("Jump to the first row") && s.contains("BROWSE")
    });
    assert!(
        screen.contains(&format!("People · {SECOND_CLIENT}")),
        "closing help must not move:\n{screen}"
    );

    // A: the agenda over the whole screen, its first item the demo's overdue check-in; Esc back.
    tmux.keys(&["A"]);
    let screen = tmux.wait_for_text(" Agenda · ");
    assert!(
        screen.contains("AGENDA") && screen.contains(&format!("Check in with {FIRST_CLIENT}")),
        "{screen}"
    );
    tmux.keys(&["Escape"]);
    tmux.wait_for("the agenda to close", |s| {
        !s.contains(" Agenda · ") && s.contains(&format!("People · {SECOND_CLIENT}"))
    });

    // q: gone, with the terminal as it was.
    tmux.keys(&["q"]);
    let screen = tmux.wait_for_exit_report();
    assert!(
        screen.contains(&format!("{EXITED}0\n")),
        "rapport exits with 0 on q:\n{screen}"
    );
}

/// `q` goes back from the agenda, the detail view and the help (which said "any key closes"
/// while `? q` quit); only from the main view does it quit.
#[test]
fn q_goes_back_from_the_agenda_and_the_help_and_quits_from_the_main_view() {
    require_tmux!();
    let tmux = Session::start();
    tmux.wait_for_dashboard();
    tmux.keys(&["A"]);
    tmux.wait_for_text(" AGENDA ");
    tmux.keys(&["q"]);
    tmux.wait_for("the agenda to close", |s| {
        !s.contains(" Agenda · ") && s.contains(" BROWSE ")
    });
    for view in [&["?"][..], &["A", "?"], &["Enter", "?"]] {
        tmux.keys(view);
        tmux.wait_for_text(" HELP ");
        tmux.keys(&["q"]);
        let screen = tmux.wait_for("the help to close", |s| !s.contains(" HELP "));
        assert!(!screen.contains(EXITED), "q in the help quit:\n{screen}");
        // Then back to the main view, one q at a time.
        if view.len() > 1 {
            tmux.keys(&["q"]);
            tmux.wait_for_text(" BROWSE ");
        }
    }
    tmux.keys(&["q"]);
    let screen = tmux.wait_for_exit_report();
    assert!(screen.contains(&format!("{EXITED}0\n")), "{screen}");
}

#[test]

fn help_closes_on_an_unbound_key() {
    require_tmux!();
    let tmux = Session::start();
    tmux.wait_for_dashboard();
    tmux.keys(&["?"]);
    tmux.wait_for_text("Jump to the first row");
    tmux.keys(&["z"]);
    tmux.wait_for("the help to close", |s| {
        !s.contains("Jump to the first row") && s.contains("BROWSE")
    });
}

/// Sends `signal` to the dashboard and checks it restored the terminal and exited with
/// `status` (128 + the signal's number, as shells report it).
fn signal_exits_with(signal: rustix::process::Signal, status: u8) {
    let tmux = Session::start();
    tmux.wait_for_dashboard();
    let pid = tmux.pid();
    let sent = Instant::now();
    rustix::process::kill_process(pid, signal).expect("send the signal");
    let took = time_until_gone(pid, sent, &format!("{signal:?}"));
    eprintln!("{signal:?}: gone after {took:?}");
    let screen = tmux.wait_for_exit_report();
    assert!(
        screen.contains(&format!("{EXITED}{status}\n")),
        "rapport exits with {status} on {signal:?}:\n{screen}"
    );
}

#[test]
fn sighup_exits_129_and_restores_the_terminal() {
    require_tmux!();
    signal_exits_with(rustix::process::Signal::HUP, 129);
}

#[test]
fn sigterm_exits_143_and_restores_the_terminal() {
    require_tmux!();
    signal_exits_with(rustix::process::Signal::TERM, 143);
}

#[test]
fn sigint_exits_130_and_restores_the_terminal() {
    require_tmux!();
    signal_exits_with(rustix::process::Signal::INT, 130);
}

/// With `ui.mouse` on: clicks and drags are reported (not bare motion), a click selects a
/// client and the wheel moves on; a signal still leaves mouse reporting switched off.
#[test]
fn mouse_when_configured_and_switched_off_on_the_way_out() {
    require_tmux!();
    let tmux = Session::start_with_config("[ui]\nmouse = true\n");
    tmux.wait_for_dashboard();
    assert_eq!(tmux.pane_flag("mouse_button_flag"), "1", "clicks and drags");
    assert_eq!(tmux.pane_flag("mouse_sgr_flag"), "1", "SGR coordinates");
    assert_eq!(tmux.pane_flag("mouse_all_flag"), "0", "no bare motion");

    // A left click (SGR: button 0, 1-based column and row) on the second client's row.
    tmux.literal("\x1b[<0;5;3M\x1b[<0;5;3m");
    tmux.wait_for_text(&format!("People · {SECOND_CLIENT}"));
    // Two wheel steps down over the clients pane: two clients further.
    tmux.literal("\x1b[<65;5;3M\x1b[<65;5;3M");
    tmux.wait_for_text(&format!("People · {FOURTH_CLIENT}"));

    let pid = tmux.pid();
    let sent = Instant::now();
    rustix::process::kill_process(pid, rustix::process::Signal::TERM).expect("send SIGTERM");
    time_until_gone(pid, sent, "SIGTERM");
    // `wait_for_exit_report` checks that mouse reporting is off again.
    let screen = tmux.wait_for_exit_report();
    assert!(screen.contains(&format!("{EXITED}143\n")), "{screen}");
}

#[test]
fn killing_the_pane_ends_the_dashboard() {
    require_tmux!();
    let tmux = Session::start();
    tmux.wait_for_dashboard();
    let pid = tmux.pid();
    let killed = Instant::now();
    tmux.tmux(&["kill-pane", "-t", TARGET]);
    let took = time_until_gone(pid, killed, "kill-pane");
    eprintln!("kill-pane: gone after {took:?}");
}

#[test]
fn killing_the_tmux_server_ends_the_dashboard() {
    require_tmux!();
    let tmux = Session::start();
    tmux.wait_for_dashboard();
    let pid = tmux.pid();
    let killed = Instant::now();
    tmux.tmux(&["kill-server"]);
    let took = time_until_gone(pid, killed, "kill-server");
    eprintln!("kill-server: gone after {took:?}");
}

impl Session {
    /// Runs a rapport command beside the dashboard, as another tmux pane would.
    fn rapport(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rapport"));
        cmd.arg("--data-dir").arg(self.data_dir()).args(args);
        self.isolate(&mut cmd);
        cmd.output().expect("run rapport")
    }
}

#[test]
fn commands_beside_the_dashboard_reach_it_through_its_socket() {
    require_tmux!();
    let tmux = Session::start();
    tmux.wait_for_dashboard();

    // A note from another process: saved, and on the dashboard's screen without a key.
    let note = "call: from the other pane 🎣 +1";
    let out = tmux.rapport(&["note", "lumikko", note]);
    assert!(
        out.status.success(),
        "note while the dashboard runs: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    tmux.wait_for_text("from the other pane");

    // Reading works at the same time.
    let out = tmux.rapport(&["log", "lumikko"]);
    let log = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && log.contains("from the other pane 🎣"),
        "{log}"
    );

    // A second dashboard names the first instead of failing on the lock.
    let pid = tmux.pid();
    tmux.tmux(&[
        "new-window",
        "-d",
        "-n",
        "second",
        &format!(
            "{} --data-dir {}; echo {EXITED}$?; sleep 60",
            sh_quote(env!("CARGO_BIN_EXE_rapport")),
            sh_quote(&tmux.data_dir().to_string_lossy())
        ),
    ]);
    let second = (0..100)
        .map(|_| {
            std::thread::sleep(POLL);
            tmux.tmux(&["capture-pane", "-p", "-J", "-t", "second"])
        })
        .find(|s| s.contains(EXITED))
        .expect("the second dashboard ends");
    assert!(
        second.contains("already open on this store")
            && second.contains(&format!("pid {}", pid.as_raw_nonzero()))
            && second.contains(&format!("{EXITED}1")),
        "{second}"
    );
}

/// Column of `needle` in `line`, counted as a terminal counts (CJK and emoji are two wide).
fn column_of(line: &str, needle: &str) -> Option<usize> {
    use unicode_width::UnicodeWidthStr;
    line.find(needle).map(|at| line[..at].width())
}

#[test]
fn a_note_saved_in_the_dashboard_and_a_draft_surviving_kill_9() {
    require_tmux!();
    let tmux = Session::start();
    tmux.wait_for_dashboard();

    // n: the box for the selected client; a Japanese sentence with an emoji, a mention and trust.
    tmux.keys(&["n"]);
    tmux.wait_for_text(&format!("Note for {FIRST_CLIENT}"));
    tmux.keys(&["-l", "移行計画を相談した 🚀 @Anu +1"]);
    tmux.wait_for_text("note · with Anu Heikkinen · +1");
    tmux.keys(&["Enter"]);
    // The trailing @Anu links her and leaves the text (capture/syntax.rs).
    let screen = tmux.wait_for("the note in the timeline", |s| {
        s.contains("saved note") && s.contains("移行計画を相談した 🚀") && !s.contains("🚀 Anu")
    });
    assert!(
        screen.contains("2026-11-23 12:00  Anu Heikkinen  +1"),
        "the new note heads the timeline:\n{screen}"
    );
    assert!(!screen.contains("Note for"), "the box closed:\n{screen}");

    // A second note, left unsaved; the terminal cursor waits right after it (for an IME).
    tmux.keys(&["n"]);
    tmux.wait_for_text(&format!("Note for {FIRST_CLIENT}"));
    tmux.keys(&["-l", "下書きのまま 📝 draft"]);
    let screen = tmux.wait_for_text("下書きのまま 📝 draft");
    let (row, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("下書きのまま"))
        .expect("the draft's row");
    let draft = "下書きのまま 📝 draft";
    let end = column_of(line, draft).unwrap() + unicode_width::UnicodeWidthStr::width(draft);
    assert_eq!(tmux.pane_flag("cursor_y"), row.to_string(), "{screen}");
    assert_eq!(tmux.pane_flag("cursor_x"), end.to_string(), "{screen}");
    // Past the half-second pause after typing, the draft is in the store; then the process dies
    // with no chance to save anything.
    std::thread::sleep(Duration::from_millis(1500));
    let pid = tmux.pid();
    let killed = Instant::now();
    rustix::process::kill_process(pid, rustix::process::Signal::KILL).expect("send SIGKILL");
    time_until_gone(pid, killed, "SIGKILL");
    tmux.wait_for_text(&format!("{EXITED}137"));

    // The next start: the draft waits, named in the status line and marked in the list; `n`
    // continues it, with a word on where it came from.
    tmux.restart();
    let screen = tmux.wait_for_text(&format!("draft for {FIRST_CLIENT} — n continues"));
    assert!(screen.contains('✎'), "{screen}");
    tmux.keys(&["n"]);
    let screen = tmux.wait_for("the restored draft", |s| {
        s.contains("Restored: this note was not saved") && s.contains("下書きのまま 📝 draft")
    });
    assert!(
        screen.contains(&format!("Note for {FIRST_CLIENT}")),
        "{screen}"
    );
    // Esc keeps it as a draft and uncovers the timeline, where the first note is.
    tmux.keys(&["Escape"]);
    let screen = tmux.wait_for("the box to close", |s| s.contains("kept as a draft"));
    assert!(
        screen.contains("移行計画を相談した 🚀"),
        "the saved note survived:\n{screen}"
    );
    // With the draft waiting, q asks first.
    tmux.keys(&["q"]);
    tmux.wait_for_text(&format!(
        "Quit? The draft for {FIRST_CLIENT} stays for next time. y/n"
    ));
    tmux.keys(&["y"]);
    tmux.wait_for_exit_report();
}

/// `x`, `y` archives the selected client; `u` brings it back, and the status line says so.
#[test]
fn undo_of_an_archive() {
    require_tmux!();
    let tmux = Session::start();
    tmux.wait_for_dashboard();
    tmux.keys(&["x"]);
    tmux.wait_for_text(&format!("Archive {FIRST_CLIENT}? History is kept. y/n"));
    tmux.keys(&["y"]);
    let screen = tmux.wait_for_text(&format!("archived {FIRST_CLIENT} (history kept) · u takes"));
    assert!(screen.contains("Clients (7)"), "{screen}");
    tmux.keys(&["u"]);
    let screen = tmux.wait_for_text(&format!("restored {FIRST_CLIENT} from the archive"));
    assert!(
        screen.contains("Clients (8)") && screen.contains(&format!("People · {FIRST_CLIENT}")),
        "back in the list, and selected:\n{screen}"
    );
    let out = tmux.rapport(&["client", "list"]);
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && list.contains(FIRST_CLIENT),
        "{list}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for_exit_report();
}

#[test]
fn search_finds_part_of_an_old_word_and_enter_lands_on_that_note() {
    require_tmux!();
    let tmux = Session::start();
    let first = tmux.wait_for_dashboard();
    assert!(
        !first.contains("2026-06-26 13:30"),
        "not in view at the start:\n{first}"
    );
    tmux.keys(&["/"]);
    tmux.wait_for_text("Enter go to");
    // Part of "chunking" and of "merchant_id", from a note five months old at another client.
    tmux.keys(&["-l", "chunki merch"]);
    let screen = tmux.wait_for_text("Proposed chunking");
    assert!(screen.contains("Notes"), "{screen}");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("the popup to close", |s| !s.contains("Enter go to"));
    assert!(
        screen.contains("Timeline · Nordpay Oy") && screen.contains("2026-06-26 13:30"),
        "Nordpay selected, its timeline scrolled to the note:\n{screen}"
    );
    // The note's line is the highlighted one.
    let styled = tmux.tmux(&["capture-pane", "-p", "-e", "-t", TARGET]);
    let line = styled
        .lines()
        .find(|l| l.contains("2026-06-26 13:30"))
        .expect("the note's head line");
    // Reversed: the focused pane's selection.
    assert!(
        line.contains("\x1b[7m") || line.contains(";7m"),
        "the note is the selected row: {line:?}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for_exit_report();
}

/// The processes whose parent is `pid`.
fn children(pid: rustix::process::Pid) -> Vec<i32> {
    let parent = pid.as_raw_nonzero().get();
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Ok(child) = entry.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        // State, then the parent's pid.
        let ppid = stat_fields(&entry.path())
            .and_then(|fields| fields.split_whitespace().nth(1)?.parse::<i32>().ok());
        if ppid == Some(parent) {
            found.push(child);
        }
    }
    found
}

fn process_state(pid: i32) -> Option<char> {
    stat_fields(Path::new(&format!("/proc/{pid}")))?
        .trim_start()
        .chars()
        .next()
}

/// A process's `stat` after its parenthesised command name (which may hold spaces): the state
/// first, then the parent's pid and the rest.
fn stat_fields(proc_dir: &Path) -> Option<String> {
    let stat = std::fs::read_to_string(proc_dir.join("stat")).ok()?;
    Some(stat.rsplit_once(')')?.1.to_string())
}

/// Waits until the store process `store` is paused (stopped, `T`).
fn wait_until_paused(store: i32) {
    let started = Instant::now();
    while process_state(store) != Some('T') {
        assert!(
            started.elapsed() < DEADLINE,
            "the idle dashboard's store process is still {:?}",
            process_state(store)
        );
        std::thread::sleep(POLL);
    }
}

/// Bytes `pid` has written so far, anywhere (its terminal, its store process's pipe).
fn written(pid: rustix::process::Pid) -> u64 {
    let io = std::fs::read_to_string(format!("/proc/{}/io", pid.as_raw_nonzero()))
        .expect("the dashboard's /proc io");
    let line = io.lines().find_map(|l| l.strip_prefix("wchar:"));
    line.and_then(|n| n.trim().parse().ok())
        .expect("a wchar line")
}

/// An idle dashboard writes nothing: pausing its store process a moment after a key draws
/// no frame (it drew one that changed nothing, 41 bytes, after every key).
#[test]
fn an_idle_dashboard_writes_nothing_when_its_store_pauses() {
    require_tmux!();
    let tmux = Session::start();
    tmux.wait_for_dashboard();
    let pid = tmux.pid();
    let [store] = children(pid)[..] else {
        panic!("one store process under the dashboard");
    };
    // The clock's minute redraws the status bar (as it should): not in this window.
    let to_minute = rapport::event::until_next_minute(std::time::SystemTime::now());
    if to_minute < Duration::from_secs(3) {
        std::thread::sleep(to_minute + Duration::from_millis(100));
    }
    tmux.keys(&["j"]);
    tmux.wait_for_text(&format!("People · {SECOND_CLIENT}"));
    let before = written(pid);
    wait_until_paused(store);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(written(pid) - before, 0, "bytes written while idle");
}

/// sled wakes its threads every second; the store lives in a child process that an idle
/// dashboard pauses, a key resumes, and a killed dashboard takes along.
#[test]
fn an_idle_dashboard_pauses_its_store_and_a_kill_takes_the_store_along() {
    require_tmux!();
    let tmux = Session::start();
    tmux.wait_for_dashboard();
    let pid = tmux.pid();
    let store = match children(pid)[..] {
        [store] => store,
        ref other => panic!("one store process under the dashboard, found {other:?}"),
    };
    wait_until_paused(store);
    // A key that reads the store (the next client's people and timeline) resumes it.
    tmux.keys(&["j"]);
    tmux.wait_for_text(&format!("People · {SECOND_CLIENT}"));

    let killed = Instant::now();
    rustix::process::kill_process(pid, rustix::process::Signal::KILL).expect("send SIGKILL");
    time_until_gone(pid, killed, "SIGKILL");
    let store = rustix::process::Pid::from_raw(store).expect("a pid");
    time_until_gone(store, killed, "its dashboard's SIGKILL");
    // Nothing holds the store any more: the next dashboard opens it.
    tmux.restart();
    tmux.wait_for_dashboard();
}

/// The store process killed under a running dashboard is started again at once: commands
/// beside it keep working through its socket, and so do its keys.
#[test]
fn a_killed_store_process_is_started_again_and_everything_keeps_working() {
    require_tmux!();
    let tmux = Session::start();
    tmux.wait_for_dashboard();
    let pid = tmux.pid();
    let only_store = || match children(pid)[..] {
        [store] => store,
        ref other => panic!("one store process under the dashboard, found {other:?}"),
    };
    let first = only_store();
    let killed = Instant::now();
    let store = rustix::process::Pid::from_raw(first).expect("a pid");
    rustix::process::kill_process(store, rustix::process::Signal::KILL).expect("send SIGKILL");
    time_until_gone(store, killed, "SIGKILL");
    // Told on its screen, without a key.
    tmux.wait_for_text("started again");
    let second = only_store();
    assert_ne!(second, first, "a new store process");

    let out = tmux.rapport(&["note", "lumikko", "call: after the restart 🔁"]);
    assert!(
        out.status.success(),
        "note after the store process died: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    tmux.wait_for_text("after the restart 🔁");
    let out = tmux.rapport(&["client", "list"]);
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && list.contains(FIRST_CLIENT),
        "{list}"
    );

    // A key that reads the store still updates the screen.
    tmux.keys(&["j"]);
    tmux.wait_for_text(&format!("People · {SECOND_CLIENT}"));
    tmux.keys(&["q"]);
    tmux.wait_for_exit_report();
}

#[test]
fn a_call_with_a_promise_made_during_it_shows_both_linked() {
    require_tmux!();
    let tmux = Session::start();
    tmux.wait_for_dashboard();

    // c: a call with the selected client; a line holding due:fri is a promise made in it.
    tmux.keys(&["c"]);
    tmux.wait_for_text(&format!("Call with {FIRST_CLIENT}"));
    tmux.keys(&[
        "-l",
        "Walked through the upgrade. I send the runbook due:fri",
    ]);
    // The preview says both before anything is saved.
    let preview = tmux.wait_for_text("promise due Fri 2026-11-27: I send the runbook");
    assert!(preview.contains("call"), "{preview}");
    tmux.keys(&["Enter"]);
    // The marks wrap on a 100-column screen: the rows are read whole.
    let screen = tmux.wait_for("the call and its promise in the timeline", |s| {
        s.contains("saved call") && s.contains("and 1 promise") && s.contains("[made in call")
    });
    let lines: Vec<&str> = screen.lines().collect();
    let at = |needle: &str| lines.iter().position(|l| l.contains(needle)).unwrap();
    let promise = at("🤞 2026-11-23 12:00");
    let call = at("📞 2026-11-23 12:00");
    assert!(
        lines[promise + 1].contains("I send the runbook [due 2026-11-27] [made in call"),
        "{screen}"
    );
    assert!(
        lines[call + 1].contains("Walked through the upgrade."),
        "{screen}"
    );
    let call_row = format!("{}{}", lines[call + 1], lines[call + 2]);
    assert!(
        call_row.contains("[1") && call_row.contains("promise]"),
        "{screen}"
    );
    assert!(
        !screen.contains(&format!("Call with {FIRST_CLIENT}")),
        "the box closed:\n{screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for_exit_report();
}

#[test]
fn a_japanese_mention_without_spaces_links_the_person_and_keeps_the_honorific() {
    require_tmux!();
    let tmux = Session::start();
    tmux.wait_for_dashboard();

    // N: the note box for a client picked by typing part of its name.
    tmux.keys(&["N"]);
    tmux.keys(&["-l", "hoshizora"]);
    tmux.wait_for_text("Hoshizora Fintech");
    tmux.keys(&["Enter"]);
    tmux.wait_for_text("Note for Hoshizora Fintech K.K.");
    tmux.keys(&["-l", "日程を決めた。＠田中さんと ＃aurora"]);
    tmux.wait_for_text("with 田中");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("the note in the timeline", |s| {
        s.contains("saved note") && s.contains("日程を決めた。田中さんと")
    });
    let row = screen
        .lines()
        .find(|l| l.contains("日程を決めた。"))
        .unwrap();
    assert!(
        !row.contains('＠'),
        "the mark is gone, the honorific stays:\n{screen}"
    );
    assert!(
        screen.contains("2026-11-23 12:00  田中 美咲"),
        "the person is linked:\n{screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for_exit_report();
}

#[test]
fn an_edit_from_the_timeline() {
    require_tmux!();
    let tmux = Session::start();
    tmux.wait_for_dashboard();
    tmux.keys(&["n"]);
    tmux.wait_for_text(&format!("Note for {FIRST_CLIENT}"));
    tmux.keys(&["-l", "call: failover went fine +1"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for_text("saved call");

    // e on the timeline's selected event: the box opens on it, in the syntax.
    tmux.keys(&["Tab", "Tab", "e"]);
    let screen = tmux.wait_for_text("Edit call of 23 Nov 12:00");
    assert!(
        screen.contains("call: failover went fine +1 at:2026-11-23_12:00"),
        "{screen}"
    );
    tmux.keys(&["-l", " #ops"]);
    tmux.wait_for_text("#ops");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for_text("edited the call of 23 Nov 12:00 (2 versions)");
    assert!(
        !screen.contains("Edit call of"),
        "the box closed:\n{screen}"
    );
    assert!(
        screen.contains("edited 23 Nov 12:00"),
        "the timeline says so:\n{screen}"
    );

    // Beside the dashboard, the event shows both versions.
    let out = tmux.rapport(&["search", "failover", "--json"]);
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).expect("search JSON");
    let id = found["notes"][0]["event"]["id"]
        .as_str()
        .expect("the note")
        .to_string();
    let out = tmux.rapport(&["show", &id]);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("tags       #ops"), "{shown}");
    assert!(shown.contains("1. until 2026-11-23 12:00"), "{shown}");
    // An edit from another pane goes through the dashboard's store and shows at once.
    let out = tmux.rapport(&["edit", &id, "--text", "failover went great"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let screen = tmux.wait_for_text("failover went great");
    assert!(
        screen.contains("edited 23 Nov 12:00 (3 versions)"),
        "{screen}"
    );
    // An edit that makes a promise in the call, from another pane: both land, and show.
    let note = "call: failover went great. I send the runbook due:2026-11-27 +1";
    let out = tmux.rapport(&["edit", &id, note]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("promise made in the call: I send the runbook"),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    tmux.wait_for("the call and the promise made in it", |screen| {
        screen.matches("I send the runbook").count() >= 2
    });
    tmux.keys(&["q"]);
    tmux.wait_for_exit_report();
}
