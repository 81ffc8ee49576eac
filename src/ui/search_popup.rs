//! The search popup for `/`: the query on top, results below in groups (clients, people,
//! notes) with the matched text in the accent colour and the chosen line reversed. A long
//! note is shown from a little before its first match, so the match is always in view.

use super::{offset_for, Look};
use crate::app::search_popup::{Group, Search};
use crate::search::Marked;
use crate::width::Columns;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_segmentation::UnicodeSegmentation;

const WIDTH: u16 = 110;
const HEIGHT: u16 = 24;
/// Columns of context kept before a match in a cut note.
const LEAD: usize = 12;

pub fn draw(frame: &mut Frame, area: Rect, search: &Search, ctx: &Look) {
    let width = WIDTH
        .min(area.width.saturating_sub(4))
        .max(20.min(area.width));
    let popup = super::centered(area, width, HEIGHT.min(area.height));
    let list = super::picker::query_popup(
        frame,
        popup,
        (" Search ", " Enter go to · ↑↓ choose · Esc close "),
        &search.query,
        ctx,
    );
    if search.query.text().trim().is_empty() {
        let hint = "  type a few letters of a name, a word or 日本語";
        frame.render_widget(Span::styled(hint, ctx.theme.muted()), list);
        return;
    }
    if search.results.is_empty() {
        frame.render_widget(Span::styled("  nothing matches", ctx.theme.muted()), list);
        return;
    }
    let (lines, chosen) = lines(search, usize::from(list.width), ctx);
    let offset = offset_for(chosen, usize::from(list.height));
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(offset)
        .take(usize::from(list.height))
        .collect();
    frame.render_widget(Paragraph::new(visible), list);
}

/// Every line of the list, and which one the cursor is on: the groups in the order the
/// popup ranks them (`Search::groups`), each under its header.
fn lines<'a>(search: &'a Search, width: usize, ctx: &Look) -> (Vec<Line<'a>>, usize) {
    let mut lines = Vec::new();
    let mut item = 0;
    let mut chosen = 0;
    for group in search.groups() {
        let (title, rows) = group_lines(search, group, width, ctx);
        lines.push(Line::from(Span::styled(title, ctx.theme.title(false))));
        for spans in rows {
            let mut spans = spans;
            spans.insert(0, Span::raw("  "));
            let line = Line::from(spans);
            if item == search.cursor {
                chosen = lines.len();
                lines.push(line.patch_style(ctx.theme.selected(true)));
            } else {
                lines.push(line);
            }
            item += 1;
        }
    }
    (lines, chosen)
}

/// One group's header and its lines, unselected and without their indent.
fn group_lines<'a>(
    search: &'a Search,
    group: Group,
    width: usize,
    ctx: &Look,
) -> (&'static str, Vec<Vec<Span<'a>>>) {
    let r = &search.results;
    let hit = ctx.theme.title(true).add_modifier(Modifier::UNDERLINED);
    let muted = ctx.theme.muted();
    let used = |spans: &[Span]| spans.iter().map(|s| s.content.columns()).sum::<usize>() + 2;
    match group {
        Group::Clients => {
            let rows = (r.clients.iter()).map(|h| {
                let mut spans = Vec::new();
                if h.field != "name" {
                    spans.push(Span::raw(format!("{}  ", h.name)));
                    spans.push(Span::styled(format!("{}: ", h.field), muted));
                }
                let room = width.saturating_sub(used(&spans));
                spans.extend(marked(&h.shown, room, hit));
                spans
            });
            ("Clients", rows.collect())
        }
        Group::People => {
            let rows = (r.people.iter()).map(|h| {
                let mut spans = Vec::new();
                if h.field == "name" {
                    spans.extend(marked(&h.shown, width / 2, hit));
                    spans.push(Span::styled(format!(" · {}", h.client_name), muted));
                } else {
                    spans.push(Span::raw(format!("{} · {}  ", h.name, h.client_name)));
                    spans.push(Span::styled(format!("{}: ", h.field), muted));
                    let room = width.saturating_sub(used(&spans));
                    spans.extend(marked(&h.shown, room, hit));
                }
                spans
            });
            ("People", rows.collect())
        }
        Group::Notes => {
            let rows = (r.notes.iter()).map(|h| {
                let e = &h.event;
                let mut spans = vec![Span::styled(
                    format!("{} {:<8} ", e.at.format("%Y-%m-%d"), e.kind.as_str()),
                    muted,
                )];
                let client = super::fit(&h.client_name, 18);
                spans.push(Span::raw(format!("{client}: ")));
                if e.private {
                    spans.push(Span::styled("[private] ", muted));
                }
                let room = width.saturating_sub(used(&spans));
                spans.extend(marked(&h.shown, room, hit));
                spans
            });
            ("Notes", rows.collect())
        }
    }
}

/// The marked text on one line of `width` columns, starting a little before the first match.
fn marked(text: &Marked, width: usize, hit: Style) -> Vec<Span<'static>> {
    let mut pieces: Vec<(String, bool)> = text
        .pieces()
        .into_iter()
        .map(|(p, m)| (p.replace(['\n', '\r', '\t'], " "), m))
        .collect();
    // Skip to a little before the first match when it would not be in view.
    if let Some(first) = pieces.first_mut().filter(|(_, m)| !m) {
        let lead = first.0.columns();
        let match_width = pieces.get(1).map_or(0, |p| p.0.columns());
        if lead + match_width.min(width / 2) > width {
            let first = &mut pieces[0].0;
            let keep = LEAD.min(width / 3);
            let mut start = first.len();
            let mut kept = 0;
            for (at, g) in first.grapheme_indices(true).rev() {
                kept += crate::width::cluster(g);
                if kept > keep {
                    break;
                }
                start = at;
            }
            *first = format!("…{}", &first[start..]);
        }
    }
    let mut spans = Vec::new();
    let mut left = width;
    for (piece, matched) in pieces {
        if left == 0 {
            break;
        }
        let shown = super::fit(&piece, left);
        left = left.saturating_sub(shown.columns());
        let cut = shown != piece;
        let style = if matched { hit } else { Style::new() };
        spans.push(Span::styled(shown, style));
        if cut {
            break;
        }
    }
    spans
}
