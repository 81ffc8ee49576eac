//! The report's fixed words (headings, states, "made during the call of") in each language a
//! report is written in. Each phrase keeps its languages side by side, so adding one is a
//! column, and a phrase cannot be missing in one of them: the `match` says so.

use super::{Report, State};
use crate::model::{Kind, Lang};
use chrono::NaiveDate;

/// The words of one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words(pub Lang);

/// The sections, in the order the report shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Work,
    Wins,
    Incidents,
    Settled,
    Open,
}

impl Words {
    pub fn title(self, client: &str) -> String {
        match self.0 {
            Lang::En => format!("{client}: client report"),
            Lang::Ja => format!("{client} 様 業務報告"),
        }
    }

    /// What goes between the first and the last day: `2026-10-01 to 2026-11-23`.
    pub fn to(self) -> &'static str {
        match self.0 {
            Lang::En => " to ",
            Lang::Ja => " 〜 ",
        }
    }

    pub fn section(self, section: Section) -> &'static str {
        use Section::*;
        match (self.0, section) {
            (Lang::En, Work) => "Work done",
            (Lang::En, Wins) => "Wins",
            (Lang::En, Incidents) => "Incidents handled",
            (Lang::En, Settled) => "Promises kept and broken",
            (Lang::En, Open) => "Open items",
            (Lang::Ja, Work) => "実施した作業",
            (Lang::Ja, Wins) => "成果",
            (Lang::Ja, Incidents) => "対応した障害",
            (Lang::Ja, Settled) => "完了した約束・果たせなかった約束",
            (Lang::Ja, Open) => "未完了の項目",
        }
    }

    pub fn none(self) -> &'static str {
        match self.0 {
            Lang::En => "None in this period.",
            Lang::Ja => "この期間はありません。",
        }
    }

    pub fn kind(self, kind: Kind) -> &'static str {
        match self.0 {
            Lang::En => kind.as_str(),
            Lang::Ja => match kind {
                Kind::Call => "通話",
                Kind::Video => "ビデオ通話",
                Kind::Email => "メール",
                Kind::Chat => "チャット",
                Kind::Meeting => "会議",
                Kind::CheckIn => "定期連絡",
                Kind::Win => "成果",
                Kind::Incident => "障害",
                Kind::Promise => "約束",
                Kind::Advice => "助言",
                Kind::Favor => "支援",
                Kind::Note => "メモ",
            },
        }
    }

    /// The label of a promise's state: "Kept", "Broken", "Open", "Overdue".
    pub fn state(self, state: State) -> &'static str {
        match (self.0, state) {
            (Lang::En, State::Kept(_)) => "Kept",
            (Lang::En, State::Broken(_)) => "Broken",
            (Lang::En, State::Open) => "Open",
            (Lang::En, State::Overdue) => "Overdue",
            (Lang::Ja, State::Kept(_)) => "完了",
            (Lang::Ja, State::Broken(_)) => "未達",
            (Lang::Ja, State::Open) => "未完了",
            (Lang::Ja, State::Overdue) => "期限超過",
        }
    }

    /// `with Anna, Mikko`: the people who took part.
    pub fn with(self, people: &str) -> String {
        match self.0 {
            Lang::En => format!("with {people}"),
            Lang::Ja => format!("参加: {people}"),
        }
    }

    pub fn due(self, day: NaiveDate) -> String {
        match self.0 {
            Lang::En => format!("due {day}"),
            Lang::Ja => format!("期限 {day}"),
        }
    }

    /// `made 2026-11-20`, or `made during the call of 2026-11-12`.
    pub fn made(self, day: NaiveDate, during: Option<Kind>) -> String {
        match (self.0, during) {
            (Lang::En, None) => format!("made {day}"),
            (Lang::En, Some(kind)) => format!("made during the {kind} of {day}"),
            (Lang::Ja, None) => format!("{day} に約束"),
            (Lang::Ja, Some(kind)) => format!("{day} の{}で約束", self.kind(kind)),
        }
    }

    /// "Prepared by Aino Virtanen, Virtanen DBA Oy"; nothing when neither is given.
    pub fn prepared_by(self, author: Option<&str>, company: Option<&str>) -> Option<String> {
        let who = match (self.0, author, company) {
            (_, None, None) => return None,
            (_, Some(one), None) | (_, None, Some(one)) => one.to_string(),
            (Lang::En, Some(author), Some(company)) => format!("{author}, {company}"),
            // A Japanese signature names the company first.
            (Lang::Ja, Some(author), Some(company)) => format!("{company} {author}"),
        };
        Some(match self.0 {
            Lang::En => format!("Prepared by {who}"),
            Lang::Ja => format!("作成: {who}"),
        })
    }

    /// The page's last line: "Report made on 2026-11-23."
    pub fn made_on(self, day: NaiveDate) -> String {
        match self.0 {
            Lang::En => format!("Report made on {day}."),
            Lang::Ja => format!("{day} 作成。"),
        }
    }

    /// "3 h 15 min", "45 min"; "3時間15分".
    pub fn duration(self, minutes: u32) -> String {
        let (h, m) = (minutes / 60, minutes % 60);
        match (self.0, h, m) {
            (Lang::En, 0, m) => format!("{m} min"),
            (Lang::En, h, 0) => format!("{h} h"),
            (Lang::En, h, m) => format!("{h} h {m} min"),
            (Lang::Ja, 0, m) => format!("{m}分"),
            (Lang::Ja, h, 0) => format!("{h}時間"),
            (Lang::Ja, h, m) => format!("{h}時間{m}分"),
        }
    }

    /// The report in one sentence: how much happened, and where the promises stand.
    pub fn summary(self, report: &Report) -> String {
        let (kept, broken) = report.kept_broken();
        let open = report.open.len();
        let overdue = (report.open.iter())
            .filter(|p| p.state == State::Overdue)
            .count();
        let (work, wins, incidents) =
            (report.work.len(), report.wins.len(), report.incidents.len());
        let recorded = (report.minutes > 0).then(|| self.duration(report.minutes));
        match self.0 {
            Lang::En => format!(
                "In this period: {}{}, {}, {} handled; promises: {kept} kept, {broken} broken, {open} open{}.",
                count(work, "piece of work", "pieces of work"),
                recorded.map(|d| format!(" ({d} recorded)")).unwrap_or_default(),
                count(wins, "win", "wins"),
                count(incidents, "incident", "incidents"),
                match overdue {
                    0 => String::new(),
                    n => format!(" ({n} overdue)"),
                }
            ),
            Lang::Ja => format!(
                "この期間: 作業 {work} 件{}、成果 {wins} 件、障害対応 {incidents} 件。約束: 完了 {kept} 件、未達 {broken} 件、未完了 {open} 件{}。",
                recorded.map(|d| format!("（記録 {d}）")).unwrap_or_default(),
                match overdue {
                    0 => String::new(),
                    n => format!("（うち期限超過 {n} 件）"),
                }
            ),
        }
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_has_its_japanese() {
        let (en, ja) = (Words(Lang::En), Words(Lang::Ja));
        let day = NaiveDate::from_ymd_opt(2026, 11, 12).unwrap();
        assert_eq!(
            en.made(day, Some(Kind::Call)),
            "made during the call of 2026-11-12"
        );
        assert_eq!(ja.made(day, Some(Kind::Call)), "2026-11-12 の通話で約束");
        assert_eq!(ja.duration(135), "2時間15分");
        assert_eq!(en.duration(135), "2 h 15 min");
        for kind in Kind::ALL {
            assert!(!ja.kind(*kind).is_ascii(), "{kind}");
        }
        assert_eq!(
            en.prepared_by(Some("Aino"), Some("Virtanen DBA"))
                .as_deref(),
            Some("Prepared by Aino, Virtanen DBA")
        );
        assert_eq!(
            ja.prepared_by(Some("Aino"), Some("Virtanen DBA"))
                .as_deref(),
            Some("作成: Virtanen DBA Aino")
        );
        assert_eq!(en.prepared_by(None, None), None);
        assert_eq!(
            en.prepared_by(None, Some("Virtanen DBA")).as_deref(),
            Some("Prepared by Virtanen DBA")
        );
    }
}
