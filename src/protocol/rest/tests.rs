use super::*;
use crate::model::ServiceModel;
use serde_json::json;

fn lambda() -> &'static Model {
    ServiceModel::Lambda.get()
}

fn find(method: Method, path: &str, query: &str) -> Option<(String, Vec<(String, String)>)> {
    let routes = Routes::new(lambda());
    let query = Query::parse(Some(query));
    let matched = routes.find(&method, path, &query)?;
    Some((matched.operation.to_owned(), matched.labels))
}

fn label(name: &str, value: &str) -> Vec<(String, String)> {
    vec![(name.to_owned(), value.to_owned())]
}

#[test]
fn templates_select_operations_and_labels() {
    let invoke = find(Method::POST, "/2015-03-31/functions/f/invocations", "");
    assert_eq!(invoke, Some(("Invoke".into(), label("FunctionName", "f"))));
    let listed = find(Method::GET, "/2015-03-31/functions/", "");
    assert_eq!(listed, Some(("ListFunctions".into(), vec![])));
    let arn = find(Method::GET, "/2017-03-31/tags/arn%3Aaws%3Alambda%3Ax", "");
    assert_eq!(
        arn,
        Some(("ListTags".into(), label("Resource", "arn:aws:lambda:x")))
    );
    let fixed = find(
        Method::GET,
        "/2019-09-30/functions/f/provisioned-concurrency",
        "List=ALL",
    );
    assert_eq!(
        fixed.map(|f| f.0),
        Some("ListProvisionedConcurrencyConfigs".into())
    );
    let unfixed = find(
        Method::GET,
        "/2019-09-30/functions/f/provisioned-concurrency",
        "",
    );
    assert_eq!(
        unfixed.map(|f| f.0),
        Some("GetProvisionedConcurrencyConfig".into())
    );
    assert_eq!(find(Method::PATCH, "/2015-03-31/functions", ""), None);
    assert_eq!(find(Method::GET, "/2015-03-31/nothing/here", ""), None);
}

#[test]
fn a_service_claims_its_path_space() {
    let routes = Routes::new(lambda());
    assert!(routes.claims("/2015-03-31/nothing"));
    assert!(!routes.claims("/"));
    assert!(!routes.claims("/v1/submitjob"));
}

fn decode(
    path: &str,
    query: &str,
    headers: &[(&'static str, &'static str)],
    body: &'static [u8],
) -> Input {
    let routes = Routes::new(lambda());
    let query = Query::parse(Some(query));
    let matched = routes.find(&Method::POST, path, &query).unwrap();
    let mut map = HeaderMap::new();
    for (k, v) in headers {
        map.insert(*k, HeaderValue::from_static(v));
    }
    let operation = lambda().operation(matched.operation).unwrap();
    let parts = Parts {
        matched: &matched,
        query: &query,
        headers: &map,
    };
    decode_input(lambda(), operation, &parts, Bytes::from_static(body)).unwrap()
}

#[test]
fn members_come_from_labels_query_headers_and_a_blob_payload() {
    let headers = [
        ("x-amz-invocation-type", "Event"),
        ("x-amz-log-type", "Tail"),
    ];
    let input = decode(
        "/2015-03-31/functions/f/invocations",
        "Qualifier=2",
        &headers,
        b"[1]",
    );
    let Input::Members { members, payload } = input else {
        panic!("members expected")
    };
    assert_eq!(
        members,
        json!({"FunctionName": "f", "InvocationType": "Event", "LogType": "Tail", "Qualifier": "2"})
    );
    assert_eq!(payload.as_deref(), Some(b"[1]".as_slice()));
}

#[test]
fn body_members_join_path_members() {
    let input = decode(
        "/2015-03-31/functions/f/versions",
        "",
        &[],
        br#"{"Description":"d"}"#,
    );
    let Input::Members { members, payload } = input else {
        panic!("members expected")
    };
    assert_eq!(members, json!({"Description": "d", "FunctionName": "f"}));
    assert_eq!(payload, None);
}

#[test]
fn unparsable_values_are_decode_errors() {
    let routes = Routes::new(lambda());
    let query = Query::parse(Some("MaxItems=lots"));
    let matched = routes
        .find(&Method::GET, "/2015-03-31/functions", &query)
        .unwrap();
    let parts = Parts {
        matched: &matched,
        query: &query,
        headers: &HeaderMap::new(),
    };
    let operation = lambda().operation("ListFunctions").unwrap();
    let error = decode_input(lambda(), operation, &parts, Bytes::new()).unwrap_err();
    assert_eq!(
        error,
        DecodeError::Parameter {
            name: "MaxItems".into(),
            value: "lots".into()
        }
    );
    let operation = lambda().operation("CreateFunction").unwrap();
    let error = decode_input(lambda(), operation, &parts, Bytes::from_static(b"{no")).unwrap_err();
    assert!(matches!(error, DecodeError::Body(_)));
}

#[test]
fn outputs_bind_status_headers_and_payload() {
    let output = Output::Members {
        members: json!({"StatusCode": 200, "FunctionError": "Unhandled", "ExecutedVersion": "$LATEST"}),
        payload: Some(Bytes::from_static(b"{\"x\":1}")),
    };
    let response = encode_output(lambda(), lambda().operation("Invoke").unwrap(), output);
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-amz-function-error"], "Unhandled");
    assert_eq!(response.headers()["x-amz-executed-version"], "$LATEST");
    assert_eq!(response.body().as_ref(), b"{\"x\":1}");
}

#[test]
fn outputs_take_the_models_status() {
    let output = Output::of(&json!({"Tags": {}})).unwrap();
    let created = encode_output(lambda(), lambda().operation("CreateAlias").unwrap(), output);
    assert_eq!(created.status(), 201);
    let deleted = encode_output(
        lambda(),
        lambda().operation("DeleteAlias").unwrap(),
        Output::empty(),
    );
    assert_eq!(deleted.status(), 204);
    assert!(deleted.body().is_empty());
}

#[test]
fn errors_put_the_message_where_the_shape_does() {
    let error = WireError::with_status(StatusCode::NOT_FOUND, "ResourceNotFoundException", "gone")
        .field("Type", "User");
    let response = encode_error(lambda(), &error);
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.headers()["x-amzn-errortype"],
        "ResourceNotFoundException"
    );
    let body: Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body, json!({"Type": "User", "Message": "gone"}));
    let error = WireError::client("InvalidParameterValueException", "bad");
    let body: Value = serde_json::from_slice(encode_error(lambda(), &error).body()).unwrap();
    assert_eq!(body, json!({"message": "bad"}));
}
