//! Serving a routed request: decode it with its protocol's codec, call the service, encode the
//! answer or the error in that protocol's shape.

use super::WireError;
use super::json::{self, JsonVersion};
use super::query::Query;
use super::rest::{self, Matched};
use super::route::Route;
use super::unserved::Unserved;
use crate::model::{Model, Operation, ServiceModel, query, xml};
use crate::services::{
    Call, Context, Input, Output, Service, checked, checked_with, not_implemented,
};
use bytes::Bytes;
use http::request::Parts;
use http::{HeaderValue, Response, StatusCode};
use serde_json::Value;
use std::sync::Arc;

/// The largest request body most services accept: Step Functions definitions may be 1 MiB of
/// characters, so up to 4 MiB of UTF-8, plus JSON escaping.
pub const BODY_LIMIT: usize = 8 * 1024 * 1024;

impl Route<'_> {
    /// How many body bytes the request may carry.
    pub fn body_limit(&self) -> usize {
        match self {
            Route::AwsJson { service, .. }
            | Route::Rest { service, .. }
            | Route::RestUnknown(service)
            | Route::Query(service) => service.body_limit(),
            Route::Unserved => BODY_LIMIT,
        }
    }

    /// The service and operation, for the request log.
    pub fn names(&self, parts: &Parts, body: &[u8]) -> (String, String) {
        let path = || format!("{} {}", parts.method, parts.uri.path());
        match self {
            Route::AwsJson { service, operation } => (service.name().into(), (*operation).into()),
            Route::Rest { service, matched } => (service.name().into(), matched.operation.into()),
            Route::RestUnknown(service) => (service.name().into(), path()),
            Route::Query(service) => {
                let action = Query::parse(std::str::from_utf8(body).ok())
                    .get("Action")
                    .map(str::to_owned);
                (service.name().into(), action.unwrap_or_else(path))
            }
            Route::Unserved => {
                let unserved = Unserved::identify(&parts.headers, body);
                let service = unserved.service.unwrap_or_else(|| "unknown".to_owned());
                (
                    service,
                    unserved.operation.unwrap_or_else(|| "-".to_owned()),
                )
            }
        }
    }
}

/// Serves `route` with the request's `parts` and `body`.
pub async fn serve(
    route: Route<'_>,
    parts: &Parts,
    body: Bytes,
    request_id: &str,
) -> Response<Bytes> {
    match route {
        Route::AwsJson { service, operation } => {
            aws_json(service, operation, parts, body, request_id).await
        }
        Route::Rest { service, matched } => rest_json(service, &matched, parts, body).await,
        Route::RestUnknown(service) => rest::encode_error(
            service.model().get(),
            &unknown_path(service.as_ref(), parts),
        ),
        Route::Query(service) => query(service, parts, body, request_id).await,
        Route::Unserved => Unserved::identify(&parts.headers, &body).response(request_id),
    }
}

async fn aws_json(
    service: &Arc<dyn Service>,
    operation: &str,
    parts: &Parts,
    body: Bytes,
    request_id: &str,
) -> Response<Bytes> {
    let model = service.model().get();
    let version = match model.metadata.json_version.as_deref() {
        Some("1.1") => JsonVersion::V1_1,
        _ => JsonVersion::V1_0,
    };
    let answer = match model.operation(operation) {
        Some(operation) => match checked(service.as_ref(), operation, Input::Json(body)) {
            Ok(input) => {
                service
                    .call(Call::new(operation, input).within(context(parts)))
                    .await
            }
            Err(error) => Err(error),
        },
        None => Err(WireError::unknown_operation(operation)),
    };
    match answer {
        Ok(output) => json::ok(version, request_id, output.into_json()),
        Err(error) => {
            let mut response = json::error(version, request_id, service.error_namespace(), &error);
            if let Some(value) = query_error(service.model(), &error) {
                response.headers_mut().insert("x-amzn-query-error", value);
            }
            response
        }
    }
}

/// awsQueryCompatible services (SQS) also name an error as their query protocol did, in
/// `x-amzn-query-error: <code>;<Sender|Receiver>`, which SDKs built for either protocol read.
/// The code comes from the legacy model's error shape; an error it lacks keeps its own code.
fn query_error(service: ServiceModel, error: &WireError) -> Option<HeaderValue> {
    service.get().metadata.aws_query_compatible.as_ref()?;
    let legacy = service.legacy_query().map(ServiceModel::get);
    let shape = legacy.and_then(|model| model.shape_named(&error.code));
    let code = shape
        .and_then(|s| s.error.as_ref())
        .and_then(|e| e.code.as_deref())
        .unwrap_or(&error.code);
    let fault = match error.status.is_client_error() {
        true => "Sender",
        false => "Receiver",
    };
    HeaderValue::from_str(&format!("{code};{fault}")).ok()
}

async fn rest_json(
    service: &Arc<dyn Service>,
    matched: &Matched<'_>,
    parts: &Parts,
    body: Bytes,
) -> Response<Bytes> {
    let model = service.model().get();
    let Some(operation) = model.operation(matched.operation) else {
        return rest::encode_error(model, &unknown_path(service.as_ref(), parts));
    };
    let query = Query::parse(parts.uri.query());
    let request = rest::Parts {
        matched,
        query: &query,
        headers: &parts.headers,
    };
    let input = rest::decode_input(model, operation, &request, body)
        .map_err(|error| service.decode_error(error))
        .and_then(|input| checked(service.as_ref(), operation, input));
    let answer = match input {
        Ok(input) => {
            service
                .call(Call::new(operation, input).within(context(parts)))
                .await
        }
        Err(error) => Err(error),
    };
    match answer {
        Ok(output) => rest::encode_output(model, operation, output),
        Err(error) => rest::encode_error(model, &error),
    }
}

/// A query-protocol form post: `Action` names the operation, the form its members; the answer
/// is XML.
async fn query(
    service: &Arc<dyn Service>,
    parts: &Parts,
    body: Bytes,
    request_id: &str,
) -> Response<Bytes> {
    // A JSON service that also serves its older clients' query protocol (SQS) reads and
    // writes it with its legacy model, whose member names are the same.
    let model = query_model(service.model());
    let form = Query::parse(std::str::from_utf8(&body).ok());
    let action = form.get("Action").unwrap_or_default();
    let Some(operation) = model.get().operation(action) else {
        let error = invalid_action(action, parts);
        return xml_response(error.status, xml_error(model.get(), &error, request_id));
    };
    let form = with_queue_url(model.get(), operation, form, parts);
    let model = model.get();
    match query_call(service.as_ref(), (model, operation), &form, context(parts)).await {
        Ok(output) => {
            let (members, _) = output.into_members();
            let body = xml::encode_response(model, operation, &members, request_id);
            xml_response(StatusCode::OK, body)
        }
        Err(error) => xml_response(error.status, xml_error(model, &error, request_id)),
    }
}

fn query_model(model: ServiceModel) -> ServiceModel {
    model.legacy_query().unwrap_or(model)
}

/// Legacy SQS clients post to the queue's URL (`/<account>/<queue>`) and leave `QueueUrl`
/// out of the form: the path stands in for it.
fn with_queue_url(model: &Model, operation: &Operation, mut form: Query, parts: &Parts) -> Query {
    let takes_url = operation
        .input
        .as_ref()
        .is_some_and(|input| model.shape(input).members.contains_key("QueueUrl"));
    let path = parts.uri.path();
    let queue_path = path.trim_matches('/').split('/').count() == 2;
    if takes_url && queue_path && form.get("QueueUrl").is_none() {
        form.push("QueueUrl", path);
    }
    form
}

async fn query_call(
    service: &dyn Service,
    (model, operation): (&Model, &Operation),
    form: &Query,
    context: Context,
) -> Result<Output, WireError> {
    let members = match &operation.input {
        Some(input) => query::decode_form(model, input, form.pairs())
            .map_err(|e| WireError::client("InvalidParameterValue", e.to_string()))?,
        None => Value::Object(Default::default()),
    };
    let input = checked_with(service, model, operation, Input::members(members))?;
    service
        .call(Call::new(operation, input).within(context))
        .await
}

/// An `Action` the service's model does not have, in the query protocol's words.
fn invalid_action(action: &str, parts: &Parts) -> WireError {
    let message = match action {
        "" => format!("The request to {} names no Action", parts.uri.path()),
        action => format!("The action {action} is not valid for this web service."),
    };
    WireError::client("InvalidAction", message)
}

/// An error document. Its `<Code>` is the query code the model gives the error's shape
/// (legacy SQS: `AWS.SimpleQueueService.NonExistentQueue` for `QueueDoesNotExist`), else
/// the error's own.
fn xml_error(model: &Model, error: &WireError, request_id: &str) -> String {
    let sender = error.status.is_client_error();
    let shape = model
        .shape_named(&error.code)
        .and_then(|s| s.error.as_ref());
    let code = shape.and_then(|e| e.code.as_deref()).unwrap_or(&error.code);
    xml::encode_error(model, code, &error.message, sender, request_id)
}

fn xml_response(status: StatusCode, body: String) -> Response<Bytes> {
    let mut response = Response::new(Bytes::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("text/xml"),
    );
    response
}

/// Where the request was sent: its `Host`, for answers that hold URLs back to this server.
fn context(parts: &Parts) -> Context {
    let host = parts.headers.get(http::header::HOST);
    Context {
        host: host.and_then(|h| h.to_str().ok()).map(str::to_owned),
    }
}

/// A path in a rest-json service's space that names none of its operations: 501, which SDKs
/// do not retry, naming what was asked.
fn unknown_path(service: &dyn Service, parts: &Parts) -> WireError {
    not_implemented(service, &format!("{} {}", parts.method, parts.uri.path()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_compatible_errors_carry_legacy_codes() {
        let missing = WireError::client("QueueDoesNotExist", "gone");
        let header = query_error(ServiceModel::Sqs, &missing).unwrap();
        assert_eq!(header, "AWS.SimpleQueueService.NonExistentQueue;Sender");
        let fault = WireError::server("InternalError", "oops");
        assert_eq!(
            query_error(ServiceModel::Sqs, &fault).unwrap(),
            "InternalError;Receiver"
        );
        assert_eq!(query_error(ServiceModel::StepFunctions, &missing), None);
    }
}
