//! Lambda through the official AWS SDK for Rust: the function API in process, invocations that
//! run real Python, Node and custom-runtime processes, and workflows that call them.

mod functions;
mod invoke;
mod workflows;

use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::{FunctionCode, Runtime};
use conformance_tests::{ROLE, zip_package};

/// Creates a function from `files` and returns its ARN.
pub async fn create(
    lambda: &aws_sdk_lambda::Client,
    name: &str,
    runtime: Runtime,
    handler: &str,
    files: &[(&str, &str)],
) -> String {
    lambda
        .create_function()
        .function_name(name)
        .runtime(runtime)
        .role(ROLE)
        .handler(handler)
        .code(
            FunctionCode::builder()
                .zip_file(Blob::new(zip_package(files)))
                .build(),
        )
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
