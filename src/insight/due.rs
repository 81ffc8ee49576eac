//! What is due now, counted: the check-ins, promises and follow-ups the agenda lists, and the
//! birthdays and work anniversaries of the day itself, without the ones snoozed or dismissed — the one count `rapport status`, its tmux line and the dashboard's
//! status bar show, so they never disagree with the agenda.

use super::agenda::{check_in_id, is_marked, promise_id};
use super::{
    check_in, date_id, dates_coming, follow_up_id, follow_ups_due, promises_due, today, CheckIn,
    PromiseState,
};
use crate::model::{Client, ClientState, DateKind, OpenPromise, PersonDate, Summary};
use chrono::{DateTime, Utc};
use std::borrow::Borrow;

/// Promises kept by name (the most pressing); the rest are counted.
pub const LISTED: usize = 5;

/// What is due now.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Due {
    pub check_ins: Vec<(String, CheckIn)>,
    pub overdue: usize,
    pub today: usize,
    pub soon: usize,
    /// Follow-ups whose day has come (`follow:fri`), not done.
    pub follow_ups: usize,
    /// Birthdays today (the agenda lists them from a few days before; the count on the day).
    pub birthdays: usize,
    /// Work anniversaries today.
    pub anniversaries: usize,
    /// The most pressing promises (at most `LISTED`), with the client's name.
    pub first: Vec<(String, OpenPromise, PromiseState)>,
}

impl Due {
    /// Runs the agenda's own rules over each client; `list`: keep the most pressing promises
    /// (not only their numbers). Former and archived clients, and items snoozed or dismissed
    /// on the agenda, are not counted.
    ///
    /// Takes the clients owned (read from the digest) or borrowed (the dashboard's rows, counted
    /// again after each write without copying them).
    pub fn of<C: Borrow<Client>, S: Borrow<Summary>>(
        clients: impl Iterator<Item = (C, S)>,
        now: DateTime<Utc>,
        list: bool,
    ) -> Self {
        Self::with_dates(clients.map(|(c, s)| (c, s, std::iter::empty())), now, list)
    }

    /// The same, with each client's live people's yearly dates (birthdays count on the day).
    pub fn with_dates<C, S, D>(
        clients: impl Iterator<Item = (C, S, D)>,
        now: DateTime<Utc>,
        list: bool,
    ) -> Self
    where
        C: Borrow<Client>,
        S: Borrow<Summary>,
        D: IntoIterator<Item = PersonDate>,
    {
        let today = today(now);
        let mut due = Due::default();
        let key =
            |(name, p, state): &(String, OpenPromise, PromiseState)| (*state, p.due, name.clone());
        for (client, summary, dates) in clients {
            let (client, summary) = (client.borrow(), summary.borrow());
            if client.archived || client.state == ClientState::Former {
                continue;
            }
            let shown = |id: String| !is_marked(summary, &id, today);
            if let Some(check_in) = check_in(client, summary, now) {
                if shown(check_in_id(client, summary)) {
                    due.check_ins.push((client.name.clone(), check_in));
                }
            }
            for (promise, state) in promises_due(summary, today) {
                if !shown(promise_id(client, promise.event)) {
                    continue;
                }
                match state {
                    PromiseState::Overdue => due.overdue += 1,
                    PromiseState::DueToday => due.today += 1,
                    _ => due.soon += 1,
                }
                if list {
                    due.first
                        .push((client.name.clone(), promise.clone(), state));
                }
            }
            let follow_ups = follow_ups_due(summary, today);
            due.follow_ups += follow_ups
                .filter(|f| shown(follow_up_id(client, f)))
                .count();
            for coming in dates_coming(dates, today).filter(|c| c.ahead == 0) {
                if shown(date_id(client.id, &coming)) {
                    match coming.date.kind {
                        DateKind::Birthday => due.birthdays += 1,
                        DateKind::Anniversary => due.anniversaries += 1,
                    }
                }
            }
            // Keep the list short without sorting every promise of a large store at once.
            if due.first.len() > 8 * LISTED {
                due.first.sort_by_cached_key(key);
                due.first.truncate(LISTED);
            }
        }
        due.first.sort_by_cached_key(key);
        due.first.truncate(LISTED);
        due.check_ins
            .sort_by_key(|(name, c)| (-c.days_quiet.unwrap_or(i64::MAX / 2), name.clone()));
        due
    }
}

impl Due {
    /// "⚑ 3 due · 1 overdue promise", or "✓" when nothing is: `rapport status --tmux` and the
    /// dashboard's status bar.
    pub fn line(&self) -> String {
        let mut parts = Vec::new();
        if !self.check_ins.is_empty() {
            parts.push(format!("⚑ {} due", self.check_ins.len()));
        }
        if self.overdue > 0 {
            parts.push(plural(self.overdue, "overdue promise", "overdue promises"));
        }
        if self.today > 0 {
            parts.push(plural(self.today, "promise today", "promises today"));
        }
        if self.follow_ups > 0 {
            parts.push(plural(self.follow_ups, "follow-up", "follow-ups"));
        }
        if self.birthdays > 0 {
            parts.push(plural(self.birthdays, "birthday today", "birthdays today"));
        }
        if self.anniversaries > 0 {
            let (one, many) = ("work anniversary today", "work anniversaries today");
            parts.push(plural(self.anniversaries, one, many));
        }
        if parts.is_empty() {
            "✓".into()
        } else {
            parts.join(" · ")
        }
    }

    /// Nothing the line would name: no check-in due, no promise overdue or due today, no
    /// follow-up, no birthday or anniversary today.
    pub fn nothing(&self) -> bool {
        let dates = self.birthdays + self.anniversaries;
        self.check_ins.is_empty() && self.overdue + self.today + self.follow_ups + dates == 0
    }
}

/// `1 overdue promise`, `2 overdue promises`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
