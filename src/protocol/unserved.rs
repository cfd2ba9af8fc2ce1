//! Requests for services Stepstone does not serve (S3, DynamoDB, IAM, ...): recognised by their
//! `X-Amz-Target` prefix, SigV4 credential scope or query-protocol `Action`, and answered in
//! their own protocol's error shape, so the SDK or CLI that sent one reports a readable error
//! naming the service asked for and the ones served here, instead of failing to parse the
//! answer.

use super::WireError;
use super::json::{self, JsonVersion};
use super::query::Query;
use super::route::signing_service;
use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Response, StatusCode, header};

/// What Stepstone serves, for error messages.
const SERVED: &str = "Step Functions (X-Amz-Target AWSStepFunctions.*, signing name states), Lambda (signing name lambda), SQS (X-Amz-Target AmazonSQS.*, signing name sqs), SNS (signing name sns) and STS (signing name sts)";

/// How the asking protocol expects errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorShape {
    /// awsJson and rest-json: `{"__type", "message"}` and `X-Amzn-ErrorType`.
    Json,
    /// The query protocol (STS, SNS, SQS's older protocol, IAM, ...): `<ErrorResponse>`.
    QueryXml,
    /// rest-xml (S3): `<Error>`.
    RestXml,
}

/// A request no service here takes, and what it says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unserved {
    /// The service asked for (`sts`, `s3`, `AmazonSQS`), when the request names one.
    pub service: Option<String>,
    /// The operation asked for, when the request names one.
    pub operation: Option<String>,
    /// How to answer.
    pub shape: ErrorShape,
}

impl Unserved {
    /// What `headers` (and, for a form post, `body`) say about a request that has no Step
    /// Functions target and no Lambda path.
    pub fn identify(headers: &HeaderMap, body: &[u8]) -> Unserved {
        if let Some(target) = headers.get("x-amz-target").and_then(|v| v.to_str().ok()) {
            let (prefix, operation) = target.split_once('.').unwrap_or((target, ""));
            return Unserved {
                service: Some(target_service(prefix).to_owned()),
                operation: Some(operation.to_owned()).filter(|o| !o.is_empty()),
                shape: ErrorShape::Json,
            };
        }
        let service = signing_service(headers);
        let action = is_form(headers)
            .then(|| Query::parse(std::str::from_utf8(body).ok()))
            .and_then(|form| form.get("Action").map(str::to_owned));
        let shape = match (service.as_deref(), &action) {
            (_, Some(_)) => ErrorShape::QueryXml,
            (Some("s3"), None) => ErrorShape::RestXml,
            _ => ErrorShape::Json,
        };
        Unserved {
            service,
            operation: action,
            shape,
        }
    }

    /// The error to answer with: the code the asking protocol uses for an unknown operation,
    /// and a message naming the service asked for and the ones served here.
    pub fn error(&self) -> WireError {
        let asked = match (&self.service, &self.operation) {
            (Some(service), Some(operation)) => format!("{service} ({operation})"),
            (Some(service), None) => service.clone(),
            (None, Some(operation)) => format!("the service of Action={operation}"),
            (None, None) => {
                return WireError::client(
                    "UnknownOperationException",
                    format!(
                        "Stepstone cannot tell which service this request is for (it has no X-Amz-Target header, SigV4 credential scope or Action): it serves {SERVED}"
                    ),
                );
            }
        };
        if let Some(served @ ("states" | "lambda")) = self.service.as_deref() {
            return WireError::client(
                "UnknownOperationException",
                format!(
                    "This {served} request names no operation Stepstone knows: Step Functions requests carry X-Amz-Target AWSStepFunctions.<Operation>, Lambda's use dated paths such as /2015-03-31/functions"
                ),
            );
        }
        let message = format!("Stepstone does not serve {asked}: it serves {SERVED}");
        match self.shape {
            ErrorShape::Json => WireError::client("UnknownOperationException", message),
            ErrorShape::QueryXml => WireError::client("InvalidAction", message),
            ErrorShape::RestXml => {
                WireError::with_status(StatusCode::NOT_IMPLEMENTED, "NotImplemented", message)
            }
        }
    }

    /// The error response, in the asking protocol's shape.
    pub fn response(&self, request_id: &str) -> Response<Bytes> {
        let error = self.error();
        let body = match self.shape {
            ErrorShape::Json => return json::error(JsonVersion::V1_0, request_id, "", &error),
            ErrorShape::QueryXml => format!(
                "<ErrorResponse><Error><Type>Sender</Type><Code>{}</Code><Message>{}</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>",
                error.code,
                xml_escape(&error.message)
            ),
            ErrorShape::RestXml => format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{}</Code><Message>{}</Message><RequestId>{request_id}</RequestId></Error>",
                error.code,
                xml_escape(&error.message)
            ),
        };
        let mut response = Response::new(Bytes::from(body));
        *response.status_mut() = error.status;
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/xml"));
        if let Ok(value) = HeaderValue::from_str(request_id) {
            headers.insert("x-amzn-requestid", value);
        }
        response
    }
}

/// The service an `X-Amz-Target` prefix belongs to: its signing name for the common ones, else
/// the prefix itself.
fn target_service(prefix: &str) -> &str {
    match prefix {
        "AmazonSQS" => "sqs",
        "DynamoDB_20120810" => "dynamodb",
        "DynamoDBStreams_20120810" => "dynamodb streams",
        "AmazonEC2ContainerServiceV20141113" => "ecs",
        "AWSEvents" => "events",
        "Logs_20140328" => "logs",
        "Kinesis_20131202" => "kinesis",
        "Firehose_20150804" => "firehose",
        "TrentService" => "kms",
        "secretsmanager" => "secretsmanager",
        "AmazonSSM" => "ssm",
        "AWSCognitoIdentityProviderService" => "cognito-idp",
        other => other,
    }
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    http::HeaderName::from_static(k),
                    HeaderValue::from_static(v),
                )
            })
            .collect()
    }

    const STS_SCOPE: &str = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0";

    #[test]
    fn a_query_protocol_form_post_is_answered_in_xml() {
        let h = headers(&[
            ("authorization", STS_SCOPE),
            (
                "content-type",
                "application/x-www-form-urlencoded; charset=utf-8",
            ),
        ]);
        let unserved = Unserved::identify(&h, b"Action=GetCallerIdentity&Version=2011-06-15");
        assert_eq!(
            unserved,
            Unserved {
                service: Some("sts".into()),
                operation: Some("GetCallerIdentity".into()),
                shape: ErrorShape::QueryXml,
            }
        );
        let response = unserved.response("r-1");
        assert_eq!(response.status(), 400);
        let body = std::str::from_utf8(response.body()).unwrap();
        assert!(body.starts_with("<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>Stepstone does not serve sts (GetCallerIdentity): it serves Step Functions"), "{body}");
        assert!(
            body.ends_with("<RequestId>r-1</RequestId></ErrorResponse>"),
            "{body}"
        );
    }

    #[test]
    fn json_targets_and_s3_get_their_own_shapes() {
        let sqs = Unserved::identify(
            &headers(&[("x-amz-target", "AmazonSQS.SendMessage")]),
            b"{}",
        );
        assert_eq!(
            (sqs.service.as_deref(), sqs.operation.as_deref(), sqs.shape),
            (Some("sqs"), Some("SendMessage"), ErrorShape::Json)
        );
        assert_eq!(sqs.error().code, "UnknownOperationException");
        let s3 = Unserved::identify(
            &headers(&[(
                "authorization",
                "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request",
            )]),
            b"",
        );
        assert_eq!(s3.shape, ErrorShape::RestXml);
        let response = s3.response("r-2");
        assert_eq!(response.status(), 501);
        let body = std::str::from_utf8(response.body()).unwrap();
        assert!(
            body.contains(
                "<Error><Code>NotImplemented</Code><Message>Stepstone does not serve s3: it serves"
            ),
            "{body}"
        );
    }

    #[test]
    fn a_served_service_without_an_operation_is_not_called_unserved() {
        let h = headers(&[(
            "authorization",
            "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/states/aws4_request",
        )]);
        let error = Unserved::identify(&h, b"{}").error();
        assert!(
            error
                .message
                .starts_with("This states request names no operation"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_request_naming_nothing_says_so() {
        let error = Unserved::identify(&HeaderMap::new(), b"").error();
        assert_eq!(error.code, "UnknownOperationException");
        assert!(
            error
                .message
                .starts_with("Stepstone cannot tell which service"),
            "{}",
            error.message
        );
    }
}
