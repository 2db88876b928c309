//! The summary page's controls, rendered on the server with the report: the period kinds as
//! links, the period and comparison drop-downs (each option's value is the page address it
//! leads to), print, PDF and CSV, for those who may share the share form and the list of
//! links, and for admins the targets form. The client only wires the events (`page.rs`): links are followed by the router, a
//! drop-down navigates to its value, buttons carry a `data-action`.

use std::fmt::Write;

use chrono::NaiveDate;

use super::html::escape;
use super::report::Headline;
use super::targets;
use super::share::{list_html, ShareLink};
use super::types::{period_choices, PeriodKind, ReportSpec, SHARE_DEFAULT_DAYS, SHARE_MAX_DAYS};
use crate::kpi::Unit;
use crate::model::Comparison;

fn href(s: &ReportSpec) -> String {
    escape(&format!("/summary{}", s.to_query_string()))
}

/// What the caller may do beyond reading: share (their links), set targets (those set, and the
/// report's currency).
pub struct Controls<'a> {
    pub shares: Option<&'a [ShareLink]>,
    pub targets: Option<(&'a [(String, f64)], &'a str)>,
}

impl Controls<'_> {
    /// The controls for `spec` as of `today`.
    pub fn render(&self, spec: &ReportSpec, range: Option<(NaiveDate, NaiveDate)>, today: NaiveDate) -> String {
        let mut out = period_bar(spec, range, today);
        if let Some(links) = self.shares {
            share_panel(&mut out, links);
        }
        if let Some((set, currency)) = self.targets {
            targets_panel(&mut out, set, currency);
        }
        out
    }
}

/// The admins' form for the headline targets (`targets.rs`); the page sends the fields named
/// in the button's `data-targets`.
fn targets_panel(out: &mut String, set: &[(String, f64)], currency: &str) {
    out.push_str("<details class=\"panel targets-panel\" data-testid=\"targets-panel\"><summary>Targets</summary><div class=\"targets-form\">");
    let mut tokens = Vec::new();
    for h in Headline::ALL {
        let value = set.iter().find(|(t, _)| t == h.token()).map(|(_, v)| format!("{v}")).unwrap_or_default();
        let unit = match h.unit() {
            Unit::Score => "target in points, −100 to +100".to_string(),
            Unit::Percent => "target in %".to_string(),
            Unit::Count => "target per calendar year".to_string(),
            Unit::Money if h == Headline::Spend => format!("budget in {currency} per calendar year"),
            Unit::Money => format!("target in {currency} per calendar year"),
        };
        let _ = write!(
            out,
            "<label class=\"field\">{} <small>({})</small><input type=\"text\" inputmode=\"decimal\" id=\"target-{t}\" data-testid=\"target-input-{t}\" value=\"{}\" placeholder=\"no {}\"></label>",
            escape(h.label()),
            escape(&unit),
            escape(&value),
            targets::noun(h).to_lowercase(),
            t = h.token(),
        );
        tokens.push(h.token());
    }
    let _ = write!(
        out,
        "</div><p class=\"report-note\">A rate's target is the level to reach in any period. An amount's target is for a calendar year, and a period's target is its days' share of it. Spend's target is a budget. Leave a field empty for no target. Changes are recorded in the audit log.</p>\
         <button class=\"button button-primary\" type=\"button\" data-action=\"targets-save\" data-targets=\"{}\" data-testid=\"targets-save\">Save targets</button></details>",
        tokens.join(",")
    );
}

fn share_panel(out: &mut String, links: &[ShareLink]) {
    let _ = write!(
        out,
        "<details class=\"panel share-panel\" data-testid=\"share-panel\"><summary>Share a read-only link</summary><div class=\"share-controls\">\
         <label class=\"check\"><input type=\"checkbox\" id=\"share-rolling\" data-testid=\"share-rolling\"> Always the latest period (rolling)</label>\
         <label class=\"field\">Valid for (days, at most {SHARE_MAX_DAYS})<input type=\"number\" id=\"share-days\" data-testid=\"share-days\" min=\"1\" max=\"{SHARE_MAX_DAYS}\" value=\"{SHARE_DEFAULT_DAYS}\"></label>\
         <label class=\"field\">Password (optional, 8+ characters)<input type=\"password\" id=\"share-password\" data-testid=\"share-password\" autocomplete=\"new-password\"></label>\
         <button class=\"button button-primary\" type=\"button\" data-action=\"share-create\" data-testid=\"share-create\">Create link</button></div>\
         <p class=\"report-note\">Whoever has the link sees this summary and nothing else, until it expires or you revoke it; each opening is recorded.</p>{}</details>",
        list_html(links)
    );
}

/// The period kinds, the period and comparison drop-downs, print and the downloads.
fn period_bar(spec: &ReportSpec, range: Option<(NaiveDate, NaiveDate)>, today: NaiveDate) -> String {
    let mut out = String::from("<section class=\"filter-bar summary-controls\" aria-label=\"Report period\"><div class=\"filter-group\" role=\"group\" aria-label=\"Period\">");
    for kind in PeriodKind::ALL {
        let (from, to) = match (kind, range) {
            // a custom range starts as the range on screen
            (PeriodKind::Custom, Some((f, t))) if spec.kind != PeriodKind::Custom => (Some(f), Some(t)),
            (PeriodKind::Custom, _) => (spec.from, spec.to),
            _ => (None, None),
        };
        let target = ReportSpec { kind, of: None, from, to, comparison: spec.comparison };
        let _ = write!(
            out,
            "<a class=\"segment\" href=\"{}\" aria-current=\"{}\" data-testid=\"period-{}\">{}</a>",
            href(&target),
            spec.kind == kind,
            kind.token(),
            kind.label()
        );
    }
    out.push_str("</div>");
    if spec.kind == PeriodKind::Custom {
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let _ = write!(
            out,
            "<label class=\"field\">From<input type=\"date\" id=\"summary-from\" data-testid=\"summary-from\" data-range value=\"{}\"></label>\
             <label class=\"field\">To<input type=\"date\" id=\"summary-to\" data-testid=\"summary-to\" data-range value=\"{}\"></label>",
            day(spec.from),
            day(spec.to)
        );
    } else {
        let latest = if spec.kind == PeriodKind::YearToDate { "This year" } else { "Last full one" };
        let _ = write!(
            out,
            "<label class=\"field\">Which<select data-testid=\"summary-of\" data-nav><option value=\"{}\"{}>{latest}</option>",
            href(&ReportSpec { of: None, ..spec.clone() }),
            if spec.of.is_none() { " selected" } else { "" }
        );
        for c in period_choices(spec.kind, today) {
            let selected = spec.of.as_deref() == Some(c.of.as_str());
            let _ = write!(
                out,
                "<option value=\"{}\"{}>{}</option>",
                href(&ReportSpec { of: Some(c.of.clone()), ..spec.clone() }),
                if selected { " selected" } else { "" },
                escape(&c.label)
            );
        }
        out.push_str("</select></label>");
    }
    out.push_str("<label class=\"field\">Compared with<select data-testid=\"summary-compare\" data-nav>");
    for c in Comparison::ALL {
        let _ = write!(
            out,
            "<option value=\"{}\"{}>{}</option>",
            href(&ReportSpec { comparison: c, ..spec.clone() }),
            if spec.comparison == c { " selected" } else { "" },
            c.label()
        );
    }
    let q = escape(&spec.to_query_string());
    let _ = write!(
        out,
        "</select></label><div class=\"filter-group summary-actions\">\
         <button class=\"button\" type=\"button\" data-action=\"print\" data-testid=\"summary-print\">Print</button>\
         <a class=\"button\" href=\"/api/summary.pdf{q}\" download rel=\"external\" data-testid=\"summary-pdf\">PDF</a>\
         <a class=\"button\" href=\"/api/summary.csv{q}\" download rel=\"external\" data-testid=\"summary-csv\">CSV</a></div></section>"
    );
    out
}
