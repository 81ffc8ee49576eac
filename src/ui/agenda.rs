//! The agenda view (`A`): the items the update step prepared, grouped by kind, each with its
//! urgency, what to do, why, and for check-ins how to open. Texts wrap with a hanging indent
//! under the title's first character, by display width (Japanese client names stay aligned).

use super::hanging::hanging;
use super::{window, Look};
use crate::app::App;
use crate::insight::{AgendaItem, ItemKind, Urgency};
use crate::model::Unfiled;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph};
use ratatui::Frame;

/// `  overdue  `: the urgency column the titles start after.
const LABEL: usize = 7;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, ctx: &Look) {
    let (unfiled, items, cursor) = match &app.agenda {
        Some(agenda) => (&agenda.unfiled[..], &agenda.items[..], agenda.cursor),
        None => (&[][..], &[][..], 0),
    };
    let title = match items.len() {
        0 => " Agenda ".to_string(),
        1 => " Agenda · 1 thing to do ".to_string(),
        n => format!(" Agenda · {n} things to do "),
    };
    let block = Block::bordered()
        .title(Span::styled(title, ctx.theme.title(true)))
        .border_style(ctx.theme.border(true));
    let inner = block.inner(area);
    if items.is_empty() && unfiled.is_empty() {
        let calm = "Nothing due — no check-in, promise or gap needs you today.";
        let lines = hanging(vec![Span::raw("  ")], calm, usize::from(inner.width));
        let text = Paragraph::new(lines).style(ctx.theme.muted()).block(block);
        frame.render_widget(text, area);
        return;
    }
    // Headings and items in order; only those near the cursor are formatted, as a million-event
    // store can have thousands of items.
    let mut entries = Vec::with_capacity(unfiled.len() + items.len() + 7);
    let mut selected = 0;
    for (i, note) in unfiled.iter().enumerate() {
        if i == 0 {
            entries.push(Entry::UnfiledHeading(unfiled.len()));
        }
        if i == cursor {
            selected = entries.len();
        }
        entries.push(Entry::Unfiled(note));
    }
    for (i, item) in items.iter().enumerate() {
        if i == 0 || items[i - 1].kind != item.kind {
            entries.push(Entry::Heading(item.kind, i > 0 || !unfiled.is_empty()));
        }
        if i + unfiled.len() == cursor {
            selected = entries.len();
        }
        entries.push(Entry::Item(item));
    }
    // Every entry is a line at least: from `rows` entries above the cursor on, the window is
    // what it would be over the whole list (see `window::visible`).
    let rows = usize::from(inner.height);
    let near = selected.saturating_sub(rows)..(selected + rows + 1).min(entries.len());
    let width = usize::from(inner.width);
    let texts: Vec<Text> = entries[near.clone()]
        .iter()
        .map(|entry| match entry {
            Entry::Heading(kind, gap) => heading(items, *kind, *gap, ctx),
            Entry::Item(item) => Text::from(lines(item, width, ctx)),
            Entry::UnfiledHeading(n) => Text::from(Line::styled(
                format!("Unfiled notes ({n}) · Enter assigns to a client"),
                ctx.theme.title(false),
            )),
            Entry::Unfiled(note) => Text::from(unfiled_lines(note, width, ctx)),
        })
        .collect();
    let heights: Vec<usize> = texts.iter().map(Text::height).collect();
    let selected = selected - near.start;
    let shown = window::visible(&heights, selected, rows);
    let list = List::new(texts.into_iter().map(ListItem::new))
        .block(block)
        .highlight_style(ctx.theme.selected(true));
    let mut state = ListState::default()
        .with_offset(shown.start)
        .with_selected(Some(selected));
    frame.render_stateful_widget(list, area, &mut state);
}

/// One line of the list: a group's heading (after a blank line unless it is the first) or an
/// item.
enum Entry<'a> {
    Heading(ItemKind, bool),
    Item(&'a AgendaItem),
    /// Unfiled notes come first, under a heading of their own.
    UnfiledHeading(usize),
    Unfiled(&'a Unfiled),
}

/// ```text
///   #3       call: agreed the plan with @Mikko
///            Mon 23 Nov 12:00 · tmux session none; ssh host none
/// ```
fn unfiled_lines(note: &Unfiled, width: usize, ctx: &Look) -> Vec<Line<'static>> {
    let head = vec![Span::styled(
        format!("  {:<LABEL$}  ", format!("#{}", note.number)),
        ctx.theme.muted(),
    )];
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines: Vec<Line> = hanging(head, &note.one_line(), width)
        .into_iter()
        .map(|line| line.patch_style(bold))
        .collect();
    let when = note
        .typed
        .with_timezone(&chrono::Local)
        .format("%a %-d %b %H:%M");
    let place = format!("{when} · {}", note.place.join("; "));
    let indent = vec![Span::raw(" ".repeat(LABEL + 4))];
    lines.extend(
        hanging(indent, &place, width)
            .into_iter()
            .map(|line| line.patch_style(ctx.theme.muted())),
    );
    lines
}

/// `Promises due (4)`.
fn heading(items: &[AgendaItem], kind: ItemKind, gap: bool, ctx: &Look) -> Text<'static> {
    let n = items.iter().filter(|it| it.kind == kind).count();
    let mut lines = Vec::new();
    if gap {
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        format!("{} ({n})", heading_of(kind)),
        ctx.theme.title(false),
    ));
    Text::from(lines)
}

fn heading_of(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::CheckIn => "Check-ins",
        ItemKind::Promise => "Promises due",
        ItemKind::FollowUp => "Follow-ups",
        ItemKind::Date => "Dates",
        ItemKind::QuietPerson => "People gone quiet",
        ItemKind::Coverage => "Coverage gaps",
        ItemKind::Advice => "Free advice",
        ItemKind::Capacity => "Capacity",
    }
}

fn label(urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Overdue => "overdue",
        Urgency::Today => "today",
        Urgency::Soon => "soon",
        Urgency::Note => "",
    }
}

/// ```text
///   overdue  Check in with Nordpay Oy
///   K3F9Q2A  last contact 41 days ago (every 14 days)
///            Ask Mikko about: weekend fishing in Lapland
/// ```
fn lines(item: &AgendaItem, width: usize, ctx: &Look) -> Vec<Line<'static>> {
    let head = vec![Span::styled(
        format!("  {:<LABEL$}  ", label(item.urgency)),
        ctx.theme.urgency(item.urgency),
    )];
    let indent = || vec![Span::raw(" ".repeat(LABEL + 4))];
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines: Vec<Line> = hanging(head, &item.title, width)
        .into_iter()
        .map(|line| line.patch_style(bold))
        .collect();
    let mut more = |head: Vec<Span<'static>>, text: &str, style: Style| {
        lines.extend(
            hanging(head, text, width)
                .into_iter()
                .map(|line| line.patch_style(style)),
        )
    };
    // The id under the urgency, for `rapport agenda --snooze ID` from another pane.
    let id = vec![Span::raw(format!("  {:<LABEL$}  ", item.id))];
    more(id, &item.reason, ctx.theme.muted());
    if let Some(opener) = &item.opener {
        more(indent(), opener, Style::new().fg(ctx.theme.accent));
    }
    lines
}
