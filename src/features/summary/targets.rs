//! Targets for the headline tiles, set by admins (`SetSummaryTargets`), and each tile's progress
//! to its target.
//!
//! A rate (net sentiment, share of voice, engagement rate, ROI) has one target for any period:
//! the level to reach. An amount (earned reach, earned media value, engagements, spend) has a
//! target per calendar year, and a period's target is its days' share of it (a day of a leap
//! year is 1/366 of that year's target). Progress is shown as the gap to a rate's target, and as
//! the share of an amount's target reached; spend's target is a budget.

use chrono::{Datelike, NaiveDate};

use super::report::Headline;
use crate::kpi::Unit;
use crate::model::DateRange;

/// Whether a headline's target is a level or a yearly amount.
pub fn is_yearly(h: Headline) -> bool {
    matches!(h.unit(), Unit::Count | Unit::Money)
}

/// What the target of `h` is called on the page and in the form.
pub fn noun(h: Headline) -> &'static str {
    if h == Headline::Spend {
        "Budget"
    } else {
        "Target"
    }
}

/// How an error names `h`'s target: `Earned media value (est.) target per year`.
pub fn form_label(h: Headline) -> String {
    let what = format!("{} {}", h.label(), noun(h).to_lowercase());
    if is_yearly(h) {
        format!("{what} per year")
    } else {
        what
    }
}

/// The values a target of `h` may take, inclusive, and how the form describes them.
fn bounds(h: Headline) -> (f64, f64) {
    match h {
        Headline::NetSentiment => (-100.0, 100.0),
        Headline::ShareOfVoice | Headline::EngagementRate => (0.0, 100.0),
        Headline::Roi => (-100.0, 1_000_000.0),
        _ => (0.0, 1e15),
    }
}

fn days_in_year(year: i32) -> f64 {
    if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366.0
    } else {
        365.0
    }
}

/// The target of `h` for the days of `range`, from the target as set.
pub fn for_period(h: Headline, set: f64, range: &DateRange) -> f64 {
    if !is_yearly(h) {
        return set;
    }
    let mut total = 0.0;
    let mut year = range.from.year();
    while year <= range.to.year() {
        let first = range.from.max(NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(range.from));
        let last = range.to.min(NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(range.to));
        let days = (last - first).num_days() + 1;
        total += set * days as f64 / days_in_year(year);
        year += 1;
    }
    total
}

/// A tile's target for its period and how far the value is from it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// The target as set (per year for amounts).
    pub set: f64,
    /// The target for the report's days.
    pub target: f64,
    /// An amount's value as % of its target (`None` for rates, or a target of 0).
    pub percent: Option<f64>,
    /// A rate's value minus its target (`None` for amounts).
    pub gap: Option<f64>,
}

impl Progress {
    pub fn of(h: Headline, set: f64, value: Option<f64>, range: &DateRange) -> Progress {
        let target = for_period(h, set, range);
        let (percent, gap) = if is_yearly(h) {
            (value.filter(|_| target > 0.0).map(|v| v / target * 100.0), None)
        } else {
            (None, value.map(|v| v - target))
        };
        Progress { set, target, percent, gap }
    }

    /// Whether the tile reached its target (a budget: stayed within it).
    pub fn met(&self, h: Headline) -> Option<bool> {
        match (self.percent, self.gap) {
            (Some(p), _) if h == Headline::Spend => Some(p <= 100.0),
            (Some(p), _) => Some(p >= 100.0),
            (_, Some(g)) => Some(g >= 0.0),
            _ => None,
        }
    }

    /// The line under a tile: `Target EUR 1.2 M · 72 % of it`, `Target +40.0 · 3.2 pts to go`.
    pub fn text(&self, h: Headline, currency: &str) -> String {
        let target = crate::format::kpi_value(Some(self.target), h.unit(), currency);
        let unit = if h.unit() == Unit::Score { "pts" } else { "pp" };
        let status = match (self.percent, self.gap) {
            (Some(p), _) => format!("{} of it", crate::format::percent(p)),
            (_, Some(g)) if g >= 0.0 => format!("met, {g:.1} {unit} above"),
            (_, Some(g)) => format!("{:.1} {unit} to go", -g),
            _ => "no value to compare".into(),
        };
        let target = if h == Headline::NetSentiment { super::report::signed_score(self.target) } else { target };
        format!("{} {target} · {status}", noun(h))
    }
}

/// A target as an admin typed it: empty clears it. The error names the field and the range.
pub fn parse(h: Headline, text: &str) -> Result<Option<f64>, String> {
    let t = text.trim().replace([' ', '\u{a0}', ','], "");
    if t.is_empty() {
        return Ok(None);
    }
    let (lo, hi) = bounds(h);
    let v: f64 = t.parse().map_err(|_| format!("{}: {text:?} is not a number.", form_label(h)))?;
    if !v.is_finite() || v < lo || v > hi {
        return Err(format!("{}: {text} is outside {lo} to {hi}.", form_label(h)));
    }
    Ok(Some(v))
}

/// The `token=value&…` pairs the page sends: every headline it names, parsed; an unknown name
/// or a bad number is refused as a whole.
pub fn parse_form(form: &str) -> Result<Vec<(Headline, Option<f64>)>, String> {
    let mut out = Vec::new();
    for pair in form.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = crate::markup::decode_component(value);
        let h = Headline::ALL
            .into_iter()
            .find(|h| h.token() == key)
            .ok_or_else(|| format!("{key:?} is not a headline figure of the summary."))?;
        if out.iter().any(|(seen, _)| *seen == h) {
            return Err(format!("{} is given twice.", form_label(h)));
        }
        out.push((h, parse(h, &value)?));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn an_amount_target_is_the_periods_share_of_the_year() {
        let q3 = DateRange { from: d(2026, 7, 1), to: d(2026, 9, 30) };
        assert!((for_period(Headline::EarnedReach, 365_000.0, &q3) - 92_000.0).abs() < 1e-6);
        // a leap year's day is 1/366 of it; a range across New Year takes each year's share
        let leap = DateRange { from: d(2028, 2, 1), to: d(2028, 2, 29) };
        assert!((for_period(Headline::Spend, 366.0, &leap) - 29.0).abs() < 1e-9);
        let across = DateRange { from: d(2027, 12, 31), to: d(2028, 1, 1) };
        assert!((for_period(Headline::Engagements, 1000.0, &across) - (1000.0 / 365.0 + 1000.0 / 366.0)).abs() < 1e-9);
        let year = DateRange { from: d(2026, 1, 1), to: d(2026, 12, 31) };
        assert!((for_period(Headline::EarnedMediaValue, 5.0e6, &year) - 5.0e6).abs() < 1e-6);
    }

    #[test]
    fn a_rate_target_is_the_same_for_any_period() {
        let m = DateRange { from: d(2026, 11, 1), to: d(2026, 11, 30) };
        assert_eq!(for_period(Headline::NetSentiment, 40.0, &m), 40.0);
        let p = Progress::of(Headline::NetSentiment, 40.0, Some(36.8), &m);
        assert_eq!(p.percent, None);
        assert!((p.gap.expect("gap") + 3.2).abs() < 1e-9);
        assert_eq!(p.text(Headline::NetSentiment, "EUR"), "Target +40.0 · 3.2 pts to go");
        assert_eq!(p.met(Headline::NetSentiment), Some(false));
        let sov = Progress::of(Headline::ShareOfVoice, 30.0, Some(31.5), &m);
        assert_eq!(sov.text(Headline::ShareOfVoice, "EUR"), "Target 30.0 % · met, 1.5 pp above");
    }

    #[test]
    fn an_amount_shows_the_share_reached_and_spend_is_a_budget() {
        let m = DateRange { from: d(2026, 1, 1), to: d(2026, 12, 31) };
        let p = Progress::of(Headline::EarnedMediaValue, 200_000.0, Some(150_000.0), &m);
        assert_eq!(p.percent, Some(75.0));
        assert_eq!(p.text(Headline::EarnedMediaValue, "EUR"), "Target EUR 200 k · 75.0 % of it");
        let spend = Progress::of(Headline::Spend, 100_000.0, Some(90_000.0), &m);
        assert_eq!(spend.met(Headline::Spend), Some(true));
        assert!(spend.text(Headline::Spend, "EUR").starts_with("Budget "));
        assert_eq!(Progress::of(Headline::Spend, 0.0, Some(5.0), &m).percent, None);
        assert_eq!(Progress::of(Headline::Engagements, 10.0, None, &m).met(Headline::Engagements), None);
    }

    #[test]
    fn the_form_is_parsed_whole_or_refused_with_its_reason() {
        let ok = parse_form("net-sentiment=40&earned-reach=12%20000%20000&roi=").expect("valid");
        assert_eq!(
            ok,
            vec![(Headline::NetSentiment, Some(40.0)), (Headline::EarnedReach, Some(12e6)), (Headline::Roi, None)]
        );
        assert!(parse_form("net-sentiment=abc").expect_err("refused").contains("is not a number"));
        assert!(parse_form("net-sentiment=140").expect_err("refused").contains("outside -100 to 100"));
        assert!(parse_form("share-of-voice=-1").expect_err("refused").contains("outside 0 to 100"));
        assert!(parse_form("mentions=5").expect_err("refused").contains("is not a headline figure"));
        assert!(parse_form("roi=5&roi=6").expect_err("refused").contains("twice"));
        assert!(parse_form("spend=inf").is_err() && parse_form("spend=NaN").is_err());
        assert_eq!(parse_form("").expect("empty"), vec![]);
    }
}
