//! The setup commands: `resonance setup FILE`, and `brand`, `market`, `team`, `person` and
//! `account` with `add`, `list` and `remove`. Each `add` applies a one-record setup file, so the commands
//! and the file check and write alike.

use std::path::Path;

use chrono::NaiveDate;
use clap::Subcommand;

use super::service;
use super::types::{AccountSpec, BrandSpec, MarketSpec, PersonSpec, SetupFile, SetupKey, TeamSpec};
use crate::server::store::{Audit, DynStore};

#[derive(Subcommand, Debug)]
pub enum BrandCommand {
    /// Add a brand: the company's own (--own) or a competitor.
    Add {
        name: String,
        /// The company's own brand.
        #[arg(long)]
        own: bool,
        /// Words and hashtags that identify its mentions, comma-separated.
        #[arg(long, value_delimiter = ',')]
        keywords: Vec<String>,
        /// Its colour in charts, #rrggbb.
        #[arg(long, default_value = "")]
        colour: String,
    },
    List,
    /// Remove a brand nothing refers to (no mentions, posts, accounts or campaigns).
    Remove { name: String },
}

#[derive(Subcommand, Debug)]
pub enum MarketCommand {
    /// Add a market in use.
    Add {
        /// DE, UK, …
        code: String,
        #[arg(long)]
        name: String,
        /// IANA time zone, e.g. Europe/Berlin.
        #[arg(long, default_value = "UTC")]
        time_zone: String,
    },
    List,
    /// Remove a market nothing refers to.
    Remove { code: String },
}

#[derive(Subcommand, Debug)]
pub enum TeamCommand {
    /// Add a team: the global hub or a local spoke.
    Add {
        name: String,
        /// hub or spoke.
        #[arg(long)]
        kind: String,
        /// The market a spoke serves.
        #[arg(long)]
        market: Option<String>,
    },
    List,
    /// Remove a team nothing refers to (no people, users or accounts).
    Remove { name: String },
}

#[derive(Subcommand, Debug)]
pub enum PersonCommand {
    /// Add a person who can own accounts.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        /// Their team's name.
        #[arg(long)]
        team: String,
        /// The day they left, YYYY-MM-DD.
        #[arg(long)]
        left_on: Option<NaiveDate>,
    },
    List,
    /// Remove a person who owns, backs up or keeps the credentials of no account (someone who
    /// left: set --left-on in a setup file instead).
    Remove { email: String },
}

#[derive(Subcommand, Debug)]
#[allow(clippy::large_enum_variant, reason = "parsed once per command line")]
pub enum AccountCommand {
    /// Add a social account.
    Add {
        /// x, facebook, instagram, linkedin, youtube or tiktok.
        platform: String,
        /// The handle (with or without @).
        handle: String,
        /// The brand it speaks for.
        #[arg(long)]
        brand: String,
        /// Its name as the platform shows it.
        #[arg(long)]
        name: Option<String>,
        /// The platform's own id (a Facebook page id).
        #[arg(long)]
        platform_id: Option<String>,
        #[arg(long)]
        url: Option<String>,
        #[arg(long)]
        market: Option<String>,
        /// The owning team's name.
        #[arg(long)]
        team: Option<String>,
        /// The owner's email.
        #[arg(long)]
        owner: Option<String>,
        /// The backup owner's email.
        #[arg(long)]
        backup: Option<String>,
        /// Who keeps its credentials (email).
        #[arg(long)]
        custodian: Option<String>,
        /// official, unofficial, dormant or archived.
        #[arg(long, default_value = "official")]
        status: String,
    },
    List,
    /// Remove an account without posts (one with posts: archive it, status archived).
    Remove { platform: String, handle: String },
}

fn audit() -> Audit {
    Audit::new(crate::server::auth::now(), None, "setup.applied", None)
}

fn print_report(report: &super::types::SetupReport, dry_run: bool) {
    for a in &report.added {
        println!("{} {a}", if dry_run { "would add" } else { "added" });
    }
    for c in &report.changed {
        println!("{} {c}", if dry_run { "would change" } else { "changed" });
    }
    println!("setup: {}{}", report.summary(), if dry_run { " (dry run: nothing written)" } else { "" });
}

/// `resonance setup FILE [--dry-run]`.
pub async fn setup(store: &DynStore, file: &Path, dry_run: bool) -> anyhow::Result<()> {
    let spec = service::read(file).map_err(anyhow::Error::msg)?;
    let report = service::apply(store, &spec, &file.display().to_string(), dry_run, audit()).await?;
    print_report(&report, dry_run);
    Ok(())
}

/// Applies a one-record file; an `add` of a record that exists already is refused.
async fn add_one(store: &DynStore, file: SetupFile, what: &str) -> anyhow::Result<()> {
    let report = service::add(store, &file, what, audit()).await?;
    print_report(&report, false);
    Ok(())
}

/// Removes one record, or says what refers to it.
async fn remove_one(store: &DynStore, key: SetupKey) -> anyhow::Result<()> {
    let audit = Audit::new(crate::server::auth::now(), None, "setup.removed", None);
    println!("{}", service::remove(store, &key, None, audit).await?);
    Ok(())
}

fn table(rows: Vec<Vec<String>>) {
    let widths: Vec<usize> = (0..rows.first().map_or(0, Vec::len))
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    for row in rows {
        let cells: Vec<String> =
            row.iter().zip(&widths).map(|(v, w)| format!("{v:<w$}", w = *w)).collect();
        println!("{}", cells.join("  ").trim_end());
    }
}

fn or_dash(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "—".into())
}

pub async fn brand(store: &DynStore, command: BrandCommand) -> anyhow::Result<()> {
    match command {
        BrandCommand::Add { name, own, keywords, colour } => {
            let what = format!("brand {name:?}");
            let brands = vec![BrandSpec { name, own, keywords, colour }];
            add_one(store, SetupFile { brands, ..SetupFile::default() }, &what).await
        }
        BrandCommand::Remove { name } => remove_one(store, SetupKey::Brand(name)).await,
        BrandCommand::List => {
            let now = store.setup_snapshot().await?;
            let mut rows = vec![vec!["brand".into(), "own".into(), "keywords".into(), "colour".into()]];
            rows.extend(now.brands.into_iter().map(|b| {
                vec![b.name, if b.own { "yes".into() } else { "competitor".into() }, b.keywords.join(", "), b.colour]
            }));
            table(rows);
            Ok(())
        }
    }
}

pub async fn market(store: &DynStore, command: MarketCommand) -> anyhow::Result<()> {
    match command {
        MarketCommand::Add { code, name, time_zone } => {
            let what = format!("market {code}");
            let markets = vec![MarketSpec { code, name, time_zone }];
            add_one(store, SetupFile { markets, ..SetupFile::default() }, &what).await
        }
        MarketCommand::Remove { code } => remove_one(store, SetupKey::Market(code)).await,
        MarketCommand::List => {
            let now = store.setup_snapshot().await?;
            let mut rows = vec![vec!["code".into(), "name".into(), "time zone".into()]];
            rows.extend(now.markets.into_iter().map(|m| vec![m.code, m.name, m.time_zone]));
            table(rows);
            Ok(())
        }
    }
}

pub async fn team(store: &DynStore, command: TeamCommand) -> anyhow::Result<()> {
    match command {
        TeamCommand::Add { name, kind, market } => {
            let what = format!("team {name:?}");
            let teams = vec![TeamSpec { name, kind, market }];
            add_one(store, SetupFile { teams, ..SetupFile::default() }, &what).await
        }
        TeamCommand::Remove { name } => remove_one(store, SetupKey::Team(name)).await,
        TeamCommand::List => {
            let now = store.setup_snapshot().await?;
            let mut rows = vec![vec!["team".into(), "kind".into(), "market".into()]];
            rows.extend(now.teams.into_iter().map(|t| vec![t.name, t.kind, or_dash(&t.market)]));
            table(rows);
            Ok(())
        }
    }
}

pub async fn person(store: &DynStore, command: PersonCommand) -> anyhow::Result<()> {
    match command {
        PersonCommand::Add { name, email, team, left_on } => {
            let what = format!("person {email}");
            let people = vec![PersonSpec { name, email, team, left_on }];
            add_one(store, SetupFile { people, ..SetupFile::default() }, &what).await
        }
        PersonCommand::Remove { email } => remove_one(store, SetupKey::Person(email)).await,
        PersonCommand::List => {
            let now = store.setup_snapshot().await?;
            let mut rows = vec![vec!["name".into(), "email".into(), "team".into(), "status".into()]];
            rows.extend(now.people.into_iter().map(|p| {
                let status = p.left_on.map_or_else(|| "active".to_string(), |d| format!("left {d}"));
                vec![p.name, p.email, p.team, status]
            }));
            table(rows);
            Ok(())
        }
    }
}

pub async fn account(store: &DynStore, command: AccountCommand) -> anyhow::Result<()> {
    match command {
        AccountCommand::Add {
            platform,
            handle,
            brand,
            name,
            platform_id,
            url,
            market,
            team,
            owner,
            backup,
            custodian,
            status,
        } => {
            let what = format!("account {platform}:{handle}");
            let accounts = vec![AccountSpec {
                platform,
                handle,
                brand,
                name,
                platform_id,
                url,
                market,
                team,
                owner,
                backup,
                custodian,
                status: Some(status),
            }];
            add_one(store, SetupFile { accounts, ..SetupFile::default() }, &what).await
        }
        AccountCommand::Remove { platform, handle } => remove_one(store, SetupKey::Account { platform, handle }).await,
        AccountCommand::List => {
            let now = store.setup_snapshot().await?;
            let mut rows = vec![["account", "name", "brand", "market", "team", "owner", "backup", "status"]
                .map(String::from)
                .to_vec()];
            rows.extend(now.accounts.into_iter().map(|a| {
                vec![
                    format!("{}:{}", a.platform, a.handle),
                    or_dash(&a.name),
                    a.brand,
                    or_dash(&a.market),
                    or_dash(&a.team),
                    or_dash(&a.owner),
                    or_dash(&a.backup),
                    or_dash(&a.status),
                ]
            }));
            table(rows);
            Ok(())
        }
    }
}
