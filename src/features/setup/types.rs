//! What a workspace says of itself: markets, brands (own and competitors), teams, people and
//! accounts, and the workspace settings — as a setup file declares them (`resonance setup FILE`,
//! TOML or YAML; an accounts CSV), and as the setup commands add them one at a time.
//!
//! A file is declarative: each record it lists is added when new and changed to what the file
//! says when it differs (an omitted optional field means "none"); records it does not list are
//! left alone — a setup file never deletes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The workspace as the Setup page shows it: each kind of record as table rows of texts (one
/// small decoder in the client instead of one per record type).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SetupView {
    /// name, own brand or competitor, keywords, colour
    pub brands: Vec<Vec<String>>,
    /// code, name, time zone
    pub markets: Vec<Vec<String>>,
    /// name, kind, market
    pub teams: Vec<Vec<String>>,
    /// name, email, team, status
    pub people: Vec<Vec<String>>,
    /// platform:handle, name, brand, market, team, owner, backup, status, platform id, URL,
    /// credential custodian
    pub accounts: Vec<Vec<String>>,
    /// reporting time zone, currency (empty: none), and `fixed` when data is stored (the time
    /// zone can then no longer change)
    pub workspace: Vec<String>,
}

/// A record the Setup page removes, named by its key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SetupKey {
    Brand(String),
    /// A market code.
    Market(String),
    Team(String),
    /// A person's email.
    Person(String),
    Account { platform: String, handle: String },
}

impl SetupKey {
    /// `brand Voltaro`, `account instagram:voltaro_de`: as reports and messages name records.
    pub fn label(&self) -> String {
        match self {
            SetupKey::Brand(n) => format!("brand {n}"),
            SetupKey::Market(c) => format!("market {c}"),
            SetupKey::Team(n) => format!("team {n}"),
            SetupKey::Person(e) => format!("person {e}"),
            SetupKey::Account { platform, handle } => format!("account {platform}:{handle}"),
        }
    }
}

/// The platforms accounts can be on: (code, name).
pub use crate::accounts::PLATFORMS;

/// Account statuses.
pub const STATUSES: [&str; 4] = ["official", "unofficial", "dormant", "archived"];

/// A whole setup file. Every list is optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", serde(deny_unknown_fields))]
pub struct SetupFile {
    #[serde(default)]
    pub workspace: Option<WorkspaceSpec>,
    #[serde(default)]
    pub markets: Vec<MarketSpec>,
    #[serde(default)]
    pub brands: Vec<BrandSpec>,
    #[serde(default)]
    pub teams: Vec<TeamSpec>,
    #[serde(default)]
    pub people: Vec<PersonSpec>,
    #[serde(default)]
    pub accounts: Vec<AccountSpec>,
}

/// The workspace settings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", serde(deny_unknown_fields))]
pub struct WorkspaceSpec {
    /// The IANA time zone days are counted in (`Europe/Berlin`); fixed once data is imported.
    #[serde(default)]
    pub reporting_time_zone: Option<String>,
    /// ISO 4217 code of money figures (`EUR`).
    #[serde(default)]
    pub currency: Option<String>,
}

/// A market in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", serde(deny_unknown_fields))]
pub struct MarketSpec {
    /// `DE`, `UK`, … (upper case).
    pub code: String,
    pub name: String,
    /// IANA time zone of the market (default `UTC`).
    #[serde(default = "utc")]
    pub time_zone: String,
}

fn utc() -> String {
    "UTC".into()
}

/// A brand: the company's own, or a competitor it tracks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", serde(deny_unknown_fields))]
pub struct BrandSpec {
    pub name: String,
    /// The company's own brand (default: a competitor).
    #[serde(default)]
    pub own: bool,
    /// Words and hashtags that identify the brand's mentions.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// `#rrggbb` in charts (empty: the palette's choice).
    #[serde(default)]
    pub colour: String,
}

/// A team: the global hub or a local spoke.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", serde(deny_unknown_fields))]
pub struct TeamSpec {
    pub name: String,
    /// `hub` or `spoke`.
    pub kind: String,
    /// The market a spoke serves (a code of `markets`).
    #[serde(default)]
    pub market: Option<String>,
}

/// A person who can own accounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", serde(deny_unknown_fields))]
pub struct PersonSpec {
    pub name: String,
    pub email: String,
    /// The name of their team.
    pub team: String,
    /// The day they left the company (absent: active).
    #[serde(default)]
    pub left_on: Option<NaiveDate>,
}

/// A social account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", serde(deny_unknown_fields))]
pub struct AccountSpec {
    /// `x`, `facebook`, `instagram`, `linkedin`, `youtube`, `tiktok`, …
    pub platform: String,
    /// The handle, without `@`.
    pub handle: String,
    /// The brand's name.
    pub brand: String,
    /// The name the platform shows (a Facebook page's name).
    #[serde(default, alias = "display_name")]
    pub name: Option<String>,
    /// The platform's own id, where it has one (a Facebook page id).
    #[serde(default)]
    pub platform_id: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// A market code.
    #[serde(default)]
    pub market: Option<String>,
    /// The owning team's name.
    #[serde(default)]
    pub team: Option<String>,
    /// Emails of people.
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub backup: Option<String>,
    #[serde(default)]
    pub custodian: Option<String>,
    /// `official` (default), `unofficial`, `dormant` or `archived`.
    #[serde(default)]
    pub status: Option<String>,
}

/// What applying a setup did (or, for a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SetupReport {
    /// `brand Voltaro`, `account instagram:voltaro_de`, …
    pub added: Vec<String>,
    /// The same, for records whose stored values differ from the file's.
    pub changed: Vec<String>,
    /// Records the file lists exactly as stored.
    pub unchanged: u32,
}

impl SetupReport {
    /// `2 added, 1 changed, 5 left as they were`.
    pub fn summary(&self) -> String {
        format!("{} added, {} changed, {} left as they were", self.added.len(), self.changed.len(), self.unchanged)
    }
}
