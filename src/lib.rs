//! rapport: keep client relationships alive.
//!
//! The domain (`model`) and the store know nothing of the terminal; the command line (`cli`)
//! and the dashboard (`dashboard`: `app`'s state drawn by `ui`) sit on top of them, and
//! neither imports the other.

pub mod app;
pub mod capture;
pub mod cli;
pub mod config;
pub mod context;
pub mod dashboard;
pub mod demo;
pub mod event;
pub mod exchange;
pub mod insight;
pub mod model;
pub mod report;
pub mod resolve;
pub mod search;
pub mod socket;
pub mod store;
pub mod store_process;
pub mod team;
pub mod tui;
pub mod ui;
pub mod vcard;
pub mod when;
pub mod width;
