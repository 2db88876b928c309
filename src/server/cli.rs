//! The `resonance` command line: `serve`, `demo`, `bench`.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;
use chrono_tz::Tz;
use clap::{Args, Parser, Subcommand};

use crate::auth::{Role, UserForm};
use crate::features::mentions::scoring;
use crate::features::setup::cli as setup_cli;
use crate::features::users::service as users;
use crate::sentiment::Thresholds;
use crate::server::demo::{self, DemoOptions};
use crate::server::state::AppState;
use crate::server::store::Audit;
use crate::server::{auth, bench, bench_sentiment, calendar, http, store};

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
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE, global = true)]
    pub database: String,
}

/// Sentiment label thresholds on the compound score (VADER's convention: ±0.05).
#[derive(Args, Debug, Clone)]
pub struct ThresholdArgs {
    /// A compound score at or above this is positive.
    #[arg(long, env = "RESONANCE_POSITIVE_THRESHOLD", default_value_t = 0.05, allow_negative_numbers = true)]
    pub positive_threshold: f64,
    /// A compound score at or below this is negative.
    #[arg(long, env = "RESONANCE_NEGATIVE_THRESHOLD", default_value_t = -0.05, allow_negative_numbers = true)]
    pub negative_threshold: f64,
}

impl ThresholdArgs {
    pub fn thresholds(&self) -> anyhow::Result<Thresholds> {
        Thresholds::new(self.positive_threshold, self.negative_threshold).map_err(anyhow::Error::msg)
    }
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
        /// A session unused for this many minutes ends.
        #[arg(long, env = "RESONANCE_SESSION_IDLE_MINUTES", default_value_t = 60, value_parser = clap::value_parser!(i64).range(1..=10_080))]
        session_idle_minutes: i64,
        /// A session ends this many hours after sign-in.
        #[arg(long, env = "RESONANCE_SESSION_HOURS", default_value_t = 12, value_parser = clap::value_parser!(i64).range(1..=720))]
        session_hours: i64,
        /// Behind a reverse proxy: read the client address from X-Forwarded-For and TLS from
        /// X-Forwarded-Proto (cookies then get `Secure`).
        #[arg(long, env = "RESONANCE_TRUST_PROXY")]
        trust_proxy: bool,
        /// Where imported files are kept, named by their SHA-256 (uploads arrive in `incoming/`).
        #[arg(long, env = "RESONANCE_RAW_DIR", default_value = "data/imports")]
        raw_dir: PathBuf,
        /// Largest file the import page accepts, in MB (larger ones: `resonance import`).
        #[arg(long, env = "RESONANCE_MAX_UPLOAD_MB", default_value_t = 2048, value_parser = clap::value_parser!(u64).range(1..=1_048_576))]
        max_upload_mb: u64,
        #[command(flatten)]
        thresholds: ThresholdArgs,
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
        #[command(flatten)]
        thresholds: ThresholdArgs,
    },
    /// Score texts: reads `id<TAB>text` lines on stdin, writes `id<TAB>lang<TAB>compound<TAB>label`
    /// (label positive, neutral or negative; compound and label empty for a language that is not
    /// scored). Lines that cannot be read are reported on stderr; the exit status is then 1.
    Score {
        #[command(flatten)]
        thresholds: ThresholdArgs,
    },
    /// Import export files, each file one batch: generic mentions and owned-posts files (CSV or
    /// JSON), X archives (zip or tweets.js), Meta Business Suite post exports, LinkedIn page post
    /// exports (.xls/.xlsx), Brandwatch and Talkwalker exports; the format is told from the header.
    /// Shows progress, prints a summary and the rejected rows; the raw file is kept.
    Import {
        /// Files to import, in order.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Read the files as this format only: generic-mentions, generic-posts, x-archive, meta,
        /// linkedin, brandwatch or talkwalker (default: told from each file's header).
        #[arg(long)]
        format: Option<String>,
        /// The brand mentions are about: its name or id (default: every brand whose keywords a
        /// mention contains; the own brand for a mention that contains none).
        #[arg(long)]
        brand: Option<String>,
        /// The account that published the posts (id, handle or platform:handle); needed for files
        /// that do not name it (a LinkedIn export, a lone tweets.js).
        #[arg(long)]
        account: Option<String>,
        /// The campaign every imported row belongs to (id or name).
        #[arg(long)]
        campaign: Option<String>,
        /// Where raw files are kept, named by their SHA-256.
        #[arg(long, env = "RESONANCE_RAW_DIR", default_value = "data/imports")]
        raw_dir: PathBuf,
        #[command(flatten)]
        db: DatabaseArg,
        #[command(flatten)]
        thresholds: ThresholdArgs,
    },
    /// Recompute the computed sentiment of every stored mention (after a scorer or threshold
    /// change); manual and imported labels keep their precedence. Shows a progress bar.
    Rescore {
        #[command(flatten)]
        db: DatabaseArg,
        #[command(flatten)]
        thresholds: ThresholdArgs,
    },
    /// Describe the workspace from a setup file (TOML or YAML: workspace, markets, brands, teams,
    /// people, accounts; or an accounts CSV). Adds what is new, changes what differs, leaves the
    /// rest; an invalid file changes nothing. See examples/setup.toml.
    Setup {
        /// The setup file (.toml, .yaml, .yml, or .csv for accounts).
        file: PathBuf,
        /// Say what would change, write nothing.
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        db: DatabaseArg,
    },
    /// Brands (own and competitors): add, list.
    Brand {
        #[command(subcommand)]
        command: setup_cli::BrandCommand,
        #[command(flatten)]
        db: DatabaseArg,
    },
    /// Markets in use: add, list.
    Market {
        #[command(subcommand)]
        command: setup_cli::MarketCommand,
        #[command(flatten)]
        db: DatabaseArg,
    },
    /// Teams (hub and spokes): add, list.
    Team {
        #[command(subcommand)]
        command: setup_cli::TeamCommand,
        #[command(flatten)]
        db: DatabaseArg,
    },
    /// People who own accounts: add, list.
    Person {
        #[command(subcommand)]
        command: setup_cli::PersonCommand,
        #[command(flatten)]
        db: DatabaseArg,
    },
    /// Social accounts: add, list.
    Account {
        #[command(subcommand)]
        command: setup_cli::AccountCommand,
        #[command(flatten)]
        db: DatabaseArg,
    },
    /// Manage users: add, list, set-role, deactivate, reset-password.
    User {
        #[command(subcommand)]
        command: UserCommand,
        #[command(flatten)]
        db: DatabaseArg,
    },
    /// Measure sentiment scoring: texts/s on one core beside Python vaderSentiment's on the same
    /// texts, German dev-set accuracy and macro-F1, agreement with the demo's intended labels.
    BenchSentiment {
        /// Demo-style texts to score (60 % English, 40 % German).
        #[arg(long, default_value_t = 50_000)]
        texts: usize,
        /// A Python with vaderSentiment 3.3.2 installed (`make bench-sentiment` makes one).
        #[arg(long, env = "RESONANCE_BENCH_PYTHON", default_value = "target/py-vader/bin/python")]
        python: PathBuf,
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
    /// Measure the governance page's server work (the registry with every account's risks, as
    /// the page's HTML) on a generated inventory; prints p50/p95 per view.
    BenchGovernance {
        /// Accounts in the inventory.
        #[arg(long, default_value_t = 10_000)]
        accounts: usize,
        /// Account events (history entries).
        #[arg(long, default_value_t = 100_000)]
        events: usize,
        /// Runs of each view.
        #[arg(long, default_value_t = 20)]
        iterations: u32,
        /// Databases to measure (each is refilled with the inventory); repeat for several stores.
        #[arg(long, default_values_t = [String::from("sqlite://data/bench-governance.db")])]
        database: Vec<String>,
    },
    /// Measure imports: a generated generic mentions CSV imported into a fresh 20,000-mention demo
    /// database on each store; prints mentions/s (scoring and rollups included) and peak memory.
    BenchImport {
        /// Rows of the file (default 200,000 unless --file-mb is given).
        #[arg(long)]
        rows: Option<u64>,
        /// Size of the file in MB instead (1024 for the 1 GB run).
        #[arg(long)]
        file_mb: Option<u64>,
        /// Databases to import into (each is refilled); repeat for several stores.
        #[arg(long, default_values_t = [String::from("sqlite://data/bench-import.db")])]
        database: Vec<String>,
        /// Demo mentions each database holds before the import.
        #[arg(long, default_value_t = 20_000)]
        into: u64,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Add a user; prints a one-time password they must change at first sign-in.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin, manager, executive, team_lead or viewer.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// The team of a team lead (its name, as `resonance user teams` lists).
        #[arg(long)]
        team: Option<String>,
    },
    /// List users.
    List,
    /// List the teams a team lead can belong to.
    Teams,
    /// Change a user's role.
    SetRole {
        email: String,
        #[arg(value_parser = parse_role)]
        role: Role,
        #[arg(long)]
        team: Option<String>,
    },
    /// Deactivate a user (their sessions end at once).
    Deactivate { email: String },
    /// Give a user a new one-time password.
    ResetPassword { email: String },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::from_token(s).ok_or_else(|| {
        let all: Vec<&str> = Role::ALL.iter().map(|r| r.token()).collect();
        format!("unknown role {s:?}; one of {}", all.join(", "))
    })
}

/// Runs the parsed command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve {
            bind,
            db,
            dist,
            session_idle_minutes,
            session_hours,
            trust_proxy,
            raw_dir,
            max_upload_mb,
            thresholds,
        } => {
            let config = auth::AuthConfig {
                idle_secs: session_idle_minutes * 60,
                absolute_secs: session_hours * 3600,
                trust_proxy,
            };
            let import = crate::server::import::http::ImportConfig {
                raw_dir,
                thresholds: thresholds.thresholds()?,
                max_upload_bytes: max_upload_mb << 20,
            };
            serve(bind, &db.database, dist, config, import).await
        }
        Command::Demo { mentions, seed, until, time_zone, if_empty, db, thresholds } => {
            let thresholds = thresholds.thresholds()?;
            let store = open(&db.database).await?;
            let (existing, _) = store.counts().await?;
            if if_empty && existing > 0 {
                println!("demo: {} already holds {existing} mentions; left as it is", db.database);
                return Ok(());
            }
            let until = until.unwrap_or_else(|| calendar::today_in(time_zone));
            let started = std::time::Instant::now();
            let options = DemoOptions { mentions, seed, until, time_zone, thresholds };
            let summary = demo::generate(&store, &options).await?;
            let secs = started.elapsed().as_secs_f64();
            println!(
                "demo: {} mentions, {} posts, {} accounts, {} authors, {} to {} ({}) in {secs:.1} s ({:.0} mentions/s) -> {}",
                summary.mentions, summary.posts, summary.accounts, summary.authors, summary.from,
                summary.until, time_zone.name(), summary.mentions as f64 / secs.max(1e-9), db.database
            );
            println!(
                "demo: the sentiment scorer agrees with the sentiment each text was written to express on {}",
                summary.agreement_line()
            );
            Ok(())
        }
        Command::User { command, db } => user(command, &open(&db.database).await?).await,
        Command::Setup { file, dry_run, db } => {
            setup_cli::setup(&open(&db.database).await?, &file, dry_run).await
        }
        Command::Brand { command, db } => setup_cli::brand(&open(&db.database).await?, command).await,
        Command::Market { command, db } => setup_cli::market(&open(&db.database).await?, command).await,
        Command::Team { command, db } => setup_cli::team(&open(&db.database).await?, command).await,
        Command::Person { command, db } => setup_cli::person(&open(&db.database).await?, command).await,
        Command::Account { command, db } => setup_cli::account(&open(&db.database).await?, command).await,
        Command::Score { thresholds } => {
            let thresholds = thresholds.thresholds()?;
            let report =
                scoring::score_lines(std::io::stdin().lock(), std::io::stdout().lock(), &thresholds)?;
            for (line, problem) in report.malformed.iter().take(20) {
                eprintln!("score: line {line}: {problem}; skipped");
            }
            eprintln!(
                "score: {} scored, {} in a language Resonance does not score, {} skipped",
                report.scored,
                report.unscored,
                report.malformed.len()
            );
            if !report.malformed.is_empty() {
                std::process::exit(1);
            }
            Ok(())
        }
        Command::Import { files, format, brand, account, campaign, raw_dir, db, thresholds } => {
            let store = open(&db.database).await?;
            let brand_by_keywords = brand.is_none();
            let brand_id = match brand {
                None => store.brand(None).await?.id,
                Some(b) => {
                    let options = store.filter_options().await?;
                    let found = options
                        .brands
                        .iter()
                        .find(|c| c.name.eq_ignore_ascii_case(&b) || c.id.to_string() == b);
                    found.map(|c| c.id).ok_or_else(|| {
                        let names: Vec<&str> = options.brands.iter().map(|c| c.name.as_str()).collect();
                        if names.is_empty() {
                            anyhow::anyhow!(
                                "there is no brand {b:?}: no brand is set up yet; add one on the Setup page or with `resonance brand add NAME --own`"
                            )
                        } else {
                            anyhow::anyhow!("there is no brand {b:?}; brands: {}", names.join(", "))
                        }
                    })?
                }
            };
            let options = crate::server::import::ImportOptions {
                brand_id,
                brand_by_keywords,
                time_zone: calendar::time_zone(&store).await?,
                thresholds: thresholds.thresholds()?,
                raw_dir,
                user_id: None,
                format,
                account,
                campaign,
                limits: Default::default(),
                file_name: None,
            };
            let mut failed = false;
            for file in &files {
                let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
                let bar = indicatif::ProgressBar::new(size).with_style(
                    indicatif::ProgressStyle::with_template(
                        "{msg} {bar:30} {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left)",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                bar.set_message(format!("importing {}", file.display()));
                let ticker = bar.clone();
                let result = crate::server::import::import_file(&store, file, &options, move |p| {
                    ticker.set_position(p.bytes);
                    ticker.set_message(format!("{} rows", p.rows));
                })
                .await;
                bar.finish_and_clear();
                match result {
                    Ok(report) => {
                        let c = report.counts;
                        println!(
                            "import: {} ({}): {} rows read, {} inserted, {} updated, {} rejected (batch {}, kept as {})",
                            report.file_name, report.format, c.rows_read, c.inserted, c.updated, c.rejected, c.batch_id,
                            options.raw_dir.join(&report.sha256).display()
                        );
                        if let Some(before) = report.same_file_as {
                            println!("  the same file as batch {before}: its rows were updated in place, none added twice");
                        }
                        for r in store.import_rejects(c.batch_id, 20).await? {
                            println!(
                                "  line {}{}: {}",
                                r.line,
                                r.column.map(|c| format!(", {c}")).unwrap_or_default(),
                                r.reason
                            );
                        }
                    }
                    Err(e) => {
                        failed = true;
                        eprintln!("import: {e:#}");
                    }
                }
            }
            anyhow::ensure!(!failed, "some files were not imported");
            Ok(())
        }
        Command::Rescore { db, thresholds } => {
            let thresholds = thresholds.thresholds()?;
            let store = open(&db.database).await?;
            let (total, _) = store.counts().await?;
            let bar = indicatif::ProgressBar::new(total.max(0) as u64).with_style(
                indicatif::ProgressStyle::with_template(
                    "rescore {bar:40} {pos}/{len} mentions ({per_sec}, {eta} left)",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            let started = std::time::Instant::now();
            let done = scoring::rescore(&store, &thresholds, |n| bar.set_position(n)).await?;
            bar.finish_and_clear();
            let secs = started.elapsed().as_secs_f64();
            println!("rescore: {done} mentions scored and rollups rebuilt in {secs:.1} s -> {}", db.database);
            Ok(())
        }
        Command::BenchSentiment { texts, python } => bench_sentiment::run(texts, &python),
        Command::Bench { mentions, iterations, database } => {
            bench::run(&database, &mentions, iterations).await
        }
        Command::BenchGovernance { accounts, events, iterations, database } => {
            crate::server::bench_governance::run(&database, accounts, events, iterations).await
        }
        Command::BenchImport { rows, file_mb, database, into } => {
            crate::server::bench_import::run(&database, rows, file_mb, into).await
        }
    }
}

/// Opens and migrates the store.
pub async fn open(url: &str) -> anyhow::Result<store::DynStore> {
    let store = store::open(url).await.with_context(|| format!("cannot open the database {url}"))?;
    store.migrate().await.context("cannot migrate the database")?;
    Ok(store)
}

async fn user(command: UserCommand, store: &store::DynStore) -> anyhow::Result<()> {
    let audit = |action: &str| {
        Audit::new(auth::now(), None, action, None).detail(serde_json::json!({ "via": "cli" }))
    };
    let find = |email: String| async move {
        store.user_by_email(&email).await?.ok_or_else(|| anyhow::anyhow!("there is no user {email}"))
    };
    let team_id = |team: Option<String>| async move {
        let Some(name) = team else { return anyhow::Ok(None) };
        let teams = store.teams().await?;
        let found = teams.iter().find(|t| t.name.eq_ignore_ascii_case(&name));
        found
            .map(|t| Some(t.id))
            .ok_or_else(|| anyhow::anyhow!("there is no team {name:?}; see `resonance user teams`"))
    };
    match command {
        UserCommand::Add { email, name, role, team } => {
            let form = UserForm { email, name, role, team_id: team_id(team).await? };
            let otp = users::create(store, &form, audit("user.created")).await?;
            println!("added {} ({}); one-time password: {}", otp.email, role.token(), otp.password);
        }
        UserCommand::List => {
            println!("{:<36} {:<24} {:<10} {:<20} status", "email", "name", "role", "team");
            for u in store.users().await? {
                let status = match (u.active, u.is_demo, u.must_change_password) {
                    (false, _, _) => "deactivated",
                    (true, true, _) => "active, demo password",
                    (true, false, true) => "active, one-time password",
                    (true, false, false) => "active",
                };
                let team = u.team.unwrap_or_default();
                println!("{:<36} {:<24} {:<10} {:<20} {status}", u.email, u.name, u.role.token(), team);
            }
        }
        UserCommand::Teams => {
            for t in store.teams().await? {
                println!("{}", t.name);
            }
        }
        UserCommand::SetRole { email, role, team } => {
            let user = find(email).await?;
            users::set_role(store, user.id, role, team_id(team).await?, audit("user.role_changed")).await?;
            println!("{} is now {}", user.email, role.token());
        }
        UserCommand::Deactivate { email } => {
            let user = find(email).await?;
            users::set_active(store, user.id, false, audit("user.deactivated")).await?;
            println!("{} is deactivated; their sessions have ended", user.email);
        }
        UserCommand::ResetPassword { email } => {
            let user = find(email).await?;
            let otp = users::reset_password(store, user.id, audit("user.password_reset")).await?;
            println!("{}: new one-time password: {}", otp.email, otp.password);
        }
    }
    Ok(())
}

/// Before serving: a database that is not a demo database gets its first admin (whose one-time
/// password is printed once), and may not be served while a demo password is in use.
pub async fn prepare_accounts(store: &store::DynStore) -> anyhow::Result<()> {
    let is_demo = store.setting("demo").await?.as_deref() == Some("true");
    if is_demo {
        // A demo database made before sign-in existed gets its demo users now.
        users::add_demo_users(store).await?;
        println!("Demo database: sign in as one of (demo only, refused on a real database):");
        for (email, _, role, _, password) in users::DEMO_USERS {
            println!("  {:<10} {email:<28} {password}", role.token());
        }
        return Ok(());
    }
    if let Some(otp) = users::ensure_first_admin(store).await? {
        println!(
            "No users yet: created the admin {} with the one-time password {}\n\
             Sign in with it and choose your own; it is not shown again.",
            otp.email, otp.password
        );
    }
    let demo = users::demo_passwords_in_use(store).await?;
    if !demo.is_empty() {
        anyhow::bail!(
            "refusing to serve a database that is not a demo database while demo passwords are set for {}; \
             run `resonance user reset-password EMAIL` or `resonance user deactivate EMAIL` for each",
            demo.join(", ")
        );
    }
    Ok(())
}

async fn serve(
    bind: SocketAddr,
    database: &str,
    dist: PathBuf,
    config: auth::AuthConfig,
    import: crate::server::import::http::ImportConfig,
) -> anyhow::Result<()> {
    if !dist.join("index.html").exists() {
        anyhow::bail!(
            "no built client in {}: run `make build` (or `trunk build --release`) first",
            dist.display()
        );
    }
    let store = open(database).await?;
    prepare_accounts(&store).await?;
    let state = AppState { auth: config, import, ..AppState::new(store) };
    let app = http::router(state, &dist).into_make_service_with_connect_info::<SocketAddr>();
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
