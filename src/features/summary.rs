//! The executive summary: a one-page ROI report for a month, a quarter, a year to date or any
//! range against the period before or the same period last year — headline tiles, a narrative
//! written from the figures, sentiment and share-of-voice trends, campaigns by ROI, crisis
//! moments, markets and account governance — on screen, printed on one A4 page, as a PDF and
//! as a CSV. The report is rendered on the server once (`html.rs`, `pdf.rs`, `csv.rs` over
//! `report.rs`'s figures), so all four show the same numbers and the client stays small.

pub mod api;
#[cfg(feature = "ssr")]
pub mod charts;
#[cfg(feature = "ssr")]
pub mod controls;
#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod html;
#[cfg(feature = "ssr")]
pub mod narrative;
#[cfg(feature = "csr")]
pub mod page;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod report;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod share;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod targets;
pub mod types;

use super::NavEntry;
use crate::auth::Action;

pub const NAV: &[NavEntry] = &[NavEntry {
    href: "/summary",
    label: "Executive summary",
    action: Action::ReadExecutiveSummary,
    exact: true,
}];
