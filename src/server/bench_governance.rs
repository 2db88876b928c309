//! `resonance bench-governance`: the governance page's server work — the registry with every
//! account's risks, rendered as the page's HTML — on a generated inventory (default 10,000
//! accounts in 40 markets, 100,000 account events, 20 owned posts per account), on each given
//! store. Prints p50 and p95 per view and over all views.

use std::time::Instant;

use anyhow::Context;
use chrono::{Days, NaiveDate};

use crate::accounts::{AccountStatus, PLATFORMS};
use crate::features::governance::{html, service, spec::Spec};
use crate::server::bench::percentile;
use crate::server::calendar;
use crate::server::demo::rng::Rng;
use crate::server::store::{
    AccountEventRow, AccountRow, BrandRow, DynStore, NewPost, PersonRow, ReferenceData, TeamRow,
};

const MARKETS: usize = 40;
const PEOPLE: usize = 2_000;

/// A generated inventory: one brand, a hub and a team per market, `accounts` accounts with
/// every governance problem among them, `events` history entries, 20 posts per account.
fn inventory(accounts: usize, events: usize, today: NaiveDate) -> (ReferenceData, Vec<NewPost>) {
    let mut rng = Rng::stream(7, "bench-governance");
    let day = |back: u64| today - Days::new(back);
    let mut d = ReferenceData {
        platforms: PLATFORMS.iter().map(|(c, n)| (c.to_string(), n.to_string())).collect(),
        markets: (0..MARKETS).map(|m| (format!("M{m:02}"), format!("Market {m:02}"))).collect(),
        currency: "EUR".into(),
        ..Default::default()
    };
    d.brands.push(BrandRow { id: 1, name: "Benchco".into(), is_own: true, keywords: "benchco".into() });
    d.teams.push(TeamRow {
        id: 1,
        name: "Global Hub".into(),
        market: None,
        region: "Global".into(),
        is_hub: true,
    });
    for m in 0..MARKETS {
        d.teams.push(TeamRow {
            id: m as i64 + 2,
            name: format!("Market {m:02} Team"),
            market: Some(format!("M{m:02}")),
            region: "Bench".into(),
            is_hub: false,
        });
    }
    for p in 0..PEOPLE {
        d.people.push(PersonRow {
            id: p as i64 + 1,
            name: format!("Person {p:04}"),
            email: format!("person{p}@bench.example"),
            team_id: (p % (MARKETS + 1)) as i64 + 1,
            left_on: (p % 10 == 3).then(|| day(rng.range(30, 400) as u64)),
        });
    }
    let person = |rng: &mut Rng| Some(rng.range(1, PEOPLE as i64 + 1));
    let mut posts = Vec::new();
    for i in 0..accounts {
        let id = i as i64 + 1;
        let hub = i % 50 == 0;
        let market = (!hub).then(|| format!("M{:02}", i % MARKETS));
        let team = if hub { 1 } else { (i % MARKETS) as i64 + 2 };
        let status = match i % 40 {
            0 => AccountStatus::Unofficial,
            1 => AccountStatus::Archived,
            2 | 3 => AccountStatus::Dormant,
            _ => AccountStatus::Official,
        };
        let platform = PLATFORMS[i % PLATFORMS.len()].0;
        d.accounts.push(AccountRow {
            id,
            brand_id: 1,
            platform: platform.into(),
            url: String::new(),
            handle: format!("benchco_{i}"),
            market: market.clone(),
            team_id: Some(team),
            owner_id: if i % 17 == 0 { None } else { person(&mut rng) },
            backup_owner_id: if i % 7 == 0 { None } else { person(&mut rng) },
            custodian_id: if i % 11 == 0 { None } else { person(&mut rng) },
            status,
            created_on: day(rng.range(100, 3000) as u64),
            last_reviewed_on: (i % 5 != 0).then(|| day(rng.range(0, 400) as u64)),
            followers: rng.range(10, 500_000),
        });
        // dormant ones went quiet half a year ago
        let quiet = if status == AccountStatus::Dormant { 180 } else { 0 };
        for n in 0..20 {
            let back = quiet + rng.range(0, 365) as u64;
            let on = day(back);
            posts.push(NewPost {
                brand_id: 1,
                account_id: id,
                campaign_id: None,
                campaign_by_terms: false,
                platform: platform.into(),
                external_id: format!("bench-{id}-{n}"),
                published_at: on.and_hms_opt(12, 0, 0).map_or(0, |t| t.and_utc().timestamp()),
                day: on,
                market: market.clone().unwrap_or_default(),
                text: String::new(),
                impressions: rng.range(100, 50_000),
                reach: rng.range(50, 30_000),
                reactions: rng.range(0, 900),
                comments: rng.range(0, 90),
                shares: rng.range(0, 40),
                saves: 0,
                clicks: 0,
                video_views: 0,
            });
        }
    }
    const KINDS: [&str; 4] = ["owner", "backup_owner", "status", "reviewed"];
    for e in 0..events {
        let account = (e % accounts) as i64 + 1;
        let kind = KINDS[e % KINDS.len()];
        let at = day(rng.range(0, 1500) as u64).and_hms_opt(9, 0, 0).map_or(0, |t| t.and_utc().timestamp());
        let who = |rng: &mut Rng| Some(format!("person{}@bench.example", rng.range(0, PEOPLE as i64)));
        let (from, to) = match kind {
            "status" => (Some("official".to_string()), Some("official".to_string())),
            "reviewed" => (None, Some(day(rng.range(0, 400) as u64).to_string())),
            _ => (who(&mut rng), who(&mut rng)),
        };
        d.account_events.push(AccountEventRow {
            account_id: account,
            at,
            actor: "bench@bench.example".into(),
            kind: kind.into(),
            from_value: from,
            to_value: to,
            reason: "bench".into(),
        });
    }
    (d, posts)
}

/// Generates the inventory into each store (when it does not hold it yet) and times the views.
pub async fn run(urls: &[String], accounts: usize, events: usize, iterations: u32) -> anyhow::Result<()> {
    let mut lines = Vec::new();
    for url in urls {
        let store: DynStore = crate::server::cli::open(url).await?;
        let today = calendar::today_in(calendar::time_zone(&store).await?);
        let have = store.registry(today).await?.len();
        if have != accounts {
            println!("bench-governance: generating {accounts} accounts and {events} events into {url} …");
            let t = Instant::now();
            let (reference, posts) = inventory(accounts, events, today);
            store.clear_data().await?;
            store.insert_reference(&reference).await.context("inventory")?;
            for chunk in posts.chunks(20_000) {
                store.insert_activity(&[], chunk).await?;
            }
            store.optimize().await?;
            println!("bench-governance: generated in {:.1} s", t.elapsed().as_secs_f64());
        }
        let reg = service::registry(&*store, today).await?;
        let editor = html::Viewer { edits: true, team: None, sets_rules: true };
        let some_account = reg.accounts.get(reg.accounts.len() / 2).map_or(1, |x| x.account.id);
        let views: Vec<(&str, String)> = vec![
            ("matrix", String::new()),
            ("register", "?view=register".into()),
            ("register, one risk", "?view=register&risk=orphaned&sort=owner&dir=asc".into()),
            ("people", "?view=people".into()),
            ("access reviews", "?view=reviews".into()),
            ("account", format!("?account={some_account}")),
        ];
        println!(
            "bench-governance: {} accounts on {url}, {iterations} runs per view (today = {today})",
            reg.accounts.len()
        );
        // where the time goes: the registry's queries, the risks, the matrix's HTML
        let mut parts = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
        for _ in 0..iterations {
            let t = Instant::now();
            std::hint::black_box(store.registry(today).await?);
            parts[0].push(t.elapsed().as_secs_f64() * 1000.0);
            let t = Instant::now();
            std::hint::black_box(store.registry_people().await?);
            parts[1].push(t.elapsed().as_secs_f64() * 1000.0);
            let t = Instant::now();
            let r = service::registry(&*store, today).await?;
            parts[2].push(t.elapsed().as_secs_f64() * 1000.0);
            let t = Instant::now();
            std::hint::black_box(html::page(&r, &Spec::default(), &editor, None, &[], "UTC"));
            parts[3].push(t.elapsed().as_secs_f64() * 1000.0);
        }
        for p in parts.iter_mut() {
            p.sort_by(f64::total_cmp);
        }
        println!(
            "parts p50: accounts query {:.1} ms (people {:.1} ms), registry with risks {:.1} ms, matrix HTML {:.1} ms",
            percentile(&parts[0], 0.5),
            percentile(&parts[1], 0.5),
            percentile(&parts[2], 0.5),
            percentile(&parts[3], 0.5)
        );
        println!("{:<22} {:>9} {:>9} {:>10}", "view", "p50 ms", "p95 ms", "HTML KB");
        let mut all = Vec::new();
        for (name, query) in &views {
            let spec = Spec::from_query(query).map_err(anyhow::Error::msg)?;
            let mut times = Vec::new();
            let mut size = 0;
            for i in 0..=iterations {
                let t = Instant::now();
                // what the server function does: the registry, an account's history and posts, the HTML
                let reg = service::registry(&*store, today).await?;
                let detail = match spec.account {
                    Some(id) => Some((
                        store.account_history(id).await?,
                        store.account_post_days(id, today - Days::new(7 * html::POST_WEEKS + 7)).await?,
                    )),
                    None => None,
                };
                let page = html::page(
                    &reg,
                    &spec,
                    &editor,
                    detail.as_ref().map(|(h, p)| (h.as_slice(), p.as_slice())),
                    &[],
                    "UTC",
                );
                let ms = t.elapsed().as_secs_f64() * 1000.0;
                size = page.len();
                // the first run warms up, as a server that has answered before
                if i > 0 {
                    times.push(ms);
                }
            }
            times.sort_by(f64::total_cmp);
            println!(
                "{name:<22} {:>9.2} {:>9.2} {:>10.1}",
                percentile(&times, 0.5),
                percentile(&times, 0.95),
                size as f64 / 1024.0
            );
            all.extend(times);
        }
        all.sort_by(f64::total_cmp);
        let store_name = url.split(':').next().unwrap_or("?").to_string();
        let line = format!(
            "governance page p50: {:.2} ms (p95 {:.2} ms) over the views, {} accounts, {events} events, {store_name}",
            percentile(&all, 0.5),
            percentile(&all, 0.95),
            reg.accounts.len()
        );
        println!("{line}");
        lines.push(line);
    }
    println!();
    for line in lines {
        println!("{line}");
    }
    Ok(())
}
