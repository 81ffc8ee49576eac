//! `rapport trust CLIENT [--since DATE]`: the trust score now and what it means, how it went
//! day by day over the period (the dashboard's chart: several days a column for a long
//! period, with its high and low) and the events that moved it most. Reads one client's
//! timeline back to the start of the period, never further.

use super::output::json;
use super::Ctx;
use crate::insight::{self, Chart, Mover};
use crate::model::Event;
use crate::store::Store;
use crate::when;
use anyhow::Result;
use chrono::{DateTime, Duration, Utc};
use clap::Args;
use serde::Serialize;

const PAGE: usize = 256;
/// The period when no --since is given.
const DEFAULT_DAYS: i64 = 90;
/// Columns of the sparkline at most (90 days take 45, two days each, as the dashboard draws
/// them in a wide pane).
const COLUMNS: usize = 60;
/// Movers listed (the JSON has them all).
const SHOWN: usize = 10;

#[derive(Args, Debug)]
#[command(
    about = "Explain a client's trust score: now, over a period, and the events that moved it most",
    after_help = "Examples:\n  rapport trust acme\n  rapport trust acme --since 2026-06-01 --json"
)]
pub struct TrustArgs {
    /// The client (name, alias or unique prefix)
    client: String,
    /// Start of the period [default: 90 days ago]
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Explained {
    client: String,
    since: DateTime<Utc>,
    score: f64,
    score_at_since: f64,
    series: Vec<(DateTime<Utc>, f64)>,
    movers: Vec<MoverJson>,
}

#[derive(Serialize)]
struct MoverJson {
    id: String,
    at: DateTime<Utc>,
    kind: String,
    text: String,
    delta: i8,
    weight_now: f64,
}

impl From<&Mover> for MoverJson {
    fn from(m: &Mover) -> Self {
        Self {
            id: m.event.to_string(),
            at: m.at,
            kind: m.kind.to_string(),
            text: m.text.clone(),
            delta: m.delta,
            weight_now: round(m.weight_now),
        }
    }
}

pub fn run(ctx: &Ctx, args: TrustArgs) -> Result<()> {
    let store = ctx.open_store()?;
    let client = super::find_client(&*store, &args.client)?;
    let since = match &args.since {
        Some(day) => when::start_of(when::day(day, ctx.now)?),
        None => ctx.now - Duration::days(DEFAULT_DAYS),
    };
    let events = events_since(&*store, client.id, since)?;
    let score = store.summary(client.id)?.trust;
    let half_life = ctx.config.half_life_days();
    let series = insight::series(&score, &events, ctx.now, half_life, since);
    let movers = insight::explain(&events, ctx.now, half_life, since);
    let explained = Explained {
        client: client.name.clone(),
        since,
        score: round(score.at(ctx.now, half_life)),
        score_at_since: round(insight::score_at(
            &score, &events, ctx.now, half_life, since,
        )),
        series: series.iter().map(|(t, s)| (*t, round(*s))).collect(),
        movers: movers.iter().map(MoverJson::from).collect(),
    };
    if args.json {
        return json(&explained);
    }
    out!("{}", render(&explained, &series, &movers, half_life))?;
    Ok(())
}

/// The client's events after `since`, newest first, reading pages only as far back as that.
fn events_since(
    store: &dyn Store,
    client: crate::model::ClientId,
    since: DateTime<Utc>,
) -> Result<Vec<Event>> {
    let mut events = Vec::new();
    let mut cursor = None;
    loop {
        let page = store.events_page(client, cursor.as_ref(), PAGE)?;
        let before = page.events.iter().position(|e| e.at <= since);
        match before {
            Some(end) => {
                events.extend(page.events.into_iter().take(end));
                return Ok(events);
            }
            None => events.extend(page.events),
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => return Ok(events),
        }
    }
}

fn render(
    e: &Explained,
    series: &[(DateTime<Utc>, f64)],
    movers: &[Mover],
    half_life: f64,
) -> String {
    let since = insight::today(e.since);
    let mut out = format!(
        "Trust in {}: {:+.1} of ±10 now, {:+.1} on {since} ({:+.1})\n",
        e.client,
        e.score,
        e.score_at_since,
        e.score - e.score_at_since
    );
    let daily: Vec<f64> = series.iter().map(|(_, s)| *s).collect();
    let chart = Chart::new(&daily, COLUMNS);
    out += &format!(
        "  {since} {} now\n             {} · {}\n",
        sparkline(&chart),
        chart.per_column(),
        chart.scale()
    );
    out += &format!(
        "\n  The score runs from -10 to +10: +10 when all that moved trust lately went\n  \
         well, and plenty of it; 0 when good and bad balance, or little is known yet;\n  \
         -10 when all went badly. A movement weighs half after {half_life} days, so logging\n  \
         more often makes the score surer, not bigger.\n"
    );
    if movers.is_empty() {
        out += &format!("\nNothing moved trust since {since}.\n");
        return out;
    }
    out +=
        &format!("\nWhat moved it most since {since} (movement, and what is left of it today)\n");
    for m in movers.iter().take(SHOWN) {
        let text = m.text.replace('\n', " ⏎ ");
        out += &format!(
            "  {}  {:+}  ({:+.2})  {:<8} {text}\n",
            when::show(m.at),
            m.delta,
            m.weight_now,
            m.kind.as_str()
        );
    }
    if movers.len() > SHOWN {
        out += &format!(
            "  … and {} smaller (--json lists all)\n",
            movers.len() - SHOWN
        );
    }
    out
}

/// The chart's columns as block characters, on the dashboard's scale (a flat series flat).
fn sparkline(chart: &Chart) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    (chart.heights(8).into_iter())
        .map(|h| BARS[(h as usize).clamp(1, 8) - 1])
        .collect()
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
