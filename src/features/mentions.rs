//! The mention list (the overview's drill-down) and sentiment set by hand; the `score` and
//! `rescore` commands.

pub mod api;
#[cfg(feature = "csr")]
pub mod page;
#[cfg(feature = "ssr")]
pub mod scoring;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;

use super::NavEntry;
use crate::auth::Action;

pub const NAV: &[NavEntry] =
    &[NavEntry { href: "/mentions", label: "Mentions", action: Action::ReadDashboards, exact: false }];
