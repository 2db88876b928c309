//! Reading setup files (TOML, YAML, an accounts CSV) and applying them, for `resonance setup`
//! and the setup commands.

use std::path::Path;

use super::plan::{self, Snapshot};
use super::types::{AccountSpec, SetupFile, SetupReport};
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
    run(store, file, source, Mode::AddOnly, audit).await
}

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
                ]
            })
            .collect(),
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
    run(store, file, source, if dry_run { Mode::DryRun } else { Mode::Apply }, audit).await
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Apply,
    DryRun,
    /// Apply, unless a record exists already.
    AddOnly,
}

async fn run(store: &DynStore, file: &SetupFile, source: &str, mode: Mode, audit: Audit) -> StoreResult<SetupReport> {
    let now = store.setup_snapshot().await?;
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
