//! The one SQL builder over the rollups: a [`StatsQuery`] becomes one [`Statement`] per rollup
//! table its metrics need, in the SQL both dialects accept (`$n` placeholders,
//! `CAST(… AS BIGINT)`). A plain function: the store only binds and runs what it returns.

use chrono::NaiveDate;

use super::{Dimension, Metric, Source, StatsQuery};

/// Periods up to this many days read earned reach day by day (`day IN (…)`, one index range of
/// `(brand_id, day, prev_author)` each); longer ranges read the whole range (the list would pass
/// the databases' parameter limits).
pub const REACH_DAYS_LISTED: i64 = 1_000;

/// A value bound to a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bind {
    Int(i64),
    Text(String),
    Day(NaiveDate),
}

/// How a statement's group column reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// An id; 0 stands for "none" (no campaign, no team).
    Id,
    /// A platform or market code.
    Code,
}

/// One statement and the shape of its rows: `[key], [day], metric…`, every metric a BIGINT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub sql: String,
    pub binds: Vec<Bind>,
    pub key: Option<KeyKind>,
    pub by_day: bool,
    pub metrics: Vec<Metric>,
}

/// A row as the store reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    /// The group column: an id (0 for none) …
    pub id: Option<i64>,
    /// … or a code.
    pub code: Option<String>,
    pub day: Option<NaiveDate>,
    /// In the order of `Statement::metrics`.
    pub values: Vec<i64>,
}

/// The statements that answer `query`, one per rollup table, or why it cannot be answered.
pub fn statements(query: &StatsQuery) -> Result<Vec<Statement>, String> {
    query.validate()?;
    let mut out = Vec::new();
    for source in [Source::Mentions, Source::Authors, Source::Posts] {
        let metrics: Vec<Metric> = query.metrics.iter().copied().filter(|m| m.source() == source).collect();
        if !metrics.is_empty() {
            out.push(statement(query, source, metrics));
        }
    }
    Ok(out)
}

/// Placeholders numbered as values are bound.
struct Binds(Vec<Bind>);

impl Binds {
    fn push(&mut self, value: Bind) -> String {
        self.0.push(value);
        format!("${}", self.0.len())
    }
}

fn table(source: Source) -> &'static str {
    match source {
        Source::Mentions => "mention_daily",
        Source::Authors => "mention_author_daily",
        Source::Posts => "post_daily",
    }
}

/// The summed expression of a metric, over its table's columns.
fn expression(metric: Metric) -> &'static str {
    match metric {
        Metric::Mentions => "mentions",
        Metric::Positive => "CASE WHEN sentiment = 'positive' THEN mentions ELSE 0 END",
        Metric::Neutral => "CASE WHEN sentiment = 'neutral' THEN mentions ELSE 0 END",
        Metric::Negative => "CASE WHEN sentiment = 'negative' THEN mentions ELSE 0 END",
        Metric::MentionReach | Metric::PostReach => "reach",
        Metric::MentionLikes => "likes",
        Metric::MentionComments | Metric::PostComments => "comments",
        Metric::MentionShares | Metric::PostShares => "shares",
        Metric::Inquiries => "inquiries",
        Metric::EarnedReach => "followers",
        Metric::Posts => "posts",
        Metric::Impressions => "impressions",
        Metric::Reactions => "reactions",
        Metric::Saves => "saves",
        Metric::Clicks => "clicks",
        Metric::VideoViews => "video_views",
    }
}

/// The column of a dimension and how it reads.
fn column(dim: Dimension) -> (&'static str, KeyKind) {
    match dim {
        Dimension::Brand => ("brand_id", KeyKind::Id),
        Dimension::Platform => ("platform", KeyKind::Code),
        Dimension::Market => ("market", KeyKind::Code),
        Dimension::Campaign => ("campaign_id", KeyKind::Id),
        Dimension::Team => ("team_id", KeyKind::Id),
        Dimension::Account => ("account_id", KeyKind::Id),
    }
}

fn statement(query: &StatsQuery, source: Source, metrics: Vec<Metric>) -> Statement {
    let slice = &query.slice;
    let mut binds = Binds(Vec::new());
    let key = query.group_by.map(column);
    let by_day = query.series.is_some();

    let mut select = Vec::new();
    if let Some((col, _)) = key {
        select.push(col.to_string());
    }
    if by_day {
        select.push("day".to_string());
    }
    for m in &metrics {
        select.push(format!("CAST(COALESCE(SUM({}), 0) AS BIGINT)", expression(*m)));
    }

    let mut filter = Vec::new();
    // Earned reach counts an author's first row of the range (or of each day, for a series):
    // rows whose previous active day (in the market, when markets are told apart) is before it.
    let prev = if slice.market.is_some() || query.group_by == Some(Dimension::Market) {
        "prev_market"
    } else {
        "prev_author"
    };
    let listed = source == Source::Authors && (1..=REACH_DAYS_LISTED).contains(&slice.range.days());
    match slice.brand_id {
        Some(id) => filter.push(format!("brand_id = {}", binds.push(Bind::Int(id)))),
        // brand_id IN (…) lets SQLite walk the primary key brand by brand instead of the day index
        None => filter.push("brand_id IN (SELECT id FROM brands)".into()),
    }
    if listed {
        let days: Vec<String> = slice.range.iter_days().map(|d| binds.push(Bind::Day(d))).collect();
        filter.push(format!("day IN ({})", days.join(", ")));
    } else {
        let from = binds.push(Bind::Day(slice.range.from));
        let to = binds.push(Bind::Day(slice.range.to));
        filter.push(format!("day BETWEEN {from} AND {to}"));
    }
    let texts = [(Dimension::Platform, &slice.platform), (Dimension::Market, &slice.market)];
    for (dim, value) in texts {
        if let Some(v) = value {
            filter.push(format!("{} = {}", column(dim).0, binds.push(Bind::Text(v.clone()))));
        }
    }
    let ids = [
        (Dimension::Campaign, slice.campaign_id),
        (Dimension::Team, slice.team_id),
        (Dimension::Account, slice.account_id),
    ];
    for (dim, value) in ids {
        if let Some(v) = value {
            filter.push(format!("{} = {}", column(dim).0, binds.push(Bind::Int(v))));
        }
    }
    if source == Source::Authors {
        if by_day {
            filter.push(format!("{prev} < day"));
        } else {
            filter.push(format!("{prev} < {}", binds.push(Bind::Day(slice.range.from))));
        }
    }

    let mut sql =
        format!("SELECT {} FROM {} WHERE {}", select.join(", "), table(source), filter.join(" AND "));
    let grouping: Vec<&str> = key.map(|(c, _)| c).into_iter().chain(by_day.then_some("day")).collect();
    if !grouping.is_empty() {
        sql.push_str(&format!(" GROUP BY {0} ORDER BY {0}", grouping.join(", ")));
    }
    Statement { sql, binds: binds.0, key: key.map(|(_, k)| k), by_day, metrics }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Bucket, DateRange};
    use crate::stats::Slice;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn slice() -> Slice {
        Slice::brand(DateRange { from: d("2026-03-01"), to: d("2026-03-03") }, 1)
    }

    #[test]
    fn only_the_tables_of_the_asked_metrics_are_read() {
        let q = StatsQuery::totals(slice(), &[Metric::Mentions, Metric::Negative]);
        let st = statements(&q).expect("valid");
        assert_eq!(st.len(), 1);
        assert!(st[0].sql.contains("FROM mention_daily"), "{}", st[0].sql);
        assert!(!st[0].sql.contains("mention_author_daily") && !st[0].sql.contains("GROUP BY"));
        assert_eq!(st[0].binds, vec![Bind::Int(1), Bind::Day(d("2026-03-01")), Bind::Day(d("2026-03-03"))]);

        let q = StatsQuery::totals(slice(), &[Metric::Posts, Metric::EarnedReach, Metric::Mentions]);
        let built = statements(&q).expect("valid");
        let tables: Vec<&str> = built
            .iter()
            .map(|s| s.sql.split(" FROM ").nth(1).and_then(|t| t.split(' ').next()).unwrap_or(""))
            .collect();
        assert_eq!(tables, ["mention_daily", "mention_author_daily", "post_daily"]);
    }

    #[test]
    fn earned_reach_lists_the_days_of_a_period_and_reads_first_rows_only() {
        let q = StatsQuery::totals(slice(), &[Metric::EarnedReach]);
        let st = &statements(&q).expect("valid")[0];
        assert!(st.sql.contains("day IN ($2, $3, $4)"), "{}", st.sql);
        assert!(st.sql.ends_with("prev_author < $5"), "{}", st.sql);
        let mut by_market = q.clone();
        by_market.group_by = Some(Dimension::Market);
        let st = &statements(&by_market).expect("valid")[0];
        assert!(st.sql.contains("prev_market < $5") && st.sql.ends_with("GROUP BY market ORDER BY market"));
        let mut daily = q.clone();
        daily.series = Some(Bucket::Day);
        assert!(statements(&daily).expect("valid")[0].sql.contains("prev_author < day"));
        let mut long = q;
        long.slice.range = DateRange { from: d("2020-01-01"), to: d("2026-01-01") };
        assert!(statements(&long).expect("valid")[0].sql.contains("day BETWEEN $2 AND $3"));
    }

    #[test]
    fn groups_series_and_filters_are_bound_in_order() {
        let mut s = slice();
        s.brand_id = None;
        s.market = Some("DE".into());
        s.campaign_id = Some(7);
        let q = StatsQuery {
            slice: s,
            metrics: vec![Metric::Reactions],
            group_by: Some(Dimension::Team),
            series: Some(Bucket::Week),
        };
        let st = &statements(&q).expect("valid")[0];
        assert_eq!(
            st.sql,
            "SELECT team_id, day, CAST(COALESCE(SUM(reactions), 0) AS BIGINT) FROM post_daily \
             WHERE brand_id IN (SELECT id FROM brands) AND day BETWEEN $1 AND $2 AND market = $3 \
             AND campaign_id = $4 GROUP BY team_id, day ORDER BY team_id, day"
        );
        assert_eq!(st.key, Some(KeyKind::Id));
        assert!(st.by_day);
        assert_eq!(st.binds.len(), 4);
    }

    #[test]
    fn an_invalid_query_builds_nothing() {
        let mut q = StatsQuery::totals(slice(), &[Metric::Mentions]);
        q.group_by = Some(Dimension::Account);
        assert!(statements(&q).is_err());
    }
}
