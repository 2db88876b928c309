//! From a setup file to the writes it needs: every value normalised and checked, every
//! reference (a team's market, an account's brand, owner, …) resolved against the file and the
//! workspace as it is, and each record compared with the stored one — added, changed or left
//! alone. A plain function of the file and a snapshot of the workspace; the store applies the
//! plan in one transaction, so an invalid file changes nothing.

use std::collections::{BTreeSet, HashMap};

use super::types::{AccountSpec, BrandSpec, MarketSpec, PersonSpec, SetupFile, SetupReport, TeamSpec};

pub use super::types::{PLATFORMS, STATUSES};

/// The workspace as stored, in the setup file's terms.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snapshot {
    pub markets: Vec<MarketSpec>,
    pub brands: Vec<BrandSpec>,
    pub teams: Vec<TeamSpec>,
    pub people: Vec<PersonSpec>,
    pub accounts: Vec<AccountSpec>,
    pub reporting_time_zone: Option<String>,
    pub currency: Option<String>,
    /// Whether mentions or posts are stored (the reporting time zone is then fixed).
    pub has_data: bool,
}

/// A change of an account's governance record, for `account_events`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountEvent {
    /// `owner`, `backup_owner`, `custodian`, `team` or `status`.
    pub kind: &'static str,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// One write. `new` adds the record; otherwise it is changed to the spec (found by its key:
/// market code, brand and team name case aside, email, platform and handle case aside).
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::large_enum_variant, reason = "a plan holds one step per record of a setup file")]
pub enum Step {
    Setting { key: &'static str, value: String },
    Market { spec: MarketSpec, new: bool },
    Brand { spec: BrandSpec, new: bool },
    /// `region`: "Global" for the hub, the market's name for a spoke.
    Team { spec: TeamSpec, region: String, new: bool },
    Person { spec: PersonSpec, new: bool },
    Account { spec: AccountSpec, new: bool, events: Vec<AccountEvent> },
}

/// What a setup file asks of the store.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    pub steps: Vec<Step>,
    pub report: SetupReport,
}

const NAME_MAX: usize = 100;
const KEYWORDS_MAX: usize = 50;

fn text(v: &str) -> String {
    v.trim().to_string()
}

fn opt(v: &Option<String>) -> Option<String> {
    v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string)
}

/// The file with every value in its stored form: trimmed, codes upper case, emails lower case,
/// handles without `@`, keywords once each, an account's status `official` unless said.
pub fn normalise(file: &SetupFile) -> SetupFile {
    let mut f = file.clone();
    if let Some(w) = &mut f.workspace {
        w.reporting_time_zone = opt(&w.reporting_time_zone);
        w.currency = opt(&w.currency).map(|c| c.to_uppercase());
    }
    for m in &mut f.markets {
        m.code = text(&m.code).to_uppercase();
        m.name = text(&m.name);
        m.time_zone = text(&m.time_zone);
    }
    for b in &mut f.brands {
        b.name = text(&b.name);
        b.colour = text(&b.colour).to_lowercase();
        let mut seen = BTreeSet::new();
        b.keywords = b
            .keywords
            .iter()
            .map(|k| text(k))
            .filter(|k| !k.is_empty() && seen.insert(k.to_lowercase()))
            .collect();
    }
    for t in &mut f.teams {
        t.name = text(&t.name);
        t.kind = text(&t.kind).to_lowercase();
        t.market = opt(&t.market).map(|m| m.to_uppercase());
    }
    for p in &mut f.people {
        p.name = text(&p.name);
        p.email = text(&p.email).to_lowercase();
        p.team = text(&p.team);
    }
    for a in &mut f.accounts {
        a.platform = text(&a.platform).to_lowercase();
        a.handle = text(&a.handle).trim_start_matches('@').to_string();
        a.brand = text(&a.brand);
        a.name = opt(&a.name);
        a.platform_id = opt(&a.platform_id);
        a.url = opt(&a.url);
        a.market = opt(&a.market).map(|m| m.to_uppercase());
        a.team = opt(&a.team);
        a.owner = opt(&a.owner).map(|e| e.to_lowercase());
        a.backup = opt(&a.backup).map(|e| e.to_lowercase());
        a.custodian = opt(&a.custodian).map(|e| e.to_lowercase());
        a.status = Some(opt(&a.status).map_or_else(|| "official".to_string(), |s| s.to_lowercase()));
    }
    f
}

/// Names found case aside: the stored (or declared) spelling of each.
struct Names(HashMap<String, String>);

impl Names {
    fn new<'a>(names: impl Iterator<Item = &'a str>) -> Names {
        Names(names.map(|n| (n.to_lowercase(), n.to_string())).collect())
    }

    fn find(&self, name: &str) -> Option<&String> {
        self.0.get(&name.to_lowercase())
    }

    fn list(&self) -> String {
        let mut all: Vec<&str> = self.0.values().map(String::as_str).collect();
        all.sort_unstable();
        if all.is_empty() {
            "none yet".into()
        } else {
            all.join(", ")
        }
    }
}

/// A value as an error message quotes it: at most 60 characters.
fn clip(v: &str) -> String {
    if v.chars().count() > 60 {
        format!("{}…", v.chars().take(60).collect::<String>())
    } else {
        v.to_string()
    }
}

/// Problems shown at most: a file with more gets the first ones and a count of the rest.
const ERRORS_SHOWN: usize = 50;

fn check_name(errors: &mut Vec<String>, at: &str, field: &str, value: &str) {
    if value.is_empty() {
        errors.push(format!("{at}.{field}: is empty"));
    } else if value.chars().count() > NAME_MAX {
        errors.push(format!("{at}.{field}: is longer than {NAME_MAX} characters"));
    }
}

fn check_time_zone(errors: &mut Vec<String>, at: &str, value: &str) {
    if value.parse::<chrono_tz::Tz>().is_err() {
        errors.push(format!("{at}: {:?} is not a time zone; write it as the IANA names it (Europe/Berlin, UTC)", clip(value)));
    }
}

fn is_email(v: &str) -> bool {
    let Some((local, domain)) = v.split_once('@') else { return false };
    !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !v.contains(char::is_whitespace) && v.len() <= 254
}

/// The plan for `file` on the workspace `now`, or every problem the file has (each naming the
/// record and field: `accounts[2].owner: …`).
pub fn plan(file: &SetupFile, now: &Snapshot) -> Result<Plan, Vec<String>> {
    let f = normalise(file);
    let mut errors = Vec::new();
    let mut plan = Plan::default();

    if let Some(w) = &f.workspace {
        if let Some(tz) = &w.reporting_time_zone {
            check_time_zone(&mut errors, "workspace.reporting_time_zone", tz);
            let current = now.reporting_time_zone.as_deref().unwrap_or("UTC");
            if tz != current {
                if now.has_data {
                    errors.push(format!(
                        "workspace.reporting_time_zone: is {current} and cannot change once data is imported (days are stored in it)"
                    ));
                } else {
                    plan.steps.push(Step::Setting { key: "reporting_time_zone", value: tz.clone() });
                    plan.report.changed.push(format!("setting reporting_time_zone ({current} → {tz})"));
                }
            } else {
                plan.report.unchanged += 1;
            }
        }
        if let Some(c) = &w.currency {
            if c.len() != 3 || !c.chars().all(|ch| ch.is_ascii_uppercase()) {
                errors.push(format!("workspace.currency: {:?} is not a currency code; write it as ISO 4217 (EUR, USD)", clip(c)));
            } else if now.currency.as_deref() != Some(c.as_str()) {
                plan.steps.push(Step::Setting { key: "currency", value: c.clone() });
                plan.report.changed.push(format!("setting currency ({} → {c})", now.currency.as_deref().unwrap_or("none")));
            } else {
                plan.report.unchanged += 1;
            }
        }
    }

    // markets
    let stored_markets: HashMap<&str, &MarketSpec> = now.markets.iter().map(|m| (m.code.as_str(), m)).collect();
    let mut market_names: HashMap<String, String> =
        now.markets.iter().map(|m| (m.code.clone(), m.name.clone())).collect();
    let mut seen = BTreeSet::new();
    for (i, m) in f.markets.iter().enumerate() {
        let at = format!("markets[{i}]");
        if m.code.is_empty() || m.code.len() > 16 || !m.code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            errors.push(format!("{at}.code: {:?} is not a market code (letters and digits, like DE or UK)", clip(&m.code)));
        }
        check_name(&mut errors, &at, "name", &m.name);
        check_time_zone(&mut errors, &format!("{at}.time_zone"), &m.time_zone);
        if !seen.insert(m.code.clone()) {
            errors.push(format!("{at}.code: {} is listed twice", m.code));
        }
        market_names.insert(m.code.clone(), m.name.clone());
        diff(&mut plan, stored_markets.get(m.code.as_str()).copied(), m, format!("market {}", m.code), |spec, new| {
            Step::Market { spec, new }
        });
    }
    let market_exists = |code: &str| market_names.contains_key(code);
    let market_list = || {
        let mut codes: Vec<&String> = market_names.keys().collect();
        codes.sort();
        if codes.is_empty() {
            "none yet".to_string()
        } else {
            codes.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
        }
    };

    // brands
    let stored_brands = Names::new(now.brands.iter().map(|b| b.name.as_str()));
    let brands = Names::new(now.brands.iter().map(|b| b.name.as_str()).chain(f.brands.iter().map(|b| b.name.as_str())));
    let mut seen = BTreeSet::new();
    for (i, b) in f.brands.iter().enumerate() {
        let at = format!("brands[{i}]");
        check_name(&mut errors, &at, "name", &b.name);
        if !seen.insert(b.name.to_lowercase()) {
            errors.push(format!("{at}.name: {} is listed twice", b.name));
        }
        if b.keywords.len() > KEYWORDS_MAX {
            errors.push(format!("{at}.keywords: {} keywords; at most {KEYWORDS_MAX}", b.keywords.len()));
        }
        for (k, word) in b.keywords.iter().enumerate() {
            if word.contains(',') {
                errors.push(format!("{at}.keywords[{k}]: {:?} holds a comma; list each keyword on its own", clip(word)));
            } else if word.chars().count() > NAME_MAX {
                errors.push(format!("{at}.keywords[{k}]: is longer than {NAME_MAX} characters"));
            }
        }
        let colour_ok = b.colour.is_empty()
            || (b.colour.len() == 7 && b.colour.starts_with('#') && b.colour[1..].chars().all(|c| c.is_ascii_hexdigit()));
        if !colour_ok {
            errors.push(format!("{at}.colour: {:?} is not a colour; write it as #rrggbb", clip(&b.colour)));
        }
        let stored = stored_brands.find(&b.name).and_then(|n| now.brands.iter().find(|s| &s.name == n));
        diff(&mut plan, stored, b, format!("brand {}", b.name), |spec, new| Step::Brand { spec, new });
    }

    // teams
    let stored_teams = Names::new(now.teams.iter().map(|t| t.name.as_str()));
    let teams = Names::new(now.teams.iter().map(|t| t.name.as_str()).chain(f.teams.iter().map(|t| t.name.as_str())));
    let mut seen = BTreeSet::new();
    let mut team_specs = f.teams.clone();
    for (i, t) in team_specs.iter_mut().enumerate() {
        let at = format!("teams[{i}]");
        check_name(&mut errors, &at, "name", &t.name);
        if !seen.insert(t.name.to_lowercase()) {
            errors.push(format!("{at}.name: {} is listed twice", t.name));
        }
        if t.kind != "hub" && t.kind != "spoke" {
            errors.push(format!("{at}.kind: {:?} is neither hub nor spoke", clip(&t.kind)));
        }
        if let Some(m) = &t.market {
            if !market_exists(m) {
                errors.push(format!("{at}.market: there is no market {} (markets: {}); add it under [[markets]]", clip(m), market_list()));
            }
        }
        let region = match (&t.kind[..], &t.market) {
            ("hub", _) | (_, None) => "Global".to_string(),
            (_, Some(m)) => market_names.get(m).cloned().unwrap_or_else(|| m.clone()),
        };
        let stored = stored_teams.find(&t.name).and_then(|n| now.teams.iter().find(|s| &s.name == n));
        let region_for = region.clone();
        diff(&mut plan, stored, t, format!("team {}", t.name), move |spec, new| Step::Team {
            spec,
            region: region_for.clone(),
            new,
        });
    }

    // people
    let stored_people: HashMap<&str, &PersonSpec> = now.people.iter().map(|p| (p.email.as_str(), p)).collect();
    let mut emails: BTreeSet<String> = now.people.iter().map(|p| p.email.clone()).collect();
    let mut seen = BTreeSet::new();
    let mut people = f.people.clone();
    for (i, p) in people.iter_mut().enumerate() {
        let at = format!("people[{i}]");
        check_name(&mut errors, &at, "name", &p.name);
        if !is_email(&p.email) {
            errors.push(format!("{at}.email: {:?} is not an email address", clip(&p.email)));
        }
        if !seen.insert(p.email.clone()) {
            errors.push(format!("{at}.email: {} is listed twice", p.email));
        }
        match teams.find(&p.team) {
            Some(name) => p.team = name.clone(),
            None => errors.push(format!("{at}.team: there is no team {:?} (teams: {}); add it under [[teams]]", clip(&p.team), teams.list())),
        }
        emails.insert(p.email.clone());
        diff(&mut plan, stored_people.get(p.email.as_str()).copied(), p, format!("person {}", p.email), |spec, new| {
            Step::Person { spec, new }
        });
    }

    // accounts
    let key = |a: &AccountSpec| (a.platform.clone(), a.handle.to_lowercase());
    let stored_accounts: HashMap<(String, String), &AccountSpec> = now.accounts.iter().map(|a| (key(a), a)).collect();
    let mut ids: HashMap<(String, String), (String, String)> = now
        .accounts
        .iter()
        .filter_map(|a| Some(((a.platform.clone(), a.platform_id.clone()?), key(a))))
        .map(|(k, v)| (k, (v.0, v.1)))
        .collect();
    let mut seen = BTreeSet::new();
    let mut accounts = f.accounts.clone();
    for (i, a) in accounts.iter_mut().enumerate() {
        let at = format!("accounts[{i}]");
        if !PLATFORMS.iter().any(|(code, _)| *code == a.platform) {
            let codes: Vec<&str> = PLATFORMS.iter().map(|(c, _)| *c).collect();
            errors.push(format!("{at}.platform: {:?} is not a platform Resonance knows ({})", clip(&a.platform), codes.join(", ")));
        }
        if a.handle.is_empty() || a.handle.chars().count() > NAME_MAX || a.handle.contains(char::is_whitespace) {
            errors.push(format!("{at}.handle: {:?} is not a handle (no spaces, at most {NAME_MAX} characters)", clip(&a.handle)));
        }
        if !seen.insert(key(a)) {
            errors.push(format!("{at}.handle: {}:{} is listed twice", a.platform, a.handle));
        }
        match brands.find(&a.brand) {
            Some(name) => a.brand = name.clone(),
            None => errors.push(format!("{at}.brand: there is no brand {:?} (brands: {}); add it under [[brands]]", clip(&a.brand), brands.list())),
        }
        if let Some(n) = &a.name {
            check_name(&mut errors, &at, "name", n);
        }
        if let Some(url) = &a.url {
            if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() > 2_000 {
                errors.push(format!("{at}.url: {:?} is not a link (https://…)", clip(url)));
            }
        }
        if let Some(m) = &a.market {
            if !market_exists(m) {
                errors.push(format!("{at}.market: there is no market {} (markets: {}); add it under [[markets]]", clip(m), market_list()));
            }
        }
        if let Some(t) = &a.team {
            match teams.find(t) {
                Some(name) => a.team = Some(name.clone()),
                None => errors.push(format!("{at}.team: there is no team {:?} (teams: {}); add it under [[teams]]", clip(t), teams.list())),
            }
        }
        for (field, email) in [("owner", &a.owner), ("backup", &a.backup), ("custodian", &a.custodian)] {
            if let Some(e) = email {
                if !emails.contains(e) {
                    errors.push(format!("{at}.{field}: there is no person with the email {}; add them under [[people]]", clip(e)));
                }
            }
        }
        let status = a.status.clone().unwrap_or_default();
        if !STATUSES.contains(&status.as_str()) {
            errors.push(format!("{at}.status: {:?} is not one of {}", clip(&status), STATUSES.join(", ")));
        }
        if let Some(id) = &a.platform_id {
            let holder = ids.insert((a.platform.clone(), id.clone()), key(a));
            if let Some(other) = holder.filter(|other| *other != key(a)) {
                errors.push(format!("{at}.platform_id: {} is already the id of {}:{}", clip(id), other.0, other.1));
            }
        }
        let stored = stored_accounts.get(&key(a)).copied();
        let events = stored.map(|s| account_events(s, a)).unwrap_or_default();
        let label = format!("account {}:{}", a.platform, a.handle);
        match stored {
            // the stored handle's spelling is the key the store finds the row by
            Some(s) => {
                let mut spec = a.clone();
                spec.handle = s.handle.clone();
                diff(&mut plan, Some(s), &spec, label, move |spec, new| Step::Account { spec, new, events: events.clone() });
            }
            None => diff(&mut plan, None, a, label, |spec, new| Step::Account { spec, new, events: Vec::new() }),
        }
    }
    if errors.is_empty() {
        Ok(plan)
    } else {
        if errors.len() > ERRORS_SHOWN {
            let more = errors.len() - ERRORS_SHOWN;
            errors.truncate(ERRORS_SHOWN);
            errors.push(format!("… and {more} more problems"));
        }
        Err(errors)
    }
}

/// The governance fields that differ between a stored account and its spec.
fn account_events(stored: &AccountSpec, spec: &AccountSpec) -> Vec<AccountEvent> {
    [
        ("owner", &stored.owner, &spec.owner),
        ("backup_owner", &stored.backup, &spec.backup),
        ("custodian", &stored.custodian, &spec.custodian),
        ("team", &stored.team, &spec.team),
        ("status", &stored.status, &spec.status),
    ]
    .into_iter()
    .filter(|(_, from, to)| from != to)
    .map(|(kind, from, to)| AccountEvent { kind, from: from.clone(), to: to.clone() })
    .collect()
}

/// Adds the step for `spec`: new when nothing is stored, a change when it differs.
fn diff<T: PartialEq + Clone + std::fmt::Debug>(
    plan: &mut Plan,
    stored: Option<&T>,
    spec: &T,
    label: String,
    step: impl Fn(T, bool) -> Step,
) {
    match stored {
        None => {
            plan.steps.push(step(spec.clone(), true));
            plan.report.added.push(label);
        }
        Some(s) if s == spec => plan.report.unchanged += 1,
        Some(_) => {
            plan.steps.push(step(spec.clone(), false));
            plan.report.changed.push(label);
        }
    }
}
