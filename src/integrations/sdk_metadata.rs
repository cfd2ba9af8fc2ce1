//! The SDK metadata optimized integrations add to a service's response, as the AWS SDK for
//! Java (v1) serialises it: the HTTP status and headers, and the request id.

use serde_json::{Map, Value, json};
use time::OffsetDateTime;

/// Adds `SdkHttpMetadata` and `SdkResponseMetadata` to `response`. `headers` are the response's
/// headers in the order the service sends them; `AllHttpHeaders` keeps that order with every
/// value in a list, `HttpHeaders` sorts them by name regardless of case.
pub fn add(
    response: &mut Map<String, Value>,
    headers: &[(&str, &str)],
    status: u16,
    request_id: &str,
) {
    let all: Map<String, Value> = headers
        .iter()
        .map(|(k, v)| ((*k).to_owned(), json!([v])))
        .collect();
    let mut sorted = headers.to_vec();
    sorted.sort_by_key(|(k, _)| k.to_ascii_lowercase());
    let single: Map<String, Value> = sorted
        .iter()
        .map(|(k, v)| ((*k).to_owned(), json!(v)))
        .collect();
    response.insert(
        "SdkHttpMetadata".into(),
        json!({ "AllHttpHeaders": all, "HttpHeaders": single, "HttpStatusCode": status }),
    );
    response.insert(
        "SdkResponseMetadata".into(),
        json!({ "RequestId": request_id }),
    );
}

/// Adds the metadata of an awsJson 1.0 answer of `length` bytes sent at `date` (an HTTP
/// date), as the SDK records it: a fresh request id and the service's five headers.
pub fn add_json(response: &mut Map<String, Value>, length: usize, date: &str) {
    let request_id = uuid::Uuid::new_v4().to_string();
    let length = length.to_string();
    let headers = [
        ("x-amzn-RequestId", request_id.as_str()),
        ("connection", "keep-alive"),
        ("Content-Length", length.as_str()),
        ("Date", date),
        ("Content-Type", "application/x-amz-json-1.0"),
    ];
    add(response, &headers, 200, &request_id);
}

/// Adds the metadata of a query-protocol (XML) answer of `length` bytes sent at `date`, as
/// the SDK records it: the request id the answer carries and the service's five headers.
pub fn add_xml(response: &mut Map<String, Value>, request_id: &str, length: usize, date: &str) {
    let length = length.to_string();
    let headers = [
        ("x-amzn-RequestId", request_id),
        ("connection", "keep-alive"),
        ("Content-Length", length.as_str()),
        ("Date", date),
        ("Content-Type", "text/xml"),
    ];
    add(response, &headers, 200, request_id);
}

/// An RFC 7231 date, as the `Date` header carries it.
pub fn http_date(now: OffsetDateTime) -> String {
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    now.format(&format).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_keep_their_order_in_all_and_are_sorted_in_single() {
        let mut response = Map::new();
        add(
            &mut response,
            &[
                ("x-amzn-RequestId", "id"),
                ("connection", "keep-alive"),
                ("Content-Length", "2"),
            ],
            200,
            "id",
        );
        let all: Vec<&String> = response["SdkHttpMetadata"]["AllHttpHeaders"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(all, ["x-amzn-RequestId", "connection", "Content-Length"]);
        let single: Vec<&String> = response["SdkHttpMetadata"]["HttpHeaders"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(single, ["connection", "Content-Length", "x-amzn-RequestId"]);
        assert_eq!(
            response["SdkHttpMetadata"]["AllHttpHeaders"]["connection"],
            json!(["keep-alive"])
        );
        assert_eq!(response["SdkResponseMetadata"]["RequestId"], "id");
    }

    #[test]
    fn dates_are_rfc_7231() {
        let at = OffsetDateTime::from_unix_timestamp(1_714_564_800).unwrap();
        assert_eq!(http_date(at), "Wed, 01 May 2024 12:00:00 GMT");
    }
}
