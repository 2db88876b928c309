//! The governance page rendered as HTML on the server: the risk tiles, the views' tabs and
//! filters, the market × platform matrix, the risk register, people and handovers, one
//! account (its risks and what clears each, its record, posts and history) and the rules.
//! Links carry the view's state; forms carry `data-act` for the client (`server_page`).

use std::fmt::Write;

use crate::accounts::{Risk, RiskRules, PLATFORMS, RULE_DAYS};
use super::service::{person_label, Assessed, Registry};
use super::spec::{SortKey, Spec, TeamFilter, View};
use super::types::{AccountEvent, AccountStatus, Candidate, Duty, PersonRef, PostDay, RegistryAccount};
use crate::format;
use crate::markup::escape_html as escape;

/// What the caller may do.
#[derive(Debug, Clone, Copy)]
pub struct Viewer {
    /// Edit accounts' records (`EditGovernance`).
    pub edits: bool,
    /// `Some(team)` for a team lead: only that team's accounts.
    pub team: Option<Option<i64>>,
    /// Set the rules' days (`EditWorkspace`).
    pub sets_rules: bool,
}

impl Viewer {
    pub fn may_edit(&self, a: &RegistryAccount) -> bool {
        self.edits && super::service::may_edit(self.team, a).is_ok()
    }
}

fn platform_name(code: &str) -> &str {
    PLATFORMS.iter().find(|(c, _)| *c == code).map_or(code, |(_, n)| n)
}

fn status_badge(s: AccountStatus) -> String {
    let class = match s {
        AccountStatus::Official => "badge-positive",
        AccountStatus::Unofficial => "badge-negative",
        AccountStatus::Dormant | AccountStatus::Archived => "badge-neutral",
    };
    format!("<span class=\"badge {class}\" data-testid=\"status\">{}</span>", s.label())
}

fn risk_flags(risks: &[Risk], rules: &RiskRules) -> String {
    let mut out = String::new();
    for r in risks {
        let _ = write!(
            out,
            "<span class=\"risk risk-{}\" data-risk=\"{}\" title=\"{}\">{}</span>",
            r.severity().token(),
            r.token(),
            escape(&r.rule(rules)),
            r.label()
        );
    }
    out
}

fn person_name(p: &Option<PersonRef>) -> String {
    match p {
        Some(p) if p.left() => format!("{} <span class=\"cell-warn\">(left)</span>", escape(&p.name)),
        Some(p) => escape(&p.name),
        None => "<span class=\"cell-warn\">nobody</span>".into(),
    }
}

fn team_badge(a: &RegistryAccount) -> String {
    match &a.team {
        Some(t) => format!(
            "{} <span class=\"team-kind\" title=\"{}\">{}</span>",
            escape(t),
            if a.team_hub { "The global hub team" } else { "A local (spoke) team" },
            if a.team_hub { "Hub" } else { "Local" }
        ),
        None => "<span class=\"cell-warn\">no team</span>".into(),
    }
}

fn account_link(a: &RegistryAccount, spec: &Spec) -> String {
    let back = spec.list();
    let q = back.query();
    let sep = if q.is_empty() { '?' } else { '&' };
    format!(
        "<a href=\"/governance{q}{sep}account={}\" data-testid=\"account-link\">@{}</a>",
        a.id,
        escape(&a.handle)
    )
}

/// The whole page for `spec`.
pub fn page(
    reg: &Registry,
    spec: &Spec,
    viewer: &Viewer,
    detail: Option<(&[AccountEvent], &[PostDay])>,
    candidates: &[Candidate],
    tz: &str,
) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<header class=\"page-header\"><h1>Governance</h1><p class=\"page-subtitle\">Who owns which account, in every market and on every platform, and what is at risk. As of {} ({tz}); risks follow the rules below.</p></header>",
        format::day_long(reg.today)
    );
    tiles(&mut out, reg, spec);
    if let (Some(id), Some((history, posts))) = (spec.account, detail) {
        match reg.account(id) {
            Some(x) => account_page(&mut out, reg, x, spec, viewer, history, posts),
            None => out.push_str("<section class=\"state state-empty\"><h2>No such account</h2><p class=\"state-detail\">Choose one in the matrix.</p></section>"),
        }
        return out;
    }
    if let Some(person) = spec.handover {
        match reg.person(person) {
            Some(p) => handover_form(&mut out, reg, p, spec, viewer),
            None => out.push_str("<section class=\"state state-empty\"><h2>No such person</h2><p class=\"state-detail\">Choose one under People and handovers.</p></section>"),
        }
        return out;
    }
    tabs(&mut out, spec);
    match spec.view {
        View::Matrix => {
            filters(&mut out, reg, spec);
            matrix(&mut out, reg, spec);
        }
        View::Register => {
            filters(&mut out, reg, spec);
            register(&mut out, reg, spec);
        }
        View::People => people(&mut out, reg, spec),
        View::Reviews => reviews(&mut out, reg, spec, viewer),
        View::Found => found(&mut out, reg, viewer, candidates),
    }
    rules_panel(&mut out, reg, viewer);
    out
}

fn tiles(out: &mut String, reg: &Registry, spec: &Spec) {
    let live = reg.accounts.iter().filter(|x| x.account.status != AccountStatus::Archived).count();
    let _ = write!(
        out,
        "<section class=\"tiles risk-tiles\" aria-label=\"Accounts at risk\"><a class=\"tile\" href=\"/governance?view=register\" data-testid=\"risk-tile\" data-risk=\"any\"><span class=\"tile-label\">Accounts at risk</span><span class=\"tile-value\">{} <small>of {live}</small></span><span class=\"tile-note\">not archived; an account can have several risks</span></a>",
        reg.at_risk()
    );
    for (risk, n) in reg.counts() {
        let target = Spec { view: View::Register, risk: Some(risk), ..spec.list() };
        let _ = write!(
            out,
            "<a class=\"tile{}\" href=\"{}\" data-testid=\"risk-tile\" data-risk=\"{}\" title=\"{}\"><span class=\"tile-label\">{} <span class=\"risk risk-{}\">{}</span></span><span class=\"tile-value\">{n}</span><span class=\"tile-note\">{}</span></a>",
            if spec.risk == Some(risk) { " tile-chosen" } else { "" },
            escape(&target.href()),
            risk.token(),
            escape(risk.clears()),
            risk.label(),
            risk.severity().token(),
            risk.severity().label(),
            escape(&risk.rule(&reg.rules)),
        );
    }
    out.push_str("</section>");
}

fn tabs(out: &mut String, spec: &Spec) {
    out.push_str("<nav class=\"tabs\" aria-label=\"Views\">");
    for v in View::ALL {
        let target = Spec { view: v, ..spec.list() };
        let _ = write!(
            out,
            "<a class=\"tab\" href=\"{}\"{} data-testid=\"view-{}\">{}</a>",
            escape(&target.href()),
            if spec.view == v { " aria-current=\"page\"" } else { "" },
            v.token(),
            v.label()
        );
    }
    out.push_str("</nav>");
}

fn option(out: &mut String, href: &str, selected: bool, label: &str) {
    let _ = write!(
        out,
        "<option value=\"{}\"{}>{}</option>",
        escape(href),
        if selected { " selected" } else { "" },
        escape(label)
    );
}

fn filters(out: &mut String, reg: &Registry, spec: &Spec) {
    let base = spec.list();
    out.push_str("<section class=\"filter-bar\" aria-label=\"Filters\"><label class=\"field\">Team<select data-nav data-testid=\"filter-team\">");
    option(out, &Spec { team: None, ..base.clone() }.href(), spec.team.is_none(), "All teams");
    for t in &reg.teams {
        let label = format!("{} ({})", t.name, if t.hub { "hub" } else { "local" });
        let f = Some(TeamFilter::Team(t.id));
        option(out, &Spec { team: f, ..base.clone() }.href(), spec.team == f, &label);
    }
    let none = Some(TeamFilter::NoTeam);
    option(out, &Spec { team: none, ..base.clone() }.href(), spec.team == none, "No team");
    out.push_str("</select></label><label class=\"field\">Status<select data-nav data-testid=\"filter-status\">");
    option(out, &Spec { status: None, ..base.clone() }.href(), spec.status.is_none(), "Any status");
    for s in AccountStatus::ALL {
        option(out, &Spec { status: Some(s), ..base.clone() }.href(), spec.status == Some(s), s.label());
    }
    out.push_str("</select></label><label class=\"field\">Risk<select data-nav data-testid=\"filter-risk\">");
    option(out, &Spec { risk: None, ..base.clone() }.href(), spec.risk.is_none(), "Any or none");
    for r in Risk::ALL {
        option(out, &Spec { risk: Some(r), ..base.clone() }.href(), spec.risk == Some(r), r.label());
    }
    out.push_str("</select></label>");
    if base.market.is_some() || base.platform.is_some() {
        let cell = [base.market.as_deref().map(|m| if m == "HUB" { "Global hub".to_string() } else { m.to_string() }), base.platform.as_deref().map(|p| platform_name(p).to_string())];
        let label: Vec<String> = cell.into_iter().flatten().collect();
        let _ = write!(
            out,
            "<p class=\"chip\" data-testid=\"filter-cell\">{} · <a href=\"{}\">all markets and platforms</a></p>",
            escape(&label.join(" · ")),
            escape(&Spec { market: None, platform: None, ..base.clone() }.href())
        );
    }
    let q = base.query();
    let sep = if q.is_empty() { '?' } else { '&' };
    let _ = write!(
        out,
        "<div class=\"filter-group summary-actions\"><a class=\"button\" href=\"/api/governance.csv{q}{sep}table=matrix\" download rel=\"external\" data-testid=\"matrix-csv\">Matrix CSV</a><a class=\"button\" href=\"/api/governance.csv{q}{sep}table=register\" download rel=\"external\" data-testid=\"register-csv\">Register CSV</a></div></section>",
        q = escape(&q),
    );
}

/// The matrix's rows: the global hub (accounts without a market) first, then every market.
pub fn matrix_rows(reg: &Registry) -> Vec<(Option<&str>, String)> {
    std::iter::once((None, "Global hub".to_string()))
        .chain(reg.markets.iter().map(|(code, name)| (Some(code.as_str()), format!("{name} ({code})"))))
        .collect()
}

/// Accounts a matrix cell lists; the rest are a link to the register of that cell.
pub const CELL_ACCOUNTS: usize = 6;

/// Possibly unofficial accounts listed.
pub const CANDIDATES: i64 = 100;

/// Register rows shown; the CSV holds them all.
pub const REGISTER_ROWS: usize = 500;

fn matrix(out: &mut String, reg: &Registry, spec: &Spec) {
    let mut cells: std::collections::HashMap<(Option<&str>, &str), Vec<&Assessed>> = std::collections::HashMap::new();
    for x in reg.shown(spec) {
        cells.entry((x.account.market.as_deref(), x.account.platform.as_str())).or_default().push(x);
    }
    out.push_str("<section class=\"panel table-panel\"><p class=\"table-caption\">Each cell lists a market's accounts on a platform; an empty cell is a gap (no account there). Flags are the accounts' risks, most severe first.</p><table class=\"data-table gov-matrix\" data-testid=\"matrix\"><thead><tr><th scope=\"col\">Market</th>");
    for (_, name) in PLATFORMS {
        let _ = write!(out, "<th scope=\"col\">{name}</th>");
    }
    out.push_str("</tr></thead><tbody>");
    for (market, label) in matrix_rows(reg) {
        let _ = write!(
            out,
            "<tr data-testid=\"matrix-row\" data-market=\"{}\"><th scope=\"row\">{}</th>",
            market.unwrap_or("hub"),
            escape(&label)
        );
        if spec.market.as_deref().is_some_and(|m| m != market.unwrap_or("HUB")) {
            out.push_str("</tr>");
            continue;
        }
        for (platform, _) in PLATFORMS {
            let here = cells.get(&(market, platform)).map(Vec::as_slice).unwrap_or_default();
            if here.is_empty() {
                let _ = write!(out, "<td class=\"gov-gap\" data-testid=\"matrix-gap\" data-platform=\"{platform}\"><span class=\"sr-only\">No account</span>—</td>");
                continue;
            }
            let _ = write!(out, "<td data-platform=\"{platform}\">");
            for x in here.iter().take(CELL_ACCOUNTS) {
                let a = &x.account;
                let _ = write!(
                    out,
                    "<div class=\"gov-card\" data-testid=\"matrix-account\" data-account=\"{}\">{} {}<div class=\"cell-sub\">{}</div><div class=\"cell-sub\">Owner: {}</div><div class=\"gov-flags\">{}</div></div>",
                    a.id,
                    account_link(a, spec),
                    status_badge(a.status),
                    team_badge(a),
                    person_name(&a.owner),
                    risk_flags(&x.risks, &reg.rules)
                );
            }
            if here.len() > CELL_ACCOUNTS {
                let more = Spec {
                    view: View::Register,
                    market: Some(market.unwrap_or("HUB").to_string()),
                    platform: Some(platform.to_string()),
                    ..spec.list()
                };
                let _ = write!(
                    out,
                    "<a class=\"cell-sub\" href=\"{}\" data-testid=\"matrix-more\">and {} more accounts</a>",
                    escape(&more.href()),
                    here.len() - CELL_ACCOUNTS
                );
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></section>");
}

fn register(out: &mut String, reg: &Registry, spec: &Spec) {
    let rows = reg.register(spec);
    let header = |out: &mut String, key: SortKey, label: &str| {
        let asc = if spec.sort == key { !spec.asc } else { key != SortKey::Severity };
        let target = Spec { sort: key, asc, ..spec.list() };
        let mark = if spec.sort != key {
            ""
        } else if spec.asc == (key != SortKey::Severity) {
            " ▲"
        } else {
            " ▼"
        };
        let _ = write!(
            out,
            "<th scope=\"col\"><a class=\"sort-button\" href=\"{}\" data-testid=\"sort-{}\">{label}{mark}</a></th>",
            escape(&target.href()),
            key.token()
        );
    };
    let _ = write!(
        out,
        "<section class=\"panel table-panel\"><p class=\"table-caption\">{} risks on {} accounts, most severe first unless ordered otherwise.</p><table class=\"data-table\" data-testid=\"register\"><thead><tr>",
        rows.len(),
        rows.iter().map(|(x, _)| x.account.id).collect::<std::collections::HashSet<_>>().len()
    );
    header(out, SortKey::Severity, "Severity");
    out.push_str("<th scope=\"col\">Risk</th>");
    header(out, SortKey::Account, "Account");
    header(out, SortKey::Market, "Market");
    header(out, SortKey::Team, "Team");
    header(out, SortKey::Owner, "Owner");
    out.push_str("<th scope=\"col\">What clears it</th></tr></thead><tbody>");
    for (x, risk) in rows.iter().take(REGISTER_ROWS) {
        let a = &x.account;
        let _ = write!(
            out,
            "<tr data-testid=\"register-row\" data-account=\"{}\" data-risk=\"{}\"><td><span class=\"risk risk-{}\">{}</span></td><td><div class=\"cell-main\">{}</div><div class=\"cell-sub\">{}</div></td><td>{} <span class=\"cell-sub\">{}</span></td><td>{}</td><td>{}</td><td>{}</td><td class=\"cell-sub\">{}</td></tr>",
            a.id,
            risk.token(),
            risk.severity().token(),
            risk.severity().label(),
            risk.label(),
            escape(&risk.rule(&reg.rules)),
            account_link(a, spec),
            platform_name(&a.platform),
            escape(a.market.as_deref().unwrap_or("Global")),
            team_badge(a),
            person_name(&a.owner),
            escape(risk.clears())
        );
    }
    if rows.is_empty() {
        out.push_str("<tr><td colspan=\"7\" class=\"cell-empty\">No risk among the accounts these filters show.</td></tr>");
    } else if rows.len() > REGISTER_ROWS {
        let _ = write!(
            out,
            "<tr><td colspan=\"7\" class=\"cell-empty\">The first {REGISTER_ROWS} of {} risks: narrow them with the filters, or download the register CSV for all.</td></tr>",
            rows.len()
        );
    }
    out.push_str("</tbody></table></section>");
}

fn people(out: &mut String, reg: &Registry, spec: &Spec) {
    out.push_str("<section class=\"panel table-panel\"><p class=\"table-caption\">Everyone who can own, back up or keep the credentials of an account. <strong>Hand over</strong> marks a person as left and gives their duties to others in one step; until it is done, their accounts show as at risk.</p><table class=\"data-table\" data-testid=\"people\"><thead><tr><th scope=\"col\">Person</th><th scope=\"col\">Team</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"cell-number\">Owns</th><th scope=\"col\" class=\"cell-number\">Backs up</th><th scope=\"col\" class=\"cell-number\">Keeps credentials</th><th scope=\"col\"></th></tr></thead><tbody>");
    let counts = reg.duty_counts();
    for p in &reg.people {
        let c = counts.get(&p.id).copied().unwrap_or_default();
        let n = |d: Duty| c[d as usize];
        let status = match p.left_on {
            Some(day) => format!("<span class=\"cell-warn\">left on {}</span>", format::day_long(day)),
            None => "with the company".into(),
        };
        let action = if c.iter().sum::<usize>() == 0 {
            String::new()
        } else {
            let q = spec.list().query();
            let sep = if q.is_empty() { '?' } else { '&' };
            format!(
                "<a class=\"button button-small\" href=\"/governance{}{sep}handover={}\" data-testid=\"handover-link\">Hand over</a>",
                escape(&q),
                p.id
            )
        };
        let _ = write!(
            out,
            "<tr data-testid=\"person-row\" data-person=\"{}\"><td><div class=\"cell-main\">{}</div><div class=\"cell-sub\">{}</div></td><td>{}</td><td>{status}</td><td class=\"cell-number\">{}</td><td class=\"cell-number\">{}</td><td class=\"cell-number\">{}</td><td>{action}</td></tr>",
            p.id,
            escape(&p.name),
            escape(&p.email),
            escape(&p.team),
            n(Duty::Owner),
            n(Duty::Backup),
            n(Duty::Custodian)
        );
    }
    if reg.people.is_empty() {
        out.push_str("<tr><td colspan=\"7\" class=\"cell-empty\">No people yet: add them on the Setup page.</td></tr>");
    }
    out.push_str("</tbody></table></section>");
}

/// `<meter>` and its reading: `12 of 20 (60 %)`.
fn progress(done: usize, of: usize) -> String {
    let share = if of > 0 { format!(" ({:.0} %)", done as f64 / of as f64 * 100.0) } else { String::new() };
    format!("<meter min=\"0\" max=\"{}\" value=\"{done}\"></meter> {done} of {of}{share}", of.max(1))
}

fn reviews(out: &mut String, reg: &Registry, spec: &Spec, viewer: &Viewer) {
    let manages = viewer.edits && viewer.team.is_none();
    match reg.round_progress() {
        None => out.push_str("<section class=\"state state-empty\" data-testid=\"no-round\"><h2>No access review yet</h2><p class=\"state-detail\">A review round asks each account's owner, or their team lead, to confirm its owner, backup owner, credential custodian and status. Managers and admins open one below (quarterly by default).</p></section>"),
        Some((round, mut teams)) => {
            // a team lead sees their own team first
            if let Some(Some(mine)) = viewer.team {
                teams.sort_by_key(|t| t.team.map(|t| t.id) != Some(mine));
            }
            let confirmed: usize = teams.iter().map(|t| t.confirmed).sum();
            let total: usize = teams.iter().map(|t| t.accounts).sum();
            let days = (round.due_on - reg.today).num_days();
            let due = match days {
                d if d < 0 => format!("<span class=\"cell-warn\">overdue by {} days</span>", -d),
                0 => "due today".into(),
                d => format!("{d} days left"),
            };
            let _ = write!(
                out,
                "<section class=\"panel gov-round\" data-testid=\"round\"><div class=\"panel-header\"><h2 class=\"panel-title\">{}</h2><p class=\"panel-caption\">Opened {} by {}, due {} ({due}). Each account's owner, or their team lead, confirms its record on the account's page (Confirm and save); past the due day, an account not confirmed is overdue in the register.</p></div><p class=\"gov-progress\" data-testid=\"round-progress\">{} accounts confirmed</p><table class=\"data-table\" data-testid=\"round-teams\"><thead><tr><th scope=\"col\">Team</th><th scope=\"col\">Asked</th><th scope=\"col\">Confirmed</th><th scope=\"col\">Still to confirm</th></tr></thead><tbody>",
                escape(&round.name),
                format::day_long(round.opened_on),
                escape(&round.opened_by),
                format::day_long(round.due_on),
                progress(confirmed, total)
            );
            for t in &teams {
                let (name, asked) = match t.team {
                    Some(team) => {
                        let leads: Vec<&str> =
                            reg.leads.iter().filter(|(id, _)| *id == team.id).map(|(_, n)| n.as_str()).collect();
                        let asked = if leads.is_empty() {
                            "the owners (no team lead)".to_string()
                        } else {
                            format!("the owners, or team lead {}", leads.join(", "))
                        };
                        (format!("{} <span class=\"team-kind\">{}</span>", escape(&team.name), if team.hub { "Hub" } else { "Local" }), asked)
                    }
                    None => ("<span class=\"cell-warn\">no team</span>".to_string(), "managers (no owning team)".to_string()),
                };
                let mut pending = String::new();
                for x in t.pending.iter().take(20) {
                    let owner = x.account.owner.as_ref().map_or("nobody".to_string(), |p| p.name.clone());
                    let _ = write!(
                        pending,
                        "<span class=\"gov-pending\">{} <span class=\"cell-sub\">{} · {}</span></span>",
                        account_link(&x.account, spec),
                        platform_name(&x.account.platform),
                        escape(&owner)
                    );
                }
                if t.pending.len() > 20 {
                    let _ = write!(pending, "<span class=\"cell-sub\">and {} more</span>", t.pending.len() - 20);
                }
                if t.pending.is_empty() {
                    pending.push_str("<span class=\"cell-sub\">all confirmed</span>");
                }
                let _ = write!(
                    out,
                    "<tr data-testid=\"round-team\" data-team=\"{}\"><td>{name}</td><td class=\"cell-sub\">{}</td><td class=\"cell-nowrap\" data-testid=\"round-team-progress\">{}</td><td>{pending}</td></tr>",
                    t.team.map_or("none".to_string(), |t| t.id.to_string()),
                    escape(&asked),
                    progress(t.confirmed, t.accounts)
                );
            }
            out.push_str("</tbody></table></section>");
        }
    }
    if manages {
        let (name, due) = reg.default_round();
        let _ = write!(
            out,
            "<section class=\"panel\"><h2 class=\"panel-title\">Open a review round</h2><p class=\"panel-caption\">It covers every account that is neither archived nor unofficial ({} now) and replaces the current round.</p><form data-act=\"round\" novalidate class=\"inline-form gov-form\"><label class=\"field\">Name<input name=\"name\" maxlength=\"80\" value=\"{}\" data-testid=\"round-name\"></label><label class=\"field\">Due on<input type=\"date\" name=\"due_on\" value=\"{due}\" data-testid=\"round-due\"></label><button class=\"button button-primary\" type=\"submit\" data-testid=\"round-open\">Open the round</button></form></section>",
            reg.in_scope().count(),
            escape(&name)
        );
    }
    if reg.rounds.len() > 1 {
        out.push_str("<section class=\"panel table-panel\"><p class=\"table-caption\">Earlier rounds: accounts reviewed from each round's opening to the next's.</p><table class=\"data-table\" data-testid=\"past-rounds\"><thead><tr><th scope=\"col\">Round</th><th scope=\"col\">Opened</th><th scope=\"col\">Due</th><th scope=\"col\">Confirmed</th></tr></thead><tbody>");
        for r in reg.rounds.iter().skip(1) {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&r.name),
                format::day_long(r.opened_on),
                format::day_long(r.due_on),
                progress(r.confirmed.max(0) as usize, r.accounts.max(0) as usize)
            );
        }
        out.push_str("</tbody></table></section>");
    }
}

fn found(out: &mut String, reg: &Registry, viewer: &Viewer, candidates: &[Candidate]) {
    let manages = viewer.edits && viewer.team.is_none();
    let brand = reg.accounts.first().map_or("the brand", |x| x.account.brand.as_str());
    let _ = write!(
        out,
        "<section class=\"panel table-panel\"><p class=\"table-caption\">Authors of {}'s earned mentions whose handle holds one of its keywords and who are no registered account: possibly unofficial accounts speaking for the brand. Register one as unofficial (to take over or to have taken down), or dismiss it; a dismissal is remembered.</p><table class=\"data-table\" data-testid=\"found\"><thead><tr><th scope=\"col\">Account</th><th scope=\"col\" class=\"cell-number\">Followers</th><th scope=\"col\" class=\"cell-number\">Mentions</th><th scope=\"col\">Last seen</th><th scope=\"col\"></th></tr></thead><tbody>",
        escape(brand)
    );
    for c in candidates {
        let actions = if manages {
            let hidden = format!(
                "<input type=\"hidden\" name=\"platform\" value=\"{}\"><input type=\"hidden\" name=\"handle\" value=\"{}\">",
                escape(&c.platform),
                escape(&c.handle)
            );
            format!(
                "<form data-act=\"register\" class=\"gov-inline\">{hidden}<input type=\"hidden\" name=\"reason\" value=\"Found in the mentions\"><button class=\"button button-small\" type=\"submit\" data-testid=\"found-register\">Register as unofficial</button></form><form data-act=\"dismiss\" class=\"gov-inline\">{hidden}<button class=\"button button-small button-quiet\" type=\"submit\" data-testid=\"found-dismiss\">Dismiss</button></form>"
            )
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<tr data-testid=\"found-row\" data-handle=\"{}\"><td><div class=\"cell-main\">@{}</div><div class=\"cell-sub\">{}</div></td><td class=\"cell-number\">{}</td><td class=\"cell-number\">{}</td><td>{}</td><td class=\"cell-actions\">{actions}</td></tr>",
            escape(&c.handle),
            escape(&c.handle),
            platform_name(&c.platform),
            format::thousands(c.followers),
            format::thousands(c.mentions),
            format::day_long(c.last_seen)
        );
    }
    if candidates.is_empty() {
        out.push_str("<tr><td colspan=\"5\" class=\"cell-empty\">None: no author of the brand's mentions carries its keywords without being a registered account.</td></tr>");
    }
    out.push_str("</tbody></table></section>");
}

/// `<option>`s of the people with the company (`chosen` selected), first `none`.
fn people_options(reg: &Registry, chosen: Option<i64>, except: Option<i64>, none: &str) -> String {
    let mut out = format!("<option value=\"\">{}</option>", escape(none));
    for p in reg.people.iter().filter(|p| !p.left() && Some(p.id) != except) {
        let _ = write!(
            out,
            "<option value=\"{}\"{}>{} ({})</option>",
            p.id,
            if chosen == Some(p.id) { " selected" } else { "" },
            escape(&p.name),
            escape(&p.team)
        );
    }
    // someone who left stays selectable where they still hold the duty
    if let Some(p) = chosen.and_then(|id| reg.person(id)).filter(|p| p.left()) {
        let _ = write!(out, "<option value=\"{}\" selected>{} (left)</option>", p.id, escape(&p.name));
    }
    out
}

fn handover_form(out: &mut String, reg: &Registry, p: &PersonRef, spec: &Spec, viewer: &Viewer) {
    let back = Spec { view: View::People, ..spec.list() };
    let duties = reg.duties(p.id);
    let _ = write!(
        out,
        "<p><a href=\"{}\">← People and handovers</a></p><section class=\"panel form-panel\" data-testid=\"handover\"><div class=\"panel-header\"><h2 class=\"panel-title\">Hand over {}'s duties</h2><p class=\"panel-caption\">{} · {}. Marks them as left on the day given and moves each duty to the person chosen, all in one step, each change recorded in the account's history with the reason. A duty left with them keeps its account at risk.</p></div>",
        escape(&back.href()),
        escape(&p.name),
        escape(&p.email),
        escape(&p.team)
    );
    if duties.is_empty() {
        out.push_str("<p class=\"cell-sub\">They own, back up and keep the credentials of no account.</p></section>");
        return;
    }
    let allowed = viewer.edits && duties.iter().all(|(x, _)| viewer.may_edit(&x.account));
    if !allowed {
        out.push_str("<p class=\"notice\">You can read this, but handing these duties over needs a manager or an admin (a team lead: when every account is their team's).</p>");
    }
    let left = p.left_on.unwrap_or(reg.today);
    let _ = write!(
        out,
        "<form data-act=\"handover\" novalidate class=\"gov-form\" data-confirm=\"Mark {} as left and hand over the chosen duties?\"><input type=\"hidden\" name=\"person\" value=\"{}\"><div class=\"inline-form\"><label class=\"field\">Left on<input type=\"date\" name=\"left_on\" value=\"{left}\" required{}></label><label class=\"field field-reason\">Reason<input name=\"reason\" maxlength=\"500\" required placeholder=\"e.g. Left the company on 30 Nov\" data-testid=\"handover-reason\"></label></div><table class=\"data-table\"><thead><tr><th scope=\"col\">Account</th><th scope=\"col\">Duty</th><th scope=\"col\">Hand over to</th></tr></thead><tbody>",
        escape(&p.name),
        p.id,
        if p.left_on.is_some() { " readonly" } else { "" }
    );
    for (x, duty) in &duties {
        let a = &x.account;
        // a sensible first choice: the backup takes over as owner
        let suggested = match duty {
            Duty::Owner => a.backup.as_ref().filter(|b| !b.left() && b.id != p.id).map(|b| b.id),
            _ => None,
        };
        let _ = write!(
            out,
            "<tr data-testid=\"handover-duty\" data-account=\"{}\" data-duty=\"{}\"><td>{} <span class=\"cell-sub\">{} · {}</span></td><td>{}</td><td><select name=\"{}.{}\" aria-label=\"{} of @{}\">{}</select></td></tr>",
            a.id,
            duty.token(),
            account_link(a, spec),
            platform_name(&a.platform),
            escape(a.market.as_deref().unwrap_or("Global")),
            duty.label(),
            a.id,
            duty.token(),
            duty.label(),
            escape(&a.handle),
            people_options(reg, suggested, Some(p.id), "Keep with them for now (at risk)")
        );
    }
    let _ = write!(
        out,
        "</tbody></table><button class=\"button button-primary\" type=\"submit\" data-testid=\"handover-save\"{}>Mark as left and hand over</button></form></section>",
        if allowed { "" } else { " disabled" }
    );
}

#[allow(clippy::too_many_arguments)]
fn account_page(
    out: &mut String,
    reg: &Registry,
    x: &Assessed,
    spec: &Spec,
    viewer: &Viewer,
    history: &[AccountEvent],
    posts: &[PostDay],
) {
    let a = &x.account;
    let _ = write!(
        out,
        "<p><a href=\"{}\">← All accounts</a></p><section class=\"panel gov-account\" data-testid=\"account\" data-account=\"{}\"><div class=\"panel-header\"><h2 class=\"panel-title\">{} @{} {}</h2><p class=\"panel-caption\">{} · {} · {} · {} followers · created {} · last reviewed {} · last post {}</p></div>",
        escape(&spec.list().href()),
        a.id,
        platform_name(&a.platform),
        escape(&a.handle),
        status_badge(a.status),
        escape(&a.brand),
        escape(a.market.as_deref().unwrap_or("Global")),
        team_badge(a),
        format::thousands(a.followers),
        format::day_long(a.created_on),
        a.last_reviewed_on.map_or("never".into(), format::day_long),
        a.last_post_on.map_or("none imported".into(), format::day_long),
    );
    // risks and what clears each
    out.push_str("<h3 class=\"gov-h3\">Risks</h3>");
    if x.risks.is_empty() {
        out.push_str("<p class=\"cell-sub\" data-testid=\"no-risk\">None under the current rules.</p>");
    } else {
        out.push_str("<ul class=\"gov-risks\">");
        for r in &x.risks {
            let _ = write!(
                out,
                "<li data-testid=\"account-risk\" data-risk=\"{}\"><span class=\"risk risk-{}\">{}</span> <strong>{}</strong>: {} <em>{}</em></li>",
                r.token(),
                r.severity().token(),
                r.severity().label(),
                r.label(),
                escape(&r.rule(&reg.rules)),
                escape(r.clears())
            );
        }
        out.push_str("</ul>");
    }
    // the record, as a form for those who may change it
    let editable = viewer.may_edit(a);
    let disabled = if editable { "" } else { " disabled" };
    let person_select = |name: &str, label: &str, chosen: &Option<PersonRef>| {
        format!(
            "<label class=\"field\">{label}<select name=\"{name}\"{disabled}>{}</select></label>",
            people_options(reg, chosen.as_ref().map(|p| p.id), None, "Nobody")
        )
    };
    let mut statuses = String::new();
    for s in AccountStatus::ALL {
        let _ = write!(
            statuses,
            "<option value=\"{}\"{}>{}</option>",
            s.token(),
            if s == a.status { " selected" } else { "" },
            s.label()
        );
    }
    let _ = write!(
        out,
        "<h3 class=\"gov-h3\">Record</h3><form data-act=\"update\" novalidate class=\"gov-form\" data-testid=\"account-form\"><input type=\"hidden\" name=\"account\" value=\"{}\"><div class=\"inline-form\">{}{}{}<label class=\"field\">Status<select name=\"status\"{disabled}>{statuses}</select></label><label class=\"field field-reason\">Reason (kept in the history)<input name=\"reason\" maxlength=\"500\"{disabled}></label><button class=\"button button-primary\" type=\"submit\" data-testid=\"account-save\"{disabled}>Confirm and save</button></div><p class=\"cell-sub\">{}</p></form>",
        a.id,
        person_select("owner", "Owner", &a.owner),
        person_select("backup", "Backup owner", &a.backup),
        person_select("custodian", "Credential custodian", &a.custodian),
        if editable {
            "Saving records a review today, whether or not anything changed."
        } else if viewer.edits {
            "This account belongs to another team: team leads change only their own team's accounts."
        } else {
            "Read only: managers, admins and the owning team's lead change this record."
        }
    );
    // posts per week
    posts_table(out, reg, posts);
    // history
    out.push_str("<h3 class=\"gov-h3\">History</h3><table class=\"data-table\" data-testid=\"history\"><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">What</th><th scope=\"col\">From</th><th scope=\"col\">To</th><th scope=\"col\">Why</th></tr></thead><tbody>");
    for e in history {
        let who = |v: &Option<String>| match (e.kind.as_str(), v) {
            ("owner" | "backup_owner" | "custodian", Some(v)) => escape(&person_label(&reg.people, v)),
            (_, Some(v)) => escape(v),
            (_, None) => "—".into(),
        };
        let what = match e.kind.as_str() {
            "created" => "Created",
            "owner" => "Owner",
            "backup_owner" => "Backup owner",
            "custodian" => "Credential custodian",
            "team" => "Team",
            "status" => "Status",
            "reviewed" => "Reviewed",
            other => other,
        };
        let _ = write!(
            out,
            "<tr data-testid=\"history-row\" data-kind=\"{}\"><td class=\"cell-nowrap\">{}</td><td>{}</td><td>{what}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&e.kind),
            format::timestamp(e.at),
            escape(&e.actor),
            who(&e.from),
            who(&e.to),
            escape(&e.reason)
        );
    }
    if history.is_empty() {
        out.push_str("<tr><td colspan=\"6\" class=\"cell-empty\">No recorded change.</td></tr>");
    }
    out.push_str("</tbody></table></section>");
}

/// Weeks of posts shown on an account's page.
pub const POST_WEEKS: u64 = 12;

fn posts_table(out: &mut String, reg: &Registry, posts: &[PostDay]) {
    use chrono::Datelike;
    let start = reg.today - chrono::Days::new(u64::from(reg.today.weekday().num_days_from_monday()) + 7 * (POST_WEEKS - 1));
    // (week start, posts, impressions, engagements), summed once for the chart and the table
    let weeks: Vec<(chrono::NaiveDate, i64, i64, i64)> = (0..POST_WEEKS)
        .map(|w| {
            let from = start + chrono::Days::new(7 * w);
            let to = from + chrono::Days::new(6);
            let (n, i, e) = posts
                .iter()
                .filter(|p| p.day >= from && p.day <= to)
                .fold((0, 0, 0), |(n, i, e), p| (n + p.posts, i + p.impressions, e + p.engagements));
            (from, n, i, e)
        })
        .collect();
    let chart = {
        let series = vec![charts_rs::Series {
            name: "Engagements".into(),
            data: weeks.iter().map(|w| Some(w.3 as f32)).collect(),
            ..Default::default()
        }];
        let x: Vec<String> = weeks.iter().map(|w| format::day_short(w.0)).collect();
        let mut c = charts_rs::BarChart::new_with_theme(series, x, "light");
        crate::svg_chart::style(&mut c.base, &mut c.y_axis_configs, &[crate::svg_chart::PALETTE[0]], 720.0, 170.0);
        c.svg().map(|svg| crate::markup::without_inline_styles(&svg))
    };
    let _ = write!(
        out,
        "<h3 class=\"gov-h3\">Owned posts, last {POST_WEEKS} weeks</h3><figure class=\"gov-chart\" data-testid=\"posts-chart\"><figcaption class=\"cell-sub\">Engagements per week (Monday start)</figcaption>{}</figure><table class=\"data-table gov-posts\" data-testid=\"posts\"><thead><tr><th scope=\"col\">Week of</th><th scope=\"col\" class=\"cell-number\">Posts</th><th scope=\"col\" class=\"cell-number\">Impressions</th><th scope=\"col\" class=\"cell-number\">Engagements</th><th scope=\"col\" class=\"cell-number\">Engagement rate (impressions)</th></tr></thead><tbody>",
        match chart {
            Ok(svg) => svg,
            Err(e) => format!("<p class=\"cell-sub\">The chart could not be drawn: {}</p>", escape(&e.to_string())),
        }
    );
    for &(from, n, imp, eng) in &weeks {
        let rate = if imp > 0 { format::percent(eng as f64 / imp as f64 * 100.0) } else { "—".into() };
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"cell-number\">{}</td><td class=\"cell-number\">{}</td><td class=\"cell-number\">{}</td><td class=\"cell-number\">{rate}</td></tr>",
            format::day_long(from),
            format::thousands(n),
            format::thousands(imp),
            format::thousands(eng)
        );
    }
    out.push_str("</tbody></table><p class=\"cell-sub\">Engagements: reactions + comments + shares + saves + clicks of the account's imported posts; rate = engagements ÷ impressions.</p>");
}

fn rules_panel(out: &mut String, reg: &Registry, viewer: &Viewer) {
    let r = reg.rules;
    let _ = write!(
        out,
        "<details class=\"panel gov-rules\" data-testid=\"rules\"><summary class=\"panel-title\">Risk rules</summary><ul>{}</ul>",
        Risk::ALL
            .iter()
            .map(|k| format!("<li><strong>{}</strong> ({}): {} {}</li>", k.label(), k.severity().label().to_lowercase(), escape(&k.rule(&r)), escape(k.clears())))
            .collect::<String>()
    );
    out.push_str("<p class=\"cell-sub\">Archived accounts have no risks; an unofficial account has only that one until it is taken over.</p>");
    if viewer.sets_rules {
        let _ = write!(
            out,
            "<form data-act=\"rules\" novalidate class=\"inline-form\"><label class=\"field\">Dormant after (days)<input type=\"number\" name=\"dormant_days\" min=\"{lo}\" max=\"{hi}\" value=\"{}\" data-testid=\"rules-dormant\"></label><label class=\"field\">Review every (days)<input type=\"number\" name=\"review_days\" min=\"{lo}\" max=\"{hi}\" value=\"{}\" data-testid=\"rules-review\"></label><button class=\"button\" type=\"submit\" data-testid=\"rules-save\">Save rules</button></form>",
            r.dormant_days,
            r.review_days,
            lo = RULE_DAYS.start(),
            hi = RULE_DAYS.end()
        );
    }
    out.push_str("</details>");
}
