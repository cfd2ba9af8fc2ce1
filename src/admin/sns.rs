//! SNS's admin routes: the deliveries Stepstone kept instead of sending
//! (`GET /_stepstone/sns/deliveries?topic=...&protocol=...`), and the SubscribeURL and
//! UnsubscribeURL SNS writes into its messages (`GET /_stepstone/sns/confirm?...`,
//! `GET /_stepstone/sns/unsubscribe?...`), which answer as ConfirmSubscription and
//! Unsubscribe do, in XML.

use crate::model::{ServiceModel, xml};
use crate::protocol::query::Query;
use crate::server::App;
use crate::services::{Input, Service, call_checked};
use axum::body::Body;
use axum::extract::State;
use axum::response::Response;
use http::{StatusCode, Uri};
use serde_json::{Map, Value, json};
use std::sync::Arc;

/// `GET /_stepstone/sns/deliveries`: `{"deliveries": [...]}`, oldest first.
pub async fn deliveries(State(app): State<Arc<App>>, uri: Uri) -> Response {
    let query = Query::parse(uri.query());
    let kept = app
        .sns
        .deliveries(query.get("topic"), query.get("protocol"));
    super::json_response(StatusCode::OK, &json!({ "deliveries": kept }))
}

/// `GET /_stepstone/sns/confirm?TopicArn=...&Token=...`: ConfirmSubscription.
pub async fn confirm(State(app): State<Arc<App>>, uri: Uri) -> Response {
    by_url(&app, "ConfirmSubscription", &["TopicArn", "Token"], &uri).await
}

/// `GET /_stepstone/sns/unsubscribe?SubscriptionArn=...`: Unsubscribe.
pub async fn unsubscribe(State(app): State<Arc<App>>, uri: Uri) -> Response {
    by_url(&app, "Unsubscribe", &["SubscriptionArn"], &uri).await
}

/// Runs `operation` of SNS with the query's `parameters`, answered as the query protocol.
async fn by_url(app: &App, operation: &str, parameters: &[&str], uri: &Uri) -> Response {
    let query = Query::parse(uri.query());
    let members: Map<String, Value> = parameters
        .iter()
        .filter_map(|p| Some(((*p).to_owned(), json!(query.get(p)?))))
        .collect();
    let model = ServiceModel::Sns.get();
    let request_id = uuid::Uuid::new_v4().to_string();
    let Some(operation) = model.operation(operation) else {
        return xml_response(StatusCode::INTERNAL_SERVER_ERROR, String::new());
    };
    let sns: &dyn Service = app.sns.as_ref();
    let answer = call_checked(sns, operation, Input::members(Value::Object(members))).await;
    match answer {
        Ok(output) => {
            let body =
                xml::encode_response(model, operation, &output.into_members().0, &request_id);
            xml_response(StatusCode::OK, body)
        }
        Err(error) => {
            let code = model
                .shape_named(&error.code)
                .and_then(|s| s.error.as_ref()?.code.as_deref())
                .unwrap_or(&error.code);
            let body = xml::encode_error(model, code, &error.message, true, &request_id);
            xml_response(error.status, body)
        }
    }
}

fn xml_response(status: StatusCode, body: String) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("text/xml"),
    );
    response
}
