//! Describing the workspace: brands (own and competitors, with the keywords that find their
//! mentions), markets, teams, people and accounts, and the workspace settings — from a setup
//! file (`resonance setup FILE`) or one record at a time (`resonance brand add …`).

pub mod api;
#[cfg(feature = "ssr")]
pub mod cli;
#[cfg(feature = "csr")]
pub mod page;
#[cfg(feature = "ssr")]
pub mod plan;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;

use super::NavEntry;
use crate::auth::Action;

pub const NAV: &[NavEntry] =
    &[NavEntry { href: "/setup", label: "Setup", action: Action::EditAccounts, exact: false }];
