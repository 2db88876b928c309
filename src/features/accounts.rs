//! Account governance: who owns which account, its backup owner, custodian and status. Its SQL
//! sits with the users' (`server/store/users.rs`): each edit shares the audit entry's transaction.

pub mod api;
#[cfg(feature = "csr")]
pub mod page;
pub mod types;

use super::NavEntry;
use crate::auth::Action;

pub const NAV: &[NavEntry] =
    &[NavEntry { href: "/accounts", label: "Accounts", action: Action::ReadDashboards, exact: false }];
