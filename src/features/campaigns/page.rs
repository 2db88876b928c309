//! The campaigns page: every campaign with its headline figures, and the comparison of the 2–6
//! chosen in the URL (`?compare=1,4,2`, so a comparison is a link): the side-by-side table, the
//! timelines by day since launch, the lift against each market's own baseline, the markets.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::api::{get_campaign_comparison, get_campaigns};
use super::form::{CampaignForm, CampaignFormView};
use super::types::{
    best_of, mean_sd, CampaignComparison, CampaignList, CampaignStatus, CampaignSummary, CompareMetric, Lift,
    MarketRow, MAX_COMPARED,
};
use crate::error::ApiError;
use crate::format;
use crate::kpi::Unit;
use crate::ui::widgets::charts::{ChartKind, SeriesData, TimeChart};
use crate::ui::widgets::load::loadable;
use crate::auth::Action;
use crate::ui::widgets::access::allowed;
use crate::ui::widgets::notice::{Notice, NoticeText};
use crate::ui::widgets::table::{download, Cell, Column, DataTable, Look, RowActions};

/// The chart token of the n-th compared campaign.
const COLORS: [&str; MAX_COMPARED] = ["c1", "c2", "c3", "c4", "c5", "c6"];

fn chosen_ids(text: &str) -> Vec<i64> {
    text.split(',').filter_map(|p| p.trim().parse().ok()).collect()
}

fn launches_text(launches: &[(String, chrono::NaiveDate)]) -> String {
    launches.iter().map(|(m, d)| format!("{m} {}", format::day_short(*d))).collect::<Vec<_>>().join(", ")
}

fn money(value: f64, currency: &str) -> String {
    format::kpi_value(Some(value), Unit::Money, currency)
}

#[component]
pub fn CampaignsPage() -> impl IntoView {
    let query = use_query_map();
    let compare = Memo::new(move |_| query.with(|q| q.get("compare").unwrap_or_default()));
    let chosen = Memo::new(move |_| chosen_ids(&compare.get()));
    let comparing = Memo::new(move |_| chosen.get().len() >= 2);
    let list = LocalResource::new(get_campaigns);
    let notice = RwSignal::new(None::<NoticeText>);
    let reload = Callback::new(move |()| list.refetch());
    let comparison = LocalResource::new(move || {
        let ids = compare.get();
        async move {
            if chosen_ids(&ids).len() < 2 {
                Err(ApiError::Invalid("Choose at least two campaigns.".into()))
            } else {
                get_campaign_comparison(ids).await
            }
        }
    });
    view! {
        <div class="page campaigns-page">
            <header class="page-header">
                <h1 data-testid="campaigns-heading">"Campaigns"</h1>
                <p class="page-subtitle">
                    "A post or mention belongs to a campaign when its import named the campaign, or when it carries one of the campaign's hashtags or keywords (whole words, case aside), is about its brand and is dated from the campaign's launch in its market to its end (a row without a market: within the campaign's dates); where two campaigns match, the one created first. "
                    "Figures cover each campaign from its first launch to its end, or to today while it runs. "
                    "Choose two to six campaigns to compare them side by side, aligned by day since launch (D0 is the launch in each market)."
                </p>
            </header>
            <Notice notice error_testid="campaigns-notice-error"/>
            {loadable(list, move |list| view! { <CampaignListView list chosen notice reload/> })}
            // re-run only when comparing starts or stops: another choice keeps the comparison on
            // screen (marked pending) until the new one is drawn
            {move || comparing.get().then(|| loadable(comparison, |c| view! { <ComparisonView comparison=c/> }))}
        </div>
    }
}

/// The chooser and the list.
#[component]
fn CampaignListView(
    list: CampaignList,
    chosen: Memo<Vec<i64>>,
    notice: RwSignal<Option<NoticeText>>,
    reload: Callback<()>,
) -> impl IntoView {
    let navigate = use_navigate();
    let can_edit = allowed(Action::EditCampaigns);
    let form = CampaignForm::new(&list);
    let summaries = StoredValue::new(list.campaigns.clone());
    let for_add = StoredValue::new(list.clone());
    let add_button = can_edit.then(|| {
        view! {
            <button class="button button-primary" type="button" data-testid="new-campaign"
                on:click=move |_| for_add.with_value(|l| form.add(l))>"New campaign"</button>
        }
    });
    let form_view = can_edit.then(|| view! { <CampaignFormView form brands=list.brands.clone() notice saved=reload/> });
    let actions = can_edit.then(|| RowActions {
        labels: &["Edit"],
        on: Callback::new(move |(row, _): (Vec<String>, &'static str)| {
            let found = summaries.with_value(|cs| {
                cs.iter().find(|c| Some(&c.name) == row.first() && Some(&c.brand) == row.get(1)).cloned()
            });
            if let Some(c) = found {
                form.edit(&c);
            }
        }),
    });
    let toggle = move |id: i64| {
        let mut ids = chosen.get_untracked();
        if let Some(at) = ids.iter().position(|x| *x == id) {
            ids.remove(at);
        } else if ids.len() < MAX_COMPARED {
            ids.push(id);
        }
        let text = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let href = if ids.is_empty() { "/campaigns".to_string() } else { format!("/campaigns?compare={text}") };
        navigate(&href, Default::default());
    };
    let chips = list
        .campaigns
        .iter()
        .map(|c| {
            let (id, name) = (c.id, c.name.clone());
            let pressed = move || chosen.with(|ids| ids.contains(&id));
            let full = move || chosen.with(|ids| ids.len() >= MAX_COMPARED && !ids.contains(&id));
            let toggle = toggle.clone();
            view! {
                <button class="chip" type="button" aria-pressed=move || pressed().to_string()
                    disabled=full
                    title=move || if full() { format!("Up to {MAX_COMPARED} campaigns at once") } else { String::new() }
                    on:click=move |_| toggle(id)>
                    {name}
                </button>
            }
        })
        .collect_view();
    let hint = move || match chosen.with(Vec::len) {
        0 => "Choose two or more campaigns to compare.".to_string(),
        1 => "Choose one more campaign to compare.".to_string(),
        n => format!("Comparing {n} campaigns (up to {MAX_COMPARED})."),
    };
    let rows: Vec<Vec<Cell>> = list.campaigns.iter().map(|c| campaign_row(c, &list.currency)).collect();
    let columns = vec![
        Column::text("Campaign"),
        Column::text("Brand"),
        Column::text("Objective"),
        Column::text("Markets (launch)"),
        Column::text("Runs"),
        Column::text("Status"),
        Column::number("Spend"),
        Column::number("Mentions"),
        Column::number("Engagements"),
        Column::number("EMV (est.)"),
        Column::number("ROI"),
    ];
    if list.campaigns.is_empty() {
        return view! {
            <section class="state state-empty" data-testid="no-campaigns">
                <h2>"No campaigns in this workspace yet"</h2>
                <p class="state-hint">
                    {if can_edit { "Add one with New campaign: its hashtags and keywords attribute the posts and mentions that carry them. " }
                     else { "A manager or admin adds campaigns here. " }}
                    "An import can also name a campaign ("
                    <a href="/imports">"Imports"</a>
                    ", or resonance import --campaign)."
                </p>
                {add_button}
            </section>
            {form_view}
        }
        .into_any();
    }
    view! {
        <section class="panel" data-testid="campaign-chooser">
            <header class="panel-header">
                <h2 class="panel-title">"Compare"</h2>
                <p class="panel-caption" data-testid="compare-hint">{hint}</p>
                {add_button}
            </header>
            <div class="chips" role="group" aria-label="Campaigns to compare">{chips}</div>
        </section>
        <section class="panel table-panel">
            <DataTable columns rows csv_name="campaigns.csv" testid="campaigns-table" row_testid="campaign-row"
                empty="No campaigns yet." empty_testid="no-campaigns-rows" actions/>
        </section>
        {form_view}
        <p class="footnote">
            "As of " {format::day_long(list.today)} ". ROI = (earned media value + revenue − spend) ÷ spend, shown only for campaigns that report revenue. "
            "Earned media value is an estimate from the rate card (" {list.currency.clone()} ")."
        </p>
    }
    .into_any()
}

fn campaign_row(c: &CampaignSummary, currency: &str) -> Vec<Cell> {
    let status = match c.status {
        CampaignStatus::Running => Cell::text(c.status.label()).look(Look::Warn),
        s => Cell::text(s.label()),
    };
    vec![
        Cell::text(c.name.clone()).look(Look::Sub(c.hashtags.clone())),
        Cell::text(c.brand.clone()),
        Cell::text(c.objective.clone()),
        Cell::text(launches_text(&c.launches)),
        Cell::text(format!("{} – {}", format::day_short(c.start_on), format::day_long(c.end_on))),
        status,
        Cell::number(money(c.spend, &c.currency), c.spend),
        Cell::number(format::thousands(c.mentions), c.mentions as f64),
        Cell::number(format::thousands(c.engagements), c.engagements as f64),
        Cell::number(money(c.emv, currency), c.emv),
        match c.roi {
            Some(roi) => Cell::number(format::percent(roi), roi),
            None => Cell::number("—", f64::NEG_INFINITY),
        },
    ]
}

/// A value as the table shows it, and exactly (hover and CSV).
fn shown(metric: CompareMetric, value: Option<f64>, currency: &str) -> (String, String) {
    let unit = metric.unit();
    let text = match (metric, value) {
        (CompareMetric::Mentions | CompareMetric::Posts | CompareMetric::Engagements, Some(v)) => {
            format::thousands(v.round() as i64)
        }
        _ => format::kpi_value(value, unit, currency),
    };
    (text, exact(metric, value))
}

/// The exact figure, plain (the CSV's cell): whole counts, money to the cent, ratios to 3 places.
fn exact(metric: CompareMetric, value: Option<f64>) -> String {
    match value {
        None => String::new(),
        Some(v) => match metric.unit() {
            Unit::Count => format!("{}", v.round() as i64),
            Unit::Money => format!("{v:.2}"),
            Unit::Percent | Unit::Score => format!("{v:.3}"),
        },
    }
}

fn missing_reason(metric: CompareMetric) -> &'static str {
    match metric {
        CompareMetric::Leads | CompareMetric::Revenue => "missing: the campaign reports no results",
        CompareMetric::Roi => "missing: no spend, no reported revenue, or more than one currency",
        CompareMetric::CostPerEngagement | CompareMetric::EngagementRate => "missing: no owned-post engagement",
        _ => "missing: no data yet",
    }
}

/// The currency a row's money is in for campaign `i`.
fn currency_of(c: &CampaignComparison, metric: CompareMetric, i: usize) -> String {
    match metric {
        CompareMetric::EarnedMediaValue => c.currency.clone(),
        _ => c.campaigns.get(i).map_or_else(|| c.currency.clone(), |x| x.currency.clone()),
    }
}

#[component]
fn ComparisonView(comparison: CampaignComparison) -> impl IntoView {
    let c = comparison;
    let notes: Vec<String> = c
        .campaigns
        .iter()
        .filter_map(|x| match x.status {
            CampaignStatus::Running => Some(format!(
                "{} is running: it is compared over the {} days it has run of {}.",
                x.name, x.days_run, x.days_planned
            )),
            CampaignStatus::Planned => Some(format!("{} has not launched yet: it has no figures.", x.name)),
            CampaignStatus::Ended => None,
        })
        .collect();
    let heads = c
        .campaigns
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let swatch = format!("var(--chart-{})", COLORS[i % COLORS.len()]);
            let mentions = format!("/mentions?campaign={}&from={}&to={}", x.id,
                x.launches.iter().map(|l| l.1).min().unwrap_or(x.end_on), x.end_on.min(c.today));
            view! {
                <th scope="col" class="cell-number">
                    <span class="legend-swatch" style:background-color=swatch></span>
                    <span class="cell-strong">{x.name.clone()}</span>
                    <span class="cell-sub">{format!("{} · {} days", x.status.label(), x.days_run)}</span>
                    <a class="cell-sub" href=mentions data-testid="campaign-mentions">"Mentions"</a>
                </th>
            }
        })
        .collect_view();
    let rows = CompareMetric::ALL
        .iter()
        .zip(&c.values)
        .map(|(metric, values)| {
            let metric = *metric;
            let best = best_of(metric, values);
            let cells = values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let (text, exact) = shown(metric, *v, &currency_of(&c, metric, i));
                    let title = if v.is_some() { exact } else { missing_reason(metric).to_string() };
                    let is_best = best == Some(i);
                    view! {
                        <td class="cell-number" class:is-best=is_best class:is-missing=v.is_none() title=title>
                            {text}
                            {is_best.then(|| view! { <span class="best-mark" aria-label="best">" ★"</span> })}
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr data-testid="compare-row" data-metric=metric.token()>
                    <th scope="row" title=metric.definition()>
                        {metric.label()}
                        <span class="info" tabindex="0" aria-label=format!("Definition: {}", metric.definition())>
                            "i"<span class="info-tip" role="tooltip">{metric.definition()}</span>
                        </span>
                    </th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let csv = {
        let mut out = format::csv_line(std::iter::once("Metric".to_string()).chain(c.campaigns.iter().map(|x| x.name.clone())));
        for (metric, values) in CompareMetric::ALL.iter().zip(&c.values) {
            let label = match metric.unit() {
                Unit::Money => format!("{} ({})", metric.label(), currency_of(&c, *metric, 0)),
                Unit::Percent => format!("{} (%)", metric.label()),
                _ => metric.label().to_string(),
            };
            out.push_str(&format::csv_line(std::iter::once(label).chain(values.iter().map(|v| exact(*metric, *v)))));
        }
        out
    };
    let names: Vec<String> = c.campaigns.iter().map(|x| x.name.clone()).collect();
    view! {
        <section class="panel table-panel" data-testid="comparison">
            <header class="panel-header compare-header">
                <h2 class="panel-title">"Side by side"</h2>
                <p class="panel-caption">"Over each campaign's own days since launch. ★ marks the best value of a row; — is missing (hover for why), never zero. Hover a row's name for its definition."</p>
                {notes.into_iter().map(|n| view! { <p class="notice" data-testid="in-flight">{n}</p> }).collect_view()}
            </header>
            <table class="data-table compare-table" data-testid="compare-table">
                <thead><tr><th scope="col">"Metric"</th>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <div class="table-footer">
                <button class="button button-small" type="button" data-testid="compare-table-csv"
                    on:click=move |_| download("campaign-comparison.csv", &csv)>"Download CSV"</button>
            </div>
        </section>
        <Timelines comparison=c.clone() names=names.clone()/>
        <LiftView comparison=c.clone() names/>
        <MarketsView comparison=c.clone()/>
        <TopPostsView comparison=c/>
    }
}

#[component]
fn TopPostsView(comparison: CampaignComparison) -> impl IntoView {
    let c = comparison;
    let rows: Vec<Vec<Cell>> = c
        .top_posts
        .iter()
        .map(|p| {
            let name = c.campaigns.get(p.campaign).map(|x| x.name.clone()).unwrap_or_default();
            let rate = crate::kpi::percent(p.engagements as f64, p.reach as f64);
            vec![
                Cell::text(name),
                Cell::text(p.text.clone()),
                Cell::text(format!("{} · @{}", p.platform, p.account.trim_start_matches('@'))),
                Cell::text(if p.market.is_empty() { "Global".to_string() } else { p.market.clone() }),
                Cell::text(format::day_long(p.day)),
                Cell::number(format::thousands(p.impressions), p.impressions as f64),
                Cell::number(format::thousands(p.engagements), p.engagements as f64),
                Cell::number(rate.map_or("—".into(), format::percent), rate.unwrap_or(0.0)),
            ]
        })
        .collect();
    let columns = vec![
        Column::text("Campaign"),
        Column::text("Post"),
        Column::text("Account"),
        Column::text("Market"),
        Column::text("Published"),
        Column::number("Impressions"),
        Column::number("Engagements"),
        Column::number("Engagement rate"),
    ];
    view! {
        <section class="panel table-panel" data-testid="top-posts">
            <header class="panel-header compare-header">
                <h2 class="panel-title">"Top posts"</h2>
                <p class="panel-caption">{format!(
                    "Each campaign's {} owned posts with the most engagements (reactions + comments + shares + saves + clicks) over its days; engagement rate = engagements ÷ reach.",
                    super::types::TOP_POSTS
                )}</p>
            </header>
            <DataTable columns rows csv_name="campaign-top-posts.csv" testid="top-posts-table" row_testid="top-post-row" empty="No owned posts attributed to these campaigns."/>
        </section>
    }
}

/// A series' running total.
fn cumulative(values: &[i64]) -> Vec<i64> {
    values.iter().scan(0, |acc, v| {
        *acc += v;
        Some(*acc)
    }).collect()
}

/// The campaigns' series by day since launch: `None` past the days a campaign has run.
fn aligned(series: &[Vec<i64>], names: &[String], running: bool) -> (Vec<String>, Vec<SeriesData>) {
    let days = series.iter().map(Vec::len).max().unwrap_or(0);
    let categories = (0..days).map(|d| format!("D{d}")).collect();
    let data = series
        .iter()
        .zip(names)
        .enumerate()
        .map(|(i, (values, name))| {
            let values = if running { cumulative(values) } else { values.clone() };
            SeriesData {
                name: name.clone(),
                color: COLORS[i % COLORS.len()],
                values: (0..days).map(|d| values.get(d).map(|v| *v as f64)).collect(),
                band: None,
            }
        })
        .collect();
    (categories, data)
}

fn timeline_csv(series: &[Vec<i64>], names: &[String], running: bool) -> String {
    let days = series.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = format::csv_line(std::iter::once("Day since launch".to_string()).chain(names.iter().cloned()));
    let series: Vec<Vec<i64>> = series.iter().map(|s| if running { cumulative(s) } else { s.clone() }).collect();
    for d in 0..days {
        out.push_str(&format::csv_line(
            std::iter::once(format!("D{d}")).chain(series.iter().map(|s| s.get(d).map_or(String::new(), |v| v.to_string()))),
        ));
    }
    out
}

#[component]
fn Timelines(comparison: CampaignComparison, names: Vec<String>) -> impl IntoView {
    let running = RwSignal::new(false);
    let c = StoredValue::new(comparison);
    let names = StoredValue::new(names);
    let chart = move |title: &'static str, what: &'static str, testid: &'static str, pick: fn(&CampaignComparison) -> &Vec<Vec<i64>>| {
        let run = running.get();
        let (categories, series) = c.with_value(|c| names.with_value(|n| aligned(pick(c), n, run)));
        let csv = c.with_value(|c| names.with_value(|n| timeline_csv(pick(c), n, run)));
        let caption = format!("{what} attributed to each campaign by day since its launch in each market{}", if run { ", cumulative" } else { ", per day" });
        view! {
            <div class="chart-with-csv">
                <TimeChart title caption testid categories bucket_word="" series kind=ChartKind::Lines/>
                <button class="button button-small" type="button" data-testid=format!("{testid}-csv")
                    on:click=move |_| download(&format!("{testid}.csv"), &csv)>"Download CSV"</button>
            </div>
        }
    };
    view! {
        <section class="timelines" data-testid="timelines">
            <label class="toggle">
                <input type="checkbox" data-testid="cumulative" prop:checked=move || running.get()
                    on:change=move |ev| running.set(event_target_checked(&ev))/>
                " Cumulative"
            </label>
            <div class="charts">
                {move || chart("Mentions by day since launch", "Earned mentions", "timeline-mentions", |c| &c.mentions_by_day)}
                {move || chart("Engagements by day since launch", "Owned-post engagements", "timeline-engagements", |c| &c.engagements_by_day)}
            </div>
        </section>
    }
}

/// Baseline and campaign halves of a lift series, with the lift and whether it clears the
/// baseline's day-to-day spread.
struct Band {
    baseline: (f64, f64),
    during: f64,
}

impl Band {
    fn of(series: &[i64], days: i64) -> Band {
        let days = usize::try_from(days).unwrap_or(0).min(series.len());
        let (before, after) = series.split_at(days);
        Band { baseline: mean_sd(before), during: mean_sd(after).0 }
    }

    fn lift(&self) -> Option<f64> {
        crate::kpi::percent(self.during - self.baseline.0, self.baseline.0)
    }

    fn verdict(&self) -> &'static str {
        let (mean, sd) = self.baseline;
        if self.during > mean + sd {
            "above the baseline's spread"
        } else if self.during < mean - sd {
            "below the baseline's spread"
        } else {
            "within the baseline's day-to-day noise"
        }
    }
}

fn windows_text(lift: &Lift) -> String {
    lift.windows
        .iter()
        .map(|(m, from, to)| format!("{m} {} – {}", format::day_short(*from), format::day_long(*to)))
        .collect::<Vec<_>>()
        .join("; ")
}

#[component]
fn LiftView(comparison: CampaignComparison, names: Vec<String>) -> impl IntoView {
    let rows: Vec<Vec<Cell>> = comparison
        .lift
        .iter()
        .zip(&names)
        .flat_map(|(lift, name)| {
            [("Mentions", &lift.mentions), ("Engagements", &lift.engagements)].into_iter().map(move |(what, series)| {
                let band = Band::of(series, lift.days);
                let (mean, sd) = band.baseline;
                vec![
                    Cell::text(name.clone()),
                    Cell::text(what),
                    Cell::text(windows_text(lift)),
                    Cell::number(format!("{mean:.1} ± {sd:.1}"), mean),
                    Cell::number(format!("{:.1}", band.during), band.during),
                    match band.lift() {
                        Some(l) => Cell::number(format!("{}{}", if l > 0.0 { "+" } else { "" }, format::percent(l)), l),
                        None => Cell::number("—", f64::NEG_INFINITY),
                    },
                    Cell::text(band.verdict()),
                ]
            })
        })
        .collect();
    let columns = vec![
        Column::text("Campaign"),
        Column::text("Per day"),
        Column::text("Baseline (same markets, before launch)"),
        Column::number("Baseline mean ± sd"),
        Column::number("During"),
        Column::number("Lift"),
        Column::text("Reads as"),
    ];
    let pick = RwSignal::new(0usize);
    let c = StoredValue::new(comparison);
    let names = StoredValue::new(names);
    let options = names.with_value(|n| {
        n.iter().enumerate().map(|(i, name)| view! { <option value=i.to_string()>{name.clone()}</option> }).collect_view()
    });
    let chart = move |what: &'static str, testid: &'static str, pick_series: fn(&Lift) -> &Vec<i64>| {
        let i = pick.get();
        c.with_value(|c| {
            let lift = c.lift.get(i)?;
            let values = pick_series(lift);
            let band = Band::of(values, lift.days);
            let (mean, sd) = band.baseline;
            let categories = (-lift.days..lift.days).map(|d| format!("D{d}")).collect();
            let name = names.with_value(|n| n.get(i).cloned().unwrap_or_default());
            let series = vec![SeriesData {
                name: format!("{name}: the brand's {} in its markets", what.to_ascii_lowercase()),
                color: COLORS[i % COLORS.len()],
                values: values.iter().map(|v| Some(*v as f64)).collect(),
                band: Some(((mean - sd).max(0.0), mean + sd)),
            }];
            let caption = format!(
                "All the brand's {} per day in the campaign's markets, each market aligned on its launch (D0). Shaded: the baseline's mean ± one standard deviation ({mean:.1} ± {sd:.1} a day).",
                what.to_ascii_lowercase()
            );
            let title = if testid == "lift-chart" { "Mentions around launch" } else { "Engagements around launch" };
            Some(view! { <TimeChart title caption testid categories bucket_word="" series kind=ChartKind::Lines/> })
        })
    };
    view! {
        <section class="panel table-panel" data-testid="lift">
            <header class="panel-header compare-header">
                <h2 class="panel-title">"Lift against the baseline"</h2>
                <p class="panel-caption">"The brand's mentions and owned-post engagements per day in each campaign's markets, during the campaign and over the same number of days before each market's launch. A lift within one standard deviation of the baseline's days reads as noise."</p>
            </header>
            <DataTable columns rows csv_name="campaign-lift.csv" testid="lift-table" row_testid="lift-row" empty="No baseline yet."/>
        </section>
        <section class="lift-chart">
            <label class="field-inline">"Campaign "
                <select data-testid="lift-pick" on:change=move |ev| pick.set(event_target_value(&ev).parse().unwrap_or(0))>{options}</select>
            </label>
            <div class="charts">
                {move || chart("Mentions", "lift-chart", |l| &l.mentions)}
                {move || chart("Owned-post engagements", "lift-chart-engagements", |l| &l.engagements)}
            </div>
        </section>
    }
}

#[component]
fn MarketsView(comparison: CampaignComparison) -> impl IntoView {
    let c = comparison;
    let total = |i: usize| c.markets.iter().filter(|m| m.campaign == i).map(|m| m.mentions).sum::<i64>();
    let mut markets: Vec<&MarketRow> = c.markets.iter().collect();
    markets.sort_by_key(|m| (m.campaign, m.market.is_empty(), m.market.clone()));
    let rows: Vec<Vec<Cell>> = markets
        .into_iter()
        .map(|m| {
            let name = c.campaigns.get(m.campaign).map(|x| x.name.clone()).unwrap_or_default();
            let share = crate::kpi::percent(m.mentions as f64, total(m.campaign) as f64);
            vec![
                Cell::text(name),
                Cell::text(if m.market.is_empty() { "Global accounts".to_string() } else { m.market.clone() }),
                Cell::text(m.launch_on.map(format::day_long).unwrap_or_else(|| "—".into())),
                Cell::number(format::thousands(m.mentions), m.mentions as f64),
                Cell::number(share.map_or("—".into(), format::percent), share.unwrap_or(0.0)),
                Cell::number(format::thousands(m.posts), m.posts as f64),
                Cell::number(format::thousands(m.engagements), m.engagements as f64),
            ]
        })
        .collect();
    let columns = vec![
        Column::text("Campaign"),
        Column::text("Market"),
        Column::text("Launch"),
        Column::number("Mentions"),
        Column::number("Share of the campaign's mentions"),
        Column::number("Owned posts"),
        Column::number("Engagements"),
    ];
    let hub_rows: Vec<Vec<Cell>> = c
        .campaigns
        .iter()
        .zip(&c.hub_local)
        .map(|(x, (hub, local))| {
            let share = crate::kpi::percent(*hub as f64, (*hub + *local) as f64);
            vec![
                Cell::text(x.name.clone()),
                Cell::number(format::thousands(*hub), *hub as f64),
                Cell::number(format::thousands(*local), *local as f64),
                Cell::number(share.map_or("—".into(), format::percent), share.unwrap_or(0.0)),
            ]
        })
        .collect();
    let hub_columns = vec![
        Column::text("Campaign"),
        Column::number("Hub engagements"),
        Column::number("Local engagements"),
        Column::number("Hub share"),
    ];
    view! {
        <section class="panel table-panel" data-testid="markets">
            <header class="panel-header compare-header">
                <h2 class="panel-title">"By market"</h2>
                <p class="panel-caption">"Each campaign in each of its markets: launch day, attributed mentions and owned posts. Global accounts post for every market."</p>
            </header>
            <DataTable columns rows csv_name="campaign-markets.csv" testid="markets-table" row_testid="market-row" empty="No markets."/>
        </section>
        <section class="panel table-panel" data-testid="hub-local">
            <header class="panel-header compare-header">
                <h2 class="panel-title">"Hub and local teams"</h2>
                <p class="panel-caption">"Engagements of the campaign's owned posts by the team that owns the account: the global hub, or local (spoke) teams and accounts without a team."</p>
            </header>
            <DataTable columns=hub_columns rows=hub_rows csv_name="campaign-hub-local.csv" testid="hub-local-table" row_testid="hub-local-row" empty="No owned posts."/>
        </section>
    }
}
