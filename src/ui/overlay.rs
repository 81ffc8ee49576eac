//! Each overlay's drawing and its status-bar mode and hints, one match per overlay; which one
//! is on top, and where keys and pastes go, is `app/overlay.rs`.

use super::{
    agenda_mark, capture, confirm, day_log, fact, filter, form, help, picker, report_preview,
    search_popup, status, Look,
};
use crate::app::agenda::Asking;
use crate::app::mouse::Hits;
use crate::app::Overlay;
use ratatui::layout::Rect;
use ratatui::Frame;

/// Draws `overlay` over `body`.
pub fn draw(frame: &mut Frame, body: Rect, overlay: &Overlay, ctx: &Look, hits: &mut Hits) {
    match overlay {
        Overlay::Search(search) => search_popup::draw(frame, body, search, ctx),
        Overlay::Picker(open) => picker::draw(frame, body, &open.picker, ctx),
        Overlay::MoveTo(open) => picker::draw_titled(frame, body, &open.picker, &open.title, ctx),
        Overlay::Capture(open) => capture::draw(frame, body, open, ctx),
        Overlay::Confirm(confirm) => confirm::draw(frame, body, &confirm.question, ctx),
        Overlay::Fact(open) => fact::draw(frame, body, open, ctx),
        Overlay::Mark(open) => agenda_mark::draw(frame, body, open, ctx),
        Overlay::Filter(form) => filter::draw(frame, body, form, ctx),
        Overlay::Form(open) => form::draw(frame, body, open, ctx),
        Overlay::Help(_) => help::draw(frame, body, ctx),
        Overlay::DayLog(log) => day_log::draw(frame, body, log, ctx),
        Overlay::ReportPreview(preview) => report_preview::draw(frame, body, preview, ctx, hits),
    }
}

/// The status bar's mode and keys while `overlay` is on top. Its keys are its own, fixed:
/// the key map's would be wrong while it takes every key.
pub fn hints(overlay: &Overlay) -> (&'static str, Vec<String>) {
    let fixed = |parts: &[&str]| parts.iter().map(ToString::to_string).collect();
    let split = |keys: &str| keys.split(" · ").map(ToString::to_string).collect();
    match overlay {
        Overlay::Picker(_) => ("PICK", split(capture::PICK_HINTS)),
        Overlay::Capture(open) => {
            let (mode, keys) = capture::status(open);
            (mode, split(keys))
        }
        Overlay::Confirm(_) => ("CONFIRM", fixed(status::CONFIRM)),
        Overlay::Form(open) => status::form_hints(open),
        Overlay::Filter(form) => ("FILTER", fixed(status::filter_hints(form.focus))),
        Overlay::Search(_) => {
            let keys = [
                "type to search",
                "Up/Down choose",
                "Enter go to",
                "Esc close",
            ];
            ("SEARCH", fixed(&keys))
        }
        Overlay::Help(_) => ("HELP", fixed(&["any key closes"])),
        Overlay::MoveTo(_) => (
            "MOVE",
            fixed(&["type to choose", "Enter move", "Esc cancel"]),
        ),
        Overlay::Fact(_) => ("FACT", fixed(&["Enter save", "Esc cancel"])),
        Overlay::Mark(open) => match open.asking {
            Asking::Snooze => (
                "SNOOZE",
                fixed(&["Tab 1d/3d/1w/2w", "Enter snooze", "Esc cancel"]),
            ),
            Asking::Dismiss => ("DISMISS", fixed(&["Enter dismiss", "Esc cancel"])),
        },
        Overlay::DayLog(_) => ("TODAY", fixed(&["j/k scroll", "Esc close"])),
        Overlay::ReportPreview(_) => (
            "REPORT",
            fixed(&["j/k choose", "x leave out/put back", "u undo", "Esc close"]),
        ),
    }
}
