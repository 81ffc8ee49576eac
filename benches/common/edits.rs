//! Edits put in place on a generated store, so the benches run "with edits and versions in
//! place" as the goals say: about 1% of the events edited (`events / 100`), every fifth of
//! them twice, spread over the clients' newest notes (what a user corrects). Done once per
//! store, through the store API (each edit its own durable write: a minute or two at 1M), and recorded by the marker file `edited`.

use rapport::store::{Store, StoreOptions};
use std::path::Path;
use std::time::Instant;

const MARKER: &str = "edited";

/// Edits `events / 100` events of the store in `dir` unless that was done already.
pub fn put_in_place(dir: &Path, events: u64) {
    if dir.join(MARKER).exists() {
        return;
    }
    let wanted = (events / 100).max(1) as usize;
    eprintln!("editing {wanted} events of {} (once)…", dir.display());
    let started = Instant::now();
    let store = rapport::store::open(dir, &StoreOptions::default()).unwrap();
    let clients = store.clients().unwrap();
    // Each edit counts once; every fifth event is edited twice, so ~5/6 of `wanted` events.
    let per_client = (wanted * 5 / 6).div_ceil(clients.len().max(1)).max(1);
    let mut edits = 0;
    'clients: for client in &clients {
        let page = store.events_page(client.id, None, per_client).unwrap();
        for (n, mut event) in page.events.into_iter().enumerate() {
            for round in 0..if n % 5 == 0 { 2 } else { 1 } {
                if edits >= wanted {
                    break 'clients;
                }
                event.text = format!("{} (corrected {round})", event.text);
                store.edit_event(&event, chrono::Utc::now()).unwrap();
                edits += 1;
            }
        }
    }
    drop(store);
    std::fs::write(dir.join(MARKER), edits.to_string()).unwrap();
    eprintln!(
        "  {edits} edits in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
