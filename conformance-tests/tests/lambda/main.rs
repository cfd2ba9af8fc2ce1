//! Lambda through the official AWS SDK for Rust: the function API in process, invocations that
//! run real Python, Node and custom-runtime processes, and workflows that call them.

mod event_source_api;
mod event_sources;
mod functions;
mod human_approval;
mod invoke;
mod processes;
mod reset;
mod sqs_callback;
mod web_pages;
mod workflows;

use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::{FunctionCode, Runtime};
use conformance_tests::{ROLE, zip_package};

/// A Python handler that returns its event.
pub const IDENTITY: &[(&str, &str)] = &[(
    "handler.py",
    "def handler(event, context):\n    return event\n",
)];

/// A CreateFunction request for a Python 3.12 function `handler.handler` whose package is `zip`,
/// for tests to add settings to (or to send as it is).
pub fn python_function(
    lambda: &aws_sdk_lambda::Client,
    name: &str,
    zip: Vec<u8>,
) -> aws_sdk_lambda::operation::create_function::builders::CreateFunctionFluentBuilder {
    lambda
        .create_function()
        .function_name(name)
        .runtime(Runtime::Python312)
        .role(ROLE)
        .handler("handler.handler")
        .code(FunctionCode::builder().zip_file(Blob::new(zip)).build())
}

/// Creates a function from `files` and returns its ARN.
pub async fn create(
    lambda: &aws_sdk_lambda::Client,
    name: &str,
    runtime: Runtime,
    handler: &str,
    files: &[(&str, &str)],
) -> String {
    python_function(lambda, name, zip_package(files))
        .runtime(runtime)
        .handler(handler)
        .send()
        .await
        .expect("create function")
        .function_arn()
        .expect("function ARN")
        .to_owned()
}

/// Whether `program` runs on this machine (tests of other runtimes say so and stop if not).
pub fn available(program: &str) -> bool {
    let found = std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        eprintln!("{program} is not installed: skipping");
    }
    found
}
