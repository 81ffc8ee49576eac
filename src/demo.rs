//! The demo workspace (being written).
