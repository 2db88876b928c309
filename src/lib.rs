//! Resonance: one crate built twice — the WASM client (`csr`) and the axum server (`ssr`).
//!
//! - `period`: presets, comparisons, date ranges, buckets; `model`: the other types that cross the wire
//! - `auth`: roles, the permission matrix, user types; `governance`: account ownership types
//! - `kpi`: pure KPI maths
//! - `imports`, `mentions`: wire types of the import page and the mention list
//! - `format`: numbers for people
//! - `stats`: the stats query layer (query values; SQL builder and runner on the server)
//! - `error`: the one error type that crosses the wire, and its HTTP status
//! - `api`: server functions
//! - `ui`: the Leptos client (csr)
//! - `sentiment`: English and German scoring, labels, precedence (ssr)
//! - `server`: config, HTTP, store, demo data (ssr)

pub mod api;
pub mod auth;
pub mod error;
pub mod format;
pub mod governance;
pub mod imports;
pub mod kpi;
pub mod markup;
pub mod mentions;
pub mod model;
pub mod period;
pub mod stats;

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
