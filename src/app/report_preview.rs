//! The report preview (`R` on a client): the report as the client will read it — the very
//! Markdown `rapport report` writes, from the same `report::marked` layout, so private lines,
//! private notes and call stamps are absent as they are there — and under it, set apart, what
//! a mark left out. The cursor goes from event to event; `x` (the archive key, which also
//! dismisses in the agenda) leaves the event out or puts it back, through the one store call
//! `rapport report --leave-out` makes (`report::set_left_out`), `u` takes that back, and the
//! preview is read again in place. Esc, `q` or `R` close it.

use super::scroll::Viewport;
use super::undo::Undo;
use super::{App, Env, PAGE_ROWS};
use crate::config::{Action, KeyCode, KeySpec};
use crate::model::{ClientId, EventId};
use crate::report::{self, Left};
use crate::store::StoreError;
use chrono::{Days, NaiveDate};

/// One line of the preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewLine {
    pub text: String,
    /// The event the line shows, which `x` acts on.
    pub event: Option<EventId>,
    /// Not in the report: the section listing what was left out (drawn apart).
    pub left_out: bool,
}

/// The open preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportPreview {
    pub client: ClientId,
    pub name: String,
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub lines: Vec<PreviewLine>,
    /// The line of the selected event; `None` when no line shows one.
    pub cursor: Option<usize>,
    /// The first line shown.
    pub top: usize,
}

impl ReportPreview {
    /// The event under the cursor, and whether it is one left out.
    pub fn selected(&self) -> Option<(EventId, bool)> {
        let line = &self.lines[self.cursor?];
        Some((line.event?, line.left_out))
    }

    /// The first line of each item showing an event (a note of several lines is one item).
    fn events(&self) -> impl DoubleEndedIterator<Item = usize> + '_ {
        let lines = &self.lines;
        (0..lines.len()).filter(|&i| {
            lines[i].event.is_some() && (i == 0 || lines[i - 1].event != lines[i].event)
        })
    }

    /// The cursor to the next (`forward`) or previous event line; with none there, the view
    /// scrolls a line instead, so the text after the last item can still be read.
    fn step(&mut self, forward: bool, view: Viewport) {
        let from = self.cursor;
        let next = match (forward, from) {
            (true, Some(at)) => self.events().find(|&i| i > at),
            (false, Some(at)) => self.events().rev().find(|&i| i < at),
            (_, None) => None,
        };
        match next {
            Some(at) => self.show(at, view),
            None => self.scroll(if forward { 1 } else { -1 }, view),
        }
    }

    /// The cursor on the first event, the view at the top.
    fn first(&mut self, view: Viewport) {
        self.top = 0;
        let first = self.events().next();
        if let Some(first) = first {
            self.show(first, view);
        }
    }

    /// The cursor on the last event, the view at the end.
    fn last(&mut self, view: Viewport) {
        let last = self.events().next_back();
        if let Some(last) = last {
            self.show(last, view);
        }
        self.top = view.last_top(self.lines.len());
        self.follow(false, view);
    }

    /// The cursor on line `at`, scrolled into view.
    fn show(&mut self, at: usize, view: Viewport) {
        self.cursor = Some(at);
        let rows = view.rows(PAGE_ROWS as usize);
        if at < self.top {
            self.top = at;
        } else if at >= self.top + rows {
            self.top = at + 1 - rows;
        }
        // The first item shows what is above it too: the title and the summary.
        if self.events().next() == Some(at) {
            self.top = 0;
        }
        self.top = self.top.min(view.last_top(self.lines.len()));
    }

    /// The view moved by `by` lines, never past the end; the cursor follows onto the first
    /// event line in view when it left it.
    fn scroll(&mut self, by: isize, view: Viewport) {
        let last = view.last_top(self.lines.len());
        self.top = self.top.saturating_add_signed(by).min(last);
        self.follow(by > 0, view);
    }

    /// The cursor, when the view left it, onto the first (`down`) or last item in view.
    fn follow(&mut self, down: bool, view: Viewport) {
        let rows = view.rows(PAGE_ROWS as usize);
        let shown = self.top..self.top + rows;
        if self.cursor.is_some_and(|c| !shown.contains(&c)) {
            let first = self.events().find(|i| shown.contains(i));
            let last_shown = self.events().rev().find(|i| shown.contains(i));
            self.cursor = if down { first } else { last_shown }.or(self.cursor);
        }
    }

    /// The cursor on `event` when it is still shown, else on the event line nearest to where
    /// it was (after it first: leaving items out one after another goes down the list).
    fn keep(&mut self, event: Option<EventId>, was: Option<usize>, view: Viewport) {
        let on = event.and_then(|id| (self.lines.iter()).position(|l| l.event == Some(id)));
        let near = was.and_then(|at| {
            (self.events().find(|&i| i >= at)).or_else(|| self.events().next_back())
        });
        match on.or(near).or_else(|| self.events().next()) {
            Some(at) => self.show(at, view),
            None => self.cursor = None,
        }
    }
}

impl App {
    /// `R`: the selected client's report as it would be sent, over the view.
    pub(super) fn open_report_preview(&mut self, env: &Env) -> Result<(), StoreError> {
        let Some(row) = self.current() else {
            return Ok(());
        };
        let client = row.client.id;
        let today = report::local_day(env.now);
        let since = (today.checked_sub_days(Days::new(report::DEFAULT_DAYS))).unwrap_or(today);
        let mut preview = ReportPreview {
            client,
            name: row.client.name.clone(),
            since,
            until: today,
            lines: Vec::new(),
            cursor: None,
            top: 0,
        };
        fill(&mut preview, env)?;
        preview.keep(None, None, self.viewport);
        preview.top = 0;
        self.overlays.open(preview);
        Ok(())
    }

    /// A key while the preview is on top.
    pub(super) fn report_preview_key(&mut self, key: KeySpec, env: &Env) -> Result<(), StoreError> {
        let view = self.viewport;
        let Some(preview) = self.overlays.get_mut::<ReportPreview>() else {
            return Ok(());
        };
        let closes = key.code == KeyCode::Esc || key == KeySpec::plain(KeyCode::Char('q'));
        let page = view.rows(PAGE_ROWS as usize) as isize;
        match env.config.keys.action_for(&key) {
            _ if closes => self.overlays.close::<ReportPreview>(),
            Some(Action::Back | Action::Quit | Action::ReportPreview) => {
                self.overlays.close::<ReportPreview>()
            }
            Some(Action::Down) => preview.step(true, view),
            Some(Action::Up) => preview.step(false, view),
            Some(Action::PageDown) => preview.scroll(page, view),
            Some(Action::PageUp) => preview.scroll(-page, view),
            Some(Action::Top) => preview.first(view),
            Some(Action::Bottom) => preview.last(view),
            Some(Action::Archive) => self.toggle_left_out(env)?,
            Some(Action::Undo) => {
                // Back on the event whose mark is taken back, wherever it is listed now.
                let back = match self.undo.last() {
                    Some(Undo::LeftOut { event, .. }) => Some(*event),
                    _ => None,
                };
                self.undo(env)?;
                self.refill_preview(back, env)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// The wheel over the preview: the view moves by `by` lines, the cursor following.
    pub(super) fn scroll_preview(&mut self, by: isize) {
        let view = self.viewport;
        if let Some(preview) = self.overlays.get_mut::<ReportPreview>() {
            preview.scroll(by, view);
        }
    }

    /// `x` in the preview: the selected event left out of the client's reports, or put back.
    fn toggle_left_out(&mut self, env: &Env) -> Result<(), StoreError> {
        let Some((id, left_out)) =
            (self.overlays.get::<ReportPreview>()).and_then(|p| p.selected())
        else {
            return Ok(());
        };
        let Some(event) = env.store.event(id)?.filter(|e| e.is_live()) else {
            self.message = Some(format!("{id} is no longer in the store"));
            return self.refill_preview(None, env);
        };
        let unreported = !left_out;
        if report::set_left_out(env.store, &event, unreported, env.now)? == Left::Changed {
            self.undo.record(
                Undo::LeftOut {
                    event: id,
                    unreported,
                },
                env.now,
            );
        }
        let client = event.client;
        self.message = Some(left_out_message(&event, unreported, env));
        self.refresh(&[client], env)?;
        self.refill_preview(None, env)
    }

    /// The open preview read again from the store, its cursor kept on `event` (or where it
    /// was).
    pub(super) fn refill_preview(
        &mut self,
        event: Option<EventId>,
        env: &Env,
    ) -> Result<(), StoreError> {
        let view = self.viewport;
        let Some(preview) = self.overlays.get_mut::<ReportPreview>() else {
            return Ok(());
        };
        let was = preview.cursor;
        fill(preview, env)?;
        preview.keep(event, was, view);
        Ok(())
    }
}

/// "left the call of 2026-11-20 out of Acme Oy's report · u takes it back".
pub(super) fn left_out_message(event: &crate::model::Event, unreported: bool, env: &Env) -> String {
    let what = format!(
        "the {} of {}",
        event.kind,
        report::local_day(event.at).format("%Y-%m-%d")
    );
    let undo = format!(" · {} takes it back", env.key(Action::Undo));
    match unreported {
        true => format!("left {what} out of the report{undo}"),
        false => format!("put {what} back into the report{undo}"),
    }
}

/// The preview's lines for its client and period, read from the store: the report's Markdown
/// line by line, then what was left out of it.
fn fill(preview: &mut ReportPreview, env: &Env) -> Result<(), StoreError> {
    let Some(client) = env.store.client(preview.client)? else {
        preview.lines.clear();
        return Ok(());
    };
    let read = report::preview(env.store, &client, preview.since, env.now)?;
    let signed = report::sign(read.report, &env.config.report, client.lang);
    preview.until = signed.until;
    let marked = report::marked(&signed);
    let mut lines: Vec<PreviewLine> = (marked.lines().into_iter())
        .map(|(text, event)| PreviewLine {
            text: text.to_string(),
            event,
            left_out: false,
        })
        .collect();
    if !read.left_out.is_empty() {
        let apart = |text: String, event| PreviewLine {
            text,
            event,
            left_out: true,
        };
        lines.push(apart(String::new(), None));
        let put_back = env.key(Action::Archive);
        lines.push(apart(
            format!(
                "Left out of the report ({}; not sent, {put_back} puts one back)",
                read.left_out.len()
            ),
            None,
        ));
        for e in &read.left_out {
            let text = super::undo::one_line(&report::for_the_client(&e.text));
            let day = report::local_day(e.at);
            lines.push(apart(format!("- {day} · {}: {text}", e.kind), Some(e.id)));
        }
    }
    preview.lines = lines;
    Ok(())
}

impl App {
    /// `u` after `x` in the preview: the mark set back, as another edit, unless it was changed
    /// since (from the command line), which is left as it is.
    pub(super) fn undo_left_out(
        &mut self,
        id: EventId,
        unreported: bool,
        env: &Env,
    ) -> Result<(), StoreError> {
        let Some(event) = env.store.event(id)?.filter(|e| e.is_live()) else {
            self.message = Some(format!("nothing undone: {id} is removed"));
            return Ok(());
        };
        if event.unreported != unreported {
            self.message = Some(format!("nothing undone: {id} was marked since"));
            return Ok(());
        }
        report::set_left_out(env.store, &event, !unreported, env.now)?;
        self.refresh(&[event.client], env)?;
        let what = left_out_message(&event, !unreported, env);
        let what = what.split(" · ").next().unwrap_or_default();
        self.message = Some(format!("undone: {what}"));
        Ok(())
    }
}
