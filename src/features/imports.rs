//! The Imports page: upload an export, follow its progress, read its summary and rejects. The
//! import itself (formats, reading, the batch upsert) is `server::import` and
//! `server::store::imports`, shared with the `import` command.

pub mod api;
#[cfg(feature = "csr")]
pub mod page;
pub mod types;

use super::NavEntry;
use crate::auth::Action;

pub const NAV: &[NavEntry] =
    &[NavEntry { href: "/imports", label: "Imports", action: Action::Import, exact: false }];
