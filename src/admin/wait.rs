//! `GET /_stepstone/executions/wait?executionArn=...&timeout=60`: answers when the execution
//! leaves RUNNING, or when `timeout` seconds (real time, also under the manual clock) have
//! passed, with what DescribeExecution answers then. Works for express executions started with
//! StartExecution too. No polling: it waits on the engine's change notifications.

use super::{AdminError, json_response};
use crate::protocol::query::Query;
use crate::server::App;
use axum::extract::State;
use axum::response::Response;
use http::{StatusCode, Uri};
use std::sync::Arc;
use std::time::Duration;

/// The longest wait one request may ask for, in seconds.
pub const MAX_TIMEOUT_SECONDS: f64 = 3600.0;

/// The wait when `timeout=` is not given, in seconds.
pub const DEFAULT_TIMEOUT_SECONDS: f64 = 60.0;

/// The route's handler.
pub async fn handle(State(app): State<Arc<App>>, uri: Uri) -> Response {
    let query = Query::parse(uri.query());
    let timeout = match timeout(query.get("timeout")) {
        Ok(timeout) => timeout,
        Err(error) => return error.into_response(),
    };
    match app
        .sfn
        .wait_for_end(query.get("executionArn"), timeout)
        .await
    {
        Ok(description) => json_response(StatusCode::OK, &description),
        Err(error) => AdminError::Sfn(error).into_response(),
    }
}

/// `timeout=`: seconds, fractions allowed.
pub fn timeout(value: Option<&str>) -> Result<Duration, AdminError> {
    let Some(value) = value else {
        return Ok(Duration::from_secs_f64(DEFAULT_TIMEOUT_SECONDS));
    };
    value
        .parse::<f64>()
        .ok()
        .filter(|s| (0.0..=MAX_TIMEOUT_SECONDS).contains(s))
        .map(Duration::from_secs_f64)
        .ok_or_else(|| AdminError::InvalidTimeout(value.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_are_seconds_within_bounds() {
        assert_eq!(timeout(None), Ok(Duration::from_secs(60)));
        assert_eq!(timeout(Some("0.5")), Ok(Duration::from_millis(500)));
        assert_eq!(timeout(Some("0")), Ok(Duration::ZERO));
        for bad in ["-1", "3601", "NaN", "inf", "soon", ""] {
            assert_eq!(
                timeout(Some(bad)),
                Err(AdminError::InvalidTimeout(bad.into()))
            );
        }
    }
}
