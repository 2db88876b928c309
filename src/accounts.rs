//! Social accounts' governance records and the risk rules — which governance problems an
//! account has, computed from its record and its imported posts: plain functions, no I/O,
//! shared by the governance page and the executive summary. Each rule, most severe first:
//!
//! | risk | an account has it when | cleared by |
//! |---|---|---|
//! | orphaned | it has no owner, or its owner has left | an owner who is with the company |
//! | unofficial | its status is unofficial (speaks for the brand without being the brand's) | taking it over (official, with an owner) or archiving it once taken down |
//! | no credential custodian | nobody, or only someone who left, keeps its credentials | a custodian who is with the company |
//! | no real backup | no backup owner, one who left, or the owner again | a backup owner other than the owner, with the company |
//! | dormant | no owned post in the last N days (default 90), from the imported posts; an account younger than N days counts from its creation | a post (imported), or archiving it |
//! | review overdue | its last review is older than N days (default 180), or it was never reviewed | confirming its record (a review) |
//!
//! Archived accounts have no risks. An unofficial account has only that risk: its owners are
//! not the brand's to fix until it is taken over.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// The platforms accounts can be on: (code, name).
pub const PLATFORMS: [(&str, &str); 6] = [
    ("x", "X"),
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("linkedin", "LinkedIn"),
    ("youtube", "YouTube"),
    ("tiktok", "TikTok"),
];

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

/// A person as an account's record names them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PersonRef {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub team_id: i64,
    pub team: String,
    /// The day they left the company (`None` while they are with it).
    pub left_on: Option<NaiveDate>,
}

impl PersonRef {
    pub fn left(&self) -> bool {
        self.left_on.is_some()
    }
}

/// One account and its governance record, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryAccount {
    pub id: i64,
    pub brand: String,
    pub platform: String,
    pub handle: String,
    pub market: Option<String>,
    pub team_id: Option<i64>,
    pub team: Option<String>,
    /// The owning team is the global hub (else a local "spoke" team).
    pub team_hub: bool,
    pub owner: Option<PersonRef>,
    pub backup: Option<PersonRef>,
    pub custodian: Option<PersonRef>,
    pub status: AccountStatus,
    pub created_on: NaiveDate,
    pub last_reviewed_on: Option<NaiveDate>,
    /// The day of its latest imported post up to the day asked for.
    pub last_post_on: Option<NaiveDate>,
    pub followers: i64,
}

/// How severe a risk is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::High => "High",
            Severity::Medium => "Medium",
            Severity::Low => "Low",
        }
    }

    pub fn token(self) -> &'static str {
        match self {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
}

/// A governance risk, in order of severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Risk {
    Orphaned,
    Unofficial,
    NoCustodian,
    NoBackup,
    Dormant,
    ReviewOverdue,
}

impl Risk {
    pub const ALL: [Risk; 6] = [
        Risk::Orphaned,
        Risk::Unofficial,
        Risk::NoCustodian,
        Risk::NoBackup,
        Risk::Dormant,
        Risk::ReviewOverdue,
    ];

    pub fn token(self) -> &'static str {
        match self {
            Risk::Orphaned => "orphaned",
            Risk::Unofficial => "unofficial",
            Risk::NoCustodian => "no_custodian",
            Risk::NoBackup => "no_backup",
            Risk::Dormant => "dormant",
            Risk::ReviewOverdue => "review_overdue",
        }
    }

    pub fn from_token(token: &str) -> Option<Risk> {
        Risk::ALL.into_iter().find(|r| r.token() == token)
    }

    pub fn label(self) -> &'static str {
        match self {
            Risk::Orphaned => "Orphaned",
            Risk::Unofficial => "Unofficial",
            Risk::NoCustodian => "No credential custodian",
            Risk::NoBackup => "No real backup",
            Risk::Dormant => "Dormant",
            Risk::ReviewOverdue => "Review overdue",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Risk::Orphaned | Risk::Unofficial => Severity::High,
            Risk::NoCustodian | Risk::NoBackup => Severity::Medium,
            Risk::Dormant | Risk::ReviewOverdue => Severity::Low,
        }
    }

    /// The rule, with the configured days.
    pub fn rule(self, rules: &RiskRules) -> String {
        match self {
            Risk::Orphaned => "No owner, or the owner has left.".into(),
            Risk::Unofficial => {
                "Registered as unofficial: it speaks for the brand without being the brand's.".into()
            }
            Risk::NoCustodian => "Nobody (with the company) keeps its credentials.".into(),
            Risk::NoBackup => "No backup owner, a backup who left, or the owner as the backup.".into(),
            Risk::Dormant => {
                format!("No owned post in the last {} days (imported posts).", rules.dormant_days)
            }
            Risk::ReviewOverdue => match rules.round {
                Some((opened, due)) => format!(
                    "Last reviewed more than {} days ago, or never; or not confirmed in the review round opened {} and due {}.",
                    rules.review_days,
                    crate::format::day_long(opened),
                    crate::format::day_long(due)
                ),
                None => format!("Last reviewed more than {} days ago, or never.", rules.review_days),
            },
        }
    }

    /// What clears it.
    pub fn clears(self) -> &'static str {
        match self {
            Risk::Orphaned => "Assign an owner who is with the company.",
            Risk::Unofficial => {
                "Take it over (status official, with an owner), or archive it once it is taken down."
            }
            Risk::NoCustodian => "Name a credential custodian who is with the company.",
            Risk::NoBackup => "Assign a backup owner other than the owner, who is with the company.",
            Risk::Dormant => "Publish on it and import the posts, or archive it.",
            Risk::ReviewOverdue => "Confirm its record in a review (Confirm or Save on the account).",
        }
    }
}

/// The configurable days of the rules (settings `governance_dormant_days`,
/// `governance_review_days`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RiskRules {
    pub dormant_days: u32,
    pub review_days: u32,
    /// The latest access review round (opened on, due on): past its due day, an account not
    /// reviewed since it opened is overdue too.
    pub round: Option<(NaiveDate, NaiveDate)>,
}

impl Default for RiskRules {
    fn default() -> Self {
        RiskRules { dormant_days: 90, review_days: 180, round: None }
    }
}

/// The settings that hold the rules' days.
pub const DORMANT_DAYS_KEY: &str = "governance_dormant_days";
pub const REVIEW_DAYS_KEY: &str = "governance_review_days";

impl RiskRules {
    /// The rules from the settings' values (the default for one not set or not a number).
    pub fn from_settings(dormant_days: Option<String>, review_days: Option<String>) -> RiskRules {
        let read = |v: Option<String>, default: u32| v.and_then(|v| v.parse().ok()).unwrap_or(default);
        let d = RiskRules::default();
        RiskRules {
            dormant_days: read(dormant_days, d.dormant_days),
            review_days: read(review_days, d.review_days),
            round: None,
        }
    }
}

/// The range a rule's days may take.
pub const RULE_DAYS: std::ops::RangeInclusive<u32> = 1..=3650;

/// `day` minus `n` days (the first day when it would fall before the calendar's start).
fn back(day: NaiveDate, n: u32) -> NaiveDate {
    day.checked_sub_days(Days::new(u64::from(n))).unwrap_or(NaiveDate::MIN)
}

/// The risks of `a` on `today`, most severe first.
pub fn risks(a: &RegistryAccount, rules: &RiskRules, today: NaiveDate) -> Vec<Risk> {
    match a.status {
        AccountStatus::Archived => return Vec::new(),
        AccountStatus::Unofficial => return vec![Risk::Unofficial],
        AccountStatus::Official | AccountStatus::Dormant => {}
    }
    let with_us = |p: &Option<PersonRef>| p.as_ref().is_some_and(|p| !p.left());
    let mut out = Vec::new();
    if !with_us(&a.owner) {
        out.push(Risk::Orphaned);
    }
    if !with_us(&a.custodian) {
        out.push(Risk::NoCustodian);
    }
    let same = matches!((&a.owner, &a.backup), (Some(o), Some(b)) if o.id == b.id);
    if !with_us(&a.backup) || same {
        out.push(Risk::NoBackup);
    }
    let since = back(today, rules.dormant_days);
    if a.last_post_on.unwrap_or(a.created_on) <= since {
        out.push(Risk::Dormant);
    }
    let stale = a.last_reviewed_on.is_none_or(|d| d < back(today, rules.review_days));
    // a round past its due day that the account was not confirmed in
    let missed =
        rules.round.is_some_and(|(opened, due)| today > due && a.last_reviewed_on.is_none_or(|d| d < opened));
    if stale || missed {
        out.push(Risk::ReviewOverdue);
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    pub(crate) fn person(id: i64, left: bool) -> PersonRef {
        PersonRef {
            id,
            name: format!("Person {id}"),
            email: format!("p{id}@example.com"),
            team_id: 2,
            team: "Germany Team".into(),
            left_on: left.then(|| d("2026-03-31")),
        }
    }

    /// An account without any risk on 2026-12-01.
    pub(crate) fn healthy() -> RegistryAccount {
        RegistryAccount {
            id: 1,
            brand: "Voltaro".into(),
            platform: "instagram".into(),
            handle: "voltaro_de".into(),
            market: Some("DE".into()),
            team_id: Some(2),
            team: Some("Germany Team".into()),
            team_hub: false,
            owner: Some(person(1, false)),
            backup: Some(person(2, false)),
            custodian: Some(person(3, false)),
            status: AccountStatus::Official,
            created_on: d("2024-01-01"),
            last_reviewed_on: Some(d("2026-10-01")),
            last_post_on: Some(d("2026-11-30")),
            followers: 1_000,
        }
    }

    fn on(a: &RegistryAccount) -> Vec<Risk> {
        risks(a, &RiskRules::default(), d("2026-12-01"))
    }

    #[test]
    fn a_healthy_account_has_no_risk() {
        assert!(on(&healthy()).is_empty());
    }

    #[test]
    fn orphaned_without_an_owner_or_with_one_who_left() {
        let mut a = healthy();
        a.owner = None;
        assert_eq!(on(&a), [Risk::Orphaned]);
        a.owner = Some(person(1, true));
        assert_eq!(on(&a), [Risk::Orphaned]);
    }

    #[test]
    fn no_real_backup_when_missing_left_or_the_owner_again() {
        let mut a = healthy();
        a.backup = None;
        assert_eq!(on(&a), [Risk::NoBackup]);
        a.backup = Some(person(2, true));
        assert_eq!(on(&a), [Risk::NoBackup]);
        a.backup = Some(person(1, false));
        assert_eq!(on(&a), [Risk::NoBackup]);
    }

    #[test]
    fn no_custodian_when_missing_or_left() {
        let mut a = healthy();
        a.custodian = Some(person(3, true));
        assert_eq!(on(&a), [Risk::NoCustodian]);
    }

    #[test]
    fn dormant_counts_days_since_the_last_post_or_the_creation() {
        let mut a = healthy();
        // 2026-09-02 is 90 days before 2026-12-01
        a.last_post_on = Some(d("2026-09-03"));
        assert!(on(&a).is_empty(), "89 days ago");
        a.last_post_on = Some(d("2026-09-02"));
        assert_eq!(on(&a), [Risk::Dormant], "90 days ago");
        a.last_post_on = None;
        assert_eq!(on(&a), [Risk::Dormant], "never posted, created long ago");
        a.created_on = d("2026-11-01");
        assert!(on(&a).is_empty(), "new accounts get their first 90 days");
        let rules = RiskRules { dormant_days: 20, ..RiskRules::default() };
        assert_eq!(risks(&a, &rules, d("2026-12-01")), [Risk::Dormant]);
    }

    #[test]
    fn review_overdue_past_the_days_or_never() {
        let mut a = healthy();
        a.last_reviewed_on = Some(d("2026-06-04"));
        assert!(on(&a).is_empty(), "180 days ago is in time");
        a.last_reviewed_on = Some(d("2026-06-03"));
        assert_eq!(on(&a), [Risk::ReviewOverdue]);
        a.last_reviewed_on = None;
        assert_eq!(on(&a), [Risk::ReviewOverdue]);
    }

    #[test]
    fn a_review_round_past_its_due_day_makes_the_unconfirmed_overdue() {
        let mut a = healthy();
        a.last_reviewed_on = Some(d("2026-10-01"));
        let round = |due: &str| RiskRules { round: Some((d("2026-10-15"), d(due))), ..RiskRules::default() };
        assert!(risks(&a, &round("2026-12-31"), d("2026-12-01")).is_empty(), "not due yet");
        assert_eq!(
            risks(&a, &round("2026-11-30"), d("2026-12-01")),
            [Risk::ReviewOverdue],
            "due and not confirmed"
        );
        a.last_reviewed_on = Some(d("2026-10-15"));
        assert!(
            risks(&a, &round("2026-11-30"), d("2026-12-01")).is_empty(),
            "confirmed on the day it opened"
        );
    }

    #[test]
    fn archived_has_none_and_unofficial_only_its_own() {
        let mut a = healthy();
        a.owner = None;
        a.last_reviewed_on = None;
        a.status = AccountStatus::Archived;
        assert!(on(&a).is_empty());
        a.status = AccountStatus::Unofficial;
        assert_eq!(on(&a), [Risk::Unofficial]);
    }

    #[test]
    fn risks_come_most_severe_first() {
        let mut a = healthy();
        a.owner = None;
        a.backup = None;
        a.custodian = None;
        a.last_post_on = None;
        a.last_reviewed_on = None;
        let r = on(&a);
        assert_eq!(
            r,
            [Risk::Orphaned, Risk::NoCustodian, Risk::NoBackup, Risk::Dormant, Risk::ReviewOverdue]
        );
        assert!(r.windows(2).all(|w| w[0].severity() >= w[1].severity()));
    }
}
