//! Chart wrappers: charts-rs draws the SVG in the browser; this adds a legend that toggles
//! series and a read-out of the exact value under the pointer.

use std::collections::BTreeSet;

use leptos::prelude::*;
use serde_json::json;
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
    pub name: &'static str,
    /// Its colour: the name of a chart token in `style/tokens.css` (`positive` for
    /// `--chart-positive`), read from the stylesheet when the chart is drawn.
    pub color: &'static str,
    pub values: Vec<f64>,
}

/// How the series are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    StackedBars,
    /// Lines filled and piled on each other, so the top edge is the total.
    StackedArea,
}

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 300.0;

/// Builds the charts-rs JSON document for the visible series.
fn chart_json(kind: ChartKind, categories: &[String], series: &[&SeriesData]) -> String {
    let list: Vec<serde_json::Value> = series
        .iter()
        .map(|s| {
            let mut v = json!({ "name": s.name, "data": s.values, "stack": "total" });
            if kind == ChartKind::StackedArea {
                v["fill"] = json!(true);
            }
            v
        })
        .collect();
    json!({
        "theme": "light",
        "width": WIDTH,
        "height": HEIGHT,
        "margin": {"left": 4, "top": 12, "right": 12, "bottom": 4},
        "font_family": "Roboto",
        "legend_show": false,
        "tooltip_show": true,
        "x_axis_data": categories,
        "x_axis_font_size": 11,
        "x_axis_label_overflow": "thin",
        "grid_stroke_color": chart_color("grid"),
        "series_colors": series.iter().map(|s| chart_color(s.color)).collect::<Vec<_>>(),
        "series_stroke_width": 2,
        "series_symbol": null,
        "series_fill_opacity": 0.55,
        "y_axis_configs": [{"axis_font_size": 11, "axis_formatter": "{t}", "axis_split_number": 5}],
        "series_list": list,
        "empty_text": "No data in this period",
    })
    .to_string()
}

fn render_svg(kind: ChartKind, categories: &[String], series: &[&SeriesData]) -> Result<String, String> {
    let json = chart_json(kind, categories, series);
    match kind {
        ChartKind::StackedBars => charts_rs::BarChart::from_json(&json).and_then(|c| c.svg()),
        ChartKind::StackedArea => charts_rs::LineChart::from_json(&json).and_then(|c| c.svg()),
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
    on_pick: Option<Callback<(usize, &'static str)>>,
) -> impl IntoView {
    let hidden = RwSignal::new(BTreeSet::<&'static str>::new());
    let readout = RwSignal::new(None::<String>);
    let series = StoredValue::new(series);
    let categories = StoredValue::new(categories);
    let svg = Memo::new(move |_| {
        let hidden = hidden.get();
        series.with_value(|all| {
            let visible: Vec<&SeriesData> = all.iter().filter(|s| !hidden.contains(s.name)).collect();
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
        let series_name = series.with_value(|all| all.iter().map(|s| s.name).find(|n| *n == name));
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
                let name = s.name;
                let color = format!("var(--chart-{})", s.color);
                let pressed = move || !hidden.get().contains(name);
                view! {
                    <button
                        class="legend-item"
                        aria-pressed=move || pressed().to_string()
                        title=move || if pressed() { format!("Hide {name}") } else { format!("Show {name}") }
                        on:click=move |_| hidden.update(|h| {
                            if !h.remove(name) {
                                h.insert(name);
                            }
                        })
                    >
                        <span class="legend-swatch" style:background-color=color></span>
                        {name}
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
