//! Vocabulary for synthetic data: names and note fragments that read like a DBA's notes, so
//! benchmarks see realistic text lengths and some multi-byte (Japanese) text.

use crate::model::Kind;
use fastrand::Rng;

/// Kinds weighted by how often a consultant logs them (100 entries, so an index is a percentage).
pub(super) const KINDS: [Kind; 100] = {
    let weights: [(Kind, usize); 12] = [
        (Kind::Call, 10),
        (Kind::Video, 8),
        (Kind::Email, 20),
        (Kind::Chat, 15),
        (Kind::Meeting, 6),
        (Kind::CheckIn, 8),
        (Kind::Win, 3),
        (Kind::Incident, 4),
        (Kind::Promise, 6),
        (Kind::Advice, 10),
        (Kind::Favor, 3),
        (Kind::Note, 7),
    ];
    let mut kinds = [Kind::Note; 100];
    let (mut w, mut i) = (0, 0);
    while w < weights.len() {
        let mut n = 0;
        while n < weights[w].1 {
            kinds[i] = weights[w].0;
            i += 1;
            n += 1;
        }
        w += 1;
    }
    kinds
};

pub(super) const TAGS: &[&str] = &[
    "postgres",
    "oracle",
    "mysql",
    "upgrade",
    "backup",
    "replication",
    "billing",
    "security",
];

const FIRST: &[&str] = &[
    "Mikko", "Anna", "Jari", "Laura", "Teemu", "Sanna", "Erik", "Sofia", "Pekka", "Riikka",
    "Johan", "Karin", "Olli", "Heidi", "Timo", "Minna", "David", "Sarah", "Ville", "Anu",
];
const LAST: &[&str] = &[
    "Virtanen",
    "Korhonen",
    "Nieminen",
    "Mäkinen",
    "Lindqvist",
    "Berg",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Smith",
    "Järvinen",
    "Lehtonen",
];
const JA_FAMILY: &[&str] = &[
    "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
];
const JA_GIVEN: &[&str] = &[
    "健一",
    "美咲",
    "大輔",
    "由美",
    "翔太",
    "陽子",
    "拓也",
    "恵",
    "誠",
    "真由美",
    "直樹",
    "彩",
    "浩",
    "愛",
    "和也",
    "智子",
    "亮",
    "優子",
    "剛",
    "結衣",
];

/// Every eighth client is a Japanese company, with Japanese names and mostly Japanese notes.
pub(super) fn is_japanese_client(c: usize) -> bool {
    c % 8 == 3
}

/// The `slot`th person of client `c`. Slots below 20 get distinct first (given) names, and a
/// client never has more than 19 people, so names are unique within a client.
pub(super) fn person_name(rng: &mut Rng, c: usize, slot: usize) -> String {
    let pick = |list: &[&'static str], rng: &mut Rng| list[rng.usize(..list.len())];
    if is_japanese_client(c) {
        let given = JA_GIVEN[(c + slot) % JA_GIVEN.len()];
        format!("{} {given}", pick(JA_FAMILY, rng))
    } else {
        let first = FIRST[(c * 7 + slot) % FIRST.len()];
        format!("{first} {}", pick(LAST, rng))
    }
}

/// Indexed by `Kind as usize`, in declaration order.
const OPENERS: [&str; 12] = [
    "Call",
    "Video call",
    "Mailed",
    "Slack",
    "Meeting on site",
    "Quarterly check-in",
    "Win",
    "Incident",
    "Promised",
    "Quick question",
    "Did them a favour",
    "Note",
];

const TOPICS: &[&str] = &[
    "replication lag during month-end close",
    "pg_upgrade from 12 to 16 rehearsed on a clone",
    "autovacuum falling behind on the orders table",
    "index bloat on ledger_entries, REINDEX CONCURRENTLY planned",
    "failover test with Patroni went fine",
    "Oracle licence audit: count the cores again",
    "backups restore in 40 min, RPO ok",
    "pgBouncer pool exhausted at 09:00 peak",
    "long-running report query holding locks",
    "disk at 85% on the primary, WAL archive lagging",
    "they want read replicas for the BI team",
    "work_mem too high, OOM killer on the replica",
    "checksum errors on the old SAN, migrate soon",
    "slow query log reviewed, three missing indexes",
    "budget for next quarter still open",
    "new CTO starts next month",
    "MySQL 5.7 end of life, plan the move",
    "TLS certificates for the replicas expire in May",
];

const JA_TOPICS: &[&str] = &[
    "月末のレプリケーション遅延について相談",
    "VACUUMの設定を見直したいとのこと",
    "インデックスの肥大化、週末にREINDEX予定",
    "フェイルオーバー試験は問題なし",
    "バックアップのリストア手順を共有しました",
    "来期の予算はまだ未定",
    "PostgreSQL 16へのアップグレード計画",
    "深夜のバッチが遅い、実行計画を確認",
];

/// Note texts of 40 to 200 characters, assembled from the fragments above.
pub(super) struct Texts {
    topics: Vec<(&'static str, usize)>,
    ja_topics: Vec<(&'static str, usize)>,
}

impl Texts {
    pub fn new() -> Self {
        // Lengths in characters, counted once rather than per event.
        let count = |list: &[&'static str]| list.iter().map(|s| (*s, s.chars().count())).collect();
        Texts {
            topics: count(TOPICS),
            ja_topics: count(JA_TOPICS),
        }
    }

    pub fn text(&self, rng: &mut Rng, kind: Kind, japanese_client: bool) -> String {
        let japanese = rng.u8(..100) < if japanese_client { 60 } else { 2 };
        let pool = if japanese {
            &self.ja_topics
        } else {
            &self.topics
        };
        let target = rng.usize(40..=200);
        // Room for the longest text, so it never reallocates (Japanese is 3 bytes a character).
        let mut text = String::with_capacity(if japanese { 600 } else { 200 });
        let mut len = 0;
        if !japanese {
            let opener = OPENERS[kind as usize];
            text.push_str(opener);
            text.push_str(": ");
            len = opener.len() + 2;
        }
        // Every fragment is under 70 characters, so one always fits while under 40.
        let mut first = true;
        while len < target {
            let (fragment, n) = pool[rng.usize(..pool.len())];
            // Separators, with their length in characters; none after the opener's colon.
            let (sep, sep_len) = match (first, japanese) {
                (true, _) => ("", 0),
                (_, true) => ("。", 1),
                _ => ("; ", 2),
            };
            if len + sep_len + n > 200 {
                if len >= 40 {
                    break;
                }
                continue;
            }
            text.push_str(sep);
            text.push_str(fragment);
            len += sep_len + n;
            first = false;
        }
        text
    }
}
