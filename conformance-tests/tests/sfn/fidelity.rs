//! Definition rules AWS enforces beyond the recorded cases, through the SDK at each moment AWS
//! enforces them (CreateStateMachine, UpdateStateMachine, ValidateStateMachineDefinition,
//! TestState). Written from AWS's documents; `docs/fidelity.md` lists each rule and its source.

use aws_sdk_sfn::types::ValidateStateMachineDefinitionResultCode;
use conformance_tests::{
    InProcess, ROLE, create_machine, error_code, error_message, finished, start,
};

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

/// Every model Stepstone carries checks its actions' mocks: EventBridge Scheduler's and STS's too.
#[tokio::test]
async fn test_state_checks_scheduler_and_sts_mocks_against_their_models() {
    let sfn = InProcess::new().sfn();
    let mock = |result: &str| {
        aws_sdk_sfn::types::MockInput::builder()
            .result(result)
            .build()
    };
    let cases = [
        (
            "aws-sdk:scheduler:createSchedule",
            r#"{}"#,
            "Mock result schema validation error: Required field 'ScheduleArn' is missing",
        ),
        (
            "aws-sdk:sts:getCallerIdentity",
            r#"{"Account":123456789012}"#,
            "Mock result schema validation error: Field 'Account' must be a string",
        ),
    ];
    for (action, result, message) in cases {
        let task =
            format!(r#"{{"Type":"Task","Resource":"arn:aws:states:::{action}","End":true}}"#);
        let err = sfn
            .test_state()
            .definition(&task)
            .mock(mock(result))
            .send()
            .await
            .unwrap_err();
        assert_eq!(error_code(&err), "ValidationException", "{action}");
        assert_eq!(error_message(&err), message, "{action}");
    }
    let task =
        r#"{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sts:getCallerIdentity","End":true}"#;
    let fits = r#"{"Account":"123456789012","Arn":"arn:aws:iam::123456789012:root","UserId":"u"}"#;
    let out = sfn
        .test_state()
        .definition(task)
        .mock(mock(fits))
        .send()
        .await
        .unwrap();
    assert_eq!(out.output(), Some(fits));
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
            "Invalid Context object provided: Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern",
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

/// CreateStateMachine refuses a `Timestamp...` comparison whose literal is not a timestamp,
/// and a state name holding a control character.
#[tokio::test]
async fn create_refuses_bad_timestamp_operands_and_control_characters_in_names() {
    let sfn = InProcess::new().sfn();
    let choice = r#"{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.t","TimestampLessThan":"2024-01-01 00:00:00Z","Next":"D"}],"Default":"D"},"D":{"Type":"Succeed"}}}"#;
    let named =
        "{\"StartAt\":\"a\\u0007b\",\"States\":{\"a\\u0007b\":{\"Type\":\"Pass\",\"End\":true}}}";
    let cases = [
        (
            choice,
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The value for the field 'TimestampLessThan' must be a valid ISO-8601 extended offset date-time format string at /States/C/Choices[0]/TimestampLessThan'",
        ),
        (
            named,
            "Invalid State Machine Definition: 'INVALID_STATE_NAME: State name contains an invalid character: U+0007 at /States/a\u{7}b'",
        ),
    ];
    for (definition, message) in cases {
        let err = sfn
            .create_state_machine()
            .name("m")
            .definition(definition)
            .role_arn(ROLE)
            .send()
            .await
            .unwrap_err();
        assert_eq!(error_code(&err), "InvalidDefinition");
        assert_eq!(error_message(&err), message);
    }
}

/// TestState takes a context object whose documented fields have their documented types.
#[tokio::test]
async fn test_state_checks_the_context_objects_field_types() {
    let sfn = InProcess::new().sfn();
    let mock = aws_sdk_sfn::types::MockInput::builder()
        .result("{}")
        .build();
    let task = r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}"#;
    let cases = [
        (
            "[1]",
            "Invalid Context object provided: the context must be a JSON object",
        ),
        (
            r#"{"State":{"RetryCount":"0"}}"#,
            "Invalid Context object provided: State.RetryCount must be a non-negative integer",
        ),
        (
            r#"{"Execution":{"Id":1}}"#,
            "Invalid Context object provided: Execution.Id must be a string",
        ),
    ];
    for (context, message) in cases {
        let err = sfn
            .test_state()
            .definition(task)
            .mock(mock.clone())
            .context(context)
            .send()
            .await
            .unwrap_err();
        assert_eq!(error_code(&err), "ValidationException", "{context}");
        assert_eq!(error_message(&err), message);
    }
    let tested = sfn
        .test_state()
        .definition(r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"ResultSelector":{"n.$":"$$.State.RetryCount","id.$":"$$.Execution.Id"},"End":true}"#)
        .mock(mock)
        .context(r#"{"Execution":{"Id":"e"},"State":{"RetryCount":2}}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(tested.output(), Some(r#"{"n":2,"id":"e"}"#));
}

/// A mocked `ecs:runTask.sync` result is the ECS task as DescribeTasks describes it, and a
/// `batch:submitJob.sync` one the Batch job as DescribeJobs does.
#[tokio::test]
async fn test_state_checks_sync_job_mocks_as_the_described_job() {
    let sfn = InProcess::new().sfn();
    let task = |resource: &str| {
        format!(r#"{{"Type":"Task","Resource":"{resource}","Parameters":{{}},"End":true}}"#)
    };
    let mock = |result: &str| {
        aws_sdk_sfn::types::MockInput::builder()
            .result(result)
            .build()
    };
    let err = sfn
        .test_state()
        .definition(task("arn:aws:states:::batch:submitJob.sync"))
        .mock(mock(r#"{"JobId":"1"}"#))
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "ValidationException");
    assert_eq!(
        error_message(&err),
        "Mock result schema validation error: Required field 'JobName' is missing"
    );
    let err = sfn
        .test_state()
        .definition(task("arn:aws:states:::ecs:runTask.sync"))
        .mock(mock(r#"{"LastStatus":7}"#))
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error_message(&err),
        "Mock result schema validation error: Field 'LastStatus' must be a string"
    );
    let tested = sfn
        .test_state()
        .definition(task("arn:aws:states:::ecs:runTask.sync"))
        .mock(mock(r#"{"LastStatus":"STOPPED","TaskArn":"t"}"#))
        .send()
        .await
        .unwrap();
    assert_eq!(
        tested.output(),
        Some(r#"{"LastStatus":"STOPPED","TaskArn":"t"}"#)
    );
}

/// A JSONata duration outside its range fails the execution at run time with
/// `States.QueryEvaluationError`, after an `EvaluationFailed` event naming the field.
#[tokio::test]
async fn jsonata_durations_out_of_range_fail_the_execution() {
    let sfn = InProcess::new().sfn();
    let definition = r#"{"QueryLanguage":"JSONata","StartAt":"W","States":{"W":{"Type":"Wait","Seconds":"{% $states.input.s %}","End":true}}}"#;
    let machine = create_machine(&sfn, "m", definition).await;
    let execution = start(&sfn, &machine, &serde_json::json!({"s": 100000000})).await;
    let described = finished(&sfn, &execution).await;
    assert_eq!(described.error(), Some("States.QueryEvaluationError"));
    assert_eq!(
        described.cause(),
        Some(
            "An error occurred while executing the state 'W' (entered at the event id #2). The JSONata expression '$states.input.s' specified for the field 'Seconds' returned a value out of range. Expected an integer between 0 and 99999999, but was: 100000000"
        )
    );
    let history = sfn
        .get_execution_history()
        .execution_arn(&execution)
        .send()
        .await
        .unwrap();
    let types: Vec<&str> = history
        .events()
        .iter()
        .map(|e| e.r#type().as_str())
        .collect();
    assert_eq!(
        types,
        [
            "ExecutionStarted",
            "WaitStateEntered",
            "EvaluationFailed",
            "ExecutionFailed"
        ]
    );
    let failed = history.events()[2]
        .evaluation_failed_event_details()
        .unwrap();
    assert_eq!(failed.location(), Some("Seconds"));
}
