//! Account governance as it crosses the wire: who owns which account, and the edits a manager
//! (or a team lead, for their own team's accounts) can make.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The standing of a social account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    Official,
    Unofficial,
    Dormant,
    Archived,
}

impl AccountStatus {
    pub const ALL: [AccountStatus; 4] =
        [AccountStatus::Official, AccountStatus::Unofficial, AccountStatus::Dormant, AccountStatus::Archived];

    pub fn token(self) -> &'static str {
        match self {
            AccountStatus::Official => "official",
            AccountStatus::Unofficial => "unofficial",
            AccountStatus::Dormant => "dormant",
            AccountStatus::Archived => "archived",
        }
    }

    pub fn from_token(token: &str) -> Option<AccountStatus> {
        AccountStatus::ALL.into_iter().find(|s| s.token() == token)
    }

    pub fn label(self) -> &'static str {
        match self {
            AccountStatus::Official => "Official",
            AccountStatus::Unofficial => "Unofficial",
            AccountStatus::Dormant => "Dormant",
            AccountStatus::Archived => "Archived",
        }
    }
}

/// One account and its governance record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GovernanceAccount {
    pub id: i64,
    pub brand: String,
    pub platform: String,
    pub handle: String,
    pub market: Option<String>,
    pub team_id: Option<i64>,
    pub team: Option<String>,
    pub owner_id: Option<i64>,
    pub owner: Option<String>,
    /// The owner has left the company: the account needs a new owner.
    pub owner_left: bool,
    pub backup_owner_id: Option<i64>,
    pub backup_owner: Option<String>,
    pub status: AccountStatus,
    pub last_reviewed_on: Option<NaiveDate>,
    pub followers: i64,
}

/// A person who can own an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonChoice {
    pub id: i64,
    pub name: String,
    pub team: String,
    pub left: bool,
}

/// The accounts page: the accounts the user sees, the people to choose from, and which
/// accounts the user may edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GovernanceView {
    pub accounts: Vec<GovernanceAccount>,
    pub people: Vec<PersonChoice>,
    /// Ids of the accounts the signed-in user may edit.
    pub editable: Vec<i64>,
}

/// An edit of one account's governance record (also marks it reviewed today).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountUpdate {
    pub account_id: i64,
    pub owner_id: Option<i64>,
    pub backup_owner_id: Option<i64>,
    pub status: AccountStatus,
    /// Why; kept with the account's history.
    #[serde(default)]
    pub reason: String,
}

/// The longest reason accepted.
pub const REASON_MAX: usize = 500;
