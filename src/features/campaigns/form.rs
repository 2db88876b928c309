//! The campaign form: add a campaign, or change one from its row's Edit — name, brand,
//! objective, dates, spend, hashtags and keywords, and per market its launch day and results.
//! Everything is sent as typed and checked on the server, which names each problem.

use leptos::html::Section;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::api::save_campaign;
use super::types::{CampaignList, CampaignSpec, CampaignSummary, MarketSpec, OBJECTIVES};
use crate::ui::widgets::notice::{Notice, NoticeText};

/// One market's row of the form.
#[derive(Clone, Copy)]
struct MarketFields {
    code: StoredValue<String>,
    on: RwSignal<bool>,
    launch: RwSignal<String>,
    leads: RwSignal<String>,
    sales: RwSignal<String>,
    revenue: RwSignal<String>,
}

/// The form's state, shared with the list (whose Edit fills it).
#[derive(Clone, Copy)]
pub struct CampaignForm {
    open: RwSignal<bool>,
    id: RwSignal<Option<i64>>,
    brand: RwSignal<String>,
    name: RwSignal<String>,
    objective: RwSignal<String>,
    start: RwSignal<String>,
    end: RwSignal<String>,
    spend: RwSignal<String>,
    currency: RwSignal<String>,
    terms: RwSignal<String>,
    markets: StoredValue<Vec<MarketFields>>,
    panel: NodeRef<Section>,
}

fn text(v: impl ToString) -> String {
    v.to_string()
}

impl CampaignForm {
    pub fn new(list: &CampaignList) -> CampaignForm {
        let markets = list
            .markets
            .iter()
            .map(|code| MarketFields {
                code: StoredValue::new(code.clone()),
                on: RwSignal::new(false),
                launch: RwSignal::new(String::new()),
                leads: RwSignal::new(String::new()),
                sales: RwSignal::new(String::new()),
                revenue: RwSignal::new(String::new()),
            })
            .collect();
        CampaignForm {
            open: RwSignal::new(false),
            id: RwSignal::new(None),
            brand: RwSignal::new(list.brands.first().cloned().unwrap_or_default()),
            name: RwSignal::new(String::new()),
            objective: RwSignal::new(OBJECTIVES[0].to_string()),
            start: RwSignal::new(String::new()),
            end: RwSignal::new(String::new()),
            spend: RwSignal::new(String::new()),
            currency: RwSignal::new(list.currency.clone()),
            terms: RwSignal::new(String::new()),
            markets: StoredValue::new(markets),
            panel: NodeRef::new(),
        }
    }

    fn show(self) {
        self.open.set(true);
        if let Some(panel) = self.panel.get_untracked() {
            panel.scroll_into_view();
        }
    }

    /// An empty form for a new campaign.
    pub fn add(self, list: &CampaignList) {
        self.id.set(None);
        self.brand.set(list.brands.first().cloned().unwrap_or_default());
        for s in [self.name, self.start, self.end, self.spend, self.terms] {
            s.set(String::new());
        }
        self.objective.set(OBJECTIVES[0].to_string());
        self.currency.set(list.currency.clone());
        self.markets.with_value(|ms| {
            for m in ms {
                m.on.set(false);
                for s in [m.launch, m.leads, m.sales, m.revenue] {
                    s.set(String::new());
                }
            }
        });
        self.show();
    }

    /// The form filled with `c`, to change it.
    pub fn edit(self, c: &CampaignSummary) {
        self.id.set(Some(c.id));
        self.brand.set(c.brand.clone());
        self.name.set(c.name.clone());
        self.objective.set(c.objective.clone());
        self.start.set(text(c.start_on));
        self.end.set(text(c.end_on));
        self.spend.set(format!("{}", c.spend));
        self.currency.set(c.currency.clone());
        self.terms.set(c.hashtags.clone());
        self.markets.with_value(|ms| {
            for m in ms {
                let code = m.code.get_value();
                let launch = c.launches.iter().find(|(market, _)| *market == code);
                m.on.set(launch.is_some());
                m.launch.set(launch.map(|(_, d)| text(d)).unwrap_or_default());
                let result = c.results.iter().find(|r| r.0 == code);
                m.leads.set(result.and_then(|r| r.1).map(text).unwrap_or_default());
                m.sales.set(result.and_then(|r| r.2).map(text).unwrap_or_default());
                m.revenue.set(result.and_then(|r| r.3).map(|v| format!("{v}")).unwrap_or_default());
            }
        });
        self.show();
    }

    fn spec(self) -> CampaignSpec {
        let markets = self.markets.with_value(|ms| {
            ms.iter()
                .filter(|m| m.on.get_untracked())
                .map(|m| MarketSpec {
                    market: m.code.get_value(),
                    launch_on: m.launch.get_untracked(),
                    leads: m.leads.get_untracked(),
                    sales: m.sales.get_untracked(),
                    revenue: m.revenue.get_untracked(),
                })
                .collect()
        });
        CampaignSpec {
            id: self.id.get_untracked(),
            brand: self.brand.get_untracked(),
            name: self.name.get_untracked(),
            objective: self.objective.get_untracked(),
            start_on: self.start.get_untracked(),
            end_on: self.end.get_untracked(),
            spend: self.spend.get_untracked(),
            currency: self.currency.get_untracked(),
            terms: self.terms.get_untracked(),
            markets,
        }
    }
}

fn field(label: &'static str, value: RwSignal<String>, kind: &'static str, placeholder: &'static str) -> impl IntoView {
    view! {
        <label class="field">{label}
            <input type=kind aria-label=label placeholder=placeholder prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))/>
        </label>
    }
}

fn cell_input(label: String, value: RwSignal<String>, kind: &'static str, on: RwSignal<bool>) -> impl IntoView {
    view! {
        <td><input type=kind aria-label=label prop:value=value prop:disabled=move || !on.get()
            on:input=move |ev| value.set(event_target_value(&ev))/></td>
    }
}

/// The form, shown while adding or editing; `saved` reloads the list with `notice`'s text.
#[component]
pub fn CampaignFormView(
    form: CampaignForm,
    brands: Vec<String>,
    notice: RwSignal<Option<NoticeText>>,
    saved: Callback<()>,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<NoticeText>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let spec = form.spec();
        busy.set(true);
        spawn_local(async move {
            match save_campaign(spec).await {
                Ok(s) => {
                    error.set(None);
                    form.open.set(false);
                    notice.set(Some(NoticeText::Done(format!(
                        "Saved {}: {} mentions and {} posts changed campaign by its hashtags and keywords.",
                        s.name, s.mentions_changed, s.posts_changed
                    ))));
                    saved.run(());
                }
                Err(e) => error.set(Some(NoticeText::Failed(e.to_string()))),
            }
            busy.set(false);
        });
    };
    let brand_options = brands.into_iter().map(|b| view! { <option value=b.clone()>{b.clone()}</option> }).collect_view();
    let objective_options = OBJECTIVES.iter().map(|o| view! { <option value=*o>{*o}</option> }).collect_view();
    let rows = form.markets.with_value(|ms| {
        ms.iter()
            .map(|m| {
                let code = m.code.get_value();
                let on = m.on;
                view! {
                    <tr data-testid="campaign-form-market">
                        <td><label class="field-check"><input type="checkbox" aria-label=format!("Runs in {code}") prop:checked=on
                            on:change=move |ev| on.set(event_target_checked(&ev))/>{code.clone()}</label></td>
                        {cell_input(format!("Launch in {code}"), m.launch, "date", on)}
                        {cell_input(format!("Leads in {code}"), m.leads, "text", on)}
                        {cell_input(format!("Sales in {code}"), m.sales, "text", on)}
                        {cell_input(format!("Revenue in {code}"), m.revenue, "text", on)}
                    </tr>
                }
            })
            .collect_view()
    });
    view! {
        <section class="panel campaign-form-panel" node_ref=form.panel data-testid="campaign-form-panel"
            style:display=move || if form.open.get() { "" } else { "none" }>
            <header class="panel-header">
                <h2 class="panel-title">{move || if form.id.get().is_some() { "Change campaign" } else { "New campaign" }}</h2>
                <p class="panel-caption">"Posts and mentions carrying one of its hashtags or keywords in its markets and dates are attributed to it when it is saved, and as they are imported."</p>
            </header>
            <form class="campaign-form" on:submit=submit data-testid="campaign-form">
                <div class="form-row">
                    {field("Name", form.name, "text", "Autumn Push")}
                    <label class="field">"Brand"
                        <select aria-label="Brand" prop:value=form.brand on:change=move |ev| form.brand.set(event_target_value(&ev))>{brand_options}</select>
                    </label>
                    <label class="field">"Objective"
                        <select aria-label="Objective" prop:value=form.objective on:change=move |ev| form.objective.set(event_target_value(&ev))>{objective_options}</select>
                    </label>
                    {field("Start", form.start, "date", "")}
                    {field("End", form.end, "date", "")}
                    {field("Spend", form.spend, "text", "25000")}
                    {field("Currency", form.currency, "text", "EUR")}
                </div>
                <label class="field field-wide">"Hashtags and keywords (comma-separated)"
                    <input type="text" aria-label="Hashtags and keywords" placeholder="#AutumnPush, autumn push"
                        prop:value=form.terms on:input=move |ev| form.terms.set(event_target_value(&ev))/>
                </label>
                <table class="data-table campaign-form-markets">
                    <thead><tr><th>"Market"</th><th>"Launch (empty: the start)"</th><th>"Leads"</th><th>"Sales"</th><th>"Revenue"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <Notice notice=error error_testid="campaign-form-error"/>
                <div class="form-actions">
                    <button class="button button-primary" type="submit" prop:disabled=busy>
                        {move || if form.id.get().is_some() { "Save changes" } else { "Add campaign" }}
                    </button>
                    <button class="button" type="button" on:click=move |_| { form.open.set(false); error.set(None); }>"Cancel"</button>
                </div>
            </form>
        </section>
    }
}
