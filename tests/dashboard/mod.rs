//! What the dashboard tests share: a store with the pinned clock, the process switched to UTC,
//! drawing on ratatui's `TestBackend`, and reading the buffer as a terminal shows it.

// Each test file uses only part of this.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use rapport::app::{App, Env};
use rapport::config::{Action, Config, KeyCode, KeySpec};
use rapport::store::{Reserved, Store, StoreOptions};
use rapport::store_process::StoreProcess;
use rapport::ui::{self, Look, Theme};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;
use std::cell::Cell;
use std::path::Path;
use std::sync::Once;
use tempfile::TempDir;

pub mod failing;

thread_local! {
    /// Whether this test's fixtures open their store through a store process.
    static THROUGH_PROCESS: Cell<bool> = const { Cell::new(false) };
}

/// From here on in this test (its thread), fixtures reach their store through a store
/// process, as the dashboard does: a behaviour that differs through it fails the test.
pub fn through_the_store_process() {
    THROUGH_PROCESS.set(true);
}

fn open(dir: &Path) -> Box<dyn Store> {
    let options = StoreOptions::default();
    if THROUGH_PROCESS.get() {
        let reserved = Reserved::take(dir).expect("take the store");
        let program = Path::new(env!("CARGO_BIN_EXE_rapport"));
        Box::new(StoreProcess::spawn_program(program, reserved, &options).expect("spawn"))
    } else {
        Box::new(rapport::store::open(dir, &options).expect("open store"))
    }
}

/// Each test twice: in module `bare` on the bare store, in module `process` through the
/// store process (see [`through_the_store_process`]).
#[macro_export]
macro_rules! both_stores {
    ($($(#[$meta:meta])* fn $name:ident() $body:block)*) => {
        mod bare {
            use super::*;
            $($(#[$meta])* fn $name() $body)*
        }

        mod process {
            use super::*;
            $($(#[$meta])* fn $name() {
                $crate::dashboard::through_the_store_process();
                $body
            })*
        }
    };
}

/// The moment the tests believe it is: Monday 2026-11-23, noon UTC.
pub const NOW: &str = "2026-11-23T12:00:00Z";
/// What the status bar shows instead of a temporary directory.
pub const STORE_PATH: &str = "/data/rapport";

/// A store in a temporary directory, the default config and the pinned clock. The store is
/// the bare one, or (in a test run [`through_the_store_process`]) the dashboard's real one:
/// a store process from the built binary, answering over its pipes.
pub struct Fixture {
    pub store: Box<dyn Store>,
    pub config: Config,
    pub now: DateTime<Utc>,
    // Dropped last: the store must close before its directory goes.
    _dir: TempDir,
}

impl Fixture {
    /// What the open note box holds.
    pub fn text(&self, app: &rapport::app::App) -> String {
        app.overlays
            .get::<rapport::app::capture::Capture>()
            .expect("the box is open")
            .editor
            .text()
    }

    /// The event as the store has it now.
    pub fn stored(&self, event: &rapport::model::Event) -> rapport::model::Event {
        self.store.event(event.id).unwrap().expect("stored")
    }

    /// Where the store is.
    pub fn dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    pub fn empty() -> Self {
        utc();
        let dir = tempfile::tempdir().expect("temp dir");
        let store = open(dir.path());
        let now = DateTime::parse_from_rfc3339(NOW)
            .unwrap()
            .with_timezone(&Utc);
        Fixture {
            store,
            config: Config::default(),
            now,
            _dir: dir,
        }
    }

    pub fn demo() -> Self {
        let fixture = Fixture::empty();
        rapport::demo::load(&*fixture.store, &fixture.config, fixture.now).expect("load the demo");
        fixture
    }

    pub fn env(&self) -> Env<'_> {
        Env {
            store: &*self.store,
            dir: self.dir(),
            config: &self.config,
            now: self.now,
        }
    }

    /// The dashboard as it starts, with a path that does not depend on the temp dir.
    pub fn app(&self) -> App {
        let mut app = App::load(&self.env()).expect("load the app");
        app.store_path = STORE_PATH.into();
        app
    }

    pub fn act(&self, app: &mut App, action: Action) {
        app.act(action, &self.env())
            .unwrap_or_else(|e| panic!("{action:?}: {e}"));
    }

    pub fn acts(&self, app: &mut App, actions: &[Action]) {
        for &action in actions {
            self.act(app, action);
        }
    }

    /// A key in its config spelling (`alt-enter`, `ctrl-j`, `G`) into whatever is open.
    pub fn press(&self, app: &mut App, key: &str) {
        let spec: KeySpec = key.parse().unwrap();
        app.key(spec, &self.env()).expect("key");
    }

    /// The demo with the cursor on the client aliased `alias`.
    pub fn on(&self, alias: &str) -> App {
        let mut app = self.app();
        while app.current().unwrap().client.alias.as_deref() != Some(alias) {
            let before = app.cursor;
            self.act(&mut app, Action::Down);
            assert_ne!(app.cursor, before, "no client aliased {alias}");
        }
        app
    }

    /// A key typed into the open form.
    pub fn key(&self, app: &mut App, code: KeyCode) {
        app.key(KeySpec::plain(code), &self.env())
            .expect("form key");
    }

    pub fn typed(&self, app: &mut App, text: &str) {
        for c in text.chars() {
            self.key(app, KeyCode::Char(c));
        }
    }

    pub fn draw(&self, app: &App, size: (u16, u16)) -> TestBackend {
        draw(app, &self.config, size)
    }

    /// One frame as the dashboard's loop draws it: what it showed of a scrolled text handed
    /// back to the app (`App::drawn`), for the keys after it.
    pub fn frame(&self, app: &mut App, (width, height): (u16, u16)) -> TestBackend {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        let theme = Theme::default();
        let ctx = Look {
            theme: &theme,
            keys: &self.config.keys,
        };
        let mut hits = Default::default();
        terminal
            .draw(|f| hits = ui::draw_mapped(f, app, &ctx))
            .unwrap();
        app.drawn(&hits);
        terminal.backend().clone()
    }
}

/// One frame of `app` at `width`×`height`.
pub fn draw(app: &App, config: &Config, (width, height): (u16, u16)) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let theme = Theme::default();
    let ctx = Look {
        theme: &theme,
        keys: &config.keys,
    };
    terminal.draw(|f| ui::draw(f, app, &ctx)).unwrap();
    terminal.backend().clone()
}

/// Switches the whole test process to UTC, once, before anything reads the local zone.
///
/// Every test calls this first; the `Once` makes the other test threads wait until the
/// variable is set, so nobody reads the environment while it changes.
pub fn utc() {
    static SET: Once = Once::new();
    SET.call_once(|| std::env::set_var("TZ", "UTC0"));
}

pub fn row_text(buffer: &Buffer, y: u16) -> String {
    let mut text = String::new();
    let mut skip = 0usize;
    for x in 0..buffer.area.width {
        let symbol = buffer[(x, y)].symbol();
        if skip == 0 {
            text.push_str(symbol);
            skip = rapport::width::of(symbol).max(1);
        }
        skip -= 1;
    }
    text
}

pub fn screen_text(buffer: &Buffer) -> String {
    (0..buffer.area.height)
        .map(|y| row_text(buffer, y) + "\n")
        .collect()
}

/// No cell hidden under a wide glyph holds anything but a blank: otherwise a border or a
/// letter was drawn where a CJK character or emoji already sits, and a terminal would not show it.
pub fn check_no_hidden_glyphs(buffer: &Buffer, what: &str) {
    for y in 0..buffer.area.height {
        let mut skip = 0usize;
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            if skip > 0 {
                assert_eq!(
                    symbol, " ",
                    "{what}: ({x},{y}) is hidden under a wide glyph but holds {symbol:?}"
                );
                skip -= 1;
            } else {
                skip = rapport::width::of(symbol).saturating_sub(1);
            }
        }
    }
}
