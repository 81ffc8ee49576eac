//! While a dashboard holds the store, commands reach it through its socket. The dashboard's
//! side is played here by the test process: it opens the store and serves it, exactly as the
//! dashboard does, and the real binary is run beside it.

mod common;
use common::Rapport;
use rapport::model::Kind;
use rapport::store::{Store, StoreOptions};
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::Arc;

#[test]
fn every_command_works_through_a_running_dashboards_socket() {
    let r = Rapport::new();
    r.ok(&["client", "add", "Acme Oy", "--alias", "acme"]);
    r.ok(&[
        "person",
        "add",
        "acme",
        "Mikko Virtanen",
        "--role",
        "gatekeeper",
    ]);
    let store = Arc::new(rapport::store::open(&r.data_dir(), &StoreOptions::default()).unwrap());
    let writes = Arc::new(AtomicUsize::new(0));
    let counted = writes.clone();
    let serving = rapport::socket::serve(&r.data_dir(), store.clone(), move |_| {
        counted.fetch_add(1, SeqCst);
    })
    .unwrap();

    // A note: stored by the serving process, which is told so it can redraw.
    let id = r.ok(&["note", "acme", "call: via the socket @Mikko +1 #db 🎣"]);
    let event = store
        .event(id.trim().parse().unwrap())
        .unwrap()
        .expect("stored");
    assert_eq!(
        (event.kind, event.trust, event.people.len()),
        (Kind::Call, 1, 1)
    );
    assert_eq!(writes.load(SeqCst), 1);

    // Reads, a client write and a tombstone all go the same way.
    assert_eq!(r.log("acme", &[]).len(), 1);
    assert_eq!(r.clients().len(), 1);
    r.ok(&["client", "add", "Beta Oy"]);
    assert_eq!(store.clients().unwrap().len(), 2);
    r.ok(&["delete", id.trim()]);
    assert!(!store.event(event.id).unwrap().unwrap().is_live());
    assert!(r.export().contains("via the socket"));
    assert_eq!(writes.load(SeqCst), 3);

    // Errors keep their sentence.
    let err = r.fails(&["client", "add", "acme oy"]);
    assert!(err.contains("already exists"), "{err}");

    // Without the socket, the lock speaks.
    drop(serving);
    let err = r.fails(&["log", "acme"]);
    assert!(err.contains("open in another process"), "{err}");
}
