//! One line under the capture box that says what will be stored, so syntax that read (or did
//! not) is visible before saving.

use super::Parsed;

impl Parsed {
    /// `call · with Mikko, Anna Lee · +1 · #replication · 45 min · 🔒 private · due Fri 2026-11-27`:
    /// the kind, then only what the note sets; last the promises made in it
    /// (`promise due Fri 2026-11-27: I will send the doc`).
    pub fn preview(&self) -> String {
        let mut parts = vec![self.kind.as_str().to_string()];
        if !self.mentions.is_empty() {
            parts.push(format!("with {}", self.mentions.join(", ")));
        }
        if let Some(trust) = self.trust {
            parts.push(format!("{trust:+}"));
        }
        if !self.tags.is_empty() {
            let tags: Vec<String> = self.tags.iter().map(|t| format!("#{t}")).collect();
            parts.push(tags.join(" "));
        }
        if let Some(minutes) = self.minutes {
            parts.push(duration(minutes));
        }
        if self.billed {
            parts.push("billed".into());
        }
        if self.private {
            parts.push("🔒 private".into());
        }
        if let Some(due) = self.due {
            parts.push(format!("due {}", due.format("%a %Y-%m-%d")));
        }
        if let Some(day) = self.follow {
            let weekday = day.format("%a").to_string().to_lowercase();
            parts.push(format!("follow up {weekday} {day}"));
        }
        if let Some(at) = self.at {
            let local = at.with_timezone(&chrono::Local);
            parts.push(format!("at {}", local.format("%a %Y-%m-%d %H:%M")));
        }
        for promise in &self.promises {
            let due = promise.due.format("%a %Y-%m-%d");
            parts.push(format!("promise due {due}: {}", promise.text));
        }
        parts.join(" · ")
    }
}

/// `45 min`, `1 h`, `1 h 30 min`.
fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use chrono::NaiveDate;

    #[test]
    fn shows_only_what_is_set() {
        assert_eq!(Parsed::default().preview(), "note");
        let full = Parsed {
            kind: Kind::Call,
            text: "ignored".into(),
            mentions: vec!["Mikko".into(), "Anna Lee".into()],
            tags: vec!["replication".into(), "db".into()],
            trust: Some(1),
            private: true,
            due: NaiveDate::from_ymd_opt(2026, 11, 27),
            minutes: Some(90),
            billed: true,
            ..Parsed::default()
        };
        assert_eq!(
            full.preview(),
            "call · with Mikko, Anna Lee · +1 · #replication #db · 1 h 30 min · billed · 🔒 private · due Fri 2026-11-27"
        );
        assert_eq!(duration(45), "45 min");
        assert_eq!(duration(120), "2 h");
        let zero = Parsed {
            trust: Some(0),
            ..Parsed::default()
        };
        assert_eq!(zero.preview(), "note · +0");
        let follow = Parsed {
            follow: NaiveDate::from_ymd_opt(2026, 12, 4),
            ..Parsed::default()
        };
        assert_eq!(follow.preview(), "note · follow up fri 2026-12-04");
    }
}
