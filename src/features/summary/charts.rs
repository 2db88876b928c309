//! The summary's two charts, drawn by charts-rs on the server as SVG: the page and its print
//! show them inline (inline styles removed for the Content-Security-Policy), the PDF draws the
//! very same SVG as vectors.

use super::report::Report;
use crate::format;

use crate::svg_chart::PALETTE;

pub const WIDTH: f32 = 400.0;
pub const HEIGHT: f32 = 190.0;

fn style(base: &mut charts_rs::ChartBase, y: &mut [charts_rs::YAxisConfig], colors: &[&str]) {
    crate::svg_chart::style(base, y, colors, WIDTH, HEIGHT);
}

fn labels(days: impl Iterator<Item = chrono::NaiveDate>) -> Vec<String> {
    days.map(format::day_short).collect()
}

/// Net sentiment per bucket, a line (gaps where a bucket has no positive or negative mention).
pub fn sentiment_svg(report: &Report) -> Result<String, String> {
    let series = vec![charts_rs::Series {
        name: "Net sentiment".into(),
        data: report.sentiment_trend.iter().map(|(_, v)| v.map(|v| v as f32)).collect(),
        ..Default::default()
    }];
    let x = labels(report.sentiment_trend.iter().map(|(d, _)| *d));
    let mut chart = charts_rs::LineChart::new_with_theme(series, x, "light");
    style(&mut chart.base, &mut chart.y_axis_configs, &[PALETTE[0]]);
    if report.sentiment_trend.iter().all(|(_, v)| v.is_none()) {
        // no line to fit the axis to: show net sentiment's whole scale
        for axis in chart.y_axis_configs.iter_mut() {
            axis.min = Some(-100.0);
            axis.max = Some(100.0);
        }
    }
    chart.svg().map_err(|e| e.to_string())
}

/// Share of voice per bucket, one stacked bar of 100 % per bucket, a segment per brand.
pub fn voice_svg(report: &Report) -> Result<String, String> {
    let series = report
        .voices
        .iter()
        .enumerate()
        .map(|(i, v)| charts_rs::Series {
            name: v.name.clone(),
            data: report.voice_trend.iter().map(|(_, shares)| shares.get(i).copied().flatten().map(|s| s as f32)).collect(),
            stack: Some("voice".into()),
            ..Default::default()
        })
        .collect();
    let x = labels(report.voice_trend.iter().map(|(d, _)| *d));
    let mut chart = charts_rs::BarChart::new_with_theme(series, x, "light");
    let colors: Vec<&str> = (0..report.voices.len()).map(|i| PALETTE[i % PALETTE.len()]).collect();
    style(&mut chart.base, &mut chart.y_axis_configs, &colors);
    for axis in chart.y_axis_configs.iter_mut() {
        axis.min = Some(0.0);
        axis.max = Some(100.0);
    }
    chart.svg().map_err(|e| e.to_string())
}

/// The colour of the `i`-th brand of `voices`, for the legend.
pub fn brand_color(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}
