//! One row of an export, whichever format, turned into a mention or a post: values read the way
//! exports write them (dates in a dozen shapes, counts with separators, sentiment as a word or a
//! Talkwalker number), checked, and scored. A value that cannot be read rejects the row with the
//! column's name as the file spells it.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use super::formats::{platform_code, ColumnMap, DateOrder, Field, Format, PLATFORMS};
use crate::model::Sentiment;
use crate::sentiment::{self, Language, Thresholds};
use crate::server::store::{ImportAccount, ImportMention, ImportPost};

/// Longest accepted text of one mention or post, in bytes.
pub const MAX_TEXT_BYTES: usize = 20_000;
/// Longest accepted handle, platform or market.
const MAX_CODE_BYTES: usize = 256;
/// Longest accepted id (listening tools use the URL).
const MAX_ID_BYTES: usize = 2_048;

/// A row's cells with the names of their columns and where each field is.
pub struct Row<'a> {
    pub cells: &'a [String],
    pub names: &'a [String],
    pub map: &'a ColumnMap,
}

/// Why a row was rejected: the column (as the file names it) and a sentence.
pub type Rejection = (Option<String>, String);

impl<'a> Row<'a> {
    /// The first non-empty value of a field, with its column's name.
    fn get(&self, field: Field) -> Option<(&'a str, &'a str)> {
        self.map.positions(field).iter().find_map(|&i| {
            let v = self.cells.get(i)?.trim();
            (!v.is_empty()).then(|| (v, self.names.get(i).map(String::as_str).unwrap_or("")))
        })
    }

    fn value(&self, field: Field) -> &'a str {
        self.get(field).map(|(v, _)| v).unwrap_or("")
    }

    /// The column name a field is read from (for messages about a missing value): as the file
    /// names it, or as the format does when the record lacks the column.
    fn name(&self, field: Field) -> String {
        let named =
            self.map.positions(field).first().and_then(|&i| self.names.get(i)).filter(|n| !n.is_empty());
        named.cloned().unwrap_or_else(|| self.map.format_name(field).to_string())
    }

    fn required(&self, field: Field, max: usize) -> Result<(&'a str, &'a str), Rejection> {
        match self.get(field) {
            None => {
                let name = self.name(field);
                Err((
                    Some(name.clone()),
                    format!("{} is empty", if name.is_empty() { "a required value" } else { &name }),
                ))
            }
            Some((v, name)) if v.len() > max => {
                Err((Some(name.to_string()), format!("{name} is longer than {max} bytes")))
            }
            Some(found) => Ok(found),
        }
    }

    fn count(&self, field: Field) -> Result<i64, Rejection> {
        match self.get(field) {
            None => Ok(0),
            Some((v, name)) => parse_count(v)
                .ok_or_else(|| (Some(name.to_string()), format!("{:?} is not a whole number ≥ 0", clip(v)))),
        }
    }

    fn instant(&self, order: DateOrder) -> Result<i64, Rejection> {
        let (v, name) = self.required(Field::Published, MAX_CODE_BYTES)?;
        parse_instant(v, order).ok_or_else(|| {
            (Some(name.to_string()), format!("{:?} is not a date (use 2026-03-01T14:30:00Z)", clip(v)))
        })
    }

    fn text(&self, required: bool) -> Result<&'a str, Rejection> {
        let text = if required { self.required(Field::Text, usize::MAX)?.0 } else { self.value(Field::Text) };
        if text.len() > MAX_TEXT_BYTES {
            return Err((
                Some(self.name(Field::Text)),
                format!("the text is longer than {MAX_TEXT_BYTES} bytes"),
            ));
        }
        Ok(text)
    }

    fn platform(&self, format: &Format) -> Result<&'static str, Rejection> {
        if let Some(p) = format.platform {
            return Ok(p);
        }
        let (v, name) = self.required(Field::Platform, MAX_ID_BYTES)?;
        platform_code(v).ok_or_else(|| {
            let known: Vec<&str> = PLATFORMS.iter().map(|p| p.0).collect();
            (
                Some(name.to_string()),
                format!("{:?} is not a platform Resonance knows ({})", clip(v), known.join(", ")),
            )
        })
    }
}

fn clip(v: &str) -> String {
    if v.chars().count() > 60 {
        v.chars().take(60).chain("…".chars()).collect()
    } else {
        v.to_string()
    }
}

/// How to turn rows into records.
pub struct Context<'a> {
    pub format: &'static Format,
    pub brand_id: i64,
    pub campaign_id: Option<i64>,
    pub time_zone: Tz,
    pub thresholds: Thresholds,
    pub accounts: &'a [ImportAccount],
    /// `--account`: every post is this account's.
    pub account: Option<&'a ImportAccount>,
    /// The account an X archive names.
    pub archive_account: Option<&'a str>,
}

impl Context<'_> {
    fn day(&self, published_at: i64, column: String) -> Result<NaiveDate, Rejection> {
        day_of(published_at, self.time_zone).ok_or((Some(column), "the date is out of range".to_string()))
    }
}

/// The day an instant falls on in `time_zone`, for years 1 to 9999 (the days the store writes as
/// `YYYY-MM-DD`; a sign or a fifth digit is no real post's date).
fn day_of(published_at: i64, time_zone: Tz) -> Option<NaiveDate> {
    DateTime::from_timestamp(published_at, 0)
        .map(|t| t.with_timezone(&time_zone).date_naive())
        .filter(|d| (1..=9999).contains(&d.year()))
}

/// Whether a format's documents may lack a link and an author (Talkwalker's news, forum and
/// review documents often do): such a row is kept, under an id derived from its date and text.
fn keeps_rows_without_link(format: &Format) -> bool {
    format.code == "talkwalker"
}

/// A stable id for a document without one: its date and text, hashed.
fn derived_id(published_at: i64, text: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("{published_at}\n{text}").as_bytes());
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("derived:{hex}")
}

/// A row of a mentions export.
pub fn to_mention(row: &Row, cx: &Context) -> Result<ImportMention, Rejection> {
    let lenient = keeps_rows_without_link(cx.format);
    let id = match row.get(Field::Id) {
        None if lenient => None,
        _ => Some(row.required(Field::Id, MAX_ID_BYTES)?.0.to_string()),
    };
    let platform = row.platform(cx.format)?;
    let published_at = row.instant(cx.format.dates)?;
    let author = match row.get(Field::Author) {
        None if lenient => "(unknown author)".to_string(),
        _ => handle(row.required(Field::Author, MAX_CODE_BYTES)?.0),
    };
    let text = row.text(true)?;
    let id = id.unwrap_or_else(|| derived_id(published_at, text));
    let imported_label = match row.get(Field::Sentiment) {
        None => None,
        Some((v, name)) => Some(parse_sentiment(v).ok_or_else(|| {
            (Some(name.to_string()), format!("{:?} is not positive, neutral or negative", clip(v)))
        })?),
    };
    let language = Some(row.value(Field::Language)).filter(|l| !l.is_empty()).map(Language::from_code);
    let scored = sentiment::score(text, language, &cx.thresholds);
    let reach = match row.count(Field::Reach)? {
        0 => row.count(Field::Impressions)?,
        n => n,
    };
    Ok(ImportMention {
        brand_id: cx.brand_id,
        platform: platform.to_string(),
        external_id: id,
        author,
        author_followers: row.count(Field::Followers)?,
        published_at,
        day: cx.day(published_at, row.name(Field::Published))?,
        market: market(row.value(Field::Market)),
        language: scored.language.code().to_string(),
        text: text.to_string(),
        computed_score: scored.compound,
        computed_label: scored.label,
        unscored_reason: scored.unscored_reason,
        imported_label,
        reach,
        likes: row.count(Field::Likes)?,
        comments: row.count(Field::Comments)?,
        shares: row.count(Field::Shares)?,
        campaign_id: cx.campaign_id,
        campaign_by_terms: false,
    })
}

/// A row of an owned-posts export.
pub fn to_post(row: &Row, cx: &Context) -> Result<ImportPost, Rejection> {
    let (id, id_column) = row.required(Field::Id, MAX_ID_BYTES)?;
    let platform = row.platform(cx.format)?;
    let external_id = if platform == "linkedin" { linkedin_id(id) } else { id.to_string() };
    if external_id.is_empty() {
        return Err((Some(id_column.to_string()), format!("{:?} is not a post link or id", clip(id))));
    }
    let account = post_account(row, cx, platform)?;
    let published_at = row.instant(cx.format.dates)?;
    let text = row.text(false)?;
    let market = match market(row.value(Field::Market)) {
        m if m.is_empty() => account.market.clone().unwrap_or_default(),
        m => m,
    };
    Ok(ImportPost {
        brand_id: account.brand_id,
        account_id: account.id,
        campaign_id: cx.campaign_id,
        campaign_by_terms: false,
        platform: platform.to_string(),
        external_id,
        published_at,
        day: cx.day(published_at, row.name(Field::Published))?,
        market,
        text: text.to_string(),
        impressions: row.count(Field::Impressions)?,
        reach: row.count(Field::Reach)?,
        reactions: row.count(Field::Likes)?,
        comments: row.count(Field::Comments)?,
        shares: row.count(Field::Shares)?,
        saves: row.count(Field::Saves)?,
        clicks: row.count(Field::Clicks)?,
        video_views: row.count(Field::VideoViews)?,
    })
}

/// The account a post belongs to: `--account`, else the row's account column, else the archive's.
fn post_account<'a>(row: &Row, cx: &Context<'a>, platform: &str) -> Result<&'a ImportAccount, Rejection> {
    // the account's column as the file or the format names it; "account" for a format without one
    let column =
        Some(row.name(Field::Account)).filter(|n| !n.is_empty()).unwrap_or_else(|| "account".to_string());
    if let Some(account) = cx.account {
        if account.platform != platform {
            return Err((
                Some(column),
                format!(
                    "the post is on {platform}, the account given with --account ({}) on {}",
                    account.handle, account.platform
                ),
            ));
        }
        return Ok(account);
    }
    let named = row
        .get(Field::Account)
        .map(|(v, name)| (v, Some(name.to_string())))
        .or(cx.archive_account.map(|a| (a, None)));
    let Some((name, named_column)) = named else {
        return Err((
            Some(column),
            "the file does not say which account published the post: give the account (Account (posts) on the Imports page, --account with `resonance import`)".into(),
        ));
    };
    let column = named_column.or(Some(column));
    // as exports name an account: by handle, by the name the platform shows (Meta's "Page
    // name"), by the platform's own id ("Page ID") or by Resonance's id
    let wanted = handle(name).to_lowercase();
    let shown = name.trim().to_lowercase();
    cx.accounts
        .iter()
        .find(|a| {
            a.platform == platform
                && (a.handle.to_lowercase() == wanted
                    || a.id.to_string() == wanted
                    || (!a.display_name.is_empty() && a.display_name.to_lowercase() == shown)
                    || a.platform_id.as_deref() == Some(name.trim()))
        })
        .ok_or_else(|| {
            (
                column,
                format!(
                    "there is no {platform} account {:?}: add it on the Setup page or with `resonance account add {platform} HANDLE --brand B --name NAME`, or give the account (Account (posts) on the Imports page, --account)",
                    clip(name)
                ),
            )
        })
}

/// A handle without `@`, or a site's host for a URL (listening tools name news sites by URL).
fn handle(v: &str) -> String {
    let v = v.trim().trim_start_matches('@');
    let v = v.strip_prefix("https://").or_else(|| v.strip_prefix("http://")).unwrap_or(v);
    let v = v.strip_prefix("www.").unwrap_or(v);
    v.trim_end_matches('/').to_string()
}

/// The post id in a LinkedIn link: its `urn:li:…` (activity, share, ugcPost), else the link.
fn linkedin_id(link: &str) -> String {
    let decoded = link.replace("%3A", ":").replace("%3a", ":");
    if let Some(at) = decoded.find("urn:li:") {
        let urn: String =
            decoded[at..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == ':').collect();
        return urn;
    }
    // …/posts/voltaro_activity-7160000000000000000-AbCd
    if let Some(at) = decoded.find("activity-") {
        let digits: String = decoded[at + 9..].chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            return format!("urn:li:activity:{digits}");
        }
    }
    decoded.trim().to_string()
}

/// A market code as the dashboards use them (GB is UK); country names of the usual markets too.
pub fn market(v: &str) -> String {
    let v = v.trim();
    const NAMES: &[(&str, &str)] = &[
        ("germany", "DE"),
        ("deutschland", "DE"),
        ("austria", "AT"),
        ("österreich", "AT"),
        ("switzerland", "CH"),
        ("schweiz", "CH"),
        ("france", "FR"),
        ("united kingdom", "UK"),
        ("great britain", "UK"),
        ("netherlands", "NL"),
        ("united states", "US"),
        ("italy", "IT"),
        ("spain", "ES"),
    ];
    let lower = v.to_lowercase();
    if let Some((_, code)) = NAMES.iter().find(|(n, _)| *n == lower) {
        return code.to_string();
    }
    match v.to_uppercase().as_str() {
        "GB" | "GBR" => "UK".into(),
        code if code.len() <= 3 => code.to_string(),
        _ => v.chars().take(64).collect(),
    }
}

/// A sentiment as exports write it: a word, or a Talkwalker-style number (> 0 positive).
pub fn parse_sentiment(v: &str) -> Option<Sentiment> {
    match v.trim().to_lowercase().as_str() {
        "positive" | "pos" => Some(Sentiment::Positive),
        "neutral" | "neu" => Some(Sentiment::Neutral),
        "negative" | "neg" => Some(Sentiment::Negative),
        other => other.parse::<f64>().ok().filter(|n| n.is_finite()).map(|n| {
            if n > 0.0 {
                Sentiment::Positive
            } else if n < 0.0 {
                Sentiment::Negative
            } else {
                Sentiment::Neutral
            }
        }),
    }
}

/// A date-time as exports write it: RFC 3339, `YYYY-MM-DD HH:MM[:SS[.f]]`, a date, X's
/// `Sat Feb 18 12:33:11 +0000 2023`, epoch seconds or milliseconds, or slashed/dotted dates in the
/// format's order. Times without a zone are UTC; a date alone is noon UTC.
pub fn parse_instant(value: &str, order: DateOrder) -> Option<i64> {
    let v = value.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Some(t.timestamp());
    }
    if let Ok(t) = DateTime::parse_from_str(v, "%a %b %d %H:%M:%S %z %Y") {
        return Some(t.timestamp());
    }
    if !v.is_empty() && v.len() <= 13 && v.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = v.parse().ok()?;
        return match v.len() {
            13 => Some(n / 1000),
            9 | 10 => Some(n),
            _ => None,
        };
    }
    let slashed = match order {
        DateOrder::MonthFirst => ["%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y"],
        DateOrder::DayFirst => ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y"],
    };
    let times = [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%d.%m.%Y %H:%M:%S",
        "%d.%m.%Y %H:%M",
    ];
    for format in times.iter().chain(&slashed[..2]) {
        if let Ok(t) = NaiveDateTime::parse_from_str(v, format) {
            return Some(t.and_utc().timestamp());
        }
    }
    ["%Y-%m-%d", "%d.%m.%Y", slashed[2]]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(v, f).ok())
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .map(|t| t.and_utc().timestamp())
}

/// A count: digits with optional thousands separators (and a `.0` a spreadsheet adds); empty is 0.
pub fn parse_count(value: &str) -> Option<i64> {
    let v: String = value
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    if v.is_empty() {
        return Some(0);
    }
    let whole = match v.split_once('.') {
        Some((w, f)) if !f.is_empty() && f.bytes().all(|b| b == b'0') => w,
        Some(_) => return None,
        None => v.as_str(),
    };
    whole.parse::<i64>().ok().filter(|n| *n >= 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_exports_write_them() {
        let m = DateOrder::MonthFirst;
        assert_eq!(parse_instant("2026-03-01T14:30:00Z", m), Some(1_772_375_400));
        assert_eq!(parse_instant("2026-03-01 14:30:00", m), Some(1_772_375_400));
        assert_eq!(parse_instant("2026-03-01 14:30:00.0", m), Some(1_772_375_400));
        assert_eq!(parse_instant("2026-03-01T15:30:00+01:00", m), Some(1_772_375_400));
        assert_eq!(parse_instant("Sun Mar 01 14:30:00 +0000 2026", m), Some(1_772_375_400));
        assert_eq!(parse_instant("1772375400000", m), Some(1_772_375_400));
        assert_eq!(parse_instant("03/01/2026 14:30", m), Some(1_772_375_400));
        assert_eq!(parse_instant("01/03/2026 14:30", DateOrder::DayFirst), Some(1_772_375_400));
        assert_eq!(parse_instant("01.03.2026 14:30", m), Some(1_772_375_400));
        assert_eq!(parse_instant("2026-03-01", m), Some(1_772_366_400));
        assert!(parse_instant("2026-02-30", m).is_none() && parse_instant("yesterday", m).is_none());
        assert!(parse_instant("13/13/2026", m).is_none());
        // a day is kept only for years 1 to 9999
        let far = parse_instant("+12026-03-01T14:30:00Z", m).or(parse_instant("+12026-03-01", m));
        if let Some(t) = far {
            assert_eq!(day_of(t, Tz::UTC), None);
        }
        assert_eq!(day_of(-62_167_219_200 - 86_400, Tz::UTC), None, "1 BC");
        assert_eq!(day_of(1_772_375_400, Tz::UTC), NaiveDate::from_ymd_opt(2026, 3, 1));
        assert_eq!(day_of(253_402_300_799, Tz::UTC), NaiveDate::from_ymd_opt(9999, 12, 31));
        assert_eq!(day_of(253_402_300_800, Tz::UTC), None);
    }

    #[test]
    fn counts_sentiments_markets_and_ids() {
        assert_eq!(parse_count("1,234"), Some(1234));
        assert_eq!(parse_count("1 234"), Some(1234));
        assert_eq!(parse_count("17.0"), Some(17));
        assert_eq!(parse_count(""), Some(0));
        assert!(
            parse_count("-3").is_none() && parse_count("12abc").is_none() && parse_count("1.5").is_none()
        );
        assert_eq!(parse_sentiment("NEGATIVE"), Some(Sentiment::Negative));
        assert_eq!(parse_sentiment("3"), Some(Sentiment::Positive));
        assert_eq!(parse_sentiment("-1.5"), Some(Sentiment::Negative));
        assert_eq!(parse_sentiment("0"), Some(Sentiment::Neutral));
        assert!(parse_sentiment("ecstatic").is_none() && parse_sentiment("NaN").is_none());
        assert_eq!((market("gb"), market("Germany"), market("de")), ("UK".into(), "DE".into(), "DE".into()));
        assert_eq!(
            linkedin_id("https://www.linkedin.com/feed/update/urn:li:activity:7160000000000000001"),
            "urn:li:activity:7160000000000000001"
        );
        assert_eq!(
            linkedin_id("https://www.linkedin.com/posts/voltaro_activity-7160000000000000002-AbCd"),
            "urn:li:activity:7160000000000000002"
        );
        assert_eq!(handle("https://www.spiegel.de/"), "spiegel.de");
        assert_eq!(handle("@anna"), "anna");
    }
}
