//! What is drawn over the view and gets the input first, in one place: [`Overlay`] lists the
//! overlays topmost first, and keys ([`App::key`]), pastes ([`App::paste`]), clicks
//! (`mouse.rs`), drawing (`ui::draw_mapped`, bottom up) and the status bar's mode and hints
//! (`ui::status`) all ask [`App::overlay`] which one is on top.
//!
//! Before this module the order was written in five places:
//!
//! - `modal()`: form, filter, confirm, capture or picker, search: a set, help not in it;
//! - keys (`form_key`): search, picker, capture, filter, confirm, form; help closed by `act` or
//!   by the loop, which looked at the demo key (on the welcome screen) and Ctrl-C first;
//! - pastes: search (in the loop), then the capture box *and* the picker, the filter *and* the
//!   form (each open one got the text); help let it through;
//! - drawing, bottom up: help, form, filter, confirm, capture, picker, search;
//! - status hints: picker, capture, confirm (or a form asking to discard), form, filter, help;
//!   nothing for search, whose bar named the keys of the view beneath.
//!
//! They disagreed on filter against confirm (keys: filter first; drawing and hints: confirm),
//! on form against filter (hints: form first; keys and drawing: filter), on search (the bar
//! went on hinting the view's keys, which the popup takes as text) and on help over the
//! welcome screen (the loop gave the demo key to the screen beneath, the help staying open).
//! The order settled on is what the user sees, the drawing order:
//!
//! search, picker, capture box, confirm, filter, form, help, then the view and its key map.
//! The person overlays came later: the move's client picker under the note's, the fact box
//! under the question.

use super::{App, Env, View};
use crate::config::{Action, KeyCode, KeySpec};
use crate::store::StoreError;

/// One overlay; the variants are in precedence order, topmost first (see [`Overlay::TOP_FIRST`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Overlay {
    /// The search popup (`/`).
    Search,
    /// Choosing a note's client (`N`).
    Picker,
    /// Choosing the client a person moved to (`M`).
    MoveTo,
    /// The capture box (`n`, `c`), with its question about a new @name.
    Capture,
    /// The yes/no question (archive, remove a person or a fact).
    Confirm,
    /// The box for a personal fact (`a`, `e` in the person view).
    Fact,
    /// The timeline filter popup (`f`).
    Filter,
    /// An add or edit form, with its own "discard changes?" question.
    Form,
    /// The key list (`?`): any key closes it.
    Help,
}

impl Overlay {
    /// Every overlay, topmost first: the one order keys, pastes, clicks, drawing and the
    /// status bar follow.
    pub const TOP_FIRST: [Overlay; 9] = [
        Overlay::Search,
        Overlay::Picker,
        Overlay::MoveTo,
        Overlay::Capture,
        Overlay::Confirm,
        Overlay::Fact,
        Overlay::Filter,
        Overlay::Form,
        Overlay::Help,
    ];

    /// Whether `app` has it open.
    pub fn is_open(self, app: &App) -> bool {
        match self {
            Overlay::Search => app.search.is_some(),
            Overlay::Picker => app.notes.picker.is_some(),
            Overlay::MoveTo => app.move_to.is_some(),
            Overlay::Fact => app.fact_input.is_some(),
            Overlay::Capture => app.notes.open.is_some(),
            Overlay::Confirm => app.confirm.is_some(),
            Overlay::Filter => app.filter_form.is_some(),
            Overlay::Form => app.form.is_some(),
            Overlay::Help => app.help,
        }
    }

    /// Whether it takes every key as its own (`q` and `j` are text there), the key map not
    /// consulted. Help does not: it closes on any key, and quit also quits.
    pub fn takes_keys(self) -> bool {
        self != Overlay::Help
    }
}

impl App {
    /// The open overlays, topmost first (`.rev()` for drawing).
    pub fn overlays(&self) -> impl DoubleEndedIterator<Item = Overlay> + '_ {
        Overlay::TOP_FIRST.into_iter().filter(|o| o.is_open(self))
    }

    /// The overlay on top, which gets the input.
    pub fn overlay(&self) -> Option<Overlay> {
        self.overlays().next()
    }

    /// True while an overlay on top takes every key (the key map is not consulted).
    pub fn modal(&self) -> bool {
        self.overlay().is_some_and(Overlay::takes_keys)
    }

    /// A key from the terminal: to the overlay on top, else through the key map. All of the
    /// dashboard's key routing is here; the loop only passes keys on.
    pub fn key(&mut self, key: KeySpec, env: &Env) -> anyhow::Result<()> {
        let action = env.config.keys.action_for(&key);
        // Ctrl-C in raw mode arrives as a key, not a signal; unbound, it quits.
        let interrupt = action.is_none() && key.ctrl && key.code == KeyCode::Char('c');
        match self.overlay() {
            Some(Overlay::Help) => {
                // Help says "any key closes", unbound keys and `q` included; only Ctrl-C,
                // the reflex to get out, also quits.
                self.message = None;
                self.help = false;
                if interrupt {
                    self.ask_quit();
                }
            }
            Some(overlay) => self.overlay_key(overlay, key, env)?,
            None => match action {
                // The demo loads into an empty store only: from the welcome screen.
                Some(Action::Demo) if self.view == View::Welcome => self.load_demo(env)?,
                Some(action) => self.act(action, env)?,
                None if interrupt => self.ask_quit(),
                None => {}
            },
        }
        Ok(())
    }

    /// A key for `overlay`, which takes every key.
    fn overlay_key(&mut self, overlay: Overlay, key: KeySpec, env: &Env) -> Result<(), StoreError> {
        self.message = None;
        match overlay {
            Overlay::Search => self.search_key(key, env),
            Overlay::Picker => {
                self.now = env.now;
                self.picker_key(key, env)
            }
            Overlay::MoveTo => self.move_key(key, env),
            Overlay::Capture => self.note_key(key, env),
            Overlay::Confirm => self.confirm_key(key, env),
            Overlay::Fact => self.fact_key(key, env),
            Overlay::Filter => self.filter_key(key, env),
            Overlay::Form => self.form_key(key, env),
            Overlay::Help => Ok(()),
        }
    }

    /// Pasted text (a bracketed paste, or an input method committing a word) goes to the
    /// overlay on top; a question, help or the view has no use for it.
    pub fn paste(&mut self, text: &str, env: &Env) -> Result<(), StoreError> {
        match self.overlay() {
            Some(Overlay::Search) => return self.search_paste(text, env),
            Some(Overlay::Picker) => {
                if let Some(picker) = self.notes.picker.as_mut() {
                    picker.paste(text, &self.clients);
                }
            }
            Some(Overlay::MoveTo) => {
                if let Some(open) = self.move_to.as_mut() {
                    open.picker.paste(text, &self.clients);
                }
            }
            Some(Overlay::Fact) => {
                if let Some(open) = self.fact_input.as_mut() {
                    // A fact is one line.
                    open.input.insert(&text.replace(['\r', '\n'], " "));
                }
            }
            Some(Overlay::Capture) => self.note_paste(text, env.now),
            Some(Overlay::Filter) => {
                if let Some(form) = self.filter_form.as_mut() {
                    form.paste(text);
                    form.preview(self.now);
                }
            }
            Some(Overlay::Form) => {
                if let Some(form) = self.form.as_mut() {
                    form.paste(text);
                    // The minute's clock is close enough for a preview; saving reads the
                    // time afresh.
                    form.preview(self.now);
                }
            }
            Some(Overlay::Confirm | Overlay::Help) | None => {}
        }
        Ok(())
    }

    /// The demo key on the welcome screen: the demo workspace, loaded into the empty store.
    fn load_demo(&mut self, env: &Env) -> anyhow::Result<()> {
        let (clients, people, events) = crate::demo::load(env.store, env.config, env.now)?;
        self.reload(env)?;
        self.message = Some(format!(
            "demo loaded: {clients} clients, {people} people, {events} events"
        ));
        Ok(())
    }
}
