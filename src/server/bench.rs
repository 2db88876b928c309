//! `resonance bench`: the overview's latency over the demo filters, measured in-process through
//! the same code the server function runs (store → rollups → KPI maths).

use std::time::Instant;

use chrono_tz::Tz;

use crate::features::overview::service as overview;
use crate::model::{Comparison, OverviewFilter, Preset};
use crate::server::calendar;
use crate::server::demo::{self, DemoOptions};

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

pub(crate) fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

/// One line of the summary.
struct Measured {
    store: String,
    mentions: u64,
    load_per_sec: Option<f64>,
    p50: f64,
    p95: f64,
    worst_filter: (String, f64),
    /// The campaign comparison's p50 and p95 over `COMPARISONS`, if the database has campaigns.
    compare: Option<(f64, f64)>,
    /// The executive summary's p50 and p95 over `SUMMARIES`.
    summary: (f64, f64),
}

/// The comparisons a manager opens: the four demo campaigns together, and pairs.
const COMPARISONS: [&str; 4] = ["1,2,3,4", "1,2", "2,4", "1,3"];

/// Benchmarks every database template in `urls` (with `{n}` replaced by the size) at every size.
pub async fn run(urls: &[String], sizes: &[u64], iterations: u32) -> anyhow::Result<()> {
    let mut results = Vec::new();
    for &mentions in sizes {
        for template in urls {
            let url = template.replace("{n}", &mentions.to_string());
            results.push(run_one(&url, mentions, iterations).await?);
        }
    }
    println!();
    println!(
        "{:<10} {:>11} {:>12} {:>9} {:>9} {:>12} {:>12} {:>12} {:>12}  slowest filter (p50)",
        "store",
        "mentions",
        "load /s",
        "p50 ms",
        "p95 ms",
        "compare p50",
        "compare p95",
        "summary p50",
        "summary p95"
    );
    for m in &results {
        let load = m.load_per_sec.map_or_else(|| "(reused)".to_string(), |v| format!("{v:.0}"));
        let (c50, c95) = m
            .compare
            .map_or(("-".to_string(), "-".to_string()), |(a, b)| (format!("{a:.2}"), format!("{b:.2}")));
        println!(
            "{:<10} {:>11} {:>12} {:>9.2} {:>9.2} {:>12} {:>12} {:>12.2} {:>12.2}  {} {:.1} ms",
            m.store,
            m.mentions,
            load,
            m.p50,
            m.p95,
            c50,
            c95,
            m.summary.0,
            m.summary.1,
            m.worst_filter.0,
            m.worst_filter.1
        );
    }
    Ok(())
}

async fn run_one(url: &str, mentions: u64, iterations: u32) -> anyhow::Result<Measured> {
    let store_name = url.split(':').next().unwrap_or("?").to_string();
    let store = crate::server::cli::open(url).await?;
    let (have, _) = store.counts().await?;
    let tz = Tz::UTC;
    let mut load_per_sec = None;
    if have != mentions as i64 {
        println!("bench: generating {mentions} demo mentions into {url} (once) …");
        let started = Instant::now();
        let s = demo::generate(
            &store,
            &DemoOptions {
                mentions,
                seed: 42,
                until: calendar::today_in(tz),
                time_zone: tz,
                thresholds: Default::default(),
            },
        )
        .await?;
        let secs = started.elapsed().as_secs_f64();
        let rate = s.mentions as f64 / secs;
        println!("bench: demo load {} mentions in {secs:.1} s = {rate:.0} mentions/s", s.mentions);
        load_per_sec = Some(rate);
    }
    let today = calendar::today_in(calendar::time_zone(&store).await?);
    let mut all = Vec::new();
    let mut worst = (String::new(), 0.0);
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
        let p50 = percentile(&times, 0.5);
        println!("{name:<28} {p50:>9.2} {:>9.2}", percentile(&times, 0.95));
        if p50 > worst.1 {
            worst = (name, p50);
        }
        all.extend(times);
    }
    all.sort_by(f64::total_cmp);
    let (p50, p95) = (percentile(&all, 0.5), percentile(&all, 0.95));
    println!("overview p50 over the demo filters: {p50:.2} ms (p95 {p95:.2} ms, {} runs, {mentions} mentions, {store_name})", all.len());
    let compare = compare_times(&store, today, iterations).await?;
    if let Some((c50, c95)) = compare {
        println!("campaign comparison p50: {c50:.2} ms (p95 {c95:.2} ms, {mentions} mentions, {store_name})");
    }
    let summary = summary_times(&store, today, iterations).await?;
    println!(
        "executive summary p50: {:.2} ms (p95 {:.2} ms, {mentions} mentions, {store_name})",
        summary.0, summary.1
    );
    Ok(Measured {
        store: store_name,
        mentions,
        load_per_sec,
        p50,
        p95,
        worst_filter: worst,
        compare,
        summary,
    })
}

/// The summaries an executive opens: the last full month and quarter, the year to date.
const SUMMARIES: [(&str, crate::features::summary::types::PeriodKind); 3] = [
    ("summary last month", crate::features::summary::types::PeriodKind::Month),
    ("summary last quarter", crate::features::summary::types::PeriodKind::Quarter),
    ("summary year to date", crate::features::summary::types::PeriodKind::YearToDate),
];

/// The executive summary's latency over `SUMMARIES` (its service, figures and narrative, and
/// the HTML the page shows), then the PDF of the last quarter: time and size.
async fn summary_times(
    store: &crate::server::store::DynStore,
    today: chrono::NaiveDate,
    iterations: u32,
) -> anyhow::Result<(f64, f64)> {
    use crate::features::summary::{html, pdf, service, types::ReportSpec};
    let mut all = Vec::new();
    for (name, kind) in SUMMARIES {
        let spec = ReportSpec { kind, ..Default::default() };
        service::report(store, &spec, today).await?;
        let mut times = Vec::new();
        for _ in 0..iterations {
            let t = Instant::now();
            let r = service::report(store, &spec, today).await?;
            std::hint::black_box(html::render(&r));
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!("{name:<28} {:>9.2} {:>9.2}", percentile(&times, 0.5), percentile(&times, 0.95));
        all.extend(times);
    }
    let spec =
        ReportSpec { kind: crate::features::summary::types::PeriodKind::Quarter, ..Default::default() };
    let report = service::report(store, &spec, today).await?;
    pdf::render(&report).map_err(anyhow::Error::msg)?;
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..iterations {
        let t = Instant::now();
        size = pdf::render(&report).map_err(anyhow::Error::msg)?.len();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "summary PDF of the last quarter: p50 {:.1} ms (p95 {:.1} ms), {:.1} KB",
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        size as f64 / 1024.0
    );
    all.sort_by(f64::total_cmp);
    Ok((percentile(&all, 0.5), percentile(&all, 0.95)))
}

/// The campaign comparison's latency over `COMPARISONS` (the server function's service, as the
/// page asks for it), or `None` if the database has fewer than four campaigns.
async fn compare_times(
    store: &crate::server::store::DynStore,
    today: chrono::NaiveDate,
    iterations: u32,
) -> anyhow::Result<Option<(f64, f64)>> {
    use crate::features::campaigns::service as campaigns;
    if store.campaigns().await?.len() < 4 {
        return Ok(None);
    }
    println!("{:<28} {:>9} {:>9}", "comparison", "p50 ms", "p95 ms");
    let mut all = Vec::new();
    for ids in COMPARISONS {
        campaigns::compare(store.as_ref(), ids, today).await?;
        let mut times = Vec::new();
        for _ in 0..iterations {
            let t = Instant::now();
            let c = campaigns::compare(store.as_ref(), ids, today).await?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(c);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{:<28} {:>9.2} {:>9.2}",
            format!("campaigns {ids}"),
            percentile(&times, 0.5),
            percentile(&times, 0.95)
        );
        all.extend(times);
    }
    all.sort_by(f64::total_cmp);
    Ok(Some((percentile(&all, 0.5), percentile(&all, 0.95))))
}
