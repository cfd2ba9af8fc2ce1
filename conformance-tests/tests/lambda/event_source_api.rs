//! The event source mapping API through the SDK: conflicts, AWS's errors for bad mappings
//! (which change nothing), listing by queue and function page by page, and updates. These run
//! no function: the mappings' pollers are tested in `event_sources.rs`.

use super::{IDENTITY, python_function};
use aws_sdk_lambda::error::ProvideErrorMetadata;
use aws_sdk_lambda::types::{
    DestinationConfig, EventSourceMappingMetric, EventSourceMappingMetricsConfig, Filter,
    FilterCriteria, OnFailure, ProvisionedPollerConfig, ScalingConfig,
};
use conformance_tests::{InProcess, zip_package};
use std::collections::HashMap;

async fn setup() -> (InProcess, aws_sdk_lambda::Client, String) {
    let stepstone = InProcess::new();
    let lambda = stepstone.lambda();
    let sqs = stepstone.sqs();
    sqs.create_queue().queue_name("jobs").send().await.unwrap();
    for name in ["worker", "other"] {
        python_function(&lambda, name, zip_package(IDENTITY))
            .send()
            .await
            .unwrap();
    }
    let arn = "arn:aws:sqs:us-east-1:123456789012:jobs".to_owned();
    (stepstone, lambda, arn)
}

fn code<E: ProvideErrorMetadata>(error: &aws_sdk_lambda::error::SdkError<E>) -> (String, String) {
    let error = error.as_service_error().expect("a service error");
    (
        error.code().unwrap_or_default().to_owned(),
        error.message().unwrap_or_default().to_owned(),
    )
}

#[tokio::test]
async fn a_second_mapping_of_a_queue_to_a_function_conflicts() {
    let (_stepstone, lambda, arn) = setup().await;
    let create = || lambda.create_event_source_mapping().event_source_arn(&arn);
    let first = create().function_name("worker").send().await.unwrap();
    let again = create()
        .function_name("arn:aws:lambda:us-east-1:123456789012:function:worker")
        .send()
        .await
        .unwrap_err();
    let (code, message) = code(&again);
    assert_eq!(code, "ResourceConflictException");
    assert_eq!(
        message,
        format!(
            "An event source mapping with SQS arn (\" {arn} \") and function (\" worker \") already exists. Please update or delete the existing mapping with UUID {}",
            first.uuid().unwrap()
        )
    );
    assert!(create().function_name("other").send().await.is_ok());
}

#[tokio::test]
async fn bad_mappings_get_aws_errors_and_change_nothing() {
    let (_stepstone, lambda, arn) = setup().await;
    let create = || lambda.create_event_source_mapping().function_name("worker");
    let cases = [
        (
            create().event_source_arn(&arn).function_name("nobody"),
            "ResourceNotFoundException",
            "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nobody",
        ),
        (
            create().event_source_arn("arn:aws:sqs:us-east-1:123456789012:missing"),
            "InvalidParameterValueException",
            "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist.",
        ),
        (
            create().event_source_arn(&arn).batch_size(11),
            "InvalidParameterValueException",
            "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10",
        ),
        (
            create()
                .event_source_arn(&arn)
                .starting_position(aws_sdk_lambda::types::EventSourcePosition::Latest),
            "InvalidParameterValueException",
            "StartingPosition is not valid for SQS event sources.",
        ),
        (
            create()
                .event_source_arn(&arn)
                .scaling_config(ScalingConfig::builder().maximum_concurrency(1).build()),
            "ValidationException",
            "",
        ),
        (
            create()
                .event_source_arn(&arn)
                .filter_criteria(criteria(&[r#"{"body":{"kind":[{"wildcard":"a**"}]}}"#])),
            "InvalidParameterValueException",
            "Invalid filter pattern definition.",
        ),
        (
            create()
                .event_source_arn(&arn)
                .filter_criteria(criteria(&["not json"])),
            "InvalidParameterValueException",
            "Invalid filter pattern definition.",
        ),
        (
            create().event_source_arn(&arn).destination_config(
                DestinationConfig::builder()
                    .on_failure(OnFailure::builder().destination(&arn).build())
                    .build(),
            ),
            "InvalidParameterValueException",
            "Unsupported 'destinationConfig' parameter for given event source mapping type.",
        ),
        (
            create()
                .event_source_arn(&arn)
                .scaling_config(ScalingConfig::builder().maximum_concurrency(5).build())
                .provisioned_poller_config(
                    ProvisionedPollerConfig::builder()
                        .minimum_pollers(2)
                        .build(),
                ),
            "InvalidParameterValueException",
            "ScalingConfig and ProvisionedPollerConfig cannot both be set",
        ),
        (
            create().event_source_arn(&arn).maximum_retry_attempts(2),
            "InvalidParameterValueException",
            "Unsupported 'maximumRetryAttempts' parameter for given event source mapping type.",
        ),
    ];
    for (request, expected_code, expected_message) in cases {
        let (code, message) = code(&request.send().await.unwrap_err());
        assert_eq!(code, expected_code, "{message}");
        assert!(message.starts_with(expected_message), "{message}");
    }
    let listed = lambda.list_event_source_mappings().send().await.unwrap();
    assert!(listed.event_source_mappings().is_empty());
    let big = create()
        .event_source_arn(&arn)
        .batch_size(100)
        .maximum_batching_window_in_seconds(5);
    assert_eq!(big.send().await.unwrap().batch_size(), Some(100));
}

#[tokio::test]
async fn mappings_are_listed_by_queue_and_function_page_by_page() {
    let (stepstone, lambda, arn) = setup().await;
    stepstone
        .sqs()
        .create_queue()
        .queue_name("other")
        .send()
        .await
        .unwrap();
    let other_queue = "arn:aws:sqs:us-east-1:123456789012:other";
    let create = |queue: &str, function: &str| {
        lambda
            .create_event_source_mapping()
            .event_source_arn(queue)
            .function_name(function)
            .enabled(false)
            .send()
    };
    create(&arn, "worker").await.unwrap();
    create(&arn, "other").await.unwrap();
    create(other_queue, "worker").await.unwrap();
    let by_queue = lambda
        .list_event_source_mappings()
        .event_source_arn(&arn)
        .send();
    assert_eq!(by_queue.await.unwrap().event_source_mappings().len(), 2);
    let by_function = lambda
        .list_event_source_mappings()
        .function_name("worker")
        .send();
    let by_function = by_function.await.unwrap();
    assert_eq!(by_function.event_source_mappings().len(), 2);
    assert!(
        by_function
            .event_source_mappings()
            .iter()
            .all(|m| m.state() == Some("Disabled"))
    );
    let mut seen = Vec::new();
    let mut marker = None;
    loop {
        let page = lambda
            .list_event_source_mappings()
            .max_items(2)
            .set_marker(marker)
            .send()
            .await
            .unwrap();
        seen.extend(
            page.event_source_mappings()
                .iter()
                .map(|m| m.uuid().unwrap().to_owned()),
        );
        marker = page.next_marker().map(str::to_owned);
        if marker.is_none() {
            break;
        }
    }
    assert_eq!(seen.len(), 3);
    let first = seen[0].clone();
    let deleted = lambda
        .delete_event_source_mapping()
        .uuid(&first)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.state(), Some("Deleting"));
    let gone = lambda
        .get_event_source_mapping()
        .uuid(&first)
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&gone).0, "ResourceNotFoundException");
}

#[tokio::test]
async fn updates_change_settings_and_check_them_as_creates_do() {
    let (_stepstone, lambda, arn) = setup().await;
    let created = lambda
        .create_event_source_mapping()
        .event_source_arn(&arn)
        .function_name("worker")
        .send()
        .await
        .unwrap();
    let uuid = created.uuid().unwrap();
    let updated = lambda
        .update_event_source_mapping()
        .uuid(uuid)
        .function_name("other")
        .batch_size(5)
        .scaling_config(ScalingConfig::builder().maximum_concurrency(2).build())
        .send()
        .await
        .unwrap();
    assert_eq!(updated.state(), Some("Updating"));
    assert_eq!(updated.batch_size(), Some(5));
    assert_eq!(
        updated.function_arn(),
        Some("arn:aws:lambda:us-east-1:123456789012:function:other")
    );
    assert_eq!(
        updated.scaling_config().unwrap().maximum_concurrency(),
        Some(2)
    );
    let refused = lambda
        .update_event_source_mapping()
        .uuid(uuid)
        .batch_size(50)
        .send();
    assert_eq!(
        code(&refused.await.unwrap_err()).0,
        "InvalidParameterValueException"
    );
    let got = lambda
        .get_event_source_mapping()
        .uuid(uuid)
        .send()
        .await
        .unwrap();
    assert_eq!(
        got.batch_size(),
        Some(5),
        "a refused update changes nothing"
    );
}

#[tokio::test]
async fn a_mapping_names_its_function_by_full_arn_with_its_alias_and_is_dated() {
    let (_stepstone, lambda, arn) = setup().await;
    let version = lambda
        .publish_version()
        .function_name("worker")
        .send()
        .await;
    let version = version.unwrap().version.unwrap();
    let alias = lambda.create_alias().function_name("worker").name("live");
    alias.function_version(version).send().await.unwrap();
    let created = lambda
        .create_event_source_mapping()
        .event_source_arn(&arn)
        .function_name("worker:live")
        .send()
        .await
        .unwrap();
    assert_eq!(
        created.function_arn(),
        Some("arn:aws:lambda:us-east-1:123456789012:function:worker:live")
    );
    let uuid = created.uuid().unwrap();
    let groups: Vec<usize> = uuid.split('-').map(str::len).collect();
    assert_eq!(groups, [8, 4, 4, 4, 12], "{uuid}");
    assert_eq!(
        created.event_source_mapping_arn(),
        Some(format!("arn:aws:lambda:us-east-1:123456789012:event-source-mapping:{uuid}").as_str())
    );
    assert_eq!(created.state_transition_reason(), Some("USER_INITIATED"));
    assert!(
        created
            .last_modified()
            .is_some_and(|t| t.secs() > 1_600_000_000)
    );
    let missing = lambda
        .create_event_source_mapping()
        .event_source_arn(&arn)
        .function_name("worker:gone")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&missing).0, "ResourceNotFoundException");
    let by_alias = lambda
        .list_event_source_mappings()
        .function_name("worker:live");
    assert_eq!(
        by_alias.send().await.unwrap().event_source_mappings().len(),
        1
    );
    let by_latest = lambda
        .list_event_source_mappings()
        .function_name("worker:$LATEST");
    assert!(
        by_latest
            .send()
            .await
            .unwrap()
            .event_source_mappings()
            .is_empty()
    );
}

#[tokio::test]
async fn a_mapping_keeps_its_tags_under_its_arn() {
    let (_stepstone, lambda, arn) = setup().await;
    let created = lambda
        .create_event_source_mapping()
        .event_source_arn(&arn)
        .function_name("worker")
        .tags("team", "orders")
        .send()
        .await
        .unwrap();
    let mapping_arn = created.event_source_mapping_arn().unwrap();
    let tags = |pairs: &[(&str, &str)]| -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let listed = lambda
        .list_tags()
        .resource(mapping_arn)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.tags(), Some(&tags(&[("team", "orders")])));
    let tag = lambda
        .tag_resource()
        .resource(mapping_arn)
        .tags("stage", "dev");
    tag.send().await.unwrap();
    let untag = lambda
        .untag_resource()
        .resource(mapping_arn)
        .tag_keys("team");
    untag.send().await.unwrap();
    let listed = lambda
        .list_tags()
        .resource(mapping_arn)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.tags(), Some(&tags(&[("stage", "dev")])));
    let uuid = created.uuid().unwrap();
    lambda
        .delete_event_source_mapping()
        .uuid(uuid)
        .send()
        .await
        .unwrap();
    let gone = lambda
        .list_tags()
        .resource(mapping_arn)
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&gone).0, "ResourceNotFoundException");
}

/// Filter criteria of `patterns`.
fn criteria(patterns: &[&str]) -> FilterCriteria {
    let filters = patterns
        .iter()
        .map(|p| Filter::builder().pattern(*p).build());
    FilterCriteria::builder()
        .set_filters(Some(filters.collect()))
        .build()
}

#[tokio::test]
async fn filters_metrics_keys_and_pollers_are_kept_and_reported() {
    let (_stepstone, lambda, arn) = setup().await;
    let pattern = r#"{"body":{"kind":["order"]}}"#;
    let key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    let event_count = EventSourceMappingMetricsConfig::builder()
        .metrics(EventSourceMappingMetric::EventCount)
        .build();
    let created = lambda
        .create_event_source_mapping()
        .event_source_arn(&arn)
        .function_name("worker")
        .filter_criteria(criteria(&[pattern]))
        .kms_key_arn(key)
        .metrics_config(event_count)
        .provisioned_poller_config(
            ProvisionedPollerConfig::builder()
                .maximum_pollers(20)
                .build(),
        )
        .send()
        .await
        .unwrap();
    let uuid = created.uuid().unwrap();
    let listed = lambda.list_event_source_mappings().send().await.unwrap();
    let got = lambda.get_event_source_mapping().uuid(uuid).send();
    let got = got.await.unwrap();
    let listed = &listed.event_source_mappings()[0];
    for (filters, metrics, kms, pollers) in [
        (
            got.filter_criteria(),
            got.metrics_config(),
            got.kms_key_arn(),
            got.provisioned_poller_config(),
        ),
        (
            listed.filter_criteria(),
            listed.metrics_config(),
            listed.kms_key_arn(),
            listed.provisioned_poller_config(),
        ),
    ] {
        assert_eq!(filters.unwrap().filters()[0].pattern(), Some(pattern));
        assert_eq!(
            metrics.unwrap().metrics(),
            [EventSourceMappingMetric::EventCount]
        );
        assert_eq!(kms, Some(key));
        let pollers = pollers.unwrap();
        assert_eq!(
            (pollers.minimum_pollers(), pollers.maximum_pollers()),
            (Some(2), Some(20))
        );
    }
    let refused = lambda
        .update_event_source_mapping()
        .uuid(uuid)
        .metrics_config(EventSourceMappingMetricsConfig::builder().build())
        .filter_criteria(criteria(&[r#"{"body":"not a list"}"#]))
        .send();
    let (code, message) = code(&refused.await.unwrap_err());
    assert_eq!(
        (code.as_str(), message.as_str()),
        (
            "InvalidParameterValueException",
            "Invalid filter pattern definition."
        )
    );
    let unchanged = lambda.get_event_source_mapping().uuid(uuid).send();
    assert!(
        unchanged.await.unwrap().metrics_config().is_some(),
        "a refused update changes nothing"
    );
    let updated = lambda
        .update_event_source_mapping()
        .uuid(uuid)
        .metrics_config(
            EventSourceMappingMetricsConfig::builder()
                .set_metrics(Some(vec![]))
                .build(),
        )
        .filter_criteria(FilterCriteria::builder().build())
        .send()
        .await
        .unwrap();
    assert!(updated.metrics_config().is_none());
    assert!(updated.filter_criteria().is_none());
    assert_eq!(updated.kms_key_arn(), Some(key), "untouched settings stay");
}
