//! The executive summary page. The server renders its controls and the report as one piece of
//! HTML (`controls.rs`, `html.rs`); this page fetches it for the URL's period and wires its
//! events: the router follows its links, a drop-down (`data-nav`) navigates to the address it
//! holds, a custom range's date fields navigate to the range, and the buttons' `data-action`s
//! print, create a share link or revoke one, or save the targets. So the first load carries no report types and
//! almost no view code for the page.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use super::api::{get_summary, revoke_summary_share, set_summary_targets, share_summary};
use super::types::{PeriodKind, ReportSpec, SHARE_DEFAULT_DAYS};
use crate::auth::Action;
use crate::markup::escape_html as escape;
use crate::ui::widgets::access::{allowed, NotAllowed};
use crate::ui::widgets::load::{ErrorState, LoadingState};

/// The form field with this id.
fn input(id: &str) -> Option<web_sys::HtmlInputElement> {
    let el = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    el.and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
}

/// The value of the input with this id.
fn field(id: &str) -> String {
    input(id).map(|i| i.value()).unwrap_or_default()
}

/// A `<select>`'s value.
fn js_value(el: &web_sys::Element) -> Option<String> {
    web_sys::js_sys::Reflect::get(el, &"value".into()).ok().and_then(|v| v.as_string())
}

fn target(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

#[component]
pub fn SummaryPage() -> impl IntoView {
    if !allowed(Action::ReadExecutiveSummary) {
        return view! { <NotAllowed/> }.into_any();
    }
    let query = use_query_map();
    let spec = Memo::new(move |_| query.with(|q| ReportSpec::from_query(|k| q.get(k))));
    // a signal and a task rather than a resource: the page needs no suspense, and each resource
    // type costs the first load its own copy of the async machinery
    let summary = RwSignal::new(None::<Result<String, crate::error::ApiError>>);
    let load = move || {
        let query = spec.get_untracked().to_query_string();
        leptos::task::spawn_local(async move { summary.set(Some(get_summary(query).await)) });
    };
    Effect::new(move |_| {
        spec.track();
        load();
    });
    // the address of a link just created, or why it was not, as HTML
    let created = RwSignal::new(String::new());
    let navigate = use_navigate();
    let on_change = move |ev: web_sys::Event| {
        let Some(el) = target(&ev) else { return };
        let to = if el.has_attribute("data-nav") {
            el.get_attribute("data-value").or_else(|| js_value(&el))
        } else if el.has_attribute("data-range") {
            let s = ReportSpec {
                kind: PeriodKind::Custom,
                of: None,
                from: field("summary-from").parse().ok(),
                to: field("summary-to").parse().ok(),
                ..spec.get_untracked()
            };
            Some(format!("/summary{}", s.to_query_string()))
        } else {
            None
        };
        if let Some(to) = to {
            navigate(&to, NavigateOptions::default());
        }
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        let Some(el) = target(&ev).and_then(|t| t.closest("[data-action], [data-share-revoke]").ok().flatten()) else {
            return;
        };
        if let Some(id) = el.get_attribute("data-share-revoke").and_then(|v| v.parse::<i64>().ok()) {
            leptos::task::spawn_local(async move {
                if let Err(e) = revoke_summary_share(id).await {
                    created.set(format!("<p class=\"form-error\" role=\"alert\">{}</p>", escape(&e.to_string())));
                }
                load();
            });
            return;
        }
        match el.get_attribute("data-action").as_deref() {
            Some("print") => {
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            }
            Some("share-create") => {
                let query = spec.get_untracked().to_query_string();
                let rolling = input("share-rolling").is_some_and(|i| i.checked());
                let days = field("share-days").parse().unwrap_or(SHARE_DEFAULT_DAYS);
                let password = field("share-password");
                leptos::task::spawn_local(async move {
                    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
                    let answer = share_summary(query, rolling, days, password).await;
                    created.set(match answer {
                        Ok(path) => format!(
                            "<p class=\"panel share-created\" role=\"status\">Link created. Copy it now; it is shown only once: <input readonly class=\"share-url\" data-testid=\"share-url\" value=\"{}\"></p>",
                            escape(&format!("{origin}{path}"))
                        ),
                        Err(e) => format!("<p class=\"form-error\" role=\"alert\" data-testid=\"share-error\">{}</p>", escape(&e.to_string())),
                    });
                    load();
                });
            }
            Some("targets-save") => {
                let tokens = el.get_attribute("data-targets").unwrap_or_default();
                let form: Vec<String> = tokens
                    .split(',')
                    .map(|t| format!("{t}={}", crate::markup::encode_component(&field(&format!("target-{t}")))))
                    .collect();
                leptos::task::spawn_local(async move {
                    created.set(match set_summary_targets(form.join("&")).await {
                        Ok(()) => "<p class=\"panel share-created\" role=\"status\" data-testid=\"targets-saved\">Targets saved.</p>".into(),
                        Err(e) => format!("<p class=\"form-error\" role=\"alert\" data-testid=\"targets-error\">{}</p>", escape(&e.to_string())),
                    });
                    load();
                });
            }
            _ => {}
        }
    };
    view! {
        <div class="page summary-page" on:change=on_change on:click=on_click>
            <div inner_html=move || created.get()></div>
            {move || match summary.get() {
                None => view! { <LoadingState/> }.into_any(),
                Some(Ok(html)) => view! { <div class="report-host" inner_html=html></div> }.into_any(),
                Some(Err(error)) => view! { <ErrorState error/> }.into_any(),
            }}
        </div>
    }
    .into_any()
}
