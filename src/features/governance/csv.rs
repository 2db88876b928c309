//! The governance CSVs: the risk register (one row per account and risk) and the matrix (one
//! row per market and platform, gaps included), of the accounts the filters show.

use super::html::matrix_rows;
use super::service::Registry;
use super::spec::Spec;
use crate::accounts::PLATFORMS;
use crate::format::csv_line;

pub fn register(reg: &Registry, spec: &Spec) -> String {
    let mut out = csv_line([
        "severity", "risk", "platform", "handle", "market", "team", "team_kind", "owner", "status", "rule", "clears",
    ]);
    for (x, risk) in reg.register(spec) {
        let a = &x.account;
        let kind = match (&a.team, a.team_hub) {
            (None, _) => "",
            (Some(_), true) => "hub",
            (Some(_), false) => "local",
        };
        out.push_str(&csv_line([
            risk.severity().token(),
            risk.token(),
            a.platform.as_str(),
            a.handle.as_str(),
            a.market.as_deref().unwrap_or(""),
            a.team.as_deref().unwrap_or(""),
            kind,
            a.owner.as_ref().map_or("", |p| p.email.as_str()),
            a.status.token(),
            risk.rule(&reg.rules).as_str(),
            risk.clears(),
        ]));
    }
    out
}

pub fn matrix(reg: &Registry, spec: &Spec) -> String {
    let shown = reg.shown(spec);
    let mut out = csv_line(["market", "platform", "accounts", "handles", "at_risk", "risks"]);
    for (market, label) in matrix_rows(reg) {
        for (platform, _) in PLATFORMS {
            let here: Vec<_> = shown
                .iter()
                .filter(|x| x.account.platform == platform && x.account.market.as_deref() == market)
                .collect();
            let handles: Vec<&str> = here.iter().map(|x| x.account.handle.as_str()).collect();
            let risks: Vec<String> = here
                .iter()
                .filter(|x| !x.risks.is_empty())
                .map(|x| {
                    let r: Vec<&str> = x.risks.iter().map(|r| r.token()).collect();
                    format!("{}: {}", x.account.handle, r.join(" "))
                })
                .collect();
            out.push_str(&csv_line([
                market.map_or(label.as_str(), |m| m),
                platform,
                here.len().to_string().as_str(),
                handles.join(" ").as_str(),
                risks.len().to_string().as_str(),
                risks.join("; ").as_str(),
            ]));
        }
    }
    out
}
