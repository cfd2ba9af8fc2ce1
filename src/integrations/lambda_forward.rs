//! Forwarding Lambda tasks to another Lambda-compatible endpoint instead of the in-process fake:
//! AWS Step Functions Local's `LAMBDA_ENDPOINT` (e.g. `sam local start-lambda`).

use crate::asl::errors::Failure;
use crate::services::lambda::{InvocationType, Invoke, InvokeOutput};
use bytes::Bytes;
use http::{Request, Uri, header};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

/// Where Lambda invocations go.
#[derive(Debug, Clone)]
pub struct LambdaEndpoint {
    uri: Uri,
}

impl LambdaEndpoint {
    /// Reads `http://host[:port][/prefix]`; only plain HTTP is spoken.
    pub fn parse(text: &str) -> Result<Self, String> {
        let uri: Uri = text
            .parse()
            .map_err(|e| format!("'{text}' is not a URL: {e}"))?;
        if uri.scheme_str() != Some("http") || uri.host().is_none() {
            return Err(format!(
                "'{text}' is not an http://host[:port] URL (https is not supported)"
            ));
        }
        Ok(LambdaEndpoint { uri })
    }

    /// Sends one Invoke and reads the answer as the in-process fake would give it.
    pub async fn invoke(&self, request: Invoke) -> Result<InvokeOutput, Failure> {
        let host = self.uri.host().unwrap_or("127.0.0.1");
        let port = self.uri.port_u16().unwrap_or(80);
        let client_error = |e: &dyn std::fmt::Display| {
            Failure::new(
                "Lambda.SdkClientException",
                format!("Unable to execute HTTP request: {} ({e})", self.uri),
            )
        };
        let stream = tokio::net::TcpStream::connect((host, port))
            .await
            .map_err(|e| client_error(&e))?;
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| client_error(&e))?;
        tokio::spawn(connection);
        let mut path = format!(
            "{}/2015-03-31/functions/{}/invocations",
            self.uri.path().trim_end_matches('/'),
            utf8_percent_encode(&request.function_name, NON_ALPHANUMERIC)
        );
        if let Some(qualifier) = &request.qualifier {
            path = format!(
                "{path}?Qualifier={}",
                utf8_percent_encode(qualifier, NON_ALPHANUMERIC)
            );
        }
        let invocation_type = match request.invocation_type {
            InvocationType::RequestResponse => "RequestResponse",
            InvocationType::Event => "Event",
            InvocationType::DryRun => "DryRun",
        };
        let mut builder = Request::post(path)
            .header(
                header::HOST,
                self.uri.authority().map_or(host, |a| a.as_str()),
            )
            .header("x-amz-invocation-type", invocation_type);
        if request.log_tail {
            builder = builder.header("x-amz-log-type", "Tail");
        }
        if let Some(context) = &request.client_context {
            builder = builder.header("x-amz-client-context", context);
        }
        let http_request = builder
            .body(Full::new(request.payload))
            .map_err(|e| client_error(&e))?;
        let response = sender
            .send_request(http_request)
            .await
            .map_err(|e| client_error(&e))?;
        let (parts, body) = response.into_parts();
        let body = body
            .collect()
            .await
            .map_err(|e| client_error(&e))?
            .to_bytes();
        let text_header = |name: &str| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        if !parts.status.is_success() {
            return Err(remote_error(
                parts.status.as_u16(),
                text_header("x-amzn-errortype"),
                &body,
            ));
        }
        Ok(InvokeOutput {
            status: parts.status.as_u16(),
            function_error: text_header("x-amz-function-error"),
            log_result: text_header("x-amz-log-result"),
            payload: body,
            executed_version: text_header("x-amz-executed-version"),
        })
    }
}

/// An error answer as the Java SDK would raise it: `Lambda.<Code>` with its message.
fn remote_error(status: u16, error_type: Option<String>, body: &Bytes) -> Failure {
    let document: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let code = error_type
        .as_deref()
        .map(|t| t.split(':').next().unwrap_or(t).to_owned())
        .or_else(|| document["__type"].as_str().map(str::to_owned))
        // Without a code the SDK falls back on its service exceptions.
        .unwrap_or_else(|| match status {
            500.. => "ServiceException".to_owned(),
            _ => "AWSLambdaException".to_owned(),
        });
    let message = ["Message", "message", "errorMessage"]
        .iter()
        .find_map(|key| document[key].as_str())
        .unwrap_or_default();
    super::lambda::sdk_exception(&code, status, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_http_endpoints() {
        assert!(LambdaEndpoint::parse("http://127.0.0.1:3001").is_ok());
        assert!(LambdaEndpoint::parse("http://lambda.local/prefix").is_ok());
        assert!(LambdaEndpoint::parse("https://x").is_err());
        assert!(LambdaEndpoint::parse("not a url").is_err());
    }

    #[test]
    fn remote_errors_are_named_like_the_sdk() {
        let failure = remote_error(
            404,
            Some("ResourceNotFoundException:http://internal".to_owned()),
            &Bytes::from_static(br#"{"Type":"User","Message":"Function not found: f"}"#),
        );
        assert_eq!(failure.error, "Lambda.ResourceNotFoundException");
        assert!(
            failure
                .cause
                .starts_with("Function not found: f (Service: AWSLambda; Status Code: 404")
        );
        let unnamed = |status| remote_error(status, None, &Bytes::new()).error;
        assert_eq!(unnamed(502), "Lambda.ServiceException");
        assert_eq!(unnamed(418), "Lambda.AWSLambdaException");
        assert_eq!(
            remote_error(429, Some("TooManyRequestsException".into()), &Bytes::new()).error,
            "Lambda.TooManyRequestsException"
        );
    }
}
