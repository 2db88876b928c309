//! Users and the audit log: the admin pages, and the user administration the `user` command
//! shares (`service`).

pub mod api;
#[cfg(feature = "csr")]
pub mod page;
#[cfg(feature = "ssr")]
pub mod service;

use super::NavEntry;
use crate::auth::Action;

pub const NAV: &[NavEntry] = &[
    NavEntry { href: "/admin/users", label: "Users", action: Action::ManageUsers, exact: false },
    NavEntry { href: "/admin/audit", label: "Audit log", action: Action::ReadAuditLog, exact: false },
];
