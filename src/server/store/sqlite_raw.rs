//! Direct SQLite calls for an import's bulk writes: one prepared single-row statement, bound and
//! run once per row, inside the transaction sqlx opened. Through sqlx each row's two dozen values
//! are encoded into an argument list, sent to the connection's worker thread and bound there, and
//! a 1,000-row statement is parsed per call; here they are bound in place. Measured on the
//! 200,000-row import benchmark, this is where most of the time outside SQLite's own B-tree work
//! went (README, "Import throughput, where the time goes").
//!
//! The only `unsafe` code of the crate is in this module: the calls into the SQLite library that
//! sqlx itself links, on the connection handle sqlx lends out while it is locked
//! ([`sqlx::sqlite::LockedSqliteHandle`]: its worker thread makes no call on the handle meanwhile).
//! Every pointer handed to SQLite lives until the call that uses it returns.
#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, CStr};
use std::marker::PhantomData;
use std::ptr::{self, NonNull};

use chrono::{Datelike, NaiveDate};
use libsqlite3_sys as ffi;
use sqlx::sqlite::LockedSqliteHandle;

use super::imports::Value;
use super::{StoreError, StoreResult};

/// A day as sqlx stores it (`YYYY-MM-DD`), written without the formatting machinery (it is
/// called once or twice per imported row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DayText([u8; 10]);

impl DayText {
    fn new(day: NaiveDate) -> Option<DayText> {
        let year = u32::try_from(day.year()).ok().filter(|y| *y <= 9999)?;
        let mut out = *b"0000-00-00";
        for (i, digit) in [year / 1000, year / 100 % 10, year / 10 % 10, year % 10].into_iter().enumerate() {
            out[i] = b'0' + digit as u8;
        }
        out[5] = b'0' + (day.month() / 10) as u8;
        out[6] = b'0' + (day.month() % 10) as u8;
        out[8] = b'0' + (day.day() / 10) as u8;
        out[9] = b'0' + (day.day() % 10) as u8;
        Some(DayText(out))
    }

    fn as_str(&self) -> &str {
        // ASCII digits and dashes only
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// The connection while sqlx lends it out.
pub struct Connection<'h> {
    db: NonNull<ffi::sqlite3>,
    _lock: PhantomData<&'h mut ()>,
}

impl<'h> Connection<'h> {
    pub fn new(handle: &'h mut LockedSqliteHandle<'_>) -> Connection<'h> {
        Connection { db: handle.as_raw_handle(), _lock: PhantomData }
    }

    /// Prepares one statement (`?1`, `?2`, … parameters).
    pub fn prepare(&self, sql: &str) -> StoreResult<Statement<'_>> {
        let len = c_int::try_from(sql.len()).map_err(|_| StoreError::Invalid("statement too long".into()))?;
        let mut stmt = ptr::null_mut();
        // SAFETY: the handle is locked for 'h; the SQL text is read within the call.
        let rc = unsafe {
            ffi::sqlite3_prepare_v2(
                self.db.as_ptr(),
                sql.as_ptr().cast::<c_char>(),
                len,
                &mut stmt,
                ptr::null_mut(),
            )
        };
        match NonNull::new(stmt) {
            Some(stmt) if rc == ffi::SQLITE_OK => Ok(Statement { stmt, conn: self }),
            _ => Err(self.error(rc)),
        }
    }

    /// The rowid of the row the last successful INSERT added.
    pub fn last_insert_rowid(&self) -> i64 {
        // SAFETY: the handle is locked for 'h.
        unsafe { ffi::sqlite3_last_insert_rowid(self.db.as_ptr()) }
    }

    /// Rows the last INSERT, UPDATE or DELETE changed.
    pub fn changes(&self) -> u64 {
        // SAFETY: the handle is locked for 'h.
        unsafe { ffi::sqlite3_changes64(self.db.as_ptr()) }.max(0) as u64
    }

    fn error(&self, rc: c_int) -> StoreError {
        // SAFETY: sqlite3_errmsg returns a NUL-terminated string owned by the connection, copied
        // here before any other call.
        let message = unsafe { CStr::from_ptr(ffi::sqlite3_errmsg(self.db.as_ptr())) };
        StoreError::Sqlite(format!("{} (code {rc})", message.to_string_lossy()))
    }
}

/// A prepared statement, finalized when dropped.
pub struct Statement<'c> {
    stmt: NonNull<ffi::sqlite3_stmt>,
    conn: &'c Connection<'c>,
}

impl Statement<'_> {
    /// Binds `values` to parameters 1, 2, …, runs the statement to its end and returns the first
    /// column of its first row as an integer, if it returned a row. (A `RETURNING` clause makes
    /// SQLite build a temporary table per run: insert, then ask `last_insert_rowid`.)
    pub fn run(&mut self, values: &[Value<'_>]) -> StoreResult<Option<i64>> {
        let stmt = self.stmt.as_ptr();
        let result = self.bind(values).and_then(|()| {
            let mut first = None;
            loop {
                // SAFETY: the statement is prepared and bound; bound texts outlive this call.
                match unsafe { ffi::sqlite3_step(stmt) } {
                    ffi::SQLITE_ROW => {
                        if first.is_none() {
                            // SAFETY: a row is current.
                            first = Some(unsafe { ffi::sqlite3_column_int64(stmt, 0) });
                        }
                    }
                    ffi::SQLITE_DONE => break Ok(first),
                    rc => break Err(self.conn.error(rc)),
                }
            }
        });
        // SAFETY: resetting drops the statement's hold on the bound texts (bound as static, so
        // they must not be read after this call returns; nothing reads them before the next bind).
        unsafe {
            ffi::sqlite3_reset(stmt);
            ffi::sqlite3_clear_bindings(stmt);
        }
        result
    }

    fn bind(&mut self, values: &[Value<'_>]) -> StoreResult<()> {
        let stmt = self.stmt.as_ptr();
        for (i, value) in values.iter().enumerate() {
            let at = c_int::try_from(i + 1).map_err(|_| StoreError::Invalid("too many values".into()))?;
            // SAFETY: `stmt` is a live statement; a text is read by SQLite only until the reset at
            // the end of `run`, within the lifetime of `values`.
            let rc = unsafe {
                match *value {
                    Value::Int(v) => ffi::sqlite3_bind_int64(stmt, at, v),
                    Value::Bool(v) => ffi::sqlite3_bind_int64(stmt, at, i64::from(v)),
                    Value::Real(v) => ffi::sqlite3_bind_double(stmt, at, v),
                    Value::NullInt | Value::NullReal | Value::NullText => ffi::sqlite3_bind_null(stmt, at),
                    Value::Text(v) => {
                        let len = c_int::try_from(v.len())
                            .map_err(|_| StoreError::Invalid("a text is too long for SQLite".into()))?;
                        ffi::sqlite3_bind_text(
                            stmt,
                            at,
                            v.as_ptr().cast::<c_char>(),
                            len,
                            ffi::SQLITE_STATIC(),
                        )
                    }
                    // ten bytes on the stack, copied by SQLite (`SQLITE_TRANSIENT`)
                    Value::Day(day) => {
                        let text = DayText::new(day)
                            .ok_or_else(|| StoreError::Invalid(format!("the date {day} is out of range")))?;
                        ffi::sqlite3_bind_text(
                            stmt,
                            at,
                            text.as_str().as_ptr().cast::<c_char>(),
                            10,
                            ffi::SQLITE_TRANSIENT(),
                        )
                    }
                }
            };
            if rc != ffi::SQLITE_OK {
                return Err(self.conn.error(rc));
            }
        }
        Ok(())
    }
}

impl Drop for Statement<'_> {
    fn drop(&mut self) {
        // SAFETY: finalized once, here; the statement is not used after.
        unsafe {
            ffi::sqlite3_finalize(self.stmt.as_ptr());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::Connection as _;

    #[test]
    fn days_are_written_as_sqlx_writes_them() {
        for (y, m, d) in [(2026, 6, 30), (1, 1, 1), (999, 12, 9), (9999, 12, 31), (2024, 2, 29)] {
            let day = NaiveDate::from_ymd_opt(y, m, d).expect("day");
            assert_eq!(DayText::new(day).expect("in range").as_str(), day.format("%F").to_string());
        }
        assert!(DayText::new(NaiveDate::from_ymd_opt(10_000, 1, 1).expect("day")).is_none());
        assert!(DayText::new(NaiveDate::from_ymd_opt(-1, 1, 1).expect("day")).is_none());
    }

    #[tokio::test]
    async fn statements_bind_run_and_report_errors() {
        let mut conn = sqlx::SqliteConnection::connect("sqlite::memory:").await.expect("connect");
        sqlx::query("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL UNIQUE, b REAL, n INTEGER CHECK (n >= 0))")
            .execute(&mut conn)
            .await
            .expect("create");
        let mut tx = conn.begin().await.expect("begin");
        {
            let mut handle = tx.lock_handle().await.expect("lock");
            let db = Connection::new(&mut handle);
            let mut insert = db
                .prepare("INSERT INTO t (a, b, n) VALUES (?1, ?2, ?3) ON CONFLICT (a) DO NOTHING")
                .expect("prepare");
            let mut find = db.prepare("SELECT id FROM t WHERE a = ?1").expect("prepare");
            let text = String::from("zwölf \u{0} 🚲");
            assert_eq!(
                insert.run(&[text.as_str().into(), Some(0.5).into(), 3.into()]).expect("insert"),
                None
            );
            assert_eq!((db.changes(), db.last_insert_rowid()), (1, 1));
            assert_eq!(insert.run(&["b".into(), Value::NullReal, 4.into()]).expect("insert"), None);
            assert_eq!((db.changes(), db.last_insert_rowid()), (1, 2));
            // a conflict inserts nothing
            insert.run(&["b".into(), Value::NullReal, 5.into()]).expect("insert");
            assert_eq!(db.changes(), 0);
            assert_eq!(find.run(&["b".into()]).expect("find"), Some(2));
            assert_eq!(find.run(&[text.as_str().into()]).expect("find"), Some(1));
            assert_eq!(find.run(&["none".into()]).expect("find"), None);
            let err = insert.run(&["c".into(), Value::NullReal, (-1).into()]).expect_err("check fails");
            assert!(err.to_string().contains("CHECK constraint failed"), "{err}");
            // the statement is usable after an error
            insert.run(&["d".into(), Value::NullReal, 1.into()]).expect("insert");
            assert_eq!(db.last_insert_rowid(), 3);
            // a day is written as sqlx writes it; a day it cannot write is an error
            let day = NaiveDate::from_ymd_opt(2026, 6, 30).expect("day");
            insert.run(&[day.into(), Value::NullReal, 0.into()]).expect("insert");
            let far = NaiveDate::from_ymd_opt(12_026, 1, 1).expect("day");
            let err = insert.run(&[far.into(), Value::NullReal, 0.into()]).expect_err("out of range");
            assert!(err.to_string().contains("out of range"), "{err}");
            assert!(db.prepare("INSERT INTO nowhere VALUES (1)").is_err());
        }
        let rows: Vec<(String, Option<f64>, i64)> =
            sqlx::query_as("SELECT a, b, n FROM t ORDER BY id").fetch_all(&mut *tx).await.expect("read back");
        assert_eq!(
            rows,
            vec![
                ("zwölf \u{0} 🚲".to_string(), Some(0.5), 3),
                ("b".into(), None, 4),
                ("d".into(), None, 1),
                ("2026-06-30".into(), None, 0)
            ]
        );
        tx.rollback().await.expect("rollback");
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM t").fetch_one(&mut conn).await.expect("count");
        assert_eq!(n, 0, "the raw writes belong to sqlx's transaction");
    }
}
