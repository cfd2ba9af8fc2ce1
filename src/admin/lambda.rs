//! `GET /_stepstone/lambda/invocations?functionName=<name>`: a function's recent invocations,
//! newest first, with the tail of each one's log — what CloudWatch Logs would show on AWS,
//! for the console and for tests. A function without invocations has an empty list.

use super::json_response;
use crate::protocol::query::Query;
use crate::server::App;
use axum::extract::State;
use axum::response::Response;
use http::{StatusCode, Uri};
use serde_json::json;
use std::sync::Arc;

/// `GET /_stepstone/lambda/invocations`.
pub async fn invocations(State(app): State<Arc<App>>, uri: Uri) -> Response {
    let query = Query::parse(uri.query());
    let function = query.get("functionName").unwrap_or_default();
    let invocations = app.lambda.recent_invocations(function);
    json_response(StatusCode::OK, &json!({ "invocations": invocations }))
}
