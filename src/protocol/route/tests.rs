use super::*;
use crate::model::ServiceModel;
use crate::services::dummy::Dummy;
use http::HeaderValue;

fn routes() -> Routes {
    let mut registry = Registry::new();
    let dummy = |name, model| Arc::new(Dummy::new(name, model, "", ""));
    registry.register(dummy("sfn", ServiceModel::StepFunctions));
    registry.register(dummy("lambda", ServiceModel::Lambda));
    registry.register(dummy("sts", ServiceModel::Sts));
    registry.register(dummy("sqs", ServiceModel::Sqs));
    Routes::new(&registry)
}

fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (k, v) in pairs {
        map.insert(*k, HeaderValue::from_static(v));
    }
    map
}

/// The service name and operation a request routes to, as the log names them.
fn routed(method: Method, path: &str, pairs: &[(&'static str, &'static str)]) -> String {
    let routes = routes();
    let headers = headers(pairs);
    let query = Query::parse(None);
    match routes.route(&method, path, &query, &headers) {
        Route::AwsJson { service, operation } => format!("{} {operation}", service.name()),
        Route::Rest { service, matched } => format!("{} {}", service.name(), matched.operation),
        Route::RestUnknown(service) => format!("{} ?", service.name()),
        Route::Query(service) => format!("{} query", service.name()),
        Route::Unserved => "unserved".into(),
    }
}

const STS_SCOPE: &str =
    "AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/sts/aws4_request, SignedHeaders=host";
const FORM: &str = "application/x-www-form-urlencoded; charset=utf-8";

#[test]
fn targets_paths_and_scopes_find_services() {
    let target = [("x-amz-target", "AWSStepFunctions.ListStateMachines")];
    assert_eq!(routed(Method::POST, "/", &target), "sfn ListStateMachines");
    assert_eq!(
        routed(Method::POST, "/", &[("x-amz-target", "Nope.Op")]),
        "unserved"
    );
    assert_eq!(
        routed(Method::POST, "/", &[("x-amz-target", "NoDot")]),
        "unserved"
    );
    let invoke = routed(Method::POST, "/2015-03-31/functions/f/invocations", &[]);
    assert_eq!(invoke, "lambda Invoke");
    assert_eq!(routed(Method::GET, "/2015-03-31/nothing", &[]), "lambda ?");
    let form = [("authorization", STS_SCOPE), ("content-type", FORM)];
    assert_eq!(routed(Method::POST, "/", &form), "sts query");
    assert_eq!(
        routed(Method::POST, "/", &[("authorization", STS_SCOPE)]),
        "unserved"
    );
    assert_eq!(routed(Method::GET, "/", &[]), "unserved");
}

/// SQS's older clients post forms: signed `sqs`, or unsigned to a queue URL's path.
#[test]
fn sqs_form_posts_reach_the_json_service() {
    let scope = "AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/sqs/aws4_request";
    let signed = [("authorization", scope), ("content-type", FORM)];
    assert_eq!(routed(Method::POST, "/", &signed), "sqs query");
    let unsigned = [("content-type", FORM)];
    assert_eq!(
        routed(Method::POST, "/123456789012/q", &unsigned),
        "sqs query"
    );
    assert_eq!(routed(Method::POST, "/1234/q", &unsigned), "unserved");
    assert_eq!(
        routed(Method::POST, "/123456789012/q/x", &unsigned),
        "unserved"
    );
    let target = [("x-amz-target", "AmazonSQS.ListQueues")];
    assert_eq!(routed(Method::POST, "/", &target), "sqs ListQueues");
}

#[test]
fn signing_names_come_from_the_credential_scope() {
    assert_eq!(
        signing_service(&headers(&[("authorization", STS_SCOPE)])).as_deref(),
        Some("sts")
    );
    assert_eq!(signing_service(&headers(&[])), None);
}
