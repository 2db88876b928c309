//! Helpers shared by the integration tests: a fresh SQLite file per test, demo data in it.

#![allow(dead_code)] // reason: each test binary uses a different subset

use chrono::NaiveDate;
use chrono_tz::Tz;
use resonance::server::demo::{self, DemoOptions};
use resonance::server::store::{self, DynStore};
use tempfile::TempDir;

pub struct TestDb {
    pub dir: TempDir,
    pub url: String,
    pub store: DynStore,
}

pub fn until() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).expect("date")
}

/// A fresh, migrated, empty database in a temporary folder.
pub async fn empty_db() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("nested/test.db").display());
    let store = store::open(&url).await.expect("open");
    store.migrate().await.expect("migrate");
    TestDb { dir, url, store }
}

/// A fresh database with `mentions` demo mentions ending on `until()`.
pub async fn demo_db(mentions: u64, seed: u64) -> TestDb {
    let db = empty_db().await;
    demo::generate(&db.store, &DemoOptions { mentions, seed, until: until(), time_zone: Tz::UTC })
        .await
        .expect("demo");
    db
}

/// A raw connection to the same file, for checks that bypass the store.
pub async fn raw(db: &TestDb) -> sqlx::SqlitePool {
    sqlx::SqlitePool::connect(&db.url).await.expect("raw pool")
}
