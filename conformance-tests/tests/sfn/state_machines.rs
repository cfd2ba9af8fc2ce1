use aws_sdk_sfn::types::{
    IncludedData, LogDestination, LogLevel, LoggingConfiguration, StateMachineType, Tag,
    TracingConfiguration,
};
use conformance_tests::{
    InProcess, ROLE, create_machine, error_code, error_message, pass_definition,
};

const OTHER: &str = r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"End":true}}}"#;

#[tokio::test]
async fn create_describe_and_delete() {
    let sfn = InProcess::new().sfn();
    let created = sfn
        .create_state_machine()
        .name("orders")
        .definition(pass_definition())
        .role_arn(ROLE)
        .send()
        .await
        .unwrap();
    assert_eq!(
        created.state_machine_arn(),
        "arn:aws:states:us-east-1:123456789012:stateMachine:orders"
    );
    assert!(created.state_machine_version_arn().is_none());

    let described = sfn
        .describe_state_machine()
        .state_machine_arn(created.state_machine_arn())
        .send()
        .await
        .unwrap();
    assert_eq!(described.name(), "orders");
    assert_eq!(described.definition(), pass_definition());
    assert_eq!(described.role_arn(), ROLE);
    assert_eq!(described.r#type(), &StateMachineType::Standard);
    assert_eq!(described.status().map(|s| s.as_str()), Some("ACTIVE"));
    assert_eq!(described.creation_date(), created.creation_date());
    assert_eq!(
        described.logging_configuration().unwrap().level(),
        Some(&LogLevel::Off)
    );
    assert!(!described.tracing_configuration().unwrap().enabled());
    assert!(described.revision_id().is_none());

    sfn.delete_state_machine()
        .state_machine_arn(created.state_machine_arn())
        .send()
        .await
        .unwrap();
    let err = sfn
        .describe_state_machine()
        .state_machine_arn(created.state_machine_arn())
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_state_machine_does_not_exist()
    );
    assert_eq!(
        error_message(&err),
        "State Machine Does Not Exist: 'arn:aws:states:us-east-1:123456789012:stateMachine:orders'"
    );
}

#[tokio::test]
async fn express_machines_keep_their_type() {
    let sfn = InProcess::new().sfn();
    let arn = sfn
        .create_state_machine()
        .name("fast")
        .definition(pass_definition())
        .role_arn(ROLE)
        .r#type(StateMachineType::Express)
        .send()
        .await
        .unwrap()
        .state_machine_arn;
    let described = sfn
        .describe_state_machine()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(described.r#type(), &StateMachineType::Express);
}

#[tokio::test]
async fn repeated_create_is_idempotent_only_with_identical_settings() {
    let sfn = InProcess::new().sfn();
    let create = || {
        sfn.create_state_machine()
            .name("m")
            .definition(pass_definition())
            .role_arn(ROLE)
    };
    let first = create().send().await.unwrap();
    let again = create()
        .role_arn("arn:aws:iam::123456789012:role/other")
        .tags(Tag::builder().key("ignored").value("yes").build())
        .send()
        .await
        .unwrap();
    assert_eq!(again.state_machine_arn(), first.state_machine_arn());
    assert_eq!(again.creation_date(), first.creation_date());

    let err = create().definition(OTHER).send().await.unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_state_machine_already_exists()
    );
    assert_eq!(
        error_message(&err),
        format!(
            "State Machine Already Exists: '{}'",
            first.state_machine_arn()
        )
    );

    let reindented = pass_definition().replace(':', ": ");
    let err = create().definition(reindented).send().await.unwrap_err();
    assert_eq!(
        error_code(&err),
        "StateMachineAlreadyExists",
        "definitions compare as text"
    );
}

#[tokio::test]
async fn invalid_names_and_arns_are_rejected() {
    let sfn = InProcess::new().sfn();
    let err = sfn
        .create_state_machine()
        .name("bad name")
        .definition(pass_definition())
        .role_arn(ROLE)
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_invalid_name());
    assert_eq!(error_message(&err), "Invalid Name: 'bad name'");

    let err = sfn
        .create_state_machine()
        .name("m")
        .definition(pass_definition())
        .role_arn("role")
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_invalid_arn());

    let err = sfn
        .describe_state_machine()
        .state_machine_arn("not_a_valid_arn")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error_message(&err),
        "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'"
    );

    let long = "x".repeat(81);
    let err = sfn
        .create_state_machine()
        .name(long)
        .definition(pass_definition())
        .role_arn(ROLE)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "ValidationException");
    assert!(
        error_message(&err).contains("Member must have length less than or equal to 80"),
        "{}",
        error_message(&err)
    );
}

#[tokio::test]
async fn invalid_definitions_fail_and_store_nothing() {
    let sfn = InProcess::new().sfn();
    let err = sfn
        .create_state_machine()
        .name("m")
        .definition(r#"{"StartAt":"A"}"#)
        .role_arn(ROLE)
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_invalid_definition());
    assert!(
        error_message(&err)
            .starts_with("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: "),
        "{}",
        error_message(&err)
    );

    let err = sfn
        .create_state_machine()
        .name("m")
        .definition("not json")
        .role_arn(ROLE)
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_invalid_definition());

    let listed = sfn.list_state_machines().send().await.unwrap();
    assert!(listed.state_machines().is_empty());
}

#[tokio::test]
async fn express_rejects_callback_resources() {
    let sfn = InProcess::new().sfn();
    let definition = r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"q","MessageBody":{"t.$":"$$.Task.Token"}},"End":true}}}"#;
    let err = sfn
        .create_state_machine()
        .name("m")
        .definition(definition)
        .role_arn(ROLE)
        .r#type(StateMachineType::Express)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error_message(&err),
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration  at /States/T/Resource'"
    );
    sfn.create_state_machine()
        .name("m")
        .definition(definition)
        .role_arn(ROLE)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn list_is_sorted_by_name_and_paginates() {
    let sfn = InProcess::new().sfn();
    for name in ["sm_10", "sm_2", "sm_0", "sm_1"] {
        sfn.create_state_machine()
            .name(name)
            .definition(pass_definition())
            .role_arn(ROLE)
            .send()
            .await
            .unwrap();
    }
    let first = sfn
        .list_state_machines()
        .max_results(3)
        .send()
        .await
        .unwrap();
    let names: Vec<&str> = first.state_machines().iter().map(|m| m.name()).collect();
    assert_eq!(names, ["sm_0", "sm_1", "sm_10"]);
    let token = first.next_token().expect("more pages");
    let second = sfn
        .list_state_machines()
        .max_results(3)
        .next_token(token)
        .send()
        .await
        .unwrap();
    let names: Vec<&str> = second.state_machines().iter().map(|m| m.name()).collect();
    assert_eq!(names, ["sm_2"]);
    assert!(second.next_token().is_none());

    let all: Vec<String> = sfn
        .list_state_machines()
        .max_results(1)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.name().to_owned())
        .collect();
    assert_eq!(all, ["sm_0", "sm_1", "sm_10", "sm_2"]);

    let err = sfn
        .list_state_machines()
        .next_token("garbage")
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_invalid_token());
    let err = sfn
        .list_state_machines()
        .max_results(1001)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error_message(&err),
        "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"
    );
}

#[tokio::test]
async fn update_makes_a_new_revision() {
    let sfn = InProcess::new().sfn();
    let arn = create_machine(&sfn, "m", &pass_definition()).await;
    let updated = sfn
        .update_state_machine()
        .state_machine_arn(&arn)
        .definition(OTHER)
        .send()
        .await
        .unwrap();
    let revision = updated.revision_id().expect("a revision id").to_owned();
    let described = sfn
        .describe_state_machine()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(described.definition(), OTHER);
    assert_eq!(described.revision_id(), Some(revision.as_str()));
    assert_eq!(described.role_arn(), ROLE, "untouched settings are kept");

    let role = "arn:aws:iam::123456789012:role/new";
    let second = sfn
        .update_state_machine()
        .state_machine_arn(&arn)
        .role_arn(role)
        .send()
        .await
        .unwrap();
    assert_ne!(second.revision_id(), Some(revision.as_str()));
    let described = sfn
        .describe_state_machine()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(
        (described.role_arn(), described.definition()),
        (role, OTHER)
    );
}

#[tokio::test]
async fn update_errors() {
    let sfn = InProcess::new().sfn();
    let arn = create_machine(&sfn, "m", &pass_definition()).await;
    let err = sfn
        .update_state_machine()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_missing_required_parameter()
    );

    let err = sfn
        .update_state_machine()
        .state_machine_arn(&arn)
        .definition("{")
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_invalid_definition());
    let described = sfn
        .describe_state_machine()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(
        described.definition(),
        pass_definition(),
        "a failed update changes nothing"
    );

    let err = sfn
        .update_state_machine()
        .state_machine_arn(format!("{arn}x"))
        .definition(OTHER)
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_state_machine_does_not_exist()
    );

    let err = sfn
        .update_state_machine()
        .state_machine_arn(&arn)
        .definition(OTHER)
        .version_description("v")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error_message(&err),
        "Version description can only be set when publish is true"
    );
}

#[tokio::test]
async fn logging_and_tracing_round_trip() {
    let sfn = InProcess::new().sfn();
    let group = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/states/m:*";
    let logging = LoggingConfiguration::builder()
        .level(LogLevel::All)
        .include_execution_data(true)
        .destinations(
            LogDestination::builder()
                .cloud_watch_logs_log_group(
                    aws_sdk_sfn::types::CloudWatchLogsLogGroup::builder()
                        .log_group_arn(group)
                        .build(),
                )
                .build(),
        )
        .build();
    let arn = sfn
        .create_state_machine()
        .name("m")
        .definition(pass_definition())
        .role_arn(ROLE)
        .logging_configuration(logging.clone())
        .tracing_configuration(TracingConfiguration::builder().enabled(true).build())
        .send()
        .await
        .unwrap()
        .state_machine_arn;
    let described = sfn
        .describe_state_machine()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(described.logging_configuration(), Some(&logging));
    assert!(described.tracing_configuration().unwrap().enabled());

    let no_destination = LoggingConfiguration::builder()
        .level(LogLevel::Error)
        .build();
    let err = sfn
        .create_state_machine()
        .name("n")
        .definition(pass_definition())
        .role_arn(ROLE)
        .logging_configuration(no_destination)
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_invalid_logging_configuration()
    );
}

#[tokio::test]
async fn variable_references_name_the_variables_each_state_reads() {
    let server = InProcess::new();
    let sfn = server.sfn();
    let definition = r#"{"StartAt":"Set","States":{
        "Set":{"Type":"Pass","Assign":{"total":1,"label":"x"},"Next":"Use"},
        "Use":{"Type":"Pass","Parameters":{"t.$":"$total","s.$":"States.Format('{}',$label)"},
            "Next":"Late"},
        "Late":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $total * 2 %}","End":true}}}"#;
    let arn = create_machine(&sfn, "refs", definition).await;
    let expected = std::collections::HashMap::from([
        (
            "Use".to_owned(),
            vec!["label".to_owned(), "total".to_owned()],
        ),
        ("Late".to_owned(), vec!["total".to_owned()]),
    ]);
    let described = sfn
        .describe_state_machine()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(described.variable_references(), Some(&expected));

    let execution = conformance_tests::start(&sfn, &arn, &serde_json::json!({})).await;
    let for_execution = sfn
        .describe_state_machine_for_execution()
        .execution_arn(&execution)
        .send()
        .await
        .unwrap();
    assert_eq!(for_execution.variable_references(), Some(&expected));

    // A machine that reads no variable has no references at all.
    let plain = create_machine(&sfn, "plain", &pass_definition()).await;
    let described = sfn
        .describe_state_machine()
        .state_machine_arn(&plain)
        .send()
        .await
        .unwrap();
    assert_eq!(described.variable_references(), None);
}

#[tokio::test]
async fn descriptions_follow_updates_while_versions_keep_their_own() {
    let sfn = InProcess::new().sfn();
    let reads = |state: &str, variable: &str| {
        format!(
            r#"{{"StartAt":"Set","States":{{"Set":{{"Type":"Pass","Assign":{{"{variable}":1}},
            "Next":"{state}"}},"{state}":{{"Type":"Pass","OutputPath":"${variable}","End":true}}}}}}"#
        )
    };
    let refs = |state: &str, variable: &str| {
        Some(std::collections::HashMap::from([(
            state.to_owned(),
            vec![variable.to_owned()],
        )]))
    };
    let (first, second) = (reads("Use", "x"), reads("Read", "y"));
    let created = sfn
        .create_state_machine()
        .name("changing")
        .definition(&first)
        .role_arn(ROLE)
        .publish(true)
        .send()
        .await
        .unwrap();
    let arn = created.state_machine_arn();
    sfn.update_state_machine()
        .state_machine_arn(arn)
        .definition(&second)
        .send()
        .await
        .unwrap();
    let describe = |arn: String, data: IncludedData| {
        let request = sfn.describe_state_machine().state_machine_arn(arn);
        async move { request.included_data(data).send().await.unwrap() }
    };

    let current = describe(arn.to_owned(), IncludedData::AllData).await;
    assert_eq!(current.definition(), second);
    assert_eq!(current.variable_references(), refs("Read", "y").as_ref());
    let version = created.state_machine_version_arn().unwrap().to_owned();
    let published = describe(version, IncludedData::AllData).await;
    assert_eq!(published.definition(), first);
    assert_eq!(published.variable_references(), refs("Use", "x").as_ref());
    // Without the definition, the references are still shown.
    let metadata = describe(arn.to_owned(), IncludedData::MetadataOnly).await;
    assert_eq!(metadata.definition(), "{}");
    assert_eq!(metadata.variable_references(), refs("Read", "y").as_ref());

    let execution = conformance_tests::start(&sfn, arn, &serde_json::json!({})).await;
    let ran = sfn
        .describe_state_machine_for_execution()
        .execution_arn(&execution)
        .send()
        .await
        .unwrap();
    assert_eq!(ran.definition(), second);
    assert_eq!(ran.variable_references(), refs("Read", "y").as_ref());
}
