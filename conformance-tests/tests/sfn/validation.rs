use aws_sdk_sfn::types::{
    StateMachineType, ValidateStateMachineDefinitionResultCode,
    ValidateStateMachineDefinitionSeverity,
};
use conformance_tests::{InProcess, pass_definition};

#[tokio::test]
async fn a_valid_definition_is_ok() {
    let sfn = InProcess::new().sfn();
    let result = sfn
        .validate_state_machine_definition()
        .definition(pass_definition())
        .send()
        .await
        .unwrap();
    assert_eq!(
        result.result(),
        &ValidateStateMachineDefinitionResultCode::Ok
    );
    assert!(result.diagnostics().is_empty());
    assert_eq!(result.truncated(), Some(false));
}

#[tokio::test]
async fn missing_fields_are_reported_at_the_root() {
    let sfn = InProcess::new().sfn();
    let result = sfn
        .validate_state_machine_definition()
        .definition("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(
        result.result(),
        &ValidateStateMachineDefinitionResultCode::Fail
    );
    let d = &result.diagnostics()[0];
    assert_eq!(d.severity(), &ValidateStateMachineDefinitionSeverity::Error);
    assert_eq!(d.code(), "SCHEMA_VALIDATION_FAILED");
    assert_eq!(d.message(), "These fields are required: [States, StartAt]");
    assert_eq!(d.location(), Some("/"));
}

#[tokio::test]
async fn bad_json_is_described_like_aws() {
    let sfn = InProcess::new().sfn();
    let result = sfn
        .validate_state_machine_definition()
        .definition("not a definition")
        .send()
        .await
        .unwrap();
    let d = &result.diagnostics()[0];
    assert_eq!(d.code(), "INVALID_JSON_DESCRIPTION");
    assert_eq!(
        d.location(),
        Some(r#"[Source: (String)"not a definition"; line: 1, column: 4]"#)
    );
}

#[tokio::test]
async fn express_type_is_taken_into_account() {
    let sfn = InProcess::new().sfn();
    let definition = r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync","Parameters":{"StateMachineArn":"x"},"End":true}}}"#;
    let standard = sfn
        .validate_state_machine_definition()
        .definition(definition)
        .send()
        .await
        .unwrap();
    assert_eq!(
        standard.result(),
        &ValidateStateMachineDefinitionResultCode::Ok
    );
    let express = sfn
        .validate_state_machine_definition()
        .definition(definition)
        .r#type(StateMachineType::Express)
        .send()
        .await
        .unwrap();
    assert_eq!(
        express.result(),
        &ValidateStateMachineDefinitionResultCode::Fail
    );
    assert_eq!(
        express.diagnostics()[0].location(),
        Some("/States/T/Resource")
    );
}

#[tokio::test]
async fn max_results_truncates() {
    let sfn = InProcess::new().sfn();
    let definition = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"X"},"B":{"Type":"Pass","Next":"Y"},"C":{"Type":"Bogus"}}}"#;
    let all = sfn
        .validate_state_machine_definition()
        .definition(definition)
        .send()
        .await
        .unwrap();
    assert!(all.diagnostics().len() >= 2, "{:?}", all.diagnostics());
    let one = sfn
        .validate_state_machine_definition()
        .definition(definition)
        .max_results(1)
        .send()
        .await
        .unwrap();
    assert_eq!(one.diagnostics().len(), 1);
    assert_eq!(one.truncated(), Some(true));
}

#[tokio::test]
async fn warnings_show_only_when_asked_for_and_never_fail_the_definition() {
    let sfn = InProcess::new().sfn();
    let definition = r#"{"StartAt":"A","States":{"A":{"Type":"Pass",
        "Parameters":{"total":"$.amount"},"End":true}}}"#;
    let with_warnings = sfn
        .validate_state_machine_definition()
        .definition(definition)
        .severity(ValidateStateMachineDefinitionSeverity::Warning)
        .send()
        .await
        .unwrap();
    assert_eq!(
        with_warnings.result(),
        &ValidateStateMachineDefinitionResultCode::Ok
    );
    let found: Vec<(&str, &str, Option<&str>)> = with_warnings
        .diagnostics()
        .iter()
        .map(|d| (d.severity().as_str(), d.code(), d.location()))
        .collect();
    assert_eq!(
        found,
        [("WARNING", "NO_DOLLAR", Some("/States/A/Parameters/total"))]
    );
    let errors_only = sfn
        .validate_state_machine_definition()
        .definition(definition)
        .send()
        .await
        .unwrap();
    assert!(errors_only.diagnostics().is_empty());
}

/// A Pass state whose `Result` nests `levels` arrays.
fn deep_result(levels: usize) -> String {
    let result = format!("{}1{}", "[".repeat(levels), "]".repeat(levels));
    format!(r#"{{"StartAt":"P","States":{{"P":{{"Type":"Pass","Result":{result},"End":true}}}}}}"#)
}

#[tokio::test]
async fn deeply_nested_definitions_run_and_too_deep_ones_say_why() {
    let sfn = InProcess::new().sfn();
    let arn = conformance_tests::create_machine(&sfn, "deep", &deep_result(300)).await;
    let execution = conformance_tests::start(&sfn, &arn, &serde_json::json!({})).await;
    let done = conformance_tests::finished(&sfn, &execution).await;
    assert_eq!(done.output().map(|o| o.matches('[').count()), Some(300));
    let result = sfn
        .validate_state_machine_definition()
        .definition(deep_result(600))
        .send()
        .await
        .unwrap();
    let d = &result.diagnostics()[0];
    assert_eq!(d.code(), "INVALID_JSON_DESCRIPTION");
    assert!(d.message().contains("nesting depth"), "{}", d.message());
}
