//! While a dashboard holds the store, commands reach it through its socket. The dashboard's
//! side is played here by the test process: it opens the store and serves it, exactly as the
//! dashboard does, and the real binary is run beside it.

use crate::common;
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

/// A socket server run as another user (uid 65534), planted where the dashboard's socket
/// goes: it logs every line it receives and answers every call "saved".
struct Impostor {
    child: std::process::Child,
    log: std::path::PathBuf,
}

const IMPOSTOR: &str = r#"
import os, socket, sys
path, log, drop = sys.argv[1], sys.argv[2], sys.argv[3] == "drop"
s = socket.socket(socket.AF_UNIX)
s.bind(path)
if drop:
    os.setgid(65534); os.setuid(65534)
# The peer credentials a client sees are the listener's at listen().
s.listen(4)
print("ready", flush=True)
while True:
    c, _ = s.accept()
    f = c.makefile("rwb")
    for line in f:
        with open(log, "ab") as out:
            out.write(line)
        f.write(b'{"Ok":{"pid":1}}\n' if b"hello" in line else b'{"Ok":null}\n')
        f.flush()
"#;

impl Impostor {
    /// Listening at `socket`: started as uid 65534 (`as_root` false), or started as root and
    /// then dropping to 65534 after binding (so only its peer credentials tell). `None`, with
    /// the reason printed, where the machine refuses.
    fn start(r: &Rapport, socket: &std::path::Path, as_root: bool) -> Option<Impostor> {
        use std::io::BufRead;
        use std::os::unix::process::CommandExt;
        let Some(python) = ["/usr/bin/python3", "/usr/local/bin/python3"]
            .into_iter()
            .find(|p| std::path::Path::new(p).exists())
        else {
            eprintln!("skipped: no system python3 to play the impostor");
            return None;
        };
        let log = r.path("impostor.log");
        std::fs::write(&log, "").unwrap();
        chmod(&log, 0o666);
        let mut cmd = std::process::Command::new(python);
        cmd.args(["-c", IMPOSTOR])
            .arg(socket)
            .arg(&log)
            .arg(if as_root { "drop" } else { "stay" })
            .current_dir("/")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        if !as_root {
            cmd.uid(65534).gid(65534);
        }
        let mut child = match cmd.spawn() {
            Ok(child) => child,
            Err(e) => {
                eprintln!("skipped: cannot run python3 as uid 65534 ({e})");
                return None;
            }
        };
        let mut ready = String::new();
        let out = child.stdout.take().unwrap();
        let _ = std::io::BufReader::new(out).read_line(&mut ready);
        if ready.trim() != "ready" {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            let why = String::from_utf8_lossy(&out.stderr);
            eprintln!("skipped: the impostor could not start as uid 65534: {why}");
            return None;
        }
        Some(Impostor { child, log })
    }

    fn heard(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap()
    }
}

impl Drop for Impostor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn chmod(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A store with a client, and a private runtime dir (the user's, 0711 so uid 65534 can reach
/// a directory inside it) with a `rapport/` directory in it, set up by `rapport_dir`.
fn runtime_with(r: &Rapport, rapport_dir: impl FnOnce(&std::path::Path)) -> std::path::PathBuf {
    r.ok(&["client", "add", "Acme Oy", "--alias", "acme"]);
    chmod(r.root(), 0o711);
    let runtime = r.path("run");
    std::fs::create_dir(&runtime).unwrap();
    chmod(&runtime, 0o711);
    let dir = runtime.join("rapport");
    std::fs::create_dir(&dir).unwrap();
    rapport_dir(&dir);
    runtime
}

/// The note goes to the local store, never to the impostor, and stderr says why.
fn note_avoids(r: &Rapport, runtime: &std::path::Path, impostor: &Impostor, why: &str) {
    let (id, stderr) = common::run_ok(
        r.cmd().env("XDG_RUNTIME_DIR", runtime).args([
            "note",
            "acme",
            "call: the secret merger plan",
        ]),
        &["note"],
    );
    assert!(stderr.contains("not using the socket"), "{stderr}");
    assert!(stderr.contains(why), "{stderr}");
    assert!(stderr.contains("Nothing was sent to it"), "{stderr}");
    assert_eq!(impostor.heard(), "", "the impostor heard something");
    let log = r.log("acme", &[]);
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["id"], id.trim());
}

#[test]
fn a_socket_in_another_users_directory_is_not_trusted() {
    let r = Rapport::new();
    let runtime = runtime_with(&r, |dir| {
        std::os::unix::fs::chown(dir, Some(65534), Some(65534)).unwrap();
    });
    let socket = rapport::socket::path_in(Some(runtime.clone()), &r.data_dir());
    assert!(socket.starts_with(runtime.join("rapport")));
    let Some(impostor) = Impostor::start(&r, &socket, false) else {
        return;
    };
    note_avoids(&r, &runtime, &impostor, "belongs to uid 65534, not to you");
}

#[test]
fn a_socket_served_by_another_user_is_not_trusted() {
    let r = Rapport::new();
    let runtime = runtime_with(&r, |dir| chmod(dir, 0o700));
    let socket = rapport::socket::path_in(Some(runtime.clone()), &r.data_dir());
    let Some(impostor) = Impostor::start(&r, &socket, true) else {
        return;
    };
    note_avoids(&r, &runtime, &impostor, "runs as uid 65534, not as you");
}

/// Plays a dashboard that answers from `store` and keeps the name of every call it is asked.
fn dashboard_hearing(
    r: &Rapport,
    store: Arc<impl Store + Send + Sync + 'static>,
) -> Arc<std::sync::Mutex<Vec<String>>> {
    use std::io::BufRead;
    let listener = std::os::unix::net::UnixListener::bind(rapport::socket::path(&r.data_dir()))
        .expect("the socket binds");
    let heard = Arc::new(std::sync::Mutex::new(Vec::new()));
    let hearing = heard.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let stream = stream.unwrap();
            let reader = std::io::BufReader::new(stream.try_clone().unwrap());
            for line in reader.lines() {
                let line = line.unwrap();
                let call: serde_json::Value = serde_json::from_str(&line).unwrap();
                hearing
                    .lock()
                    .unwrap()
                    .push(call["call"].as_str().unwrap().to_string());
                let one = std::io::Cursor::new(line + "\n");
                let framing = rapport::socket::Framing::JsonLines;
                rapport::socket::answer_all(one, &stream, framing, &*store, &|_| {});
            }
        }
    });
    heard
}

#[test]
fn a_note_through_the_socket_asks_the_dashboard_only_to_save_it() {
    let r = Rapport::new();
    r.ok(&["client", "add", "Acme Oy", "--alias", "acme"]);
    r.ok(&["person", "add", "acme", "Mikko Virtanen"]);
    let store = Arc::new(rapport::store::open(&r.data_dir(), &StoreOptions::default()).unwrap());
    let heard = dashboard_hearing(&r, store.clone());

    // The names file knows Acme and Mikko: their names are not fetched from the dashboard.
    let id = r.ok(&["note", "acme", "call: with @Mikko +1"]);
    let event = store.event(id.trim().parse().unwrap()).unwrap().unwrap();
    assert_eq!((event.kind, event.people.len()), (Kind::Call, 1));
    assert_eq!(*heard.lock().unwrap(), ["hello", "save_events"]);

    // A promise made in a call goes with it, in the same one write.
    heard.lock().unwrap().clear();
    r.ok(&[
        "note",
        "acme",
        "call: @Mikko asked for the plan. Send the plan due:fri",
    ]);
    assert_eq!(*heard.lock().unwrap(), ["hello", "save_events"]);
    let kinds: Vec<_> = r
        .log("acme", &[])
        .iter()
        .map(|e| e["kind"].clone())
        .collect();
    assert_eq!(kinds.len(), 3, "{kinds:?}");

    // Without a names file (or one behind the store) the dashboard resolves the names.
    r.ok(&["person", "add", "acme", "Anna Lee"]);
    std::fs::remove_file(r.data_dir().join("names")).unwrap();
    heard.lock().unwrap().clear();
    let id = r.ok(&["note", "acme", "call: with @Anna"]);
    let event = store.event(id.trim().parse().unwrap()).unwrap().unwrap();
    assert_eq!(event.people.len(), 1);
    assert!(
        heard.lock().unwrap().len() > 2,
        "{:?}",
        heard.lock().unwrap()
    );
}
