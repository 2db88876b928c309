//! Demo data that looks like a real brand's year: an own e-bike brand and three competitors,
//! a hub team and six local teams, ~24 accounts with governance problems, four campaigns,
//! owned posts with heavy-tailed engagement, earned mentions in English and German with a
//! planted crisis and visible campaign lifts. Deterministic for a seed and an end date.
//!
//! Activity is generated day by day and written in batches, so memory stays flat whatever
//! `--mentions` asks for.

pub mod rng;
pub mod text;

use chrono::{Days, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;

use crate::kpi::{RateCardEntry, RateMetric};
use crate::model::Sentiment;
use crate::server::store::{
    AccountEventRow, AccountRow, AccountStatus, Audit, AuthorRow, BrandRow, CampaignMarket,
    CampaignResultRow, CampaignRow, DynStore, NewMention, NewPost, PersonRow, ReferenceData, SentimentSource,
    StoreResult, TeamRow,
};
use rng::Rng;
use text::{Kind, Lang};

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub mentions: u64,
    pub seed: u64,
    /// Last day of the demo year (in the reporting time zone).
    pub until: NaiveDate,
    pub time_zone: Tz,
    /// Sentiment label thresholds the scorer uses.
    pub thresholds: crate::sentiment::Thresholds,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub mentions: u64,
    pub posts: u64,
    pub accounts: usize,
    pub authors: usize,
    pub from: NaiveDate,
    pub until: NaiveDate,
    /// The scorer against the sentiment each text was written to express, per detected
    /// language: (agreeing, scored).
    pub agreement: std::collections::BTreeMap<String, (u64, u64)>,
}

impl DemoSummary {
    /// "87.1 % (en 90.2 % of 120,000, de 81.0 % of 80,000)".
    pub fn agreement_line(&self) -> String {
        let (agree, total) = self.agreement.values().fold((0, 0), |(a, t), (x, y)| (a + x, t + y));
        let pct = |a: u64, t: u64| if t == 0 { 0.0 } else { 100.0 * a as f64 / t as f64 };
        let parts: Vec<String> = self
            .agreement
            .iter()
            .map(|(lang, (a, t))| format!("{lang} {:.1} % of {t}", pct(*a, *t)))
            .collect();
        format!("{:.1} % ({})", pct(agree, total), parts.join(", "))
    }
}

/// Days in the demo year.
pub const DAYS: u64 = 365;
/// Mentions written per transaction.
const BATCH: usize = 20_000;

/// The platforms the demo's accounts and mentions are on: those accounts can be on.
use crate::features::setup::types::PLATFORMS;
/// How earned mentions spread over the platforms.
const PLATFORM_WEIGHTS: [f64; 6] = [0.30, 0.16, 0.26, 0.06, 0.07, 0.15];
const MARKETS: [(&str, &str); 6] = [
    ("DE", "Germany"),
    ("AT", "Austria"),
    ("CH", "Switzerland"),
    ("FR", "France"),
    ("UK", "United Kingdom"),
    ("NL", "Netherlands"),
];
const MARKET_WEIGHTS: [f64; 6] = [0.32, 0.10, 0.10, 0.14, 0.22, 0.12];
/// (name, share of voice weight, positive, neutral, negative)
const BRANDS: [(&str, f64, [f64; 3]); 4] = [
    ("Voltaro", 0.40, [0.42, 0.38, 0.20]),
    ("Rivex", 0.27, [0.35, 0.42, 0.23]),
    ("Pedalia", 0.19, [0.30, 0.45, 0.25]),
    ("Kurvo", 0.14, [0.38, 0.40, 0.22]),
];
/// The market of the planted crisis, and how many days before the end it starts.
pub const CRISIS_MARKET: &str = "DE";
pub const CRISIS_DAYS_BEFORE_END: u64 = 19;

struct Campaign {
    row: CampaignRow,
    hashtag: &'static str,
}

/// Generates the demo into an empty (or emptied) store.
pub async fn generate(store: &DynStore, opts: &DemoOptions) -> StoreResult<DemoSummary> {
    let from = opts.until.checked_sub_days(Days::new(DAYS - 1)).unwrap_or(opts.until);
    store.clear_data().await?;
    store.set_setting("reporting_time_zone", opts.time_zone.name()).await?;
    store.set_setting("demo", "true").await?;
    // the demo's rate card, spend and results are in euros
    store.set_setting("currency", "EUR").await?;

    let authors_n = (opts.mentions / 5).clamp(2_000, 200_000) as usize;
    let reference = reference_data(opts.seed, from, authors_n);
    store.insert_reference(&reference).await?;
    let campaigns: Vec<Campaign> =
        campaigns(from).into_iter().map(|(row, hashtag)| Campaign { row, hashtag }).collect();

    let day_counts = allocate_mentions(opts.mentions, from, &campaigns, opts.seed);
    // Each market has its own authors (by index in `reference.authors`).
    let mut pools: Vec<Vec<usize>> = vec![Vec::new(); MARKETS.len()];
    for (i, _) in reference.authors.iter().enumerate() {
        pools[i % MARKETS.len()].push(i);
    }
    let mut mentions_rng = Rng::stream(opts.seed, "mentions");
    let mut posts_rng = Rng::stream(opts.seed, "posts");
    let mut mentions: Vec<NewMention> = Vec::with_capacity(BATCH + 4096);
    let mut posts: Vec<NewPost> = Vec::new();
    let (mut written_mentions, mut written_posts) = (0u64, 0u64);
    let mut agreement = std::collections::BTreeMap::<String, (u64, u64)>::new();
    let mut serial = 0u64;

    let ctx = Ctx { opts, from, reference: &reference, campaigns: &campaigns, pools: &pools };
    for (i, day) in from.iter_days().take(DAYS as usize).enumerate() {
        for (cell, count) in day_counts[i].iter().enumerate() {
            let (brand, market) = (cell / MARKETS.len(), cell % MARKETS.len());
            for _ in 0..*count {
                serial += 1;
                mentions.push(ctx.mention(&mut mentions_rng, day, brand, market, serial));
            }
        }
        ctx.posts_for_day(&mut posts_rng, day, &mut posts);
        if mentions.len() >= BATCH || i + 1 == DAYS as usize {
            for m in &mentions {
                if let (Some(intended), Some(scored)) = (m.generated_label, m.computed_label) {
                    let entry = agreement.entry(m.language.clone().unwrap_or_default()).or_default();
                    entry.0 += u64::from(intended == scored);
                    entry.1 += 1;
                }
            }
            store.insert_activity(&mentions, &posts).await?;
            written_mentions += mentions.len() as u64;
            written_posts += posts.len() as u64;
            mentions.clear();
            posts.clear();
        }
    }
    store.optimize().await?;
    crate::features::users::service::add_demo_users(store).await?;
    let audit = Audit::new(crate::server::auth::now(), None, "demo.generated", None)
        .detail(serde_json::json!({ "mentions": written_mentions, "seed": opts.seed, "until": opts.until }));
    store.audit(audit).await?;
    Ok(DemoSummary {
        mentions: written_mentions,
        posts: written_posts,
        accounts: reference.accounts.len(),
        authors: reference.authors.len(),
        from,
        until: opts.until,
        agreement,
    })
}

/// Is `day` within the crisis window?
fn in_crisis(day: NaiveDate, from: NaiveDate) -> bool {
    let start = from + Days::new(DAYS - CRISIS_DAYS_BEFORE_END);
    day >= start && day < start + Days::new(3)
}

/// Splits `total` mentions over (day, brand, market) cells by weight, exactly: cumulative
/// rounding makes the counts add up to `total`.
fn allocate_mentions(total: u64, from: NaiveDate, campaigns: &[Campaign], seed: u64) -> Vec<Vec<u64>> {
    let mut noise = Rng::stream(seed, "volume");
    let cells = BRANDS.len() * MARKETS.len();
    let mut weights = vec![vec![0.0f64; cells]; DAYS as usize];
    for (i, day) in from.iter_days().take(DAYS as usize).enumerate() {
        let weekday = chrono::Datelike::weekday(&day).num_days_from_monday();
        let week_factor = if weekday >= 5 { 0.75 } else { 1.05 };
        // a slow upward trend over the year
        let trend = 0.85 + 0.3 * i as f64 / DAYS as f64;
        for (b, brand) in BRANDS.iter().enumerate() {
            for (m, market) in MARKETS.iter().enumerate() {
                // day-to-day noise, so no two days look alike
                let mut w = brand.1 * MARKET_WEIGHTS[m] * week_factor * trend * noise.lognormal(1.0, 0.22);
                if b == 0 {
                    if campaigns.iter().any(|c| c.row.live_in(market.0, day)) {
                        w *= 1.8;
                    }
                    if market.0 == CRISIS_MARKET && in_crisis(day, from) {
                        w *= 6.0;
                    }
                }
                weights[i][b * MARKETS.len() + m] = w;
            }
        }
    }
    let sum: f64 = weights.iter().flatten().sum();
    let mut acc = 0.0f64;
    let mut assigned = 0u64;
    weights
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|w| {
                    acc += w;
                    let upto = ((acc / sum) * total as f64).round() as u64;
                    let n = upto.min(total) - assigned.min(upto.min(total));
                    assigned += n;
                    n
                })
                .collect()
        })
        .collect()
}

/// Unix seconds of a local day plus `secs` in `tz` (the earlier instant across a DST fold).
fn instant(tz: Tz, day: NaiveDate, secs: i64) -> i64 {
    let time = NaiveTime::from_num_seconds_from_midnight_opt(secs as u32, 0).unwrap_or_default();
    let local = day.and_time(time);
    tz.from_local_datetime(&local).earliest().map_or_else(|| local.and_utc().timestamp(), |t| t.timestamp())
}

/// What the per-day generators read.
struct Ctx<'a> {
    opts: &'a DemoOptions,
    from: NaiveDate,
    reference: &'a ReferenceData,
    campaigns: &'a [Campaign],
    /// Author indices by market.
    pools: &'a [Vec<usize>],
}

impl Ctx<'_> {
    fn mention(&self, rng: &mut Rng, day: NaiveDate, brand: usize, market: usize, serial: u64) -> NewMention {
        let Ctx { opts, from, reference, campaigns, pools } = *self;
        let (brand_name, _, mix) = BRANDS[brand];
        let market_code = MARKETS[market].0;
        let campaign = (brand == 0)
            .then(|| campaigns.iter().find(|c| c.row.live_in(market_code, day)))
            .flatten()
            .filter(|_| rng.chance(0.45));
        let crisis = brand == 0 && market_code == CRISIS_MARKET && in_crisis(day, from);
        let german_market = matches!(market_code, "DE" | "AT" | "CH");
        let lang = if german_market && rng.chance(0.8) { Lang::De } else { Lang::En };
        let question = !crisis && rng.chance(0.06);
        let sentiment = if question {
            Sentiment::Neutral
        } else if crisis {
            Sentiment::ALL[rng.weighted(&[0.05, 0.13, 0.82])]
        } else if campaign.is_some() {
            Sentiment::ALL[rng.weighted(&[0.55, 0.33, 0.12])]
        } else {
            Sentiment::ALL[rng.weighted(&mix)]
        };
        let kind = if question { Kind::Question } else { Kind::Opinion(sentiment) };
        let text = text::write(rng, lang, kind, brand_name, campaign.map(|c| c.hashtag));

        // Heavy head: a few authors write a lot.
        // Authors live in a market; a few of them write a lot.
        let pool = &pools[market];
        let author =
            &reference.authors[pool[((rng.unit().powi(3)) * pool.len() as f64) as usize % pool.len()]];
        let followers = author.followers;
        let reach = (followers as f64 * rng.lognormal(0.35, 0.6)).round() as i64;
        let likes = (reach as f64 * rng.lognormal(0.012, 1.0)).round() as i64;
        let comments = (likes as f64 * rng.lognormal(0.08, 0.7)).round() as i64;
        let shares = (likes as f64 * rng.lognormal(0.05, 0.8)).round() as i64;
        let first_response_secs = (question && brand == 0 && rng.chance(0.8))
            .then(|| rng.lognormal(2.5 * 3600.0, 1.0).round() as i64);
        let published_at = instant(opts.time_zone, day, rng.range(6 * 3600, 23 * 3600));
        let mut mention = NewMention {
            brand_id: brand as i64 + 1,
            platform: PLATFORMS
                .iter()
                .map(|(code, _)| *code)
                .find(|code| *code == author.platform)
                .unwrap_or("x"),
            external_id: format!("demo-m{serial}"),
            author_id: author.id,
            author_followers: followers,
            published_at,
            day,
            market: market_code,
            // the scorer detects the language, as it would for an import
            language: None,
            text,
            sentiment,
            sentiment_score: None,
            sentiment_source: SentimentSource::Generated,
            computed_score: None,
            computed_label: None,
            unscored_reason: None,
            imported_label: None,
            // what the text was written to express: the self-check for the scorer
            generated_label: Some(sentiment),
            reach,
            likes,
            comments,
            shares,
            campaign_id: campaign.map(|c| c.row.id),
            is_inquiry: question,
            first_response_secs,
        };
        mention.score(&opts.thresholds);
        mention
    }

    fn posts_for_day(&self, rng: &mut Rng, day: NaiveDate, out: &mut Vec<NewPost>) {
        let Ctx { opts, from, reference, campaigns, .. } = *self;
        for account in reference.accounts.iter().filter(|a| a.brand_id == 1) {
            let per_week = match account.status {
                AccountStatus::Official => match account.platform.as_str() {
                    "instagram" | "x" => 5.0,
                    "tiktok" | "facebook" => 3.0,
                    "linkedin" => 2.0,
                    _ => 1.0,
                },
                AccountStatus::Unofficial => 1.5,
                // dormant accounts went quiet four months into the year
                AccountStatus::Dormant if day < from + Days::new(120) => 1.0,
                _ => 0.0,
            };
            if !rng.chance(per_week / 7.0) {
                continue;
            }
            let market = account.market.clone().unwrap_or_default();
            // a global account (no market) posts for a campaign from its first launch on
            let campaign = campaigns.iter().find(|c| {
                if market.is_empty() {
                    c.row.start_on <= day && day <= c.row.end_on
                } else {
                    c.row.live_in(&market, day)
                }
            });
            let boost = campaign
                .and_then(|c| DEMO_CAMPAIGNS.iter().find(|d| d.id == c.row.id))
                .map_or(1.0, |d| d.post_boost);
            let impressions = (account.followers as f64 * rng.lognormal(0.45, 0.8) * boost).round() as i64;
            let reach = (impressions as f64 * (0.55 + 0.4 * rng.unit())).round() as i64;
            let engagements = reach as f64 * rng.lognormal(0.035, 0.7);
            let video = matches!(account.platform.as_str(), "youtube" | "tiktok" | "instagram");
            let lang = if matches!(market.as_str(), "DE" | "AT" | "CH") { Lang::De } else { Lang::En };
            out.push(NewPost {
                brand_id: account.brand_id,
                account_id: account.id,
                campaign_id: campaign.map(|c| c.row.id),
                campaign_by_terms: false,
                platform: account.platform.clone(),
                external_id: format!("demo-p{}-{}-{}", account.id, day, rng.range(0, 1_000_000)),
                published_at: instant(opts.time_zone, day, rng.range(7 * 3600, 20 * 3600)),
                day,
                market,
                text: text::write(
                    rng,
                    lang,
                    Kind::Opinion(Sentiment::Positive),
                    "Voltaro",
                    campaign.map(|c| c.hashtag),
                ),
                impressions,
                reach,
                reactions: (engagements * 0.78).round() as i64,
                comments: (engagements * 0.07).round() as i64,
                shares: (engagements * 0.05).round() as i64,
                saves: if account.platform == "instagram" { (engagements * 0.04).round() as i64 } else { 0 },
                clicks: if matches!(account.platform.as_str(), "facebook" | "linkedin" | "x") {
                    (engagements * 0.06).round() as i64
                } else {
                    0
                },
                video_views: if video {
                    (impressions as f64 * rng.lognormal(0.3, 0.5)).round() as i64
                } else {
                    0
                },
            });
        }
    }
}

/// The demo's campaigns, each with its hashtag, the days (from the year's first) its markets
/// launched on, and its results per market (leads, sales, revenue in EUR). Written so the
/// comparison tells a story: Winter Deals wins on ROI, City Commute pays back less, Spring Ride
/// (staggered over three markets) lifts mentions and engagement, and Alpine Summer lifts mentions
/// but not owned engagement (its posts get no boost).
struct DemoCampaign {
    id: i64,
    name: &'static str,
    objective: &'static str,
    end: u64,
    spend: f64,
    hashtag: &'static str,
    /// (market, launch day)
    markets: &'static [(&'static str, u64)],
    /// (market, leads, sales, revenue)
    results: &'static [(&'static str, i64, i64, f64)],
    /// Owned posts in the campaign reach this many times the usual audience.
    post_boost: f64,
}

const DEMO_CAMPAIGNS: [DemoCampaign; 4] = [
    DemoCampaign {
        id: 1,
        name: "Spring Ride",
        objective: "awareness",
        end: 130,
        spend: 180_000.0,
        hashtag: "#SpringRide",
        markets: &[("DE", 95), ("AT", 102), ("CH", 109)],
        results: &[],
        post_boost: 1.6,
    },
    DemoCampaign {
        id: 2,
        name: "City Commute",
        objective: "consideration",
        end: 205,
        spend: 140_000.0,
        hashtag: "#RideTheCity",
        markets: &[("FR", 170), ("UK", 175), ("NL", 180)],
        results: &[("FR", 900, 60, 48_000.0), ("UK", 650, 41, 33_500.0)],
        post_boost: 1.5,
    },
    DemoCampaign {
        id: 3,
        name: "Alpine Summer",
        objective: "awareness",
        end: 255,
        spend: 90_000.0,
        hashtag: "#AlpineSummer",
        markets: &[("AT", 230), ("CH", 230)],
        results: &[],
        post_boost: 1.0,
    },
    DemoCampaign {
        id: 4,
        name: "Winter Deals",
        objective: "conversion",
        end: 350,
        spend: 120_000.0,
        hashtag: "#VoltaroDeals",
        markets: &[("DE", 330), ("AT", 330), ("CH", 330), ("FR", 332), ("UK", 332), ("NL", 332)],
        results: &[
            ("DE", 2_400, 610, 402_000.0),
            ("AT", 700, 160, 104_000.0),
            ("CH", 520, 130, 97_500.0),
            ("FR", 1_100, 240, 151_000.0),
            ("UK", 1_300, 290, 176_000.0),
            ("NL", 380, 85, 52_000.0),
        ],
        post_boost: 1.7,
    },
];

fn campaigns(from: NaiveDate) -> Vec<(CampaignRow, &'static str)> {
    let at = |offset: u64| from + Days::new(offset);
    DEMO_CAMPAIGNS
        .iter()
        .map(|c| {
            let markets: Vec<CampaignMarket> = c
                .markets
                .iter()
                .map(|(m, launch)| CampaignMarket { market: m.to_string(), launch_on: at(*launch) })
                .collect();
            let start = c.markets.iter().map(|(_, launch)| *launch).min().unwrap_or(c.end);
            let row = CampaignRow {
                id: c.id,
                brand_id: 1,
                name: c.name.into(),
                objective: c.objective.into(),
                start_on: at(start),
                end_on: at(c.end),
                spend: c.spend,
                currency: "EUR".into(),
                hashtags: c.hashtag.into(),
                markets,
            };
            (row, c.hashtag)
        })
        .collect()
}

/// Brands, teams, people, accounts, campaigns, rate card and the author pool.
fn reference_data(seed: u64, from: NaiveDate, authors_n: usize) -> ReferenceData {
    let mut rng = Rng::stream(seed, "reference");
    let day = |offset: i64| {
        if offset >= 0 {
            from + Days::new(offset as u64)
        } else {
            from - Days::new(offset.unsigned_abs())
        }
    };
    let mut d = ReferenceData {
        platforms: PLATFORMS.iter().map(|(c, n)| (c.to_string(), n.to_string())).collect(),
        markets: MARKETS.iter().map(|(c, n)| (c.to_string(), n.to_string())).collect(),
        currency: "EUR".into(),
        ..Default::default()
    };
    d.brands = BRANDS
        .iter()
        .enumerate()
        .map(|(i, (name, _, _))| BrandRow {
            id: i as i64 + 1,
            name: name.to_string(),
            is_own: i == 0,
            keywords: name.to_lowercase(),
        })
        .collect();
    d.teams.push(TeamRow {
        id: 1,
        name: "Global Hub".into(),
        market: None,
        region: "Global".into(),
        is_hub: true,
    });
    for (i, (code, name)) in MARKETS.iter().enumerate() {
        let region = if matches!(*code, "DE" | "AT" | "CH") { "DACH" } else { "Western Europe" };
        d.teams.push(TeamRow {
            id: i as i64 + 2,
            name: format!("{name} Team"),
            market: Some(code.to_string()),
            region: region.into(),
            is_hub: false,
        });
    }
    const NAMES: [&str; 21] = [
        "Anna Weber",
        "Jonas Keller",
        "Mia Schulz",
        "Lukas Bauer",
        "Sophie Gruber",
        "Elias Huber",
        "Lea Meier",
        "Noah Brunner",
        "Chloé Martin",
        "Hugo Bernard",
        "Emma Thompson",
        "Oliver Hughes",
        "Fleur de Vries",
        "Daan Bakker",
        "Sanne Visser",
        "Léa Dubois",
        "Jack Wilson",
        "Marie Fischer",
        "Felix Wagner",
        "Laura Steiner",
        "Tom Jansen",
    ];
    for (i, name) in NAMES.iter().enumerate() {
        let team_id = (i % 7) as i64 + 1;
        let email =
            format!("{}@voltaro.example", name.to_lowercase().replace(' ', ".").replace(['é', 'è'], "e"));
        // Every fifth person has left the company.
        let left_on = (i % 5 == 3).then(|| day(rng.range(30, 300)));
        d.people.push(PersonRow { id: i as i64 + 1, name: name.to_string(), email, team_id, left_on });
    }
    let person_of = |team: i64, nth: usize| -> Option<i64> {
        NAMES
            .iter()
            .enumerate()
            .filter(|(i, _)| (*i % 7) as i64 + 1 == team)
            .nth(nth)
            .map(|(i, _)| i as i64 + 1)
    };
    // (platform, market, status, backup owner?)
    let plan: [(&str, Option<&str>, AccountStatus, bool); 24] = [
        ("x", None, AccountStatus::Official, true),
        ("facebook", None, AccountStatus::Official, true),
        ("instagram", None, AccountStatus::Official, true),
        ("linkedin", None, AccountStatus::Official, true),
        ("youtube", None, AccountStatus::Official, false),
        ("tiktok", None, AccountStatus::Official, true),
        ("instagram", Some("DE"), AccountStatus::Official, true),
        ("facebook", Some("DE"), AccountStatus::Official, true),
        ("x", Some("DE"), AccountStatus::Official, false),
        ("tiktok", Some("DE"), AccountStatus::Official, true),
        ("instagram", Some("AT"), AccountStatus::Official, true),
        ("x", Some("AT"), AccountStatus::Dormant, false),
        ("instagram", Some("CH"), AccountStatus::Official, true),
        ("linkedin", Some("CH"), AccountStatus::Official, false),
        ("instagram", Some("FR"), AccountStatus::Official, true),
        ("facebook", Some("FR"), AccountStatus::Official, true),
        ("x", Some("FR"), AccountStatus::Dormant, false),
        ("instagram", Some("UK"), AccountStatus::Official, true),
        ("x", Some("UK"), AccountStatus::Official, true),
        ("youtube", Some("UK"), AccountStatus::Official, false),
        ("instagram", Some("NL"), AccountStatus::Official, true),
        ("facebook", Some("NL"), AccountStatus::Official, false),
        ("instagram", Some("NL"), AccountStatus::Unofficial, false),
        ("tiktok", Some("FR"), AccountStatus::Unofficial, false),
    ];
    for (i, (platform, market, status, backup)) in plan.iter().enumerate() {
        let id = i as i64 + 1;
        let team = match market {
            None => Some(1),
            Some(code) => MARKETS.iter().position(|(c, _)| c == code).map(|p| p as i64 + 2),
        };
        let unofficial = *status == AccountStatus::Unofficial;
        let suffix = match market {
            None => String::new(),
            Some(m) => format!("_{}", m.to_lowercase()),
        };
        let handle = if unofficial { format!("voltaro_fans{suffix}") } else { format!("voltaro{suffix}") };
        let followers = if market.is_none() { rng.pareto(60_000.0, 1.3) } else { rng.pareto(4_000.0, 1.2) }
            .min(3_000_000.0) as i64;
        let owner = if unofficial { None } else { team.and_then(|t| person_of(t, i % 2)) };
        d.accounts.push(AccountRow {
            id,
            brand_id: 1,
            platform: platform.to_string(),
            url: format!("https://{platform}.example/{handle}"),
            handle,
            market: market.map(str::to_string),
            team_id: if unofficial { None } else { team },
            owner_id: owner,
            backup_owner_id: if *backup { team.and_then(|t| person_of(t, (i + 1) % 2 + 1)) } else { None },
            custodian_id: if unofficial { None } else { team.and_then(|t| person_of(t, 0)) },
            status: *status,
            created_on: day(-rng.range(200, 2500)),
            last_reviewed_on: (!unofficial && *status != AccountStatus::Dormant)
                .then(|| day(rng.range(0, 330))),
            followers,
        });
        d.account_events.push(AccountEventRow {
            account_id: id,
            at: day(-200).and_hms_opt(9, 0, 0).map_or(0, |t| t.and_utc().timestamp()),
            actor: "import".into(),
            kind: "created".into(),
            from_value: None,
            to_value: Some(status.token().into()),
            reason: "Initial inventory".into(),
        });
    }
    for ((row, _), demo) in campaigns(from).into_iter().zip(&DEMO_CAMPAIGNS) {
        d.campaign_results.extend(demo.results.iter().map(|&(market, leads, sales, revenue)| {
            CampaignResultRow {
                campaign_id: row.id,
                market: market.into(),
                leads: Some(leads),
                sales: Some(sales),
                revenue: Some(revenue),
                currency: "EUR".into(),
            }
        }));
        d.campaigns.push(row);
    }
    // Rate card: CPM and value per action by platform; Instagram re-priced mid-year.
    let rates: [(&str, f64, f64, f64, f64); 6] = [
        ("x", 6.0, 0.05, 0.30, 0.20),
        ("facebook", 8.5, 0.08, 0.40, 0.35),
        ("instagram", 9.0, 0.10, 0.50, 0.40),
        ("linkedin", 22.0, 0.25, 1.20, 0.90),
        ("youtube", 11.0, 0.12, 0.60, 0.50),
        ("tiktok", 7.5, 0.06, 0.35, 0.30),
    ];
    for (platform, cpm, like, comment, share) in rates {
        for (metric, value) in [
            (RateMetric::Cpm, cpm),
            (RateMetric::Like, like),
            (RateMetric::Comment, comment),
            (RateMetric::Share, share),
        ] {
            d.rate_card.push(RateCardEntry {
                platform: platform.into(),
                metric,
                value,
                valid_from: day(-30),
            });
        }
    }
    d.rate_card.push(RateCardEntry {
        platform: "instagram".into(),
        metric: RateMetric::Cpm,
        value: 10.5,
        valid_from: day(183),
    });

    const SYLLABLES: [&str; 16] =
        ["ka", "lo", "mi", "ra", "ve", "to", "su", "ne", "bi", "da", "jo", "fe", "ri", "xa", "po", "le"];
    d.authors = (0..authors_n)
        .map(|i| {
            let platform = PLATFORMS[rng.weighted(&PLATFORM_WEIGHTS)].0;
            let mut handle: String = (0..3).map(|_| *rng.pick(&SYLLABLES)).collect();
            handle.push_str(&(i % 10_000).to_string());
            let followers = rng.pareto(40.0, 1.1).min(8_000_000.0) as i64;
            AuthorRow {
                id: i as i64 + 1,
                platform: platform.into(),
                handle: format!("{handle}_{i}"),
                followers,
            }
        })
        .collect();
    // fan and reseller accounts that carry the brand's name without being the brand's: the
    // governance page finds them in the mentions (the first is registered as unofficial already)
    // (author index: the pools are by index modulo the markets, the busiest writers first)
    const BRAND_HANDLES: [(usize, &str, &str); 4] = [
        (17, "instagram", "voltaro_fans_nl"),
        (19, "x", "voltaro_deals"),
        (16, "tiktok", "voltaro_ebikes_uk"),
        (12, "facebook", "voltaro.fanclub.de"),
    ];
    for (i, platform, handle) in BRAND_HANDLES {
        if let Some(author) = d.authors.get_mut(i) {
            author.platform = platform.to_string();
            author.handle = handle.to_string();
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_is_exact_and_plants_the_crisis() {
        let from = NaiveDate::from_ymd_opt(2025, 1, 1).expect("date");
        let campaigns: Vec<Campaign> =
            campaigns(from).into_iter().map(|(row, hashtag)| Campaign { row, hashtag }).collect();
        for total in [0u64, 1, 999, 200_000] {
            let counts = allocate_mentions(total, from, &campaigns, 1);
            assert_eq!(counts.iter().flatten().sum::<u64>(), total);
        }
        let counts = allocate_mentions(200_000, from, &campaigns, 1);
        let de = MARKETS.iter().position(|(c, _)| *c == CRISIS_MARKET).expect("market");
        let crisis_day = (DAYS - CRISIS_DAYS_BEFORE_END) as usize;
        let normal = counts[crisis_day - 7][de];
        assert!(counts[crisis_day][de] > 4 * normal, "{} vs {normal}", counts[crisis_day][de]);
    }

    #[test]
    fn reference_data_has_the_governance_cases() {
        let from = NaiveDate::from_ymd_opt(2025, 1, 1).expect("date");
        let d = reference_data(42, from, 2_000);
        assert_eq!(d.accounts.len(), 24);
        let left: Vec<i64> = d.people.iter().filter(|p| p.left_on.is_some()).map(|p| p.id).collect();
        assert!(!left.is_empty());
        assert!(
            d.accounts.iter().any(|a| a.owner_id.is_some_and(|o| left.contains(&o))),
            "an orphaned account"
        );
        assert!(d.accounts.iter().any(|a| a.status == AccountStatus::Dormant));
        assert!(d.accounts.iter().any(|a| a.status == AccountStatus::Unofficial));
        assert!(d
            .accounts
            .iter()
            .any(|a| a.status == AccountStatus::Official && a.backup_owner_id.is_none()));
        let platforms: std::collections::HashSet<&str> =
            d.accounts.iter().map(|a| a.platform.as_str()).collect();
        assert_eq!(platforms.len(), 6);
    }
}
