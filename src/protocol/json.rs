//! awsJson 1.0 / 1.1: `POST /` with `X-Amz-Target`, JSON bodies, `__type` errors.

use super::WireError;
use bytes::Bytes;
use http::{HeaderValue, Response, header};
use serde::de::DeserializeOwned;

/// Which awsJson version a service speaks; it only changes the content type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonVersion {
    /// `application/x-amz-json-1.0` (Step Functions, DynamoDB, SQS).
    V1_0,
    /// `application/x-amz-json-1.1` (ECS).
    V1_1,
}

impl JsonVersion {
    fn content_type(self) -> &'static str {
        match self {
            JsonVersion::V1_0 => "application/x-amz-json-1.0",
            JsonVersion::V1_1 => "application/x-amz-json-1.1",
        }
    }
}

/// Reads a request body as an operation's input. An empty body is an empty object, as the
/// SDKs send `{}` but hand-written clients sometimes send nothing.
pub fn parse_input<T: DeserializeOwned>(body: &[u8]) -> Result<T, WireError> {
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}".as_slice()
    } else {
        body
    };
    serde_json::from_slice(body).map_err(|e| WireError::serialization(serialization_message(&e)))
}

fn serialization_message(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Data => format!("Invalid request: {e}"),
        _ => format!("Malformed JSON request body: {e}"),
    }
}

/// A successful response carrying an already-serialised JSON body.
pub fn ok(version: JsonVersion, request_id: &str, body: Bytes) -> Response<Bytes> {
    let mut response = Response::new(body);
    set_common_headers(&mut response, version, request_id);
    response
}

/// An error response: `{"__type": ..., "message": ...}` plus the `X-Amzn-ErrorType` header that
/// Smithy-generated SDKs read first.
pub fn error(
    version: JsonVersion,
    request_id: &str,
    namespace: &str,
    err: &WireError,
) -> Response<Bytes> {
    let code = err.code.as_ref();
    let type_name = if namespace.is_empty() {
        code.to_owned()
    } else {
        format!("{namespace}#{code}")
    };
    let mut body = serde_json::json!({ "__type": type_name, "message": err.message });
    for (name, value) in &err.fields {
        body[*name] = value.clone();
    }
    let mut response = Response::new(Bytes::from(body.to_string()));
    *response.status_mut() = err.status;
    set_common_headers(&mut response, version, request_id);
    if let Ok(value) = HeaderValue::from_str(code) {
        response.headers_mut().insert("x-amzn-errortype", value);
    }
    response
}

fn set_common_headers(response: &mut Response<Bytes>, version: JsonVersion, request_id: &str) {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(version.content_type()),
    );
    if let Ok(value) = HeaderValue::from_str(request_id) {
        headers.insert("x-amzn-requestid", value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    struct Input {
        name: Option<String>,
    }

    #[test]
    fn empty_body_is_an_empty_object() {
        let input: Input = parse_input(b"").unwrap();
        assert!(input.name.is_none());
    }

    #[test]
    fn malformed_json_is_a_serialization_exception() {
        let err = parse_input::<Input>(b"{nope").unwrap_err();
        assert_eq!(err.code, "SerializationException");
        assert!(err.message.starts_with("Malformed JSON"), "{}", err.message);
    }

    #[test]
    fn wrong_type_is_a_serialization_exception() {
        let err = parse_input::<Input>(br#"{"name": 3}"#).unwrap_err();
        assert_eq!(err.code, "SerializationException");
    }

    #[test]
    fn error_carries_type_header_and_body() {
        let err = WireError::client("InvalidArn", "Invalid Arn: 'x'");
        let response = error(
            JsonVersion::V1_0,
            "rid",
            "com.amazonaws.swf.service.v2.model",
            &err,
        );
        assert_eq!(response.status(), 400);
        assert_eq!(response.headers()["x-amzn-errortype"], "InvalidArn");
        assert_eq!(
            response.headers()["content-type"],
            "application/x-amz-json-1.0"
        );
        let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
        assert_eq!(
            body["__type"],
            "com.amazonaws.swf.service.v2.model#InvalidArn"
        );
        assert_eq!(body["message"], "Invalid Arn: 'x'");
    }
}
