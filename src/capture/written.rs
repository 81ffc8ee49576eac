//! An event written back in the inline syntax, so that the note box can open on it for an
//! edit and reading the result gives the same event: `call: failover went fine @Mikko
//! #replication +1 45m at:2026-11-12_10:00`. Only this module writes the syntax; reading it
//! stays `syntax.rs`'s.

use super::syntax::takes_time;
use super::token;
use crate::model::{Event, Kind, PersonId};
use std::collections::HashMap;

/// `event` as a note that reads back as it: the kind word, the text (words that would read
/// as syntax kept as text with `\`), then its people, tags, trust, time spent, privacy, due
/// date and time. `names` names its people; one it does not know is left out.
pub fn written(event: &Event, names: &HashMap<PersonId, String>) -> String {
    let text: Vec<String> = event.text.lines().map(escape_line).collect();
    let mut syntax: Vec<String> = Vec::new();
    for person in &event.people {
        if let Some(name) = names.get(person) {
            syntax.push(format!("@{}", name.replace(' ', "_")));
        }
    }
    syntax.extend(event.tags.iter().map(|t| format!("#{t}")));
    syntax.push(format!("{:+}", event.trust));
    if let Some(minutes) = event.minutes.filter(|_| takes_time(event.kind)) {
        syntax.push(duration(minutes));
    }
    if event.billed && event.kind == Kind::Advice {
        syntax.push("billed".into());
    }
    if event.private {
        syntax.push("!private".into());
    }
    if let Some(due) = event.promise.as_ref().and_then(|p| p.due) {
        syntax.push(format!("due:{}", due.format("%Y-%m-%d")));
    }
    let local = event.at.with_timezone(&chrono::Local);
    syntax.push(format!("at:{}", local.format("%Y-%m-%d_%H:%M")));
    format!("{}: {} {}", event.kind, text.join("\n"), syntax.join(" "))
}

/// A line of stored text with each word that would read as syntax marked as text.
fn escape_line(line: &str) -> String {
    let words: Vec<String> = line
        .split_whitespace()
        .map(|word| {
            let marked = format!("\\{word}");
            match token::escaped(&marked) {
                Some(_) => marked,
                None => word.to_string(),
            }
        })
        .collect();
    words.join(" ")
}

/// `45m`, `1h`, `1h30`, as the syntax reads them.
fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::{parse, Vocabulary};
    use crate::model::{EventId, PromiseInfo};
    use chrono::{DateTime, NaiveDate, TimeZone, Timelike, Utc};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
    }

    /// Reads `written` back and checks every field a note says survives.
    fn round_trip(event: &Event, names: &HashMap<PersonId, String>) {
        let text = written(event, names);
        let known = Vocabulary::new(names.values(), event.tags.iter());
        let read = parse(&text, &known, now());
        assert!(read.doubtful.is_empty(), "{text}: {:?}", read.doubtful);
        assert_eq!(read.kind, event.kind, "{text}");
        assert_eq!(read.text, event.text, "{text}");
        assert_eq!(read.tags, event.tags, "{text}");
        assert_eq!(read.trust, Some(event.trust), "{text}");
        assert_eq!(read.private, event.private, "{text}");
        assert_eq!(read.minutes, event.minutes, "{text}");
        assert_eq!(read.billed, event.billed, "{text}");
        assert_eq!(
            read.due,
            event.promise.as_ref().and_then(|p| p.due),
            "{text}"
        );
        assert_eq!(read.at, event.at.with_second(0), "{text}");
        let people: Vec<&String> = event.people.iter().map(|p| &names[p]).collect();
        let mentions: Vec<&String> = read.mentions.iter().collect();
        assert_eq!(mentions, people, "{text}");
        assert!(read.promises.is_empty(), "{text}");
    }

    #[test]
    fn what_is_written_reads_back_as_the_event() {
        let (mikko, anna, tanaka) = (
            PersonId::new_at(1),
            PersonId::new_at(2),
            PersonId::new_at(3),
        );
        let names: HashMap<PersonId, String> = [
            (mikko, "Mikko".to_string()),
            (anna, "Anna Lee".to_string()),
            (tanaka, "田中".to_string()),
        ]
        .into();
        let at = now() - chrono::Duration::days(11) + chrono::Duration::seconds(17);
        let call = Event {
            id: EventId::new_at(1),
            kind: Kind::Call,
            at,
            text: "failover with Mikko went fine, +1 on the plan\n#2 next: due:soon".into(),
            people: vec![mikko, anna],
            tags: vec!["replication".into(), "移行".into()],
            trust: 1,
            minutes: Some(90),
            ..Event::default()
        };
        round_trip(&call, &names);
        let promise = Event {
            kind: Kind::Promise,
            text: "日程を送る".into(),
            people: vec![tanaka],
            trust: -1,
            private: true,
            minutes: None,
            promise: Some(PromiseInfo {
                due: NaiveDate::from_ymd_opt(2026, 12, 1),
                ..PromiseInfo::default()
            }),
            ..call.clone()
        };
        round_trip(&promise, &names);
        let advice = Event {
            kind: Kind::Advice,
            text: "explained partitioning".into(),
            people: vec![],
            tags: vec![],
            trust: 0,
            minutes: Some(45),
            billed: true,
            ..call.clone()
        };
        round_trip(&advice, &names);
        assert!(
            written(&advice, &names).starts_with("advice: explained partitioning +0 45m billed")
        );
    }
}
