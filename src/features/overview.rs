//! The overview: KPI tiles with period-over-period change, mentions by sentiment and owned-post
//! engagement for one filter.

pub mod api;
#[cfg(feature = "csr")]
pub mod page;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;

use super::NavEntry;
use crate::auth::Action;

pub const NAV: &[NavEntry] =
    &[NavEntry { href: "/", label: "Overview", action: Action::ReadDashboards, exact: true }];
