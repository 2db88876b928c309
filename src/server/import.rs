//! Importing export files. This first part reads the generic mentions CSV (columns documented in
//! the README): the file is hashed and kept under its SHA-256, parsed on a blocking thread in
//! chunks (memory stays flat), each row validated, normalised and scored, and the whole file is
//! written as one batch in one transaction (`store::ImportStore`). A bad row becomes a reject with
//! its line, column and reason; a file that cannot be read at all changes nothing.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use sha2::{Digest, Sha256};

use crate::model::Sentiment;
use crate::sentiment::{self, Language, Thresholds};
use crate::server::store::{DynStore, ImportChunk, ImportCounts, ImportMention, NewImportBatch, Reject};

/// Rows handed to the store at a time.
const CHUNK_ROWS: usize = 2_000;
/// Longest accepted text of one mention, in bytes.
pub const MAX_TEXT_BYTES: usize = 20_000;
/// Longest accepted id, handle, platform or market.
const MAX_CODE_BYTES: usize = 256;

/// The columns of the generic mentions CSV: (name, accepted aliases, required).
pub const GENERIC_COLUMNS: &[(&str, &[&str], bool)] = &[
    ("id", &["external_id", "mention_id", "post_id"], true),
    ("platform", &["network", "source"], true),
    ("published_at", &["date", "created_at", "timestamp", "published"], true),
    ("author", &["author_handle", "handle", "username", "user"], true),
    ("text", &["content", "message", "body", "snippet"], true),
    ("author_followers", &["followers"], false),
    ("market", &["country"], false),
    ("language", &["lang"], false),
    ("sentiment", &["sentiment_label"], false),
    ("reach", &[], false),
    ("likes", &[], false),
    ("comments", &[], false),
    ("shares", &[], false),
];

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The brand the mentions are about (its id).
    pub brand_id: i64,
    pub time_zone: Tz,
    pub thresholds: Thresholds,
    /// Where raw files are kept, by SHA-256.
    pub raw_dir: PathBuf,
    pub user_id: Option<i64>,
}

/// What one file did.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    pub file_name: String,
    pub sha256: String,
    pub counts: ImportCounts,
}

/// Imports one generic mentions CSV as one batch.
pub async fn import_file(
    store: &DynStore,
    path: &Path,
    options: &ImportOptions,
    progress: impl Fn(u64) + Send + 'static,
) -> anyhow::Result<ImportReport> {
    let sha256 = keep_raw(path, &options.raw_dir)?;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (sender, receiver) = tokio::sync::mpsc::channel(2);
    let (path_owned, opts) = (path.to_path_buf(), options.clone());
    let parser = tokio::task::spawn_blocking(move || parse_generic_csv(&path_owned, &opts, sender, progress));
    let batch = NewImportBatch {
        file_name: file_name.clone(),
        sha256: sha256.clone(),
        format: "generic-mentions-csv".into(),
        user_id: options.user_id,
        started_at: crate::server::auth::now(),
    };
    let stored = store.import_mentions(batch, receiver).await;
    parser.await.context("the parser stopped unexpectedly")?;
    let counts = stored.map_err(|e| anyhow::anyhow!("{file_name}: {e}; nothing was imported"))?;
    Ok(ImportReport { file_name, sha256, counts })
}

/// Copies the file to `raw_dir/<sha256>` (once) and returns the hash.
fn keep_raw(path: &Path, raw_dir: &Path) -> anyhow::Result<String> {
    let mut file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    let hash: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    std::fs::create_dir_all(raw_dir).with_context(|| format!("cannot create {}", raw_dir.display()))?;
    let kept = raw_dir.join(&hash);
    if !kept.exists() {
        let partial = raw_dir.join(format!("{hash}.partial"));
        std::fs::copy(path, &partial)?;
        std::fs::rename(&partial, &kept)?;
    }
    Ok(hash)
}

/// A CSV field as text: UTF-8, or (an old export) Windows-1252.
fn field_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

fn normalise_header(h: &str) -> String {
    h.trim_start_matches('\u{feff}').trim().to_lowercase().replace([' ', '-'], "_")
}

/// Column index of each generic column in this header; a clear message when required ones miss.
pub fn map_columns(header: &[String]) -> Result<Vec<Option<usize>>, String> {
    let names: Vec<String> = header.iter().map(|h| normalise_header(h)).collect();
    let mut map = Vec::new();
    let mut missing = Vec::new();
    for (name, aliases, required) in GENERIC_COLUMNS {
        let at = names.iter().position(|h| h == name || aliases.contains(&h.as_str()));
        if at.is_none() && *required {
            missing.push(*name);
        }
        map.push(at);
    }
    if missing.is_empty() {
        Ok(map)
    } else {
        Err(format!(
            "this is not a generic mentions CSV: it lacks the column{} {} (found: {})",
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", "),
            if names.is_empty() { "no header".to_string() } else { names.join(", ") }
        ))
    }
}

/// A date-time as exports write it: RFC 3339, `YYYY-MM-DD HH:MM[:SS]` (UTC) or a date.
pub fn parse_instant(value: &str) -> Option<i64> {
    let v = value.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Some(t.timestamp());
    }
    for format in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(v, format) {
            return Some(t.and_utc().timestamp());
        }
    }
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .map(|t| t.and_utc().timestamp())
}

/// A count: digits with optional thousands separators; empty is 0.
pub fn parse_count(value: &str) -> Option<i64> {
    let v: String = value.trim().chars().filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}')).collect();
    if v.is_empty() {
        return Some(0);
    }
    v.parse::<i64>().ok().filter(|n| *n >= 0)
}

type RowResult = Result<ImportMention, (Option<&'static str>, String)>;

fn parse_row(fields: &[String], map: &[Option<usize>], options: &ImportOptions) -> RowResult {
    let get = |k: usize| map[k].and_then(|i| fields.get(i)).map(|s| s.trim()).unwrap_or("");
    let name = |k: usize| GENERIC_COLUMNS[k].0;
    let required = |k: usize| -> Result<&str, (Option<&'static str>, String)> {
        let v = get(k);
        if v.is_empty() {
            Err((Some(name(k)), format!("{} is empty", name(k))))
        } else if k != 4 && v.len() > MAX_CODE_BYTES {
            Err((Some(name(k)), format!("{} is longer than {MAX_CODE_BYTES} bytes", name(k))))
        } else {
            Ok(v)
        }
    };
    let id = required(0)?;
    let platform = required(1)?.to_lowercase();
    let published = required(2)?;
    let published_at = parse_instant(published)
        .ok_or((Some("published_at"), format!("{published:?} is not a date (use 2026-03-01T14:30:00Z)")))?;
    let author = required(3)?.trim_start_matches('@');
    let text = required(4)?;
    if text.len() > MAX_TEXT_BYTES {
        return Err((Some("text"), format!("the text is longer than {MAX_TEXT_BYTES} bytes")));
    }
    let count = |k: usize| {
        parse_count(get(k)).ok_or((Some(name(k)), format!("{:?} is not a whole number ≥ 0", get(k))))
    };
    let imported_label = match get(8).to_lowercase().as_str() {
        "" => None,
        "positive" | "pos" => Some(Sentiment::Positive),
        "neutral" | "neu" => Some(Sentiment::Neutral),
        "negative" | "neg" => Some(Sentiment::Negative),
        other => return Err((Some("sentiment"), format!("{other:?} is not positive, neutral or negative"))),
    };
    let language = Some(get(7)).filter(|l| !l.is_empty()).map(Language::from_code);
    let scored = sentiment::score(text, language, &options.thresholds);
    let day = DateTime::from_timestamp(published_at, 0)
        .map(|t| t.with_timezone(&options.time_zone).date_naive())
        .ok_or((Some("published_at"), "the date is out of range".to_string()))?;
    Ok(ImportMention {
        brand_id: options.brand_id,
        platform,
        external_id: id.to_string(),
        author: author.to_string(),
        author_followers: count(5)?,
        published_at,
        day,
        market: get(6).to_uppercase(),
        language: scored.language.code().to_string(),
        text: text.to_string(),
        computed_score: scored.compound,
        computed_label: scored.label,
        unscored_reason: scored.unscored_reason,
        imported_label,
        reach: count(9)?,
        likes: count(10)?,
        comments: count(11)?,
        shares: count(12)?,
    })
}

/// Parses the file and sends it to the store chunk by chunk; a file that cannot be read sends
/// `Err` (the store then writes nothing).
fn parse_generic_csv(
    path: &Path,
    options: &ImportOptions,
    sender: tokio::sync::mpsc::Sender<Result<ImportChunk, String>>,
    progress: impl Fn(u64),
) {
    let fail = |message: String| {
        let _ = sender.blocking_send(Err(message));
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return fail(format!("cannot open the file: {e}")),
    };
    let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(file);
    let mut records = reader.byte_records();
    let header: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(field_text).collect(),
        Some(Err(e)) => return fail(format!("the header cannot be read: {e}")),
        None => return fail("the file is empty".into()),
    };
    let map = match map_columns(&header) {
        Ok(map) => map,
        Err(message) => return fail(message),
    };
    let mut chunk = ImportChunk::default();
    let mut read = 0u64;
    for (n, record) in records.enumerate() {
        let line = n as u64 + 2;
        read += 1;
        chunk.rows_read += 1;
        match record {
            Err(e) => chunk.rejects.push(Reject {
                line,
                column: None,
                reason: format!("unreadable row: {e}"),
                raw: String::new(),
            }),
            Ok(record) => {
                let fields: Vec<String> = record.iter().map(field_text).collect();
                match parse_row(&fields, &map, options) {
                    Ok(m) => chunk.mentions.push(m),
                    Err((column, reason)) => {
                        let raw: String = fields.join(",").chars().take(2_000).collect();
                        chunk.rejects.push(Reject { line, column: column.map(str::to_string), reason, raw });
                    }
                }
            }
        }
        if chunk.rows_read as usize >= CHUNK_ROWS {
            if sender.blocking_send(Ok(std::mem::take(&mut chunk))).is_err() {
                return;
            }
            progress(read);
        }
    }
    if chunk.rows_read > 0 {
        let _ = sender.blocking_send(Ok(chunk));
    }
    progress(read);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_with_aliases_and_a_bom_map_and_missing_ones_are_named() {
        let header: Vec<String> =
            ["\u{feff}External ID", "Network", "Date", "Handle", "Content", "Followers"]
                .map(String::from)
                .to_vec();
        let map = map_columns(&header).expect("maps");
        assert_eq!(&map[..6], &[Some(0), Some(1), Some(2), Some(3), Some(4), Some(5)]);
        let err = map_columns(&["id".to_string(), "text".to_string()]).expect_err("refused");
        assert!(err.contains("lacks the columns platform, published_at, author"), "{err}");
    }

    #[test]
    fn dates_and_counts_as_exports_write_them() {
        assert_eq!(parse_instant("2026-03-01T14:30:00Z"), Some(1_772_375_400));
        assert_eq!(parse_instant("2026-03-01 14:30:00"), Some(1_772_375_400));
        assert_eq!(parse_instant("2026-03-01T15:30:00+01:00"), Some(1_772_375_400));
        assert!(parse_instant("2026-02-30").is_none() && parse_instant("yesterday").is_none());
        assert_eq!(parse_count("1,234"), Some(1234));
        assert_eq!(parse_count(""), Some(0));
        assert!(parse_count("-3").is_none() && parse_count("12abc").is_none());
    }

    #[test]
    fn latin_1_fields_are_read() {
        assert_eq!(field_text(b"sch\xf6n"), "schön");
        assert_eq!(field_text("schön".as_bytes()), "schön");
    }
}
