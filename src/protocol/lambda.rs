//! Lambda's rest-json wire: method and path select the operation, members come from the path,
//! query string, headers and JSON body; errors carry `x-amzn-ErrorType`.

use super::query::Query;
use crate::services::lambda::model::*;
use crate::services::lambda::{InvocationType, Invoke, Lambda, LambdaError, LambdaResult};
use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Method, Response, StatusCode, header};
use percent_encoding::percent_decode_str;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The largest Lambda request body: AWS's limit for `CreateFunction` with an inline zip.
pub const BODY_LIMIT: usize = 70_167_211;

/// Whether a path belongs to the Lambda API (`/2015-03-31/functions/...`, `/2017-03-31/tags/...`).
pub fn is_lambda_path(path: &str) -> bool {
    let mut segments = path.trim_start_matches('/').split('/');
    let version = segments.next().unwrap_or_default();
    let dated = version.len() == 10
        && version.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    dated && segments.next().is_some()
}

/// The name of the Lambda operation a request's method and path select (`Invoke`,
/// `CreateFunction`), for the request log; `None` for a path Stepstone does not serve.
pub fn operation_name(method: &Method, path: &str) -> Option<&'static str> {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let name = match (method.as_str(), segments.as_slice()) {
        ("POST", [_, "functions"]) => "CreateFunction",
        ("GET", [_, "functions"]) => "ListFunctions",
        ("GET", [_, "functions", _]) => "GetFunction",
        ("DELETE", [_, "functions", _]) => "DeleteFunction",
        ("GET", [_, "functions", _, "configuration"]) => "GetFunctionConfiguration",
        ("PUT", [_, "functions", _, "configuration"]) => "UpdateFunctionConfiguration",
        ("PUT", [_, "functions", _, "code"]) => "UpdateFunctionCode",
        ("POST", [_, "functions", _, "versions"]) => "PublishVersion",
        ("GET", [_, "functions", _, "versions"]) => "ListVersionsByFunction",
        ("POST", [_, "functions", _, "aliases"]) => "CreateAlias",
        ("GET", [_, "functions", _, "aliases"]) => "ListAliases",
        ("GET", [_, "functions", _, "aliases", _]) => "GetAlias",
        ("PUT", [_, "functions", _, "aliases", _]) => "UpdateAlias",
        ("DELETE", [_, "functions", _, "aliases", _]) => "DeleteAlias",
        ("POST", [_, "functions", _, "invocations"]) => "Invoke",
        ("POST", [_, "functions", _, "invoke-async"]) => "InvokeAsync",
        ("GET", [_, "tags", _]) => "ListTags",
        ("POST", [_, "tags", _]) => "TagResource",
        ("DELETE", [_, "tags", _]) => "UntagResource",
        ("PUT", [_, "functions", _, "concurrency"]) => "PutFunctionConcurrency",
        ("GET", [_, "functions", _, "concurrency"]) => "GetFunctionConcurrency",
        ("DELETE", [_, "functions", _, "concurrency"]) => "DeleteFunctionConcurrency",
        ("GET", [_, "account-settings"]) => "GetAccountSettings",
        _ => return None,
    };
    Some(name)
}

/// A decoded request, ready for the service.
pub struct LambdaRequest<'a> {
    /// HTTP method.
    pub method: &'a Method,
    /// The path, still percent-encoded.
    pub path: &'a str,
    /// The raw query string.
    pub query: Option<&'a str>,
    /// Request headers.
    pub headers: &'a HeaderMap,
    /// The body.
    pub body: Bytes,
}

/// Serves one Lambda API request.
pub async fn handle(
    lambda: &Lambda,
    request: LambdaRequest<'_>,
    request_id: &str,
) -> Response<Bytes> {
    let result = call(lambda, &request).await;
    let mut response = match result {
        Ok(response) => response,
        Err(error) => error_response(&error),
    };
    if let Ok(value) = HeaderValue::from_str(request_id) {
        response.headers_mut().insert("x-amzn-requestid", value);
    }
    response
}

async fn call(lambda: &Lambda, request: &LambdaRequest<'_>) -> LambdaResult<Response<Bytes>> {
    let segments: Vec<String> = request
        .path
        .trim_start_matches('/')
        .trim_end_matches('/')
        .split('/')
        .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
        .collect();
    let query = Query::parse(request.query);
    let method = request.method;
    let body = &request.body;
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    match (method, segments.as_slice()) {
        (&Method::POST, ["2015-03-31", "functions"]) => {
            json(StatusCode::CREATED, &lambda.create_function(input(body)?)?)
        }
        (&Method::GET, ["2015-03-31", "functions"]) => {
            let all = query.get("FunctionVersion") == Some("ALL");
            let out = lambda.list_functions(all, query.get("Marker"), max_items(&query)?)?;
            json(StatusCode::OK, &out)
        }
        (&Method::GET, ["2015-03-31", "functions", name]) => json(
            StatusCode::OK,
            &lambda.get_function(name, query.get("Qualifier"))?,
        ),
        (&Method::DELETE, ["2015-03-31", "functions", name]) => {
            lambda.delete_function(name, query.get("Qualifier"))?;
            Ok(empty(StatusCode::NO_CONTENT))
        }
        (&Method::GET, ["2015-03-31", "functions", name, "configuration"]) => {
            let out = lambda.get_function_configuration(name, query.get("Qualifier"))?;
            json(StatusCode::OK, &out)
        }
        (&Method::PUT, ["2015-03-31", "functions", name, "configuration"]) => {
            let out = lambda.update_function_configuration(name, input(body)?)?;
            json(StatusCode::OK, &out)
        }
        (&Method::PUT, ["2015-03-31", "functions", name, "code"]) => json(
            StatusCode::OK,
            &lambda.update_function_code(name, input(body)?)?,
        ),
        (&Method::POST, ["2015-03-31", "functions", name, "versions"]) => json(
            StatusCode::CREATED,
            &lambda.publish_version(name, input(body)?)?,
        ),
        (&Method::GET, ["2015-03-31", "functions", name, "versions"]) => {
            let out =
                lambda.list_versions_by_function(name, query.get("Marker"), max_items(&query)?)?;
            json(StatusCode::OK, &out)
        }
        (&Method::POST, ["2015-03-31", "functions", name, "aliases"]) => json(
            StatusCode::CREATED,
            &lambda.create_alias(name, input(body)?)?,
        ),
        (&Method::GET, ["2015-03-31", "functions", name, "aliases"]) => {
            let out = lambda.list_aliases(
                name,
                query.get("FunctionVersion"),
                query.get("Marker"),
                max_items(&query)?,
            )?;
            json(StatusCode::OK, &out)
        }
        (&Method::GET, ["2015-03-31", "functions", name, "aliases", alias]) => {
            json(StatusCode::OK, &lambda.get_alias(name, alias)?)
        }
        (&Method::PUT, ["2015-03-31", "functions", name, "aliases", alias]) => json(
            StatusCode::OK,
            &lambda.update_alias(name, alias, input(body)?)?,
        ),
        (&Method::DELETE, ["2015-03-31", "functions", name, "aliases", alias]) => {
            lambda.delete_alias(name, alias)?;
            Ok(empty(StatusCode::NO_CONTENT))
        }
        (&Method::POST, ["2015-03-31", "functions", name, "invocations"]) => {
            invoke(lambda, name, &query, request.headers, body.clone()).await
        }
        (&Method::POST, ["2014-11-13", "functions", name, "invoke-async"]) => {
            let req = Invoke {
                function_name: (*name).to_owned(),
                invocation_type: InvocationType::Event,
                payload: body.clone(),
                ..Invoke::default()
            };
            lambda.invoke(req).await?;
            json(StatusCode::ACCEPTED, &serde_json::json!({ "Status": 202 }))
        }
        (&Method::GET, ["2017-03-31", "tags", arn]) => {
            json(StatusCode::OK, &lambda.list_tags(arn)?)
        }
        (&Method::POST, ["2017-03-31", "tags", arn]) => {
            lambda.tag_resource(arn, input::<TagResource>(body)?)?;
            Ok(empty(StatusCode::NO_CONTENT))
        }
        (&Method::DELETE, ["2017-03-31", "tags", arn]) => {
            lambda.untag_resource(arn, &query.all("tagKeys"))?;
            Ok(empty(StatusCode::NO_CONTENT))
        }
        (&Method::PUT, ["2017-10-31", "functions", name, "concurrency"]) => json(
            StatusCode::OK,
            &lambda.put_function_concurrency(name, input(body)?)?,
        ),
        (&Method::GET, ["2019-09-30", "functions", name, "concurrency"]) => {
            json(StatusCode::OK, &lambda.get_function_concurrency(name)?)
        }
        (&Method::DELETE, ["2017-10-31", "functions", name, "concurrency"]) => {
            lambda.delete_function_concurrency(name)?;
            Ok(empty(StatusCode::NO_CONTENT))
        }
        (&Method::GET, ["2016-08-19", "account-settings"]) => {
            json(StatusCode::OK, &lambda.account_settings())
        }
        _ => Ok(not_implemented(method, request.path)),
    }
}

async fn invoke(
    lambda: &Lambda,
    name: &str,
    query: &Query,
    headers: &HeaderMap,
    payload: Bytes,
) -> LambdaResult<Response<Bytes>> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let invocation_type = match header("x-amz-invocation-type") {
        Some(text) => InvocationType::parse(text)?,
        None => InvocationType::RequestResponse,
    };
    let req = Invoke {
        function_name: name.to_owned(),
        qualifier: query.get("Qualifier").map(str::to_owned),
        invocation_type,
        log_tail: header("x-amz-log-type") == Some("Tail"),
        client_context: header("x-amz-client-context").map(str::to_owned),
        payload,
    };
    let out = lambda.invoke(req).await?;
    let mut response = Response::new(out.payload);
    *response.status_mut() = StatusCode::from_u16(out.status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    let mut set = |name: &'static str, value: Option<String>| {
        if let Some(value) = value.and_then(|v| HeaderValue::from_str(&v).ok()) {
            headers.insert(name, value);
        }
    };
    set("x-amz-function-error", out.function_error);
    set("x-amz-log-result", out.log_result);
    set("x-amz-executed-version", out.executed_version);
    Ok(response)
}

/// `MaxItems`, when the query string has it.
fn max_items(query: &Query) -> LambdaResult<Option<usize>> {
    match query.get("MaxItems") {
        None => Ok(None),
        Some(text) => text.parse().map(Some).map_err(|_| {
            LambdaError::InvalidParameterValue(format!("Invalid MaxItems value: {text}"))
        }),
    }
}

/// Reads a JSON body as an operation's input; an empty body is `{}`.
fn input<T: DeserializeOwned>(body: &[u8]) -> LambdaResult<T> {
    let body = match body.iter().all(u8::is_ascii_whitespace) {
        true => b"{}".as_slice(),
        false => body,
    };
    serde_json::from_slice(body).map_err(|e| {
        LambdaError::InvalidRequestContent(format!("Could not parse request body into json: {e}"))
    })
}

/// A buffer most responses fit in, so that few grow (each time copying what they hold).
const RESPONSE_CAPACITY: usize = 1024;

fn json(status: StatusCode, body: &impl Serialize) -> LambdaResult<Response<Bytes>> {
    let mut bytes = Vec::with_capacity(RESPONSE_CAPACITY);
    serde_json::to_writer(&mut bytes, body)
        .map_err(|e| LambdaError::Service(format!("cannot encode the response: {e}")))?;
    let mut response = Response::new(Bytes::from(bytes));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Ok(response)
}

fn empty(status: StatusCode) -> Response<Bytes> {
    let mut response = Response::new(Bytes::new());
    *response.status_mut() = status;
    response
}

fn error_response(error: &LambdaError) -> Response<Bytes> {
    let mut response = Response::new(Bytes::from(error.body().to_string()));
    *response.status_mut() = error.status();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert("x-amzn-errortype", HeaderValue::from_static(error.code()));
    response
}

/// A Lambda API path this version does not serve: 501, never retried by SDKs.
fn not_implemented(method: &Method, path: &str) -> Response<Bytes> {
    let body = serde_json::json!({
        "Type": "User",
        "message": format!("The Lambda operation {method} {path} is not implemented yet in this version of Stepstone"),
    });
    let mut response = Response::new(Bytes::from(body.to_string()));
    *response.status_mut() = StatusCode::NOT_IMPLEMENTED;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(
        "x-amzn-errortype",
        HeaderValue::from_static("NotImplemented"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_are_named_for_the_log() {
        let cases = [
            (
                Method::POST,
                "/2015-03-31/functions/f/invocations",
                Some("Invoke"),
            ),
            (
                Method::POST,
                "/2015-03-31/functions",
                Some("CreateFunction"),
            ),
            (
                Method::DELETE,
                "/2015-03-31/functions/f/aliases/a",
                Some("DeleteAlias"),
            ),
            (
                Method::PUT,
                "/2017-10-31/functions/f/concurrency",
                Some("PutFunctionConcurrency"),
            ),
            (
                Method::GET,
                "/2016-08-19/account-settings",
                Some("GetAccountSettings"),
            ),
            (Method::GET, "/2015-03-31/functions/f/url", None),
        ];
        for (method, path, name) in cases {
            assert_eq!(operation_name(&method, path), name, "{method} {path}");
        }
    }

    #[test]
    fn lambda_paths_are_dated() {
        assert!(is_lambda_path("/2015-03-31/functions"));
        assert!(is_lambda_path("/2015-03-31/functions/f/invocations"));
        assert!(is_lambda_path("/2017-03-31/tags/arn%3Aaws"));
        assert!(!is_lambda_path("/"));
        assert!(!is_lambda_path("/health"));
        assert!(!is_lambda_path("/2015-03-31"));
        assert!(!is_lambda_path("/v1/submitjob"));
    }
}
