//! The executive summary's figures, read from the stats layer's rollups and the registers
//! (campaigns, accounts), for one resolved period and its comparison. All queries of a period
//! run side by side.

use std::collections::{BTreeMap, HashMap};

use chrono::{Days, NaiveDate};

use super::report::{
    BrandVoice, CampaignRoi, Crisis, Governance, Headline, MarketSentiment, Report, Tile, CRISES_SHOWN,
    MIN_MARKET_MENTIONS,
};
use super::types::ReportSpec;
use crate::kpi::{self, RateCardEntry, SentimentCounts};
use crate::model::{Bucket, DateRange};
use crate::server::store::{AccountStatus, DynStore, Store, StoreError, StoreResult};
use crate::spikes::{self, SpikeRule};
use crate::stats::run::SENTIMENT_AND_EARNED;
use crate::stats::{run as stats, Dimension, GroupKey, Metric, Slice, StatsQuery};

/// The summary `spec` names, as of `today`.
pub async fn report(store: &DynStore, spec: &ReportSpec, today: NaiveDate) -> StoreResult<Report> {
    let (range, comparison_range) = spec.resolve(today).map_err(StoreError::Invalid)?;
    let s: &dyn Store = store.as_ref();
    let (brand, options, (card, currency), tz, name, targets) = futures::try_join!(
        s.brand(None),
        s.filter_options(),
        s.rate_card(),
        crate::server::calendar::time_zone(store),
        s.setting("workspace_name"),
        s.summary_targets(),
    )?;
    let progress = |h: Headline, value: Option<f64>| {
        let set = targets.iter().find(|(token, _)| token == h.token())?.1;
        Some(super::targets::Progress::of(h, set, value, &range))
    };
    let here = Slice::brand(range, brand.id);
    let before = Slice::brand(comparison_range, brand.id);
    let bucket = Bucket::for_range(&range);
    let (mut current, previous, voices, markets, crises, campaigns, governance) = futures::try_join!(
        stats::period_sums(s, &here),
        stats::period_sums(s, &before),
        voices(s, range, bucket),
        markets(s, &here, &before),
        crises(s, &here),
        campaigns(s, brand.id, range, comparison_range, &card, &currency),
        governance(s, range.to),
    )?;
    let market_name = |code: &str| {
        options.markets.iter().find(|m| m.key == code).map_or_else(|| code.to_string(), |m| m.label.clone())
    };

    // headline tiles: the overview's KPIs, and the campaigns' spend and ROI
    let kpis = kpi::tiles(&current, &previous, &card);
    let (spend, roi) = campaigns.1;
    let tiles = Headline::ALL
        .into_iter()
        .map(|h| match h.kpi() {
            Some(k) => {
                let t = kpis.iter().find(|t| t.kpi == k);
                let value = t.and_then(|t| t.value);
                Tile {
                    headline: h,
                    value,
                    previous: t.and_then(|t| t.previous),
                    change: t.and_then(|t| t.change),
                    progress: progress(h, value),
                }
            }
            None => {
                let (value, previous) = if h == Headline::Spend { spend } else { roi };
                Tile { headline: h, value, previous, change: kpi::change(value, previous), progress: progress(h, value) }
            }
        })
        .collect();

    let sentiment_trend = kpi::bucketize(&range, bucket, std::mem::take(&mut current.sentiment_days))
        .into_iter()
        .map(|(day, c)| (day, c.net_sentiment()))
        .collect();

    let brand_names: HashMap<i64, (String, bool)> =
        options.brands.iter().map(|b| (b.id, (b.name.clone(), b.is_own))).collect();
    let (voices, voice_trend) = voices.finish(&brand_names, brand.id, &range, bucket);

    let (crises, by_market) = crises;
    let (before_by_market, with_data) = markets;
    let markets = ranked_markets(&by_market, &before_by_market)
        .into_iter()
        .map(|(code, m)| MarketSentiment { name: market_name(&code), ..m })
        .collect();
    let gaps = options.markets.iter().filter(|m| !with_data.contains(&m.key)).map(|m| m.label.clone()).collect();
    let crises = crises
        .into_iter()
        .map(|(code, m)| Crisis {
            market: market_name(&code),
            peak_day: m.peak_day,
            days: m.days,
            negative: m.peak,
            expected: m.expected,
        })
        .collect();

    Ok(Report {
        workspace: name.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| brand.name.clone()),
        brand: brand.name,
        currency,
        time_zone: tz.name().to_string(),
        range,
        comparison: spec.comparison,
        comparison_range,
        tiles,
        bucket,
        sentiment_trend,
        voices,
        voice_trend,
        campaigns: campaigns.0,
        crises,
        governance,
        markets,
        gaps,
    })
}

/// Share of voice per bucket, one value per brand.
type VoiceTrend = Vec<(NaiveDate, Vec<Option<f64>>)>;

/// Every tracked brand's mentions and sentiment per bucket.
struct Voices {
    /// (brand id, bucket) → (mentions, positive, negative)
    cells: BTreeMap<(i64, NaiveDate), (i64, i64, i64)>,
}

async fn voices(s: &dyn Store, range: DateRange, bucket: Bucket) -> StoreResult<Voices> {
    let q = StatsQuery {
        slice: Slice { brand_id: None, ..Slice::brand(range, 0) },
        metrics: vec![Metric::Mentions, Metric::Positive, Metric::Negative],
        group_by: Some(Dimension::Brand),
        series: Some(bucket),
    };
    let mut cells = BTreeMap::new();
    for row in stats::run(s, &q).await? {
        let (Some(GroupKey::Id(Some(id))), Some(day)) = (row.group, row.bucket) else { continue };
        let v = row.values;
        cells.insert((id, day), (v.of(Metric::Mentions), v.of(Metric::Positive), v.of(Metric::Negative)));
    }
    Ok(Voices { cells })
}

impl Voices {
    fn finish(
        self,
        names: &HashMap<i64, (String, bool)>,
        own: i64,
        range: &DateRange,
        bucket: Bucket,
    ) -> (Vec<BrandVoice>, VoiceTrend) {
        let mut totals: BTreeMap<i64, (i64, i64, i64)> = names.keys().map(|id| (*id, (0, 0, 0))).collect();
        for ((id, _), (m, p, n)) in &self.cells {
            let t = totals.entry(*id).or_default();
            (t.0, t.1, t.2) = (t.0 + m, t.1 + p, t.2 + n);
        }
        let all: i64 = totals.values().map(|t| t.0).sum();
        let mut order: Vec<i64> = totals.keys().copied().collect();
        order.sort_by_key(|id| (*id != own, -totals[id].0, *id));
        let voices = order
            .iter()
            .map(|id| {
                let (m, p, n) = totals[id];
                let counts = SentimentCounts { positive: p, neutral: 0, negative: n };
                BrandVoice {
                    name: names.get(id).map_or_else(|| format!("brand {id}"), |n| n.0.clone()),
                    own: *id == own,
                    mentions: m,
                    share: kpi::share_of_voice(m, all),
                    net_sentiment: counts.net_sentiment(),
                }
            })
            .collect();
        let trend = kpi::bucketize(range, bucket, std::iter::empty::<(NaiveDate, i64)>())
            .into_iter()
            .map(|(day, _)| {
                let of = |id: &i64| self.cells.get(&(*id, day)).map_or(0, |c| c.0);
                let all: i64 = order.iter().map(of).sum();
                (day, order.iter().map(|id| kpi::share_of_voice(of(id), all)).collect())
            })
            .collect();
        (voices, trend)
    }
}

/// The brand's markets ranked by net sentiment (with its change), from its counts per market in
/// the period (`now`, read with the crisis moments), and every market code with any mention
/// (of any brand) or owned post in the period.
async fn markets(
    s: &dyn Store,
    here: &Slice,
    before: &Slice,
) -> StoreResult<(MarketCounts, Vec<String>)> {
    let by_market = |slice: &Slice, metrics: &[Metric]| StatsQuery {
        group_by: Some(Dimension::Market),
        ..StatsQuery::totals(slice.clone(), metrics)
    };
    let queries = [
        by_market(before, &[Metric::Mentions, Metric::Positive, Metric::Negative]),
        by_market(&Slice { brand_id: None, ..here.clone() }, &[Metric::Mentions]),
        by_market(here, &[Metric::Posts]),
    ];
    let (then, any, posts) = futures::try_join!(
        stats::run(s, &queries[0]),
        stats::run(s, &queries[1]),
        stats::run(s, &queries[2]),
    )?;
    let then: MarketCounts = then
        .iter()
        .filter_map(|r| match &r.group {
            Some(GroupKey::Code(code)) if !code.is_empty() => {
                let v = &r.values;
                Some((code.clone(), (v.of(Metric::Mentions), v.of(Metric::Positive), v.of(Metric::Negative))))
            }
            _ => None,
        })
        .collect();
    let mut with_data: Vec<String> = any
        .iter()
        .chain(&posts)
        .filter(|r| r.values.of(Metric::Mentions) + r.values.of(Metric::Posts) > 0)
        .filter_map(|r| match &r.group {
            Some(GroupKey::Code(code)) => Some(code.clone()),
            _ => None,
        })
        .collect();
    with_data.sort();
    with_data.dedup();
    Ok((then, with_data))
}

/// The markets with at least `MIN_MARKET_MENTIONS` in the period, highest net sentiment first,
/// each with its change where the period before had as many.
fn ranked_markets(now: &MarketCounts, then: &MarketCounts) -> Vec<(String, MarketSentiment)> {
    let net = |(_, p, n): &(i64, i64, i64)| SentimentCounts { positive: *p, neutral: 0, negative: *n }.net_sentiment();
    let mut ranked: Vec<(String, MarketSentiment)> = now
        .iter()
        .filter(|(_, c)| c.0 >= MIN_MARKET_MENTIONS && net(c).is_some())
        .map(|(code, c)| {
            let before = then.get(code).filter(|b| b.0 >= MIN_MARKET_MENTIONS).and_then(net);
            let change = kpi::change(net(c), before).map(|c| c.absolute);
            (code.clone(), MarketSentiment { name: code.clone(), mentions: c.0, net_sentiment: net(c), change })
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.1.net_sentiment.unwrap_or(0.0).total_cmp(&a.1.net_sentiment.unwrap_or(0.0)).then_with(|| a.0.cmp(&b.0))
    });
    ranked
}

/// The own brand's mentions, positive and negative mentions per market in the period.
type MarketCounts = BTreeMap<String, (i64, i64, i64)>;

/// Negative spikes per market in the period, largest first, and — from the same rows — the
/// brand's sentiment counts per market in the period (one pass over the rollup for both).
async fn crises(s: &dyn Store, here: &Slice) -> StoreResult<(Vec<(String, spikes::Moment)>, MarketCounts)> {
    let rule = SpikeRule::DEFAULT;
    let from = here.range.from.checked_sub_days(Days::new(rule.baseline_days as u64)).unwrap_or(here.range.from);
    let range = DateRange { from, to: here.range.to };
    let q = StatsQuery {
        slice: Slice { range, ..here.clone() },
        metrics: vec![Metric::Mentions, Metric::Positive, Metric::Negative],
        group_by: Some(Dimension::Market),
        series: Some(Bucket::Day),
    };
    let mut series: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    let mut totals = MarketCounts::new();
    let len = range.days() as usize;
    for row in stats::run(s, &q).await? {
        let (Some(GroupKey::Code(code)), Some(day)) = (row.group, row.bucket) else { continue };
        if code.is_empty() {
            continue;
        }
        let v = &row.values;
        if day >= here.range.from {
            let t = totals.entry(code.clone()).or_default();
            (t.0, t.1, t.2) = (t.0 + v.of(Metric::Mentions), t.1 + v.of(Metric::Positive), t.2 + v.of(Metric::Negative));
        }
        let i = (day - from).num_days() as usize;
        if i < len {
            series.entry(code).or_insert_with(|| vec![0; len])[i] += v.of(Metric::Negative);
        }
    }
    let mut found: Vec<(String, spikes::Moment)> = series
        .into_iter()
        .flat_map(|(code, counts)| {
            spikes::moments(from, &counts, &rule).into_iter().map(move |m| (code.clone(), m))
        })
        .filter(|(_, m)| m.peak_day >= here.range.from)
        .collect();
    found.sort_by(|a, b| b.1.excess().total_cmp(&a.1.excess()).then_with(|| a.1.peak_day.cmp(&b.1.peak_day)));
    found.truncate(CRISES_SHOWN);
    Ok((found, totals))
}

/// The overlap of two ranges.
fn overlap(a: &DateRange, b: &DateRange) -> Option<DateRange> {
    let (from, to) = (a.from.max(b.from), a.to.min(b.to));
    (from <= to).then_some(DateRange { from, to })
}

/// Spend and ROI (value, previous) of a set of campaign rows.
type SpendRoi = ((Option<f64>, Option<f64>), (Option<f64>, Option<f64>));

/// The own brand's campaigns that ran in `range`, by ROI, and the spend and ROI tiles of both
/// periods. A campaign's spend and revenue are spread evenly over its days (start to end).
async fn campaigns(
    s: &dyn Store,
    brand_id: i64,
    range: DateRange,
    previous: DateRange,
    card: &[RateCardEntry],
    currency: &str,
) -> StoreResult<(Vec<CampaignRoi>, SpendRoi)> {
    let records = s.campaigns().await?;
    let ours: Vec<_> = records.iter().filter(|r| r.row.brand_id == brand_id).collect();
    let period = |range: DateRange| {
        let ours = &ours;
        async move {
            let rows = futures::future::try_join_all(ours.iter().filter_map(|r| {
                let c = &r.row;
                let days = overlap(&DateRange { from: c.start_on, to: c.end_on }, &range)?;
                Some(async move {
                    let q = StatsQuery {
                        slice: Slice { campaign_id: Some(c.id), ..Slice::brand(days, brand_id) },
                        metrics: SENTIMENT_AND_EARNED.to_vec(),
                        group_by: Some(Dimension::Platform),
                        series: Some(Bucket::Day),
                    };
                    let earned: Vec<kpi::EarnedDay> = stats::run(s, &q)
                        .await?
                        .iter()
                        .filter_map(|row| match (&row.group, row.bucket) {
                            (Some(GroupKey::Code(p)), Some(day)) => Some(stats::earned_day(p, day, &row.values)),
                            _ => None,
                        })
                        .collect();
                    let share = days.days() as f64 / DateRange { from: c.start_on, to: c.end_on }.days() as f64;
                    let same = c.currency.eq_ignore_ascii_case(currency)
                        && r.results.iter().all(|x| x.currency.eq_ignore_ascii_case(currency));
                    let revenues: Vec<f64> = r.results.iter().filter_map(|x| x.revenue).collect();
                    let revenue = (!revenues.is_empty()).then(|| revenues.iter().sum::<f64>() * share);
                    let spend = c.spend * share;
                    let emv = kpi::earned_media_value(&earned, card);
                    let roi = match revenue {
                        Some(rev) if same && spend > 0.0 => Some((emv + rev - spend) / spend * 100.0),
                        _ => None,
                    };
                    Ok::<_, StoreError>((
                        CampaignRoi { name: c.name.clone(), days, spend, emv, revenue, roi },
                        same,
                    ))
                })
            }))
            .await?;
            let spend: f64 = rows.iter().filter(|(_, same)| *same).map(|(c, _)| c.spend).sum();
            let with_roi: Vec<&CampaignRoi> = rows.iter().filter_map(|(c, _)| c.roi.map(|_| c)).collect();
            let invested: f64 = with_roi.iter().map(|c| c.spend).sum();
            let returned: f64 = with_roi.iter().map(|c| c.emv + c.revenue.unwrap_or(0.0)).sum();
            let roi = (invested > 0.0).then(|| (returned - invested) / invested * 100.0);
            let spend = rows.iter().any(|(_, same)| *same).then_some(spend);
            Ok::<_, StoreError>((rows.into_iter().map(|(c, _)| c).collect::<Vec<_>>(), spend, roi))
        }
    };
    let ((mut list, spend, roi), (_, spend_before, roi_before)) = futures::try_join!(period(range), period(previous))?;
    list.sort_by(|a, b| match (a.roi, b.roi) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => b.spend.total_cmp(&a.spend),
    });
    Ok((list, ((spend, spend_before), (roi, roi_before))))
}

/// Accounts at risk, by risk, under the governance page's rules on `end` (owners as recorded
/// today, posts up to `end`).
async fn governance(s: &dyn Store, end: NaiveDate) -> StoreResult<Governance> {
    use crate::accounts::{risks, Risk, RiskRules, DORMANT_DAYS_KEY, REVIEW_DAYS_KEY};
    let (dormant, review, rounds, accounts) =
        futures::try_join!(s.setting(DORMANT_DAYS_KEY), s.setting(REVIEW_DAYS_KEY), s.review_rounds(), s.registry(end))?;
    let mut rules = RiskRules::from_settings(dormant, review);
    // the latest access review round opened by then
    rules.round = rounds.iter().find(|r| r.opened_on <= end).map(|r| (r.opened_on, r.due_on));
    let mut g = Governance { dormant_days: rules.dormant_days, review_days: rules.review_days, ..Governance::default() };
    for a in accounts.iter().filter(|a| a.status != AccountStatus::Archived) {
        let r = risks(a, &rules, end);
        g.accounts += 1;
        g.orphaned += i64::from(r.contains(&Risk::Orphaned));
        g.no_backup += i64::from(r.contains(&Risk::NoBackup));
        g.dormant += i64::from(r.contains(&Risk::Dormant));
        g.review_overdue += i64::from(r.contains(&Risk::ReviewOverdue));
    }
    Ok(g)
}
