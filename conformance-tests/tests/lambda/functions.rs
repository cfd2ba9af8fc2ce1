//! The function API: create, read, list, update, delete, versions, aliases and tags, with the
//! typed errors the SDK raises, and `LastModified` dated by the server's clock.

use super::{IDENTITY, create, python_function};
use aws_sdk_lambda::error::ProvideErrorMetadata;
use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::{Environment, Runtime};
use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use conformance_tests::{InProcess, zip_package};
use stepstone::config::Config;

#[tokio::test]
async fn create_describe_and_delete() {
    let lambda = InProcess::new().lambda();
    let arn = create(
        &lambda,
        "ident",
        Runtime::Python312,
        "handler.handler",
        IDENTITY,
    )
    .await;
    assert_eq!(arn, "arn:aws:lambda:us-east-1:123456789012:function:ident");

    let got = lambda
        .get_function()
        .function_name("ident")
        .send()
        .await
        .unwrap();
    let config = got.configuration().unwrap();
    assert_eq!(config.function_name(), Some("ident"));
    assert_eq!(config.runtime(), Some(&Runtime::Python312));
    assert_eq!(config.handler(), Some("handler.handler"));
    assert_eq!(config.timeout(), Some(3));
    assert_eq!(config.memory_size(), Some(128));
    assert_eq!(config.version(), Some("$LATEST"));
    assert_eq!(config.state().map(|s| s.as_str()), Some("Active"));
    assert!(config.code_size() > 0);
    assert_eq!(
        config.code_sha256().map(str::len),
        Some(44),
        "base64 SHA-256"
    );

    // Any form of the name reaches the same function.
    for name in [
        "ident",
        "arn:aws:lambda:us-east-1:123456789012:function:ident",
        "123456789012:function:ident",
    ] {
        let config = lambda
            .get_function_configuration()
            .function_name(name)
            .send()
            .await
            .unwrap();
        assert_eq!(config.function_arn(), Some(arn.as_str()));
    }

    lambda
        .delete_function()
        .function_name("ident")
        .send()
        .await
        .unwrap();
    let err = lambda
        .get_function()
        .function_name("ident")
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_resource_not_found_exception()
    );
    assert_eq!(
        err.message(),
        Some("Function not found: arn:aws:lambda:us-east-1:123456789012:function:ident")
    );
}

#[tokio::test]
async fn bad_requests_get_aws_errors_and_change_nothing() {
    let lambda = InProcess::new().lambda();
    create(
        &lambda,
        "f",
        Runtime::Python312,
        "handler.handler",
        IDENTITY,
    )
    .await;

    let err = python_function(&lambda, "f", zip_package(IDENTITY))
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_resource_conflict_exception()
    );
    assert_eq!(err.message(), Some("Function already exist: f"));

    let err = python_function(&lambda, "g", b"not a zip".to_vec())
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_invalid_parameter_value_exception()
    );
    assert!(
        err.message()
            .unwrap()
            .starts_with("Could not unzip uploaded file")
    );

    let err = python_function(&lambda, "bad name", zip_package(IDENTITY))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("ValidationException"));

    let err = lambda
        .update_function_configuration()
        .function_name("f")
        .environment(Environment::builder().variables("AWS_REGION", "x").build())
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_invalid_parameter_value_exception()
    );
    assert!(
        err.message()
            .unwrap()
            .contains("Reserved keys used in this request: AWS_REGION")
    );

    let reserved = python_function(&lambda, "reserved", zip_package(IDENTITY))
        .environment(
            Environment::builder()
                .variables("AWS_LAMBDA_FUNCTION_NAME", "x")
                .build(),
        )
        .send()
        .await
        .unwrap_err();
    assert!(
        reserved
            .message()
            .unwrap()
            .contains("Reserved keys used in this request: AWS_LAMBDA_FUNCTION_NAME")
    );
    let big = "v".repeat(4100);
    let too_big = python_function(&lambda, "too-big", zip_package(IDENTITY))
        .environment(Environment::builder().variables("BIG", big).build())
        .send()
        .await
        .unwrap_err();
    assert!(
        too_big
            .message()
            .unwrap()
            .contains("exceeded the 4KB limit")
    );
    assert!(
        lambda
            .get_function()
            .function_name("too-big")
            .send()
            .await
            .is_err()
    );

    let listed = lambda.list_functions().send().await.unwrap();
    let names: Vec<_> = listed
        .functions()
        .iter()
        .filter_map(|f| f.function_name())
        .collect();
    assert_eq!(names, ["f"], "failed requests created nothing");
}

#[tokio::test]
async fn listing_pages_through_every_function() {
    let lambda = InProcess::new().lambda();
    for name in ["a", "a-b", "b", "c_1", "d"] {
        create(
            &lambda,
            name,
            Runtime::Python312,
            "handler.handler",
            IDENTITY,
        )
        .await;
    }
    let mut names = Vec::new();
    let mut marker = None;
    loop {
        let page = lambda
            .list_functions()
            .max_items(2)
            .set_marker(marker)
            .send()
            .await
            .unwrap();
        assert!(page.functions().len() <= 2);
        names.extend(
            page.functions()
                .iter()
                .filter_map(|f| f.function_name().map(str::to_owned)),
        );
        marker = page.next_marker().map(str::to_owned);
        if marker.is_none() {
            break;
        }
    }
    assert_eq!(names, ["a", "a-b", "b", "c_1", "d"]);
}

#[tokio::test]
async fn updates_versions_and_aliases() {
    let lambda = InProcess::new().lambda();
    create(
        &lambda,
        "f",
        Runtime::Python312,
        "handler.handler",
        IDENTITY,
    )
    .await;
    let updated = lambda
        .update_function_configuration()
        .function_name("f")
        .timeout(10)
        .environment(Environment::builder().variables("GREETING", "hi").build())
        .send()
        .await
        .unwrap();
    assert_eq!(updated.timeout(), Some(10));

    let v1 = lambda
        .publish_version()
        .function_name("f")
        .send()
        .await
        .unwrap();
    assert_eq!(v1.version(), Some("1"));
    assert_eq!(
        v1.function_arn(),
        Some("arn:aws:lambda:us-east-1:123456789012:function:f:1")
    );
    // Nothing changed since: publishing again returns the same version.
    let again = lambda
        .publish_version()
        .function_name("f")
        .send()
        .await
        .unwrap();
    assert_eq!(again.version(), Some("1"));

    let code = [(
        "handler.py",
        "def handler(event, context):\n    return 'v2'\n",
    )];
    let new_code = lambda
        .update_function_code()
        .function_name("f")
        .zip_file(Blob::new(zip_package(&code)))
        .publish(true)
        .send()
        .await
        .unwrap();
    assert_eq!(new_code.version(), Some("2"));
    assert_ne!(new_code.code_sha256(), v1.code_sha256());

    let versions = lambda
        .list_versions_by_function()
        .function_name("f")
        .send()
        .await
        .unwrap();
    let numbers: Vec<_> = versions
        .versions()
        .iter()
        .filter_map(|v| v.version())
        .collect();
    assert_eq!(numbers, ["$LATEST", "1", "2"]);

    let alias = lambda
        .create_alias()
        .function_name("f")
        .name("live")
        .function_version("1")
        .send()
        .await
        .unwrap();
    assert_eq!(
        alias.alias_arn(),
        Some("arn:aws:lambda:us-east-1:123456789012:function:f:live")
    );
    let err = lambda
        .delete_function()
        .function_name("f")
        .qualifier("1")
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_resource_conflict_exception()
    );

    lambda
        .update_alias()
        .function_name("f")
        .name("live")
        .function_version("2")
        .send()
        .await
        .unwrap();
    let aliases = lambda
        .list_aliases()
        .function_name("f")
        .send()
        .await
        .unwrap();
    assert_eq!(aliases.aliases()[0].function_version(), Some("2"));
    let err = lambda
        .get_alias()
        .function_name("f")
        .name("nope")
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_resource_not_found_exception()
    );
    lambda
        .delete_alias()
        .function_name("f")
        .name("live")
        .send()
        .await
        .unwrap();
    lambda
        .delete_function()
        .function_name("f")
        .qualifier("1")
        .send()
        .await
        .unwrap();
    let versions = lambda
        .list_versions_by_function()
        .function_name("f")
        .send()
        .await
        .unwrap();
    assert_eq!(versions.versions().len(), 2);
}

#[tokio::test]
async fn tags() {
    let lambda = InProcess::new().lambda();
    let arn = create(
        &lambda,
        "f",
        Runtime::Python312,
        "handler.handler",
        IDENTITY,
    )
    .await;
    lambda
        .tag_resource()
        .resource(&arn)
        .tags("team", "a")
        .tags("env", "dev")
        .send()
        .await
        .unwrap();
    lambda
        .untag_resource()
        .resource(&arn)
        .tag_keys("env")
        .send()
        .await
        .unwrap();
    let tags = lambda.list_tags().resource(&arn).send().await.unwrap();
    let tags = tags.tags().unwrap();
    assert_eq!(tags.len(), 1);
    assert_eq!(tags.get("team").map(String::as_str), Some("a"));
}

/// A zip with `handler.py`, a file `lib` and, as `extra`, a directory or a symbolic link.
fn package_with(extra: &str, link_target: Option<&str>) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    writer.start_file("handler.py", options).unwrap();
    writer
        .write_all(
            b"import os\n\n\ndef handler(event, context):\n    return os.readlink('alias.py')\n",
        )
        .unwrap();
    writer.start_file("lib", options).unwrap();
    match link_target {
        Some(target) => writer.add_symlink(extra, target, options).unwrap(),
        None => writer.add_directory(extra, options).unwrap(),
    }
    writer.finish().unwrap().into_inner()
}

#[tokio::test]
async fn packages_keep_their_own_links_and_refuse_what_cannot_unpack() {
    let lambda = InProcess::new().lambda();
    let err = python_function(&lambda, "clash", package_with("lib/", None))
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_invalid_parameter_value_exception(),
        "{err:?}"
    );
    assert_eq!(
        err.message(),
        Some("Could not unzip uploaded file. Please check your file, then try to upload again.")
    );
    let err = python_function(&lambda, "escape", package_with("alias.py", Some("../../x")))
        .send()
        .await
        .unwrap_err();
    assert!(
        err.message()
            .unwrap()
            .contains("points outside the package"),
        "{err:?}"
    );
    python_function(
        &lambda,
        "linked",
        package_with("alias.py", Some("handler.py")),
    )
    .send()
    .await
    .unwrap();
    let out = lambda
        .invoke()
        .function_name("linked")
        .send()
        .await
        .unwrap();
    assert_eq!(out.function_error(), None);
    assert_eq!(out.payload().unwrap().as_ref(), br#""handler.py""#);
}

/// `LastModified` (`2024-01-01T00:00:00.000+0000`) as epoch milliseconds.
fn last_modified_millis(text: Option<&str>) -> i64 {
    let text = text.expect("LastModified");
    let rfc3339 = text.replace("+0000", "Z");
    let time = DateTime::from_str(&rfc3339, Format::DateTime).expect(text);
    time.to_millis().unwrap()
}

/// Moves the manual clock by `seconds` and returns its new time in epoch milliseconds.
async fn advance_millis(stepstone: &InProcess, seconds: u64) -> i64 {
    let now = stepstone.advance_clock(seconds).await;
    (now["epochSeconds"].as_f64().unwrap() * 1000.0).round() as i64
}

#[tokio::test]
async fn last_modified_follows_the_clock() {
    const DAY: u64 = 24 * 3600;
    let stepstone = InProcess::with_config(Config {
        manual_clock: true,
        ..Config::default()
    });
    let lambda = stepstone.lambda();
    let created_at = advance_millis(&stepstone, 10 * DAY).await;
    let created = python_function(&lambda, "f", zip_package(IDENTITY))
        .send()
        .await
        .unwrap();
    assert_eq!(last_modified_millis(created.last_modified()), created_at);

    let configured_at = advance_millis(&stepstone, DAY).await;
    let configured = lambda
        .update_function_configuration()
        .function_name("f")
        .timeout(10)
        .send()
        .await
        .unwrap();
    assert_eq!(
        last_modified_millis(configured.last_modified()),
        configured_at
    );

    let coded_at = advance_millis(&stepstone, DAY).await;
    lambda
        .update_function_code()
        .function_name("f")
        .zip_file(Blob::new(zip_package(IDENTITY)))
        .send()
        .await
        .unwrap();
    let got = lambda
        .get_function_configuration()
        .function_name("f")
        .send()
        .await
        .unwrap();
    assert_eq!(last_modified_millis(got.last_modified()), coded_at);
}

/// Requests the Lambda model refuses are refused before the fake sees them, in AWS's words:
/// the model's constraints (here `ReservedConcurrentExecutions`: required, at least 0) are
/// checked for every operation, through the SDK as through any other client.
#[tokio::test]
async fn the_models_constraints_are_checked_with_aws_wording() {
    let stepstone = InProcess::new();
    let lambda = stepstone.lambda();
    let err = lambda
        .put_function_concurrency()
        .function_name("f")
        .reserved_concurrent_executions(-1)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("ValidationException"));
    assert_eq!(
        err.message(),
        Some(
            "1 validation error detected: Value '-1' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0"
        )
    );
    let err = lambda
        .get_function()
        .function_name("not a name!")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("ValidationException"));
    assert!(
        err.message().unwrap().starts_with(
            "1 validation error detected: Value 'not a name!' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
        ),
        "{err:?}"
    );
}
