//! Colours from the config, turned into ratatui styles once.

use crate::config::Colors;
use crate::insight::{Urgency, Warmth};
use ratatui::style::{Color, Modifier, Style};
use std::str::FromStr;

#[derive(Clone, Debug)]
pub struct Theme {
    warmth: [Color; 5],
    pub accent: Color,
    pub private: Color,
    pub muted: Color,
}

fn color(text: &str) -> Color {
    // The config already checked the spelling; anything ratatui still refuses is plain text.
    Color::from_str(text).unwrap_or(Color::Reset)
}

impl Theme {
    pub fn new(colors: &Colors) -> Self {
        Self {
            warmth: [
                &colors.blazing,
                &colors.warm,
                &colors.cooling,
                &colors.cold,
                &colors.out,
            ]
            .map(|c| color(c)),
            accent: color(&colors.accent),
            private: color(&colors.private),
            muted: color(&colors.muted),
        }
    }

    pub fn warmth(&self, warmth: Warmth) -> Style {
        Style::new().fg(self.warmth[warmth as usize])
    }

    pub fn title(&self, focused: bool) -> Style {
        if focused {
            Style::new().fg(self.accent).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            Style::new().fg(self.accent)
        } else {
            Style::new().fg(self.muted)
        }
    }

    pub fn muted(&self) -> Style {
        Style::new().fg(self.muted)
    }

    pub fn selected(&self, focused: bool) -> Style {
        let base = Style::new().add_modifier(Modifier::REVERSED);
        if focused {
            base
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn warning(&self) -> Style {
        Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// An agenda item's urgency label: red when late, yellow for today, calm otherwise.
    pub fn urgency(&self, urgency: Urgency) -> Style {
        match urgency {
            Urgency::Overdue => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Urgency::Today => self.warning(),
            Urgency::Soon => Style::new().fg(self.accent),
            Urgency::Note => self.muted(),
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::new(&Colors::default())
    }
}

/// An ASCII mark per warmth level (ambiguous-width glyphs would misalign CJK terminals).
pub fn warmth_mark(warmth: Warmth) -> &'static str {
    match warmth {
        Warmth::Blazing => "*",
        Warmth::Warm => "+",
        Warmth::Cooling => "~",
        Warmth::Cold => "-",
        Warmth::Out => ".",
    }
}

/// One emoji per event kind: emoji are two columns wide in every terminal.
pub fn kind_icon(kind: crate::model::Kind) -> &'static str {
    use crate::model::Kind::*;
    match kind {
        Call => "📞",
        Video => "🎥",
        Email => "📧",
        Chat => "💬",
        Meeting => "🤝",
        CheckIn => "👋",
        Win => "🏆",
        Incident => "🔥",
        Promise => "🤞",
        Advice => "💡",
        Favor => "🎁",
        Note => "📝",
    }
}
