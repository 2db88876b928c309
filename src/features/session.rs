//! Signing in and out, the signed-in shell every other page lives in, and the change-password
//! page.

pub mod api;
#[cfg(feature = "csr")]
pub mod page;

use super::NavEntry;

pub const NAV: &[NavEntry] = &[];
