//! Campaigns: the list with headline figures, and the comparison of 2–6 campaigns side by side,
//! aligned by day since launch, with lift against each market's own pre-launch baseline; creating
//! and editing campaigns, and attributing posts and mentions to them by hashtags and keywords.

pub mod api;
#[cfg(feature = "ssr")]
pub mod attribution;
#[cfg(feature = "csr")]
pub mod form;
#[cfg(feature = "csr")]
pub mod page;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;

use super::NavEntry;
use crate::auth::Action;

pub const NAV: &[NavEntry] =
    &[NavEntry { href: "/campaigns", label: "Campaigns", action: Action::ReadDashboards, exact: false }];
