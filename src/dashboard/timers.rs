//! The only times the loop wakes without an input: the draft write once typing pauses, and the
//! call timer's next minute (and, set by the loop itself, the next step of a filtered timeline's
//! search). None is set while nothing is pending, so an idle dashboard still sleeps on its
//! channel alone.

use crate::app::{App, Env};
use chrono::{DateTime, Utc};
use std::time::{Duration, Instant};

/// How long typing must pause before the draft is written: a crash loses at most this much.
pub const DEBOUNCE: Duration = Duration::from_millis(500);

#[derive(Debug, Default)]
pub struct Timers {
    /// When the open note's draft is to be written.
    draft: Option<Instant>,
    /// The note's edit count last seen, to tell typing from other input.
    seen: u64,
}

impl Timers {
    /// After a batch of inputs: typing moves the draft write back to `DEBOUNCE` from `now`.
    pub fn after_inputs(&mut self, app: &App, now: Instant) {
        let edits = app.notes.edits();
        if edits != self.seen {
            self.seen = edits;
            self.draft = Some(now + DEBOUNCE);
        }
        if !app.unwritten() {
            self.draft = None;
        }
    }

    /// The earliest wake-up wanted, if any: `clock` is the app's time, `now` the loop's.
    pub fn deadline(&self, app: &App, clock: DateTime<Utc>, now: Instant) -> Option<Instant> {
        let call = app.next_call_minute(clock).map(|left| now + left);
        earliest(self.draft, call)
    }

    /// Woken by a deadline: writes the draft if its time came, and lets the call timer turn.
    /// Whether the screen may have changed: not when the wake-up was someone else's (the
    /// store process's pause), which must then draw nothing.
    pub fn fire(&mut self, app: &mut App, env: &Env, now: Instant) -> bool {
        let draft = self.draft.is_some_and(|at| at <= now);
        if draft {
            self.draft = None;
            app.write_draft(env);
        }
        let call = app.next_call_minute(env.now).is_some();
        app.tick_call(env.now);
        draft || call
    }
}

/// The sooner of two optional times.
pub fn earliest(a: Option<Instant>, b: Option<Instant>) -> Option<Instant> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Action, Config, KeySpec};
    use crate::model::{Client, ClientId};
    use crate::store::{SledStore, Store, StoreOptions};
    use chrono::TimeZone;
    use std::path::Path;

    fn env<'a>(store: &'a SledStore, dir: &'a Path, config: &'a Config) -> Env<'a> {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        Env {
            store,
            dir,
            config,
            now,
        }
    }

    fn typed(app: &mut App, env: &Env, text: &str) {
        for c in text.chars() {
            app.key(KeySpec::plain(crate::config::KeyCode::Char(c)), env)
                .unwrap();
        }
    }

    #[test]
    fn a_draft_is_written_once_typing_pauses_and_idle_sets_no_deadline() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::open(dir.path(), &StoreOptions::default()).unwrap();
        let config = Config::default();
        let env = env(&store, dir.path(), &config);
        let client = Client {
            id: ClientId::new_at(1),
            name: "Acme Oy".into(),
            ..Client::default()
        };
        store.put_client(&client).unwrap();
        let mut app = App::load(&env).unwrap();
        let mut timers = Timers::default();
        let t0 = Instant::now();
        timers.after_inputs(&app, t0);
        assert_eq!(timers.deadline(&app, env.now, t0), None, "idle: sleep");

        app.act(Action::Capture, &env).unwrap();
        typed(&mut app, &env, "ab");
        timers.after_inputs(&app, t0);
        assert_eq!(timers.deadline(&app, env.now, t0), Some(t0 + DEBOUNCE));
        // More typing moves the write back.
        let t1 = t0 + Duration::from_millis(300);
        typed(&mut app, &env, "c");
        timers.after_inputs(&app, t1);
        assert_eq!(timers.deadline(&app, env.now, t1), Some(t1 + DEBOUNCE));
        assert!(
            !timers.fire(&mut app, &env, t0 + DEBOUNCE),
            "nothing to draw"
        );
        assert!(store.drafts().unwrap().is_empty(), "not yet");
        assert!(
            timers.fire(&mut app, &env, t1 + DEBOUNCE),
            "the draft was written"
        );
        assert_eq!(store.drafts().unwrap()[0].text, "abc");
        timers.after_inputs(&app, t1 + DEBOUNCE);
        assert_eq!(timers.deadline(&app, env.now, t1), None, "written: sleep");
        // A key that changes nothing sets nothing.
        app.key("left".parse().unwrap(), &env).unwrap();
        timers.after_inputs(&app, t1);
        assert_eq!(timers.deadline(&app, env.now, t1), None);

        // During a call the timer's next minute is a deadline too.
        app.key("esc".parse().unwrap(), &env).unwrap();
        app.act(Action::Call, &env).unwrap();
        timers.after_inputs(&app, t1);
        assert!(
            timers.fire(&mut app, &env, t1 + DEBOUNCE),
            "the call's time shows"
        );
        timers.after_inputs(&app, t1 + DEBOUNCE);
        let later = env.now + chrono::Duration::seconds(45);
        let wake = Some(t1 + Duration::from_secs(15));
        assert_eq!(timers.deadline(&app, later, t1), wake);
    }
}
