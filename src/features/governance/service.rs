//! The registry as the page shows it: every account with its risks under the configured rules,
//! the views' filters and orders, and the checks of each write (who may change which account,
//! what a form says).

use chrono::NaiveDate;

use crate::accounts::{risks, Risk, RiskRules, DORMANT_DAYS_KEY, REVIEW_DAYS_KEY, RULE_DAYS};
use super::spec::{SortKey, Spec, TeamFilter};
use super::types::{
    AccountStatus, AccountUpdate, Duty, Handover, PersonRef, RegistryAccount, ReviewRound, TeamRef, REASON_MAX,
};
use crate::markup::decode_component;
use crate::server::store::{Store, StoreError, StoreResult};

/// An account and its risks, most severe first.
#[derive(Debug, Clone)]
pub struct Assessed {
    pub account: RegistryAccount,
    pub risks: Vec<Risk>,
}

/// The whole registry on a day.
#[derive(Debug, Clone)]
pub struct Registry {
    pub today: NaiveDate,
    pub rules: RiskRules,
    pub accounts: Vec<Assessed>,
    pub people: Vec<PersonRef>,
    pub teams: Vec<TeamRef>,
    /// Every market (code, name), by name.
    pub markets: Vec<(String, String)>,
    /// Access review rounds, newest first.
    pub rounds: Vec<ReviewRound>,
    /// Active team leads: (team id, name).
    pub leads: Vec<(i64, String)>,
}

/// One team's part of a review round.
#[derive(Debug)]
pub struct TeamProgress<'a> {
    /// `None`: accounts no team owns.
    pub team: Option<&'a TeamRef>,
    pub accounts: usize,
    pub confirmed: usize,
    /// The accounts still to confirm.
    pub pending: Vec<&'a Assessed>,
}

/// The rules' days as set (the defaults where none is).
pub async fn rules(s: &dyn Store) -> StoreResult<RiskRules> {
    let (dormant, review, rounds) =
        futures::try_join!(s.setting(DORMANT_DAYS_KEY), s.setting(REVIEW_DAYS_KEY), s.review_rounds())?;
    Ok(rules_of(dormant, review, &rounds))
}

/// The rules from the settings' values and the review rounds (newest first).
fn rules_of(dormant: Option<String>, review: Option<String>, rounds: &[ReviewRound]) -> RiskRules {
    let mut rules = RiskRules::from_settings(dormant, review);
    rules.round = rounds.first().map(|r| (r.opened_on, r.due_on));
    rules
}

/// The registry with each account's risks on `today` (posts counted up to `today`).
pub async fn registry(s: &dyn Store, today: NaiveDate) -> StoreResult<Registry> {
    let (dormant, review, (accounts, people, teams), markets, rounds, leads) = futures::try_join!(
        s.setting(DORMANT_DAYS_KEY),
        s.setting(REVIEW_DAYS_KEY),
        s.registry_in_full(today),
        s.registry_markets(),
        s.review_rounds(),
        s.team_leads()
    )?;
    let rules = rules_of(dormant, review, &rounds);
    let accounts = accounts
        .into_iter()
        .map(|account| Assessed { risks: risks(&account, &rules, today), account })
        .collect();
    Ok(Registry { today, rules, accounts, people, teams, markets, rounds, leads })
}

impl Registry {
    /// The accounts the filters keep.
    pub fn shown<'a>(&'a self, spec: &Spec) -> Vec<&'a Assessed> {
        self.accounts
            .iter()
            .filter(|x| match spec.team {
                Some(TeamFilter::Team(t)) => x.account.team_id == Some(t),
                Some(TeamFilter::NoTeam) => x.account.team_id.is_none(),
                None => true,
            })
            .filter(|x| spec.status.is_none_or(|s| x.account.status == s))
            .filter(|x| spec.risk.is_none_or(|r| x.risks.contains(&r)))
            .filter(|x| match spec.market.as_deref() {
                Some("HUB") => x.account.market.is_none(),
                Some(m) => x.account.market.as_deref() == Some(m),
                None => true,
            })
            .filter(|x| spec.platform.as_deref().is_none_or(|p| x.account.platform == p))
            .collect()
    }

    /// How many accounts have each risk (archived ones have none).
    pub fn counts(&self) -> Vec<(Risk, usize)> {
        Risk::ALL.into_iter().map(|r| (r, self.accounts.iter().filter(|x| x.risks.contains(&r)).count())).collect()
    }

    /// Accounts with at least one risk.
    pub fn at_risk(&self) -> usize {
        self.accounts.iter().filter(|x| !x.risks.is_empty()).count()
    }

    /// The register: one row per account and risk of the shown accounts (only the filtered
    /// risk when one is), in the asked order; ties by severity, then platform and handle.
    pub fn register<'a>(&'a self, spec: &Spec) -> Vec<(&'a Assessed, Risk)> {
        let mut rows: Vec<(&Assessed, Risk)> = self
            .shown(spec)
            .into_iter()
            .flat_map(|x| x.risks.iter().filter(|r| spec.risk.is_none_or(|f| f == **r)).map(move |r| (x, *r)))
            .collect();
        let text = |x: &Assessed| match spec.sort {
            SortKey::Severity => String::new(),
            SortKey::Account => format!("{}:{}", x.account.platform, x.account.handle.to_lowercase()),
            SortKey::Market => x.account.market.clone().unwrap_or_default(),
            SortKey::Team => x.account.team.clone().unwrap_or_default(),
            SortKey::Owner => x.account.owner.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
        };
        rows.sort_by(|(a, ra), (b, rb)| {
            let key = match spec.sort {
                // most severe first, then the risks' order
                SortKey::Severity => rb.severity().cmp(&ra.severity()).then(ra.cmp(rb)),
                _ => text(a).cmp(&text(b)),
            };
            // severity reads most severe first unless ascending; the other columns A–Z when ascending
            let key = if (spec.sort == SortKey::Severity) == spec.asc { key.reverse() } else { key };
            key.then(ra.cmp(rb))
                .then_with(|| (&a.account.platform, &a.account.handle).cmp(&(&b.account.platform, &b.account.handle)))
        });
        rows
    }

    /// The accounts a review round covers: neither archived nor unofficial.
    pub fn in_scope(&self) -> impl Iterator<Item = &Assessed> {
        self.accounts.iter().filter(|x| matches!(x.account.status, AccountStatus::Official | AccountStatus::Dormant))
    }

    /// The latest round's progress per team (the hub first, accounts without a team last): an
    /// account is confirmed when it was reviewed on or after the day the round opened.
    pub fn round_progress(&self) -> Option<(&ReviewRound, Vec<TeamProgress<'_>>)> {
        let round = self.rounds.first()?;
        let mut teams: Vec<TeamProgress> = self
            .teams
            .iter()
            .map(|t| TeamProgress { team: Some(t), accounts: 0, confirmed: 0, pending: Vec::new() })
            .chain(std::iter::once(TeamProgress { team: None, accounts: 0, confirmed: 0, pending: Vec::new() }))
            .collect();
        for x in self.in_scope() {
            let at = teams.iter().position(|t| t.team.map(|t| t.id) == x.account.team_id).unwrap_or(teams.len() - 1);
            let t = &mut teams[at];
            t.accounts += 1;
            if x.account.last_reviewed_on.is_some_and(|d| d >= round.opened_on) {
                t.confirmed += 1;
            } else {
                t.pending.push(x);
            }
        }
        teams.retain(|t| t.accounts > 0);
        Some((round, teams))
    }

    /// The name and due day a new round gets by default: the current calendar quarter's.
    pub fn default_round(&self) -> (String, NaiveDate) {
        use chrono::Datelike;
        let q = (self.today.month0() / 3) + 1;
        let end = NaiveDate::from_ymd_opt(self.today.year(), q * 3, 1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .and_then(|d| d.pred_opt())
            .unwrap_or(self.today);
        (format!("Q{q} {} access review", self.today.year()), end)
    }

    pub fn account(&self, id: i64) -> Option<&Assessed> {
        self.accounts.iter().find(|x| x.account.id == id)
    }

    pub fn person(&self, id: i64) -> Option<&PersonRef> {
        self.people.iter().find(|p| p.id == id)
    }

    /// How many accounts each person owns, backs up and keeps the credentials of.
    pub fn duty_counts(&self) -> std::collections::HashMap<i64, [usize; 3]> {
        let mut out: std::collections::HashMap<i64, [usize; 3]> = std::collections::HashMap::new();
        for x in &self.accounts {
            let a = &x.account;
            for (i, who) in [&a.owner, &a.backup, &a.custodian].into_iter().enumerate() {
                if let Some(p) = who {
                    out.entry(p.id).or_default()[i] += 1;
                }
            }
        }
        out
    }

    /// A person's duties: (account, duty), by account.
    pub fn duties(&self, person: i64) -> Vec<(&Assessed, Duty)> {
        let mut out = Vec::new();
        for x in &self.accounts {
            let a = &x.account;
            for (duty, who) in [(Duty::Owner, &a.owner), (Duty::Backup, &a.backup), (Duty::Custodian, &a.custodian)] {
                if who.as_ref().is_some_and(|p| p.id == person) {
                    out.push((x, duty));
                }
            }
        }
        out
    }
}

/// The name a person id or email in an account's history stands for.
pub fn person_label(people: &[PersonRef], value: &str) -> String {
    let found = match value.parse::<i64>() {
        Ok(id) => people.iter().find(|p| p.id == id),
        Err(_) => people.iter().find(|p| p.email.eq_ignore_ascii_case(value)),
    };
    found.map_or_else(|| value.to_string(), |p| format!("{} ({})", p.name, p.email))
}

/// A form's fields: `name=value&…`, decoded.
pub fn fields(form: &str) -> Vec<(String, String)> {
    form.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode_component(k), decode_component(v).trim().to_string())
        })
        .collect()
}

fn field<'a>(fields: &'a [(String, String)], key: &str) -> Option<&'a str> {
    fields.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn reason(fields: &[(String, String)], required: bool) -> Result<String, String> {
    let r = field(fields, "reason").unwrap_or_default().to_string();
    if r.chars().count() > REASON_MAX {
        return Err(format!("Keep the reason under {REASON_MAX} characters."));
    }
    if required && r.is_empty() {
        return Err("Say why (Reason): it is kept with each account's history.".into());
    }
    Ok(r)
}

/// A person field: empty is nobody.
fn person_field(fields: &[(String, String)], key: &str, label: &str) -> Result<Option<i64>, String> {
    match field(fields, key).unwrap_or_default() {
        "" => Ok(None),
        v => v.parse().map(Some).map_err(|_| format!("{label}: {v:?} is not a person of the list.")),
    }
}

/// The account form (`account`, `owner`, `backup`, `custodian`, `status`, `reason`).
pub fn parse_update(form: &str) -> Result<AccountUpdate, String> {
    let f = fields(form);
    let account_id = field(&f, "account")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| "The form names no account: reload the page.".to_string())?;
    let status = field(&f, "status").unwrap_or_default();
    let status = AccountStatus::from_token(status)
        .ok_or_else(|| format!("Status: {status:?} is not official, unofficial, dormant or archived."))?;
    let u = AccountUpdate {
        account_id,
        owner_id: person_field(&f, "owner", "Owner")?,
        backup_owner_id: person_field(&f, "backup", "Backup owner")?,
        custodian_id: person_field(&f, "custodian", "Credential custodian")?,
        status,
        reason: reason(&f, false)?,
    };
    if u.owner_id.is_some() && u.owner_id == u.backup_owner_id {
        return Err("The backup owner must be someone other than the owner.".into());
    }
    Ok(u)
}

/// The handover form (`person`, `left_on`, `reason`, and `ACCOUNT.DUTY` = successor for each
/// duty handed over; an empty successor keeps the duty with the leaver).
pub fn parse_handover(form: &str) -> Result<Handover, String> {
    let f = fields(form);
    let person_id = field(&f, "person")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| "The form names no person: reload the page.".to_string())?;
    let left = field(&f, "left_on").unwrap_or_default();
    let left_on = left.parse::<NaiveDate>().map_err(|_| format!("Left on: {left:?} is not a date (YYYY-MM-DD)."))?;
    let mut reassign = Vec::new();
    for (key, value) in &f {
        let Some((account, duty)) = key.split_once('.') else { continue };
        let (Ok(account), Some(duty)) = (account.parse::<i64>(), Duty::from_token(duty)) else {
            return Err(format!("{key:?} is not a duty of an account."));
        };
        if value.is_empty() {
            continue;
        }
        let successor =
            value.parse::<i64>().map_err(|_| format!("{}: {value:?} is not a person of the list.", duty.label()))?;
        if reassign.iter().any(|(a, d, _)| *a == account && *d == duty) {
            return Err(format!("{key} is given twice."));
        }
        reassign.push((account, duty, successor));
    }
    Ok(Handover { person_id, left_on, reason: reason(&f, true)?, reassign })
}

/// The rules form (`dormant_days`, `review_days`).
pub fn parse_rules(form: &str) -> Result<RiskRules, String> {
    let f = fields(form);
    let days = |key: &str, label: &str| {
        let v = field(&f, key).unwrap_or_default();
        v.parse::<u32>().ok().filter(|d| RULE_DAYS.contains(d)).ok_or_else(|| {
            format!("{label}: {v:?} is not a number of days from {} to {}.", RULE_DAYS.start(), RULE_DAYS.end())
        })
    };
    Ok(RiskRules {
        dormant_days: days("dormant_days", "Dormant after")?,
        review_days: days("review_days", "Review every")?,
        round: None,
    })
}

/// The round form (`name`, `due_on`): a name of 1–80 characters and a due day from `today` on.
pub fn parse_round(form: &str, today: NaiveDate) -> Result<(String, NaiveDate), String> {
    let f = fields(form);
    let name = field(&f, "name").unwrap_or_default().to_string();
    if name.is_empty() || name.chars().count() > 80 {
        return Err("Name: give the round a name of up to 80 characters.".into());
    }
    let due = field(&f, "due_on").unwrap_or_default();
    let due_on = due.parse::<NaiveDate>().map_err(|_| format!("Due on: {due:?} is not a date (YYYY-MM-DD)."))?;
    if due_on < today {
        return Err(format!("Due on: {due_on} has passed; choose today or a later day."));
    }
    Ok((name, due_on))
}

/// The candidate form (`platform`, `handle`, `reason`).
pub fn parse_candidate(form: &str) -> Result<(String, String, String), String> {
    let f = fields(form);
    let platform = field(&f, "platform").unwrap_or_default().to_string();
    if !crate::accounts::PLATFORMS.iter().any(|(p, _)| *p == platform) {
        return Err(format!("{platform:?} is not a platform accounts are on."));
    }
    let handle = field(&f, "handle").unwrap_or_default().to_string();
    if handle.is_empty() || handle.chars().count() > 200 {
        return Err("The form names no handle: reload the page.".into());
    }
    Ok((platform, handle, reason(&f, false)?))
}

/// Refuses a team lead a change to an account outside their team.
pub fn may_edit(role_team: Option<Option<i64>>, account: &RegistryAccount) -> Result<(), StoreError> {
    match role_team {
        // not team-scoped
        None => Ok(()),
        Some(team) if team.is_some() && account.team_id == team => Ok(()),
        Some(_) => Err(StoreError::Forbidden(format!(
            "{}:{} belongs to another team: team leads change only their own team's accounts.",
            account.platform, account.handle
        ))),
    }
}

#[cfg(test)]
mod tests {
    use crate::accounts::tests::{d, healthy, person};
    use super::super::spec::View;
    use super::*;

    fn registry() -> Registry {
        let mut accounts = Vec::new();
        let mut orphan = healthy();
        orphan.id = 2;
        orphan.handle = "voltaro_at".into();
        orphan.owner = Some(person(9, true));
        orphan.team_id = Some(3);
        orphan.last_reviewed_on = None;
        accounts.push(orphan);
        accounts.push(healthy());
        let mut fans = healthy();
        fans.id = 3;
        fans.handle = "voltaro_fans".into();
        fans.status = AccountStatus::Unofficial;
        fans.team_id = None;
        accounts.push(fans);
        let rules = RiskRules::default();
        let today = d("2026-12-01");
        Registry {
            today,
            rules,
            accounts: accounts.into_iter().map(|a| Assessed { risks: risks(&a, &rules, today), account: a }).collect(),
            people: vec![person(1, false), person(9, true)],
            teams: vec![],
            markets: vec![],
            rounds: vec![],
            leads: vec![],
        }
    }

    #[test]
    fn the_register_lists_the_most_severe_first_and_filters() {
        let r = registry();
        let rows: Vec<(i64, Risk)> = r.register(&Spec::default()).iter().map(|(x, k)| (x.account.id, *k)).collect();
        assert_eq!(rows, [(2, Risk::Orphaned), (3, Risk::Unofficial), (2, Risk::ReviewOverdue)]);
        let asc = Spec { asc: true, ..Spec::default() };
        assert_eq!(r.register(&asc).first().map(|(_, k)| *k), Some(Risk::ReviewOverdue));
        let only = Spec { view: View::Register, risk: Some(Risk::ReviewOverdue), ..Spec::default() };
        assert_eq!(r.register(&only).len(), 1);
        assert_eq!(r.shown(&Spec { team: Some(TeamFilter::NoTeam), ..Spec::default() }).len(), 1);
        let by_account = Spec { sort: SortKey::Account, asc: true, ..Spec::default() };
        let handles: Vec<&str> = r.register(&by_account).iter().map(|(x, _)| x.account.handle.as_str()).collect();
        assert_eq!(handles, ["voltaro_at", "voltaro_at", "voltaro_fans"]);
        assert_eq!(r.counts().iter().find(|(k, _)| *k == Risk::Orphaned).map(|c| c.1), Some(1));
        assert_eq!(r.at_risk(), 2);
    }

    #[test]
    fn forms_are_read_or_refused_with_the_field_named() {
        let u = parse_update("account=4&owner=1&backup=&custodian=2&status=official&reason=Quarterly%20review")
            .expect("update");
        assert_eq!((u.owner_id, u.backup_owner_id, u.custodian_id), (Some(1), None, Some(2)));
        assert_eq!(u.reason, "Quarterly review");
        assert!(parse_update("account=4&owner=1&backup=1&status=official").expect_err("same").contains("backup"));
        assert!(parse_update("account=4&status=lost").expect_err("status").starts_with("Status"));
        let h = parse_handover("person=9&left_on=2026-11-30&reason=Left&2.owner=1&2.backup=&3.custodian=1")
            .expect("handover");
        assert_eq!(h.reassign, [(2, Duty::Owner, 1), (3, Duty::Custodian, 1)]);
        assert!(parse_handover("person=9&left_on=2026-11-30&reason=").expect_err("reason").contains("Reason"));
        assert!(parse_handover("person=9&left_on=soon&reason=x").expect_err("date").starts_with("Left on"));
        assert!(parse_handover("person=9&left_on=2026-11-30&reason=x&2.pilot=1").is_err());
        assert_eq!(parse_rules("dormant_days=60&review_days=90"), Ok(RiskRules { dormant_days: 60, review_days: 90, round: None }));
        assert!(parse_rules("dormant_days=0&review_days=90").expect_err("zero").starts_with("Dormant after"));
    }

    #[test]
    fn team_leads_change_only_their_own_team() {
        let a = healthy();
        assert!(may_edit(None, &a).is_ok());
        assert!(may_edit(Some(Some(2)), &a).is_ok());
        assert!(matches!(may_edit(Some(Some(3)), &a), Err(StoreError::Forbidden(_))));
        assert!(matches!(may_edit(Some(None), &a), Err(StoreError::Forbidden(_))));
    }

    #[test]
    fn history_names_people_by_id_or_email() {
        let people = [person(1, false)];
        assert_eq!(person_label(&people, "1"), "Person 1 (p1@example.com)");
        assert_eq!(person_label(&people, "P1@example.com"), "Person 1 (p1@example.com)");
        assert_eq!(person_label(&people, "gone@example.com"), "gone@example.com");
    }
}
