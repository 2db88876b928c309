//! Chart wrappers: charts-rs draws the SVG in the browser; this adds a legend that toggles
//! series and a read-out of the exact value under the pointer.

use std::collections::BTreeSet;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::format;

/// Shown for a chart token the stylesheet does not define (or before it has loaded).
const MISSING_COLOR: &str = "#8a94a6";

/// A chart colour from the design tokens: `--chart-<token>` of `style/tokens.css`, the palette's
/// one source. charts-rs writes colours into the SVG, so they are read from the stylesheet.
fn chart_color(token: &str) -> String {
    let window = web_sys::window();
    let root = window.as_ref().and_then(|w| w.document()).and_then(|d| d.document_element());
    let value = match (window, root) {
        (Some(w), Some(root)) => w
            .get_computed_style(&root)
            .ok()
            .flatten()
            .and_then(|style| style.get_property_value(&format!("--chart-{token}")).ok()),
        _ => None,
    };
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).unwrap_or_else(|| MISSING_COLOR.into())
}

/// One series of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesData {
    pub name: String,
    /// Its colour: the name of a chart token in `style/tokens.css` (`positive` for
    /// `--chart-positive`), read from the stylesheet when the chart is drawn.
    pub color: &'static str,
    /// `None` is no value (nothing drawn there), not zero.
    pub values: Vec<Option<f64>>,
    /// A horizontal band (low, high) drawn behind the series, in its colour: a baseline's spread.
    pub band: Option<(f64, f64)>,
}

impl SeriesData {
    /// A series with a value in every bucket.
    pub fn full(
        name: impl Into<String>,
        color: &'static str,
        values: impl IntoIterator<Item = f64>,
    ) -> SeriesData {
        SeriesData { name: name.into(), color, values: values.into_iter().map(Some).collect(), band: None }
    }
}

/// How the series are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    StackedBars,
    /// Lines filled and piled on each other, so the top edge is the total.
    StackedArea,
    /// Lines side by side, each on its own values (series that do not add up).
    Lines,
}

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 300.0;

/// The visible series as charts-rs series.
fn chart_series(kind: ChartKind, series: &[&SeriesData]) -> Vec<charts_rs::Series> {
    series
        .iter()
        .map(|s| charts_rs::Series {
            name: s.name.clone(),
            data: s.values.iter().map(|v| v.map(|v| v as f32)).collect(),
            stack: (kind != ChartKind::Lines).then(|| "total".to_string()),
            fill: (kind == ChartKind::StackedArea).then_some(true),
            mark_areas: s
                .band
                .map(|(low, high)| charts_rs::MarkArea {
                    from: charts_rs::MarkLineCategory::Value(low as f32),
                    to: charts_rs::MarkLineCategory::Value(high as f32),
                    color: None,
                    opacity: Some(0.18),
                })
                .into_iter()
                .collect(),
            ..Default::default()
        })
        .collect()
}

/// The options every chart shares, on a chart built with the light theme. Built as typed values,
/// not charts-rs's JSON options: its JSON reader and schema stay out of the client.
fn style_chart(
    base: &mut charts_rs::ChartBase,
    y_axes: &mut [charts_rs::YAxisConfig],
    series: &[&SeriesData],
) {
    base.width = WIDTH as f32;
    base.height = HEIGHT as f32;
    base.margin = charts_rs::Box { left: 4.0, top: 12.0, right: 12.0, bottom: 4.0 };
    base.font_family = "Roboto".into();
    base.legend.show = Some(false);
    base.tooltip.show = true;
    base.x_axis.font.size = 11.0;
    base.x_axis.label_overflow = charts_rs::AxisLabelOverflow::Thin;
    base.grid.stroke_color = chart_color("grid").as_str().into();
    base.series.colors = series.iter().map(|s| chart_color(s.color).as_str().into()).collect();
    base.series.stroke_width = 2.0;
    base.series.symbol = Some(charts_rs::Symbol::None);
    base.series.fill_opacity = Some(0.55);
    base.empty_text = Some("No data in this period".into());
    for y in y_axes.iter_mut() {
        y.font.size = 11.0;
        y.formatter = Some("{t}".into());
        y.split_number = 5;
    }
}

fn render_svg(kind: ChartKind, categories: &[String], series: &[&SeriesData]) -> Result<String, String> {
    let list = chart_series(kind, series);
    let x = categories.to_vec();
    match kind {
        ChartKind::StackedBars => {
            let mut chart = charts_rs::BarChart::new_with_theme(list, x, "light");
            style_chart(&mut chart.base, &mut chart.y_axis_configs, series);
            chart.svg()
        }
        ChartKind::StackedArea | ChartKind::Lines => {
            let mut chart = charts_rs::LineChart::new_with_theme(list, x, "light");
            style_chart(&mut chart.base, &mut chart.y_axis_configs, series);
            chart.svg()
        }
    }
    .map(|svg| crate::markup::without_inline_styles(&svg))
    .map_err(|e| e.to_string())
}

/// The bar or point (charts-rs's `.ct-trigger`) under a mouse event.
fn trigger_of(ev: &web_sys::MouseEvent) -> Option<web_sys::Element> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest(".ct-trigger").ok().flatten())
}

/// A time-series chart with a toggling legend and a hover read-out.
#[component]
pub fn TimeChart(
    /// Heading of the chart panel.
    title: &'static str,
    /// One line under the heading: what the chart counts.
    caption: String,
    /// Test id of the panel.
    testid: &'static str,
    /// Labels of the x axis, one per bucket.
    categories: Vec<String>,
    /// What a bucket's label means in the read-out ("Day" or "Week of").
    bucket_word: &'static str,
    /// The series, in legend order.
    series: Vec<SeriesData>,
    kind: ChartKind,
    /// Called with (bucket index, series name) when a bar is clicked: the drill-down.
    #[prop(optional)]
    on_pick: Option<Callback<(usize, String)>>,
) -> impl IntoView {
    let hidden = RwSignal::new(BTreeSet::<String>::new());
    let readout = RwSignal::new(None::<String>);
    let series = StoredValue::new(series);
    let categories = StoredValue::new(categories);
    let svg = Memo::new(move |_| {
        let hidden = hidden.get();
        series.with_value(|all| {
            let visible: Vec<&SeriesData> = all.iter().filter(|s| !hidden.contains(&s.name)).collect();
            categories.with_value(|c| render_svg(kind, c, &visible))
        })
    });
    let on_hover = move |ev: web_sys::MouseEvent| {
        let Some(el) = trigger_of(&ev) else { return };
        let attr = |name: &str| el.get_attribute(name).unwrap_or_default();
        let value = attr("data-value")
            .parse::<f64>()
            .map_or_else(|_| attr("data-value"), |v| format::thousands(v.round() as i64));
        readout.set(Some(format!(
            "{bucket_word} {} · {}: {value}",
            attr("data-category"),
            attr("data-series")
        )));
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        let Some(pick) = on_pick else { return };
        let Some(el) = trigger_of(&ev) else { return };
        let attr = |name: &str| el.get_attribute(name).unwrap_or_default();
        let (category, name) = (attr("data-category"), attr("data-series"));
        let bucket = categories.with_value(|c| c.iter().position(|x| *x == category));
        let series_name = series.with_value(|all| all.iter().map(|s| s.name.clone()).find(|n| *n == name));
        if let (Some(bucket), Some(series_name)) = (bucket, series_name) {
            pick.run((bucket, series_name));
        }
    };
    let hint = if on_pick.is_some() {
        "Point at a bar for its exact value; click it to list those mentions."
    } else {
        "Point at a bar or line for its exact value."
    };
    let legend = series.with_value(|all| {
        all.iter()
            .map(|s| {
                let name = StoredValue::new(s.name.clone());
                let color = format!("var(--chart-{})", s.color);
                let pressed = move || !hidden.with(|h| name.with_value(|n| h.contains(n)));
                view! {
                    <button
                        class="legend-item"
                        aria-pressed=move || pressed().to_string()
                        title=move || name.with_value(|n| if pressed() { format!("Hide {n}") } else { format!("Show {n}") })
                        on:click=move |_| hidden.update(|h| {
                            let n = name.get_value();
                            if !h.remove(&n) {
                                h.insert(n);
                            }
                        })
                    >
                        <span class="legend-swatch" style:background-color=color></span>
                        {name.get_value()}
                    </button>
                }
            })
            .collect_view()
    });
    view! {
        <section class="panel chart-panel" data-testid=testid>
            <header class="panel-header">
                <h2 class="panel-title">{title}</h2>
                <p class="panel-caption">{caption}</p>
            </header>
            <div class="legend" role="group" aria-label="Series">{legend}</div>
            <p class="chart-readout" data-testid="chart-readout" aria-live="polite">
                {move || readout.get().unwrap_or_else(|| hint.into())}
            </p>
            {move || match svg.get() {
                Ok(svg) => view! {
                    <div class="chart" class:is-pickable=on_pick.is_some() inner_html=svg on:mouseover=on_hover on:click=on_click on:mouseleave=move |_| readout.set(None)></div>
                }.into_any(),
                Err(e) => view! { <p class="state state-error">"The chart could not be drawn: " {e}</p> }.into_any(),
            }}
        </section>
    }
}
