//! The overview page: filter bar, KPI tiles, mentions-by-sentiment and engagement charts.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::ui::widgets::charts::{ChartKind, SeriesData, TimeChart};
use crate::ui::widgets::filters::FilterBar;
use crate::auth::Action;
use crate::ui::widgets::access::allowed;
use crate::ui::widgets::load::loadable;
use crate::ui::widgets::tiles::KpiTiles;
use super::api::{get_filter_options, get_overview};
use crate::kpi::Kpi;
use crate::model::MentionQuery;
use super::types::Overview;
use crate::model::{Bucket, DateRange, OverviewFilter, Sentiment};

/// Chart palette; the same colours as `--chart-*` in style/tokens.css.
// Series colours: chart tokens of style/tokens.css (`--chart-positive` …).
const POSITIVE: &str = "positive";
const NEUTRAL: &str = "neutral";
const NEGATIVE: &str = "negative";
const REACTIONS: &str = "reactions";
const COMMENTS: &str = "comments";
const SHARES: &str = "shares";
const OTHER: &str = "other";

/// One value per bucket, as a chart series.
fn series_of<P>(points: &[P], value: impl Fn(&P) -> i64) -> Vec<f64> {
    points.iter().map(|p| value(p) as f64).collect()
}

fn short_date(d: NaiveDate) -> String {
    crate::format::day_short(d)
}

fn long_range(r: &DateRange) -> String {
    if r.from == r.to {
        crate::format::day_long(r.from)
    } else {
        format!("{} – {}", crate::format::day_long(r.from), crate::format::day_long(r.to))
    }
}

/// The brand overview.
#[component]
pub fn OverviewPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|q| OverviewFilter::from_query(|k| q.get(k))));
    let options = LocalResource::new(get_filter_options);
    // asked for beside the options, so both load at once (a workspace without data answers 404,
    // and the first-run state shows instead)
    let overview = LocalResource::new(move || get_overview(filter.get()));
    view! {
        <div class="page overview-page">
            {loadable(options, move |options| {
                if options.brands.is_empty() {
                    view! { <FirstRun missing=Missing::Brand/> }.into_any()
                } else if options.data_extent.is_none() {
                    view! { <FirstRun missing=Missing::Data/> }.into_any()
                } else {
                    view! { <FilterBar filter options/> {loadable(overview, move |o| view! { <OverviewBody overview=o filter/> })} }.into_any()
                }
            })}
        </div>
    }
}

/// What a new workspace lacks before the overview can show anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Missing {
    Brand,
    Data,
}

/// The overview of a workspace that is not set up yet: what is missing and how to add it.
#[component]
fn FirstRun(missing: Missing) -> impl IntoView {
    let may_import = allowed(Action::Import);
    let may_setup = allowed(Action::EditBrands);
    match missing {
        Missing::Brand => view! {
            <section class="state state-empty first-run" data-testid="first-run" data-missing="brand">
                <h1>"Describe your brand first"</h1>
                <p>"This workspace has no brand yet. Add your own brand and the competitors you track, with the keywords that find their mentions:"</p>
                <pre><code>"resonance brand add \"Your brand\" --own --keywords yourbrand,#yourbrand"</code></pre>
                <p>"Or describe brands, markets, teams, people and accounts in one setup file and apply it with "
                    <code>"resonance setup FILE"</code>" (the repository's examples/setup.toml is one to start from). Then import your exports."</p>
                {if may_setup {
                    view! { <a class="button button-primary" href="/setup">"Open the Setup page"</a> }.into_any()
                } else {
                    view! { <p>"Ask an admin or a manager to set the workspace up."</p> }.into_any()
                }}
            </section>
        }
        .into_any(),
        Missing::Data => view! {
            <section class="state state-empty first-run" data-testid="first-run" data-missing="data">
                <h1>"No data yet"</h1>
                <p>"Your brands are set up. Import what your platforms and listening tools export (Brandwatch, Talkwalker, Meta, LinkedIn, X archives, CSV or JSON) to see the overview."</p>
                {if may_import {
                    view! { <a class="button button-primary" href="/imports">"Import a file"</a> }.into_any()
                } else {
                    view! { <p>"Ask an admin or a manager to import one."</p> }.into_any()
                }}
            </section>
        }
        .into_any(),
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
        o.comparison.label().to_ascii_lowercase(),
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
            campaign: None,
            page: 0,
        };
        format!("/mentions{}", q.to_query_string())
    };
    let all_mentions = mentions_link(range.from, range.to, None);
    let on_pick = Callback::new(move |(index, series): (usize, String)| {
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
        .map(|((name, color), values)| SeriesData::full(name, color, values))
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
            .map(|((name, color), values)| SeriesData::full(name, color, values))
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
