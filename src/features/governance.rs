//! Account governance: who owns which account across markets and platforms, what is at risk
//! (by the documented rules in `rules.rs`), each account's record and history, and handing a
//! leaver's duties over. The page is rendered on the server (`html.rs`, `csv.rs` over
//! `service.rs`), so the client carries HTML and no governance types.

pub mod api;
#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod html;
#[cfg(feature = "csr")]
pub mod page;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod spec;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;

use super::NavEntry;
use crate::auth::Action;

pub const NAV: &[NavEntry] =
    &[NavEntry { href: "/governance", label: "Governance", action: Action::ReadDashboards, exact: false }];
