//! Read-only answers the console needs that no AWS API gives:
//! - `GET /_stepstone/executions/tasks?executionArn=...`: the execution's tasks waiting for a
//!   task token (`.waitForTaskToken` calls and activity tasks), so a person can answer them
//!   with SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat. An activity task's token is
//!   otherwise only handed out by GetActivityTask, which takes the task from the queue.
//! - `GET /_stepstone/mock-config/test-cases?stateMachineName=...`: the loaded mock
//!   configuration's test case names for that state machine, to start `<arn>#<TestCase>`.

use super::{AdminError, json_response};
use crate::protocol::query::Query;
use crate::server::App;
use axum::extract::State;
use axum::response::Response;
use http::{StatusCode, Uri};
use std::sync::Arc;

/// `GET /_stepstone/executions/tasks`.
pub async fn waiting_tasks(State(app): State<Arc<App>>, uri: Uri) -> Response {
    let query = Query::parse(uri.query());
    match app.sfn.waiting_tasks(query.get("executionArn")) {
        Ok(tasks) => json_response(StatusCode::OK, &tasks),
        Err(error) => AdminError::Sfn(error).into_response(),
    }
}

/// `GET /_stepstone/mock-config/test-cases`; an unknown or missing name has no test cases.
pub async fn test_cases(State(app): State<Arc<App>>, uri: Uri) -> Response {
    let query = Query::parse(uri.query());
    let machine = query.get("stateMachineName").unwrap_or_default();
    json_response(StatusCode::OK, &app.sfn.mock_test_cases(machine))
}
