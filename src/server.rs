//! Server-only code: configuration and CLI, app state, HTTP wiring, the store, demo data and
//! the benchmark.

pub mod auth;
pub mod bench;
pub mod bench_governance;
pub mod bench_import;
pub mod bench_sentiment;
pub mod calendar;
pub mod cli;
pub mod demo;
pub mod http;
pub mod import;
pub mod state;
pub mod store;
