//! The runner: builds a query's statements, runs them side by side on the store and merges
//! their rows into [`StatsRow`]s, ordered by group, then bucket.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::sql::{self, KeyKind, RawRow, Statement};
use super::{GroupKey, Metric, Slice, StatsQuery, StatsRow, Values};
use crate::kpi::{EarnedDay, PeriodSums, PostTotals, SentimentCounts};
use crate::model::Bucket;
use crate::server::store::{Store, StoreError, StoreResult};

/// Answers `query` from the store's rollups.
pub async fn run(store: &dyn Store, query: &StatsQuery) -> StoreResult<Vec<StatsRow>> {
    let statements = sql::statements(query).map_err(StoreError::Invalid)?;
    let answers = futures::future::try_join_all(statements.iter().map(|s| store.stats_rows(s))).await?;
    Ok(merge(query, statements.iter().zip(answers)))
}

/// Folds each statement's rows into one row per (group, bucket).
fn merge<'a>(
    query: &StatsQuery,
    answers: impl Iterator<Item = (&'a Statement, Vec<RawRow>)>,
) -> Vec<StatsRow> {
    let mut rows: BTreeMap<(Option<GroupKey>, Option<NaiveDate>), Values> = BTreeMap::new();
    for (statement, raw) in answers {
        for row in raw {
            let group = statement.key.map(|kind| match kind {
                KeyKind::Id => GroupKey::Id(row.id.filter(|id| *id != 0)),
                KeyKind::Code => GroupKey::Code(row.code.clone().unwrap_or_default()),
            });
            let bucket = match (query.series, row.day) {
                (Some(bucket), Some(day)) => Some(bucket.start_of(day)),
                _ => None,
            };
            let values = rows.entry((group, bucket)).or_insert_with(|| Values::new(&query.metrics));
            for (metric, value) in statement.metrics.iter().zip(&row.values) {
                values.add(*metric, *value);
            }
        }
    }
    rows.into_iter().map(|((group, bucket), values)| StatsRow { group, bucket, values }).collect()
}

/// Sentiment counts and the earned counts the rate card prices (`earned_day`).
pub(crate) const SENTIMENT_AND_EARNED: [Metric; 7] = [
    Metric::Positive,
    Metric::Neutral,
    Metric::Negative,
    Metric::MentionReach,
    Metric::MentionLikes,
    Metric::MentionComments,
    Metric::MentionShares,
];

/// The owned-post sums of `PostTotals` (`post_totals`).
pub(crate) const POST_TOTALS: [Metric; 8] = [
    Metric::Posts,
    Metric::Impressions,
    Metric::PostReach,
    Metric::Reactions,
    Metric::PostComments,
    Metric::PostShares,
    Metric::Saves,
    Metric::Clicks,
];

/// The sentiment counts of a row of `SENTIMENT_AND_EARNED`.
pub(crate) fn sentiment_counts(v: &Values) -> SentimentCounts {
    SentimentCounts {
        positive: v.of(Metric::Positive),
        neutral: v.of(Metric::Neutral),
        negative: v.of(Metric::Negative),
    }
}

/// The earned counts of a row of `SENTIMENT_AND_EARNED` on one platform and day.
pub(crate) fn earned_day(platform: &str, day: NaiveDate, v: &Values) -> EarnedDay {
    EarnedDay {
        day,
        platform: platform.to_string(),
        reach: v.of(Metric::MentionReach),
        likes: v.of(Metric::MentionLikes),
        comments: v.of(Metric::MentionComments),
        shares: v.of(Metric::MentionShares),
    }
}

pub(crate) fn post_totals(v: &Values) -> PostTotals {
    PostTotals {
        posts: v.of(Metric::Posts),
        impressions: v.of(Metric::Impressions),
        reach: v.of(Metric::PostReach),
        reactions: v.of(Metric::Reactions),
        comments: v.of(Metric::PostComments),
        shares: v.of(Metric::PostShares),
        saves: v.of(Metric::Saves),
        clicks: v.of(Metric::Clicks),
    }
}

/// The overview's sums of one period: sentiment by day and platform (with the earned counts the
/// rate card prices), every tracked brand's mentions, earned reach and the owned posts by day —
/// four statements, run side by side.
pub async fn period_sums(store: &dyn Store, slice: &Slice) -> StoreResult<PeriodSums> {
    let by_platform_and_day = StatsQuery {
        slice: slice.clone(),
        metrics: SENTIMENT_AND_EARNED.to_vec(),
        group_by: Some(super::Dimension::Platform),
        series: Some(Bucket::Day),
    };
    let all_brands = StatsQuery::totals(Slice { brand_id: None, ..slice.clone() }, &[Metric::Mentions]);
    let reach = StatsQuery::totals(slice.clone(), &[Metric::EarnedReach]);
    let posts = StatsQuery { series: Some(Bucket::Day), ..StatsQuery::totals(slice.clone(), &POST_TOTALS) };
    let (earned, all_brands, reach, posts) = futures::try_join!(
        run(store, &by_platform_and_day),
        run(store, &all_brands),
        run(store, &reach),
        run(store, &posts),
    )?;

    let mut sums = PeriodSums::default();
    let mut days: BTreeMap<NaiveDate, SentimentCounts> = BTreeMap::new();
    for row in &earned {
        let (Some(GroupKey::Code(platform)), Some(day)) = (&row.group, row.bucket) else { continue };
        let v = &row.values;
        let counts = sentiment_counts(v);
        let on_day = days.entry(day).or_default();
        on_day.positive += counts.positive;
        on_day.neutral += counts.neutral;
        on_day.negative += counts.negative;
        sums.earned_days.push(earned_day(platform, day, v));
    }
    sums.earned_days.sort_by(|a, b| (a.day, &a.platform).cmp(&(b.day, &b.platform)));
    for counts in days.values() {
        sums.sentiment.positive += counts.positive;
        sums.sentiment.neutral += counts.neutral;
        sums.sentiment.negative += counts.negative;
    }
    sums.sentiment_days = days.into_iter().collect();
    sums.all_brands_mentions = all_brands.iter().map(|r| r.values.of(Metric::Mentions)).sum();
    sums.earned_reach = reach.iter().map(|r| r.values.of(Metric::EarnedReach)).sum();
    for row in &posts {
        let Some(day) = row.bucket else { continue };
        let p = post_totals(&row.values);
        sums.posts.posts += p.posts;
        sums.posts.impressions += p.impressions;
        sums.posts.reach += p.reach;
        sums.posts.reactions += p.reactions;
        sums.posts.comments += p.comments;
        sums.posts.shares += p.shares;
        sums.posts.saves += p.saves;
        sums.posts.clicks += p.clicks;
        sums.post_days.push((day, p));
    }
    Ok(sums)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DateRange;
    use crate::stats::Dimension;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn rows_of_several_tables_merge_by_group_and_bucket() {
        let query = StatsQuery {
            slice: Slice::brand(DateRange { from: d("2026-03-02"), to: d("2026-03-15") }, 1),
            metrics: vec![Metric::Mentions, Metric::Posts],
            group_by: Some(Dimension::Campaign),
            series: Some(Bucket::Week),
        };
        let statements = sql::statements(&query).expect("valid");
        let raw = |id, day: &str, v| RawRow { id: Some(id), code: None, day: Some(d(day)), values: vec![v] };
        // Monday 2 and Wednesday 4 March share a week; campaign 0 is "no campaign"
        let mentions = vec![raw(0, "2026-03-02", 1), raw(0, "2026-03-04", 2), raw(5, "2026-03-10", 4)];
        let posts = vec![raw(5, "2026-03-10", 7)];
        let rows = merge(&query, statements.iter().zip([mentions, posts]));
        let got: Vec<(Option<GroupKey>, Option<NaiveDate>, i64, i64)> = rows
            .iter()
            .map(|r| (r.group.clone(), r.bucket, r.values.of(Metric::Mentions), r.values.of(Metric::Posts)))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some(GroupKey::Id(None)), Some(d("2026-03-02")), 3, 0),
                (Some(GroupKey::Id(Some(5))), Some(d("2026-03-09")), 4, 7),
            ]
        );
        assert_eq!(rows[0].values.get(Metric::EarnedReach), None);
    }
}
