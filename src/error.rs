//! The one error type that crosses the wire.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ApiError {
    /// The request was understood but its values are not acceptable; the text says why.
    #[error("{0}")]
    Invalid(String),
    /// Something the request names does not exist.
    #[error("Not found: {0}")]
    NotFound(String),
    /// The caller is not signed in (or their session ended).
    #[error("Please sign in to continue.")]
    Unauthenticated,
    /// The caller is signed in but may not do this; the text says why.
    #[error("{0}")]
    Forbidden(String),
    /// Too many failed attempts; the text says how long to wait.
    #[error("{0}")]
    TooManyAttempts(String),
    /// A failure on the server; details are in the server log under the reference.
    #[error("The server could not answer (reference {0}); the details are in its log.")]
    Internal(String),
    /// The request did not reach the server, or its answer could not be read.
    #[error("Could not reach the server: {0}")]
    Transport(String),
}

impl ApiError {
    /// The HTTP status this error answers with — the one place it is decided.
    pub fn status(&self) -> u16 {
        match self {
            ApiError::Invalid(_) => 400,
            ApiError::Unauthenticated => 401,
            ApiError::Forbidden(_) => 403,
            ApiError::NotFound(_) => 404,
            ApiError::TooManyAttempts(_) => 429,
            ApiError::Internal(_) | ApiError::Transport(_) => 500,
        }
    }
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // Arguments that cannot be read are the caller's fault: 400 (`Invalid`), not 500.
        // On the server, a body that is not valid JSON is the request's fault too.
        #[cfg(feature = "ssr")]
        let value = match value {
            ServerFnErrorErr::Deserialization(msg) => ServerFnErrorErr::Args(msg),
            other => other,
        };
        match value {
            ServerFnErrorErr::Args(msg) => {
                ApiError::Invalid(format!("The request's values could not be read: {msg}"))
            }
            ServerFnErrorErr::MissingArg(arg) => ApiError::Invalid(format!("The request lacks {arg}.")),
            other => ApiError::Transport(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::server::store::StoreError> for ApiError {
    fn from(e: crate::server::store::StoreError) -> Self {
        use crate::server::store::StoreError;
        match e {
            StoreError::Invalid(msg) => ApiError::Invalid(msg),
            StoreError::NotFound(what) => ApiError::NotFound(what),
            StoreError::Forbidden(msg) => ApiError::Forbidden(msg),
            internal => {
                let reference = format!("{:08x}", rand_reference());
                tracing::error!(reference, error = %internal, "server function failed");
                ApiError::Internal(reference)
            }
        }
    }
}

/// A short reference that ties a user's error message to the log line.
#[cfg(feature = "ssr")]
pub(crate) fn rand_reference() -> u32 {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    nanos ^ std::process::id().rotate_left(16)
}
