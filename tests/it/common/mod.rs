//! Helpers shared by the integration tests: a fresh database per test — a temporary SQLite
//! file, or a fresh schema on the PostgreSQL server that `RESONANCE_TEST_POSTGRES` names.

#![allow(dead_code)] // reason: each test binary uses a different subset

pub mod http;

use std::sync::atomic::{AtomicU32, Ordering};

use chrono::NaiveDate;
use chrono_tz::Tz;
use resonance::server::demo::{self, DemoOptions};
use resonance::server::store::{self, DynStore};
use tempfile::TempDir;

/// Which store a test runs against.
#[derive(Debug, Clone)]
pub enum Backend {
    Sqlite,
    /// Server URL from `RESONANCE_TEST_POSTGRES`.
    Postgres(String),
}

impl Backend {
    /// The PostgreSQL backend for a test that must run on it: a missing server is a failure.
    pub fn required_postgres() -> Backend {
        match Backend::postgres() {
            Some(backend) => backend,
            None => {
                panic!("set RESONANCE_TEST_POSTGRES=postgres://USER@HOST:PORT/DB to run the PostgreSQL half")
            }
        }
    }

    /// The PostgreSQL backend, when `RESONANCE_TEST_POSTGRES` names a server.
    pub fn postgres() -> Option<Backend> {
        std::env::var("RESONANCE_TEST_POSTGRES").ok().filter(|u| !u.is_empty()).map(Backend::Postgres)
    }
}

pub struct TestDb {
    pub backend: Backend,
    pub url: String,
    pub store: DynStore,
    _dir: Option<TempDir>,
    schema: Option<(String, String)>,
}

impl Drop for TestDb {
    /// Drops a PostgreSQL test schema (on a thread of its own: Drop cannot await).
    fn drop(&mut self) {
        if let Some((server, schema)) = self.schema.take() {
            let _ = std::thread::spawn(move || {
                let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
                    return;
                };
                rt.block_on(async {
                    if let Ok(pool) = sqlx::PgPool::connect(&server).await {
                        let _ = sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
                            .execute(&pool)
                            .await;
                    }
                });
            })
            .join();
        }
    }
}

/// The overview's sums of one slice, through the stats query layer.
pub async fn period_sums(
    db: &TestDb,
    slice: &resonance::server::store::Slice,
) -> resonance::server::store::StoreResult<resonance::kpi::PeriodSums> {
    resonance::stats::run::period_sums(db.store.as_ref(), &slice.into()).await
}

pub fn until() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).expect("date")
}

static SCHEMA_SEQ: AtomicU32 = AtomicU32::new(0);

/// A fresh, migrated, empty database.
pub async fn empty_db(backend: &Backend) -> TestDb {
    let (url, dir, schema) = match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("nested/test.db").display());
            (url, Some(dir), None)
        }
        Backend::Postgres(server) => {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            let schema =
                format!("t_{}_{}_{nanos}", std::process::id(), SCHEMA_SEQ.fetch_add(1, Ordering::Relaxed));
            let sep = if server.contains('?') { '&' } else { '?' };
            (format!("{server}{sep}schema={schema}"), None, Some((server.clone(), schema)))
        }
    };
    let store = match store::open(&url).await {
        Ok(store) => store,
        Err(e) => panic!("cannot open the test database {url}: {e}"),
    };
    store.migrate().await.expect("migrate");
    TestDb { backend: backend.clone(), url, store, _dir: dir, schema }
}

/// A fresh database with `mentions` demo mentions ending on `until()`.
pub async fn demo_db(backend: &Backend, mentions: u64, seed: u64) -> TestDb {
    let db = empty_db(backend).await;
    demo::generate(
        &db.store,
        &DemoOptions { mentions, seed, until: until(), time_zone: Tz::UTC, thresholds: Default::default() },
    )
    .await
    .expect("demo");
    db
}

/// A raw connection to the same database, for checks that bypass the store. SQL given to it
/// is written in the subset both dialects accept (dates as literals).
pub enum Raw {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

pub async fn raw(db: &TestDb) -> Raw {
    match &db.schema {
        None => Raw::Sqlite(sqlx::SqlitePool::connect(&db.url).await.expect("raw pool")),
        Some((server, schema)) => {
            let options: sqlx::postgres::PgConnectOptions = server.parse().expect("url");
            let options = options.options([("search_path", schema.as_str())]);
            Raw::Postgres(sqlx::PgPool::connect_with(options).await.expect("raw pool"))
        }
    }
}

impl Raw {
    /// How the dialect writes a true boolean column's value.
    pub fn true_literal(&self) -> &'static str {
        match self {
            Raw::Sqlite(_) => "1",
            Raw::Postgres(_) => "TRUE",
        }
    }

    /// One integer from a query.
    pub async fn int(&self, sql: &str) -> i64 {
        let sql = format!("SELECT CAST(({sql}) AS BIGINT)");
        match self {
            Raw::Sqlite(p) => sqlx::query_scalar(&sql).fetch_one(p).await,
            Raw::Postgres(p) => sqlx::query_scalar(&sql).fetch_one(p).await,
        }
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// The first column of every row, as text (write `CAST(… AS TEXT)` for other types).
    pub async fn texts(&self, sql: &str) -> Vec<String> {
        match self {
            Raw::Sqlite(p) => sqlx::query_scalar(sql).fetch_all(p).await,
            Raw::Postgres(p) => sqlx::query_scalar(sql).fetch_all(p).await,
        }
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// Runs a statement; the error is the caller's to judge.
    pub async fn execute(&self, sql: &str) -> Result<u64, sqlx::Error> {
        match self {
            Raw::Sqlite(p) => sqlx::query(sql).execute(p).await.map(|r| r.rows_affected()),
            Raw::Postgres(p) => sqlx::query(sql).execute(p).await.map(|r| r.rows_affected()),
        }
    }
}

/// Runs each named contract test against SQLite (`sqlite::name`) and against PostgreSQL
/// (`postgres::name`). The PostgreSQL half is marked ignored, so a plain `cargo test` reports it
/// as such instead of passing it unrun; `make test` runs it with `-- --include-ignored` on the
/// server `RESONANCE_TEST_POSTGRES` names, and then a missing server fails it.
#[macro_export]
macro_rules! contract_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name(&$crate::common::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                #[ignore = "PostgreSQL: `make test` runs it (cargo test -- --include-ignored with RESONANCE_TEST_POSTGRES set)"]
                async fn $name() {
                    super::$name(&$crate::common::Backend::required_postgres()).await
                }
            )*
        }
    };
}
