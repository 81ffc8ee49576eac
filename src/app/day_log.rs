//! The day's log (`L`): every client's events of today, oldest first, for the evening's
//! write-up, as `rapport log --all --since today` prints them. Read once when opened, a page
//! per client through the store's window read (`store::across_clients`), never whole
//! timelines; scrolled with the moving keys, closed with Esc, `q` or `L`.

use super::{App, Env, PAGE_ROWS};
use crate::config::{Action, KeyCode, KeySpec};
use crate::model::{ClientId, Event, Kind};
use crate::store::{across_clients, StoreError, Window};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

/// One event of the day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayRow {
    pub at: DateTime<Utc>,
    pub client: String,
    pub kind: Kind,
    pub text: String,
    pub minutes: Option<u32>,
    pub billed: bool,
    pub private: bool,
}

/// The open day log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayLog {
    pub day: NaiveDate,
    pub rows: Vec<DayRow>,
    /// The first row shown.
    pub scroll: usize,
}

impl DayLog {
    /// The minutes recorded on the day's events.
    pub fn minutes(&self) -> u32 {
        self.rows.iter().filter_map(|r| r.minutes).sum()
    }

    fn step(&mut self, by: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.scroll = self.scroll.saturating_add_signed(by).min(last);
    }
}

fn row(event: Event, client: &str) -> DayRow {
    DayRow {
        at: event.at,
        client: client.to_string(),
        kind: event.kind,
        text: event.text.replace('\n', " ⏎ "),
        minutes: event.minutes,
        billed: event.billed,
        private: event.private,
    }
}

impl App {
    /// Opens the log of today's events across clients.
    pub(super) fn open_day_log(&mut self, env: &Env) -> Result<(), StoreError> {
        let day = crate::insight::today(env.now);
        let window = Window {
            since: crate::when::start_of(day),
            until: crate::when::end_of(day),
        };
        let clients = env.store.clients()?;
        let events = across_clients(env.store, &clients, window, &|e| e.is_live())?;
        let names: HashMap<ClientId, &str> =
            (clients.iter()).map(|c| (c.id, c.name.as_str())).collect();
        let rows = (events.into_iter())
            .map(|e| {
                let client = names.get(&e.client).copied().unwrap_or_default();
                row(e, client)
            })
            .collect();
        self.overlays.open(DayLog {
            day,
            rows,
            scroll: 0,
        });
        Ok(())
    }

    /// A key while the day log is on top: it scrolls, or closes it.
    pub(super) fn day_log_key(&mut self, key: KeySpec, env: &Env) -> Result<(), StoreError> {
        let Some(log) = self.overlays.get_mut::<DayLog>() else {
            return Ok(());
        };
        let closes = key.code == KeyCode::Esc || key == KeySpec::plain(KeyCode::Char('q'));
        match env.config.keys.action_for(&key) {
            _ if closes => self.overlays.close::<DayLog>(),
            Some(Action::Back | Action::Quit | Action::DayLog) => self.overlays.close::<DayLog>(),
            Some(Action::Down) => log.step(1),
            Some(Action::Up) => log.step(-1),
            Some(Action::PageDown) => log.step(PAGE_ROWS),
            Some(Action::PageUp) => log.step(-PAGE_ROWS),
            Some(Action::Top) => log.scroll = 0,
            Some(Action::Bottom) => log.step(isize::MAX / 2),
            _ => {}
        }
        Ok(())
    }
}
