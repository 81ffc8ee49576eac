//! The store's calls on the wire, made from the one table of `store::store_calls!`: the
//! [`Call`] each travels as, what a write touches, the server's [`dispatch`], and the
//! forwarding of every store that is answered elsewhere ([`Forward`]: a command's `Remote`,
//! the dashboard's store process). Only what cannot cross a process as a row is written here
//! by hand: the greeting and `for_each_event` (its closure stays here: the timeline travels
//! whole).

use super::protocol::{Hello, Touched};
use crate::model::{
    Client, ClientId, ClientName, Draft, Event, EventId, EventVersion, Person, PersonId,
    PersonName, Summary,
};
use crate::resolve::Names;
use crate::search::{Query, Results};
use crate::store::{store_calls, Cursor, Drift, Page, Result, Store};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;

macro_rules! wire_calls {
    (
        names {
            $(
                $(#[$nmeta:meta])*
                $nvariant:ident = fn $nname:ident(
                    &$nself:ident $(, $narg:ident: $nty:ty $(as $nwire:ty)?)* $(,)?
                ) -> $nret:ty;
            )*
        }
        store {
            $(
                $(#[$meta:meta])*
                $variant:ident = fn $name:ident(
                    &$self:ident $(, $arg:ident: $ty:ty $(as $wire:ty)?)* $(,)?
                ) -> $ret:ty $($default:block)? $(, touches $touch:expr)?;
            )*
        }
    ) => {
        /// A call of the [`Store`] trait (and a greeting), with its arguments by name.
        #[derive(Debug, Serialize, Deserialize)]
        #[serde(tag = "call", content = "args", rename_all = "snake_case")]
        pub enum Call {
            /// Who answers, in which protocol version: the first call on every link. Kept a
            /// bare name, so a rapport of any version can answer it.
            Hello,
            /// [`Store::for_each_event`]: the closure stays with the caller, the timeline
            /// travels whole.
            Timeline { client: ClientId },
            $(
                $(#[$nmeta])*
                $nvariant { $($narg: wire_calls!(@wire $nty $(, $nwire)?)),* },
            )*
            $(
                $(#[$meta])*
                $variant { $($arg: wire_calls!(@wire $ty $(, $wire)?)),* },
            )*
        }

        impl Call {
            /// The clients a call changes, if it writes (the dashboard then redraws them).
            pub fn touches(&self) -> Option<Touched> {
                match self {
                    $(
                        #[allow(unused_variables)]
                        Call::$variant { $($arg),* } => wire_calls!(@touches $($touch)?),
                    )*
                    _ => None,
                }
            }
        }

        /// Answers `call` from `store` on `out`.
        pub fn dispatch<A: Answer>(store: &dyn Store, call: Call, out: A) -> A::Answered {
            match call {
                Call::Hello => out.reply(Ok(Hello::of_this_process())),
                Call::Timeline { client } => {
                    let mut events = Vec::new();
                    let read = store.for_each_event(client, &mut |event| {
                        events.push(event);
                        Ok(())
                    });
                    out.reply(read.map(|()| events))
                }
                $(
                    Call::$nvariant { $($narg),* } => {
                        out.reply(store.$nname($(wire_calls!(@lend $narg $(, $nwire)?)),*))
                    }
                )*
                $(
                    Call::$variant { $($arg),* } => {
                        out.reply(store.$name($(wire_calls!(@lend $arg $(, $wire)?)),*))
                    }
                )*
            }
        }

        #[allow(clippy::redundant_field_names)]
        impl<F: Forward> Names for F {
            $(
                fn $nname(&self $(, $narg: $nty)*) -> $nret {
                    self.forward(&Call::$nvariant {
                        $($narg: wire_calls!(@own $narg $(, $nwire)?)),*
                    })
                }
            )*
        }

        #[allow(clippy::redundant_field_names)]
        impl<F: Forward> Store for F {
            $(
                fn $name(&self $(, $arg: $ty)*) -> $ret {
                    self.forward(&Call::$variant {
                        $($arg: wire_calls!(@own $arg $(, $wire)?)),*
                    })
                }
            )*

            fn for_each_event(
                &self,
                client: ClientId,
                f: &mut dyn FnMut(Event) -> Result<()>,
            ) -> Result<()> {
                let events: Vec<Event> = self.forward(&Call::Timeline { client })?;
                events.into_iter().try_for_each(f)
            }
        }
    };
    (@wire $ty:ty) => { $ty };
    (@wire $ty:ty, $wire:ty) => { $wire };
    (@own $arg:ident) => { $arg };
    (@own $arg:ident, $wire:ty) => { Own::<$wire>::own($arg) };
    (@lend $arg:ident) => { $arg };
    (@lend $arg:ident, $wire:ty) => { Lend::lend(&$arg) };
    (@touches) => { None };
    (@touches $touch:expr) => { $touch };
}

store_calls!(wire_calls);

/// A store whose every call is answered elsewhere: it is a [`Store`] by sending each as a
/// [`Call`] and reading the reply.
pub trait Forward {
    /// Sends `call` and reads its reply. Replies are owned values (`'static`), so a forwarder
    /// that holds a reply already decoded can hand it over by type rather than re-encode it.
    fn forward<T: DeserializeOwned + 'static>(&self, call: &Call) -> Result<T>;
}

/// Where [`dispatch`] writes a call's reply.
pub trait Answer {
    type Answered;
    fn reply<T: Serialize>(self, value: Result<T>) -> Self::Answered;
}

/// A borrowed argument, owned to travel.
pub trait Own<W> {
    fn own(self) -> W;
}

impl<T: ToOwned + ?Sized> Own<T::Owned> for &T {
    fn own(self) -> T::Owned {
        self.to_owned()
    }
}

impl<T: Clone> Own<Option<T>> for Option<&T> {
    fn own(self) -> Option<T> {
        self.cloned()
    }
}

/// A travelled argument, lent to the store as the trait takes it.
pub trait Lend<'a, T> {
    fn lend(&'a self) -> T;
}

impl<'a, T: ?Sized + 'a, O: Borrow<T>> Lend<'a, &'a T> for O {
    fn lend(&'a self) -> &'a T {
        self.borrow()
    }
}

impl<'a, T: 'a> Lend<'a, Option<&'a T>> for Option<T> {
    fn lend(&'a self) -> Option<&'a T> {
        self.as_ref()
    }
}
