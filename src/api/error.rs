use passerelle_core::api::Problem;

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
    },
    /// The answer was not the JSON we expect (a proxy page, a truncated body, a newer schema).
    #[error("unexpected answer: {0}")]
    Malformed(String),
}
