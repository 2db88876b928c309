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

use super::store::{CampaignRecord, CampaignWrite, TopPostRow};
use super::types::{
    parse_ids, CampaignComparison, CampaignList, CampaignSaved, CampaignSpec, CampaignStatus, CampaignSummary,
    CompareMetric, ComparedCampaign, Lift, MarketRow, TopPost, OBJECTIVES, TOP_POSTS, TOP_POST_CHARS,
};
use crate::kpi::{self, EarnedDay, PostTotals, RateCardEntry, SentimentCounts};
use crate::model::{Bucket, DateRange};
use crate::server::store::{Audit, CampaignRow, Store, StoreError, StoreResult};
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
    let (records, (card, currency), (brands, markets)) =
        futures::try_join!(store.campaigns(), store.rate_card(), store.campaign_choices())?;
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
                results: record.results.iter().map(|r| (r.market.clone(), r.leads, r.sales, r.revenue)).collect(),
                mentions: m.mentions(),
                engagements: m.posts.engagements(),
                emv,
                roi,
            }
        })
        .collect();
    let brands = brands.into_iter().filter(|b| b.2).map(|b| b.1).collect();
    Ok(CampaignList { campaigns, today, currency, brands, markets })
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
        top_posts: Vec::new(),
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
        out.top_posts.extend(one.top_posts.into_iter().map(
            |(platform, account, market, day, text, impressions, reach, engagements)| TopPost {
                campaign: i,
                platform,
                account,
                market,
                day,
                text: clip(&text, TOP_POST_CHARS),
                impressions,
                reach,
                engagements,
            },
        ));
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
    top_posts: Vec<TopPostRow>,
}

/// `text` cut to `chars` characters, with an ellipsis where it was cut.
fn clip(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", text[..at].trim_end()),
        None => text.to_string(),
    }
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
            top_posts: Vec::new(),
        });
    };
    let by_team = StatsQuery {
        group_by: Some(Dimension::Team),
        ..StatsQuery::totals(Slice { campaign_id: Some(c.id), ..Slice::brand(range, c.brand_id) }, &ENGAGEMENT)
    };
    let (measured, earned_reach, teams, lift, top_posts) = futures::try_join!(
        measure(store, c, range),
        store.campaign_earned_reach(c.id, range),
        stats::run(store, &by_team),
        lift(store, c, range),
        store.campaign_top_posts(c.id, range, TOP_POSTS as i64),
    )?;
    let mut hub_local = (0, 0);
    for row in &teams {
        let e = engagements(&row.values);
        match row.group {
            Some(GroupKey::Id(Some(team))) if hubs.contains(&team) => hub_local.0 += e,
            _ => hub_local.1 += e,
        }
    }
    Ok(One { range: Some(range), measured, earned_reach, lift, hub_local, top_posts })
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

/// Checks `spec` and saves it (a new campaign when it has no id), re-attributing by its terms.
pub async fn save(store: &dyn Store, spec: &CampaignSpec, audit: Audit) -> StoreResult<CampaignSaved> {
    let (records, (brands, markets), (_, currency)) =
        futures::try_join!(store.campaigns(), store.campaign_choices(), store.rate_card())?;
    let write = checked(spec, &records, &brands, &markets, &currency).map_err(StoreError::Invalid)?;
    let action = if write.row.id > 0 { "campaign.changed" } else { "campaign.added" };
    let audit = Audit { action: action.into(), ..audit };
    let (id, moved) = store.save_campaign(&write, audit).await?;
    Ok(CampaignSaved { id, name: write.row.name, mentions_changed: moved.mentions, posts_changed: moved.posts })
}

/// A value the user typed, as a message quotes it: at most 40 characters.
fn quoted(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{:?}", format!("{}…", &text[..at])),
        None => format!("{text:?}"),
    }
}

fn parse_day(label: &str, text: &str, problems: &mut Vec<String>) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        problems.push(format!("{label}: enter a date (YYYY-MM-DD)."));
        return None;
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    if day.is_none() {
        problems.push(format!("{label}: {} is not a date (YYYY-MM-DD).", quoted(text)));
    }
    day
}

/// A number ≥ 0 (`None` when empty); thousands separators and spaces are allowed.
fn parse_amount(label: &str, text: &str, problems: &mut Vec<String>) -> Option<f64> {
    let clean: String = text.chars().filter(|c| !c.is_whitespace() && *c != ',' && *c != '_').collect();
    if clean.is_empty() {
        return None;
    }
    match clean.parse::<f64>() {
        Ok(v) if (0.0..1e15).contains(&v) => Some(v),
        Ok(_) => {
            problems.push(format!("{label}: {} must be a number of 0 or more.", quoted(text)));
            None
        }
        Err(_) => {
            problems.push(format!("{label}: {} is not a number.", quoted(text)));
            None
        }
    }
}

fn parse_count(label: &str, text: &str, problems: &mut Vec<String>) -> Option<i64> {
    let v = parse_amount(label, text, problems)?;
    if v.fract() != 0.0 {
        problems.push(format!("{label}: {} must be a whole number.", quoted(text)));
        return None;
    }
    Some(v as i64)
}

/// The campaign `spec` describes, or every problem with it, one per line.
pub fn checked(
    spec: &CampaignSpec,
    existing: &[CampaignRecord],
    brands: &[(i64, String, bool)],
    markets: &[String],
    default_currency: &str,
) -> Result<CampaignWrite, String> {
    let mut problems = Vec::new();
    let id = spec.id.unwrap_or(0);
    if spec.id.is_some() && !existing.iter().any(|r| r.row.id == id) {
        return Err(format!("There is no campaign {id}: reload the Campaigns page."));
    }
    let brand = brands.iter().find(|b| b.1.eq_ignore_ascii_case(spec.brand.trim()));
    if brand.is_none() {
        problems.push(match spec.brand.trim() {
            "" => "Brand: choose the brand the campaign is for.".to_string(),
            b => format!("Brand: there is no brand {}; brands are set up on the Setup page.", quoted(b)),
        });
    }
    let name = spec.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        problems.push("Name: enter the campaign's name.".into());
    } else if name.chars().count() > 100 {
        problems.push("Name: at most 100 characters.".into());
    } else if let Some(b) = brand {
        if existing.iter().any(|r| r.row.id != id && r.row.brand_id == b.0 && r.row.name.eq_ignore_ascii_case(&name)) {
            problems.push(format!("Name: {} already has a campaign called {name:?}; names are unique per brand.", b.1));
        }
    }
    let objective = spec.objective.trim().to_lowercase();
    if !OBJECTIVES.contains(&objective.as_str()) {
        problems.push(format!("Objective: choose one of {}.", OBJECTIVES.join(", ")));
    }
    let start = parse_day("Start", &spec.start_on, &mut problems);
    let end = parse_day("End", &spec.end_on, &mut problems);
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            problems.push(format!("End: {e} is before the start, {s}; the end is on or after the start."));
        }
    }
    let spend = parse_amount("Spend", &spec.spend, &mut problems).unwrap_or(0.0);
    let currency = match spec.currency.trim() {
        "" => default_currency.to_string(),
        c => c.to_uppercase(),
    };
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
        problems.push(format!("Currency: {} is not a three-letter ISO 4217 code (EUR, USD).", quoted(&spec.currency)));
    }
    let terms = super::attribution::normalise_terms(&spec.terms).unwrap_or_else(|e| {
        problems.push(format!("Hashtags and keywords: {e}"));
        Vec::new()
    });
    if spec.markets.is_empty() {
        problems.push("Markets: choose at least one market.".into());
    }
    let mut launches = Vec::new();
    let mut results = Vec::new();
    for m in &spec.markets {
        let code = m.market.trim().to_uppercase();
        if !markets.contains(&code) {
            problems.push(format!("Markets: there is no market {}; markets are set up on the Setup page.", quoted(&code)));
            continue;
        }
        if launches.iter().any(|l: &crate::server::store::CampaignMarket| l.market == code) {
            problems.push(format!("Markets: {code} is listed twice."));
            continue;
        }
        let launch = match m.launch_on.trim() {
            "" => start,
            _ => parse_day(&format!("Launch in {code}"), &m.launch_on, &mut problems),
        };
        if let (Some(l), Some(s), Some(e)) = (launch, start, end) {
            if s <= e && (l < s || l > e) {
                problems.push(format!("Launch in {code}: {l} is outside the campaign's dates ({s} to {e})."));
            }
        }
        let leads = parse_count(&format!("Leads in {code}"), &m.leads, &mut problems);
        let sales = parse_count(&format!("Sales in {code}"), &m.sales, &mut problems);
        let revenue = parse_amount(&format!("Revenue in {code}"), &m.revenue, &mut problems);
        if leads.is_some() || sales.is_some() || revenue.is_some() {
            results.push(crate::server::store::CampaignResultRow {
                campaign_id: id,
                market: code.clone(),
                leads,
                sales,
                revenue,
                currency: currency.clone(),
            });
        }
        if let Some(l) = launch {
            launches.push(crate::server::store::CampaignMarket { market: code, launch_on: l });
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    let (Some(brand), Some(start_on), Some(end_on)) = (brand, start, end) else {
        return Err("The campaign could not be read.".into());
    };
    Ok(CampaignWrite {
        row: CampaignRow {
            id,
            brand_id: brand.0,
            name,
            objective,
            start_on,
            end_on,
            spend,
            currency,
            hashtags: terms.join(", "),
            markets: launches,
        },
        results,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::campaigns::types::MarketSpec;

    fn spec() -> CampaignSpec {
        CampaignSpec {
            id: None,
            brand: "Voltaro".into(),
            name: " Autumn  Push ".into(),
            objective: "Awareness".into(),
            start_on: "2026-09-01".into(),
            end_on: "2026-09-30".into(),
            spend: "12,500".into(),
            currency: "".into(),
            terms: "#AutumnPush, autumn push".into(),
            markets: vec![
                MarketSpec { market: "de".into(), leads: "40".into(), ..Default::default() },
                MarketSpec { market: "AT".into(), launch_on: "2026-09-08".into(), ..Default::default() },
            ],
        }
    }

    fn check(spec: &CampaignSpec) -> Result<CampaignWrite, String> {
        let brands = [(1, "Voltaro".to_string(), true)];
        checked(spec, &[], &brands, &["AT".into(), "DE".into()], "EUR")
    }

    #[test]
    fn a_campaign_is_read_and_normalised() {
        let w = check(&spec()).expect("valid");
        assert_eq!(w.row.name, "Autumn Push");
        assert_eq!(w.row.objective, "awareness");
        assert_eq!(w.row.spend, 12_500.0);
        assert_eq!(w.row.currency, "EUR");
        assert_eq!(w.row.hashtags, "#autumnpush, autumn push");
        let launches: Vec<String> = w.row.markets.iter().map(|m| format!("{} {}", m.market, m.launch_on)).collect();
        assert_eq!(launches, ["DE 2026-09-01", "AT 2026-09-08"]);
        assert_eq!(w.results.len(), 1, "only DE reported results");
        assert_eq!(w.results[0].leads, Some(40));
        assert_eq!(w.results[0].revenue, None, "not reported is missing, not 0");
    }

    #[test]
    fn every_problem_is_named() {
        let mut s = spec();
        s.end_on = "2026-08-01".into();
        s.spend = "-3".into();
        s.terms = "#autumn push".into();
        s.markets.push(MarketSpec { market: "XX".into(), ..Default::default() });
        s.markets[1].launch_on = "2026-10-10".into();
        s.markets[0].revenue = "lots".into();
        let e = check(&s).expect_err("invalid");
        for needle in ["End:", "Spend:", "not a hashtag", "no market \"XX\"", "Revenue in DE"] {
            assert!(e.contains(needle), "{needle} in {e}");
        }
        assert!(!e.contains("Launch in"), "with the dates the wrong way round, launches are not judged: {e}");
        let mut s = spec();
        s.markets[1].launch_on = "2026-10-10".into();
        assert!(check(&s).expect_err("late launch").contains("Launch in AT: 2026-10-10 is outside"));
        let mut s = spec();
        s.brand = "Nope".into();
        s.markets.clear();
        s.start_on = "1 Sept".into();
        let e = check(&s).expect_err("invalid");
        assert!(e.contains("no brand") && e.contains("at least one market") && e.contains("not a date"), "{e}");
    }
}
