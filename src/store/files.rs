//! The files beside the database, in the data dir, whatever the engine: the lock (`lock`),
//! the names for quick notes (`names_file`), quick notes waiting to be folded in (`inbox`),
//! what `rapport status` reads (`digest`), and what the dashboard draws first (`overview`, a
//! [`Store`](super::Store) of its own). Each is written whole and atomically (`replace`) and
//! kept private (`perms`). A backend keeps them current; the quick paths in `store.rs` read
//! them without opening the database.

pub(super) mod digest;
pub(super) mod inbox;
pub(super) mod lock;
pub(super) mod names_file;
pub(super) mod overview;
pub(super) mod perms;
pub(super) mod replace;
pub(super) mod unfiled;
