//! KPI tiles: value, change against the comparison period, and the definition on hover.

use leptos::prelude::*;

use crate::format;
use crate::model::KpiTile;

/// The grid of KPI tiles.
#[component]
pub fn KpiTiles(
    /// Tiles in reading order.
    tiles: Vec<KpiTile>,
    /// Currency of money KPIs.
    currency: String,
    /// Describes the comparison period, e.g. "vs 2 Oct – 31 Oct".
    comparison_label: String,
) -> impl IntoView {
    tiles
        .into_iter()
        .map(|tile| {
            let unit = tile.kpi.unit();
            let value = format::kpi_value(tile.value, unit, &currency);
            let exact = format::kpi_exact(tile.value, unit, &currency);
            let change = format::kpi_change(tile.change, unit);
            let trend = match (tile.change.map(|c| c.absolute), tile.kpi.higher_is_better()) {
                (Some(d), Some(good_up)) if d != 0.0 => {
                    if (d > 0.0) == good_up { "change change-good" } else { "change change-bad" }
                }
                _ => "change change-flat",
            };
            let arrow = match tile.change.map(|c| c.absolute) {
                Some(d) if d > 0.0 => "▲ ",
                Some(d) if d < 0.0 => "▼ ",
                _ => "",
            };
            let previous = match tile.previous {
                Some(p) => format!("{} {}", comparison_label, format::kpi_value(Some(p), unit, &currency)),
                None => format!("{comparison_label}: no data"),
            };
            let definition = tile.kpi.definition();
            view! {
                <article class="tile" data-testid=format!("tile-{}", tile.kpi.token())>
                    <header class="tile-header">
                        <h3 class="tile-label">{tile.kpi.label()}</h3>
                        <span class="info" tabindex="0" title=definition aria-label=format!("Definition: {definition}")>
                            "i"
                            <span class="info-tip" role="tooltip">{definition}</span>
                        </span>
                    </header>
                    <p class="tile-value" title=exact data-testid="tile-value">{value}</p>
                    <p class=trend data-testid="tile-change" title=previous>{arrow}{change}</p>
                </article>
            }
        })
        .collect_view()
}
