//! The mouse, when `ui.mouse` is on: the wheel moves the selection of the list under the
//! pointer, a left click focuses a pane and selects the row under it.
//!
//! Only the view knows where it drew what, and drawing changes nothing; so each draw returns a
//! `Hits` map of its panes and rows, the loop keeps the last one, and a click is looked up in
//! the map of the frame the user was looking at.

use super::overlay::{Help, Kind};
use super::scroll::Viewport;
use super::{App, Env, Pane, View};
use crate::store::StoreError;
use ratatui::layout::{Position, Rect};

/// What a pointer did, without the terminal library's types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pointer {
    Click,
    WheelUp,
    WheelDown,
}

/// A pointer event at a cell (column and row from the top left, from 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mouse {
    pub pointer: Pointer,
    pub column: u16,
    pub row: u16,
}

/// One selectable row as drawn: the index into its list (`App::clients`,
/// `Selected::people`, `Timeline::rows`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Row {
    Client(usize),
    Person(usize),
    Event(usize),
}

impl Row {
    pub fn pane(self) -> Pane {
        match self {
            Row::Client(_) => Pane::Clients,
            Row::Person(_) => Pane::People,
            Row::Event(_) => Pane::Timeline,
        }
    }
}

/// Where one frame drew its panes (borders included) and their rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hits {
    panes: Vec<(Rect, Pane)>,
    rows: Vec<(Rect, Row)>,
    /// The scrolled text drawn last (on top), where it went, and how much of it showed.
    scrolled: Option<(Rect, Viewport)>,
}

impl Hits {
    /// A scrolled text in `area`, showing `rows` of its `lines`.
    pub fn scrolled(&mut self, area: Rect, rows: usize, lines: usize) {
        let view = Viewport {
            rows: Some(rows),
            lines: Some(lines),
        };
        self.scrolled = Some((area, view));
    }

    /// What the scrolled text drawn last showed.
    pub fn viewport(&self) -> Viewport {
        self.scrolled.map(|(_, view)| view).unwrap_or_default()
    }

    /// Whether a cell is on the scrolled text.
    fn on_scrolled(&self, column: u16, row: u16) -> bool {
        (self.scrolled).is_some_and(|(area, _)| area.contains(Position::new(column, row)))
    }

    pub fn pane(&mut self, area: Rect, pane: Pane) {
        self.panes.push((area, pane));
    }

    pub fn row(&mut self, area: Rect, row: Row) {
        self.rows.push((area, row));
    }

    /// The pane at a cell, and the row there if the cell is on one.
    pub fn at(&self, column: u16, row: u16) -> Option<(Pane, Option<Row>)> {
        let cell = Position::new(column, row);
        let pane = self.panes.iter().find(|(area, _)| area.contains(cell))?.1;
        let hit = self
            .rows
            .iter()
            .find(|(area, r)| area.contains(cell) && r.pane() == pane)
            .map(|&(_, r)| r);
        Some((pane, hit))
    }
}

/// Rows one wheel step moves: one, as `j`/`k` do; a trackpad sends many steps.
const WHEEL_ROWS: isize = 1;

impl App {
    /// A pointer event, looked up in `hits`, the map of the frame on screen.
    pub fn mouse(&mut self, mouse: Mouse, hits: &Hits, env: &Env) -> Result<(), StoreError> {
        match self.overlay() {
            // Help closes on any key; a click is one more way to say "got it".
            Some(Kind::Help) => {
                if mouse.pointer == Pointer::Click {
                    self.overlays.close::<Help>();
                }
                return Ok(());
            }
            // The report preview scrolls with the wheel, as with PgUp/PgDn but a line a step.
            Some(Kind::ReportPreview) => {
                let by = match mouse.pointer {
                    Pointer::WheelUp => -WHEEL_ROWS,
                    Pointer::WheelDown => WHEEL_ROWS,
                    Pointer::Click => return Ok(()),
                };
                self.scroll_preview(by);
                return Ok(());
            }
            // Forms and questions are answered with keys; a click must not act behind them.
            Some(_) => return Ok(()),
            None => {}
        }
        // The wheel over the client detail scrolls it, as it scrolls the lists.
        let wheel = match mouse.pointer {
            Pointer::WheelUp => -WHEEL_ROWS,
            Pointer::WheelDown => WHEEL_ROWS,
            Pointer::Click => 0,
        };
        if wheel != 0
            && self.view == View::ClientDetail
            && hits.on_scrolled(mouse.column, mouse.row)
        {
            self.scroll_detail(wheel);
            return Ok(());
        }
        let Some((pane, row)) = hits.at(mouse.column, mouse.row) else {
            return Ok(());
        };
        self.message = None;
        match mouse.pointer {
            // The wheel scrolls the list under the pointer, focused or not.
            Pointer::WheelUp => self.step_in(pane, -WHEEL_ROWS, env),
            Pointer::WheelDown => self.step_in(pane, WHEEL_ROWS, env),
            Pointer::Click => {
                self.focus = pane;
                match row {
                    Some(row) => self.select_row(row, env),
                    None => Ok(()),
                }
            }
        }
    }

    fn select_row(&mut self, row: Row, env: &Env) -> Result<(), StoreError> {
        let delta = |to: usize, from: usize| to as isize - from as isize;
        match row {
            Row::Client(i) => self.step_in(Pane::Clients, delta(i, self.cursor), env),
            Row::Person(i) => {
                let from = self.selected.person_cursor;
                self.step_in(Pane::People, delta(i, from), env)
            }
            Row::Event(i) => {
                let from = self.selected.timeline.cursor;
                self.step_in(Pane::Timeline, delta(i, from), env)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two panes side by side; three client rows and two person rows inside their borders.
    fn hits() -> Hits {
        let mut hits = Hits::default();
        hits.pane(Rect::new(0, 0, 10, 6), Pane::Clients);
        hits.pane(Rect::new(10, 0, 10, 6), Pane::People);
        for i in 0..3 {
            hits.row(Rect::new(1, 1 + i, 8, 1), Row::Client(usize::from(i) + 4));
        }
        // A two-line row (an event) is one target.
        hits.row(Rect::new(11, 2, 8, 2), Row::Person(0));
        hits
    }

    #[test]
    fn rows_are_found_inside_their_pane() {
        let hits = hits();
        assert_eq!(hits.at(1, 1), Some((Pane::Clients, Some(Row::Client(4)))));
        assert_eq!(hits.at(8, 3), Some((Pane::Clients, Some(Row::Client(6)))));
        assert_eq!(hits.at(11, 3), Some((Pane::People, Some(Row::Person(0)))));
        assert_eq!(hits.at(15, 2), Some((Pane::People, Some(Row::Person(0)))));
    }

    #[test]
    fn borders_and_empty_space_hit_only_the_pane() {
        let hits = hits();
        assert_eq!(hits.at(0, 0), Some((Pane::Clients, None)), "the corner");
        assert_eq!(
            hits.at(9, 2),
            Some((Pane::Clients, None)),
            "the right border"
        );
        assert_eq!(hits.at(3, 4), Some((Pane::Clients, None)), "below the rows");
        assert_eq!(hits.at(10, 1), Some((Pane::People, None)));
        assert_eq!(hits.at(11, 4), Some((Pane::People, None)), "past the row");
    }

    #[test]
    fn outside_every_pane_is_nothing() {
        let hits = hits();
        assert_eq!(hits.at(20, 0), None);
        assert_eq!(hits.at(5, 6), None, "the status bar row");
        assert_eq!(Hits::default().at(0, 0), None);
    }
}
