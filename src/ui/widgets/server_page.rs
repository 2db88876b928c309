//! A page the server renders as HTML: the client fetches it for the URL's query and wires its
//! events, and carries no view code or wire types of its own — which keeps the first load small
//! however many such pages there are.
//!
//! What the HTML may hold:
//! - links (`<a href>`): the router follows them, so each view is a URL;
//! - a control with `data-nav` (a `<select>` whose option values are addresses): a change
//!   navigates to the chosen address;
//! - a `<form data-act="NAME">`: submitting it sends its named fields, URL-encoded, to the
//!   page's `act(NAME, fields)`; a `data-confirm` text asks first. The answer (a sentence) is
//!   shown above the page fetched again (after a refusal the page stays as it is).

use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use super::load::{ErrorState, LoadingState};
use crate::error::ApiError;
use crate::markup::{encode_component, escape_html};

fn prop(el: &web_sys::Element, key: &str) -> wasm_bindgen::JsValue {
    web_sys::js_sys::Reflect::get(el, &key.into()).unwrap_or(wasm_bindgen::JsValue::UNDEFINED)
}

/// A form's named fields as `name=value&…` (unchecked boxes left out, as a browser does).
fn form_fields(form: &web_sys::Element) -> String {
    let mut out = Vec::new();
    let Ok(nodes) = form.query_selector_all("[name]") else { return String::new() };
    for i in 0..nodes.length() {
        let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
        let kind = el.get_attribute("type").unwrap_or_default();
        if (kind == "checkbox" || kind == "radio") && prop(&el, "checked").as_bool() != Some(true) {
            continue;
        }
        let name = el.get_attribute("name").unwrap_or_default();
        let value = prop(&el, "value").as_string().unwrap_or_default();
        out.push(format!("{}={}", encode_component(&name), encode_component(&value)));
    }
    out.join("&")
}

/// The page `load` renders for the URL's query (`?a=b…`, or empty), with its forms sent to
/// `act`.
pub fn server_page<L, LF, A, AF>(load: L, act: A) -> impl IntoView
where
    L: Fn(String) -> LF + Copy + 'static,
    LF: Future<Output = Result<String, ApiError>> + 'static,
    A: Fn(String, String) -> AF + Copy + 'static,
    AF: Future<Output = Result<String, ApiError>> + 'static,
{
    let location = use_location();
    let html = RwSignal::new(None::<Result<String, ApiError>>);
    // the answer to the last form sent, as HTML
    let answer = RwSignal::new(String::new());
    let fetch = move || {
        let query = location.search.get_untracked();
        leptos::task::spawn_local(async move { html.set(Some(load(query).await)) });
    };
    Effect::new(move |_| {
        location.search.track();
        answer.set(String::new());
        fetch();
    });
    let navigate = use_navigate();
    let on_change = move |ev: web_sys::Event| {
        let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        if el.has_attribute("data-nav") {
            if let Some(to) = prop(&el, "value").as_string() {
                navigate(&to, NavigateOptions::default());
            }
        }
    };
    let on_submit = move |ev: web_sys::SubmitEvent| {
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let Some(name) = form.get_attribute("data-act") else { return };
        ev.prevent_default();
        if let Some(question) = form.get_attribute("data-confirm") {
            let yes = web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false);
            if !yes {
                return;
            }
        }
        let fields = form_fields(&form);
        leptos::task::spawn_local(async move {
            match act(name, fields).await {
                Ok(done) => {
                    // the page as it is now, then the answer: the two appear together
                    let page = load(location.search.get_untracked()).await;
                    html.set(Some(page));
                    answer.set(format!(
                        "<p class=\"notice notice-ok\" role=\"status\" data-testid=\"act-done\">{}</p>",
                        escape_html(&done)
                    ));
                }
                // nothing changed: the form keeps what was typed
                Err(e) => answer.set(format!(
                    "<p class=\"notice notice-error\" role=\"alert\" data-testid=\"act-error\">{}</p>",
                    escape_html(&e.to_string())
                )),
            }
        });
    };
    view! {
        <div class="page server-page" on:change=on_change on:submit=on_submit>
            <div inner_html=move || answer.get()></div>
            {move || match html.get() {
                None => view! { <LoadingState/> }.into_any(),
                Some(Ok(html)) => view! { <div class="server-host" inner_html=html></div> }.into_any(),
                Some(Err(error)) => view! { <ErrorState error/> }.into_any(),
            }}
        </div>
    }
}
