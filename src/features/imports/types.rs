//! The import page: wire types shared by server and client.

use serde::{Deserialize, Serialize};

/// The `--format` codes a user can pick, with what users call them (auto-detection is the default).
pub const FORMATS: [(&str, &str); 7] = [
    ("generic-mentions", "Generic mentions (CSV/JSON)"),
    ("generic-posts", "Generic owned posts (CSV/JSON)"),
    ("x-archive", "X/Twitter archive"),
    ("meta", "Meta Business Suite posts"),
    ("linkedin", "LinkedIn page posts"),
    ("brandwatch", "Brandwatch mentions"),
    ("talkwalker", "Talkwalker"),
];

/// What users call a format code.
pub fn format_label(code: &str) -> &str {
    FORMATS.iter().find(|(c, _)| *c == code).map_or(code, |(_, label)| label)
}

/// One import batch as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportBatchView {
    pub id: i64,
    pub file_name: String,
    /// The format's code.
    pub format: String,
    /// Seconds since the epoch.
    pub started_at: i64,
    pub finished_at: Option<i64>,
    /// `done` (a batch is only ever seen committed).
    pub status: String,
    /// Who imported it (email), when imported through the page.
    pub user: Option<String>,
    pub rows_read: i64,
    pub inserted: i64,
    pub updated: i64,
    pub rejected: i64,
}

/// Where an import started from the page is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportJobState {
    /// Reading and writing: bytes of the file read so far, and rows.
    Running { bytes: u64, total_bytes: u64, rows: u64 },
    /// Committed: the batch, and an earlier batch of the very same file if there was one.
    Done { batch: ImportBatchView, same_file_as: Option<i64> },
    /// Nothing was imported, for this reason.
    Failed { message: String },
}

/// The answer to an upload: the job to follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadAccepted {
    pub job: u64,
}
