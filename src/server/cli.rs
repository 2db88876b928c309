//! The `resonance` command line: `serve`, `demo`, `bench`.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;
use chrono_tz::Tz;
use clap::{Args, Parser, Subcommand};

use crate::server::demo::{self, DemoOptions};
use crate::server::state::AppState;
use crate::server::{bench, http, overview, store};

/// The default database: a SQLite file under `data/`.
pub const DEFAULT_DATABASE: &str = "sqlite://data/resonance.db";

#[derive(Parser, Debug)]
#[command(
    name = "resonance",
    version,
    about = "Resonance: self-hosted social-media analytics for brands.",
    long_about = "Resonance imports what social platforms and listening tools export, stores it in \
SQLite (or PostgreSQL, later) and serves interactive dashboards: sentiment, share of voice, \
engagement, earned media value."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Debug, Clone)]
pub struct DatabaseArg {
    /// Database URL, e.g. sqlite://data/resonance.db. The file and its folder are created when missing.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE)]
    pub database: String,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the dashboard and its API.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "RESONANCE_BIND", default_value = "127.0.0.1:3000")]
        bind: SocketAddr,
        #[command(flatten)]
        db: DatabaseArg,
        /// Folder of the built client (Trunk's output).
        #[arg(long, env = "RESONANCE_DIST", default_value = "dist")]
        dist: PathBuf,
    },
    /// Create or refill a database with a deterministic demo year of data (replaces existing data;
    /// users are kept).
    Demo {
        /// Number of earned mentions to generate (at least 200,000 for the full demo; 10,000,000 works).
        #[arg(long, default_value_t = 200_000)]
        mentions: u64,
        /// Random seed: the same seed and end date give the same data.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Last day of the demo year, YYYY-MM-DD (default: today in the reporting time zone).
        #[arg(long)]
        until: Option<NaiveDate>,
        /// Reporting time zone that days are bucketed in (IANA name).
        #[arg(long, env = "RESONANCE_TIME_ZONE", default_value = "UTC")]
        time_zone: Tz,
        /// Only fill a database that holds no mentions yet; leave one with data as it is.
        #[arg(long)]
        if_empty: bool,
        #[command(flatten)]
        db: DatabaseArg,
    },
    /// Measure the overview server function: p50/p95 over the demo filters.
    Bench {
        /// Mentions in each benchmark database (generated once and reused); repeat for several sizes.
        #[arg(long, default_values_t = [1_000_000u64])]
        mentions: Vec<u64>,
        /// Runs of each filter.
        #[arg(long, default_value_t = 20)]
        iterations: u32,
        /// Databases to compare, `{n}` standing for the mention count; repeat for several stores.
        #[arg(long, default_values_t = [String::from("sqlite://data/bench-{n}.db")])]
        database: Vec<String>,
    },
}

/// Runs the parsed command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve { bind, db, dist } => serve(bind, &db.database, dist).await,
        Command::Demo { mentions, seed, until, time_zone, if_empty, db } => {
            let store = open(&db.database).await?;
            let (existing, _) = store.counts().await?;
            if if_empty && existing > 0 {
                println!("demo: {} already holds {existing} mentions; left as it is", db.database);
                return Ok(());
            }
            let until = until.unwrap_or_else(|| overview::today_in(time_zone));
            let started = std::time::Instant::now();
            let summary = demo::generate(&store, &DemoOptions { mentions, seed, until, time_zone }).await?;
            let secs = started.elapsed().as_secs_f64();
            println!(
                "demo: {} mentions, {} posts, {} accounts, {} authors, {} to {} ({}) in {secs:.1} s ({:.0} mentions/s) -> {}",
                summary.mentions, summary.posts, summary.accounts, summary.authors, summary.from,
                summary.until, time_zone.name(), summary.mentions as f64 / secs.max(1e-9), db.database
            );
            Ok(())
        }
        Command::Bench { mentions, iterations, database } => {
            bench::run(&database, &mentions, iterations).await
        }
    }
}

/// Opens and migrates the store.
pub async fn open(url: &str) -> anyhow::Result<store::DynStore> {
    let store = store::open(url).await.with_context(|| format!("cannot open the database {url}"))?;
    store.migrate().await.context("cannot migrate the database")?;
    Ok(store)
}

async fn serve(bind: SocketAddr, database: &str, dist: PathBuf) -> anyhow::Result<()> {
    if !dist.join("index.html").exists() {
        anyhow::bail!(
            "no built client in {}: run `make build` (or `trunk build --release`) first",
            dist.display()
        );
    }
    let store = open(database).await?;
    let app = http::router(AppState { store }, &dist);
    let listener =
        tokio::net::TcpListener::bind(bind).await.with_context(|| format!("cannot listen on {bind}"))?;
    tracing::info!("Resonance listening on http://{bind} (database {database})");
    println!("Resonance is serving http://{bind}");
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("server error")
}
