//! The console: a browser UI for state machines and executions, served on the API's own port
//! under `/_console/`. The page is static files built into the binary; it reads and acts through
//! Stepstone's public APIs (Step Functions, Lambda, SQS) and the read-only `/_stepstone/`
//! endpoints, so it holds no state of its own.

use crate::server::{self, App};
use axum::Router;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use http::{HeaderMap, header};
use std::sync::Arc;

const INDEX_HTML: &str = include_str!("index.html");

/// The page's style sheet and scripts, by file name.
const ASSETS: [(&str, &str, &str); 6] = [
    ("console.css", "text/css", include_str!("console.css")),
    ("actions.js", "text/javascript", include_str!("actions.js")),
    ("detail.js", "text/javascript", include_str!("detail.js")),
    (
        "services.js",
        "text/javascript",
        include_str!("services.js"),
    ),
    ("export.js", "text/javascript", include_str!("export.js")),
    ("console.js", "text/javascript", include_str!("console.js")),
];

/// Only the console's own files may load, and no inline script runs: whatever a definition or
/// an execution's data holds, the page never executes it.
const CSP: &str = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

/// The console's routes, for the server's router to merge. `/` is claimed too, so that a browser
/// opening the bare address lands on the console; every other request to `/` goes on to the AWS
/// dispatch as before.
pub fn router() -> Router<Arc<App>> {
    let pages = Router::new()
        .route("/", get(root).fallback(server::dispatch))
        .route("/_console", get(|| async { Redirect::to("/_console/") }))
        .route(
            "/_console/",
            get(|| async { asset("text/html", INDEX_HTML) }),
        );
    ASSETS
        .into_iter()
        .fold(pages, |router, (name, content_type, body)| {
            router.route(
                &format!("/_console/{name}"),
                get(move || async move { asset(content_type, body) }),
            )
        })
}

/// `GET /`: a browser navigation is sent to the console; anything else (an SDK, a probe) is
/// served exactly as if the console did not exist.
async fn root(State(app): State<Arc<App>>, request: Request) -> Response {
    match is_browser_page_load(request.headers()) {
        true => Redirect::to("/_console/").into_response(),
        false => server::dispatch(State(app), request).await,
    }
}

/// A browser asks for HTML; no AWS client does, and none omits `X-Amz-Target` on `/`.
fn is_browser_page_load(headers: &HeaderMap) -> bool {
    let wants_html = headers
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    wants_html && !headers.contains_key("x-amz-target")
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    let headers = [
        (
            header::CONTENT_TYPE,
            format!("{content_type}; charset=utf-8"),
        ),
        (header::CONTENT_SECURITY_POLICY, CSP.to_owned()),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        // The files change only with the binary; a stale copy after an upgrade is worse than
        // a re-fetch of a few kilobytes on loopback.
        (header::CACHE_CONTROL, "no-cache".to_owned()),
    ];
    (headers, body).into_response()
}

#[cfg(test)]
mod tests;
