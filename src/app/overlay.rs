//! What is drawn over the view and gets the input first: a stack of [`Overlay`]s, each variant
//! owning its popup's state, as helix's compositor and gitui's popup stack do. The one opened
//! last is on top: keys ([`App::key`]), pastes ([`App::paste`]) and clicks (`mouse.rs`) go to
//! it, and the view draws the stack bottom up (`ui/overlay.rs`, which also gives each variant
//! its status-bar mode and hints). Overlays nest where one opens another: a question over the
//! filter popup, the client picker over a note, the filter over a form.
//!
//! Before, each popup was a field of `App` and the order among them was written in five places
//! that disagreed (which one `modal()` counted, the key order, the paste order, the drawing
//! order, the status hints); then in one fixed precedence list. A stack needs no list: what
//! was opened last is what the user sees on top.
//!
//! The loop's special keys live here too: the demo key on the welcome screen, Ctrl-C (which
//! arrives as a key in raw mode) and closing the help.

use super::agenda::MarkInput;
use super::capture::Capture;
use super::day_log::DayLog;
use super::editing::Confirm;
use super::filter::FilterForm;
use super::form::Form;
use super::people::{FactInput, MoveTo};
use super::picker::NotePicker;
use super::report_preview::ReportPreview;
use super::search_popup::Search;
use super::{App, Env, View};
use crate::config::{Action, KeyCode, KeySpec};
use crate::store::StoreError;

/// The key list (`?`): it holds nothing but its being open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Help;

/// Declares the overlays once: the enum owning each one's state, the kinds naming them and the
/// typed access the stack gives (`get::<Form>()`).
macro_rules! overlays {
    ($($(#[$doc:meta])* $kind:ident($state:ty),)*) => {
        /// One open popup and its state.
        // The capture box (its editor and undo history) dwarfs the others; a stack of a few
        // of them is not worth a box around it and a `Box<Capture>` for every caller.
        #[allow(clippy::large_enum_variant)]
        #[derive(Debug)]
        pub enum Overlay {
            $($(#[$doc])* $kind($state),)*
        }

        /// Which overlay, without its state (for tests and the status bar).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Kind {
            $($(#[$doc])* $kind,)*
        }

        impl Overlay {
            pub fn kind(&self) -> Kind {
                match self {
                    $(Overlay::$kind(_) => Kind::$kind,)*
                }
            }
        }

        $(impl Layer for $state {
            fn of(overlay: &Overlay) -> Option<&Self> {
                match overlay {
                    Overlay::$kind(state) => Some(state),
                    #[allow(unreachable_patterns)]
                    _ => None,
                }
            }

            fn of_mut(overlay: &mut Overlay) -> Option<&mut Self> {
                match overlay {
                    Overlay::$kind(state) => Some(state),
                    #[allow(unreachable_patterns)]
                    _ => None,
                }
            }

            fn into_overlay(self) -> Overlay {
                Overlay::$kind(self)
            }

            fn from_overlay(overlay: Overlay) -> Option<Self> {
                match overlay {
                    Overlay::$kind(state) => Some(state),
                    #[allow(unreachable_patterns)]
                    _ => None,
                }
            }
        })*
    };
}

overlays! {
    /// The search popup (`/`).
    Search(Search),
    /// Choosing a note's client (`N`), or an unfiled note's.
    Picker(NotePicker),
    /// Choosing the client a person moved to (`M`).
    MoveTo(MoveTo),
    /// The capture box (`n`, `c`), with its question about a new @name.
    Capture(Capture),
    /// The yes/no question (archive, remove, discard a draft, quit).
    Confirm(Confirm),
    /// The box for a personal fact (`a`, `e` in the person view).
    Fact(FactInput),
    /// How long to snooze, or why to dismiss, an agenda item (`z`, `x` in the agenda).
    Mark(MarkInput),
    /// The timeline filter popup (`f`).
    Filter(FilterForm),
    /// An add or edit form, with its own "discard changes?" question.
    Form(Form),
    /// The key list (`?`): any key closes it.
    Help(Help),
    /// Today's events across clients (`L`).
    DayLog(DayLog),
    /// The selected client's report as it would be sent (`R`).
    ReportPreview(ReportPreview),
}

/// The state of one kind of overlay: how the stack finds it by type.
pub trait Layer: Sized {
    fn of(overlay: &Overlay) -> Option<&Self>;
    fn of_mut(overlay: &mut Overlay) -> Option<&mut Self>;
    fn into_overlay(self) -> Overlay;
    fn from_overlay(overlay: Overlay) -> Option<Self>;
}

impl Kind {
    /// Whether it takes every key as its own (`q` and `j` are text there), the key map not
    /// consulted. Help does not: it closes on any key.
    pub fn takes_keys(self) -> bool {
        self != Kind::Help
    }
}

/// The open overlays, bottom first.
#[derive(Debug, Default)]
pub struct Overlays(Vec<Overlay>);

impl Overlays {
    /// The one on top, which gets the input.
    pub fn top(&self) -> Option<&Overlay> {
        self.0.last()
    }

    /// Bottom first, the order they are drawn in.
    pub fn bottom_up(&self) -> impl Iterator<Item = &Overlay> {
        self.0.iter()
    }

    /// The open kinds, topmost first.
    pub fn kinds(&self) -> impl Iterator<Item = Kind> + '_ {
        self.0.iter().rev().map(Overlay::kind)
    }

    pub fn get<T: Layer>(&self) -> Option<&T> {
        self.0.iter().rev().find_map(T::of)
    }

    pub fn get_mut<T: Layer>(&mut self) -> Option<&mut T> {
        self.0.iter_mut().rev().find_map(T::of_mut)
    }

    pub fn is_open<T: Layer>(&self) -> bool {
        self.get::<T>().is_some()
    }

    /// Opens `state` on top; one of its kind already open is replaced (and so moves up).
    pub fn open<T: Layer>(&mut self, state: T) {
        self.close::<T>();
        self.0.push(state.into_overlay());
    }

    /// Closes the overlay of type `T` and hands back its state.
    pub fn take<T: Layer>(&mut self) -> Option<T> {
        let at = self.0.iter().rposition(|o| T::of(o).is_some())?;
        T::from_overlay(self.0.remove(at))
    }

    /// Closes the overlay of type `T`, if open.
    pub fn close<T: Layer>(&mut self) {
        self.take::<T>();
    }
}

impl App {
    /// The kind of the overlay on top, which gets the input.
    pub fn overlay(&self) -> Option<Kind> {
        self.overlays.top().map(Overlay::kind)
    }

    /// True while an overlay on top takes every key (the key map is not consulted).
    pub fn modal(&self) -> bool {
        self.overlay().is_some_and(Kind::takes_keys)
    }

    /// A key from the terminal: to the overlay on top, else through the key map. All of the
    /// dashboard's key routing is here; the loop only passes keys on.
    pub fn key(&mut self, key: KeySpec, env: &Env) -> anyhow::Result<()> {
        let action = env.config.keys.action_for(&key);
        // Ctrl-C in raw mode arrives as a key, not a signal; unbound, it quits.
        let interrupt = action.is_none() && key.ctrl && key.code == KeyCode::Char('c');
        match self.overlay() {
            Some(Kind::Help) => {
                // Help says "any key closes", unbound keys and `q` included; only Ctrl-C,
                // the reflex to get out, also quits.
                self.message = None;
                self.overlays.close::<Help>();
                if interrupt {
                    self.ask_quit();
                }
            }
            Some(kind) => self.overlay_key(kind, key, env)?,
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

    /// A key for the overlay on top, of `kind`, which takes every key.
    fn overlay_key(&mut self, kind: Kind, key: KeySpec, env: &Env) -> Result<(), StoreError> {
        self.message = None;
        match kind {
            Kind::Search => self.search_key(key, env),
            Kind::Picker => {
                self.now = env.now;
                self.picker_key(key, env)
            }
            Kind::MoveTo => self.move_key(key, env),
            Kind::Capture => self.note_key(key, env),
            Kind::Confirm => self.confirm_key(key, env),
            Kind::Fact => self.fact_key(key, env),
            Kind::Mark => self.mark_key(key, env),
            Kind::Filter => self.filter_key(key, env),
            Kind::Form => self.form_key(key, env),
            Kind::DayLog => self.day_log_key(key, env),
            Kind::ReportPreview => self.report_preview_key(key, env),
            Kind::Help => Ok(()),
        }
    }

    /// Pasted text (a bracketed paste, or an input method committing a word) goes to the
    /// overlay on top; a question, help or the view has no use for it.
    pub fn paste(&mut self, text: &str, env: &Env) -> Result<(), StoreError> {
        let now = self.now;
        let clients = &self.clients;
        match self.overlays.0.last_mut() {
            Some(Overlay::Search(_)) => return self.search_paste(text, env),
            Some(Overlay::Capture(_)) => self.note_paste(text, env.now),
            Some(Overlay::Picker(open)) => open.picker.paste(text, clients),
            Some(Overlay::MoveTo(open)) => open.picker.paste(text, clients),
            // A fact is one line.
            Some(Overlay::Fact(open)) => open.input.insert(&text.replace(['\r', '\n'], " ")),
            Some(Overlay::Mark(_)) => self.mark_paste(text, now),
            Some(Overlay::Filter(form)) => {
                form.paste(text);
                form.preview(now);
            }
            Some(Overlay::Form(form)) => {
                form.paste(text);
                // The minute's clock is close enough for a preview; saving reads the time
                // afresh.
                form.preview(now);
            }
            Some(
                Overlay::Confirm(_)
                | Overlay::Help(_)
                | Overlay::DayLog(_)
                | Overlay::ReportPreview(_),
            )
            | None => {}
        }
        Ok(())
    }

    /// The demo key on the welcome screen: the demo workspace, loaded into the empty store.
    fn load_demo(&mut self, env: &Env) -> anyhow::Result<()> {
        let counts = crate::demo::load(env.store, env.config, env.now)?;
        self.reload(env)?;
        self.message = Some(format!("demo loaded: {counts}"));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::editing::Confirmed;

    fn question(text: &str) -> Confirm {
        Confirm {
            question: text.into(),
            action: Confirmed::Quit,
        }
    }

    #[test]
    fn the_last_opened_is_on_top_and_reopening_moves_it_up() {
        let mut stack = Overlays::default();
        stack.open(Search::default());
        stack.open(question("first?"));
        stack.open(Help);
        assert_eq!(
            stack.kinds().collect::<Vec<_>>(),
            [Kind::Help, Kind::Confirm, Kind::Search]
        );
        // One of a kind at a time: opening again replaces it, on top.
        stack.open(question("second?"));
        assert_eq!(
            stack.kinds().collect::<Vec<_>>(),
            [Kind::Confirm, Kind::Help, Kind::Search]
        );
        assert_eq!(stack.get::<Confirm>().unwrap().question, "second?");
        assert_eq!(stack.take::<Confirm>().unwrap().question, "second?");
        assert!(!stack.is_open::<Confirm>() && stack.take::<Confirm>().is_none());
        stack.close::<Search>();
        assert_eq!(stack.kinds().collect::<Vec<_>>(), [Kind::Help]);
    }
}
