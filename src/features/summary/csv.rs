//! The summary's figures as CSV: one row per figure, unrounded, with its section and unit, so a
//! spreadsheet can recompute what the page rounds.

use super::narrative::narrative;
use super::report::Report;
use crate::kpi::Unit;

fn unit(u: Unit, currency: &str) -> String {
    match u {
        Unit::Count => "count".into(),
        Unit::Percent => "%".into(),
        Unit::Score => "points".into(),
        Unit::Money => currency.into(),
    }
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| format!("{v:.4}").trim_end_matches('0').trim_end_matches('.').to_string())
}

/// A name as a cell: one a spreadsheet would read as a formula (`=`, `+`, `-`, `@`) is quoted
/// with a leading apostrophe.
fn text(s: &str) -> String {
    crate::format::csv_safe(s).into_owned()
}

/// The CSV text of `r`.
pub fn render(r: &Report) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["section", "item", "value", "previous", "unit", "period", "compared with"])?;
    let (period, compared) = (r.range, r.comparison_range);
    let (p, c) = (format!("{} to {}", period.from, period.to), format!("{} to {}", compared.from, compared.to));
    let mut row = |section: &str, item: &str, value: String, previous: String, u: String| {
        w.write_record([section, &text(item), &value, &previous, &u, &p, &c])
    };
    for t in &r.tiles {
        row("headline", t.headline.label(), num(t.value), num(t.previous), unit(t.headline.unit(), &r.currency))?;
    }
    // where an admin set one: the period's target, and the value as % of it (amounts) or its
    // distance from it (rates)
    for t in &r.tiles {
        let Some(p) = t.progress else { continue };
        let u = unit(t.headline.unit(), &r.currency);
        row("target for the period", t.headline.label(), num(Some(p.target)), String::new(), u.clone())?;
        match (p.percent, p.gap) {
            (Some(v), _) => row("progress to target", t.headline.label(), num(Some(v)), String::new(), "% of target".into())?,
            (_, Some(v)) => row("distance to target", t.headline.label(), num(Some(v)), String::new(), u)?,
            _ => {}
        }
    }
    for (day, v) in &r.sentiment_trend {
        row("net sentiment trend", &day.to_string(), num(*v), String::new(), "points".into())?;
    }
    for v in &r.voices {
        row("share of voice", &v.name, num(v.share), String::new(), "%".into())?;
        row("mentions", &v.name, v.mentions.to_string(), String::new(), "count".into())?;
    }
    for c in &r.campaigns {
        row("campaign spend", &c.name, num(Some(c.spend)), String::new(), r.currency.clone())?;
        row("campaign earned media value", &c.name, num(Some(c.emv)), String::new(), r.currency.clone())?;
        row("campaign revenue", &c.name, num(c.revenue), String::new(), r.currency.clone())?;
        row("campaign ROI", &c.name, num(c.roi), String::new(), "%".into())?;
    }
    for x in &r.crises {
        let item = format!("{} {}", x.market, x.peak_day);
        row("crisis negative mentions", &item, x.negative.to_string(), num(Some(x.expected)), "count (previous: expected)".into())?;
    }
    for m in &r.markets {
        row("market net sentiment", &m.name, num(m.net_sentiment), String::new(), "points".into())?;
    }
    let g = &r.governance;
    for (item, v) in [
        ("accounts", g.accounts),
        ("orphaned", g.orphaned),
        ("no backup owner", g.no_backup),
        ("dormant", g.dormant),
        ("review overdue", g.review_overdue),
    ] {
        row("governance", item, v.to_string(), String::new(), "accounts".into())?;
    }
    for gap in &r.gaps {
        row("no data imported", gap, String::new(), String::new(), String::new())?;
    }
    for (i, s) in narrative(r).iter().enumerate() {
        row("narrative", &(i + 1).to_string(), text(s), String::new(), String::new())?;
    }
    w.flush()?;
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
