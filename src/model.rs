//! The domain: clients, their stakeholders and the trust timeline.
//!
//! Plain data with serde; nothing here touches the disk, the clock or the terminal.
//! Every struct tolerates fields it does not know (`#[serde(default)]`), so a store written
//! by a newer minor version still reads.

mod agenda_mark;
mod client;
mod draft;
mod edit;
mod event;
mod fact;
mod filter;
mod ids;
mod names;
mod person;
mod private_lines;
mod settle;
mod summary;
mod unfiled;
pub mod valid;
mod yearly;

pub use agenda_mark::{agenda_mark, done_tag, mark_tag, AgendaMark};
pub use client::{fold, Client, ClientState, Concern, ContactStyle, Lang};
pub use draft::Draft;
pub use edit::{EditError, Edited, EventVersion, Revision};
pub use event::{Event, Kind, MadeIn, Outcome, PromiseInfo, TRUST_RANGE};
pub use fact::{Fact, FactKind};
pub use filter::EventFilter;
pub use ids::{ClientId, EventId, PersonId, ID_LEN};
pub use names::{ClientName, PersonName};
pub use person::{Channel, Person, Role, Stance};
pub use private_lines::{is_private_line, private_line, without_private_lines, LOCK};
pub use settle::{follow as follow_outcome, mark_problems, Settle, SettleError, Settled};
pub use summary::{
    decay as summary_decay, is_thanks, AdviceEntry, ContactEntry, EarlyPromise, OpenFollowUp,
    OpenPromise, Summary, TrustEntry, TrustScore, TrustSums, ADVICE_WINDOW_DAYS,
    CONTACT_WINDOW_DAYS, START_DAYS, THANKS_TAG, TREND_WINDOW_DAYS, TRUST_PRIOR, TRUST_SCALE,
};
pub use unfiled::{Given, Unfiled};
pub use yearly::{BadYearly, DateKind, PersonDate, Yearly};

/// Implements `Display` and `FromStr` for a unit-only enum from one table of spellings,
/// so the command line, the config and the export all use the same words.
macro_rules! word_enum {
    ($ty:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        impl $ty {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The word used on the command line, in config and in exports.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $word),+ }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim().to_lowercase().replace('_', "-");
                $ty::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == wanted)
                    .ok_or_else(|| {
                        let words: Vec<&str> = $ty::ALL.iter().map(|v| v.as_str()).collect();
                        format!("'{s}' is not one of: {}", words.join(", "))
                    })
            }
        }
    };
}
pub(crate) use word_enum;
