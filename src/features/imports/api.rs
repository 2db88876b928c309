//! The import page: recent batches and the progress of an upload (the upload itself and the
//! rejects download are plain HTTP routes, `server::import::http`).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::ApiError;
use super::types::{ImportBatchView, ImportJobState};

/// Batches listed on the import page.
pub const RECENT_BATCHES: i64 = 25;

/// The latest import batches, newest first.
#[server(prefix = "/api", endpoint = "imports", input = GetUrl)]
pub async fn list_imports() -> Result<Vec<ImportBatchView>, ApiError> {
    use crate::server::{auth, state};
    auth::authorize(crate::auth::Action::Import)?;
    let store = state::store()?;
    state::respond(store.import_batches(None, RECENT_BATCHES).await)
}

/// Where an upload's import is.
#[server(prefix = "/api", endpoint = "import-status", input = GetUrl)]
pub async fn import_status(job: u64) -> Result<ImportJobState, ApiError> {
    use crate::server::{auth, state};
    auth::authorize(crate::auth::Action::Import)?;
    match state::app_state()?.imports.get(job) {
        Some(job) => Ok(job),
        None => Err(ApiError::NotFound(format!(
            "import {job} (this server has not run it, or it ended over an hour ago)"
        ))),
    }
}

/// Registers this feature's server functions with the router.
#[cfg(feature = "ssr")]
pub fn register() {
    use leptos::server_fn::axum::register_explicit;
    register_explicit::<ListImports>();
    register_explicit::<ImportStatus>();
}
