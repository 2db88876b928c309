//! Governance's own types: teams, an account's history and posts, and the edits a manager (or
//! a team lead, for their own team's accounts) makes. An account's record and its risks are the
//! kernel's (`crate::accounts`), shared with the executive summary.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::accounts::{AccountStatus, PersonRef, RegistryAccount};




/// A team, for the filters and the handover.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TeamRef {
    pub id: i64,
    pub name: String,
    pub hub: bool,
    pub market: Option<String>,
}

/// An entry of an account's history (`account_events`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AccountEvent {
    pub at: i64,
    pub actor: String,
    pub kind: String,
    #[cfg_attr(feature = "ssr", sqlx(rename = "from_value"))]
    pub from: Option<String>,
    #[cfg_attr(feature = "ssr", sqlx(rename = "to_value"))]
    pub to: Option<String>,
    pub reason: String,
}

/// An account's owned posts on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PostDay {
    pub day: NaiveDate,
    pub posts: i64,
    pub impressions: i64,
    pub engagements: i64,
}

/// An edit of one account's governance record (also marks it reviewed today).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountUpdate {
    pub account_id: i64,
    pub owner_id: Option<i64>,
    pub backup_owner_id: Option<i64>,
    pub custodian_id: Option<i64>,
    pub status: AccountStatus,
    /// Why; kept with the account's history.
    #[serde(default)]
    pub reason: String,
}

/// Which of an account's people a handover replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duty {
    Owner,
    Backup,
    Custodian,
}

impl Duty {
    pub const ALL: [Duty; 3] = [Duty::Owner, Duty::Backup, Duty::Custodian];

    pub fn token(self) -> &'static str {
        match self {
            Duty::Owner => "owner",
            Duty::Backup => "backup",
            Duty::Custodian => "custodian",
        }
    }

    pub fn from_token(token: &str) -> Option<Duty> {
        Duty::ALL.into_iter().find(|d| d.token() == token)
    }

    pub fn label(self) -> &'static str {
        match self {
            Duty::Owner => "Owner",
            Duty::Backup => "Backup owner",
            Duty::Custodian => "Credential custodian",
        }
    }

    /// The `accounts` column and the `account_events` kind.
    pub fn column(self) -> &'static str {
        match self {
            Duty::Owner => "owner_id",
            Duty::Backup => "backup_owner_id",
            Duty::Custodian => "custodian_id",
        }
    }

    pub fn event_kind(self) -> &'static str {
        match self {
            Duty::Owner => "owner",
            Duty::Backup => "backup_owner",
            Duty::Custodian => "custodian",
        }
    }
}

/// A person leaving: the day, why, and who takes over which of their duties (account, duty,
/// successor). A duty left out keeps the leaver, and the account shows the risk until someone
/// takes it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handover {
    pub person_id: i64,
    pub left_on: NaiveDate,
    pub reason: String,
    pub reassign: Vec<(i64, Duty, i64)>,
}

/// An access review round: each account in scope is to be confirmed by its due day.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ReviewRound {
    pub id: i64,
    pub name: String,
    pub opened_at: i64,
    pub opened_on: NaiveDate,
    pub due_on: NaiveDate,
    pub opened_by: String,
    /// Accounts in scope when it opened (not archived, not unofficial).
    pub accounts: i64,
    /// Accounts reviewed from its opening to the next round's.
    pub confirmed: i64,
}

/// A round to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRound {
    pub name: String,
    pub opened_at: i64,
    pub opened_on: NaiveDate,
    pub due_on: NaiveDate,
    pub opened_by: String,
    pub accounts: i64,
}

/// An author of the brand's earned mentions whose handle carries one of the brand's keywords
/// and who is no registered account: possibly an unofficial account.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Candidate {
    pub platform: String,
    pub handle: String,
    pub followers: i64,
    pub mentions: i64,
    pub last_seen: NaiveDate,
}

/// The longest reason accepted.
pub const REASON_MAX: usize = 500;
