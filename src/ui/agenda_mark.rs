//! The box over the agenda for `z` (how long to snooze the item) and `x` (why dismiss it): one
//! line to type in, and under it what the update step read it as.

use super::picker::query_popup;
use super::Look;
use crate::app::agenda::{Asking, MarkInput};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::Frame;

const WIDTH: u16 = 70;

pub fn draw(frame: &mut Frame, area: Rect, open: &MarkInput, ctx: &Look) {
    let popup = super::centered(area, WIDTH.min(area.width), 4.min(area.height));
    let keys = match open.asking {
        Asking::Snooze => " Enter snooze · Esc cancel ",
        Asking::Dismiss => " Enter dismiss · Esc cancel ",
    };
    let below = query_popup(frame, popup, (&open.title, keys), &open.input, ctx);
    let preview = Line::styled(format!("  {}", open.preview), ctx.theme.muted());
    frame.render_widget(preview, below);
}
