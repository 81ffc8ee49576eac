//! [`Names`]: what lists the clients' and people's names, for resolving what the user typed
//! (`crate::resolve`). Every [`Store`](super::Store) is one, and so is the names file a quick
//! note reads without opening the database. It lives in the API, not in `resolve`, so that the
//! store does not depend on what is built on it.

use super::StoreError;
use crate::model::{ClientId, ClientName, PersonName};

/// Where names come from.
pub trait Names {
    fn client_names(&self) -> Result<Vec<ClientName>, StoreError>;
    /// The people at one client, or everyone.
    fn person_names(&self, client: Option<ClientId>) -> Result<Vec<PersonName>, StoreError>;
}
