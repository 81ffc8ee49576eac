//! `z` and `x` on the selected agenda item: snoozed for a while or dismissed with a reason,
//! asked in a one-line box over the agenda; `d` on a follow-up: done, at once. The note written is the one `rapport agenda
//! --snooze` / `--dismiss` writes (`insight::mark_note`), so the item leaves the list (and the
//! counts) as soon as the store has it, and `u` takes the note back.

use super::super::form::TextInput;
use super::super::undo::{quote, Undo};
use super::super::{App, Env};
use crate::config::{Action, KeyCode, KeySpec};
use crate::insight::{self, AgendaItem, Mark};
use crate::model::{Event, EventId};
use crate::store::StoreError;
use chrono::{DateTime, Utc};

/// What Tab offers in the snooze box, in turn.
pub const SNOOZES: [&str; 4] = ["1d", "3d", "1w", "2w"];

/// Which question the box asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asking {
    /// How long (`3d`, `mon`, a date).
    Snooze,
    /// Why (kept in the note's text).
    Dismiss,
}

/// The box asking how long to snooze, or why to dismiss, the item it was opened on.
#[derive(Clone, Debug)]
pub struct MarkInput {
    pub item: AgendaItem,
    pub asking: Asking,
    /// Written by the update step, so the view only prints them.
    pub title: String,
    /// What the text reads as ("through Mon 30 Nov"), or why it does not read.
    pub preview: String,
    pub input: TextInput,
}

/// What `u` needs to take a mark back: the note, and a few words naming the item.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkUndo {
    pub note: EventId,
    pub item: String,
    pub title: String,
    /// What the note did, for the message: "snooze", "dismissal", "done mark".
    pub what: &'static str,
}

impl MarkInput {
    /// The preview for what is typed now.
    fn read(&mut self, now: DateTime<Utc>) {
        let text = self.input.text().trim();
        self.preview = match self.asking {
            Asking::Snooze if text.is_empty() => {
                format!("Tab: {} · or mon, 2026-12-30", SNOOZES.join(" "))
            }
            Asking::Snooze => match insight::snooze_until(text, now, insight::today(now)) {
                Ok(day) => format!("off the agenda through {}", day.format("%a %-d %b %Y")),
                Err(e) => e.to_string(),
            },
            Asking::Dismiss => "the reason stays in the timeline, private".into(),
        };
    }

    /// Tab: the next of the usual snoozes after the one in the box.
    fn next_snooze(&mut self) {
        let at = SNOOZES.iter().position(|s| *s == self.input.text().trim());
        let next = at.map_or(0, |i| (i + 1) % SNOOZES.len());
        self.input = TextInput::new(SNOOZES[next]);
    }
}

impl App {
    /// `z` / `x` in the agenda: the box for the selected item, or why it cannot be marked.
    pub(in crate::app) fn ask_mark(&mut self, asking: Asking, now: DateTime<Utc>) {
        let Some(agenda) = self.agenda.as_ref() else {
            return;
        };
        let Some(item) = agenda.current().cloned() else {
            self.message = Some(
                "an unfiled note is not an agenda item: Enter assigns it to a client, x drops it"
                    .into(),
            );
            return;
        };
        if let Some(n) = item.more {
            self.message = Some(format!(
                "this line stands for {n} more items: `rapport agenda --all` lists each with its id"
            ));
            return;
        }
        if item.client.is_none() {
            self.message = Some(insight::MarkError::Practice(item.id).to_string());
            return;
        }
        let verb = match asking {
            Asking::Snooze => "Snooze",
            Asking::Dismiss => "Dismiss",
        };
        let question = match asking {
            Asking::Snooze => "for how long?",
            Asking::Dismiss => "why?",
        };
        let mut open = MarkInput {
            title: format!(" {verb} {}: {question} ", quote(&item.title)),
            item,
            asking,
            preview: String::new(),
            input: TextInput::new(""),
        };
        open.read(now);
        self.overlays.open(open);
    }

    /// A key while the box is open: Enter marks, Esc cancels, Tab (snooze) offers the usual
    /// durations, the rest edits.
    pub(in crate::app) fn mark_key(&mut self, key: KeySpec, env: &Env) -> Result<(), StoreError> {
        let Some(open) = self.overlays.get_mut::<MarkInput>() else {
            return Ok(());
        };
        let input = &mut open.input;
        match key.code {
            KeyCode::Esc => {
                self.cancel_mark();
                return Ok(());
            }
            KeyCode::Char('c') if key.ctrl => {
                self.cancel_mark();
                return Ok(());
            }
            KeyCode::Enter => return self.save_mark(env),
            _ if key.ctrl || key.alt => {}
            KeyCode::Tab if open.asking == Asking::Snooze => open.next_snooze(),
            code => {
                input.edit(code);
            }
        }
        open.read(env.now);
        Ok(())
    }

    /// Pasted text: one line into the box.
    pub(in crate::app) fn mark_paste(&mut self, text: &str, now: DateTime<Utc>) {
        if let Some(open) = self.overlays.get_mut::<MarkInput>() {
            open.input.insert(&text.replace(['\r', '\n'], " "));
            open.read(now);
        }
    }

    fn cancel_mark(&mut self) {
        self.overlays.close::<MarkInput>();
        self.message = Some("cancelled: the item stays on the agenda".into());
    }

    /// Enter: the mark note written; input that does not read keeps the box open and says why.
    fn save_mark(&mut self, env: &Env) -> Result<(), StoreError> {
        let Some(open) = self.overlays.get::<MarkInput>() else {
            return Ok(());
        };
        let text = open.input.text().trim();
        let mark = match open.asking {
            Asking::Snooze if text.is_empty() => {
                self.message = Some(format!(
                    "type how long (3d, mon, 2026-12-30), or Tab for {}",
                    SNOOZES.join(", ")
                ));
                return Ok(());
            }
            Asking::Snooze => match insight::snooze_until(text, env.now, insight::today(env.now)) {
                Ok(day) => Mark::Snooze(day),
                Err(e) => {
                    self.message = Some(e.to_string());
                    return Ok(());
                }
            },
            Asking::Dismiss => Mark::Dismiss(text.to_string()),
        };
        let item = open.item.clone();
        let note = match insight::mark_note(&item, &mark, env.now) {
            Ok(note) => note,
            Err(insight::MarkError::NoReason) => {
                self.message = Some("type the reason (it stays in the timeline), or Esc".into());
                return Ok(());
            }
            Err(e) => {
                self.overlays.close::<MarkInput>();
                self.message = Some(e.to_string());
                return Ok(());
            }
        };
        if let Err(e) = env.store.add_event(&note, env.now) {
            // The box stays open with the text: nothing typed is lost.
            self.message = Some(format!("not saved: {e}"));
            return Ok(());
        }
        self.overlays.close::<MarkInput>();
        self.record_mark(item, &mark, &note, env)
    }

    /// `d` on a follow-up: closed at once by the note `rapport agenda --done` writes.
    pub(in crate::app) fn mark_done(&mut self, env: &Env) -> Result<(), StoreError> {
        let Some(item) = self.agenda.as_ref().and_then(|a| a.current()).cloned() else {
            return Ok(());
        };
        let note = match insight::mark_note(&item, &Mark::Done, env.now) {
            Ok(note) => note,
            Err(insight::MarkError::NotFollowUp(_)) => {
                let (z, x) = (env.key(Action::Snooze), env.key(Action::Archive));
                self.message = Some(format!(
                    "only a follow-up is done; {z} snoozes this item, {x} dismisses it"
                ));
                return Ok(());
            }
            Err(e) => {
                self.message = Some(e.to_string());
                return Ok(());
            }
        };
        if let Err(e) = env.store.add_event(&note, env.now) {
            self.message = Some(format!("not saved: {e}"));
            return Ok(());
        }
        self.record_mark(item, &Mark::Done, &note, env)
    }

    /// After a mark note is saved: the item leaves, the message says so, `u` can take it back.
    fn record_mark(
        &mut self,
        item: AgendaItem,
        mark: &Mark,
        note: &Event,
        env: &Env,
    ) -> Result<(), StoreError> {
        self.refresh(&[note.client], env)?;
        self.message = Some(marked(&item, mark, &env.key(Action::Undo)));
        let what = match mark {
            Mark::Snooze(_) => "snooze",
            Mark::Dismiss(_) => "dismissal",
            Mark::Done => "done mark",
        };
        let undo = MarkUndo {
            note: note.id,
            item: item.id,
            title: item.title,
            what,
        };
        self.undo.record(Undo::AgendaMark(undo), env.now);
        Ok(())
    }

    /// `u` after `z` or `x`: the mark note becomes a tombstone and the item is back.
    pub(in crate::app) fn unmark(&mut self, undo: MarkUndo, env: &Env) -> Result<(), StoreError> {
        let what = undo.what;
        let Some(mut note) = env.store.event(undo.note)?.filter(Event::is_live) else {
            self.message = Some(format!(
                "nothing undone: the {what} note is removed already"
            ));
            return Ok(());
        };
        note.deleted = Some(env.now);
        env.store.save_events(&[], &[note.clone()], env.now)?;
        self.refresh(&[note.client], env)?;
        self.message = Some(format!(
            "took back the {what} of {}: {} is on the agenda again",
            undo.item,
            quote(&undo.title)
        ));
        Ok(())
    }
}

/// `snoozed 9NV1DS7 until Monday 30 November: Check in with Beta AB (u takes it back)`.
fn marked(item: &AgendaItem, mark: &Mark, undo: &str) -> String {
    let title = quote(&item.title);
    match mark {
        Mark::Snooze(day) => format!(
            "snoozed {} until {}: {title} ({undo} takes it back)",
            item.id,
            day.format("%A %-d %B")
        ),
        Mark::Dismiss(_) => format!(
            "dismissed {}: {title}, the reason kept in the timeline ({undo} takes it back)",
            item.id
        ),
        Mark::Done => format!("done {}: {title} ({undo} takes it back)", item.id),
    }
}
