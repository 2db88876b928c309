//! The filter bar: date presets and custom range, comparison, brand, platform, market.
//! Every change navigates to a new URL, so each view is a shareable link.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::model::{Comparison, FilterOptions, OverviewFilter, Preset};

/// Writes `filter` to the URL.
fn use_apply() -> impl Fn(OverviewFilter) + Clone + 'static {
    let navigate = use_navigate();
    move |f: OverviewFilter| navigate(&format!("/{}", f.to_query_string()), NavigateOptions::default())
}

/// Reads the value of the `<select>` or `<input>` an event came from.
fn value_of(ev: &leptos::ev::Event) -> String {
    event_target_value(ev)
}

/// The filter bar.
#[component]
pub fn FilterBar(
    /// The filter the URL holds now.
    filter: Memo<OverviewFilter>,
    /// Brands, platforms and markets to offer.
    options: FilterOptions,
) -> impl IntoView {
    let apply = use_apply();
    let presets = Preset::ALL
        .into_iter()
        .filter(|p| *p != Preset::Custom)
        .map(|preset| {
            let apply = apply.clone();
            let selected = move || filter.get().preset == preset;
            view! {
                <button
                    class="segment"
                    aria-pressed=move || selected().to_string()
                    data-testid=format!("preset-{}", preset.token())
                    on:click=move |_| {
                        let mut f = filter.get_untracked();
                        f.preset = preset;
                        f.from = None;
                        f.to = None;
                        apply(f);
                    }
                >
                    {preset.label()}
                </button>
            }
        })
        .collect_view();

    let custom_apply = apply.clone();
    let set_custom = move |from: Option<NaiveDate>, to: Option<NaiveDate>| {
        let mut f = filter.get_untracked();
        f.preset = Preset::Custom;
        f.from = from.or(f.from);
        f.to = to.or(f.to);
        custom_apply(f);
    };
    let start_custom = set_custom.clone();
    let edit_custom = set_custom;
    let extent = options.data_extent;
    let default_from = extent.map(|e| e.from);
    let default_to = extent.map(|e| e.to);

    let cmp_apply = apply.clone();
    let brand_apply = apply.clone();
    let platform_apply = apply.clone();
    let market_apply = apply;
    let brands = options.brands.clone();
    let platforms = options.platforms.clone();
    let markets = options.markets.clone();

    view! {
        <section class="filter-bar" aria-label="Filters">
            <div class="filter-group" role="group" aria-label="Date range">
                {presets}
                <button
                    class="segment"
                    aria-pressed=move || (filter.get().preset == Preset::Custom).to_string()
                    data-testid="preset-custom"
                    on:click=move |_| start_custom(filter.get_untracked().from.or(default_from), filter.get_untracked().to.or(default_to))
                >
                    "Custom"
                </button>
            </div>
            <Show when=move || filter.get().preset == Preset::Custom>
                <div class="filter-group custom-range">
                    <label class="field">
                        <span>"From"</span>
                        <input type="date" data-testid="custom-from"
                            prop:value=move || filter.get().from.map(|d| d.to_string()).unwrap_or_default()
                            on:change={
                                let edit_custom = edit_custom.clone();
                                move |ev| edit_custom(value_of(&ev).parse::<NaiveDate>().ok(), None)
                            }
                        />
                    </label>
                    <label class="field">
                        <span>"To"</span>
                        <input type="date" data-testid="custom-to"
                            prop:value=move || filter.get().to.map(|d| d.to_string()).unwrap_or_default()
                            on:change={
                                let edit_custom = edit_custom.clone();
                                move |ev| edit_custom(None, value_of(&ev).parse::<NaiveDate>().ok())
                            }
                        />
                    </label>
                </div>
            </Show>
            <label class="field">
                <span>"Compare with"</span>
                <select data-testid="compare" on:change=move |ev| {
                    let mut f = filter.get_untracked();
                    f.comparison = Comparison::from_token(&value_of(&ev)).unwrap_or_default();
                    cmp_apply(f);
                }>
                    {Comparison::ALL.into_iter().map(|c| view! {
                        <option value=c.token() selected=move || filter.get().comparison == c>{c.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>"Brand"</span>
                <select data-testid="brand" on:change=move |ev| {
                    let mut f = filter.get_untracked();
                    f.brand = value_of(&ev).parse().ok();
                    brand_apply(f);
                }>
                    {brands.into_iter().map(|b| {
                        let id = b.id;
                        let is_own = b.is_own;
                        let label = if b.is_own { format!("{} (own)", b.name) } else { b.name };
                        view! {
                            <option value=id.to_string() selected=move || filter.get().brand.map_or(is_own, |x| x == id)>{label}</option>
                        }
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>"Platform"</span>
                <select data-testid="platform" on:change=move |ev| {
                    let mut f = filter.get_untracked();
                    f.platform = Some(value_of(&ev)).filter(|v| !v.is_empty());
                    platform_apply(f);
                }>
                    <option value="" selected=move || filter.get().platform.is_none()>"All platforms"</option>
                    {platforms.into_iter().map(|p| {
                        let key = p.key.clone();
                        view! { <option value=p.key selected=move || filter.get().platform.as_deref() == Some(key.as_str())>{p.label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>"Market"</span>
                <select data-testid="market" on:change=move |ev| {
                    let mut f = filter.get_untracked();
                    f.market = Some(value_of(&ev)).filter(|v| !v.is_empty());
                    market_apply(f);
                }>
                    <option value="" selected=move || filter.get().market.is_none()>"All markets"</option>
                    {markets.into_iter().map(|m| {
                        let key = m.key.clone();
                        view! { <option value=m.key selected=move || filter.get().market.as_deref() == Some(key.as_str())>{m.label}</option> }
                    }).collect_view()}
                </select>
            </label>
        </section>
    }
}
