//! The status bar: the mode, the keys that matter now, the store and counts, the time (minutes).

use super::{fit, Ctx};
use crate::app::form::Value;
use crate::app::{App, View};
use chrono::Local;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, ctx: &Ctx) {
    let form = app.form.as_ref();
    // Note keys first: at 80 columns the end of the hint is cut.
    let notes = super::capture::keys_hint(ctx.keys);
    let browse = format!("{notes}j/k move · Tab pane · Enter open · s sort · ? help · q quit");
    let detail = format!("Esc back · {notes}j/k move · ? help · q quit");
    let capture = super::capture::status(app);
    let (mode, keys) = match (app.help, app.view) {
        _ if capture.is_some() => capture.unwrap_or_default(),
        _ if app.confirm.is_some() || form.is_some_and(|f| f.discarding) => {
            ("CONFIRM", "y yes · any other key no")
        }
        // Enter and Esc are on the form's own border; the bar says how to move and change.
        _ if form.is_some_and(|f| matches!(f.focused().value, Value::Choice { .. })) => {
            ("FORM", "Space/Left/Right change · Tab move")
        }
        _ if form.is_some() => ("FORM", "Tab/Shift-Tab move · type to edit"),
        (true, _) => ("HELP", "any key closes"),
        (_, View::Welcome) => ("WELCOME", "d demo · a add client · q quit"),
        (_, View::ClientDetail | View::PersonDetail) => ("DETAIL", detail.as_str()),
        (_, View::Browse) => ("BROWSE", browse.as_str()),
    };
    let hint = app.message.as_deref().unwrap_or(keys);
    let right = format!(
        " {} · {} clients · {} ",
        app.store_path,
        app.clients.len(),
        app.now.with_timezone(&Local).format("%H:%M")
    );
    let right_width = unicode_width::UnicodeWidthStr::width(right.as_str());
    let left_width = (area.width as usize).saturating_sub(right_width + mode.len() + 3);
    let line = Line::from(vec![
        Span::styled(
            format!(" {mode} "),
            ctx.theme.title(true).add_modifier(Modifier::REVERSED),
        ),
        Span::raw(" "),
        Span::raw(format!("{:<left_width$}", fit(hint, left_width))),
        Span::styled(right, ctx.theme.muted()),
    ]);
    frame.render_widget(line, area);
}
