//! Importing export files. A file is hashed and kept under its SHA-256 (nothing is ever lost),
//! read as it comes (`read`: CSV, JSON, X archive scripts, workbooks, zip), its format told from
//! its header (`formats`), each row turned into a mention or a post (`rows`) on a blocking thread,
//! and the whole file written as one batch in one transaction (`store::ImportStore`), handed over
//! in chunks so memory stays flat. A bad row becomes a reject with its line, column and reason; a
//! file that cannot be read at all changes nothing.

pub mod brands;
pub mod formats;
pub mod http;
pub mod read;
pub mod rows;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use anyhow::Context as _;
use chrono_tz::Tz;
use sha2::{Digest, Sha256};

use crate::features::campaigns::attribution::Attribution;
use crate::sentiment::Thresholds;
use crate::server::store::{
    DynStore, ImportAccount, ImportCampaign, ImportChunk, ImportCounts, ImportMention, NewImportBatch, Reject,
};
use formats::{ColumnMap, Format, Target};
use read::{Item, Limits, Position};

/// Rows handed to the store at a time.
const CHUNK_ROWS: usize = 2_000;
/// Rows looked at for a header before a file is declared unknown (a note or metadata block may
/// come first).
const HEADER_SEARCH_ROWS: u64 = 30;

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The brand mentions are about (its id); posts take their account's brand.
    pub brand_id: i64,
    /// No brand was named: each mention goes to the brands whose keywords it contains
    /// (`brands::BrandMatcher`), `brand_id` (the own brand) when it contains none.
    pub brand_by_keywords: bool,
    pub time_zone: Tz,
    pub thresholds: Thresholds,
    /// Where raw files are kept, by SHA-256.
    pub raw_dir: PathBuf,
    pub user_id: Option<i64>,
    /// `--format`: only formats with this code.
    pub format: Option<String>,
    /// `--account`: every post is this account's (id, handle or platform:handle).
    pub account: Option<String>,
    /// `--campaign`: every row belongs to this campaign (id or name).
    pub campaign: Option<String>,
    pub limits: Limits,
    /// The file's name to record (an upload is stored under another name first).
    pub file_name: Option<String>,
}

/// How far an import is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub bytes: u64,
    pub total_bytes: u64,
    pub rows: u64,
}

/// What one file did.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    pub file_name: String,
    pub sha256: String,
    /// The format's name, as users call it.
    pub format: String,
    pub counts: ImportCounts,
    /// An earlier batch that imported the same file in the same format.
    pub same_file_as: Option<i64>,
}

/// Imports one file as one batch.
pub async fn import_file(
    store: &DynStore,
    path: &Path,
    options: &ImportOptions,
    progress: impl Fn(Progress) + Send + 'static,
) -> anyhow::Result<ImportReport> {
    let file_name = match &options.file_name {
        Some(name) => name.clone(),
        None => path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
    };
    if let Some(code) = &options.format {
        anyhow::ensure!(
            formats::FORMATS.iter().any(|f| f.code == code),
            "there is no format {code:?}; formats: {}",
            formats::codes().join(", ")
        );
    }
    let (accounts, campaigns) = store.import_targets().await?;
    let account = options.account.as_deref().map(|a| find_account(&accounts, a)).transpose()?.cloned();
    let campaign_id =
        options.campaign.as_deref().map(|c| find_campaign(&campaigns, c, options.brand_id)).transpose()?;
    let matcher = match options.brand_by_keywords {
        true => Some(brands::BrandMatcher::new(&store.import_brands().await?, options.brand_id)),
        false => None,
    };
    let sha256 = keep_raw(path, &options.raw_dir)?;
    // read before the batch starts: a campaign saved while the file imports re-attributes the
    // rows committed by then, and the rows of this batch by the rule as it was when it began
    let attribution = match campaign_id {
        Some(_) => Attribution::default(),
        None => {
            let rows: Vec<_> = store.campaigns().await?.into_iter().map(|r| r.row).collect();
            Attribution::new(&rows)
        }
    };
    let (sender, receiver) = tokio::sync::mpsc::channel(2);
    let (path_owned, opts) = (path.to_path_buf(), options.clone());
    let parser = tokio::task::spawn_blocking(move || {
        let targets = Targets { accounts, account, campaign_id, matcher, attribution };
        parse_file(&path_owned, &opts, &targets, sender, progress)
    });
    let batch = NewImportBatch {
        file_name: file_name.clone(),
        sha256: sha256.clone(),
        format: "unknown".into(),
        user_id: options.user_id,
        started_at: crate::server::auth::now(),
        author_days_in_memory: crate::server::store::imports::AUTHOR_DAYS_IN_MEMORY,
    };
    let stored = store.import_batch(batch, receiver).await;
    let format = parser.await.context("the parser stopped unexpectedly")?;
    let counts = stored.map_err(|e| anyhow::anyhow!("{file_name}: {e}; nothing was imported"))?;
    let same_file_as = match format {
        Some(f) => store.imported_before(&sha256, f.code).await?.filter(|id| *id != counts.batch_id),
        None => None,
    };
    Ok(ImportReport {
        file_name,
        sha256,
        format: format.map(|f| f.name.to_string()).unwrap_or_default(),
        counts,
        same_file_as,
    })
}

/// `--account`: an id, a handle (unique across platforms) or `platform:handle`.
fn find_account<'a>(accounts: &'a [ImportAccount], wanted: &str) -> anyhow::Result<&'a ImportAccount> {
    let w = wanted.trim().trim_start_matches('@').to_lowercase();
    let (platform, handle) = match w.split_once(':') {
        Some((p, h)) => (Some(p.to_string()), h.trim_start_matches('@').to_string()),
        None => (None, w.clone()),
    };
    let found: Vec<&ImportAccount> = accounts
        .iter()
        .filter(|a| {
            a.id.to_string() == w
                || (a.handle.to_lowercase() == handle && platform.as_deref().is_none_or(|p| p == a.platform))
        })
        .collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => anyhow::bail!("there is no account {wanted:?} (give its id, handle or platform:handle)"),
        many => {
            let which: Vec<String> = many.iter().map(|a| format!("{}:{}", a.platform, a.handle)).collect();
            anyhow::bail!(
                "{wanted:?} names {} accounts ({}); say which with platform:handle",
                many.len(),
                which.join(", ")
            )
        }
    }
}

/// `--campaign`: an id, or a name of one of the brand's campaigns.
fn find_campaign(campaigns: &[ImportCampaign], wanted: &str, brand_id: i64) -> anyhow::Result<i64> {
    campaigns
        .iter()
        .find(|c| c.id.to_string() == wanted.trim())
        .or_else(|| {
            campaigns.iter().find(|c| c.brand_id == brand_id && c.name.eq_ignore_ascii_case(wanted.trim()))
        })
        .or_else(|| campaigns.iter().find(|c| c.name.eq_ignore_ascii_case(wanted.trim())))
        .map(|c| c.id)
        .ok_or_else(|| anyhow::anyhow!("there is no campaign {wanted:?}"))
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
    let hash = crate::server::auth::hex(&hasher.finalize());
    std::fs::create_dir_all(raw_dir).with_context(|| format!("cannot create {}", raw_dir.display()))?;
    let kept = raw_dir.join(&hash);
    if !kept.exists() {
        let partial = raw_dir.join(format!("{hash}.partial"));
        std::fs::copy(path, &partial)?;
        std::fs::rename(&partial, &kept)?;
    }
    Ok(hash)
}

/// What rows are attributed to.
struct Targets {
    accounts: Vec<ImportAccount>,
    account: Option<ImportAccount>,
    campaign_id: Option<i64>,
    /// Assigns mentions to brands by keyword (no brand was named).
    matcher: Option<brands::BrandMatcher>,
    /// Assigns the rows no `--campaign` named to campaigns by their hashtags and keywords.
    attribution: Attribution,
}

impl Targets {
    /// The campaign a row without one belongs to by its text (`campaigns::attribution`).
    fn attribute(
        &self,
        brand_id: i64,
        market: &str,
        day: chrono::NaiveDate,
        text: &str,
    ) -> (Option<i64>, bool) {
        match self.attribution.campaign_for(brand_id, market, day, text) {
            Some(id) => (Some(id), true),
            None => (None, false),
        }
    }
}

/// A row as one CSV line (quoted where needed), for the rejects report.
fn csv_line(cells: &[String]) -> String {
    let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let _ = out.write_record(cells);
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes).trim_end_matches('\n').to_string()
}

enum Converted {
    Mention(crate::server::store::ImportMention),
    Post(crate::server::store::ImportPost),
}

/// The state of one file's parse: its format once known, the chunk being filled.
struct Parser<'a> {
    options: &'a ImportOptions,
    targets: &'a Targets,
    format: Option<(&'static Format, ColumnMap)>,
    /// Column names as the file writes them (a table's header, or the last record's keys).
    names: Vec<String>,
    /// The same, normalised (for JSON records: to tell when the keys change).
    normalised: Vec<String>,
    /// Rows seen before a header was found, and the first of them (for the message).
    preamble: u64,
    first_row: Option<Vec<String>>,
    archive_account: Option<String>,
    chunk: ImportChunk,
    rows: u64,
    fatal: Option<String>,
    sender: tokio::sync::mpsc::Sender<Result<ImportChunk, String>>,
    position: Position,
    total_bytes: u64,
    progress: &'a dyn Fn(Progress),
}

impl Parser<'_> {
    fn item(&mut self, item: Item) -> bool {
        match item {
            Item::Account(name) => {
                self.archive_account = Some(name);
                true
            }
            Item::Unreadable(line, reason) => {
                if self.format.is_none() {
                    self.fatal = Some(format!("line {line}: {reason}"));
                    return false;
                }
                self.reject(line, None, reason, String::new())
            }
            Item::Row(line, cells) => {
                if self.format.is_none() {
                    return self.find_header(cells);
                }
                if cells.iter().all(|c| c.trim().is_empty()) {
                    return true;
                }
                if cells.len() != self.names.len() {
                    let reason = format!(
                        "the row has {} fields, the header {} (a cut-off row or a stray delimiter?)",
                        cells.len(),
                        self.names.len()
                    );
                    return self.reject(line, None, reason, csv_line(&cells));
                }
                self.convert(line, &cells)
            }
            Item::Record(number, pairs) => {
                let (keys, values): (Vec<String>, Vec<String>) = pairs.into_iter().unzip();
                if keys != self.names {
                    self.normalised = keys.iter().map(|k| formats::normalise(k)).collect();
                    self.names = keys;
                    let only = self.options.format.as_deref();
                    match self.format.as_ref().map(|(f, _)| *f) {
                        None => match formats::detect(&self.normalised, only) {
                            Some(found) => self.format = Some(found),
                            None => {
                                self.fatal = Some(formats::explain_unknown(&self.normalised, only));
                                return false;
                            }
                        },
                        Some(format) => match formats::map(format, &self.normalised) {
                            Some((map, _)) => self.format = Some((format, map)),
                            None => {
                                let missing = formats::missing(format, &self.normalised).join(", ");
                                let reason =
                                    format!("the record lacks {missing} (a {} needs it)", format.name);
                                // keep the old map for the records after this one
                                self.names.clear();
                                return self.reject(number, Some(missing), reason, csv_line(&values));
                            }
                        },
                    }
                }
                self.convert(number, &values)
            }
        }
    }

    fn find_header(&mut self, cells: Vec<String>) -> bool {
        let normalised: Vec<String> = cells.iter().map(|c| formats::normalise(c)).collect();
        let only = self.options.format.as_deref();
        if let Some(found) = formats::detect(&normalised, only) {
            self.format = Some(found);
            self.names = cells.iter().map(|c| c.trim_start_matches('\u{feff}').trim().to_string()).collect();
            self.normalised = normalised;
            return true;
        }
        if self.first_row.is_none() && normalised.iter().any(|c| !c.is_empty()) {
            self.first_row = Some(normalised);
        }
        self.preamble += 1;
        if self.preamble >= HEADER_SEARCH_ROWS {
            self.fatal = Some(self.unknown());
            return false;
        }
        true
    }

    fn unknown(&self) -> String {
        match &self.first_row {
            None => "the file is empty".into(),
            Some(row) => formats::explain_unknown(row, self.options.format.as_deref()),
        }
    }

    fn convert(&mut self, line: u64, cells: &[String]) -> bool {
        let Some((format, map)) = &self.format else { return true };
        let row = rows::Row { cells, names: &self.names, map };
        let cx = rows::Context {
            format,
            brand_id: self.options.brand_id,
            campaign_id: self.targets.campaign_id,
            time_zone: self.options.time_zone,
            thresholds: self.options.thresholds,
            accounts: &self.targets.accounts,
            account: self.targets.account.as_ref(),
            archive_account: self.archive_account.as_deref(),
        };
        let result = match format.target {
            Target::Mentions => rows::to_mention(&row, &cx).map(Converted::Mention),
            Target::Posts => rows::to_post(&row, &cx).map(Converted::Post),
        };
        match result {
            Ok(Converted::Mention(m)) => {
                let first = self.chunk.mentions.len();
                match &self.targets.matcher {
                    None => self.chunk.mentions.push(m),
                    Some(matcher) => {
                        let mut ids = matcher.brands_of(&m.text);
                        let last = ids.pop().unwrap_or(m.brand_id);
                        for id in ids {
                            self.chunk.mentions.push(ImportMention { brand_id: id, ..m.clone() });
                        }
                        self.chunk.mentions.push(ImportMention { brand_id: last, ..m });
                    }
                }
                if !self.targets.attribution.is_empty() {
                    for m in &mut self.chunk.mentions[first..] {
                        if m.campaign_id.is_none() {
                            (m.campaign_id, m.campaign_by_terms) =
                                self.targets.attribute(m.brand_id, &m.market, m.day, &m.text);
                        }
                    }
                }
                self.count_row()
            }
            Ok(Converted::Post(mut p)) => {
                if p.campaign_id.is_none() && !self.targets.attribution.is_empty() {
                    (p.campaign_id, p.campaign_by_terms) =
                        self.targets.attribute(p.brand_id, &p.market, p.day, &p.text);
                }
                self.chunk.posts.push(p);
                self.count_row()
            }
            Err((column, reason)) => self.reject(line, column, reason, csv_line(cells)),
        }
    }

    fn reject(&mut self, line: u64, column: Option<String>, reason: String, raw: String) -> bool {
        let raw = raw.chars().take(2_000).collect();
        self.chunk.rejects.push(Reject { line, column, reason, raw });
        self.count_row()
    }

    fn count_row(&mut self) -> bool {
        self.rows += 1;
        self.chunk.rows_read += 1;
        if self.chunk.rows_read as usize >= CHUNK_ROWS {
            return self.flush();
        }
        true
    }

    fn flush(&mut self) -> bool {
        self.chunk.format = self.format.as_ref().map(|(f, _)| f.code.to_string());
        let chunk = std::mem::take(&mut self.chunk);
        let sent = self.sender.blocking_send(Ok(chunk)).is_ok();
        (self.progress)(Progress {
            bytes: self.position.0.load(Ordering::Relaxed),
            total_bytes: self.total_bytes,
            rows: self.rows,
        });
        sent
    }
}

/// Parses the file and sends it to the store chunk by chunk; a file that cannot be read sends
/// `Err` (the store then writes nothing). Returns the format found.
fn parse_file(
    path: &Path,
    options: &ImportOptions,
    targets: &Targets,
    sender: tokio::sync::mpsc::Sender<Result<ImportChunk, String>>,
    progress: impl Fn(Progress),
) -> Option<&'static Format> {
    let position = Position::default();
    let mut parser = Parser {
        options,
        targets,
        format: None,
        names: Vec::new(),
        normalised: Vec::new(),
        preamble: 0,
        first_row: None,
        archive_account: None,
        chunk: ImportChunk::default(),
        rows: 0,
        fatal: None,
        sender: sender.clone(),
        position: position.clone(),
        total_bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        progress: &progress,
    };
    let read = read::read_file(path, &options.limits, &position, &mut |item| parser.item(item));
    let failure = match (read, parser.fatal.take()) {
        (_, Some(message)) | (Err(message), None) => Some(message),
        (Ok(()), None) if parser.format.is_none() => Some(parser.unknown()),
        (Ok(()), None) => None,
    };
    match failure {
        Some(message) => {
            let _ = sender.blocking_send(Err(message));
            None
        }
        None => {
            parser.flush();
            parser.format.map(|(f, _)| f)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: i64, platform: &str, handle: &str) -> ImportAccount {
        ImportAccount {
            id,
            brand_id: 1,
            platform: platform.into(),
            handle: handle.into(),
            market: None,
            display_name: String::new(),
            platform_id: None,
        }
    }

    #[test]
    fn accounts_are_found_by_id_handle_or_platform_and_handle() {
        let accounts =
            [account(1, "x", "voltaro"), account(2, "instagram", "voltaro"), account(3, "x", "voltaro_de")];
        assert_eq!(find_account(&accounts, "3").expect("id").id, 3);
        assert_eq!(find_account(&accounts, "@Voltaro_DE").expect("handle").id, 3);
        assert_eq!(find_account(&accounts, "instagram:voltaro").expect("platform:handle").id, 2);
        let err = find_account(&accounts, "voltaro").expect_err("ambiguous").to_string();
        assert!(err.contains("names 2 accounts (x:voltaro, instagram:voltaro)"), "{err}");
        assert!(find_account(&accounts, "nobody").is_err());
    }
}
