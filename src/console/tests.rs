use crate::config::Config;
use crate::server::{App, router};
use axum::body::Body;
use http::{Request, StatusCode, header};
use std::sync::Arc;
use tower::ServiceExt;

async fn send(request: Request<Body>) -> http::Response<Body> {
    let app = Arc::new(App::new(&Config::default()));
    router(app).oneshot(request).await.unwrap()
}

async fn body_text(response: http::Response<Body>) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn get(path: &str, accept: &str) -> Request<Body> {
    Request::get(path)
        .header(header::ACCEPT, accept)
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn the_page_is_html_under_a_strict_content_security_policy() {
    let response = send(get("/_console/", "text/html")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response.headers()[header::CONTENT_TYPE].to_str().unwrap();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.starts_with("default-src 'self'"), "{csp}");
    assert!(body_text(response).await.contains("console.js"));
}

#[tokio::test]
async fn the_script_and_style_are_served_with_their_types() {
    for (path, kind) in [
        ("/_console/console.js", "text/javascript"),
        ("/_console/console.css", "text/css"),
    ] {
        let response = send(get(path, "*/*")).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let content_type = response.headers()[header::CONTENT_TYPE].to_str().unwrap();
        assert!(content_type.starts_with(kind), "{path}: {content_type}");
    }
}

#[tokio::test]
async fn a_browser_opening_the_root_is_sent_to_the_console() {
    let response = send(get("/", "text/html,application/xhtml+xml,*/*;q=0.8")).await;
    assert!(response.status().is_redirection());
    assert_eq!(response.headers()[header::LOCATION], "/_console/");
}

#[tokio::test]
async fn an_sdk_post_to_the_root_still_reaches_step_functions() {
    let request = Request::post("/")
        .header("x-amz-target", "AWSStepFunctions.ListStateMachines")
        .header(header::CONTENT_TYPE, "application/x-amz-json-1.0")
        .body(Body::from("{}"))
        .unwrap();
    let response = send(request).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(body_text(response).await.contains("stateMachines"));
}

#[tokio::test]
async fn a_get_to_the_root_without_html_is_not_redirected() {
    let response = send(get("/", "*/*")).await;
    assert!(!response.status().is_redirection());
}
