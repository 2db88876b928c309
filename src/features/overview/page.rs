//! The overview page: filter bar, KPI tiles, mentions-by-sentiment and engagement charts.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::ui::widgets::charts::{ChartKind, SeriesData, TimeChart};
use crate::ui::widgets::filters::FilterBar;
use crate::ui::widgets::load::loadable;
use crate::ui::widgets::tiles::KpiTiles;
use super::api::{get_filter_options, get_overview};
use crate::kpi::Kpi;
use crate::model::MentionQuery;
use super::types::Overview;
use crate::model::{Bucket, DateRange, OverviewFilter, Sentiment};

/// Chart palette; the same colours as `--chart-*` in style/tokens.css.
const POSITIVE: &str = "#1f9d6b";
const NEUTRAL: &str = "#9aa5b5";
const NEGATIVE: &str = "#d9434e";
const REACTIONS: &str = "#3867d6";
const COMMENTS: &str = "#f2a33a";
const SHARES: &str = "#8e5bd9";
const OTHER: &str = "#2bb0c5";

/// One value per bucket, as a chart series.
fn series_of<P>(points: &[P], value: impl Fn(&P) -> i64) -> Vec<f64> {
    points.iter().map(|p| value(p) as f64).collect()
}

fn short_date(d: NaiveDate) -> String {
    d.format("%-d %b").to_string()
}

fn long_range(r: &DateRange) -> String {
    if r.from == r.to {
        r.from.format("%-d %b %Y").to_string()
    } else {
        format!("{} – {}", r.from.format("%-d %b %Y"), r.to.format("%-d %b %Y"))
    }
}

/// The brand overview.
#[component]
pub fn OverviewPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|q| OverviewFilter::from_query(|k| q.get(k))));
    let options = LocalResource::new(get_filter_options);
    let overview = LocalResource::new(move || get_overview(filter.get()));

    view! {
        <div class="page overview-page">
            {loadable(options, move |options| view! { <FilterBar filter options/> })}
            {loadable(overview, move |o| view! { <OverviewBody overview=o filter/> })}
        </div>
    }
}

/// Everything below the filter bar, for one answer of the server.
#[component]
fn OverviewBody(overview: Overview, filter: Memo<OverviewFilter>) -> impl IntoView {
    let o = overview;
    let comparison_label = format!("vs {}", long_range(&o.comparison_range));
    let heading = format!("{} · brand overview", o.brand.name);
    let period = format!(
        "{} compared with {} ({}). Days in {}.",
        long_range(&o.range),
        long_range(&o.comparison_range),
        o.comparison.label().to_lowercase(),
        o.time_zone
    );
    let mentions = o.tiles.iter().find(|t| t.kpi == Kpi::Mentions).and_then(|t| t.value).unwrap_or(0.0);
    let engagements = o.tiles.iter().find(|t| t.kpi == Kpi::Engagements).and_then(|t| t.value).unwrap_or(0.0);
    let empty = mentions == 0.0 && engagements == 0.0;
    let (bucket_word, bucket_caption) = match o.bucket {
        Bucket::Day => ("Day", "per day"),
        Bucket::Week => ("Week of", "per week (Monday start)"),
    };
    let categories: Vec<String> = o.sentiment_series.iter().map(|p| short_date(p.day)).collect();
    // drill-down: a bar of the sentiment chart opens the mentions of that bucket and sentiment
    let bucket_days: Vec<NaiveDate> = o.sentiment_series.iter().map(|p| p.day).collect();
    let (range, bucket, brand) = (o.range, o.bucket, o.brand.id);
    let navigate = leptos_router::hooks::use_navigate();
    let mentions_link = move |from: NaiveDate, to: NaiveDate, sentiment: Option<Sentiment>| {
        let f = filter.get_untracked();
        let q = MentionQuery {
            from: Some(from),
            to: Some(to),
            brand: Some(brand),
            platform: f.platform,
            market: f.market,
            sentiment,
            page: 0,
        };
        format!("/mentions{}", q.to_query_string())
    };
    let all_mentions = mentions_link(range.from, range.to, None);
    let on_pick = Callback::new(move |(index, series): (usize, &'static str)| {
        let Some(start) = bucket_days.get(index).copied() else { return };
        let end = match bucket {
            Bucket::Day => start,
            Bucket::Week => start + chrono::Duration::days(6),
        };
        let sentiment = Sentiment::ALL.into_iter().find(|s| s.label() == series);
        navigate(&mentions_link(start.max(range.from), end.min(range.to), sentiment), Default::default());
    });
    let sentiment = [("Positive", POSITIVE), ("Neutral", NEUTRAL), ("Negative", NEGATIVE)]
        .into_iter()
        .zip([
            series_of(&o.sentiment_series, |p| p.positive),
            series_of(&o.sentiment_series, |p| p.neutral),
            series_of(&o.sentiment_series, |p| p.negative),
        ])
        .map(|((name, color), values)| SeriesData { name, color, values })
        .collect();
    let engagement_categories: Vec<String> = o.engagement_series.iter().map(|p| short_date(p.day)).collect();
    let engagement =
        [("Reactions", REACTIONS), ("Comments", COMMENTS), ("Shares", SHARES), ("Saves & clicks", OTHER)]
            .into_iter()
            .zip([
                series_of(&o.engagement_series, |p| p.reactions),
                series_of(&o.engagement_series, |p| p.comments),
                series_of(&o.engagement_series, |p| p.shares),
                series_of(&o.engagement_series, |p| p.other),
            ])
            .map(|((name, color), values)| SeriesData { name, color, values })
            .collect();
    view! {
        <header class="page-header">
            <h1 data-testid="overview-heading">{heading}</h1>
            <p class="page-subtitle" data-testid="period">{period}</p>
        </header>
        {if empty {
            view! {
                <section class="state state-empty" data-testid="empty-state">
                    <h2>"No activity in this period"</h2>
                    <p>"There are no mentions or owned posts for these filters. Try a longer date range or fewer filters."</p>
                    <a class="button" href="/?range=12m">"Show the last 12 months"</a>
                </section>
            }.into_any()
        } else {
            view! {
                <section class="tiles" aria-label="Key figures">
                    <KpiTiles tiles=o.tiles.clone() currency=o.currency.clone() comparison_label/>
                </section>
                <div class="charts">
                    <TimeChart
                        title="Mentions by sentiment"
                        caption=format!("Earned mentions of {}, {bucket_caption}", o.brand.name)
                        testid="chart-mentions"
                        categories
                        bucket_word
                        series=sentiment
                        kind=ChartKind::StackedBars
                        on_pick
                    />
                    <TimeChart
                        title="Owned-post engagement"
                        caption=format!("Engagements on {}'s own accounts, {bucket_caption}", o.brand.name)
                        testid="chart-engagement"
                        categories=engagement_categories
                        bucket_word
                        series=engagement
                        kind=ChartKind::StackedArea
                    />
                </div>
                <p class="footnote">
                    <a href=all_mentions data-testid="all-mentions">"List every mention of this period"</a>
                    " · Earned media value is an estimate from the rate card valid on each day; platforms without a rate count as 0. "
                    "Hover a tile's i for its definition."
                </p>
            }.into_any()
        }}
    }
}
