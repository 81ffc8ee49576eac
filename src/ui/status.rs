//! The status bar: the mode, the keys that matter now, the store and counts, what is due
//! (`⚑ 2 due · 1 overdue promise`, as `rapport status --tmux` says it), the time (minutes).
//!
//! A narrow terminal cannot show it all. Rather than cut the line at the edge (mid-word), whole
//! parts are left out, least useful first: the store path, the count, the keys that matter
//! least, the time; the most important key (or the message) stays, cut at a word if it must be.

mod fit;

use super::Look;
use crate::app::filter::FilterField;
use crate::app::form::{Form, Value};
use crate::app::{App, View};
use crate::config::{Action, KeyBindings};
use crate::width::Columns;
use chrono::Local;
use fit::{fit_parts, Part};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, ctx: &Look) {
    let (mode, hints) = hints(app, ctx.keys);
    let mode = format!(" {mode} ");
    // A message replaces the keys: it answers what the user just did.
    let left = match &app.message {
        Some(message) => vec![message.clone()],
        None => hints,
    };
    // Archived clients shown by `.` are not counted as clients: the demo's "8 clients (and 1
    // archived)" stays true.
    let count = match app.clients.iter().filter(|r| !r.client.archived).count() {
        1 => "1 client".to_string(),
        n => format!("{n} clients"),
    };
    // A note waiting for its client is not to be forgotten (the agenda lists it): it stays
    // as long as the time does.
    let unfiled = (!app.unfiled.is_empty())
        .then(|| Part::right(format!("{} unfiled (A)", app.unfiled.len()), fit::TIME));
    // What is due, as `rapport status --tmux` says it, and the key that lists it.
    let due = (!app.due.nothing()).then(|| {
        let agenda = (ctx.keys.get(Action::Agenda).first())
            .map(|k| format!(" ({k})"))
            .unwrap_or_default();
        Part::right(format!("{}{agenda}", app.due.line()), fit::DUE)
    });
    let right = [
        Some(Part::right(app.store_path.clone(), fit::STORE_PATH)),
        unfiled,
        due,
        Some(Part::right(count, fit::COUNT)),
        Some(Part::right(
            app.now.with_timezone(&Local).format("%H:%M").to_string(),
            fit::TIME,
        )),
    ]
    .into_iter()
    .flatten();
    let room = usize::from(area.width).saturating_sub(mode.columns() + 1);
    let (left, right) = fit_parts(room, left, right);
    let right = if right.is_empty() {
        String::new()
    } else {
        format!(" {right} ")
    };
    let pad = room.saturating_sub(left.columns() + right.columns());
    let line = Line::from(vec![
        Span::styled(mode, ctx.theme.title(true).add_modifier(Modifier::REVERSED)),
        Span::raw(" "),
        Span::raw(left),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, ctx.theme.muted()),
    ]);
    frame.render_widget(line, area);
}

/// The mode and the keys worth knowing in it, most important first. Keys come from the key map,
/// so a rebound key shows as the user wrote it; an unbound action is not offered.
fn hints(app: &App, keys: &KeyBindings) -> (&'static str, Vec<String>) {
    // The overlay on top is the one that gets the keys.
    if let Some(top) = app.overlays.top() {
        return super::overlay::hints(top);
    }
    let (mode, wanted): (_, &[(Action, &str)]) = match app.view {
        View::Welcome => (
            "WELCOME",
            &[
                (Action::Demo, "demo"),
                (Action::Add, "add client"),
                (Action::Quit, "quit"),
            ],
        ),
        View::PersonDetail => (
            "PERSON",
            &[
                (Action::Back, "back"),
                (Action::Add, "add fact"),
                (Action::Edit, "edit fact"),
                (Action::Remove, "remove fact"),
                (Action::Move, "move"),
                (Action::Down, "fact"),
                (Action::Help, "help"),
            ],
        ),
        View::ClientDetail => (
            "DETAIL",
            &[
                (Action::Back, "back"),
                (Action::Capture, "note"),
                (Action::Down, "scroll"),
                (Action::ReportPreview, "report"),
                (Action::Help, "help"),
            ],
        ),
        View::Agenda if on_unfiled(app) => (
            "AGENDA",
            &[
                (Action::Open, "assign"),
                (Action::Archive, "drop"),
                (Action::Back, "back"),
                (Action::Down, "move"),
                (Action::Help, "help"),
            ],
        ),
        View::Agenda => (
            "AGENDA",
            &[
                (Action::Open, "go to"),
                (Action::Snooze, "snooze"),
                (Action::Archive, "dismiss"),
                (Action::Back, "back"),
                (Action::Call, "call"),
                (Action::Capture, "note"),
                (Action::Down, "move"),
                (Action::Help, "help"),
            ],
        ),
        View::Browse => (
            "BROWSE",
            &[
                // Capture is what the dashboard is kept open for.
                (Action::Capture, "note"),
                (Action::Call, "call"),
                (Action::Help, "help"),
                (Action::Quit, "quit"),
                (Action::Down, "move"),
                (Action::NextPane, "pane"),
                (Action::Open, "open"),
                (Action::Add, "add"),
                (Action::Edit, "edit"),
                (Action::Sort, "sort"),
                (Action::Archive, "archive"),
            ],
        ),
    };
    // A filtered timeline hides events: how to see them all again comes right after the notes.
    let mut wanted = wanted.to_vec();
    if app.view == View::Browse && !app.selected.timeline.filter.is_empty() {
        wanted.insert(2, (Action::ClearFilter, "unfilter"));
    }
    let first = |action| {
        keys.get(action)
            .first()
            .map(|k| capitalized(&k.to_string()))
    };
    let hints = wanted
        .iter()
        .filter_map(|&(action, label)| {
            let key = match action {
                // Down and up share one hint: "j/k move".
                Action::Down => match (first(Action::Down), first(Action::Up)) {
                    (Some(down), Some(up)) => Some(format!("{down}/{up}")),
                    (down, up) => down.or(up),
                },
                _ => first(action),
            };
            key.map(|key| format!("{key} {label}"))
        })
        .collect();
    (mode, hints)
}

/// The agenda's cursor is on an unfiled note.
fn on_unfiled(app: &App) -> bool {
    (app.agenda.as_ref()).is_some_and(|a| a.current_unfiled().is_some())
}

pub(super) const CONFIRM: &[&str] = &["y yes", "any other key no"];

/// A form's own keys are fixed; Enter and Esc are on its border. The bar says how to move and
/// change, or how to answer its "discard changes?".
pub(super) fn form_hints(form: &Form) -> (&'static str, Vec<String>) {
    let fixed = |parts: &[&str]| parts.iter().map(ToString::to_string).collect();
    if form.discarding {
        return ("CONFIRM", fixed(CONFIRM));
    }
    match form.focused().value {
        Value::Choice { .. } => ("FORM", fixed(&["Space/Left/Right change", "Tab move"])),
        Value::Text(_) => ("FORM", fixed(&["Tab/Shift-Tab move", "type to edit"])),
        Value::Lines(_) => (
            "FORM",
            fixed(&[
                "Up/Down line",
                "Ctrl-D remove line",
                "Tab move",
                "type to edit",
            ]),
        ),
    }
}

/// The filter popup's keys for its focused field; Enter and Esc are on its border.
pub(super) fn filter_hints(focus: FilterField) -> &'static [&'static str] {
    match focus {
        FilterField::Kinds => &[
            "Left/Right choose",
            "Space toggle",
            "Tab move",
            "Del all kinds",
        ],
        FilterField::Person => &["type a name", "Up/Down pick", "Tab move"],
        FilterField::Private => &["Space/Left/Right change", "Tab move"],
        FilterField::Tag | FilterField::From | FilterField::Until => {
            &["Tab/Shift-Tab move", "type to edit"]
        }
    }
}

/// A key as the bar writes it: named keys capitalised as on a keyboard (`Tab`, `Shift-Tab`,
/// `Enter`), characters as they are (`q`, `G`, `?`).
fn capitalized(key: &str) -> String {
    let parts: Vec<String> = key
        .split_inclusive('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(c) if part.trim_end_matches('-').chars().count() > 1 => {
                    c.to_uppercase().chain(chars).collect()
                }
                _ => part.to_string(),
            }
        })
        .collect();
    parts.concat()
}

#[cfg(test)]
mod tests {
    #[test]
    fn named_keys_are_capitalised() {
        let shown: Vec<String> = [
            "q",
            "G",
            "tab",
            "shift-tab",
            "ctrl-s",
            "enter",
            "ctrl--",
            "?",
        ]
        .iter()
        .map(|k| super::capitalized(k))
        .collect();
        let want = [
            "q",
            "G",
            "Tab",
            "Shift-Tab",
            "Ctrl-s",
            "Enter",
            "Ctrl--",
            "?",
        ];
        assert_eq!(shown, want);
    }
}
