//! The executive summary's wire types: which report (a calendar period and what it is compared
//! with, as the URL carries it) and the rendered report the page shows.
//!
//! The report itself is rendered on the server (`html.rs`): the page, its print, the PDF and
//! the CSV are drawn from one set of figures, and the client carries a string, not the figures
//! (the server functions take the report's query string and answer HTML: no report type is
//! (de)serialized in the client, which keeps the first load small).

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::{query_string, Comparison, DateRange};

/// The kind of period a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum PeriodKind {
    /// A calendar month.
    #[default]
    Month,
    /// A calendar quarter.
    Quarter,
    /// 1 January to today (or to 31 December of a past year).
    YearToDate,
    /// Any range of days.
    Custom,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 4] =
        [PeriodKind::Month, PeriodKind::Quarter, PeriodKind::YearToDate, PeriodKind::Custom];

    pub fn token(self) -> &'static str {
        match self {
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::YearToDate => "ytd",
            PeriodKind::Custom => "custom",
        }
    }

    pub fn from_token(token: &str) -> Option<PeriodKind> {
        PeriodKind::ALL.into_iter().find(|k| k.token() == token)
    }

    pub fn label(self) -> &'static str {
        match self {
            PeriodKind::Month => "Month",
            PeriodKind::Quarter => "Quarter",
            PeriodKind::YearToDate => "Year to date",
            PeriodKind::Custom => "Custom",
        }
    }
}

/// Which summary: the URL's `period`, `of`, `from`, `to` and `compare`. Without `of` a month or
/// quarter is the last full one and a year to date is this year's: a rolling report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ReportSpec {
    pub kind: PeriodKind,
    /// `2026-11` (month), `2026-Q3` (quarter), `2026` (year to date).
    pub of: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub comparison: Comparison,
}

/// The first day of `month0`'s quarter.
fn quarter_start(year: i32, quarter: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, (quarter - 1) * 3 + 1, 1)
}

fn last_day(first: NaiveDate, months: u32) -> Option<NaiveDate> {
    first.checked_add_months(Months::new(months))?.checked_sub_days(Days::new(1))
}

impl ReportSpec {
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> ReportSpec {
        let date = |key: &str| get(key).and_then(|v| v.parse::<NaiveDate>().ok());
        ReportSpec {
            kind: get("period").and_then(|t| PeriodKind::from_token(&t)).unwrap_or_default(),
            of: get("of").filter(|v| !v.is_empty()),
            from: date("from"),
            to: date("to"),
            comparison: get("compare").and_then(|c| Comparison::from_token(&c)).unwrap_or_default(),
        }
    }

    /// `?period=…`: defaults left out, in a stable order.
    pub fn to_query_string(&self) -> String {
        let mut pairs = Vec::new();
        if self.kind != PeriodKind::default() {
            pairs.push(("period", self.kind.token().to_string()));
        }
        if self.kind == PeriodKind::Custom {
            pairs.extend(self.from.map(|d| ("from", d.to_string())));
            pairs.extend(self.to.map(|d| ("to", d.to_string())));
        } else if let Some(of) = &self.of {
            pairs.push(("of", of.clone()));
        }
        if self.comparison != Comparison::default() {
            pairs.push(("compare", self.comparison.token().to_string()));
        }
        query_string(&pairs)
    }

    /// The report's days and the days it is compared with, as of `today`. A calendar period is
    /// compared with the calendar period before it (the previous month, quarter, or the year to
    /// the same day), or with the same dates a year earlier. A period that has not ended yet
    /// ends today; one that has not begun is refused.
    pub fn resolve(&self, today: NaiveDate) -> Result<(DateRange, DateRange), String> {
        let bad = |what: &str| format!("{what:?} is not a period of this kind (month 2026-11, quarter 2026-Q3, year 2026).");
        let (from, months) = match self.kind {
            PeriodKind::Month => {
                let first = match &self.of {
                    Some(of) => NaiveDate::parse_from_str(&format!("{of}-01"), "%Y-%m-%d").map_err(|_| bad(of))?,
                    None => NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
                        .and_then(|d| d.checked_sub_months(Months::new(1)))
                        .ok_or_else(|| bad("today"))?,
                };
                (first, 1)
            }
            PeriodKind::Quarter => {
                let first = match &self.of {
                    Some(of) => {
                        let (year, q) = of.split_once("-Q").ok_or_else(|| bad(of))?;
                        let (year, q) = (year.parse::<i32>().map_err(|_| bad(of))?, q.parse::<u32>().map_err(|_| bad(of))?);
                        if !(1..=4).contains(&q) {
                            return Err(bad(of));
                        }
                        quarter_start(year, q).ok_or_else(|| bad(of))?
                    }
                    None => quarter_start(today.year(), today.month0() / 3 + 1)
                        .and_then(|d| d.checked_sub_months(Months::new(3)))
                        .ok_or_else(|| bad("today"))?,
                };
                (first, 3)
            }
            PeriodKind::YearToDate => {
                let year = match &self.of {
                    Some(of) => of.parse::<i32>().map_err(|_| bad(of))?,
                    None => today.year(),
                };
                (NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| bad(&year.to_string()))?, 12)
            }
            PeriodKind::Custom => {
                let (Some(from), Some(to)) = (self.from, self.to) else {
                    return Err("A custom period needs both a start and an end date.".into());
                };
                let range = DateRange::new(from, to)?;
                return Ok((range, crate::kpi::comparison_range(&range, self.comparison)));
            }
        };
        if from > today {
            return Err(format!("The period starting {from} has not begun yet."));
        }
        let full_end = last_day(from, months).ok_or_else(|| bad("end"))?;
        let to = full_end.min(today);
        let range = DateRange { from, to };
        let previous = match self.comparison {
            Comparison::LastYear => crate::kpi::comparison_range(&range, Comparison::LastYear),
            // the calendar period before, cut to as many days in as this one when it is running
            Comparison::PreviousPeriod => {
                let back = Months::new(months);
                let p_from = from.checked_sub_months(back).ok_or_else(|| bad("start"))?;
                let p_full_end = from.checked_sub_days(Days::new(1)).ok_or_else(|| bad("start"))?;
                let p_to = if to == full_end { p_full_end } else { to.checked_sub_months(back).unwrap_or(p_full_end).min(p_full_end) };
                DateRange { from: p_from, to: p_to }
            }
        };
        Ok((range, previous))
    }
}

impl ReportSpec {
    /// The same report pinned to the period it shows on `today` (a rolling month becomes that
    /// month), for a share link that must not move.
    pub fn fixed(&self, today: NaiveDate) -> Result<ReportSpec, String> {
        let (range, _) = self.resolve(today)?;
        let f = range.from;
        let of = match self.kind {
            PeriodKind::Month => format!("{}-{:02}", f.year(), f.month()),
            PeriodKind::Quarter => format!("{}-Q{}", f.year(), f.month0() / 3 + 1),
            PeriodKind::YearToDate => f.year().to_string(),
            PeriodKind::Custom => return Ok(self.clone()),
        };
        Ok(ReportSpec { of: Some(of), ..self.clone() })
    }

    /// What the report covers, in words: `Quarter 2026-Q3 against the previous period`,
    /// `the last full month (rolling) against the same period last year`.
    pub fn describe(&self) -> String {
        let what = match (self.kind, &self.of) {
            (PeriodKind::Custom, _) => format!(
                "{} to {}",
                self.from.map(|d| d.to_string()).unwrap_or_default(),
                self.to.map(|d| d.to_string()).unwrap_or_default()
            ),
            (PeriodKind::Month, None) => "the last full month (rolling)".into(),
            (PeriodKind::Quarter, None) => "the last full quarter (rolling)".into(),
            (PeriodKind::YearToDate, None) => "this year to date (rolling)".into(),
            (kind, Some(of)) => format!("{} {of}", kind.label()),
        };
        format!("{what} against the {}", self.comparison.label().to_ascii_lowercase())
    }
}

/// One period the page offers in its drop-down: its `of` token and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodChoice {
    pub of: String,
    pub label: String,
}

/// The months (last 24), quarters (last 8) and years (last 3) that have begun by `today`,
/// newest first.
pub fn period_choices(kind: PeriodKind, today: NaiveDate) -> Vec<PeriodChoice> {
    let this_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    match kind {
        PeriodKind::Month => (0..24)
            .filter_map(|i| this_month.checked_sub_months(Months::new(i)))
            .map(|m| PeriodChoice { of: format!("{}-{:02}", m.year(), m.month()), label: crate::format::month_year(m) })
            .collect(),
        PeriodKind::Quarter => (0..8)
            .filter_map(|i| {
                quarter_start(today.year(), today.month0() / 3 + 1).and_then(|q| q.checked_sub_months(Months::new(3 * i)))
            })
            .map(|q| {
                let n = q.month0() / 3 + 1;
                PeriodChoice { of: format!("{}-Q{n}", q.year()), label: format!("Q{n} {}", q.year()) }
            })
            .collect(),
        PeriodKind::YearToDate => (0..3)
            .map(|i| today.year() - i)
            .map(|y| PeriodChoice { of: y.to_string(), label: y.to_string() })
            .collect(),
        PeriodKind::Custom => Vec::new(),
    }
}


/// The longest a share link can live, and its default.
pub const SHARE_MAX_DAYS: u32 = 90;
pub const SHARE_DEFAULT_DAYS: u32 = 14;

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn spec(kind: PeriodKind, of: Option<&str>, comparison: Comparison) -> ReportSpec {
        ReportSpec { kind, of: of.map(String::from), from: None, to: None, comparison }
    }

    #[test]
    fn calendar_periods_compare_with_the_period_before() {
        let today = d("2026-12-07");
        let (r, p) = spec(PeriodKind::Month, None, Comparison::PreviousPeriod).resolve(today).expect("month");
        assert_eq!((r.from, r.to, p.from, p.to), (d("2026-11-01"), d("2026-11-30"), d("2026-10-01"), d("2026-10-31")));
        let (r, p) = spec(PeriodKind::Quarter, None, Comparison::PreviousPeriod).resolve(today).expect("quarter");
        assert_eq!((r.from, r.to, p.from, p.to), (d("2026-07-01"), d("2026-09-30"), d("2026-04-01"), d("2026-06-30")));
        let (r, p) = spec(PeriodKind::Quarter, Some("2026-Q1"), Comparison::LastYear).resolve(today).expect("q1");
        assert_eq!((r.from, r.to, p.from, p.to), (d("2026-01-01"), d("2026-03-31"), d("2025-01-01"), d("2025-03-31")));
        // a running period ends today and is compared with as many days of the one before
        let (r, p) = spec(PeriodKind::YearToDate, None, Comparison::PreviousPeriod).resolve(today).expect("ytd");
        assert_eq!((r.from, r.to, p.from, p.to), (d("2026-01-01"), today, d("2025-01-01"), d("2025-12-07")));
        let (r, p) = spec(PeriodKind::Month, Some("2026-12"), Comparison::PreviousPeriod).resolve(today).expect("dec");
        assert_eq!((r.to, p.from, p.to), (today, d("2026-11-01"), d("2026-11-07")));
        // March against February: the previous month, whatever its length
        let (_, p) = spec(PeriodKind::Month, Some("2026-03"), Comparison::PreviousPeriod).resolve(today).expect("mar");
        assert_eq!((p.from, p.to), (d("2026-02-01"), d("2026-02-28")));
    }

    #[test]
    fn bad_periods_say_what_is_wrong() {
        let today = d("2026-12-07");
        for (kind, of) in [(PeriodKind::Month, "2026-13"), (PeriodKind::Quarter, "2026-Q5"), (PeriodKind::YearToDate, "x")] {
            let err = spec(kind, Some(of), Comparison::PreviousPeriod).resolve(today).expect_err(of);
            assert!(err.contains(of), "{err}");
        }
        assert!(spec(PeriodKind::Month, Some("2027-01"), Comparison::PreviousPeriod).resolve(today).is_err());
        assert!(spec(PeriodKind::Custom, None, Comparison::PreviousPeriod).resolve(today).is_err());
    }

    #[test]
    fn the_spec_survives_its_url() {
        let s = ReportSpec {
            kind: PeriodKind::Quarter,
            of: Some("2026-Q3".into()),
            from: None,
            to: None,
            comparison: Comparison::LastYear,
        };
        let q = s.to_query_string();
        assert_eq!(q, "?period=quarter&of=2026-Q3&compare=year");
        let pairs: Vec<(String, String)> = q
            .trim_start_matches('?')
            .split('&')
            .filter_map(|p| p.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())))
            .collect();
        let back = ReportSpec::from_query(|k| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()));
        assert_eq!(back, s);
        assert_eq!(period_choices(PeriodKind::Quarter, d("2026-12-07"))[1].of, "2026-Q3");
        assert_eq!(period_choices(PeriodKind::Month, d("2026-12-07"))[1].label, "Nov 2026");
    }
}


