//! The campaigns' figures, from the stats layer's rollups (and the raw mentions for earned
//! reach, which the rollups do not keep per campaign).
//!
//! A campaign's figures cover its window: from its first launch to its end, or to today while it
//! runs. Its timeline is aligned by day since launch: a market's D0 is the day the campaign
//! launched there, so a staggered launch lines up. Its lift compares the brand's mentions and
//! owned-post engagements in the campaign's markets with the same markets' own baseline: for each
//! market as many days before its launch as the campaign has run there since.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::store::CampaignRecord;
use super::types::{
    parse_ids, CampaignComparison, CampaignList, CampaignStatus, CampaignSummary, CompareMetric, ComparedCampaign,
    Lift, MarketRow,
};
use crate::kpi::{self, EarnedDay, PostTotals, RateCardEntry, SentimentCounts};
use crate::model::{Bucket, DateRange};
use crate::server::store::{CampaignRow, Store, StoreError, StoreResult};
use crate::stats::run::{POST_TOTALS, SENTIMENT_AND_EARNED};
use crate::stats::{run as stats, Dimension, GroupKey, Metric, Slice, StatsQuery, Values};

const ENGAGEMENT: [Metric; 5] =
    [Metric::Reactions, Metric::PostComments, Metric::PostShares, Metric::Saves, Metric::Clicks];

fn engagements(v: &Values) -> i64 {
    ENGAGEMENT.iter().map(|m| v.of(*m)).sum()
}

/// The campaign's first launch (its start when it names no market).
fn first_launch(c: &CampaignRow) -> NaiveDate {
    c.markets.iter().map(|m| m.launch_on).min().unwrap_or(c.start_on)
}

/// The days the campaign's figures cover as of `today`: `None` before its first launch.
fn window(c: &CampaignRow, today: NaiveDate) -> Option<DateRange> {
    let from = first_launch(c);
    let to = c.end_on.min(today);
    (from <= to).then_some(DateRange { from, to })
}

fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days() + 1
}

/// What the rollups give for one campaign's window.
#[derive(Default)]
struct Measured {
    sentiment: SentimentCounts,
    earned_days: Vec<EarnedDay>,
    posts: PostTotals,
    /// (market, day) → (mentions, posts, engagements)
    by_market_day: BTreeMap<(String, NaiveDate), (i64, i64, i64)>,
}

async fn measure(store: &dyn Store, c: &CampaignRow, range: DateRange) -> StoreResult<Measured> {
    let slice = Slice { campaign_id: Some(c.id), ..Slice::brand(range, c.brand_id) };
    let earned = StatsQuery {
        slice: slice.clone(),
        metrics: SENTIMENT_AND_EARNED.to_vec(),
        group_by: Some(Dimension::Platform),
        series: Some(Bucket::Day),
    };
    let by_market = StatsQuery {
        slice,
        metrics: [&[Metric::Mentions][..], &POST_TOTALS].concat(),
        group_by: Some(Dimension::Market),
        series: Some(Bucket::Day),
    };
    let (earned, by_market) = futures::try_join!(stats::run(store, &earned), stats::run(store, &by_market))?;
    let mut m = Measured::default();
    for row in &earned {
        let (Some(GroupKey::Code(platform)), Some(day)) = (&row.group, row.bucket) else { continue };
        let v = &row.values;
        let counts = stats::sentiment_counts(v);
        m.sentiment.positive += counts.positive;
        m.sentiment.neutral += counts.neutral;
        m.sentiment.negative += counts.negative;
        m.earned_days.push(stats::earned_day(platform, day, v));
    }
    for row in &by_market {
        let (Some(GroupKey::Code(market)), Some(day)) = (&row.group, row.bucket) else { continue };
        let v = &row.values;
        m.posts += stats::post_totals(v);
        let cell = m.by_market_day.entry((market.clone(), day)).or_default();
        cell.0 += v.of(Metric::Mentions);
        cell.1 += v.of(Metric::Posts);
        cell.2 += engagements(v);
    }
    Ok(m)
}

impl Measured {
    fn mentions(&self) -> i64 {
        self.sentiment.total()
    }
}

/// The figures every view of a campaign shares: (emv, revenue, leads, roi).
fn money(
    record: &CampaignRecord,
    m: &Measured,
    card: &[RateCardEntry],
    currency: &str,
) -> (f64, Option<f64>, Option<f64>, Option<f64>) {
    let emv = kpi::earned_media_value(&m.earned_days, card);
    let sum = |f: fn(&crate::server::store::CampaignResultRow) -> Option<f64>| {
        let values: Vec<f64> = record.results.iter().filter_map(f).collect();
        (!values.is_empty()).then(|| values.iter().sum::<f64>())
    };
    let revenue = sum(|r| r.revenue);
    let leads = sum(|r| r.leads.map(|l| l as f64));
    let c = &record.row;
    // ROI adds earned media value (in the rate card's currency) to revenue and spend (in the
    // campaign's): without one currency it is not defined.
    let same_currency =
        c.currency.eq_ignore_ascii_case(currency) && record.results.iter().all(|r| r.currency.eq_ignore_ascii_case(currency));
    let roi = match revenue {
        Some(revenue) if c.spend > 0.0 && same_currency => Some((emv + revenue - c.spend) / c.spend * 100.0),
        _ => None,
    };
    (emv, revenue, leads, roi)
}

/// The campaigns with their headline figures as of `today`.
pub async fn list(store: &dyn Store, today: NaiveDate) -> StoreResult<CampaignList> {
    let (records, (card, currency)) = futures::try_join!(store.campaigns(), store.rate_card())?;
    let measured = futures::future::try_join_all(records.iter().map(|r| async move {
        match window(&r.row, today) {
            Some(range) => measure(store, &r.row, range).await,
            None => Ok(Measured::default()),
        }
    }))
    .await?;
    let campaigns = records
        .iter()
        .zip(&measured)
        .map(|(record, m)| {
            let c = &record.row;
            let (emv, _, _, roi) = money(record, m, &card, &currency);
            CampaignSummary {
                id: c.id,
                brand: record.brand.clone(),
                name: c.name.clone(),
                objective: c.objective.clone(),
                launches: c.markets.iter().map(|m| (m.market.clone(), m.launch_on)).collect(),
                start_on: c.start_on,
                end_on: c.end_on,
                status: CampaignStatus::on(first_launch(c), c.end_on, today),
                spend: c.spend,
                currency: c.currency.clone(),
                hashtags: c.hashtags.clone(),
                mentions: m.mentions(),
                engagements: m.posts.engagements(),
                emv,
                roi,
            }
        })
        .collect();
    Ok(CampaignList { campaigns, today, currency })
}

/// Compares the campaigns `ids` names (2–6, comma-separated) as of `today`.
pub async fn compare(store: &dyn Store, ids: &str, today: NaiveDate) -> StoreResult<CampaignComparison> {
    let ids = parse_ids(ids).map_err(StoreError::Invalid)?;
    let (records, (card, currency), hubs) = futures::try_join!(store.campaigns(), store.rate_card(), store.hub_teams())?;
    let chosen = ids
        .iter()
        .map(|id| {
            records.iter().find(|r| r.row.id == *id).ok_or_else(|| {
                StoreError::Invalid(format!("There is no campaign {id}: choose campaigns from the Campaigns page."))
            })
        })
        .collect::<StoreResult<Vec<&CampaignRecord>>>()?;
    let per_campaign = futures::future::try_join_all(chosen.iter().map(|r| compare_one(store, r, today, &hubs))).await?;

    let mut out = CampaignComparison {
        today,
        currency: currency.clone(),
        campaigns: Vec::new(),
        values: vec![Vec::new(); CompareMetric::ALL.len()],
        mentions_by_day: Vec::new(),
        engagements_by_day: Vec::new(),
        lift: Vec::new(),
        markets: Vec::new(),
        hub_local: Vec::new(),
    };
    for (i, (record, one)) in chosen.iter().zip(per_campaign).enumerate() {
        let c = &record.row;
        let m = &one.measured;
        let (emv, revenue, leads, roi) = money(record, m, &card, &currency);
        let ran = one.range.is_some();
        let engaged = m.posts.engagements();
        for (row, metric) in CompareMetric::ALL.iter().enumerate() {
            let value = match metric {
                CompareMetric::Mentions => ran.then_some(m.mentions() as f64),
                CompareMetric::NetSentiment => m.sentiment.net_sentiment(),
                CompareMetric::EarnedReach => ran.then_some(one.earned_reach as f64),
                CompareMetric::EarnedMediaValue => ran.then_some(emv),
                CompareMetric::Posts => ran.then_some(m.posts.posts as f64),
                CompareMetric::Impressions => ran.then_some(m.posts.impressions as f64),
                CompareMetric::Engagements => ran.then_some(engaged as f64),
                CompareMetric::EngagementRate => m.posts.engagement_rate_reach(),
                CompareMetric::Spend => Some(c.spend),
                CompareMetric::CostPerEngagement => (engaged > 0).then(|| c.spend / engaged as f64),
                CompareMetric::Leads => leads,
                CompareMetric::Revenue => revenue,
                CompareMetric::Roi => roi,
            };
            out.values[row].push(value);
        }
        let days_run = one.range.map_or(0, |r| days_between(r.from, r.to));
        out.campaigns.push(ComparedCampaign {
            id: c.id,
            name: c.name.clone(),
            brand: record.brand.clone(),
            status: CampaignStatus::on(first_launch(c), c.end_on, today),
            launches: c.markets.iter().map(|m| (m.market.clone(), m.launch_on)).collect(),
            end_on: c.end_on,
            days_run,
            days_planned: days_between(first_launch(c), c.end_on),
            currency: c.currency.clone(),
        });
        let (mentions, engagements) = timeline(c, m, days_run);
        out.mentions_by_day.push(mentions);
        out.engagements_by_day.push(engagements);
        out.lift.push(one.lift);
        let mut markets: BTreeMap<&str, (i64, i64, i64)> = BTreeMap::new();
        for ((market, _), (mentions, posts, engagements)) in &m.by_market_day {
            let cell = markets.entry(market.as_str()).or_default();
            cell.0 += mentions;
            cell.1 += posts;
            cell.2 += engagements;
        }
        for cm in &c.markets {
            markets.entry(cm.market.as_str()).or_default();
        }
        out.markets.extend(markets.into_iter().map(|(market, (mentions, posts, engagements))| MarketRow {
            campaign: i,
            market: market.to_string(),
            launch_on: c.launch_in(market),
            mentions,
            posts,
            engagements,
        }));
        out.hub_local.push(one.hub_local);
    }
    Ok(out)
}

/// One compared campaign's reads.
struct One {
    range: Option<DateRange>,
    measured: Measured,
    earned_reach: i64,
    lift: Lift,
    hub_local: (i64, i64),
}

async fn compare_one(store: &dyn Store, record: &CampaignRecord, today: NaiveDate, hubs: &[i64]) -> StoreResult<One> {
    let c = &record.row;
    let Some(range) = window(c, today) else {
        return Ok(One {
            range: None,
            measured: Measured::default(),
            earned_reach: 0,
            lift: Lift { windows: Vec::new(), days: 0, mentions: Vec::new(), engagements: Vec::new() },
            hub_local: (0, 0),
        });
    };
    let by_team = StatsQuery {
        group_by: Some(Dimension::Team),
        ..StatsQuery::totals(Slice { campaign_id: Some(c.id), ..Slice::brand(range, c.brand_id) }, &ENGAGEMENT)
    };
    let (measured, earned_reach, teams, lift) = futures::try_join!(
        measure(store, c, range),
        store.campaign_earned_reach(c.id, range),
        stats::run(store, &by_team),
        lift(store, c, range),
    )?;
    let mut hub_local = (0, 0);
    for row in &teams {
        let e = engagements(&row.values);
        match row.group {
            Some(GroupKey::Id(Some(team))) if hubs.contains(&team) => hub_local.0 += e,
            _ => hub_local.1 += e,
        }
    }
    Ok(One { range: Some(range), measured, earned_reach, lift, hub_local })
}

/// Attributed mentions and engagements by day since launch, `days` long: a row of market M on
/// day d counts on D = d − M's launch (the first launch for a market the campaign does not
/// name, as global accounts' posts).
fn timeline(c: &CampaignRow, m: &Measured, days: i64) -> (Vec<i64>, Vec<i64>) {
    let len = usize::try_from(days).unwrap_or(0);
    let (mut mentions, mut engagements) = (vec![0; len], vec![0; len]);
    for ((market, day), (n, _, e)) in &m.by_market_day {
        let launch = c.launch_in(market).unwrap_or_else(|| first_launch(c));
        let d = (*day - launch).num_days();
        if let Ok(d) = usize::try_from(d) {
            if d < len {
                mentions[d] += n;
                engagements[d] += e;
            }
        }
    }
    (mentions, engagements)
}

/// The brand's mentions and engagements in the campaign's markets around each market's launch.
/// A market that has run `n` days (to the end, or today) counts on D = −n … n−1: its baseline is
/// as long as its campaign days, so the two halves of the series hold the same markets on the
/// same number of days.
async fn lift(store: &dyn Store, c: &CampaignRow, range: DateRange) -> StoreResult<Lift> {
    let runs: Vec<(&str, NaiveDate, i64)> = c
        .markets
        .iter()
        .filter(|m| m.launch_on <= range.to)
        .map(|m| (m.market.as_str(), m.launch_on, days_between(m.launch_on, range.to)))
        .collect();
    let days = runs.iter().map(|r| r.2).max().unwrap_or(0);
    let len = usize::try_from(days * 2).unwrap_or(0);
    let (mut mention_days, mut engagement_days) = (vec![0; len], vec![0; len]);
    if runs.is_empty() {
        return Ok(Lift { windows: Vec::new(), days, mentions: mention_days, engagements: engagement_days });
    }
    let from = runs.iter().map(|(_, launch, n)| *launch - chrono::Days::new(*n as u64)).min().unwrap_or(range.from);
    let mut metrics = vec![Metric::Mentions];
    metrics.extend(ENGAGEMENT);
    let query = StatsQuery {
        slice: Slice::brand(DateRange { from, to: range.to }, c.brand_id),
        metrics,
        group_by: Some(Dimension::Market),
        series: Some(Bucket::Day),
    };
    let by_run: HashMap<&str, (NaiveDate, i64)> = runs.iter().map(|(m, l, n)| (*m, (*l, *n))).collect();
    for row in stats::run(store, &query).await? {
        let (Some(GroupKey::Code(market)), Some(day)) = (&row.group, row.bucket) else { continue };
        let Some(&(launch, n)) = by_run.get(market.as_str()) else { continue };
        let d = (day - launch).num_days();
        if d < -n || d >= n {
            continue;
        }
        let at = usize::try_from(d + days).unwrap_or(0);
        mention_days[at] += row.values.of(Metric::Mentions);
        engagement_days[at] += engagements(&row.values);
    }
    let windows = runs
        .iter()
        .map(|(m, launch, n)| {
            (m.to_string(), *launch - chrono::Days::new(*n as u64), *launch - chrono::Days::new(1))
        })
        .collect();
    Ok(Lift { windows, days, mentions: mention_days, engagements: engagement_days })
}
