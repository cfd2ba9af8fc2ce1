//! `GET /_stepstone/sqs/messages?queueUrl=<url>`: the first 100 messages of a queue and where
//! each stands, without receiving them (SQS has no such call; a receive would hide them from
//! the workflow's consumers). A queue that does not exist answers SQS's error.

use super::{AdminError, json_response};
use crate::protocol::query::Query;
use crate::server::App;
use axum::extract::State;
use axum::response::Response;
use http::{StatusCode, Uri};
use std::sync::Arc;

/// `GET /_stepstone/sqs/messages`.
pub async fn messages(State(app): State<Arc<App>>, uri: Uri) -> Response {
    let query = Query::parse(uri.query());
    match app.sqs.peek(query.get("queueUrl").unwrap_or_default()) {
        Ok(answer) => json_response(StatusCode::OK, &answer),
        Err(error) => AdminError::Service(error.into()).into_response(),
    }
}
