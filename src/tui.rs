//! The terminal the dashboard draws on, and putting it back on every way out: normal return,
//! error, panic, signal or a terminal that went away.
//!
//! What was switched on is recorded in one static bit set, so `restore` can run from a panic
//! hook or the signal thread without a `Tui` at hand, undoes exactly what `enter` managed to
//! do (even half-way), and does nothing the second time.

use anyhow::{ensure, Context};
use backend::Painter;
use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste};
use crossterm::terminal::{self, BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute, queue};
use ratatui::{Frame, Terminal};
use std::io::{self, IsTerminal, Write};
use std::mem::ManuallyDrop;
use std::sync::atomic::{AtomicU8, Ordering::SeqCst};
use std::sync::Once;

mod backend;

const RAW: u8 = 1;
const ALT_SCREEN: u8 = 1 << 1;
const PASTE: u8 = 1 << 2;
const MOUSE: u8 = 1 << 3;
const CURSOR_HIDDEN: u8 = 1 << 4;
/// Set between the two halves of a synchronized update, so a panic inside a draw also ends it.
const SYNC: u8 = 1 << 5;

/// The terminal modes currently switched on; zero means nothing to restore.
static ACTIVE: AtomicU8 = AtomicU8::new(0);

/// The dashboard's terminal: raw mode on the alternate screen, restored when dropped.
pub struct Tui {
    /// Dropped by hand: see `Drop for Tui`.
    terminal: ManuallyDrop<Terminal<Painter<FrameOut>>>,
    /// Size as of the last draw, for when asking the terminal fails.
    size: (u16, u16),
}

impl Tui {
    /// Switches the terminal into dashboard mode. Mouse capture only if `mouse`, so by default
    /// tmux's own selection and scrolling keep working. Keyboard enhancement is left off.
    pub fn enter(mouse: bool) -> anyhow::Result<Tui> {
        let entered = Self::switch_on(mouse);
        if entered.is_err() {
            restore();
        }
        entered
    }

    fn switch_on(mouse: bool) -> anyhow::Result<Tui> {
        ensure!(
            ACTIVE.load(SeqCst) == 0,
            "the dashboard terminal is already open"
        );
        ensure!(
            io::stdout().is_terminal(),
            "the dashboard needs a terminal on standard output"
        );
        // Each mode is marked before it is attempted: undoing one that never took is harmless,
        // missing one that half took is not.
        ACTIVE.fetch_or(RAW, SeqCst);
        terminal::enable_raw_mode().context("cannot switch the terminal to raw mode")?;
        let mut out = io::stdout();
        ACTIVE.fetch_or(ALT_SCREEN | PASTE, SeqCst);
        execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
        if mouse {
            ACTIVE.fetch_or(MOUSE, SeqCst);
            execute!(out, EnableClickMouse)?;
        }
        let mut terminal = Terminal::new(Painter::new(FrameOut::default()))?;
        ACTIVE.fetch_or(CURSOR_HIDDEN, SeqCst);
        terminal.hide_cursor()?;
        let size = terminal.size().map_or((0, 0), |s| (s.width, s.height));
        Ok(Tui {
            terminal: ManuallyDrop::new(terminal),
            size,
        })
    }

    /// Draws one frame inside a synchronized update, so terminals that support it show it at
    /// once instead of painting it row by row; the others ignore the sequences.
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> anyhow::Result<()> {
        // After a restore from elsewhere (panic in another thread, second signal) drawing
        // would paint over the user's shell.
        ensure!(
            ACTIVE.load(SeqCst) != 0,
            "the terminal has already been restored"
        );
        ACTIVE.fetch_or(SYNC, SeqCst);
        queue!(self.terminal.backend_mut(), BeginSynchronizedUpdate)?;
        let drawn = self.terminal.draw(render).map(|frame| frame.area);
        // End even when the draw failed, or the terminal would keep showing a frozen screen.
        let ended = execute!(self.terminal.backend_mut(), EndSynchronizedUpdate);
        ACTIVE.fetch_and(!SYNC, SeqCst);
        let area = drawn?;
        ended?;
        self.size = (area.width, area.height);
        Ok(())
    }

    /// Columns and rows of the terminal.
    pub fn size(&self) -> (u16, u16) {
        self.terminal
            .size()
            .map_or(self.size, |s| (s.width, s.height))
    }

    /// Wipes the screen so the next draw repaints everything (after a resize, or when tmux
    /// left debris behind). A failure here shows up again in the next draw.
    pub fn clear(&mut self) {
        let _ = self.terminal.clear();
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        // Show the cursor through ratatui, which clears its own note that the cursor is hidden;
        // otherwise its Drop shows it a second time, and when that fails (terminal gone) it
        // reports with `eprintln!`, which panics on a dead stderr.
        let hidden = ACTIVE.fetch_and(!CURSOR_HIDDEN, SeqCst) & CURSOR_HIDDEN != 0;
        let shown = hidden && self.terminal.show_cursor().is_ok();
        restore();
        if shown {
            // SAFETY: `self.terminal` is not used after this.
            unsafe { ManuallyDrop::drop(&mut self.terminal) }
        }
        // Otherwise the terminal's buffers are leaked, once, on the way out.
    }
}

/// Standard output, written once a frame. ratatui queues a frame as thousands of small writes,
/// which through `Stdout` (line-buffered, 1 KiB) each take its lock and reach the terminal in
/// a dozen pieces. Unlike a `BufWriter`, dropping it writes nothing: what a panic left half
/// queued must not land on the screen `restore` has just put back.
#[derive(Default)]
struct FrameOut {
    pending: Vec<u8>,
}

impl Write for FrameOut {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut out = io::stdout().lock();
        let written = out.write_all(&self.pending).and_then(|()| out.flush());
        self.pending.clear();
        written
    }
}

/// Puts the terminal back as it was before `Tui::enter`. Safe to call from anywhere, any
/// number of times: only the first call after an `enter` does anything. Errors are ignored,
/// since there is nothing better to do with them on the way out (and a vanished terminal
/// fails every write).
pub fn restore() {
    let modes = ACTIVE.swap(0, SeqCst);
    if modes == 0 {
        return;
    }
    let _ = write_restore(&mut io::stdout(), modes);
    if modes & RAW != 0 {
        let _ = terminal::disable_raw_mode();
    }
}

/// The escape sequences undoing `modes`, in the reverse order of `enter`.
fn write_restore(out: &mut impl Write, modes: u8) -> io::Result<()> {
    let on = |mode: u8| modes & mode != 0;
    // Queue each undo on its own so one failing does not skip the others.
    if on(SYNC) {
        let _ = queue!(out, EndSynchronizedUpdate);
    }
    if on(CURSOR_HIDDEN) {
        let _ = queue!(out, cursor::Show);
    }
    if on(MOUSE) {
        let _ = queue!(out, DisableMouseCapture);
    }
    if on(PASTE) {
        let _ = queue!(out, DisableBracketedPaste);
    }
    if on(ALT_SCREEN) {
        let _ = queue!(out, LeaveAlternateScreen);
    }
    out.flush()
}

/// Makes a panic restore the terminal before the message is printed, so the message lands on
/// the normal screen where it can be read, instead of vanishing with the alternate screen.
pub fn install_panic_hook() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// Clicks, drags and the wheel in SGR encoding. Unlike crossterm's `EnableMouseCapture` this
/// does not ask for bare motion (`?1003`), which would wake the idle dashboard every time the
/// pointer crosses the pane. `DisableMouseCapture` switches all of these off again.
struct EnableClickMouse;

impl crossterm::Command for EnableClickMouse {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1002h\x1b[?1006h")
    }

    #[cfg(windows)]
    fn execute_winapi(&self) -> io::Result<()> {
        crossterm::Command::execute_winapi(&crossterm::event::EnableMouseCapture)
    }
}

/// Blocks until the terminal hangs up and says so; `None` when it cannot watch (no terminal,
/// or a platform where this is not known to work).
///
/// crossterm 0.29's reader never reports a vanished terminal: it retries the dead descriptor
/// forever at full CPU inside `event::read` (crossterm issue #793). Polling for no events at
/// all sleeps in the kernel until only a hang-up or error can wake it: no tick, no CPU.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) fn wait_for_hangup() -> Option<String> {
    use std::os::fd::{AsFd, AsRawFd};
    use std::os::raw::{c_int, c_short, c_ulong};

    #[repr(C)]
    struct PollFd {
        fd: c_int,
        events: c_short,
        revents: c_short,
    }
    const POLLERR: c_short = 0x8;
    const POLLHUP: c_short = 0x10;
    // The standard library links libc already; `poll` saves a dependency for one call.
    unsafe extern "C" {
        fn poll(fds: *mut PollFd, nfds: c_ulong, timeout: c_int) -> c_int;
    }

    // The descriptor crossterm reads: standard input when it is a terminal, else /dev/tty.
    let stdin = io::stdin();
    let dev_tty;
    let fd = if stdin.is_terminal() {
        stdin.as_fd().as_raw_fd()
    } else {
        dev_tty = std::fs::File::open("/dev/tty").ok()?;
        dev_tty.as_raw_fd()
    };
    let mut pollfd = PollFd {
        fd,
        events: 0,
        revents: 0,
    };
    loop {
        // SAFETY: one valid `pollfd`, whose descriptor stays open for the whole call.
        let ready = unsafe { poll(&mut pollfd, 1, -1) };
        if ready < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
            continue;
        }
        // Anything but a hang-up (a poll error, POLLNVAL) means this cannot watch: give up
        // rather than risk a loop that never sleeps.
        return (ready > 0 && pollfd.revents & (POLLHUP | POLLERR) != 0)
            .then(|| "the terminal hung up".to_string());
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub(crate) fn wait_for_hangup() -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn restore_text(modes: u8) -> String {
        let mut out = Vec::new();
        write_restore(&mut out, modes).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn restore_without_enter_does_nothing_and_can_repeat() {
        // Nothing in the tests enters the terminal, so there is nothing to undo.
        restore();
        restore();
        assert_eq!(ACTIVE.load(SeqCst), 0);
    }

    #[test]
    fn restore_undoes_only_what_was_switched_on() {
        let text = restore_text(ALT_SCREEN | PASTE);
        assert!(
            text.contains("\x1b[?1049l") && text.contains("\x1b[?2004l"),
            "{text:?}"
        );
        assert!(!text.contains("?1000l") && !text.contains("?25h") && !text.contains("?2026l"));
        assert_eq!(restore_text(0), "");
    }

    #[test]
    fn restore_ends_sync_first_and_leaves_alt_screen_last() {
        let text = restore_text(ALT_SCREEN | PASTE | MOUSE | CURSOR_HIDDEN | SYNC);
        let at = |needle: &str| {
            text.find(needle)
                .unwrap_or_else(|| panic!("{needle} in {text:?}"))
        };
        assert!(at("?2026l") < at("?25h"));
        assert!(at("?25h") < at("?1000l"));
        assert!(at("?1000l") < at("?1049l") && at("?2004l") < at("?1049l"));
    }

    #[test]
    fn click_mouse_does_not_ask_for_bare_motion() {
        let mut text = String::new();
        crossterm::Command::write_ansi(&EnableClickMouse, &mut text).unwrap();
        assert!(text.contains("?1006h") && !text.contains("?1003"));
    }

    #[test]
    fn panic_hook_installs_once() {
        install_panic_hook();
        install_panic_hook();
        assert!(std::panic::catch_unwind(|| 1).is_ok());
    }
}
