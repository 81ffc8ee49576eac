//! Identifiers: ULIDs, so they sort by creation time and need no coordination.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use ulid::Ulid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Ulid);

        impl $name {
            /// A fresh id whose time part is `at_ms` (milliseconds since the epoch).
            pub fn new_at(at_ms: u64) -> Self {
                Self(Ulid::from_parts(at_ms, fastrand::u128(..)))
            }

            /// The 26-character Crockford base32 form used in keys and on screen.
            pub fn to_key(self) -> String {
                self.0.to_string()
            }

            /// The last [`SHORT_LEN`] characters: from the random part, so ids made in the
            /// same second (which share their first ten) still differ at a glance.
            pub fn short(self) -> String {
                let full = self.0.to_string();
                full[ID_LEN - SHORT_LEN..].to_string()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl FromStr for $name {
            type Err = ulid::DecodeError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ulid::from_string(s.trim()).map(Self)
            }
        }
    };
}

id_type!(
    /// Identifies a client (a company).
    ClientId
);
id_type!(
    /// Identifies a stakeholder at a client.
    PersonId
);
id_type!(
    /// Identifies a timeline event.
    EventId
);

/// Length of an id in its text form.
pub const ID_LEN: usize = 26;

/// Length of the short form shown beside listings ([`EventId::short`]).
pub const SHORT_LEN: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_made_in_the_same_millisecond_differ_in_their_short_form() {
        let (a, b) = (
            EventId::new_at(1_700_000_000_000),
            EventId::new_at(1_700_000_000_000),
        );
        assert_eq!(
            a.to_string()[..10],
            b.to_string()[..10],
            "the time part is shared"
        );
        assert_eq!(a.short().len(), SHORT_LEN);
        assert!(a.to_string().ends_with(&a.short()));
        assert_ne!(a.short(), b.short(), "40 random bits apart");
    }
}
