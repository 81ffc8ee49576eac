//! Drawing the dashboard: one file per pane or overlay. Views borrow the prepared `App` and
//! never read the clock or the store.

mod agenda;
mod agenda_mark;
mod capture;
mod clients;
mod confirm;
mod day_log;
mod detail;
mod fact;
mod filter;
mod form;
mod hanging;
mod help;
mod mention;
mod overlay;
mod paint;
mod people;
mod picker;
mod report_preview;
mod search_popup;
mod status;
pub mod theme;
mod timeline;
mod welcome;
mod window;

use crate::app::mouse::Hits;
use crate::app::{App, View};
use crate::config::KeyBindings;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
pub use theme::Theme;

/// Below this the panes cannot say anything useful.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 12;
/// From this width the three panes stand side by side.
pub const WIDE: u16 = 160;

/// What every pane needs besides the app: how things look (the theme) and which keys to name.
pub struct Look<'a> {
    pub theme: &'a Theme,
    pub keys: &'a KeyBindings,
}

/// Draws `app`, forgetting where things went (see `draw_mapped`).
pub fn draw(frame: &mut Frame, app: &App, ctx: &Look) {
    draw_mapped(frame, app, ctx);
}

/// Draws `app` and returns where its panes and rows went, for the mouse.
pub fn draw_mapped(frame: &mut Frame, app: &App, ctx: &Look) -> Hits {
    let mut hits = Hits::default();
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "make me bigger: {}×{} (need {MIN_WIDTH}×{MIN_HEIGHT})",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return hits;
    }
    let [body, bar] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    match app.view {
        // A form or the help over the welcome box would stand one column inside its border
        // (`┌┌ New client`): the overlay takes its place instead.
        View::Welcome if app.overlay().is_none() => welcome::draw(frame, body, ctx),
        View::Welcome => {}
        View::Browse => browse(frame, body, app, ctx, &mut hits),
        View::Agenda => agenda::draw(frame, body, app, ctx),
        View::ClientDetail | View::PersonDetail => {
            let [left, right] =
                Layout::horizontal([Constraint::Length(clients_width(body)), Constraint::Min(1)])
                    .areas(body);
            clients::draw(frame, left, app, ctx, &mut hits);
            detail::draw(frame, right, app, ctx, &mut hits);
        }
    }
    status::draw(frame, bar, app, ctx);
    // Overlays bottom up, so the one that gets the keys (`App::overlay`) is drawn on top.
    for open in app.overlays.bottom_up() {
        overlay::draw(frame, body, open, ctx, &mut hits);
    }
    hits
}

fn clients_width(area: Rect) -> u16 {
    if area.width >= WIDE {
        area.width * 3 / 10
    } else {
        (area.width * 2 / 5).max(30)
    }
}

fn browse(frame: &mut Frame, area: Rect, app: &App, ctx: &Look, hits: &mut Hits) {
    if area.width >= WIDE {
        let [left, middle, right] = Layout::horizontal([
            Constraint::Percentage(30),
            Constraint::Percentage(30),
            Constraint::Percentage(40),
        ])
        .areas(area);
        clients::draw(frame, left, app, ctx, hits);
        people::draw(frame, middle, app, ctx, hits);
        timeline::draw(frame, right, app, ctx, hits);
    } else {
        let [left, right] =
            Layout::horizontal([Constraint::Length(clients_width(area)), Constraint::Min(1)])
                .areas(area);
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(right);
        clients::draw(frame, left, app, ctx, hits);
        people::draw(frame, top, app, ctx, hits);
        timeline::draw(frame, bottom, app, ctx, hits);
    }
}

/// A `width`×`height` rectangle in the middle of `area` (for popups).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    use ratatui::layout::Flex;
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [middle] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    middle
}

/// Cuts `text` to `width` display columns, with an ellipsis when cut (by grapheme cluster,
/// as the terminal draws: see `crate::width`).
pub fn fit(text: &str, width: usize) -> String {
    crate::width::fit(text, width)
}

/// A scroll offset that keeps `cursor` visible in `height` rows.
pub fn offset_for(cursor: usize, height: usize) -> usize {
    cursor.saturating_sub(height.saturating_sub(1))
}
