//! The import page's HTTP side. An upload (`POST /api/import-upload`, the file as the body) is
//! streamed to disk, then imported in the background as one batch exactly as `resonance import`
//! does; the page follows the job (`import_status`) and downloads a batch's rejects as CSV
//! (`GET /api/import-rejects?batch=N`). Jobs live in the memory of the server that runs them:
//! behind a load balancer, send `/api/import*` of one user to one server (their batches, once
//! committed, are in the database and listed by every server).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{header, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures::StreamExt;
use serde::Deserialize;
use tokio::io::AsyncWriteExt;

use super::{import_file, ImportOptions, Progress};
use crate::auth::Action;
use crate::error::ApiError;
use crate::features::imports::types::{ImportJobState, UploadAccepted};
use crate::sentiment::Thresholds;
use crate::server::state::AppState;

/// Where uploads go and how large they may be.
#[derive(Debug, Clone)]
pub struct ImportConfig {
    /// Raw files by SHA-256; uploads are written to `incoming/` below it first.
    pub raw_dir: PathBuf,
    pub thresholds: Thresholds,
    pub max_upload_bytes: u64,
}

impl Default for ImportConfig {
    fn default() -> Self {
        ImportConfig {
            raw_dir: PathBuf::from("data/imports"),
            thresholds: Thresholds::default(),
            max_upload_bytes: 2 << 30,
        }
    }
}

/// How long a finished job's outcome stays to be read.
const KEEP_FINISHED: Duration = Duration::from_secs(3_600);

struct Job {
    state: ImportJobState,
    finished: Option<Instant>,
}

/// The imports this server is running or ran lately.
#[derive(Clone, Default)]
pub struct Jobs(Arc<Mutex<(u64, HashMap<u64, Job>)>>);

impl Jobs {
    fn start(&self) -> u64 {
        let mut table = self.0.lock().unwrap_or_else(|e| e.into_inner());
        table.1.retain(|_, job| job.finished.is_none_or(|at| at.elapsed() < KEEP_FINISHED));
        table.0 += 1;
        let id = table.0;
        let state = ImportJobState::Running { bytes: 0, total_bytes: 0, rows: 0 };
        table.1.insert(id, Job { state, finished: None });
        id
    }

    fn set(&self, id: u64, state: ImportJobState) {
        let mut table = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let finished = (!matches!(state, ImportJobState::Running { .. })).then(Instant::now);
        table.1.insert(id, Job { state, finished });
    }

    /// Where a job is, if this server knows it.
    pub fn get(&self, id: u64) -> Option<ImportJobState> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).1.get(&id).map(|j| j.state.clone())
    }
}

use crate::server::auth::{authorize_route as authorize, refusal};

/// What the page sends with an upload.
#[derive(Debug, Default, Deserialize)]
pub struct UploadQuery {
    /// The file's name on the user's machine.
    pub name: Option<String>,
    pub format: Option<String>,
    pub brand: Option<i64>,
    pub account: Option<String>,
    pub campaign: Option<String>,
}

fn blank(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// `POST /api/import-upload`: stores the body and starts the import; answers with the job.
pub async fn upload(
    State(state): State<AppState>,
    Query(query): Query<UploadQuery>,
    req: Request<Body>,
) -> Response {
    let (parts, body) = req.into_parts();
    let caller = match authorize(&state, &parts, Action::Import).await {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    let config = state.import.clone();
    let incoming = config.raw_dir.join("incoming");
    if let Err(e) = tokio::fs::create_dir_all(&incoming).await {
        tracing::error!(error = %e, "cannot create the upload folder");
        return refusal(StatusCode::INTERNAL_SERVER_ERROR, ApiError::Internal("upload-folder".into()));
    }
    let job = state.imports.start();
    let path = incoming.join(format!("{}-{job}.part", std::process::id()));
    if let Err(response) = receive(body, &path, config.max_upload_bytes).await {
        let _ = tokio::fs::remove_file(&path).await;
        state.imports.set(job, ImportJobState::Failed { message: "The upload did not arrive.".into() });
        return response;
    }
    let store = state.store.clone();
    let brand_id = match query.brand {
        Some(id) => id,
        None => match store.brand(None).await {
            Ok(brand) => brand.id,
            Err(e) => return refusal(StatusCode::BAD_REQUEST, ApiError::from(e)),
        },
    };
    let time_zone = match crate::server::calendar::time_zone(&store).await {
        Ok(tz) => tz,
        Err(e) => return refusal(StatusCode::INTERNAL_SERVER_ERROR, ApiError::from(e)),
    };
    let options = ImportOptions {
        brand_id,
        brand_by_keywords: query.brand.is_none(),
        time_zone,
        thresholds: config.thresholds,
        raw_dir: config.raw_dir.clone(),
        user_id: Some(caller.user.id),
        format: blank(query.format),
        account: blank(query.account),
        campaign: blank(query.campaign),
        limits: Default::default(),
        file_name: blank(query.name).map(|n| n.chars().take(255).collect()),
    };
    let jobs = state.imports.clone();
    tokio::spawn(async move {
        let ticker = jobs.clone();
        let progress = move |p: Progress| {
            ticker.set(
                job,
                ImportJobState::Running { bytes: p.bytes, total_bytes: p.total_bytes, rows: p.rows },
            )
        };
        let result = import_file(&store, &path, &options, progress).await;
        let _ = tokio::fs::remove_file(&path).await;
        let state = match result {
            Ok(report) => {
                let c = report.counts;
                let mut audit = caller.audit("import");
                audit.target_kind = Some("import_batch".into());
                audit.target_id = Some(c.batch_id.to_string());
                audit.detail = serde_json::json!({
                    "file": report.file_name, "format": report.format, "rows_read": c.rows_read,
                    "inserted": c.inserted, "updated": c.updated, "rejected": c.rejected,
                })
                .to_string();
                if let Err(e) = store.audit(audit).await {
                    tracing::error!(error = %e, "import audit entry not written");
                }
                match store.import_batches(Some(c.batch_id), 1).await.map(|mut b| b.pop()) {
                    Ok(Some(batch)) => ImportJobState::Done { batch, same_file_as: report.same_file_as },
                    Ok(None) => ImportJobState::Failed {
                        message: "The batch was written but cannot be found.".into(),
                    },
                    Err(e) => ImportJobState::Failed { message: e.to_string() },
                }
            }
            Err(e) => ImportJobState::Failed { message: format!("{e:#}") },
        };
        jobs.set(job, state);
    });
    (StatusCode::ACCEPTED, Json(UploadAccepted { job })).into_response()
}

/// Streams a request body to `path`, refusing more than `max` bytes.
async fn receive(body: Body, path: &std::path::Path, max: u64) -> Result<(), Response> {
    let internal = |e: std::io::Error| {
        tracing::error!(error = %e, "upload not stored");
        refusal(StatusCode::INTERNAL_SERVER_ERROR, ApiError::Internal("upload-write".into()))
    };
    let mut file = tokio::fs::File::create(path).await.map_err(internal)?;
    let mut stream = body.into_data_stream();
    let mut size = 0u64;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            refusal(StatusCode::BAD_REQUEST, ApiError::Invalid(format!("The upload broke off: {e}")))
        })?;
        size += chunk.len() as u64;
        if size > max {
            return Err(refusal(
                StatusCode::PAYLOAD_TOO_LARGE,
                ApiError::Invalid(format!(
                    "The file is larger than {} MB; import it with `resonance import`.",
                    max >> 20
                )),
            ));
        }
        file.write_all(&chunk).await.map_err(internal)?;
    }
    if size == 0 {
        return Err(refusal(
            StatusCode::BAD_REQUEST,
            ApiError::Invalid("The file is empty; nothing was imported.".into()),
        ));
    }
    file.flush().await.map_err(internal)
}

/// Which batch's rejects to download.
#[derive(Debug, Deserialize)]
pub struct RejectsQuery {
    pub batch: i64,
}

/// `GET /api/import-rejects?batch=N`: every rejected row of a batch as CSV (line, column,
/// reason, the row as read).
pub async fn rejects_csv(
    State(state): State<AppState>,
    Query(query): Query<RejectsQuery>,
    req: Request<Body>,
) -> Response {
    if let Err(response) = authorize(&state, &req.into_parts().0, Action::Import).await {
        return response;
    }
    let rejects = match state.store.import_rejects(query.batch, i64::MAX).await {
        Ok(r) => r,
        Err(e) => return refusal(StatusCode::INTERNAL_SERVER_ERROR, ApiError::from(e)),
    };
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut write = || -> Result<Vec<u8>, csv::Error> {
        out.write_record(["line", "column", "reason", "row"])?;
        for r in &rejects {
            // the row as read is anyone's text: a formula in it is written as text
            use crate::format::csv_safe;
            out.write_record([
                r.line.to_string().as_str(),
                &csv_safe(r.column.as_deref().unwrap_or("")),
                &csv_safe(&r.reason),
                &csv_safe(&r.raw),
            ])?;
        }
        out.flush()?;
        Ok(out.get_ref().clone())
    };
    match write() {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"rejects-batch-{}.csv\"", query.batch),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => refusal(StatusCode::INTERNAL_SERVER_ERROR, ApiError::Internal(e.to_string())),
    }
}
