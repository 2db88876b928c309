//! Numbers formatted for people: thousands separators, compact counts (1.2 k, 3.4 M),
//! percentages with sensible precision. Used by the client; tested on the host.

use crate::kpi::{Change, Unit};

/// Seconds since the epoch as `2026-11-22 09:14 UTC`. Written out by hand, as the dates below:
/// chrono's `format` would bring its whole format-string parser into the client.
pub fn timestamp(secs: i64) -> String {
    use chrono::Timelike;
    chrono::DateTime::from_timestamp(secs, 0)
        .map_or_else(String::new, |t| format!("{} {:02}:{:02} UTC", t.date_naive(), t.hour(), t.minute()))
}

const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `5 Nov`.
pub fn day_short(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {}", d.day(), MONTHS[d.month0() as usize])
}

/// `Nov 2026`.
pub fn month_year(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {}", MONTHS[d.month0() as usize], d.year())
}

/// `5 Nov 2026`.
pub fn day_long(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {}", day_short(d), d.year())
}

/// `1234567` → `1,234,567`.
pub fn thousands(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        out.push('−');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Compact counts: below 10,000 in full, then `12.3 k`, `4.5 M`, `1.2 B`.
pub fn compact(value: f64) -> String {
    if !value.is_finite() {
        return "—".into();
    }
    let abs = value.abs();
    let sign = if value < 0.0 { "−" } else { "" };
    let scaled = |div: f64, suffix: &str| {
        let v = abs / div;
        let text = if v >= 100.0 { format!("{v:.0}") } else { format!("{v:.1}") };
        format!("{sign}{text} {suffix}")
    };
    if abs < 10_000.0 {
        thousands(value.round() as i64)
    } else if abs < 999_950.0 {
        scaled(1e3, "k")
    } else if abs < 999_950_000.0 {
        scaled(1e6, "M")
    } else {
        scaled(1e9, "B")
    }
}

/// A percentage: one decimal, two below 1 % so small rates stay readable.
pub fn percent(value: f64) -> String {
    if !value.is_finite() {
        return "—".into();
    }
    let text = if value.abs() < 1.0 && value != 0.0 { format!("{value:.2}") } else { format!("{value:.1}") };
    format!("{} %", text.replace('-', "−"))
}

/// The main figure of a tile.
pub fn kpi_value(value: Option<f64>, unit: Unit, currency: &str) -> String {
    let Some(v) = value else { return "—".into() };
    match unit {
        Unit::Count => compact(v),
        Unit::Percent => percent(v),
        Unit::Score => unsigned_zero(format!("{v:.1}")).replace('-', "−"),
        // small sums (a cost per engagement) to the cent
        Unit::Money if v.abs() < 100.0 => {
            format!("{currency} {}", unsigned_zero(format!("{v:.2}")).replace('-', "−"))
        }
        Unit::Money => format!("{} {}", currency, compact(v)),
    }
}

/// A figure that rounds to zero has no sign: `0.00`, not `-0.00`.
fn unsigned_zero(text: String) -> String {
    match text.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
        _ => text,
    }
}

/// The exact figure, for hover titles.
pub fn kpi_exact(value: Option<f64>, unit: Unit, currency: &str) -> String {
    let Some(v) = value else { return "not defined for this period".into() };
    match unit {
        Unit::Count => thousands(v.round() as i64),
        Unit::Percent => format!("{v:.3} %"),
        Unit::Score => format!("{v:.3}"),
        Unit::Money => format!("{currency} {}", thousands(v.round() as i64)),
    }
}

/// The change line of a tile: `+12.3 %` for counts and money, `+1.2 pp` / `+3.4 pts` otherwise.
pub fn kpi_change(change: Option<Change>, unit: Unit) -> String {
    let Some(c) = change else { return "no comparison data".into() };
    // a change that rounds to zero has no sign ("0.0 pp", not "−0.0 pp")
    let signed = |v: f64, text: String| match text.strip_prefix('-') {
        Some(rest) if rest.starts_with("0.0 ") => rest.to_string(),
        _ if v > 0.0 && !text.starts_with("0.0 ") => format!("+{text}"),
        _ => text.replace('-', "−"),
    };
    match unit {
        Unit::Count | Unit::Money => match c.relative {
            Some(r) => signed(r, format!("{r:.1} %")),
            None => "new".into(),
        },
        Unit::Percent => signed(c.absolute, format!("{:.1} pp", c.absolute)),
        Unit::Score => signed(c.absolute, format!("{:.1} pts", c.absolute)),
    }
}

/// A CSV cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return, and is not a number) with a leading `'`, which makes it text:
/// imported texts and handles come from anyone (OWASP's "CSV injection").
pub fn csv_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.trim().parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// One CSV line of `fields` with its CRLF (RFC 4180: a field is quoted when it holds a comma, a
/// quote or a line break, its quotes doubled; a formula is made text by `csv_safe`).
pub fn csv_line<S: AsRef<str>>(fields: impl IntoIterator<Item = S>) -> String {
    let mut line = fields
        .into_iter()
        .map(|f| {
            let f = csv_safe(f.as_ref());
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_times_read_as_people_write_them() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 5).expect("date");
        assert_eq!(day_short(d), "5 Nov");
        assert_eq!(day_long(d), "5 Nov 2026");
        assert_eq!(day_long(chrono::NaiveDate::from_ymd_opt(2025, 1, 31).expect("date")), "31 Jan 2025");
        assert_eq!(timestamp(1_763_802_840), "2025-11-22 09:14 UTC");
    }

    #[test]
    fn csv_lines_quote_what_needs_quoting() {
        assert_eq!(csv_line(["a", "b c", ""]), "a,b c,\r\n");
        assert_eq!(
            csv_line(["1,234", "say \"hi\"", "two\nlines"]),
            "\"1,234\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
        );
    }

    #[test]
    fn zero_has_no_sign() {
        assert_eq!(kpi_value(Some(-0.0), Unit::Money, "EUR"), "EUR 0.00");
        assert_eq!(kpi_value(Some(-0.001), Unit::Money, "EUR"), "EUR 0.00");
        assert_eq!(kpi_value(Some(-12.5), Unit::Money, "EUR"), "EUR −12.50");
        assert_eq!(kpi_value(Some(-0.01), Unit::Score, ""), "0.0");
        assert_eq!(kpi_value(Some(-3.26), Unit::Score, ""), "−3.3");
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_become_text() {
        assert_eq!(csv_safe("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(csv_safe("+49 30 1234"), "'+49 30 1234");
        assert_eq!(csv_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_safe("-3.25"), "-3.25", "a number stays a number");
        assert_eq!(csv_safe("+12"), "+12");
        assert_eq!(csv_safe("plain, text"), "plain, text");
        assert_eq!(csv_line(["=1+2", "-7"]), "'=1+2,-7\r\n");
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(-45_000), "−45,000");
    }

    #[test]
    fn compact_counts() {
        assert_eq!(compact(9_999.0), "9,999");
        assert_eq!(compact(12_345.0), "12.3 k");
        assert_eq!(compact(345_678.0), "346 k");
        assert_eq!(compact(999_999.0), "1.0 M");
        assert_eq!(compact(3_400_000.0), "3.4 M");
        assert_eq!(compact(2_500_000_000.0), "2.5 B");
        assert_eq!(compact(f64::NAN), "—");
    }

    #[test]
    fn percentages_and_changes() {
        assert_eq!(percent(12.345), "12.3 %");
        assert_eq!(percent(0.456), "0.46 %");
        assert_eq!(percent(-3.0), "−3.0 %");
        let c = Change { absolute: 5.0, relative: Some(12.5) };
        assert_eq!(kpi_change(Some(c), Unit::Count), "+12.5 %");
        assert_eq!(kpi_change(Some(c), Unit::Percent), "+5.0 pp");
        let down = Change { absolute: -2.0, relative: Some(-4.0) };
        assert_eq!(kpi_change(Some(down), Unit::Score), "−2.0 pts");
        assert_eq!(kpi_change(None, Unit::Count), "no comparison data");
        let tiny = Change { absolute: -0.04, relative: Some(-0.01) };
        assert_eq!(kpi_change(Some(tiny), Unit::Percent), "0.0 pp");
        assert_eq!(kpi_change(Some(tiny), Unit::Money), "0.0 %");
        let up = Change { absolute: 0.04, relative: Some(0.02) };
        assert_eq!(kpi_change(Some(up), Unit::Score), "0.0 pts");
        assert_eq!(kpi_value(None, Unit::Percent, "EUR"), "—");
        assert_eq!(kpi_value(Some(12_345.0), Unit::Money, "EUR"), "EUR 12.3 k");
    }
}
