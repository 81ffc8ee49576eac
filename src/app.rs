//! The dashboard's state and how actions change it. The update step may read the store and is
//! given the time; the view (`ui`) only renders what is prepared here.

pub mod agenda;
mod archive;
mod brief;
pub mod capture;
pub mod day_log;
mod editing;
pub mod filter;
pub mod form;
pub mod mouse;
pub mod overlay;
pub mod people;
pub mod picker;
mod promise;
mod quit;
mod removal;
pub mod report_preview;
pub mod rows;
pub mod scroll;
pub mod search_popup;
pub mod timeline;
pub mod undo;
mod unfiled;

use crate::config::{Action, Config};
use crate::model::{Client, ClientId, Person, PersonDate, PersonId, Summary};
use crate::store::{Overview, Store, StoreError};
pub use agenda::Agenda;
use chrono::{DateTime, Utc};
pub use editing::{Confirm, Confirmed};
pub use overlay::Overlay;
use rows::{ClientRow, PersonRow, Sort};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use timeline::Timeline;

/// Which pane has the keyboard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pane {
    #[default]
    Clients,
    People,
    Timeline,
}

impl Pane {
    fn next(self) -> Self {
        match self {
            Pane::Clients => Pane::People,
            Pane::People => Pane::Timeline,
            Pane::Timeline => Pane::Clients,
        }
    }

    fn prev(self) -> Self {
        self.next().next()
    }
}

/// What fills the screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// An empty store: offer the demo or a first client.
    Welcome,
    #[default]
    Browse,
    ClientDetail,
    PersonDetail,
    /// Everything to do, across clients (`A`).
    Agenda,
}

/// Everything known about the selected client.
#[derive(Debug, Default)]
pub struct Selected {
    pub people: Vec<PersonRow>,
    pub person_cursor: usize,
    /// The client's coverage gaps, said plainly ("no manager contact in 90 days").
    pub gaps: Vec<String>,
    pub names: HashMap<PersonId, String>,
    /// The fact under the person view's cursor, counted as shown (newest first).
    pub fact_cursor: usize,
    pub timeline: Timeline,
    pub chart: Vec<f64>,
}

/// The dashboard.
#[derive(Debug)]
pub struct App {
    pub view: View,
    pub focus: Pane,
    pub sort: Sort,
    pub clients: Vec<ClientRow>,
    pub cursor: usize,
    pub selected: Selected,
    pub now: DateTime<Utc>,
    /// Where the store is, as shown (`~/.local/share/rapport`).
    pub store_path: String,
    pub message: Option<String>,
    pub quit: bool,
    /// The popups open over the view, the last opened on top (`overlay.rs`): forms, the
    /// filter, questions, the capture box, pickers, search, help.
    pub overlays: overlay::Overlays,
    /// The capture box's drafts (`capture.rs`); the open box is an overlay.
    pub notes: capture::Notes,
    /// What `u` takes back (`undo.rs`).
    pub undo: undo::History,
    /// The open agenda view's items; `None` while it is closed.
    pub agenda: Option<Agenda>,
    /// Notes typed where no client could be found for them (`unfiled.rs`).
    pub unfiled: Vec<crate::model::Unfiled>,
    /// Archived clients are listed too (marked), to be restored (`.` toggles).
    pub show_archived: bool,
    /// The clients pane keeps its order after a write (a note moves its client down the
    /// attention order) until the selection moves: the row stays under the cursor, and the
    /// next move lands where the user looked.
    unsorted: bool,
    /// What is due across clients, as `rapport status` counts it: counted again when the rows
    /// or the clock change, never per frame.
    pub due: crate::insight::Due,
    /// Each client's live people's birthdays and anniversaries, for `due` (read with the
    /// rows: all at a reload, a client's again when it is refreshed).
    dates: HashMap<ClientId, Vec<PersonDate>>,
    /// Active clients against capacity, counted with `due` (the clients pane's title says
    /// when there are too many, or several woke up at once).
    pub capacity: crate::insight::Capacity,
    rules: crate::insight::Rules,
    half_life: f64,
    /// What the last frame showed of its scrolled text (`scroll.rs`).
    pub viewport: scroll::Viewport,
    /// The client detail's first line shown.
    pub detail_top: usize,
}

/// `path` with the home directory written as `~`.
fn home_relative(path: &Path) -> String {
    match std::env::var_os("HOME").map(PathBuf::from) {
        Some(home) if !home.as_os_str().is_empty() && path.starts_with(&home) => {
            format!("~/{}", path.strip_prefix(&home).unwrap_or(path).display())
        }
        _ => path.display().to_string(),
    }
}

/// What the update step may use.
pub struct Env<'a> {
    pub store: &'a dyn Store,
    /// Where the store was opened (the status bar shows it; the overview file goes there).
    pub dir: &'a Path,
    pub config: &'a Config,
    pub now: DateTime<Utc>,
}

impl Env<'_> {
    /// The first key bound to `action`, as the help shows it (for hints in messages).
    pub fn key(&self, action: Action) -> String {
        self.config
            .keys
            .get(action)
            .first()
            .map_or_else(|| action.as_str().to_string(), ToString::to_string)
    }
}

/// Rows a page key moves.
const PAGE_ROWS: isize = 10;

impl App {
    /// Loads the clients (from their maintained summaries) and the first one's details.
    pub fn load(env: &Env) -> Result<Self, StoreError> {
        let mut app = App::blank(env);
        app.reload(env)?;
        Ok(app)
    }

    /// The first frame's state, from the overview file: every client placed by its sort key,
    /// and in full only the rows a screen of `rows` lines can show around the client looked
    /// at last. Only drawn, never acted on: the loop starts once the store is open.
    pub fn early(overview: &Overview, env: &Env, rows: usize) -> Result<Self, StoreError> {
        let mut app = App::blank(env);
        let half_life = app.half_life;
        app.clients = (overview.sketches().into_iter())
            .map(|(client, summary)| ClientRow::new(client, summary, env.now, half_life))
            .collect();
        app.sort.apply(&mut app.clients);
        let focus = (overview.focus)
            .and_then(|id| app.clients.iter().position(|r| r.client.id == id))
            .unwrap_or(0);
        // A pane shows the cursor's row and at most `rows - 1` above it (`ui::offset_for`),
        // or the first `rows` when the cursor is near the top.
        let end = (focus.max(rows) + 1).min(app.clients.len());
        let mut in_full = 0;
        for row in &mut app.clients[focus.saturating_sub(rows)..end] {
            if let Some((client, summary)) = overview.client_in_full(row.client.id) {
                *row = ClientRow::new(client, summary, env.now, half_life);
                in_full += 1;
            }
        }
        let keep = app.clients.get(focus).map(|r| r.client.id);
        app.place_rows(keep, env)?;
        // A sketch keeps only a client's earliest due promise, so a count over sketches would
        // be too low (1,308 overdue where the store says 13,655 at a million events): the
        // status bar says nothing of what is due until the store's rows are in.
        if in_full < app.clients.len() {
            app.due = crate::insight::Due::default();
        }
        Ok(app)
    }

    fn blank(env: &Env) -> Self {
        App {
            view: View::Browse,
            focus: Pane::Clients,
            sort: Sort::default(),
            clients: Vec::new(),
            cursor: 0,
            selected: Selected::default(),
            now: env.now,
            store_path: home_relative(env.dir),
            message: None,
            quit: false,
            overlays: overlay::Overlays::default(),
            notes: capture::Notes::default(),
            undo: undo::History::default(),
            agenda: None,
            unfiled: Vec::new(),
            show_archived: false,
            unsorted: false,
            due: crate::insight::Due::default(),
            dates: HashMap::new(),
            capacity: crate::insight::Capacity::default(),
            rules: crate::insight::Rules::from_config(env.config),
            half_life: env.config.half_life_days(),
            viewport: scroll::Viewport::default(),
            detail_top: 0,
        }
    }

    /// Re-reads the clients pane, keeping the selection on the same client.
    pub fn reload(&mut self, env: &Env) -> Result<(), StoreError> {
        let keep = self.current().map(|r| r.client.id);
        self.now = env.now;
        self.clients = self.read_rows(None, env)?;
        self.dates.clear();
        for person in env.store.people(None)?.iter().filter(|p| p.is_live()) {
            let theirs = self.dates.entry(person.client).or_default();
            theirs.extend(person.dates());
        }
        self.load_unfiled(env)?;
        self.place_rows(keep, env)
    }

    /// Re-reads only the rows of `ids`, after a write that touched those clients: the other
    /// clients of a large store are left as they are. Rows already listed stay where they
    /// are (see `unsorted`); a client new to the list is sorted in.
    pub fn refresh(&mut self, ids: &[ClientId], env: &Env) -> Result<(), StoreError> {
        let keep = self.current().map(|r| r.client.id);
        self.now = env.now;
        let mut fresh = self.read_rows(Some(ids), env)?;
        for &id in ids {
            let people = env.store.people(Some(id))?;
            let live = people.iter().filter(|p| p.is_live());
            self.dates
                .insert(id, live.flat_map(Person::dates).collect());
        }
        self.clients.retain_mut(|row| {
            if !ids.contains(&row.client.id) {
                return true;
            }
            let at = fresh.iter().position(|f| f.client.id == row.client.id);
            // Archived (or gone): the row leaves the list.
            at.map(|at| *row = fresh.swap_remove(at)).is_some()
        });
        if !fresh.is_empty() {
            self.clients.extend(fresh);
            return self.place_rows(keep, env);
        }
        self.unsorted = true;
        self.cursor = keep
            .and_then(|id| self.clients.iter().position(|r| r.client.id == id))
            .unwrap_or(0)
            .min(self.clients.len().saturating_sub(1));
        self.show_rows(env)
    }

    /// The rows of the listed clients (`None`: all), archived ones left out.
    fn read_rows(&self, ids: Option<&[ClientId]>, env: &Env) -> Result<Vec<ClientRow>, StoreError> {
        let clients = match ids {
            None => env.store.clients()?,
            Some(ids) => {
                let mut found = Vec::with_capacity(ids.len());
                for &id in ids {
                    found.extend(env.store.client(id)?);
                }
                found
            }
        };
        let clients: Vec<Client> = (clients.into_iter())
            .filter(|c| self.show_archived || !c.archived)
            .collect();
        let ids: Vec<ClientId> = clients.iter().map(|c| c.id).collect();
        let summaries = env.store.summaries(&ids)?;
        Ok(clients
            .into_iter()
            .zip(summaries)
            .map(|(client, summary)| ClientRow::new(client, summary, env.now, self.half_life))
            .collect())
    }

    /// Sorts the rows, puts the cursor back on `keep` and reloads what hangs on the cursor.
    fn place_rows(&mut self, keep: Option<ClientId>, env: &Env) -> Result<(), StoreError> {
        self.sort.apply(&mut self.clients);
        self.unsorted = false;
        self.cursor = keep
            .and_then(|id| self.clients.iter().position(|r| r.client.id == id))
            .unwrap_or(0);
        self.show_rows(env)
    }

    /// The view that fits the rows (the welcome screen when there are none), what hangs on
    /// the cursor, and the agenda.
    fn show_rows(&mut self, env: &Env) -> Result<(), StoreError> {
        self.count_nudges();
        self.view = if self.clients.is_empty() {
            View::Welcome
        } else if self.view == View::Welcome {
            View::Browse
        } else {
            self.view
        };
        self.select(env)?;
        self.reload_agenda(env)
    }

    /// Puts the cursor on row `at`, sorting first when a write left the order as it was
    /// (the client on row `at` is the one selected, wherever the sort puts it).
    fn move_to_row(&mut self, at: usize, env: &Env) -> Result<(), StoreError> {
        let Some(id) = self.clients.get(at).map(|r| r.client.id) else {
            return Ok(());
        };
        if self.unsorted {
            self.sort.apply(&mut self.clients);
            self.unsorted = false;
        }
        self.cursor = (self.clients.iter().position(|r| r.client.id == id)).unwrap_or(0);
        // Another client's detail starts at its top.
        self.detail_top = 0;
        self.select(env)
    }

    /// Puts the cursor on client `id` (the one looked at last time), if it is listed.
    pub fn focus_client(&mut self, id: ClientId, env: &Env) -> Result<(), StoreError> {
        match self.clients.iter().position(|r| r.client.id == id) {
            Some(i) if i != self.cursor => self.move_to_row(i, env),
            _ => Ok(()),
        }
    }

    pub fn current(&self) -> Option<&ClientRow> {
        self.clients.get(self.cursor)
    }

    /// Loads people, timeline and chart for the client under the cursor.
    fn select(&mut self, env: &Env) -> Result<(), StoreError> {
        let Some(row) = self.current() else {
            self.selected = Selected::default();
            return Ok(());
        };
        let (id, summary): (ClientId, Summary) = (row.client.id, row.summary.clone());
        // One call for what the panes need: through the store process each call is a round
        // trip, which costs more than the reading.
        let (since, until) = timeline::chart_window(env.now);
        let after = Timeline::first_page(&self.selected.timeline.filter);
        let selection = env
            .store
            .selection(id, after.as_ref(), timeline::PAGE, since, until)?;
        let mut people = selection.people;
        // The timeline names everyone it ever named; the pane lists only the live people.
        let names = people::past_names(env.store, &people, &summary)?;
        people.retain(Person::is_live);
        let gaps = rows::coverage_lines(&row.client, &summary, &people, env.now);
        let filter = self.carry_filter(id, &people);
        let source = timeline::Source {
            store: env.store,
            client: id,
            names: &names,
        };
        let timeline = Timeline::load_from(selection.page, &source, filter)?;
        // The chart is the client's trust, whatever the filter shows.
        let chart =
            timeline::trust_series(&selection.trust_moves, &summary, env.now, self.half_life);
        self.selected = Selected {
            people: rows::people_rows(people, &summary, env.now),
            person_cursor: 0,
            gaps,
            names,
            fact_cursor: 0,
            timeline,
            chart,
        };
        Ok(())
    }

    /// Applies one action from the key map, with no overlay open (keys come through `key`).
    pub fn act(&mut self, action: Action, env: &Env) -> Result<(), StoreError> {
        self.message = None;
        if self.view == View::Agenda && self.agenda_act(action, env)? {
            return Ok(());
        }
        if self.view == View::PersonDetail && self.person_act(action) {
            return Ok(());
        }
        if self.view == View::ClientDetail && self.detail_act(action) {
            return Ok(());
        }
        match action {
            Action::Quit => self.quit_or_back(),
            Action::Help => self.overlays.open(overlay::Help),
            Action::Down => self.step(1, env)?,
            Action::Up => self.step(-1, env)?,
            Action::PageDown => self.step(PAGE_ROWS, env)?,
            Action::PageUp => self.step(-PAGE_ROWS, env)?,
            Action::Top => self.step(isize::MIN / 2, env)?,
            Action::Bottom => self.bottom(env)?,
            Action::NextPane => self.focus = self.focus.next(),
            Action::PrevPane => self.focus = self.focus.prev(),
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::Add => self.add(env),
            Action::Edit if self.focus == Pane::Timeline => self.edit_selected_event(env),
            Action::Edit => self.edit(),
            Action::Archive => self.archive(),
            Action::ShowArchived => self.toggle_archived(env)?,
            Action::Remove if self.focus == Pane::Timeline => self.remove_selected_event(),
            Action::Remove => self.remove_person(),
            Action::Move => self.move_person(),
            Action::Capture => self.capture(false, env),
            Action::Call => self.capture(true, env),
            Action::CapturePick => self.pick(),
            Action::Undo => self.undo(env)?,
            Action::DiscardDraft => self.ask_discard(false, env),
            Action::Kept => self.mark_promise(crate::model::Outcome::Kept, env)?,
            Action::Broken => self.mark_promise(crate::model::Outcome::Broken, env)?,
            Action::Filter => self.open_filter(env),
            Action::ClearFilter => self.clear_filter(env)?,
            Action::Agenda => self.toggle_agenda(env)?,
            Action::Snooze => {
                self.message = Some(format!(
                    "{} snoozes an item in the agenda ({} opens it)",
                    env.key(Action::Snooze),
                    env.key(Action::Agenda)
                ))
            }
            Action::DayLog => self.open_day_log(env)?,
            Action::ReportPreview => self.open_report_preview(env)?,
            Action::Search => self.open_search(),
            Action::Sort => {
                self.sort = self.sort.next();
                let keep = self.current().map(|r| r.client.id);
                self.place_rows(keep, env)?;
                self.message = Some(format!("sorted by {}", self.sort.label()));
            }
            // The demo loads from the welcome screen (see `overlay.rs`); elsewhere it would mix
            // demo clients into real ones.
            Action::Demo => {
                self.message = Some(
                    "the demo loads into an empty store: `rapport --data-dir /tmp/demo demo` makes one apart"
                        .into(),
                )
            }
        }
        Ok(())
    }

    /// The clock moved on (a minute boundary): ages and warmth are recomputed from summaries.
    pub fn tick(&mut self, env: &Env) -> Result<(), StoreError> {
        // Ages and warmth follow from the summaries already in memory: a minute passing must
        // not cost a thousand store reads in an idle dashboard.
        self.now = env.now;
        self.tick_call(env.now);
        let keep = self.current().map(|r| r.client.id);
        for row in &mut self.clients {
            *row = ClientRow::new(
                row.client.clone(),
                std::mem::take(&mut row.summary),
                env.now,
                self.half_life,
            );
        }
        // A minute passing does not move the selected row either, while a write holds the
        // order.
        if !self.unsorted {
            self.sort.apply(&mut self.clients);
        }
        self.cursor = keep
            .and_then(|id| self.clients.iter().position(|r| r.client.id == id))
            .unwrap_or(0);
        if let Some(row) = self.clients.get(self.cursor) {
            for person in &mut self.selected.people {
                person.days = row
                    .summary
                    .last_contact_by_person
                    .get(&person.person.id)
                    .map(|t| (env.now - *t).num_days());
            }
            let people: Vec<Person> = (self.selected.people.iter())
                .map(|r| r.person.clone())
                .collect();
            self.selected.gaps = rows::coverage_lines(&row.client, &row.summary, &people, env.now);
        }
        self.recompute_agenda(env.config, env.now);
        self.count_nudges();
        Ok(())
    }

    /// What is due, capacity and each row's free advice, from the rows in memory (archived
    /// clients, listed while `.` shows them, are left out as the insights leave them out):
    /// once per change of the rows or the clock, never per frame.
    fn count_nudges(&mut self) {
        let pairs: Vec<_> = (self.clients.iter())
            .filter(|r| !r.client.archived)
            .map(|r| (&r.client, &r.summary))
            .collect();
        let dated = (pairs.iter()).map(|&(c, s)| {
            let dates = self.dates.get(&c.id).map_or(&[][..], Vec::as_slice);
            (c, s, dates.iter().copied())
        });
        self.due = crate::insight::Due::with_dates(dated, self.now, false);
        let active = self.rules.active_clients;
        self.capacity = crate::insight::capacity(&pairs, active, self.now, &chrono::Local);
        let threshold = self.rules.free_advice_minutes;
        for row in &mut self.clients {
            row.free_advice =
                crate::insight::advice_nudge(&row.summary, self.now, threshold).is_some();
        }
    }

    fn client_id(&self) -> ClientId {
        self.current()
            .map_or(ClientId(ulid::Ulid::nil()), |r| r.client.id)
    }

    fn step(&mut self, delta: isize, env: &Env) -> Result<(), StoreError> {
        self.step_in(self.focus, delta, env)
    }

    /// Moves the selection of `pane`'s list (focused or not: the mouse wheel) by `delta` rows.
    fn step_in(&mut self, pane: Pane, delta: isize, env: &Env) -> Result<(), StoreError> {
        match pane {
            Pane::Clients => {
                let last = self.clients.len().saturating_sub(1);
                let next = self.cursor.saturating_add_signed(delta).min(last);
                if next != self.cursor {
                    self.move_to_row(next, env)?;
                }
            }
            Pane::People => {
                let last = self.selected.people.len().saturating_sub(1);
                self.selected.person_cursor = self
                    .selected
                    .person_cursor
                    .saturating_add_signed(delta)
                    .min(last);
            }
            Pane::Timeline => self.with_timeline(env, |t, source| t.step(delta, source))?,
        }
        Ok(())
    }

    fn bottom(&mut self, env: &Env) -> Result<(), StoreError> {
        match self.focus {
            Pane::Timeline => self.with_timeline(env, Timeline::bottom),
            _ => self.step(isize::MAX / 2, env),
        }
    }

    fn open(&mut self) {
        self.view = match self.focus {
            Pane::People if !self.selected.people.is_empty() => {
                self.selected.fact_cursor = 0;
                View::PersonDetail
            }
            _ if self.current().is_some() => {
                self.detail_top = 0;
                View::ClientDetail
            }
            _ => self.view,
        };
    }

    /// The moving keys in the client detail scroll it, never past its end.
    fn detail_act(&mut self, action: Action) -> bool {
        let page = self.viewport.rows(PAGE_ROWS as usize) as isize;
        let by = match action {
            Action::Down => 1,
            Action::Up => -1,
            Action::PageDown => page,
            Action::PageUp => -page,
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            _ => return false,
        };
        self.scroll_detail(by);
        true
    }

    /// The client detail moved by `by` lines (keys, the wheel).
    pub(crate) fn scroll_detail(&mut self, by: isize) {
        self.detail_top = self.viewport.moved(self.detail_top, by);
    }

    fn back(&mut self) {
        if matches!(self.view, View::ClientDetail | View::PersonDetail) {
            self.view = View::Browse;
        }
    }
}
