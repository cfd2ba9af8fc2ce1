//! The Step Functions API's per-operation request rules, through the SDK: what each operation
//! refuses, with which code, message and error members. Written from the service model and the
//! API reference (and AWS answers recorded elsewhere where they exist); `docs/fidelity.md`
//! ("API requests") lists each rule and its source.

use aws_sdk_sfn::error::SdkError;
use aws_sdk_sfn::types::{
    CloudWatchLogsLogGroup, EncryptionConfiguration, EncryptionType, LogDestination, LogLevel,
    LoggingConfiguration, RoutingConfigurationListItem, StateMachineType, Tag,
    ValidationExceptionReason,
};
use conformance_tests::{
    InProcess, ROLE, create_machine, error_code, error_message, pass_definition, start,
};

const MISSING_MACHINE: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:none";

fn route(version_arn: &str, weight: i32) -> RoutingConfigurationListItem {
    RoutingConfigurationListItem::builder()
        .state_machine_version_arn(version_arn)
        .weight(weight)
        .build()
        .unwrap()
}

fn tag(key: &str, value: &str) -> Tag {
    Tag::builder().key(key).value(value).build()
}

fn log_group(name: &str) -> LogDestination {
    let arn = format!("arn:aws:logs:us-east-1:123456789012:log-group:{name}:*");
    LogDestination::builder()
        .cloud_watch_logs_log_group(CloudWatchLogsLogGroup::builder().log_group_arn(arn).build())
        .build()
}

/// Asserts a single model-constraint violation, in AWS's wording.
fn assert_violation<E, R>(err: &SdkError<E, R>, violation: &str)
where
    E: aws_sdk_sfn::error::ProvideErrorMetadata,
{
    assert_eq!(
        error_code(err),
        "ValidationException",
        "{}",
        error_message(err)
    );
    assert_eq!(
        error_message(err),
        format!("1 validation error detected: {violation}")
    );
}

/// A machine with one published version; answers (machine ARN, version ARN).
async fn published(sfn: &aws_sdk_sfn::Client) -> (String, String) {
    let created = sfn
        .create_state_machine()
        .name("m")
        .definition(pass_definition())
        .role_arn(ROLE)
        .publish(true)
        .send()
        .await
        .unwrap();
    let version = created.state_machine_version_arn.unwrap();
    (created.state_machine_arn, version)
}

#[tokio::test]
async fn invalid_logging_configurations_are_worded_as_aws_words_them() {
    let sfn = InProcess::new().sfn();
    let expected = "Invalid Logging Configuration: Must specify exactly one Log Destination.";
    let no_destination = LoggingConfiguration::builder().level(LogLevel::All).build();
    let two_destinations = LoggingConfiguration::builder()
        .level(LogLevel::Off)
        .destinations(log_group("a"))
        .destinations(log_group("b"))
        .build();
    for logging in [no_destination, two_destinations] {
        let err = sfn
            .create_state_machine()
            .name("m")
            .definition(pass_definition())
            .role_arn(ROLE)
            .logging_configuration(logging.clone())
            .send()
            .await
            .unwrap_err();
        assert_eq!(error_code(&err), "InvalidLoggingConfiguration");
        assert_eq!(error_message(&err), expected);
    }
    let arn = create_machine(&sfn, "m", &pass_definition()).await;
    let err = sfn
        .update_state_machine()
        .state_machine_arn(&arn)
        .logging_configuration(
            LoggingConfiguration::builder()
                .level(LogLevel::Error)
                .build(),
        )
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_message(&err), expected);
}

#[tokio::test]
async fn a_customer_managed_key_needs_a_key_id() {
    let sfn = InProcess::new().sfn();
    let no_key = EncryptionConfiguration::builder()
        .r#type(EncryptionType::CustomerManagedKmsKey)
        .build()
        .unwrap();
    let err = sfn
        .create_state_machine()
        .name("m")
        .definition(pass_definition())
        .role_arn(ROLE)
        .encryption_configuration(no_key.clone())
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "InvalidEncryptionConfiguration");
    let err = sfn
        .create_activity()
        .name("a")
        .encryption_configuration(no_key)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "InvalidEncryptionConfiguration");
    let listed = sfn.list_activities().send().await.unwrap();
    assert!(listed.activities().is_empty(), "nothing was created");
    let listed = sfn.list_state_machines().send().await.unwrap();
    assert!(listed.state_machines().is_empty(), "nothing was created");
}

#[tokio::test]
async fn trace_headers_are_ascii() {
    let sfn = InProcess::new().sfn();
    let arn = create_machine(&sfn, "m", &pass_definition()).await;
    let err = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .trace_header("Root=ü")
        .send()
        .await
        .unwrap_err();
    assert_violation(
        &err,
        r"Value 'Root=ü' at 'traceHeader' failed to satisfy constraint: Member must satisfy regular expression pattern: \p{ASCII}*",
    );
    sfn.start_execution()
        .state_machine_arn(&arn)
        .trace_header("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn redrive_client_tokens_are_printable_ascii() {
    let sfn = InProcess::new().sfn();
    let err = sfn
        .redrive_execution()
        .execution_arn("arn:aws:states:us-east-1:123456789012:execution:m:e")
        .client_token("a b")
        .send()
        .await
        .unwrap_err();
    assert_violation(
        &err,
        "Value 'a b' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [!-~]+",
    );
}

#[tokio::test]
async fn untag_keys_follow_the_tag_key_rules() {
    let sfn = InProcess::new().sfn();
    let arn = create_machine(&sfn, "m", &pass_definition()).await;
    let err = sfn
        .untag_resource()
        .resource_arn(&arn)
        .tag_keys("")
        .send()
        .await
        .unwrap_err();
    assert_violation(
        &err,
        "Value '' at 'tagKeys.1.member' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    let long = "k".repeat(129);
    let err = sfn
        .untag_resource()
        .resource_arn(&arn)
        .tag_keys("ok")
        .tag_keys(&long)
        .send()
        .await
        .unwrap_err();
    assert_violation(
        &err,
        &format!(
            "Value '{long}' at 'tagKeys.2.member' failed to satisfy constraint: Member must have length less than or equal to 128"
        ),
    );
}

#[tokio::test]
async fn resource_errors_name_the_resource() {
    let sfn = InProcess::new().sfn();
    let (arn, version) = published(&sfn).await;
    let err = sfn
        .tag_resource()
        .resource_arn(&version)
        .tags(tag("k", "v"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error_message(&err),
        format!("Resource not found: '{version}'")
    );
    let not_found = match err.into_service_error() {
        aws_sdk_sfn::operation::tag_resource::TagResourceError::ResourceNotFound(e) => e,
        other => panic!("{other:?}"),
    };
    assert_eq!(not_found.resource_name(), Some(version.as_str()));

    let mut request = sfn.tag_resource().resource_arn(&arn);
    for i in 0..51 {
        request = request.tags(tag(&format!("k{i}"), "v"));
    }
    let too_many = match request.send().await.unwrap_err().into_service_error() {
        aws_sdk_sfn::operation::tag_resource::TagResourceError::TooManyTags(e) => e,
        other => panic!("{other:?}"),
    };
    assert_eq!(too_many.resource_name(), Some(arn.as_str()));
}

#[tokio::test]
async fn routing_errors_carry_the_invalid_routing_reason() {
    let sfn = InProcess::new().sfn();
    let (arn, version) = published(&sfn).await;
    for routing in [route(&version, 50), route(&arn, 100)] {
        let err = sfn
            .create_state_machine_alias()
            .name("live")
            .routing_configuration(routing)
            .send()
            .await
            .unwrap_err();
        let validation = match err.into_service_error() {
            aws_sdk_sfn::operation::create_state_machine_alias::CreateStateMachineAliasError::ValidationException(e) => e,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            validation.reason(),
            Some(&ValidationExceptionReason::InvalidRoutingConfiguration)
        );
    }
}

#[tokio::test]
async fn labeled_arns_are_refused_with_their_reason() {
    let sfn = InProcess::new().sfn();
    let arn = create_machine(&sfn, "m", &pass_definition()).await;
    let labeled = format!("{arn}/label");
    let err = sfn
        .start_execution()
        .state_machine_arn(&labeled)
        .send()
        .await
        .unwrap_err();
    let reason = match err.into_service_error() {
        aws_sdk_sfn::operation::start_execution::StartExecutionError::ValidationException(e) => {
            e.reason().cloned()
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(
        reason,
        Some(ValidationExceptionReason::ApiDoesNotSupportLabeledArns)
    );
    let err = sfn
        .delete_state_machine()
        .state_machine_arn(&labeled)
        .send()
        .await
        .unwrap_err();
    let reason = match err.into_service_error() {
        aws_sdk_sfn::operation::delete_state_machine::DeleteStateMachineError::ValidationException(e) => e.reason().cloned(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        reason,
        Some(ValidationExceptionReason::ApiDoesNotSupportLabeledArns)
    );
    let err = sfn
        .update_state_machine()
        .state_machine_arn(&labeled)
        .role_arn(ROLE)
        .send()
        .await
        .unwrap_err();
    let reason = match err.into_service_error() {
        aws_sdk_sfn::operation::update_state_machine::UpdateStateMachineError::ValidationException(e) => e.reason().cloned(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        reason,
        Some(ValidationExceptionReason::ApiDoesNotSupportLabeledArns)
    );
}

#[tokio::test]
async fn page_sizes_and_tokens() {
    let sfn = InProcess::new().sfn();
    let err = sfn
        .list_state_machines()
        .max_results(1001)
        .send()
        .await
        .unwrap_err();
    assert_violation(
        &err,
        "Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
    let err = sfn
        .list_activities()
        .next_token("garbage")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "InvalidToken");
    let long = "t".repeat(1025);
    let err = sfn
        .list_state_machines()
        .next_token(&long)
        .send()
        .await
        .unwrap_err();
    assert_violation(
        &err,
        &format!(
            "Value '{long}' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 1024"
        ),
    );
    // ListExecutions' tokens may be longer (ListExecutionsPageToken: 3096).
    let arn = create_machine(&sfn, "m", &pass_definition()).await;
    let err = sfn
        .list_executions()
        .state_machine_arn(&arn)
        .next_token(&long)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "InvalidToken");
    let execution = start(&sfn, &arn, &serde_json::json!({})).await;
    let err = sfn
        .get_execution_history()
        .execution_arn(&execution)
        .next_token("garbage")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "InvalidToken");
}

#[tokio::test]
async fn task_token_and_payload_rules() {
    let sfn = InProcess::new().sfn();
    let err = sfn
        .send_task_heartbeat()
        .task_token("")
        .send()
        .await
        .unwrap_err();
    assert_violation(
        &err,
        "Value at 'taskToken' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    let err = sfn
        .send_task_success()
        .task_token("garbage")
        .output("{}")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "InvalidToken");
    let err = sfn
        .send_task_failure()
        .task_token("garbage")
        .error("e".repeat(257))
        .send()
        .await
        .unwrap_err();
    assert_violation(
        &err,
        "Value at 'error' failed to satisfy constraint: Member must have length less than or equal to 256",
    );
    let err = sfn
        .send_task_failure()
        .task_token("garbage")
        .cause("c".repeat(32_769))
        .send()
        .await
        .unwrap_err();
    assert_violation(
        &err,
        "Value at 'cause' failed to satisfy constraint: Member must have length less than or equal to 32768",
    );
}

#[tokio::test]
async fn execution_input_limits_and_json() {
    let sfn = InProcess::new().sfn();
    let arn = create_machine(&sfn, "m", &pass_definition()).await;
    let big = format!("\"{}\"", "x".repeat(262_144));
    let err = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .input(big)
        .send()
        .await
        .unwrap_err();
    assert_violation(
        &err,
        "Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144",
    );
    let err = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .input("not json")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "InvalidExecutionInput");
    assert_eq!(
        error_message(&err),
        "Invalid State Machine Execution Input: 'Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')'"
    );
    let err = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .input("{'not': 'json'}")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error_message(&err),
        "Invalid State Machine Execution Input: 'Unexpected character (''' (code 39)): was expecting double-quote to start field name'"
    );
}

#[tokio::test]
async fn version_descriptions_need_publish_and_fit_the_model() {
    let sfn = InProcess::new().sfn();
    let err = sfn
        .create_state_machine()
        .name("m")
        .definition(pass_definition())
        .role_arn(ROLE)
        .version_description("first")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "ValidationException");
    assert_eq!(
        error_message(&err),
        "Version description can only be set when publish is true"
    );
    let err = sfn
        .create_state_machine()
        .name("m")
        .definition(pass_definition())
        .role_arn(ROLE)
        .publish(true)
        .version_description("d".repeat(257))
        .send()
        .await
        .unwrap_err();
    assert_violation(
        &err,
        "Value at 'versionDescription' failed to satisfy constraint: Member must have length less than or equal to 256",
    );
}

#[tokio::test]
async fn arns_of_the_wrong_kind_or_missing_resources() {
    let sfn = InProcess::new().sfn();
    let err = sfn
        .describe_activity()
        .activity_arn(MISSING_MACHINE)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "InvalidArn");
    assert_eq!(
        error_message(&err),
        "Invalid Arn: 'Resource type not valid in this context: stateMachine'"
    );
    let execution = "arn:aws:states:us-east-1:123456789012:execution:none:e";
    let err = sfn
        .describe_state_machine_for_execution()
        .execution_arn(execution)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "ExecutionDoesNotExist");
    assert_eq!(
        error_message(&err),
        format!("Execution Does Not Exist: '{execution}'")
    );
    let err = sfn
        .describe_state_machine_for_execution()
        .execution_arn("not_an_arn")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "InvalidArn");
    let err = sfn
        .describe_state_machine()
        .state_machine_arn(MISSING_MACHINE)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error_message(&err),
        format!("State Machine Does Not Exist: '{MISSING_MACHINE}'")
    );
}

#[tokio::test]
async fn validate_definition_request_rules() {
    let sfn = InProcess::new().sfn();
    let err = sfn
        .validate_state_machine_definition()
        .definition(pass_definition())
        .max_results(101)
        .send()
        .await
        .unwrap_err();
    assert_violation(
        &err,
        "Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
    let err = sfn
        .validate_state_machine_definition()
        .definition(pass_definition())
        .severity("INFO".into())
        .send()
        .await
        .unwrap_err();
    assert_violation(
        &err,
        "Value 'INFO' at 'severity' failed to satisfy constraint: Member must satisfy enum value set: [ERROR, WARNING]",
    );
}

#[tokio::test]
async fn sync_executions_need_an_express_machine() {
    let sfn = InProcess::new().sfn();
    let arn = create_machine(&sfn, "m", &pass_definition()).await;
    let err = sfn
        .start_sync_execution()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "StateMachineTypeNotSupported");
    let express = sfn
        .create_state_machine()
        .name("x")
        .definition(pass_definition())
        .role_arn(ROLE)
        .r#type(StateMachineType::Express)
        .send()
        .await
        .unwrap()
        .state_machine_arn;
    let err = sfn
        .list_executions()
        .state_machine_arn(&express)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "StateMachineTypeNotSupported");
}

#[tokio::test]
async fn aliases_of_a_version_are_listed_by_its_arn() {
    let sfn = InProcess::new().sfn();
    let (arn, v1) = published(&sfn).await;
    let v2 = sfn
        .update_state_machine()
        .state_machine_arn(&arn)
        .role_arn(format!("{ROLE}2"))
        .publish(true)
        .send()
        .await
        .unwrap()
        .state_machine_version_arn
        .unwrap();
    for (name, version) in [("one", &v1), ("two", &v2)] {
        sfn.create_state_machine_alias()
            .name(name)
            .routing_configuration(route(version, 100))
            .send()
            .await
            .unwrap();
    }
    let listed = sfn
        .list_state_machine_aliases()
        .state_machine_arn(&v2)
        .send()
        .await
        .unwrap();
    let names: Vec<_> = listed
        .state_machine_aliases()
        .iter()
        .map(|a| a.state_machine_alias_arn().rsplit(':').next().unwrap())
        .collect();
    assert_eq!(names, ["two"]);
}

#[tokio::test]
async fn list_executions_checks_the_version_or_alias_it_names() {
    use aws_sdk_sfn::operation::list_executions::ListExecutionsError;
    let sfn = InProcess::new().sfn();
    let (arn, version) = published(&sfn).await;
    sfn.list_executions()
        .state_machine_arn(&version)
        .send()
        .await
        .unwrap();
    for missing in [format!("{arn}:7"), format!("{arn}:nope")] {
        let err = sfn
            .list_executions()
            .state_machine_arn(&missing)
            .send()
            .await
            .unwrap_err();
        match err.into_service_error() {
            ListExecutionsError::ResourceNotFound(e) => {
                assert_eq!(e.resource_name(), Some(missing.as_str()))
            }
            other => panic!("{other:?}"),
        }
    }
    let err = sfn
        .list_executions()
        .state_machine_arn(format!("{arn}/label"))
        .send()
        .await
        .unwrap_err();
    match err.into_service_error() {
        ListExecutionsError::ValidationException(e) => assert_eq!(
            e.reason(),
            Some(&ValidationExceptionReason::ApiDoesNotSupportLabeledArns)
        ),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn execution_names_follow_the_name_rules() {
    let sfn = InProcess::new().sfn();
    let arn = create_machine(&sfn, "m", &pass_definition()).await;
    for name in ["a b", "a/b", "a\u{7}"] {
        let err = sfn
            .start_execution()
            .state_machine_arn(&arn)
            .name(name)
            .send()
            .await
            .unwrap_err();
        assert_eq!(error_code(&err), "InvalidName");
        assert_eq!(error_message(&err), format!("Invalid Name: '{name}'"));
    }
    let long = "n".repeat(81);
    let err = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .name(&long)
        .send()
        .await
        .unwrap_err();
    assert_violation(
        &err,
        &format!(
            "Value '{long}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80"
        ),
    );
}

#[tokio::test]
async fn express_starts_are_not_idempotent() {
    let sfn = InProcess::new().sfn();
    let arn = sfn
        .create_state_machine()
        .name("x")
        .definition(pass_definition())
        .role_arn(ROLE)
        .r#type(StateMachineType::Express)
        .send()
        .await
        .unwrap()
        .state_machine_arn;
    let mut arns = vec![];
    for input in ["{}", "{\"other\":1}"] {
        let started = sfn
            .start_execution()
            .state_machine_arn(&arn)
            .name("same")
            .input(input)
            .send()
            .await
            .unwrap();
        arns.push(started.execution_arn);
    }
    assert_ne!(arns[0], arns[1], "each start is a new execution");
}

#[tokio::test]
async fn test_state_checks_its_role_and_input() {
    let sfn = InProcess::new().sfn();
    let pass = r#"{"Type":"Pass","End":true}"#;
    let err = sfn
        .test_state()
        .definition(pass)
        .role_arn("not-a-role")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "InvalidArn");
    assert_eq!(
        error_message(&err),
        "Invalid Arn: 'Invalid ARN prefix: not-a-role'"
    );
    let err = sfn
        .test_state()
        .definition(pass)
        .input("not json")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "InvalidExecutionInput");
    assert_eq!(
        error_message(&err),
        "Invalid State Machine Execution Input: 'Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')'"
    );
}

#[tokio::test]
async fn an_alias_update_must_change_something() {
    use aws_sdk_sfn::operation::update_state_machine_alias::UpdateStateMachineAliasError;
    let sfn = InProcess::new().sfn();
    let (_, version) = published(&sfn).await;
    let alias = sfn
        .create_state_machine_alias()
        .name("live")
        .routing_configuration(route(&version, 100))
        .send()
        .await
        .unwrap()
        .state_machine_alias_arn;
    let err = sfn
        .update_state_machine_alias()
        .state_machine_alias_arn(&alias)
        .send()
        .await
        .unwrap_err();
    match err.into_service_error() {
        UpdateStateMachineAliasError::ValidationException(e) => assert_eq!(
            e.reason(),
            Some(&ValidationExceptionReason::MissingRequiredParameter)
        ),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn map_run_updates_follow_the_model() {
    let sfn = InProcess::new().sfn();
    let map_run =
        "arn:aws:states:us-east-1:123456789012:mapRun:m/label:0d5a8b4c-2d0e-4f0c-9a7e-1c2b3d4e5f60";
    let err = sfn
        .update_map_run()
        .map_run_arn(map_run)
        .tolerated_failure_percentage(150.0)
        .send()
        .await
        .unwrap_err();
    assert_violation(
        &err,
        "Value '150.0' at 'toleratedFailurePercentage' failed to satisfy constraint: Member must have value less than or equal to 100.0",
    );
    let err = sfn
        .update_map_run()
        .map_run_arn(map_run)
        .max_concurrency(-1)
        .send()
        .await
        .unwrap_err();
    assert_violation(
        &err,
        "Value '-1' at 'maxConcurrency' failed to satisfy constraint: Member must have value greater than or equal to 0",
    );
}

#[tokio::test]
async fn publishing_takes_an_unqualified_machine() {
    use aws_sdk_sfn::operation::publish_state_machine_version::PublishStateMachineVersionError;
    let sfn = InProcess::new().sfn();
    let arn = create_machine(&sfn, "m", &pass_definition()).await;
    let err = sfn
        .publish_state_machine_version()
        .state_machine_arn(format!("{arn}/label"))
        .send()
        .await
        .unwrap_err();
    match err.into_service_error() {
        PublishStateMachineVersionError::ValidationException(e) => assert_eq!(
            e.reason(),
            Some(&ValidationExceptionReason::ApiDoesNotSupportLabeledArns)
        ),
        other => panic!("{other:?}"),
    }
    let err = sfn
        .publish_state_machine_version()
        .state_machine_arn(format!("{arn}:1"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "StateMachineDoesNotExist");
}

#[tokio::test]
async fn an_invalid_status_filter_lists_the_values_in_aws_order() {
    let sfn = InProcess::new().sfn();
    let arn = create_machine(&sfn, "m", &pass_definition()).await;
    let err = sfn
        .list_executions()
        .state_machine_arn(&arn)
        .status_filter("succeeded".into())
        .send()
        .await
        .unwrap_err();
    assert_violation(
        &err,
        "Value 'succeeded' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]",
    );
}

#[tokio::test]
async fn alias_rules_as_aws_words_them() {
    use aws_sdk_sfn::operation::update_state_machine_alias::UpdateStateMachineAliasError;
    let sfn = InProcess::new().sfn();
    let (arn, v1) = published(&sfn).await;
    let pattern = r"^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$";
    for name in ["123", "INVALID ALIAS", "!INVALID", "ALIAS@"] {
        let err = sfn
            .create_state_machine_alias()
            .name(name)
            .routing_configuration(route(&v1, 100))
            .send()
            .await
            .unwrap_err();
        assert_violation(
            &err,
            &format!(
                "Value '{name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern}"
            ),
        );
    }
    let v2 = format!("{arn}:2");
    let v3 = format!("{arn}:3");
    let err = sfn
        .create_state_machine_alias()
        .name("a")
        .routing_configuration(route(&v1, 50))
        .routing_configuration(route(&v2, 30))
        .routing_configuration(route(&v3, 20))
        .send()
        .await
        .unwrap_err();
    assert_violation(
        &err,
        &format!(
            "Value '[RoutingConfigurationListItem(stateMachineVersionArn={v1}, weight=50), RoutingConfigurationListItem(stateMachineVersionArn={v2}, weight=30), RoutingConfigurationListItem(stateMachineVersionArn={v3}, weight=20)]' at 'routingConfiguration' failed to satisfy constraint: Member must have length less than or equal to 2"
        ),
    );
    let cases = [
        (
            vec![route(&v1, 50), route(&v1, 50)],
            format!(
                "Routing configuration must contain distinct state machine version ARNs. Received: [{v1}, {v1}]"
            ),
        ),
        (
            vec![route(&arn, 50), route(&v2, 50)],
            format!(
                "Routing configuration must contain state machine version ARNs. Received: [{arn}, {v2}]"
            ),
        ),
        (
            vec![route(&v1, 70), route(&v2, 29)],
            "Sum of routing configuration weights must equal 100. Received: [70, 29]".to_owned(),
        ),
    ];
    for (routing, message) in cases {
        let err = sfn
            .create_state_machine_alias()
            .name("a")
            .set_routing_configuration(Some(routing))
            .send()
            .await
            .unwrap_err();
        assert_eq!(error_code(&err), "ValidationException");
        assert_eq!(error_message(&err), message);
    }
    let alias = sfn
        .create_state_machine_alias()
        .name("live")
        .routing_configuration(route(&v1, 100))
        .send()
        .await
        .unwrap()
        .state_machine_alias_arn;
    let err = sfn
        .create_state_machine_alias()
        .name("live")
        .description("other")
        .routing_configuration(route(&v1, 100))
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "ConflictException");
    assert_eq!(
        error_message(&err),
        "Failed to create alias because an alias with the same name and a different routing configuration already exists."
    );
    let err = sfn
        .delete_state_machine_version()
        .state_machine_version_arn(&v1)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error_message(&err),
        "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [live]"
    );
    let missing = format!("{arn}:gone");
    let err = sfn
        .update_state_machine_alias()
        .state_machine_alias_arn(&missing)
        .description("d")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error_message(&err),
        "Request references a resource that does not exist."
    );
    assert!(matches!(
        err.into_service_error(),
        UpdateStateMachineAliasError::ResourceNotFound(_)
    ));
    sfn.delete_state_machine_alias()
        .state_machine_alias_arn(&missing)
        .send()
        .await
        .unwrap();
    sfn.delete_state_machine_alias()
        .state_machine_alias_arn(&alias)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn express_execution_arns_are_the_wrong_type_for_standard_operations() {
    let sfn = InProcess::new().sfn();
    let arn = sfn
        .create_state_machine()
        .name("x")
        .definition(pass_definition())
        .role_arn(ROLE)
        .r#type(StateMachineType::Express)
        .send()
        .await
        .unwrap()
        .state_machine_arn;
    let execution = start(&sfn, &arn, &serde_json::json!({})).await;
    let expected = "Invalid Arn: 'Resource type not valid in this context: express'";
    let err = sfn
        .describe_execution()
        .execution_arn(&execution)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        (error_code(&err), error_message(&err)),
        ("InvalidArn".into(), expected.into())
    );
    let err = sfn
        .stop_execution()
        .execution_arn(&execution)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        (error_code(&err), error_message(&err)),
        ("InvalidArn".into(), expected.into())
    );
    let err = sfn
        .get_execution_history()
        .execution_arn(&execution)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        (error_code(&err), error_message(&err)),
        ("InvalidArn".into(), expected.into())
    );
}

#[tokio::test]
async fn deleting_what_is_already_gone_succeeds() {
    let sfn = InProcess::new().sfn();
    sfn.delete_state_machine()
        .state_machine_arn(MISSING_MACHINE)
        .send()
        .await
        .unwrap();
    sfn.delete_activity()
        .activity_arn("arn:aws:states:us-east-1:123456789012:activity:none")
        .send()
        .await
        .unwrap();
    let (_, version) = published(&sfn).await;
    for _ in 0..2 {
        sfn.delete_state_machine_version()
            .state_machine_version_arn(&version)
            .send()
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn aliases_are_listed_oldest_first() {
    let server = InProcess::with_config(stepstone::config::Config {
        manual_clock: true,
        ..stepstone::config::Config::default()
    });
    let sfn = server.sfn();
    let (arn, version) = published(&sfn).await;
    for name in ["b-first", "a-second"] {
        sfn.create_state_machine_alias()
            .name(name)
            .routing_configuration(route(&version, 100))
            .send()
            .await
            .unwrap();
        server.advance_clock(1).await;
    }
    let listed = sfn
        .list_state_machine_aliases()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    let names: Vec<_> = listed
        .state_machine_aliases()
        .iter()
        .map(|a| a.state_machine_alias_arn().rsplit(':').next().unwrap())
        .collect();
    assert_eq!(names, ["b-first", "a-second"]);
}

#[tokio::test]
async fn an_update_that_changes_nothing_makes_no_revision() {
    let sfn = InProcess::new().sfn();
    let arn = create_machine(&sfn, "m", &pass_definition()).await;
    let mut versions = vec![];
    for _ in 0..2 {
        let updated = sfn
            .update_state_machine()
            .state_machine_arn(&arn)
            .definition(pass_definition())
            .publish(true)
            .send()
            .await
            .unwrap();
        assert_eq!(updated.revision_id(), None, "no revision was made");
        versions.push(updated.state_machine_version_arn.unwrap());
    }
    assert_eq!(versions, [format!("{arn}:1"), format!("{arn}:1")]);
    let changed = sfn
        .update_state_machine()
        .state_machine_arn(&arn)
        .role_arn(format!("{ROLE}2"))
        .send()
        .await
        .unwrap();
    let revision = changed.revision_id().unwrap().to_owned();
    let again = sfn
        .update_state_machine()
        .state_machine_arn(&arn)
        .role_arn(format!("{ROLE}2"))
        .send()
        .await
        .unwrap();
    assert_eq!(again.revision_id(), Some(revision.as_str()));
}

#[tokio::test]
async fn test_state_refuses_an_unmocked_map_or_parallel_as_aws_does() {
    let sfn = InProcess::new().sfn();
    let map = r#"{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"#;
    let parallel = r#"{"Type":"Parallel","Branches":[{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}],"End":true}"#;
    for definition in [map, parallel] {
        let err = sfn
            .test_state()
            .definition(definition)
            .send()
            .await
            .unwrap_err();
        assert_eq!(error_code(&err), "InvalidDefinition");
        assert_eq!(
            error_message(&err),
            "TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]"
        );
    }
}

#[tokio::test]
async fn test_state_context_objects_as_aws_checks_them() {
    let sfn = InProcess::new().sfn();
    let task = r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}"#;
    let mock = aws_sdk_sfn::types::MockInput::builder()
        .result("{}")
        .build();
    let cases = [
        (
            r#"{"Pokedex":{}}"#,
            "Invalid Context object provided: Field 'Pokedex' is not allowed",
        ),
        (
            r#"{"Execution":{"pokemon":1}}"#,
            "Invalid Context object provided: Field 'pokemon' is not allowed",
        ),
        (
            r#"{"Execution":{"Id":1}}"#,
            "Invalid Context object provided: Execution.Id must be a string",
        ),
        (
            r#"{"Map":{"Item":{"Index":0}}}"#,
            "Invalid Context object provided: 'Map' field is not supported when mocking a Context object",
        ),
        (
            r#"{"Task":{"Token":"t"}}"#,
            "Invalid Context object provided: Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern",
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
    for context in ["{}", r#"{"Execution":{},"State":{},"StateMachine":{}}"#] {
        sfn.test_state()
            .definition(task)
            .mock(mock.clone())
            .context(context)
            .send()
            .await
            .unwrap();
    }
}

/// DescribeStateMachine describes machines, versions and Distributed Map labels; an alias is
/// DescribeStateMachineAlias's, and DescribeStateMachine finds no machine under its ARN.
#[tokio::test]
async fn describe_state_machine_takes_no_alias_arn() {
    let sfn = InProcess::new().sfn();
    let created = sfn
        .create_state_machine()
        .name("m")
        .definition(pass_definition())
        .role_arn(ROLE)
        .publish(true)
        .send()
        .await
        .unwrap();
    let version = created.state_machine_version_arn().unwrap();
    let alias = sfn
        .create_state_machine_alias()
        .name("live")
        .routing_configuration(route(version, 100))
        .send()
        .await
        .unwrap()
        .state_machine_alias_arn;
    let err = sfn
        .describe_state_machine()
        .state_machine_arn(&alias)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "StateMachineDoesNotExist");
    assert_eq!(
        error_message(&err),
        format!("State Machine Does Not Exist: '{alias}'")
    );
    let described = sfn
        .describe_state_machine()
        .state_machine_arn(version)
        .send()
        .await
        .unwrap();
    assert_eq!(described.state_machine_arn(), version);
}
