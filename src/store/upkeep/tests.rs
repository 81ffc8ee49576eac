use super::*;
use crate::model::Kind;
use crate::store::sled::tests::{client, event, now, open};
use crate::store::{NamesFile, Overview};
use std::sync::Arc;

/// What one commit changed, as told: its clients and names generation.
type Heard = (Option<Vec<ClientId>>, Option<u64>);

/// An observer that writes down what it is told.
#[derive(Clone, Default)]
struct Told(Arc<Mutex<Vec<Heard>>>);

impl Observer for Told {
    fn opened(&self, _: &dyn Store, _: &Path, _: &Change) -> Result<()> {
        Ok(())
    }

    fn committed(&self, _: &dyn Store, _: &Path, change: &Change) -> Result<()> {
        let clients = change.clients.map(<[ClientId]>::to_vec);
        self.0.lock().unwrap().push((clients, change.names));
        Ok(())
    }
}

fn observed() -> (Observers, Told) {
    let told = Told::default();
    (
        Observers::of(Path::new("/nowhere"), vec![Box::new(told.clone())]),
        told,
    )
}

fn ids(n: u64) -> Vec<ClientId> {
    (1..=n).map(ClientId::new_at).collect()
}

#[test]
fn each_commit_is_told_once_and_a_batch_once_at_its_end() {
    let (observers, told) = observed();
    let store = Overview::default();
    let c = ids(3);
    let change = |clients, names| Change { clients, names };
    observers
        .committed(&store, &change(Some(&c[..1]), None))
        .unwrap();
    assert_eq!(told.0.lock().unwrap().len(), 1);
    observers.start_batch();
    observers
        .committed(&store, &change(Some(&c[1..2]), None))
        .unwrap();
    observers
        .committed(&store, &change(Some(&c[2..]), Some(7)))
        .unwrap();
    observers
        .committed(&store, &change(Some(&[]), Some(8)))
        .unwrap();
    assert_eq!(
        told.0.lock().unwrap().len(),
        1,
        "nothing told inside the batch"
    );
    observers.end_batch(&store).unwrap();
    let told = told.0.lock().unwrap().clone();
    assert_eq!(
        told,
        [
            (Some(c[..1].to_vec()), None),
            (Some(c[1..].to_vec()), Some(8))
        ]
    );
}

#[test]
fn a_batch_that_changed_any_client_says_so_and_an_empty_or_cancelled_one_tells_nothing() {
    let (observers, told) = observed();
    let store = Overview::default();
    observers.start_batch();
    observers.end_batch(&store).unwrap();
    observers.start_batch();
    observers.committed(&store, &Change::default()).unwrap();
    observers.cancel_batch();
    assert!(told.0.lock().unwrap().is_empty());
    observers.start_batch();
    let c = ids(1);
    let one = Change {
        clients: Some(&c),
        names: None,
    };
    observers.committed(&store, &one).unwrap();
    observers.committed(&store, &Change::default()).unwrap();
    observers.committed(&store, &one).unwrap();
    observers.end_batch(&store).unwrap();
    assert_eq!(*told.0.lock().unwrap(), [(None, None)]);
}

#[test]
fn a_failed_write_tells_no_observer() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let acme = client("Acme", None);
    store.put_client(&acme).unwrap();
    let noted = event(acme.id, 1, Kind::Call);
    store.add_event(&noted, now()).unwrap();
    let names = NamesFile::load(dir.path()).unwrap().expect("a names file");
    // A second client under a taken name is refused: the names file stays as it was.
    assert!(store.put_client(&client("acme", None)).is_err());
    assert_eq!(NamesFile::load(dir.path()).unwrap(), Some(names));
    // An event stored twice is refused: the digest, removed before the write, is not written
    // from a database the write did not change; readers ask the store.
    assert!(store.add_event(&noted, now()).is_err());
    assert!(crate::store::quick_digest(dir.path(), false)
        .unwrap()
        .is_none());
    // The next write that commits brings it back.
    store
        .add_event(&event(acme.id, 2, Kind::Email), now())
        .unwrap();
    store.digest_written();
    let digest = crate::store::quick_digest(dir.path(), false).unwrap();
    assert_eq!(digest.expect("the digest").clients.len(), 1);
}
