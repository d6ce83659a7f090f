use passerelle_core::api::Problem;
use passerelle_core::retry::Failure;
use std::time::Duration;

/// Everything that can go wrong talking to a server, in terms the UI can explain and retry.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// No answer: offline, DNS, connection refused or cut.
    #[error("network error: {0}")]
    Network(String),
    /// No answer in time; the request was aborted.
    #[error("the server did not answer in time")]
    Timeout,
    /// The server answered with an error status (with its problem+json when it sent one).
    #[error("server answered {status}")]
    Status {
        status: u16,
        problem: Option<Problem>,
        /// The wait its `Retry-After` asked for, bounded (see `passerelle_core::retry`).
        retry_after: Option<Duration>,
    },
    /// The answer was not the JSON we expect (a proxy page, a truncated body, a newer schema).
    #[error("unexpected answer: {0}")]
    Malformed(String),
}

impl ApiError {
    /// An error status without a body or `Retry-After`.
    #[cfg(test)]
    pub fn status(status: u16) -> Self {
        ApiError::Status {
            status,
            problem: None,
            retry_after: None,
        }
    }

    /// The server refused the search's `cursor` (400 naming it): its data changed under the
    /// load, so the cursor points nowhere; the search must start again.
    pub fn refuses_cursor(&self) -> bool {
        matches!(self, ApiError::Status { status: 400, problem: Some(problem), .. }
            if problem.errors.iter().any(|e| e.field == "cursor"))
    }

    /// The failure as the retry logic sees it.
    pub fn failure(&self) -> Failure {
        match self {
            ApiError::Network(_) | ApiError::Timeout => Failure::NoAnswer,
            ApiError::Status {
                status,
                retry_after,
                ..
            } => Failure::Status {
                status: *status,
                retry_after: *retry_after,
            },
            ApiError::Malformed(_) => Failure::Unusable,
        }
    }

    /// The status the server answered with; `None` when no answer came. An unreadable body
    /// counts as a 200: only 2xx bodies are parsed, so the server did take the request.
    pub fn answered_status(&self) -> Option<u16> {
        match self {
            ApiError::Network(_) | ApiError::Timeout => None,
            ApiError::Status { status, .. } => Some(*status),
            ApiError::Malformed(_) => Some(200),
        }
    }

    /// The wait a busy server (429/503) asked for.
    pub fn server_wait(&self) -> Option<Duration> {
        self.failure().server_wait()
    }
}
