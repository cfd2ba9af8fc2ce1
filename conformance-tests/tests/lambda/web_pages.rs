//! No web page may drive Stepstone: the browser-originated requests of the hardening issue's
//! exploit (create a function from a zip, then invoke it) are refused before Lambda sees them,
//! while SDK requests pass.

use super::{IDENTITY, python_function};
use base64::Engine;
use conformance_tests::{InProcess, zip_package};

/// CreateFunction as a web page's `fetch` would send it: `text/plain`, no signature.
fn create_from_page(extra: &[(&str, &str)]) -> http::Request<String> {
    let zip = base64::engine::general_purpose::STANDARD.encode(zip_package(IDENTITY));
    let body = serde_json::json!({
        "FunctionName": "pwned", "Runtime": "python3.12", "Handler": "handler.handler",
        "Role": conformance_tests::ROLE, "Code": {"ZipFile": zip},
    });
    let mut request = http::Request::post("/2015-03-31/functions")
        .header("host", "localhost:8083")
        .header("content-type", "text/plain");
    for (name, value) in extra {
        request = request.header(*name, *value);
    }
    request.body(body.to_string()).expect("request")
}

async fn refused(stepstone: &InProcess, request: http::Request<String>) -> String {
    let (status, headers, body) = stepstone.raw(request).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(headers["x-amzn-errortype"], "AccessDeniedException");
    body["message"].as_str().expect("a message").to_owned()
}

#[tokio::test]
async fn browser_requests_cannot_create_or_run_functions() {
    let stepstone = InProcess::new();
    let cross_site = refused(
        &stepstone,
        create_from_page(&[("origin", "http://evil.example")]),
    )
    .await;
    assert!(cross_site.contains("http://evil.example"), "{cross_site}");
    let no_origin = refused(&stepstone, create_from_page(&[])).await;
    assert!(no_origin.contains("text/plain"), "{no_origin}");
    let fetch = [
        ("sec-fetch-site", "cross-site"),
        ("content-type", "application/json"),
    ];
    refused(&stepstone, create_from_page(&fetch)).await;
    let rebinding = [
        ("host", "evil.example:8083"),
        ("content-type", "application/json"),
    ];
    refused(&stepstone, create_from_page(&rebinding)).await;

    let lambda = stepstone.lambda();
    let listed = lambda
        .list_functions()
        .send()
        .await
        .expect("SDK requests pass");
    assert!(
        listed.functions().is_empty(),
        "no refused request created anything"
    );
    python_function(&lambda, "f", zip_package(IDENTITY))
        .send()
        .await
        .expect("SDK create");
}

#[tokio::test]
async fn admin_endpoints_are_guarded_too() {
    let stepstone = InProcess::new();
    let advance = http::Request::post("/_stepstone/clock/advance")
        .header("origin", "http://evil.example")
        .header("host", "localhost:8083")
        .body(r#"{"seconds":1}"#.to_owned())
        .expect("request");
    refused(&stepstone, advance).await;
    let health = http::Request::get("/health")
        .header("host", "localhost:8083")
        .header("sec-fetch-site", "cross-site")
        .header("sec-fetch-mode", "cors")
        .body(String::new())
        .expect("request");
    refused(&stepstone, health).await;
}
