//! The state every request shares: the store, session settings, where imports go and the
//! imports running. Built once at start-up and handed to server functions as context; tests
//! build their own.

use crate::error::ApiError;
use crate::server::auth::AuthConfig;
use crate::server::import::http::{ImportConfig, Jobs};
use crate::server::store::DynStore;

#[derive(Clone)]
pub struct AppState {
    pub store: DynStore,
    pub auth: AuthConfig,
    pub import: ImportConfig,
    pub imports: Jobs,
}

impl AppState {
    /// State with the default session lifetimes and import settings.
    pub fn new(store: DynStore) -> AppState {
        AppState {
            store,
            auth: AuthConfig::default(),
            import: ImportConfig::default(),
            imports: Jobs::default(),
        }
    }
}

/// The shared state of the current request.
pub fn app_state() -> Result<AppState, ApiError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| ApiError::Internal("no-app-state".into()))
}

/// The store of the current request, from the context `http::router` provides.
pub fn store() -> Result<DynStore, ApiError> {
    app_state().map(|s| s.store)
}

/// Maps a store result to the wire: invalid input, something missing, or an internal failure
/// (logged with a reference). The HTTP status follows from the error (`ApiError::status`).
pub fn respond<T>(result: crate::server::store::StoreResult<T>) -> Result<T, ApiError> {
    result.map_err(ApiError::from)
}
