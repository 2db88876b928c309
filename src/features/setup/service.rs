//! Reading setup files (TOML, YAML, an accounts CSV) and applying them, for `resonance setup`
//! and the setup commands.

use std::path::Path;

use super::plan::{self, Snapshot};
use super::store::Removal;
use super::types::{AccountSpec, SetupFile, SetupKey, SetupReport};
use crate::server::store::{Audit, DynStore, StoreError, StoreResult};

/// The largest setup file read (a company's whole inventory is far smaller).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a setup file by its extension: `.toml`, `.yaml` / `.yml`, or `.csv` (accounts, one per
/// row, the columns named as an account's fields).
pub fn read(path: &Path) -> Result<SetupFile, String> {
    let shown = path.display();
    let size = std::fs::metadata(path).map_err(|e| format!("{shown}: {e}"))?.len();
    if size > MAX_FILE_BYTES {
        return Err(format!("{shown}: {size} bytes; a setup file may have at most {MAX_FILE_BYTES}"));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{shown}: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{shown}: is not UTF-8 text"))?;
    let text = text.trim_start_matches('\u{feff}');
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "toml" => toml::from_str(text).map_err(|e| format!("{shown}: {e}")),
        "yaml" | "yml" => {
            if text.trim().is_empty() {
                return Ok(SetupFile::default());
            }
            serde_yaml::from_str(text).map_err(|e| format!("{shown}: {e}"))
        }
        "csv" => read_accounts_csv(text).map_err(|e| format!("{shown}: {e}")),
        _ => Err(format!("{shown}: a setup file ends in .toml, .yaml, .yml or .csv (accounts)")),
    }
}

/// An accounts CSV: a header row of account fields (`platform`, `handle`, `brand`, `name`,
/// `platform_id`, `url`, `market`, `team`, `owner`, `backup`, `custodian`, `status`), then one
/// account per row.
fn read_accounts_csv(text: &str) -> Result<SetupFile, String> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
    let mut accounts = Vec::new();
    for (i, row) in reader.deserialize::<AccountSpec>().enumerate() {
        // line i + 2: the header is line 1
        accounts.push(row.map_err(|e| format!("line {}: {e}", i + 2))?);
    }
    Ok(SetupFile { accounts, ..SetupFile::default() })
}

/// The workspace as a setup file (what `resonance setup` would leave unchanged).
pub fn as_file(now: &Snapshot) -> SetupFile {
    SetupFile {
        workspace: Some(super::types::WorkspaceSpec {
            reporting_time_zone: now.reporting_time_zone.clone(),
            currency: now.currency.clone(),
        }),
        markets: now.markets.clone(),
        brands: now.brands.clone(),
        teams: now.teams.clone(),
        people: now.people.clone(),
        accounts: now.accounts.clone(),
    }
}

/// Applies `file` only if every record it lists is new: adding something that exists already
/// is refused with the way to change it (the setup commands and the setup page add; a setup file
/// changes).
pub async fn add(store: &DynStore, file: &SetupFile, source: &str, audit: Audit) -> StoreResult<SetupReport> {
    run(store, file, source, Mode::AddOnly, None, audit).await
}

/// What the Setup page sends, checked against who sends it: `team` limits the change to the
/// accounts of that team (a team lead's), stored and new. `edit` changes records to what the
/// page says (adding those that are new); otherwise only new records are added. Errors are worded
/// for the page (its field labels, not the file's keys).
pub async fn from_page(
    store: &DynStore,
    file: &SetupFile,
    edit: bool,
    team: Option<&str>,
    audit: Audit,
) -> StoreResult<SetupReport> {
    let mode = if edit { Mode::Apply } else { Mode::AddOnly };
    run(store, file, "the setup page", mode, team.map(Scope::Team), audit).await.map_err(|e| match e {
        StoreError::Invalid(m) => StoreError::Invalid(page_wording(&m)),
        other => other,
    })
}

/// The actions a setup file needs besides `EditAccounts` for its accounts: brands need
/// `EditBrands`; markets, teams, people and the workspace settings `EditWorkspace`.
pub fn actions_needed(file: &SetupFile) -> Vec<crate::auth::Action> {
    use crate::auth::Action;
    let mut needed = Vec::new();
    if file.workspace.is_some() || !file.markets.is_empty() || !file.teams.is_empty() || !file.people.is_empty() {
        needed.push(Action::EditWorkspace);
    }
    if !file.brands.is_empty() {
        needed.push(Action::EditBrands);
    }
    if !file.accounts.is_empty() {
        needed.push(Action::EditAccounts);
    }
    needed
}

/// Removes one record, unless anything refers to it: then the refusal says what does and what to
/// do instead. Audited (`setup.removed`).
pub async fn remove(store: &DynStore, key: &SetupKey, team: Option<&str>, audit: Audit) -> StoreResult<String> {
    let what = key.label();
    if let (Some(team), SetupKey::Account { platform, handle }) = (team, key) {
        let now = store.setup_snapshot().await?;
        let stored = now.accounts.iter().find(|a| &a.platform == platform && a.handle.eq_ignore_ascii_case(handle));
        if stored.is_some_and(|a| !a.team.as_deref().is_some_and(|t| t.eq_ignore_ascii_case(team))) {
            return Err(StoreError::Forbidden(format!("{what} is not your team's ({team}); team leads remove only their own team's accounts")));
        }
    }
    let audit = Audit { detail: serde_json::json!({ "removed": what }).to_string(), ..audit };
    match store.remove_setup(key, audit).await? {
        Removal::Removed => Ok(format!("Removed {what}.")),
        Removal::NotFound => Err(StoreError::NotFound(format!("{what} (it may have been removed already; reload the page)"))),
        Removal::Referred(uses) => {
            let listed: Vec<String> = uses.iter().map(|(n, noun)| count_of(*n, noun)).collect();
            let instead = match key {
                SetupKey::Account { .. } => "an account's history is kept, so archive it instead (status archived): its posts stay counted and it shows as no longer in use",
                SetupKey::Person(_) => "mark them as left instead (a date in Left on), and hand their accounts over",
                SetupKey::Brand(_) => "it stays: clear its keywords so that no new mention is assigned to it",
                SetupKey::Team(_) => "move its people, users and accounts to another team first",
                SetupKey::Market(_) => "it stays in use while data refers to it",
            };
            let verb = if uses.len() == 1 && uses[0].0 == 1 { "refers" } else { "refer" };
            Err(StoreError::Invalid(format!("{what} cannot be removed: {} {verb} to it; {instead}.", join_and(&listed))))
        }
    }
}

/// `1 account`, `1,234 mentions`.
fn count_of(n: i64, noun: &str) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if n == 1 {
        format!("1 {}", noun.strip_suffix('s').unwrap_or(noun))
    } else {
        format!("{grouped} {noun}")
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A planner's message in the Setup page's words: `brands[0].colour: …` → `Colour: …`, and
/// "add it under [[teams]]" → "add it under Teams on this page".
pub fn page_wording(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("the setup page: nothing was changed"))
        .map(|line| {
            let (place, rest) = line.split_once(": ").unwrap_or(("", line));
            let label = field_label(place);
            let rest = rest
                .replace("under [[markets]]", "under Markets on this page")
                .replace("under [[brands]]", "under Brands on this page")
                .replace("under [[teams]]", "under Teams on this page")
                .replace("under [[people]]", "under People on this page")
                .replace("change it with a setup file (`resonance setup FILE`)", "change it with Edit in its row");
            match label {
                Some(label) => format!("{label}: {rest}"),
                None if place.is_empty() => rest,
                None => format!("{place}: {rest}"),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The page's label of a planner's place (`accounts[0].backup` → `Backup owner`).
fn field_label(place: &str) -> Option<&'static str> {
    let (record, field) = place.split_once('.')?;
    let record = record.split('[').next()?;
    let field = field.split('[').next()?;
    Some(match (record, field) {
        ("workspace", "reporting_time_zone") => "Reporting time zone",
        ("workspace", "currency") => "Currency",
        ("brands", "keywords") => "Keywords and hashtags",
        ("brands", "colour") => "Colour",
        ("markets", "code") => "Code",
        ("markets" | "brands" | "teams" | "people", "name") => "Name",
        ("markets", "time_zone") => "Time zone",
        ("teams", "kind") => "Kind",
        ("teams" | "accounts", "market") => "Market",
        ("people", "email") => "Email",
        ("people" | "accounts", "team") => "Team",
        ("people", "left_on") => "Left on",
        ("accounts", "platform") => "Platform",
        ("accounts", "handle") => "Handle",
        ("accounts", "brand") => "Brand",
        ("accounts", "name") => "Name on the platform",
        ("accounts", "platform_id") => "Platform id",
        ("accounts", "url") => "Link",
        ("accounts", "owner") => "Owner",
        ("accounts", "backup") => "Backup owner",
        ("accounts", "custodian") => "Credential custodian",
        ("accounts", "status") => "Status",
        _ => return None,
    })
}

/// Where an account row of the view names its owning team.
pub const ACCOUNT_TEAM_COLUMN: usize = 4;

/// The workspace as the Setup page's tables.
pub fn as_view(now: &Snapshot) -> super::types::SetupView {
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    super::types::SetupView {
        brands: now
            .brands
            .iter()
            .map(|b| {
                let kind = if b.own { "own brand" } else { "competitor" };
                vec![b.name.clone(), kind.into(), b.keywords.join(", "), b.colour.clone()]
            })
            .collect(),
        markets: now.markets.iter().map(|m| vec![m.code.clone(), m.name.clone(), m.time_zone.clone()]).collect(),
        teams: now.teams.iter().map(|t| vec![t.name.clone(), t.kind.clone(), or_dash(&t.market)]).collect(),
        people: now
            .people
            .iter()
            .map(|p| {
                let status = p.left_on.map_or_else(|| "active".to_string(), |d| format!("left {d}"));
                vec![p.name.clone(), p.email.clone(), p.team.clone(), status]
            })
            .collect(),
        accounts: now
            .accounts
            .iter()
            .map(|a| {
                vec![
                    format!("{}:{}", a.platform, a.handle),
                    or_dash(&a.name),
                    a.brand.clone(),
                    or_dash(&a.market),
                    or_dash(&a.team),
                    or_dash(&a.owner),
                    or_dash(&a.backup),
                    or_dash(&a.status),
                    or_dash(&a.platform_id),
                    or_dash(&a.url),
                    or_dash(&a.custodian),
                ]
            })
            .collect(),
        workspace: vec![
            now.reporting_time_zone.clone().unwrap_or_else(|| "UTC".into()),
            now.currency.clone().unwrap_or_default(),
            if now.has_data { "fixed".into() } else { String::new() },
        ],
    }
}

/// Plans `file` against the workspace and, unless `dry_run`, applies it in one transaction with
/// one audit entry (`setup.applied`). An invalid file changes nothing: the error lists every
/// problem, one per line.
pub async fn apply(
    store: &DynStore,
    file: &SetupFile,
    source: &str,
    dry_run: bool,
    audit: Audit,
) -> StoreResult<SetupReport> {
    run(store, file, source, if dry_run { Mode::DryRun } else { Mode::Apply }, None, audit).await
}

/// What a caller may change.
#[derive(Clone, Copy)]
enum Scope<'a> {
    /// Only accounts this team owns, before and after the change.
    Team(&'a str),
}

/// Whether `file` changes only accounts of `team`: each account it lists is the team's, and
/// so is the stored account it changes.
fn within_team(file: &SetupFile, now: &Snapshot, team: &str) -> Result<(), String> {
    let ours = |t: &Option<String>| t.as_deref().is_some_and(|t| t.trim().eq_ignore_ascii_case(team));
    if actions_needed(file) != [crate::auth::Action::EditAccounts] {
        return Err("Team leads can add and change only accounts.".into());
    }
    for a in &file.accounts {
        let handle = a.handle.trim().trim_start_matches('@');
        let stored = now.accounts.iter().find(|s| s.platform == a.platform.trim().to_lowercase() && s.handle.eq_ignore_ascii_case(handle));
        if !ours(&a.team) || stored.is_some_and(|s| !ours(&s.team)) {
            return Err(format!(
                "Team leads add and change only their own team's accounts ({team}); account {}:{handle} would be another team's.",
                a.platform.trim()
            ));
        }
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Apply,
    DryRun,
    /// Apply, unless a record exists already.
    AddOnly,
}

async fn run(
    store: &DynStore,
    file: &SetupFile,
    source: &str,
    mode: Mode,
    scope: Option<Scope<'_>>,
    audit: Audit,
) -> StoreResult<SetupReport> {
    let now = store.setup_snapshot().await?;
    if let Some(Scope::Team(team)) = scope {
        within_team(file, &now, team).map_err(StoreError::Forbidden)?;
    }
    let plan = plan::plan(file, &now).map_err(|errors| {
        StoreError::Invalid(format!("{source}: nothing was changed:\n  {}", errors.join("\n  ")))
    })?;
    let report = &plan.report;
    if mode == Mode::AddOnly && (!report.changed.is_empty() || (report.added.is_empty() && report.unchanged > 0)) {
        let what = report.changed.first().cloned().unwrap_or_else(|| source.to_string());
        return Err(StoreError::Invalid(format!(
            "{what} exists already; change it with a setup file (`resonance setup FILE`)"
        )));
    }
    if mode != Mode::DryRun && !plan.steps.is_empty() {
        let tz = crate::server::calendar::time_zone(store).await?;
        let detail = serde_json::json!({
            "source": source,
            "added": plan.report.added.len(),
            "changed": plan.report.changed.len(),
        });
        let audit = Audit { detail: detail.to_string(), ..audit };
        store.apply_setup(&plan, crate::server::calendar::today_in(tz), audit).await?;
    }
    Ok(plan.report)
}
