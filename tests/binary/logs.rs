//! The log explains failures: a refused request's line names its service, operation, status
//! and error code and message; a failed execution's end names its error and cause. As text
//! without colour codes when stderr is not a terminal, or as JSON lines.

use super::common::Server;
use serde_json::Value;

const UNKNOWN: &str = "arn:aws:states:us-east-1:123456789012:execution:m:nope";

fn describe_unknown(server: &Server) {
    let (status, body) = server.sfn(
        "DescribeExecution",
        &format!(r#"{{"executionArn":"{UNKNOWN}"}}"#),
    );
    assert!(status.starts_with("HTTP/1.1 400"), "{status} {body}");
}

#[test]
fn a_refused_request_is_logged_with_its_operation_and_error() {
    let (mut server, listening) = Server::start("logs-text", &[], &[]);
    assert!(
        !listening.contains('\u{1b}'),
        "no colour codes in a pipe: {listening:?}"
    );
    describe_unknown(&server);
    let line = server.line_containing("DescribeExecution");
    for expected in [
        "INFO",
        "request refused",
        "service=sfn",
        "operation=DescribeExecution",
        "status=400",
        "error_code=ExecutionDoesNotExist",
        &format!("error_message=\"Execution Does Not Exist: '{UNKNOWN}'\""),
    ] {
        assert!(line.contains(expected), "{expected} in {line}");
    }
    assert!(!line.contains('\u{1b}'), "{line:?}");
}

#[test]
fn json_lines_carry_requests_and_failed_executions() {
    let (mut server, _) = Server::start("logs-json", &["--log-format", "json"], &[]);
    describe_unknown(&server);
    let line: Value = serde_json::from_str(&server.line_containing("DescribeExecution")).unwrap();
    assert_eq!(line["level"], "INFO");
    assert_eq!(line["message"], "request refused");
    assert_eq!(line["operation"], "DescribeExecution");
    assert_eq!(line["error_code"], "ExecutionDoesNotExist");
    assert_eq!(line["status"], 400);

    let definition = r#"{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"Nope\",\"Cause\":\"because\"}}}"#;
    let create = format!(
        r#"{{"name":"fails","definition":"{definition}","roleArn":"arn:aws:iam::123456789012:role/r"}}"#
    );
    let (status, body) = server.sfn("CreateStateMachine", &create);
    assert!(status.starts_with("HTTP/1.1 200"), "{status} {body}");
    let machine: Value = serde_json::from_str(&body).unwrap();
    let start = format!(r#"{{"stateMachineArn":{}}}"#, machine["stateMachineArn"]);
    let (status, body) = server.sfn("StartExecution", &start);
    assert!(status.starts_with("HTTP/1.1 200"), "{status} {body}");
    let started: Value = serde_json::from_str(&body).unwrap();
    let line: Value = serde_json::from_str(&server.line_containing("execution ended")).unwrap();
    assert_eq!(line["execution_arn"], started["executionArn"]);
    assert_eq!(
        (&line["status"], &line["error"], &line["cause"]),
        (&"FAILED".into(), &"Nope".into(), &"because".into())
    );
}
