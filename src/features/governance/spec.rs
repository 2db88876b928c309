//! Which governance view the URL asks for: the matrix (the default), the risk register or
//! people and handovers, the filters (team, status, risk), the register's order, and an
//! account or a leaver's handover. Every view is a link; a value the page cannot read is
//! refused with what it accepts.

use std::fmt::Write;

use crate::accounts::{AccountStatus, Risk};
use crate::markup::{decode_component, encode_component};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Matrix,
    Register,
    People,
    Reviews,
    Found,
}

impl View {
    pub const ALL: [View; 5] = [View::Matrix, View::Register, View::People, View::Reviews, View::Found];

    pub fn token(self) -> &'static str {
        match self {
            View::Matrix => "matrix",
            View::Register => "register",
            View::People => "people",
            View::Reviews => "reviews",
            View::Found => "found",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            View::Matrix => "Matrix",
            View::Register => "Risk register",
            View::People => "People and handovers",
            View::Reviews => "Access reviews",
            View::Found => "Possibly unofficial",
        }
    }
}

/// The register's columns it can be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Severity,
    Account,
    Market,
    Team,
    Owner,
}

impl SortKey {
    pub const ALL: [SortKey; 5] = [SortKey::Severity, SortKey::Account, SortKey::Market, SortKey::Team, SortKey::Owner];

    pub fn token(self) -> &'static str {
        match self {
            SortKey::Severity => "severity",
            SortKey::Account => "account",
            SortKey::Market => "market",
            SortKey::Team => "team",
            SortKey::Owner => "owner",
        }
    }
}

/// A team filter: one team, or the accounts no team owns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamFilter {
    Team(i64),
    NoTeam,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Spec {
    pub view: View,
    pub team: Option<TeamFilter>,
    pub status: Option<AccountStatus>,
    pub risk: Option<Risk>,
    /// One matrix row: a market's code, or `hub` for the accounts without a market.
    pub market: Option<String>,
    /// One platform (a matrix column).
    pub platform: Option<String>,
    pub sort: SortKey,
    /// Ascending (severity: least severe first).
    pub asc: bool,
    /// One account's page.
    pub account: Option<i64>,
    /// A person's handover form.
    pub handover: Option<i64>,
}

fn id(key: &str, value: &str) -> Result<i64, String> {
    value.parse::<i64>().ok().filter(|v| *v > 0).ok_or_else(|| format!("{key}={value:?} is not an id."))
}

impl Spec {
    /// Reads `?view=register&team=3&risk=orphaned…` (the leading `?` optional).
    pub fn from_query(query: &str) -> Result<Spec, String> {
        let mut s = Spec::default();
        for pair in query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode_component(raw);
            if value.is_empty() {
                continue;
            }
            match key {
                "view" => {
                    s.view = View::ALL.into_iter().find(|v| v.token() == value).ok_or_else(|| {
                        format!("view={value:?} is not a view: matrix, register, people, reviews or found.")
                    })?
                }
                "team" if value == "none" => s.team = Some(TeamFilter::NoTeam),
                "team" => s.team = Some(TeamFilter::Team(id(key, &value)?)),
                "status" => {
                    s.status = Some(AccountStatus::from_token(&value).ok_or_else(|| {
                        format!("status={value:?} is not a status: official, unofficial, dormant or archived.")
                    })?)
                }
                "risk" => {
                    s.risk = Some(Risk::from_token(&value).ok_or_else(|| {
                        let all: Vec<&str> = Risk::ALL.iter().map(|r| r.token()).collect();
                        format!("risk={value:?} is not a risk: {}.", all.join(", "))
                    })?)
                }
                "market" => s.market = Some(value.to_uppercase()).filter(|m| m.len() <= 16),
                "platform" => {
                    s.platform = Some(
                        crate::accounts::PLATFORMS
                            .iter()
                            .find(|(code, _)| *code == value)
                            .map(|(code, _)| code.to_string())
                            .ok_or_else(|| format!("platform={value:?} is not a platform accounts are on."))?,
                    )
                }
                "sort" => {
                    s.sort = SortKey::ALL.into_iter().find(|k| k.token() == value).ok_or_else(|| {
                        format!("sort={value:?} is not a column: severity, account, market, team or owner.")
                    })?
                }
                "dir" => s.asc = value == "asc",
                "account" => s.account = Some(id(key, &value)?),
                "handover" => s.handover = Some(id(key, &value)?),
                // other keys (a tracking parameter, say) are no filter
                _ => {}
            }
        }
        Ok(s)
    }

    /// The query string of the list views' state (`?view=…`), without an account or handover.
    pub fn query(&self) -> String {
        let mut q = String::new();
        let mut add = |k: &str, v: &str| {
            let _ = write!(q, "{}{k}={}", if q.is_empty() { '?' } else { '&' }, encode_component(v));
        };
        if self.view != View::Matrix {
            add("view", self.view.token());
        }
        match self.team {
            Some(TeamFilter::Team(t)) => add("team", &t.to_string()),
            Some(TeamFilter::NoTeam) => add("team", "none"),
            None => {}
        }
        if let Some(s) = self.status {
            add("status", s.token());
        }
        if let Some(r) = self.risk {
            add("risk", r.token());
        }
        if let Some(m) = &self.market {
            add("market", &m.to_lowercase());
        }
        if let Some(p) = &self.platform {
            add("platform", p);
        }
        if self.sort != SortKey::Severity {
            add("sort", self.sort.token());
        }
        if self.asc {
            add("dir", "asc");
        }
        q
    }

    /// The page's address for this state.
    pub fn href(&self) -> String {
        format!("/governance{}", self.query())
    }

    /// The list views' state only (what a link back to the list keeps).
    pub fn list(&self) -> Spec {
        Spec { account: None, handover: None, ..self.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_round_trips_through_its_address() {
        let s = Spec {
            view: View::Register,
            team: Some(TeamFilter::Team(3)),
            status: Some(AccountStatus::Official),
            risk: Some(Risk::NoBackup),
            sort: SortKey::Owner,
            asc: true,
            ..Spec::default()
        };
        assert_eq!(s.href(), "/governance?view=register&team=3&status=official&risk=no_backup&sort=owner&dir=asc");
        assert_eq!(Spec::from_query(&s.query()), Ok(s));
        assert_eq!(Spec::from_query(""), Ok(Spec::default()));
        assert_eq!(Spec::default().href(), "/governance");
        let none = Spec::from_query("?team=none&account=7").expect("spec");
        assert_eq!((none.team, none.account), (Some(TeamFilter::NoTeam), Some(7)));
    }

    #[test]
    fn a_bad_value_is_refused_with_what_is_accepted() {
        let e = Spec::from_query("risk=lost").expect_err("bad risk");
        assert!(e.contains("orphaned") && e.contains("review_overdue"), "{e}");
        assert!(Spec::from_query("team=abc").is_err());
        assert!(Spec::from_query("account=-1").is_err());
        assert!(Spec::from_query("view=chart").expect_err("view").contains("matrix"));
        assert!(Spec::from_query("platform=myspace").is_err());
        let cell = Spec::from_query("view=register&market=de&platform=x").expect("cell");
        assert_eq!((cell.market.as_deref(), cell.platform.as_deref()), (Some("DE"), Some("x")));
        assert_eq!(cell.href(), "/governance?view=register&market=de&platform=x");
    }
}
