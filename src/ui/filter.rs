//! The filter popup (`f`): kinds as a row of toggles (`[call]` is on), the person with the
//! matching names listed under it while it is focused, tag, privacy and the two dates with what
//! they read as. Laid out like the add/edit form, whose pieces it borrows.

use super::form::{beside, head, wrap, VALUE_COLUMN};
use super::{fit, Look};
use crate::app::filter::{FilterField, FilterForm, PERSON_ROWS, PRIVATE};
use crate::app::form::TextInput;
use crate::model::Kind;
use crate::width::Columns;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

const WIDTH: u16 = 72;

/// The popup's lines as they are built, and where the terminal cursor goes.
struct Lines<'a> {
    lines: Vec<Line<'static>>,
    cursor: Option<(usize, usize)>,
    value_width: usize,
    ctx: &'a Look<'a>,
}

pub fn draw(frame: &mut Frame, area: Rect, form: &FilterForm, ctx: &Look) {
    let width = WIDTH.min(area.width);
    let value_width = usize::from(width.saturating_sub(2)).saturating_sub(VALUE_COLUMN + 1);
    let mut out = Lines {
        lines: Vec::new(),
        cursor: None,
        value_width,
        ctx,
    };
    out.kinds(form);
    out.person(form);
    out.text(
        form,
        FilterField::Tag,
        "tag",
        &form.tag,
        "replication",
        None,
    );
    out.private(form);
    let from_hint = "2026-05-01, may 1, 3 weeks ago";
    let from_note = form.from_note.as_deref();
    out.text(
        form,
        FilterField::From,
        "from",
        &form.from,
        from_hint,
        from_note,
    );
    let until_note = form.until_note.as_deref();
    out.text(
        form,
        FilterField::Until,
        "until",
        &form.until,
        "2026-06-30, yesterday: that day included",
        until_note,
    );
    let height = (out.lines.len() as u16 + 2).min(area.height);
    let popup = super::centered(area, width, height);
    let title = format!(" Filter {}'s timeline ", form.client);
    let block = Block::bordered()
        .title(Span::styled(
            fit(&title, usize::from(width.saturating_sub(4))),
            ctx.theme.title(true),
        ))
        .title_bottom(Span::styled(
            " Enter apply · Esc cancel ",
            ctx.theme.muted(),
        ))
        .border_style(ctx.theme.border(true));
    let inner = block.inner(popup);
    let focus_line = out.cursor.map_or(0, |(line, _)| line);
    let offset = super::offset_for(focus_line, usize::from(inner.height));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(out.lines)
            .block(block)
            .scroll((offset as u16, 0)),
        popup,
    );
    if let Some((line, column)) = out.cursor {
        let x = inner.x + (VALUE_COLUMN + column) as u16;
        let y = inner.y + (line - offset) as u16;
        if x < inner.right() && y < inner.bottom() {
            frame.set_cursor_position(Position::new(x, y));
        }
    }
}

impl Lines<'_> {
    fn indent(&self) -> Span<'static> {
        Span::raw(" ".repeat(VALUE_COLUMN))
    }

    /// The problem `build` found for `field`, if any, under it.
    fn error(&mut self, form: &FilterForm, field: FilterField) {
        let Some((_, problem)) = form.error.as_ref().filter(|(f, _)| *f == field) else {
            return;
        };
        for part in wrap(problem, self.value_width.max(1)) {
            let line = Line::from(vec![
                self.indent(),
                Span::styled(part, self.ctx.theme.warning()),
            ]);
            self.lines.push(line);
        }
    }

    /// `[call] video  email …`, wrapped; the kind under the Left/Right cursor reversed.
    fn kinds(&mut self, form: &FilterForm) {
        let focused = form.focus == FilterField::Kinds;
        let mut spans = head("kinds", focused, self.ctx);
        let mut used = 0;
        for (i, kind) in Kind::ALL.iter().enumerate() {
            let on = form.kinds.contains(kind);
            let word = if on {
                format!("[{kind}]")
            } else {
                format!(" {kind} ")
            };
            // Each word carries its own brackets or blanks, so toggling never moves the row.
            if used > 0 && used + word.columns() > self.value_width {
                self.lines.push(Line::from(std::mem::take(&mut spans)));
                spans.push(self.indent());
                used = 0;
            }
            used += word.columns();
            let style = match (focused && i == form.kind_cursor, on) {
                (true, _) => self.ctx.theme.selected(true),
                (false, true) => self.ctx.theme.title(false),
                (false, false) => self.ctx.theme.muted(),
            };
            spans.push(Span::styled(word, style));
        }
        if form.kinds.is_empty() {
            let note = beside(
                "(all kinds)",
                self.value_width.saturating_sub(used),
                self.ctx,
            );
            spans.extend(note);
        }
        self.lines.push(Line::from(spans));
    }

    /// The typed name; while focused the matching people under it (the chosen one marked),
    /// otherwise the chosen name beside it.
    fn person(&mut self, form: &FilterForm) {
        let focused = form.focus == FilterField::Person;
        let pick = &form.person;
        let note = match (pick.query.text().trim().is_empty(), pick.name()) {
            (true, _) => None,
            (false, Some(name)) if !focused => Some(format!("= {name}")),
            (false, None) => Some("no one matches".to_string()),
            (false, Some(_)) => None,
        };
        self.text(
            form,
            FilterField::Person,
            "person",
            &pick.query,
            "a few letters of a name (empty: anyone)",
            note.as_deref(),
        );
        if !focused {
            return;
        }
        let first = pick.chosen.saturating_sub(PERSON_ROWS - 1);
        for (i, (_, parts)) in pick
            .matches
            .iter()
            .enumerate()
            .skip(first)
            .take(PERSON_ROWS)
        {
            let chosen = i == pick.chosen;
            let mut spans = vec![self.indent()];
            spans.push(Span::raw(if chosen { "> " } else { "  " }));
            spans.extend(parts.iter().map(|(text, hit)| {
                let style = if *hit {
                    self.ctx
                        .theme
                        .title(true)
                        .add_modifier(Modifier::UNDERLINED)
                } else {
                    Style::new()
                };
                Span::styled(text.clone(), style)
            }));
            let line = Line::from(spans);
            self.lines.push(if chosen {
                line.patch_style(self.ctx.theme.selected(false))
            } else {
                line
            });
        }
        if pick.matches.len() > first + PERSON_ROWS {
            let more = format!(
                "  … {} more: type more letters",
                pick.matches.len() - first - PERSON_ROWS
            );
            let line = Line::from(vec![
                self.indent(),
                Span::styled(more, self.ctx.theme.muted()),
            ]);
            self.lines.push(line);
        }
    }

    fn private(&mut self, form: &FilterForm) {
        let focused = form.focus == FilterField::Private;
        let mut spans = head("private", focused, self.ctx);
        let style = if focused {
            self.ctx.theme.selected(true)
        } else {
            self.ctx.theme.title(false).remove_modifier(Modifier::BOLD)
        };
        // ASCII arrows, as in the form: ambiguous-width glyphs shift columns in CJK terminals.
        spans.push(Span::styled("< ", self.ctx.theme.muted()));
        spans.push(Span::styled(PRIVATE[form.private], style));
        spans.push(Span::styled(" >", self.ctx.theme.muted()));
        self.lines.push(Line::from(spans));
        self.error(form, FilterField::Private);
    }

    /// A one-line text field, the hint while it is empty, `note` dimmed beside the value.
    fn text(
        &mut self,
        form: &FilterForm,
        field: FilterField,
        label: &str,
        input: &TextInput,
        hint: &str,
        note: Option<&str>,
    ) {
        let focused = form.focus == field;
        let mut spans = head(label, focused, self.ctx);
        let at = if input.text().is_empty() {
            spans.push(Span::styled(
                fit(hint, self.value_width),
                self.ctx.theme.muted(),
            ));
            0
        } else {
            let (shown, at) = input.window(self.value_width);
            let used = shown.columns();
            let style = if focused {
                self.ctx.theme.title(false)
            } else {
                Style::new()
            };
            spans.push(Span::styled(shown, style));
            if let Some(note) = note {
                spans.extend(beside(
                    note,
                    self.value_width.saturating_sub(used),
                    self.ctx,
                ));
            }
            at
        };
        if focused {
            self.cursor = Some((self.lines.len(), at));
        }
        self.lines.push(Line::from(spans));
        self.error(form, field);
    }
}
