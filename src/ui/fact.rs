//! The box for a personal fact (`a`, `e` in the person view): one line, over the view.

use super::picker::query_popup;
use super::Look;
use crate::app::people::FactInput;
use ratatui::layout::Rect;
use ratatui::Frame;

const WIDTH: u16 = 70;

pub fn draw(frame: &mut Frame, area: Rect, open: &FactInput, ctx: &Look) {
    let popup = super::centered(area, WIDTH.min(area.width), 3.min(area.height));
    query_popup(
        frame,
        popup,
        (&open.title, " Enter save · Esc cancel "),
        &open.input,
        ctx,
    );
}
