//! `resonance bench-import`: import throughput (mentions/s, scoring included) and peak memory,
//! on each given store, for one generated generic mentions CSV of a given size. Each store gets a
//! fresh demo database first (20,000 mentions, or `--into`); the file is imported into it as `resonance import`
//! does (one batch, one transaction, rollups refreshed).

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use chrono::{Days, NaiveDate};
use chrono_tz::Tz;

use crate::server::demo::{self, DemoOptions};
use crate::server::import::{import_file, ImportOptions};

/// Texts the generated rows cycle through (English and German, all three sentiments, emoji).
const TEXTS: [&str; 8] = [
    "The new Voltaro City is brilliant, best commute of my life!",
    "Worst delivery ever, the box arrived broken and support never answered.",
    "Is the Voltaro shop in Leeds open on Sunday?",
    "Das neue Voltaro Trekking ist super, ich bin begeistert 🚲",
    "Der Akku hält nicht, was versprochen wurde. Enttäuschend.",
    "Hat jemand Erfahrung mit dem Voltaro Service in Wien?",
    "Sunset ride along the river, 60 km and the battery still at 40 % ☀️",
    "Nicht schlecht, aber die Bremsen quietschen bei Regen.",
];

/// Writes a generic mentions CSV of at least `bytes` bytes (or `rows` rows) over the year before
/// `until`; returns its rows.
pub fn write_file(
    path: &Path,
    rows: Option<u64>,
    bytes: Option<u64>,
    until: NaiveDate,
) -> anyhow::Result<u64> {
    let file = std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    writeln!(
        out,
        "id,platform,published_at,author,author_followers,market,text,reach,likes,comments,shares"
    )?;
    const PLATFORMS: [&str; 6] = ["x", "instagram", "facebook", "tiktok", "youtube", "linkedin"];
    const MARKETS: [&str; 6] = ["DE", "AT", "CH", "FR", "UK", "NL"];
    let (mut written, mut n) = (0u64, 0u64);
    loop {
        if rows.is_some_and(|r| n >= r)
            || bytes.is_some_and(|b| written >= b)
            || (rows.is_none() && bytes.is_none())
        {
            break;
        }
        let day = until - Days::new(n % 365);
        let line = format!(
            "bench-{n},{},{day}T{:02}:{:02}:00Z,user_{},{},{},\"{} #{n}\",{},{},{},{}\n",
            PLATFORMS[(n % 6) as usize],
            8 + n % 12,
            n % 60,
            n % 50_000,
            100 + n % 9_000,
            MARKETS[(n / 6 % 6) as usize],
            TEXTS[(n % 8) as usize],
            200 + n % 20_000,
            n % 90,
            n % 13,
            n % 7
        );
        out.write_all(line.as_bytes())?;
        written += line.len() as u64;
        n += 1;
    }
    out.flush()?;
    Ok(n)
}

/// This process's peak resident memory so far, in MB (Linux), and a reset of it.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn reset_peak_rss() {
    // "5" resets the peak resident set size the kernel reports (Linux ≥ 4.0)
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Runs the benchmark on each database URL; prints one line per store.
pub async fn run(
    databases: &[String],
    rows: Option<u64>,
    file_mb: Option<u64>,
    into: u64,
) -> anyhow::Result<()> {
    let work = tempfile_dir()?;
    let until = NaiveDate::from_ymd_opt(2026, 6, 30).context("date")?;
    let file = work.join("bench-mentions.csv");
    let rows =
        write_file(&file, rows.or(file_mb.is_none().then_some(200_000)), file_mb.map(|m| m << 20), until)?;
    let size_mb = std::fs::metadata(&file)?.len() as f64 / (1 << 20) as f64;
    println!("bench-import: a generic mentions CSV of {rows} rows ({size_mb:.0} MB)");
    for url in databases {
        let store = crate::server::cli::open(url).await?;
        store.clear_data().await?;
        let options = DemoOptions {
            mentions: into,
            seed: 42,
            until,
            time_zone: Tz::UTC,
            thresholds: Default::default(),
        };
        demo::generate(&store, &options).await?;
        let import = ImportOptions {
            brand_id: store.brand(None).await?.id,
            brand_by_keywords: false,
            time_zone: Tz::UTC,
            thresholds: Default::default(),
            raw_dir: work.join("raw"),
            user_id: None,
            format: None,
            account: None,
            campaign: None,
            limits: Default::default(),
            file_name: None,
        };
        reset_peak_rss();
        let started = Instant::now();
        let report = import_file(&store, &file, &import, |_| {}).await?;
        let secs = started.elapsed().as_secs_f64();
        let c = report.counts;
        anyhow::ensure!(c.inserted == rows, "expected {rows} inserted, got {c:?}");
        println!(
            "bench-import: {}: {} mentions into {into} in {secs:.1} s = {:.0} mentions/s (scoring and rollups included), peak RSS {} MB",
            url.split(':').next().unwrap_or(url),
            c.inserted,
            c.inserted as f64 / secs,
            peak_rss_mb().map_or_else(|| "?".into(), |m| format!("{m:.0}"))
        );
        let _ = std::fs::remove_dir_all(work.join("raw"));
    }
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}

fn tempfile_dir() -> anyhow::Result<std::path::PathBuf> {
    let dir = std::path::Path::new("data").join(format!("bench-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}
