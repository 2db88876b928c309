//! Who may do what: roles, the actions they allow, and the user types that cross the wire.
//!
//! This module is the one place the permission matrix is written down. The server checks it
//! in every server function (`server::auth::authorize`); the client reads the same table only
//! to hide what a role cannot do.

use serde::{Deserialize, Serialize};

/// A user's role. Stored as its token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Users, rate cards, imports, everything.
    Admin,
    /// All dashboards, campaigns, governance edits.
    Manager,
    /// Reads everything, the executive summary.
    Executive,
    /// Reads dashboards; edits governance records of accounts their own team owns.
    TeamLead,
    /// Reads dashboards.
    Viewer,
}

/// What a request wants to do. Every server function names one before it does any work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Any signed-in user: their own session and password.
    OwnAccount,
    ReadDashboards,
    ReadExecutiveSummary,
    /// Create and revoke read-only links to an executive summary (executives and admins).
    ShareExecutiveSummary,
    /// Set the executive summary's headline targets (admins).
    SetSummaryTargets,
    EditCampaigns,
    /// Edit an account's owner, backup owner and status. Team leads only for their team's accounts.
    EditGovernance,
    /// Set or clear a mention's sentiment by hand.
    OverrideSentiment,
    Import,
    /// Add and change brands and competitors (their keywords and colours).
    EditBrands,
    /// Add, change and remove social accounts. Team leads only for their own team.
    EditAccounts,
    /// Markets, teams, people and the workspace settings.
    EditWorkspace,
    ManageRateCards,
    ManageUsers,
    ReadAuditLog,
}

impl Action {
    pub const ALL: [Action; 15] = [
        Action::OwnAccount,
        Action::ReadDashboards,
        Action::ReadExecutiveSummary,
        Action::ShareExecutiveSummary,
        Action::SetSummaryTargets,
        Action::EditCampaigns,
        Action::EditGovernance,
        Action::OverrideSentiment,
        Action::Import,
        Action::EditBrands,
        Action::EditAccounts,
        Action::EditWorkspace,
        Action::ManageRateCards,
        Action::ManageUsers,
        Action::ReadAuditLog,
    ];
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Admin, Role::Manager, Role::Executive, Role::TeamLead, Role::Viewer];

    /// The token stored in the database and used on the wire and the command line.
    pub fn token(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Executive => "executive",
            Role::TeamLead => "team_lead",
            Role::Viewer => "viewer",
        }
    }

    pub fn from_token(token: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.token() == token)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Admin",
            Role::Manager => "Manager",
            Role::Executive => "Executive",
            Role::TeamLead => "Team lead",
            Role::Viewer => "Viewer",
        }
    }

    /// Whether the role allows the action at all. Team scope (a team lead's own accounts) is
    /// checked on top of this where a record belongs to a team.
    pub fn may(self, action: Action) -> bool {
        use Action::*;
        match self {
            Role::Admin => true,
            Role::Manager => {
                matches!(
                    action,
                    OwnAccount
                        | ReadDashboards
                        | ReadExecutiveSummary
                        | EditCampaigns
                        | EditGovernance
                        | OverrideSentiment
                        | Import
                        | EditBrands
                        | EditAccounts
                )
            }
            Role::Executive => {
                matches!(action, OwnAccount | ReadDashboards | ReadExecutiveSummary | ShareExecutiveSummary)
            }
            Role::TeamLead => matches!(action, OwnAccount | ReadDashboards | EditGovernance | EditAccounts),
            Role::Viewer => matches!(action, OwnAccount | ReadDashboards),
        }
    }

    /// Where the role lands after signing in: executives on the executive summary, everyone
    /// else on the overview.
    pub fn landing_page(self) -> &'static str {
        match self {
            Role::Executive => "/summary",
            _ => "/",
        }
    }

    /// Whether the role's edits of accounts (governance records, setup) are limited to its own
    /// team's accounts.
    pub fn team_scoped(self) -> bool {
        self == Role::TeamLead
    }
}

/// A user as the client sees them: a line of the admin's list, and the signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub team_id: Option<i64>,
    pub team: Option<String>,
    pub active: bool,
    pub is_demo: bool,
    /// Signed in with a one-time password: must choose their own before anything else.
    pub must_change_password: bool,
    /// Seconds since the Unix epoch.
    pub created_at: i64,
}

impl UserSummary {
    pub fn may(&self, action: Action) -> bool {
        self.role.may(action)
    }
}

/// The signed-in user, as `/api/me` and sign-in return them.
pub type CurrentUser = UserSummary;

/// A team a user or an account can belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamChoice {
    pub id: i64,
    pub name: String,
}

/// The admin's users page: every user and the teams a team lead can belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDirectory {
    pub users: Vec<UserSummary>,
    pub teams: Vec<TeamChoice>,
}

/// A new user as the admin's form (or the CLI) describes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserForm {
    pub email: String,
    pub name: String,
    pub role: Role,
    /// Required for team leads, ignored otherwise.
    pub team_id: Option<i64>,
}

/// A password the server generated (new user, reset): shown once, to be changed at first sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneTimePassword {
    pub user_id: i64,
    pub email: String,
    pub password: String,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    /// Seconds since the Unix epoch.
    pub at: i64,
    pub user_id: Option<i64>,
    pub user_email: Option<String>,
    pub action: String,
    pub target_kind: Option<String>,
    pub target_id: Option<String>,
    /// A JSON object with the details of the change.
    pub detail: String,
    pub ip: Option<String>,
}

/// Filters of the audit page; every field optional. Dates are days in UTC, inclusive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<chrono::NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<chrono::NaiveDate>,
    /// Entries before this id (the next page); newest first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before_id: Option<i64>,
}

/// A page of the audit log, newest first, and the actions the filter can choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Pass as `before_id` to read the next page; `None` on the last page.
    pub next_before_id: Option<i64>,
    pub actions: Vec<String>,
    pub users: Vec<(i64, String)>,
}

/// Limits on what users type; the server enforces them, the client shows them.
pub mod limits {
    pub const EMAIL_MAX: usize = 254;
    pub const NAME_MAX: usize = 100;
    pub const PASSWORD_MIN: usize = 12;
    pub const PASSWORD_MAX: usize = 256;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_tokens_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_token(role.token()), Some(role));
            let json = serde_json::to_string(&role).expect("json");
            assert_eq!(json, format!("\"{}\"", role.token()));
        }
        assert_eq!(Role::from_token("root"), None);
    }

    #[test]
    fn the_matrix_is_as_documented() {
        use Action::*;
        let allowed = |role: Role| Action::ALL.into_iter().filter(|a| role.may(*a)).collect::<Vec<_>>();
        assert_eq!(allowed(Role::Admin), Action::ALL.to_vec());
        assert_eq!(
            allowed(Role::Manager),
            vec![
                OwnAccount,
                ReadDashboards,
                ReadExecutiveSummary,
                EditCampaigns,
                EditGovernance,
                OverrideSentiment,
                Import,
                EditBrands,
                EditAccounts
            ]
        );
        assert_eq!(
            allowed(Role::Executive),
            vec![OwnAccount, ReadDashboards, ReadExecutiveSummary, ShareExecutiveSummary]
        );
        assert_eq!(allowed(Role::TeamLead), vec![OwnAccount, ReadDashboards, EditGovernance, EditAccounts]);
        assert_eq!(allowed(Role::Viewer), vec![OwnAccount, ReadDashboards]);
        assert!(Role::TeamLead.team_scoped() && !Role::Manager.team_scoped());
    }
}
