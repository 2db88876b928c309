//! The import page (admins and managers): pick an export file, see it read and written with a
//! progress bar, then its summary with the rejected rows to download; below, the recent batches.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ui::widgets::load::loadable;
use crate::ui::widgets::table::{Cell, Column, DataTable, Look};
use crate::ui::widgets::access::{allowed, NotAllowed};
use super::api::{import_status, list_imports};
use crate::error::ApiError;
use crate::auth::Action;
use crate::format::{thousands, timestamp};
use super::types::{format_label, ImportBatchView, ImportJobState, UploadAccepted, FORMATS};
use crate::markup::encode_component;

/// How often a running import is asked where it is.
const POLL: Duration = Duration::from_millis(400);

/// Where the page's current import is.
#[derive(Clone, PartialEq)]
enum Phase {
    Idle,
    Uploading(String),
    Job(ImportJobState),
    Refused(String),
}

/// Sends the file as the body of `POST /api/import-upload`.
async fn send(file: web_sys::File, query: String) -> Result<u64, ApiError> {
    let response = gloo_net::http::Request::post(&format!("/api/import-upload?{query}"))
        .header("X-Resonance-Client", "1")
        .body(wasm_bindgen::JsValue::from(file))
        .map_err(|e| ApiError::Transport(e.to_string()))?
        .send()
        .await
        .map_err(|e| ApiError::Transport(e.to_string()))?;
    if response.status() == 202 {
        return response
            .json::<UploadAccepted>()
            .await
            .map(|a| a.job)
            .map_err(|e| ApiError::Transport(e.to_string()));
    }
    Err(response
        .json::<ApiError>()
        .await
        .unwrap_or_else(|_| ApiError::Transport(format!("HTTP {}", response.status()))))
}

/// Follows a job until it ends, then refreshes the list of batches.
fn follow(job: u64, phase: RwSignal<Phase>, version: RwSignal<u32>) {
    spawn_local(async move {
        match import_status(job).await {
            Ok(state @ ImportJobState::Running { .. }) => {
                phase.set(Phase::Job(state));
                set_timeout(move || follow(job, phase, version), POLL);
            }
            Ok(state) => {
                phase.set(Phase::Job(state));
                version.update(|v| *v += 1);
            }
            Err(ApiError::Unauthenticated) => crate::ui::widgets::access::go_to_sign_in(),
            Err(e) => phase.set(Phase::Refused(e.to_string())),
        }
    });
}

/// The import page.
#[component]
pub fn ImportsPage() -> impl IntoView {
    if !allowed(Action::Import) {
        return view! { <NotAllowed/> }.into_any();
    }
    let version = RwSignal::new(0u32);
    let batches = LocalResource::new(move || {
        version.track();
        list_imports()
    });
    let phase = RwSignal::new(Phase::Idle);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let format = RwSignal::new(String::new());
    let account = RwSignal::new(String::new());
    let campaign = RwSignal::new(String::new());
    let busy =
        move || matches!(phase.get(), Phase::Uploading(_) | Phase::Job(ImportJobState::Running { .. }));
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(file) = file_input.get().and_then(|input| input.files()).and_then(|files| files.get(0))
        else {
            phase.set(Phase::Refused("Choose a file first.".into()));
            return;
        };
        let mut query = format!("name={}", encode_component(&file.name()));
        for (key, value) in
            [("format", format.get()), ("account", account.get()), ("campaign", campaign.get())]
        {
            if !value.trim().is_empty() {
                query.push_str(&format!("&{key}={}", encode_component(value.trim())));
            }
        }
        phase.set(Phase::Uploading(file.name()));
        spawn_local(async move {
            match send(file, query).await {
                Ok(job) => follow(job, phase, version),
                Err(ApiError::Unauthenticated) => crate::ui::widgets::access::go_to_sign_in(),
                Err(e) => phase.set(Phase::Refused(e.to_string())),
            }
        });
    };
    view! {
        <div class="page">
            <header class="page-header">
                <h1>"Imports"</h1>
                <p class="page-subtitle">
                    "Exports from X, Meta Business Suite, LinkedIn, Brandwatch and Talkwalker, or the generic CSV/JSON files. "
                    "Each file is one batch: all of it is stored, or nothing; rows that cannot be read are listed with the reason."
                </p>
            </header>
            <form class="panel import-form" on:submit=start data-testid="import-form">
                <label class="field import-file">
                    "Export file"
                    <input type="file" node_ref=file_input data-testid="import-file"
                        accept=".csv,.tsv,.txt,.json,.ndjson,.js,.zip,.xlsx,.xls"/>
                </label>
                <label class="field">
                    "Format"
                    <select on:change=move |ev| format.set(event_target_value(&ev)) data-testid="import-format">
                        <option value="">"Detect from the header"</option>
                        {FORMATS.iter().map(|(code, label)| view! { <option value=*code>{*label}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    "Account (posts)"
                    <input type="text" placeholder="e.g. linkedin:voltaro" bind:value=account data-testid="import-account"/>
                </label>
                <label class="field">
                    "Campaign"
                    <input type="text" placeholder="optional" bind:value=campaign data-testid="import-campaign"/>
                </label>
                <button class="button" type="submit" disabled=busy data-testid="import-start">"Import"</button>
            </form>
            {move || match phase.get() {
                Phase::Idle => ().into_any(),
                Phase::Uploading(name) => view! {
                    <section class="panel import-status" role="status" data-testid="import-progress">
                        <p>"Uploading " <strong>{name}</strong> "…"</p>
                        <progress class="import-bar"></progress>
                    </section>
                }.into_any(),
                Phase::Job(ImportJobState::Running { bytes, total_bytes, rows }) => view! {
                    <section class="panel import-status" role="status" data-testid="import-progress">
                        <p>"Importing: " {thousands(rows as i64)} " rows read"</p>
                        <progress class="import-bar" max=total_bytes.max(1).to_string() value=bytes.to_string()></progress>
                    </section>
                }.into_any(),
                Phase::Job(ImportJobState::Done { batch, same_file_as }) => view! { <Summary batch same_file_as/> }.into_any(),
                Phase::Job(ImportJobState::Failed { message }) | Phase::Refused(message) => view! {
                    <p class="notice notice-error" role="alert" data-testid="import-error">{message}</p>
                }.into_any(),
            }}
            <section class="panel table-panel">
                <p class="table-caption">"Recent imports"</p>
                {loadable(batches, |list| view! { <BatchTable list/> })}
            </section>
        </div>
    }
    .into_any()
}

/// What a finished import did.
#[component]
fn Summary(batch: ImportBatchView, same_file_as: Option<i64>) -> impl IntoView {
    let rejects = (batch.rejected > 0).then(|| {
        view! {
            <a class="button button-small" href=format!("/api/import-rejects?batch={}", batch.id) download=""
                data-testid="import-rejects">
                {format!("Download the {} rejected rows (CSV)", thousands(batch.rejected))}
            </a>
        }
    });
    view! {
        <section class="panel notice-ok import-summary" role="status" data-testid="import-summary">
            <p class="cell-main">{format!("{} — {}", batch.file_name, format_label(&batch.format))}</p>
            <p data-testid="import-counts">
                {format!(
                    "{} rows read · {} inserted · {} updated · {} rejected",
                    thousands(batch.rows_read), thousands(batch.inserted), thousands(batch.updated), thousands(batch.rejected)
                )}
            </p>
            {same_file_as.map(|b| view! { <p class="cell-sub">{format!("The same file as batch {b}: its rows were updated in place, none added twice.")}</p> })}
            <div class="import-actions">
                {rejects}
                <a class="button button-small" href="/">"See the overview"</a>
            </div>
        </section>
    }
}

#[component]
fn BatchTable(list: Vec<ImportBatchView>) -> impl IntoView {
    let columns = vec![
        Column::text("Started").class("cell-nowrap").newest_first(),
        Column::text("File"),
        Column::text("By").class("cell-sub"),
        Column::number("Read"),
        Column::number("Inserted"),
        Column::number("Updated"),
        Column::number("Rejected"),
        Column::text("Rejects").class("cell-actions"),
    ];
    let count = |n: i64| Cell::number(thousands(n), n as f64);
    let list: Vec<Vec<Cell>> = list
        .into_iter()
        .map(|b| {
            let rejects = if b.rejected > 0 { format!("/api/import-rejects?batch={}", b.id) } else { String::new() };
            vec![
                Cell::number(timestamp(b.started_at), b.started_at as f64),
                Cell::text(b.file_name.clone()).look(Look::Sub(format_label(&b.format).to_string())),
                Cell::text(b.user.clone().unwrap_or_else(|| "command line".into())),
                count(b.rows_read),
                count(b.inserted),
                count(b.updated),
                if b.rejected > 0 { count(b.rejected).look(Look::Warn) } else { count(b.rejected) },
                Cell::text(rejects).look(Look::Download("rejects (CSV)")),
            ]
        })
        .collect();
    view! {
        <DataTable rows=list columns csv_name="import-batches.csv" testid="import-batches" row_testid="import-batch"
            empty="No imports yet."/>
    }
}
