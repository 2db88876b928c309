//! Resonance: one crate built twice — the WASM client (`csr`) and the axum server (`ssr`).
//!
//! The shared kernel, used by every feature:
//! - `period`: presets, comparisons, date ranges, buckets; `model`: filters with their URL codec,
//!   choices, sentiment labels; `spikes`: the spike rule of crisis moments
//! - `kpi`: pure KPI maths; `stats`: the stats query layer (query values; SQL builder and runner
//!   on the server); `format`: numbers for people; `markup`: URL and text escaping
//! - `auth`: roles, the permission matrix, user and audit types; `error`: the one error type that
//!   crosses the wire, and its HTTP status
//!
//! - `features`: one folder per feature (types, server functions, page, SQL), listed once
//! - `ui`: the client's router and shared widgets (csr)
//! - `sentiment`: English and German scoring, labels, precedence (ssr)
//! - `server`: CLI, HTTP, state, the store, imports, demo data, benchmarks (ssr)

pub mod accounts;
pub mod auth;
pub mod error;
pub mod features;
pub mod format;
pub mod kpi;
pub mod markup;
pub mod model;
pub mod period;
pub mod spikes;
pub mod stats;
#[cfg(feature = "ssr")]
pub mod svg_chart;

#[cfg(feature = "ssr")]
pub mod sentiment;
#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "csr")]
pub mod ui;

/// Entry point of the WASM client.
#[cfg(feature = "csr")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ui::App);
}
