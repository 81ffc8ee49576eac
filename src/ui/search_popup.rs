//! The search popup for `/`: the query on top, results below in groups (clients, people,
//! notes) with the matched text in the accent colour and the chosen line reversed. A long
//! note is shown from a little before its first match, so the match is always in view.

use super::{offset_for, Look};
use crate::app::search_popup::Search;
use crate::search::Marked;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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

/// Every line of the list, and which one the cursor is on.
fn lines<'a>(search: &'a Search, width: usize, ctx: &Look) -> (Vec<Line<'a>>, usize) {
    let r = &search.results;
    let hit = ctx.theme.title(true).add_modifier(Modifier::UNDERLINED);
    let muted = ctx.theme.muted();
    let mut lines = Vec::new();
    let mut item = 0;
    let mut chosen = 0;
    let mut push = |lines: &mut Vec<Line<'a>>, mut spans: Vec<Span<'a>>| {
        spans.insert(0, Span::raw("  "));
        let line = Line::from(spans);
        if item == search.cursor {
            chosen = lines.len();
            lines.push(line.patch_style(ctx.theme.selected(true)));
        } else {
            lines.push(line);
        }
        item += 1;
    };
    let header = |lines: &mut Vec<Line<'a>>, title: &'a str| {
        lines.push(Line::from(Span::styled(title, ctx.theme.title(false))));
    };
    if !r.clients.is_empty() {
        header(&mut lines, "Clients");
        for h in &r.clients {
            let mut spans = Vec::new();
            if h.field != "name" {
                spans.push(Span::raw(format!("{}  ", h.name)));
                spans.push(Span::styled(format!("{}: ", h.field), muted));
            }
            let used = spans.iter().map(|s| s.width()).sum::<usize>() + 2;
            spans.extend(marked(&h.shown, width.saturating_sub(used), hit));
            push(&mut lines, spans);
        }
    }
    if !r.people.is_empty() {
        header(&mut lines, "People");
        for h in &r.people {
            let mut spans = Vec::new();
            if h.field == "name" {
                spans.extend(marked(&h.shown, width / 2, hit));
                spans.push(Span::styled(format!(" · {}", h.client_name), muted));
            } else {
                spans.push(Span::raw(format!("{} · {}  ", h.name, h.client_name)));
                spans.push(Span::styled(format!("{}: ", h.field), muted));
                let used = spans.iter().map(|s| s.width()).sum::<usize>() + 2;
                spans.extend(marked(&h.shown, width.saturating_sub(used), hit));
            }
            push(&mut lines, spans);
        }
    }
    if !r.notes.is_empty() {
        header(&mut lines, "Notes");
        for h in &r.notes {
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
            let used = spans.iter().map(|s| s.width()).sum::<usize>() + 2;
            spans.extend(marked(&h.shown, width.saturating_sub(used), hit));
            push(&mut lines, spans);
        }
    }
    (lines, chosen)
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
        let lead = first.0.width();
        let match_width = pieces.get(1).map_or(0, |p| p.0.width());
        if lead + match_width.min(width / 2) > width {
            let first = &mut pieces[0].0;
            let keep = LEAD.min(width / 3);
            let mut start = first.len();
            let mut kept = 0;
            for (at, c) in first.char_indices().rev() {
                kept += c.width().unwrap_or(0);
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
        left = left.saturating_sub(shown.width());
        let cut = shown != piece;
        let style = if matched { hit } else { Style::new() };
        spans.push(Span::styled(shown, style));
        if cut {
            break;
        }
    }
    spans
}
