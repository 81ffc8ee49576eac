//! Everything the dashboard reacts to, on one channel it sleeps on: no tick and no polling
//! loop, so an idle dashboard in a tmux pane costs no CPU. Each source is a thread that
//! blocks until it has something to say: terminal input, termination signals, the next
//! wall-clock minute, and a watch for the terminal hanging up.

use crate::app::mouse::{Mouse, Pointer};
use crate::config::{KeyCode, KeySpec};
use anyhow::{bail, Context};
use crossterm::event::{self as term, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent};
use crossterm::event::{KeyCode as TermKey, MouseButton, MouseEventKind};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// One thing that happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Key(KeyEvent),
    Paste(String),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// A wall-clock minute began: relative times ("2 min ago") and warmth marks may change.
    Minute,
    /// Something else changed; redraw.
    Wake,
    /// Another process wrote to the store through the dashboard's socket: reload.
    StoreChanged,
    /// The store process ended unexpectedly: start it again.
    StoreEnded,
    Quit(QuitReason),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuitReason {
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT.
    Signal(i32),
    /// The terminal hung up or cannot be read. Exit the process promptly: crossterm 0.29
    /// spins inside `event::read` on a dead terminal, and only the exit stops that thread.
    TerminalGone(String),
}

impl QuitReason {
    /// The signal behind the request, if a signal it was.
    pub fn signal(&self) -> Option<i32> {
        match self {
            QuitReason::Signal(signal) => Some(*signal),
            QuitReason::TerminalGone(_) => None,
        }
    }
}

/// The dashboard left because a signal asked it to. It goes up as an error only so that `main`
/// can exit with 128 + the signal number: a shell (or a supervisor) then sees "terminated by
/// SIGTERM" rather than success, although the terminal was put back in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("stopped by signal {0}")]
pub struct Stopped(pub i32);

impl Stopped {
    /// 143 for SIGTERM, 129 for SIGHUP, 130 for SIGINT: the shells' convention.
    pub fn exit_status(self) -> u8 {
        u8::try_from(128 + self.0).unwrap_or(u8::MAX)
    }
}

/// The receiving end of all sources.
pub struct Events {
    tx: Sender<Input>,
    rx: Receiver<Input>,
}

/// The signals are caught (a SIGTERM now waits for the loop), but nothing reads yet: the
/// dashboard draws its first frame before it starts four threads. Keys typed meanwhile wait in
/// the terminal.
pub struct Catching {
    events: Events,
    signals: Signals,
}

impl Catching {
    /// Starts the source threads.
    pub fn start(self) -> anyhow::Result<Events> {
        let Catching { events, signals } = self;
        events.spawn("signals", move |tx| signal_loop(signals, tx))?;
        events.spawn("input", input_loop)?;
        events.spawn("minute", minute_loop)?;
        events.spawn("hangup", |tx| {
            if let Some(why) = crate::tui::wait_for_hangup() {
                let _ = tx.send(Input::Quit(QuitReason::TerminalGone(why)));
            }
        })?;
        Ok(events)
    }
}

/// At most this many queued inputs go into one batch, so a flood still gets drawn.
const MAX_BATCH: usize = 1024;

impl Events {
    /// Catches the termination signals from now on; [`Catching::start`] then starts the source
    /// threads. Once per process: a second terminal reader would steal keys, and the input
    /// thread cannot be stopped (it blocks in crossterm until the next event).
    pub fn catch_signals() -> anyhow::Result<Catching> {
        static STARTED: AtomicBool = AtomicBool::new(false);
        if STARTED.swap(true, SeqCst) {
            bail!("terminal events are already being read");
        }
        let signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
            .context("cannot watch for termination signals")?;
        Ok(Catching {
            events: Events::unstarted(),
            signals,
        })
    }

    fn unstarted() -> Events {
        let (tx, rx) = channel();
        Events { tx, rx }
    }

    fn spawn(
        &self,
        name: &str,
        run: impl FnOnce(Sender<Input>) + Send + 'static,
    ) -> anyhow::Result<()> {
        let tx = self.tx.clone();
        thread::Builder::new()
            .name(format!("rapport-{name}"))
            .spawn(move || run(tx))
            .with_context(|| format!("cannot start the {name} thread"))?;
        Ok(())
    }

    /// Blocks until something happens.
    pub fn next(&self) -> Input {
        // Cannot fail while `self.tx` keeps the channel open.
        self.rx
            .recv()
            .unwrap_or_else(|_| Input::Quit(QuitReason::TerminalGone("events stopped".into())))
    }

    /// Blocks until something happens or `deadline` passes (`None`: then). Without a deadline
    /// this is [`Events::next`]: only a pending job (a draft to write) sets one, so an idle
    /// dashboard still sleeps on the channel alone.
    pub fn next_until(&self, deadline: Option<Instant>) -> Option<Input> {
        let Some(deadline) = deadline else {
            return Some(self.next());
        };
        let wait = deadline.saturating_duration_since(Instant::now());
        match self.rx.recv_timeout(wait) {
            Ok(input) => Some(input),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Input::Quit(QuitReason::TerminalGone(
                "events stopped".into(),
            ))),
        }
    }

    /// The next input if one is already queued.
    pub fn try_next(&self) -> Option<Input> {
        self.rx.try_recv().ok()
    }

    /// For other producers, such as a store watcher sending `Wake`.
    pub fn sender(&self) -> Sender<Input> {
        self.tx.clone()
    }

    /// `first` and everything already queued behind it, coalesced: one draw per burst.
    pub fn drain_coalesced(&self, first: Input) -> Vec<Input> {
        coalesce(
            first,
            std::iter::from_fn(|| self.try_next()).take(MAX_BATCH),
        )
    }
}

/// Keeps only the last `Resize` of a batch (the size that counts), and likewise the last
/// `Minute`, `Wake` and `StoreChanged`, which carry nothing but "look again"; everything else
/// keeps its order.
pub fn coalesce(first: Input, rest: impl IntoIterator<Item = Input>) -> Vec<Input> {
    let mut kept: Vec<Option<Input>> = Vec::new();
    let mut last = [None; 4];
    for input in std::iter::once(first).chain(rest) {
        let kind = match input {
            Input::Resize(..) => Some(0),
            Input::Minute => Some(1),
            Input::Wake => Some(2),
            Input::StoreChanged => Some(3),
            _ => None,
        };
        if let Some(earlier) = kind.and_then(|k| last[k].replace(kept.len())) {
            kept[earlier] = None;
        }
        kept.push(Some(input));
    }
    kept.into_iter().flatten().collect()
}

fn input_loop(tx: Sender<Input>) {
    loop {
        let input = match term::read() {
            // Terminals reporting releases would otherwise double every key.
            Ok(term::Event::Key(key)) if key.kind == KeyEventKind::Press => Input::Key(key),
            Ok(term::Event::Paste(text)) => Input::Paste(text),
            Ok(term::Event::Mouse(mouse)) if mouse.kind != MouseEventKind::Moved => {
                Input::Mouse(mouse)
            }
            Ok(term::Event::Resize(columns, rows)) => Input::Resize(columns, rows),
            Ok(_) => continue,
            // crossterm already retries EINTR; any error it returns (EOF, EIO once the pty is
            // gone) is final, so stop here: retrying a dead descriptor is how readers spin.
            // (crossterm 0.29 may instead spin inside `read` itself: see the hangup thread.)
            Err(error) => {
                let why = format!("cannot read the terminal: {error}");
                let _ = tx.send(Input::Quit(QuitReason::TerminalGone(why)));
                return;
            }
        };
        if tx.send(input).is_err() {
            return;
        }
    }
}

/// Set once the dashboard's loop reads inputs. Before that (the store still opening), nothing
/// is written yet and a quit signal ends the process at once: waiting for the loop would hold
/// the store's lock, and a dashboard respawned in the same pane, a moment longer.
pub static LISTENING: AtomicBool = AtomicBool::new(false);

fn signal_loop(mut signals: Signals, tx: Sender<Input>) {
    let mut asked = false;
    for signal in signals.forever() {
        if asked || !LISTENING.load(SeqCst) {
            // The loop did not act on the first request (stuck, or already gone): leave
            // anyway, with the terminal usable, as the default action would have.
            crate::tui::restore();
            std::process::exit(128 + signal);
        }
        asked = true;
        let _ = tx.send(Input::Quit(QuitReason::Signal(signal)));
    }
}

fn minute_loop(tx: Sender<Input>) {
    // Wake a little after the boundary, so the clock the redraw reads has surely turned.
    const SLACK: Duration = Duration::from_millis(10);
    loop {
        thread::sleep(until_next_minute(SystemTime::now()) + SLACK);
        if tx.send(Input::Minute).is_err() {
            return;
        }
    }
}

/// Time from `now` to the next whole wall-clock minute; a full minute when exactly on one.
pub fn until_next_minute(now: SystemTime) -> Duration {
    const MINUTE: u128 = 60_000_000_000;
    // A clock before 1970 is broken anyway; waking once a minute from it is fine.
    let since = now.duration_since(UNIX_EPOCH).unwrap_or_default();
    let into_minute = (since.as_nanos() % MINUTE) as u64;
    Duration::from_nanos(MINUTE as u64 - into_minute)
}

/// A terminal key as the config names keys, or `None` for keys the config cannot bind.
/// Shift is carried by the character itself (`G`, `?`), only named keys (`shift-tab`) use the
/// flag; a control letter is lower case (terminals cannot tell ctrl-g from ctrl-G).
pub fn to_key_spec(event: &KeyEvent) -> Option<KeySpec> {
    let m = event.modifiers;
    // Modifiers the config cannot name must not fire the binding of the bare key.
    if event.kind == KeyEventKind::Release
        || m.intersects(KeyModifiers::SUPER | KeyModifiers::HYPER | KeyModifiers::META)
    {
        return None;
    }
    let ctrl = m.contains(KeyModifiers::CONTROL);
    let alt = m.contains(KeyModifiers::ALT);
    let mut shift = m.contains(KeyModifiers::SHIFT);
    let code = match event.code {
        TermKey::Char(c) if c.is_control() => return None,
        TermKey::Char(c) => {
            shift = false;
            let lower = c
                .to_lowercase()
                .next()
                .filter(|_| ctrl && c.is_alphabetic());
            KeyCode::Char(lower.unwrap_or(c))
        }
        TermKey::BackTab => {
            shift = true;
            KeyCode::Tab
        }
        TermKey::Enter => KeyCode::Enter,
        TermKey::Esc => KeyCode::Esc,
        TermKey::Tab => KeyCode::Tab,
        TermKey::Backspace => KeyCode::Backspace,
        TermKey::Delete => KeyCode::Delete,
        TermKey::Up => KeyCode::Up,
        TermKey::Down => KeyCode::Down,
        TermKey::Left => KeyCode::Left,
        TermKey::Right => KeyCode::Right,
        TermKey::Home => KeyCode::Home,
        TermKey::End => KeyCode::End,
        TermKey::PageUp => KeyCode::PageUp,
        TermKey::PageDown => KeyCode::PageDown,
        TermKey::F(n) if (1..=12).contains(&n) => KeyCode::F(n),
        _ => return None,
    };
    Some(KeySpec {
        code,
        ctrl,
        alt,
        shift,
    })
}

/// A pointer event the dashboard acts on: a left click or a wheel step. Releases, drags and
/// other buttons are left alone.
pub fn to_mouse(event: &MouseEvent) -> Option<Mouse> {
    let pointer = match event.kind {
        MouseEventKind::Down(MouseButton::Left) => Pointer::Click,
        MouseEventKind::ScrollUp => Pointer::WheelUp,
        MouseEventKind::ScrollDown => Pointer::WheelDown,
        _ => return None,
    };
    Some(Mouse {
        pointer,
        column: event.column,
        row: event.row,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventState;
    use Input::{Minute, Resize, Wake};

    fn key(c: char) -> Input {
        Input::Key(KeyEvent::new(TermKey::Char(c), KeyModifiers::NONE))
    }

    #[test]
    fn coalesce_keeps_last_resize_and_order_of_the_rest() {
        let burst = [key('b'), Resize(90, 30), Wake, key('c'), Resize(99, 40)];
        let want = [key('b'), Wake, key('c'), Resize(99, 40)];
        assert_eq!(coalesce(Resize(80, 24), burst), want);
        let quiet = [Minute, key('x'), Minute, Wake, Wake];
        assert_eq!(
            coalesce(key('a'), quiet),
            [key('a'), key('x'), Minute, Wake]
        );
        assert_eq!(coalesce(Minute, []), [Minute]);
    }

    #[test]
    fn drain_takes_what_is_queued() {
        let events = Events::unstarted();
        let tx = events.sender();
        for input in [Resize(1, 1), Resize(2, 2), Wake, Resize(3, 3)] {
            tx.send(input).unwrap();
        }
        let first = events.next();
        assert_eq!(events.drain_coalesced(first), [Wake, Resize(3, 3)]);
        assert_eq!(events.try_next(), None);
    }

    #[test]
    fn next_until_returns_what_is_queued_or_nothing_at_the_deadline() {
        let events = Events::unstarted();
        let soon = Instant::now() + Duration::from_millis(30);
        assert_eq!(events.next_until(Some(soon)), None);
        assert!(Instant::now() >= soon, "waited for the deadline");
        // A deadline already passed does not wait, but still hands over what is queued.
        assert_eq!(events.next_until(Some(Instant::now())), None);
        events.sender().send(Wake).unwrap();
        assert_eq!(events.next_until(Some(Instant::now())), Some(Wake));
        events.sender().send(Minute).unwrap();
        assert_eq!(events.next_until(None), Some(Minute));
    }

    /// Terminal keys against the config spelling they must match.
    #[test]
    fn key_table() {
        use KeyModifiers as M;
        let table = [
            (TermKey::Char('q'), M::NONE, Some("q")),
            (TermKey::Char('G'), M::SHIFT, Some("G")),
            (TermKey::Char('?'), M::SHIFT, Some("?")),
            (TermKey::Char(' '), M::NONE, Some("space")),
            (TermKey::Char('s'), M::CONTROL, Some("ctrl-s")),
            (TermKey::Char('S'), M::CONTROL | M::SHIFT, Some("ctrl-s")),
            (TermKey::Char('-'), M::CONTROL, Some("ctrl--")),
            (TermKey::Char('x'), M::ALT, Some("alt-x")),
            (TermKey::BackTab, M::SHIFT, Some("shift-tab")),
            (TermKey::BackTab, M::NONE, Some("shift-tab")),
            (TermKey::Tab, M::SHIFT, Some("shift-tab")),
            (TermKey::Enter, M::ALT, Some("alt-enter")),
            (
                TermKey::Delete,
                M::CONTROL | M::ALT,
                Some("ctrl-alt-delete"),
            ),
            (TermKey::PageDown, M::NONE, Some("pgdn")),
            (TermKey::Esc, M::NONE, Some("esc")),
            (TermKey::F(12), M::NONE, Some("f12")),
            (TermKey::F(13), M::NONE, None),
            (TermKey::Insert, M::NONE, None),
            (TermKey::Null, M::NONE, None),
            (TermKey::Char('\u{1b}'), M::NONE, None),
            (TermKey::Char('q'), M::SUPER, None),
        ];
        for (code, modifiers, text) in table {
            let want = text.map(|t| t.parse::<KeySpec>().unwrap());
            let got = to_key_spec(&KeyEvent::new(code, modifiers));
            assert_eq!(got, want, "{code:?} {modifiers:?}");
        }
        let g = to_key_spec(&KeyEvent::new(TermKey::Char('G'), M::SHIFT)).unwrap();
        assert_eq!((g.code, g.shift), (KeyCode::Char('G'), false));
        let kind = KeyEventKind::Release;
        let up = KeyEvent::new_with_kind_and_state(TermKey::Up, M::NONE, kind, KeyEventState::NONE);
        assert_eq!(to_key_spec(&up), None);
    }

    #[test]
    fn signals_become_shell_exit_statuses() {
        assert_eq!(Stopped(SIGTERM).exit_status(), 143);
        assert_eq!(Stopped(SIGHUP).exit_status(), 129);
        assert_eq!(Stopped(SIGINT).exit_status(), 130);
        assert_eq!(QuitReason::Signal(SIGTERM).signal(), Some(SIGTERM));
        assert_eq!(QuitReason::TerminalGone("eof".into()).signal(), None);
    }

    #[test]
    fn clicks_and_wheel_only() {
        let at = |kind| MouseEvent {
            kind,
            column: 7,
            row: 3,
            modifiers: KeyModifiers::NONE,
        };
        let click = to_mouse(&at(MouseEventKind::Down(MouseButton::Left)));
        assert_eq!(
            click,
            Some(Mouse {
                pointer: Pointer::Click,
                column: 7,
                row: 3
            })
        );
        let down = to_mouse(&at(MouseEventKind::ScrollDown)).map(|m| m.pointer);
        assert_eq!(down, Some(Pointer::WheelDown));
        for kind in [
            MouseEventKind::Up(MouseButton::Left),
            MouseEventKind::Down(MouseButton::Right),
            MouseEventKind::Drag(MouseButton::Left),
            MouseEventKind::ScrollLeft,
        ] {
            assert_eq!(to_mouse(&at(kind)), None, "{kind:?}");
        }
    }

    #[test]
    fn minute_boundaries() {
        let wait =
            |secs: u64, nanos: u32| until_next_minute(UNIX_EPOCH + Duration::new(secs, nanos));
        // 1_800_000_000 s is a whole minute since the epoch.
        assert_eq!(wait(1_800_000_000, 0), Duration::from_secs(60));
        assert_eq!(wait(1_800_000_000, 1), Duration::new(59, 999_999_999));
        assert_eq!(wait(1_800_000_059, 999_000_000), Duration::from_millis(1));
        assert_eq!(wait(1_800_000_030, 0), Duration::from_secs(30));
        let before_1970 = UNIX_EPOCH - Duration::from_secs(5);
        assert_eq!(until_next_minute(before_1970), Duration::from_secs(60));
    }
}
