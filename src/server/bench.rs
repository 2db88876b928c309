//! `resonance bench`: the overview's latency over the demo filters, measured in-process through
//! the same code the server function runs (store → rollups → KPI maths).

use std::time::Instant;

use chrono_tz::Tz;

use crate::model::{Comparison, OverviewFilter, Preset};
use crate::server::demo::{self, DemoOptions};
use crate::server::overview;

/// The filters a marketing manager clicks through in a morning.
pub fn demo_filters() -> Vec<(String, OverviewFilter)> {
    let base = OverviewFilter::default();
    let mut filters = Vec::new();
    for preset in
        [Preset::Last7Days, Preset::Last30Days, Preset::Last90Days, Preset::ThisQuarter, Preset::Last12Months]
    {
        filters.push((preset.label().to_string(), OverviewFilter { preset, ..base.clone() }));
    }
    filters.push((
        "30 days vs last year".into(),
        OverviewFilter { comparison: Comparison::LastYear, ..base.clone() },
    ));
    filters.push((
        "30 days, Instagram".into(),
        OverviewFilter { platform: Some("instagram".into()), ..base.clone() },
    ));
    filters.push(("30 days, DE".into(), OverviewFilter { market: Some("DE".into()), ..base.clone() }));
    filters.push((
        "90 days, X, UK".into(),
        OverviewFilter {
            preset: Preset::Last90Days,
            platform: Some("x".into()),
            market: Some("UK".into()),
            ..base.clone()
        },
    ));
    filters.push(("30 days, competitor Rivex".into(), OverviewFilter { brand: Some(2), ..base }));
    filters
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

pub async fn run(url: &str, mentions: u64, iterations: u32) -> anyhow::Result<()> {
    let store = crate::server::cli::open(url).await?;
    let (have, _) = store.counts().await?;
    let tz = Tz::UTC;
    if have != mentions as i64 {
        println!("bench: generating {mentions} demo mentions into {url} (once) …");
        let started = Instant::now();
        let s = demo::generate(
            &store,
            &DemoOptions { mentions, seed: 42, until: overview::today_in(tz), time_zone: tz },
        )
        .await?;
        let secs = started.elapsed().as_secs_f64();
        println!(
            "bench: demo load {} mentions in {secs:.1} s = {:.0} mentions/s",
            s.mentions,
            s.mentions as f64 / secs
        );
    }
    let today = overview::today_in(overview::time_zone(&store).await?);
    let mut all = Vec::new();
    println!(
        "bench: overview at {mentions} mentions on {url}, {iterations} runs per filter (today = {today})"
    );
    println!("{:<28} {:>9} {:>9}", "filter", "p50 ms", "p95 ms");
    for (name, filter) in demo_filters() {
        // one warm-up run, as a server that has answered before
        overview::overview(&store, &filter, today).await?;
        let mut times = Vec::new();
        for _ in 0..iterations {
            let t = Instant::now();
            let o = overview::overview(&store, &filter, today).await?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(o);
        }
        times.sort_by(f64::total_cmp);
        println!("{name:<28} {:>9.2} {:>9.2}", percentile(&times, 0.5), percentile(&times, 0.95));
        all.extend(times);
    }
    all.sort_by(f64::total_cmp);
    println!(
        "overview p50 over the demo filters: {:.2} ms (p95 {:.2} ms, {} runs, {mentions} mentions, SQLite)",
        percentile(&all, 0.5),
        percentile(&all, 0.95),
        all.len()
    );
    Ok(())
}
