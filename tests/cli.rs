//! The `stepstone` binary's startup checks.

use std::process::Command;

#[test]
fn an_invalid_mock_config_stops_the_server_before_it_listens() {
    let path = std::env::temp_dir().join(format!(
        "stepstone-cli-mock-config-{}.json",
        std::process::id()
    ));
    std::fs::write(
        &path,
        r#"{"StateMachines":{},"MockedResponses":{"M":{"0":{"Retrun":{}}}}}"#,
    )
    .expect("write the mock configuration");
    let output = Command::new(env!("CARGO_BIN_EXE_stepstone"))
        .env("SFN_MOCK_CONFIG", &path)
        .env("STEPSTONE_LOG", "info")
        // An address no server can bind: reaching the listen step would print "cannot listen".
        .args(["--host", "256.0.0.1"])
        .output()
        .expect("run stepstone");
    std::fs::remove_file(&path).expect("remove the mock configuration");
    assert!(!output.status.success());
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let expected = format!(
        "invalid mock configuration file '{}' at /MockedResponses/M/0/Retrun: unknown member; expected one of \"Return\", \"Throw\"",
        path.display()
    );
    assert!(printed.contains(&expected), "{printed}");
    assert!(!printed.contains("cannot listen"), "{printed}");
}

#[test]
fn a_lambda_endpoint_that_is_not_http_stops_the_server() {
    let output = Command::new(env!("CARGO_BIN_EXE_stepstone"))
        .env("LAMBDA_ENDPOINT", "https://lambda.example")
        .env("STEPSTONE_LOG", "info")
        .args(["--host", "256.0.0.1"])
        .output()
        .expect("run stepstone");
    assert!(!output.status.success());
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        printed
            .contains("LAMBDA_ENDPOINT: 'https://lambda.example' is not an http://host[:port] URL"),
        "{printed}"
    );
    assert!(!printed.contains("cannot listen"), "{printed}");
}
