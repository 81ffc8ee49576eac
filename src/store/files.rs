//! The files beside the database (doc to come).

pub(super) mod digest;
pub(super) mod inbox;
pub(super) mod lock;
pub(super) mod names_file;
pub(super) mod overview;
pub(super) mod perms;
pub(super) mod replace;
