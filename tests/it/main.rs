//! Resonance's integration tests, one binary (one link instead of one per file):
//!
//! - `store`: the store contract, every test on SQLite and on PostgreSQL
//! - `stats`: the stats query layer's group-by and series queries against brute-force sums
//! - `import`: every fixture format through the CLI, on both stores; `import_fuzz`: proptest
//! - `api`, `auth`: server functions through the router — registration, errors, roles, sessions
//! - `sentiment`: the English oracle and the German dev-set floor
//! - `campaigns`: the campaign list and comparison against brute force, on both stores
//! - `setup`: a workspace from an empty database — setup files, the setup commands, imports into it
//! - `summary`: the executive summary against brute force; its PDF read back with poppler, roles
//! - `governance`: the risk register against the raw rows, handovers, the page and its CSVs
//!
//! `common` holds the shared helpers: a fresh database per test, raw SQL checks, the router.
#![cfg(feature = "ssr")]

#[macro_use]
mod common;

mod api;
mod auth;
mod campaigns;
mod charts;
mod governance;
mod import;
mod import_fuzz;
mod sentiment;
mod setup;
mod stats;
mod store;
mod summary;
