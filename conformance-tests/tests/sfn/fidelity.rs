//! Definition rules AWS enforces beyond the recorded cases, through the SDK at each moment AWS
//! enforces them (CreateStateMachine, UpdateStateMachine, ValidateStateMachineDefinition,
//! TestState). Written from AWS's documents; `docs/fidelity.md` lists each rule and its source.

use aws_sdk_sfn::types::ValidateStateMachineDefinitionResultCode;
use conformance_tests::{InProcess, ROLE, create_machine, error_code, error_message};

fn task(resource: &str) -> String {
    format!(
        r#"{{"StartAt":"T","States":{{"T":{{"Type":"Task","Resource":"{resource}","End":true}}}}}}"#
    )
}

fn not_recognised(resource: &str, location: &str) -> String {
    format!(
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The resource provided {resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region. at {location}'"
    )
}

#[tokio::test]
async fn create_refuses_a_pattern_the_integration_does_not_support() {
    let sfn = InProcess::new().sfn();
    let resource = "arn:aws:states:::sqs:sendMessage.sync";
    let err = sfn
        .create_state_machine()
        .name("m")
        .definition(task(resource))
        .role_arn(ROLE)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "InvalidDefinition");
    assert_eq!(
        error_message(&err),
        not_recognised(resource, "/States/T/Resource")
    );
}

#[tokio::test]
async fn update_refuses_an_unknown_integration() {
    let sfn = InProcess::new().sfn();
    let arn = create_machine(&sfn, "m", &task("arn:aws:states:::lambda:invoke")).await;
    let resource = "arn:aws:states:::lambda:invoke.sync";
    let err = sfn
        .update_state_machine()
        .state_machine_arn(arn)
        .definition(task(resource))
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "InvalidDefinition");
    assert_eq!(
        error_message(&err),
        not_recognised(resource, "/States/T/Resource")
    );
}

#[tokio::test]
async fn validate_reports_a_resource_that_is_not_an_arn() {
    let sfn = InProcess::new().sfn();
    let result = sfn
        .validate_state_machine_definition()
        .definition(task("${LambdaArn}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        result.result(),
        &ValidateStateMachineDefinitionResultCode::Fail
    );
    let d = &result.diagnostics()[0];
    assert_eq!(d.code(), "SCHEMA_VALIDATION_FAILED");
    assert_eq!(d.message(), "Value is not a valid resource ARN");
    assert_eq!(d.location(), Some("/States/T/Resource"));
}

#[tokio::test]
async fn validate_reports_a_wait_timestamp_that_is_not_rfc3339() {
    let sfn = InProcess::new().sfn();
    let definition = r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2020-01-01 00:00:00","End":true}}}"#;
    let result = sfn
        .validate_state_machine_definition()
        .definition(definition)
        .send()
        .await
        .unwrap();
    let d = &result.diagnostics()[0];
    assert_eq!(d.code(), "SCHEMA_VALIDATION_FAILED");
    assert_eq!(d.location(), Some("/States/W/Timestamp"));
}

#[tokio::test]
async fn test_state_checks_the_resource_of_a_lone_task() {
    let sfn = InProcess::new().sfn();
    let resource = "arn:aws:states:::foo:bar";
    let err = sfn
        .test_state()
        .definition(format!(
            r#"{{"Type":"Task","Resource":"{resource}","End":true}}"#
        ))
        .role_arn(ROLE)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "InvalidDefinition");
    assert_eq!(
        error_message(&err),
        not_recognised(resource, "/States/StateName/Resource")
    );
}

#[tokio::test]
async fn test_state_finds_a_named_state_in_branches_and_processors() {
    let sfn = InProcess::new().sfn();
    let machine = r#"{"StartAt":"Par","States":{
        "Par":{"Type":"Parallel","Next":"Map","Branches":[{"StartAt":"InBranch","States":{
            "InBranch":{"Type":"Pass","Result":{"from":"branch"},"End":true}}}]},
        "Map":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"InProcessor","States":{
            "InProcessor":{"Type":"Pass","Result":{"from":"processor"},"End":true}}}}}}"#;
    for (name, expected) in [
        ("InBranch", r#"{"from":"branch"}"#),
        ("InProcessor", r#"{"from":"processor"}"#),
    ] {
        let out = sfn
            .test_state()
            .definition(machine)
            .state_name(name)
            .send()
            .await
            .unwrap();
        assert_eq!(out.output(), Some(expected), "{name}");
    }
    let err = sfn
        .test_state()
        .definition(machine)
        .state_name("Nowhere")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "ValidationException");
}

#[tokio::test]
async fn test_state_checks_an_eventbridge_mock_against_put_events() {
    let sfn = InProcess::new().sfn();
    let task = r#"{"Type":"Task","Resource":"arn:aws:states:::events:putEvents","Parameters":{"Entries":[]},"End":true}"#;
    let mock = |result: &str| {
        aws_sdk_sfn::types::MockInput::builder()
            .result(result)
            .build()
    };
    let err = sfn
        .test_state()
        .definition(task)
        .mock(mock(r#"{"FailedEntryCount":"none","Entries":[]}"#))
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "ValidationException");
    assert_eq!(
        error_message(&err),
        "Mock result schema validation error: Field 'FailedEntryCount' must be a number"
    );
    let out = sfn
        .test_state()
        .definition(task)
        .mock(mock(
            r#"{"FailedEntryCount":0,"Entries":[{"EventId":"e"}]}"#,
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(
        out.output(),
        Some(r#"{"FailedEntryCount":0,"Entries":[{"EventId":"e"}]}"#)
    );
}

/// The request rules TestState applies before it runs anything, one request each.
#[tokio::test]
async fn test_state_request_rules() {
    let sfn = InProcess::new().sfn();
    let mock = aws_sdk_sfn::types::MockInput::builder()
        .result("{}")
        .build();
    let pass = r#"{"Type":"Pass","End":true}"#;
    let callback = r#"{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"q","MessageBody":{"t.$":"$$.Task.Token"}},"End":true}"#;
    let request_response = r#"{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Parameters":{"QueueUrl":"q","MessageBody":"m"},"End":true}"#;
    let cases = [
        (
            sfn.test_state()
                .definition(callback)
                .mock(mock.clone())
                .reveal_secrets(true),
            "TestState does not support RevealSecrets when a mock is specified.",
        ),
        (
            sfn.test_state().definition(callback).role_arn(ROLE),
            "A mock must be specified when testing a Task state that waits for a job or a task token",
        ),
        (
            sfn.test_state().definition(pass).context("{}"),
            "A context can only be specified together with a mock.",
        ),
        (
            sfn.test_state()
                .definition(request_response)
                .mock(mock.clone())
                .context(r#"{"Task":{"Token":"t"}}"#),
            "The context object can only contain a Task.Token for a Task state with the .waitForTaskToken integration pattern",
        ),
    ];
    for (request, message) in cases {
        let err = request.send().await.unwrap_err();
        assert_eq!(error_code(&err), "ValidationException", "{message}");
        assert_eq!(error_message(&err), message);
    }
    let ok = sfn
        .test_state()
        .definition(callback)
        .mock(mock)
        .context(r#"{"Task":{"Token":"t"}}"#)
        .send()
        .await;
    assert!(ok.is_ok(), "{ok:?}");
}

#[tokio::test]
async fn test_state_members_follow_the_model() {
    let sfn = InProcess::new().sfn();
    let pass = r#"{"Type":"Pass","End":true}"#;
    let err = sfn
        .test_state()
        .definition(pass)
        .state_name("x".repeat(81))
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "ValidationException");
    assert!(
        error_message(&err).starts_with("1 validation error detected: ")
            && error_message(&err).contains("'stateName'"),
        "{}",
        error_message(&err)
    );
    let configuration = aws_sdk_sfn::types::TestStateConfiguration::builder()
        .retrier_retry_count(-1)
        .build();
    let err = sfn
        .test_state()
        .definition(pass)
        .state_configuration(configuration)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error_message(&err),
        "1 validation error detected: Value '-1' at 'stateConfiguration.retrierRetryCount' failed to satisfy constraint: Member must have value greater than or equal to 0"
    );
}

/// ValidateStateMachineDefinition names each unknown action or AWS SDK name at its resource:
/// an optimized integration's action it does not have, a `.sync` its action lacks, an
/// `aws-sdk` action that is not the camelCase of an operation, a service that does not exist.
#[tokio::test]
async fn validate_reports_actions_and_sdk_names_aws_does_not_recognise() {
    let sfn = InProcess::new().sfn();
    let refused = [
        "arn:aws:states:::athena:getQueryResults.sync",
        "arn:aws:states:::sagemaker:describeTrainingJob",
        "arn:aws:states:::aws-sdk:dynamodb:PutItem",
        "arn:aws:states:::aws-sdk:sfn:startExecutions",
        "arn:aws:states:::aws-sdk:nosuchservice:doThing",
    ];
    for resource in refused {
        let result = sfn
            .validate_state_machine_definition()
            .definition(task(resource))
            .send()
            .await
            .unwrap();
        assert_eq!(
            result.result(),
            &ValidateStateMachineDefinitionResultCode::Fail,
            "{resource}"
        );
        let d = &result.diagnostics()[0];
        assert_eq!(d.code(), "SCHEMA_VALIDATION_FAILED");
        assert_eq!(
            d.message(),
            format!(
                "The resource provided {resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region."
            )
        );
        assert_eq!(d.location(), Some("/States/T/Resource"));
    }
    for resource in [
        "arn:aws:states:::athena:startQueryExecution.sync",
        "arn:aws:states:::aws-sdk:dynamodb:transactWriteItems",
        "arn:aws:states:::aws-sdk:ec2:describeInstances",
    ] {
        let result = sfn
            .validate_state_machine_definition()
            .definition(task(resource))
            .send()
            .await
            .unwrap();
        assert_eq!(
            result.result(),
            &ValidateStateMachineDefinitionResultCode::Ok,
            "{resource}"
        );
    }
}
