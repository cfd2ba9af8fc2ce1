//! Operation types of `models/stepfunctions.json` (CreateActivity, CreateStateMachine, CreateStateMachineAlias, DeleteActivity, DeleteStateMachine, DeleteStateMachineAlias, DeleteStateMachineVersion, DescribeActivity, DescribeExecution, DescribeMapRun, DescribeStateMachine, DescribeStateMachineAlias, DescribeStateMachineForExecution, GetActivityTask, GetExecutionHistory:input, ListActivities, ListExecutions, ListMapRuns, ListStateMachineAliases, ListStateMachineVersions, ListStateMachines, ListTagsForResource, PublishStateMachineVersion, RedriveExecution, SendTaskFailure, SendTaskHeartbeat, SendTaskSuccess, StartExecution, StartSyncExecution, StopExecution, TagResource, TestState, UntagResource, UpdateMapRun, UpdateStateMachine, UpdateStateMachineAlias, ValidateStateMachineDefinition), written by
//! `tools/gen_types.py`: do not edit; change the script or its targets and run it again.

use super::wire::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;
use std::sync::Arc;

/// The model's `CreateActivityInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateActivityInput {
    /// `name`.
    #[serde(rename = "name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `tags`.
    #[serde(rename = "tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    /// `encryptionConfiguration`.
    #[serde(
        rename = "encryptionConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub encryption_configuration: Option<EncryptionConfiguration>,
}

/// The model's `Tag`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    /// `key`.
    #[serde(rename = "key", default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// `value`.
    #[serde(rename = "value", default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// The model's `EncryptionConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EncryptionConfiguration {
    /// `kmsKeyId`.
    #[serde(rename = "kmsKeyId", default, skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
    /// `kmsDataKeyReusePeriodSeconds`.
    #[serde(
        rename = "kmsDataKeyReusePeriodSeconds",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub kms_data_key_reuse_period_seconds: Option<i64>,
    /// `type`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
}

/// The model's `CreateActivityOutput`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateActivityOutput {
    /// `activityArn`.
    #[serde(rename = "activityArn")]
    pub activity_arn: String,
    /// `creationDate`.
    #[serde(rename = "creationDate")]
    pub creation_date: Timestamp,
}

/// The model's `CreateStateMachineInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateStateMachineInput {
    /// `name`.
    #[serde(rename = "name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `definition`.
    #[serde(
        rename = "definition",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub definition: Option<String>,
    /// `roleArn`.
    #[serde(rename = "roleArn", default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// `type`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// `loggingConfiguration`.
    #[serde(
        rename = "loggingConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub logging_configuration: Option<LoggingConfiguration>,
    /// `tags`.
    #[serde(rename = "tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    /// `tracingConfiguration`.
    #[serde(
        rename = "tracingConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tracing_configuration: Option<TracingConfiguration>,
    /// `publish`.
    #[serde(rename = "publish", default, skip_serializing_if = "Option::is_none")]
    pub publish: Option<bool>,
    /// `versionDescription`.
    #[serde(
        rename = "versionDescription",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub version_description: Option<String>,
    /// `encryptionConfiguration`.
    #[serde(
        rename = "encryptionConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub encryption_configuration: Option<EncryptionConfiguration>,
}

/// The model's `LoggingConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LoggingConfiguration {
    /// `level`.
    #[serde(rename = "level", default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// `includeExecutionData`.
    #[serde(
        rename = "includeExecutionData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub include_execution_data: Option<bool>,
    /// `destinations`.
    #[serde(
        rename = "destinations",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub destinations: Option<Vec<LogDestination>>,
}

/// The model's `LogDestination`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LogDestination {
    /// `cloudWatchLogsLogGroup`.
    #[serde(
        rename = "cloudWatchLogsLogGroup",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub cloud_watch_logs_log_group: Option<CloudWatchLogsLogGroup>,
}

/// The model's `CloudWatchLogsLogGroup`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CloudWatchLogsLogGroup {
    /// `logGroupArn`.
    #[serde(
        rename = "logGroupArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub log_group_arn: Option<String>,
}

/// The model's `TracingConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TracingConfiguration {
    /// `enabled`.
    #[serde(rename = "enabled", default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// The model's `CreateStateMachineOutput`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateStateMachineOutput {
    /// `stateMachineArn`.
    #[serde(rename = "stateMachineArn")]
    pub state_machine_arn: String,
    /// `creationDate`.
    #[serde(rename = "creationDate")]
    pub creation_date: Timestamp,
    /// `stateMachineVersionArn`.
    #[serde(
        rename = "stateMachineVersionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_version_arn: Option<String>,
}

/// The model's `CreateStateMachineAliasInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateStateMachineAliasInput {
    /// `description`.
    #[serde(
        rename = "description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// `name`.
    #[serde(rename = "name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `routingConfiguration`.
    #[serde(
        rename = "routingConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub routing_configuration: Option<Vec<RoutingConfigurationListItem>>,
}

/// The model's `RoutingConfigurationListItem`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RoutingConfigurationListItem {
    /// `stateMachineVersionArn`.
    #[serde(
        rename = "stateMachineVersionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_version_arn: Option<String>,
    /// `weight`.
    #[serde(rename = "weight", default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<i64>,
}

/// The model's `CreateStateMachineAliasOutput`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateStateMachineAliasOutput {
    /// `stateMachineAliasArn`.
    #[serde(rename = "stateMachineAliasArn")]
    pub state_machine_alias_arn: String,
    /// `creationDate`.
    #[serde(rename = "creationDate")]
    pub creation_date: Timestamp,
}

/// The model's `DeleteActivityInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteActivityInput {
    /// `activityArn`.
    #[serde(
        rename = "activityArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub activity_arn: Option<String>,
}

/// The model's `DeleteActivityOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteActivityOutput {}

/// The model's `DeleteStateMachineInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteStateMachineInput {
    /// `stateMachineArn`.
    #[serde(
        rename = "stateMachineArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_arn: Option<String>,
}

/// The model's `DeleteStateMachineOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteStateMachineOutput {}

/// The model's `DeleteStateMachineAliasInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteStateMachineAliasInput {
    /// `stateMachineAliasArn`.
    #[serde(
        rename = "stateMachineAliasArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_alias_arn: Option<String>,
}

/// The model's `DeleteStateMachineAliasOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteStateMachineAliasOutput {}

/// The model's `DeleteStateMachineVersionInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteStateMachineVersionInput {
    /// `stateMachineVersionArn`.
    #[serde(
        rename = "stateMachineVersionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_version_arn: Option<String>,
}

/// The model's `DeleteStateMachineVersionOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteStateMachineVersionOutput {}

/// The model's `DescribeActivityInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeActivityInput {
    /// `activityArn`.
    #[serde(
        rename = "activityArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub activity_arn: Option<String>,
}

/// The model's `DescribeActivityOutput`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DescribeActivityOutput {
    /// `activityArn`.
    #[serde(rename = "activityArn")]
    pub activity_arn: String,
    /// `name`.
    #[serde(rename = "name")]
    pub name: String,
    /// `creationDate`.
    #[serde(rename = "creationDate")]
    pub creation_date: Timestamp,
    /// `encryptionConfiguration`.
    #[serde(
        rename = "encryptionConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub encryption_configuration: Option<EncryptionConfiguration>,
}

/// The model's `DescribeExecutionInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeExecutionInput {
    /// `executionArn`.
    #[serde(
        rename = "executionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub execution_arn: Option<String>,
    /// `includedData`.
    #[serde(
        rename = "includedData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub included_data: Option<String>,
}

/// The model's `DescribeExecutionOutput`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DescribeExecutionOutput {
    /// `executionArn`.
    #[serde(rename = "executionArn")]
    pub execution_arn: String,
    /// `stateMachineArn`.
    #[serde(rename = "stateMachineArn")]
    pub state_machine_arn: String,
    /// `name`.
    #[serde(rename = "name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `status`.
    #[serde(rename = "status")]
    pub status: String,
    /// `startDate`.
    #[serde(rename = "startDate")]
    pub start_date: Timestamp,
    /// `stopDate`.
    #[serde(rename = "stopDate", default, skip_serializing_if = "Option::is_none")]
    pub stop_date: Option<Timestamp>,
    /// `input`.
    #[serde(rename = "input", default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// `inputDetails`.
    #[serde(
        rename = "inputDetails",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub input_details: Option<CloudWatchEventsExecutionDataDetails>,
    /// `output`.
    #[serde(rename = "output", default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// `outputDetails`.
    #[serde(
        rename = "outputDetails",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub output_details: Option<CloudWatchEventsExecutionDataDetails>,
    /// `traceHeader`.
    #[serde(
        rename = "traceHeader",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub trace_header: Option<String>,
    /// `mapRunArn`.
    #[serde(rename = "mapRunArn", default, skip_serializing_if = "Option::is_none")]
    pub map_run_arn: Option<String>,
    /// `error`.
    #[serde(rename = "error", default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// `cause`.
    #[serde(rename = "cause", default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// `stateMachineVersionArn`.
    #[serde(
        rename = "stateMachineVersionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_version_arn: Option<String>,
    /// `stateMachineAliasArn`.
    #[serde(
        rename = "stateMachineAliasArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_alias_arn: Option<String>,
    /// `redriveCount`.
    #[serde(
        rename = "redriveCount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub redrive_count: Option<i64>,
    /// `redriveDate`.
    #[serde(
        rename = "redriveDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub redrive_date: Option<Timestamp>,
    /// `redriveStatus`.
    #[serde(
        rename = "redriveStatus",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub redrive_status: Option<String>,
    /// `redriveStatusReason`.
    #[serde(
        rename = "redriveStatusReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub redrive_status_reason: Option<String>,
}

/// The model's `CloudWatchEventsExecutionDataDetails`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CloudWatchEventsExecutionDataDetails {
    /// `included`.
    #[serde(rename = "included", default, skip_serializing_if = "Option::is_none")]
    pub included: Option<bool>,
}

/// The model's `DescribeMapRunInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeMapRunInput {
    /// `mapRunArn`.
    #[serde(rename = "mapRunArn", default, skip_serializing_if = "Option::is_none")]
    pub map_run_arn: Option<String>,
}

/// The model's `DescribeMapRunOutput`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DescribeMapRunOutput {
    /// `mapRunArn`.
    #[serde(rename = "mapRunArn")]
    pub map_run_arn: String,
    /// `executionArn`.
    #[serde(rename = "executionArn")]
    pub execution_arn: String,
    /// `status`.
    #[serde(rename = "status")]
    pub status: String,
    /// `startDate`.
    #[serde(rename = "startDate")]
    pub start_date: Timestamp,
    /// `stopDate`.
    #[serde(rename = "stopDate", default, skip_serializing_if = "Option::is_none")]
    pub stop_date: Option<Timestamp>,
    /// `maxConcurrency`.
    #[serde(rename = "maxConcurrency")]
    pub max_concurrency: i64,
    /// `toleratedFailurePercentage`.
    #[serde(rename = "toleratedFailurePercentage")]
    pub tolerated_failure_percentage: f64,
    /// `toleratedFailureCount`.
    #[serde(rename = "toleratedFailureCount")]
    pub tolerated_failure_count: i64,
    /// `itemCounts`.
    #[serde(rename = "itemCounts")]
    pub item_counts: MapRunItemCounts,
    /// `executionCounts`.
    #[serde(rename = "executionCounts")]
    pub execution_counts: MapRunExecutionCounts,
    /// `redriveCount`.
    #[serde(
        rename = "redriveCount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub redrive_count: Option<i64>,
    /// `redriveDate`.
    #[serde(
        rename = "redriveDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub redrive_date: Option<Timestamp>,
}

/// The model's `MapRunItemCounts`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MapRunItemCounts {
    /// `pending`.
    #[serde(rename = "pending")]
    pub pending: i64,
    /// `running`.
    #[serde(rename = "running")]
    pub running: i64,
    /// `succeeded`.
    #[serde(rename = "succeeded")]
    pub succeeded: i64,
    /// `failed`.
    #[serde(rename = "failed")]
    pub failed: i64,
    /// `timedOut`.
    #[serde(rename = "timedOut")]
    pub timed_out: i64,
    /// `aborted`.
    #[serde(rename = "aborted")]
    pub aborted: i64,
    /// `total`.
    #[serde(rename = "total")]
    pub total: i64,
    /// `resultsWritten`.
    #[serde(rename = "resultsWritten")]
    pub results_written: i64,
    /// `failuresNotRedrivable`.
    #[serde(
        rename = "failuresNotRedrivable",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub failures_not_redrivable: Option<i64>,
    /// `pendingRedrive`.
    #[serde(
        rename = "pendingRedrive",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub pending_redrive: Option<i64>,
}

/// The model's `MapRunExecutionCounts`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MapRunExecutionCounts {
    /// `pending`.
    #[serde(rename = "pending")]
    pub pending: i64,
    /// `running`.
    #[serde(rename = "running")]
    pub running: i64,
    /// `succeeded`.
    #[serde(rename = "succeeded")]
    pub succeeded: i64,
    /// `failed`.
    #[serde(rename = "failed")]
    pub failed: i64,
    /// `timedOut`.
    #[serde(rename = "timedOut")]
    pub timed_out: i64,
    /// `aborted`.
    #[serde(rename = "aborted")]
    pub aborted: i64,
    /// `total`.
    #[serde(rename = "total")]
    pub total: i64,
    /// `resultsWritten`.
    #[serde(rename = "resultsWritten")]
    pub results_written: i64,
    /// `failuresNotRedrivable`.
    #[serde(
        rename = "failuresNotRedrivable",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub failures_not_redrivable: Option<i64>,
    /// `pendingRedrive`.
    #[serde(
        rename = "pendingRedrive",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub pending_redrive: Option<i64>,
}

/// The model's `DescribeStateMachineInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeStateMachineInput {
    /// `stateMachineArn`.
    #[serde(
        rename = "stateMachineArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_arn: Option<String>,
    /// `includedData`.
    #[serde(
        rename = "includedData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub included_data: Option<String>,
}

/// The model's `DescribeStateMachineOutput`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DescribeStateMachineOutput {
    /// `stateMachineArn`.
    #[serde(rename = "stateMachineArn")]
    pub state_machine_arn: String,
    /// `name`.
    #[serde(rename = "name")]
    pub name: String,
    /// `status`.
    #[serde(rename = "status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// `definition`.
    #[serde(rename = "definition")]
    pub definition: Arc<RawValue>,
    /// `roleArn`.
    #[serde(rename = "roleArn")]
    pub role_arn: String,
    /// `type`.
    #[serde(rename = "type")]
    pub r#type: String,
    /// `creationDate`.
    #[serde(rename = "creationDate")]
    pub creation_date: Timestamp,
    /// `loggingConfiguration`.
    #[serde(
        rename = "loggingConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub logging_configuration: Option<LoggingConfiguration>,
    /// `tracingConfiguration`.
    #[serde(
        rename = "tracingConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tracing_configuration: Option<TracingConfiguration>,
    /// `label`.
    #[serde(rename = "label", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `revisionId`.
    #[serde(
        rename = "revisionId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub revision_id: Option<String>,
    /// `description`.
    #[serde(
        rename = "description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// `encryptionConfiguration`.
    #[serde(
        rename = "encryptionConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub encryption_configuration: Option<EncryptionConfiguration>,
    /// `variableReferences`.
    #[serde(
        rename = "variableReferences",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub variable_references: Option<Arc<RawValue>>,
}

/// The model's `DescribeStateMachineAliasInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeStateMachineAliasInput {
    /// `stateMachineAliasArn`.
    #[serde(
        rename = "stateMachineAliasArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_alias_arn: Option<String>,
}

/// The model's `DescribeStateMachineAliasOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeStateMachineAliasOutput {
    /// `stateMachineAliasArn`.
    #[serde(
        rename = "stateMachineAliasArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_alias_arn: Option<String>,
    /// `name`.
    #[serde(rename = "name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `description`.
    #[serde(
        rename = "description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// `routingConfiguration`.
    #[serde(
        rename = "routingConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub routing_configuration: Option<Vec<RoutingConfigurationListItem>>,
    /// `creationDate`.
    #[serde(
        rename = "creationDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_date: Option<Timestamp>,
    /// `updateDate`.
    #[serde(
        rename = "updateDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub update_date: Option<Timestamp>,
}

/// The model's `DescribeStateMachineForExecutionInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeStateMachineForExecutionInput {
    /// `executionArn`.
    #[serde(
        rename = "executionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub execution_arn: Option<String>,
    /// `includedData`.
    #[serde(
        rename = "includedData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub included_data: Option<String>,
}

/// The model's `DescribeStateMachineForExecutionOutput`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DescribeStateMachineForExecutionOutput {
    /// `stateMachineArn`.
    #[serde(rename = "stateMachineArn")]
    pub state_machine_arn: String,
    /// `name`.
    #[serde(rename = "name")]
    pub name: String,
    /// `definition`.
    #[serde(rename = "definition")]
    pub definition: Arc<RawValue>,
    /// `roleArn`.
    #[serde(rename = "roleArn")]
    pub role_arn: String,
    /// `updateDate`.
    #[serde(rename = "updateDate")]
    pub update_date: Timestamp,
    /// `loggingConfiguration`.
    #[serde(
        rename = "loggingConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub logging_configuration: Option<LoggingConfiguration>,
    /// `tracingConfiguration`.
    #[serde(
        rename = "tracingConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tracing_configuration: Option<TracingConfiguration>,
    /// `mapRunArn`.
    #[serde(rename = "mapRunArn", default, skip_serializing_if = "Option::is_none")]
    pub map_run_arn: Option<String>,
    /// `label`.
    #[serde(rename = "label", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `revisionId`.
    #[serde(
        rename = "revisionId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub revision_id: Option<String>,
    /// `encryptionConfiguration`.
    #[serde(
        rename = "encryptionConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub encryption_configuration: Option<EncryptionConfiguration>,
    /// `variableReferences`.
    #[serde(
        rename = "variableReferences",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub variable_references: Option<Arc<RawValue>>,
}

/// The model's `GetActivityTaskInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetActivityTaskInput {
    /// `activityArn`.
    #[serde(
        rename = "activityArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub activity_arn: Option<String>,
    /// `workerName`.
    #[serde(
        rename = "workerName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub worker_name: Option<String>,
}

/// The model's `GetActivityTaskOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetActivityTaskOutput {
    /// `taskToken`.
    #[serde(rename = "taskToken", default, skip_serializing_if = "Option::is_none")]
    pub task_token: Option<String>,
    /// `input`.
    #[serde(rename = "input", default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
}

/// The model's `GetExecutionHistoryInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetExecutionHistoryInput {
    /// `executionArn`.
    #[serde(
        rename = "executionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub execution_arn: Option<String>,
    /// `maxResults`.
    #[serde(
        rename = "maxResults",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_results: Option<i64>,
    /// `reverseOrder`.
    #[serde(
        rename = "reverseOrder",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reverse_order: Option<bool>,
    /// `nextToken`.
    #[serde(rename = "nextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// `includeExecutionData`.
    #[serde(
        rename = "includeExecutionData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub include_execution_data: Option<bool>,
}

/// The model's `ListActivitiesInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListActivitiesInput {
    /// `maxResults`.
    #[serde(
        rename = "maxResults",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_results: Option<i64>,
    /// `nextToken`.
    #[serde(rename = "nextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `ListActivitiesOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListActivitiesOutput {
    /// `activities`.
    #[serde(rename = "activities")]
    pub activities: Vec<ActivityListItem>,
    /// `nextToken`.
    #[serde(rename = "nextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `ActivityListItem`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityListItem {
    /// `activityArn`.
    #[serde(rename = "activityArn")]
    pub activity_arn: String,
    /// `name`.
    #[serde(rename = "name")]
    pub name: String,
    /// `creationDate`.
    #[serde(rename = "creationDate")]
    pub creation_date: Timestamp,
}

/// The model's `ListExecutionsInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListExecutionsInput {
    /// `stateMachineArn`.
    #[serde(
        rename = "stateMachineArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_arn: Option<String>,
    /// `statusFilter`.
    #[serde(
        rename = "statusFilter",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub status_filter: Option<String>,
    /// `maxResults`.
    #[serde(
        rename = "maxResults",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_results: Option<i64>,
    /// `nextToken`.
    #[serde(rename = "nextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// `mapRunArn`.
    #[serde(rename = "mapRunArn", default, skip_serializing_if = "Option::is_none")]
    pub map_run_arn: Option<String>,
    /// `redriveFilter`.
    #[serde(
        rename = "redriveFilter",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub redrive_filter: Option<String>,
}

/// The model's `ListExecutionsOutput`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ListExecutionsOutput {
    /// `executions`.
    #[serde(rename = "executions")]
    pub executions: Vec<Arc<RawValue>>,
    /// `nextToken`.
    #[serde(rename = "nextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `ExecutionListItem`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExecutionListItem {
    /// `executionArn`.
    #[serde(rename = "executionArn")]
    pub execution_arn: String,
    /// `stateMachineArn`.
    #[serde(rename = "stateMachineArn")]
    pub state_machine_arn: String,
    /// `name`.
    #[serde(rename = "name")]
    pub name: String,
    /// `status`.
    #[serde(rename = "status")]
    pub status: String,
    /// `startDate`.
    #[serde(rename = "startDate")]
    pub start_date: Timestamp,
    /// `stopDate`.
    #[serde(rename = "stopDate", default, skip_serializing_if = "Option::is_none")]
    pub stop_date: Option<Timestamp>,
    /// `mapRunArn`.
    #[serde(rename = "mapRunArn", default, skip_serializing_if = "Option::is_none")]
    pub map_run_arn: Option<String>,
    /// `itemCount`.
    #[serde(rename = "itemCount", default, skip_serializing_if = "Option::is_none")]
    pub item_count: Option<i64>,
    /// `stateMachineVersionArn`.
    #[serde(
        rename = "stateMachineVersionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_version_arn: Option<String>,
    /// `stateMachineAliasArn`.
    #[serde(
        rename = "stateMachineAliasArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_alias_arn: Option<String>,
    /// `redriveCount`.
    #[serde(
        rename = "redriveCount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub redrive_count: Option<i64>,
    /// `redriveDate`.
    #[serde(
        rename = "redriveDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub redrive_date: Option<Timestamp>,
}

/// The model's `ListMapRunsInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListMapRunsInput {
    /// `executionArn`.
    #[serde(
        rename = "executionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub execution_arn: Option<String>,
    /// `maxResults`.
    #[serde(
        rename = "maxResults",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_results: Option<i64>,
    /// `nextToken`.
    #[serde(rename = "nextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `ListMapRunsOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListMapRunsOutput {
    /// `mapRuns`.
    #[serde(rename = "mapRuns")]
    pub map_runs: Vec<MapRunListItem>,
    /// `nextToken`.
    #[serde(rename = "nextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `MapRunListItem`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapRunListItem {
    /// `executionArn`.
    #[serde(rename = "executionArn")]
    pub execution_arn: String,
    /// `mapRunArn`.
    #[serde(rename = "mapRunArn")]
    pub map_run_arn: String,
    /// `stateMachineArn`.
    #[serde(rename = "stateMachineArn")]
    pub state_machine_arn: String,
    /// `startDate`.
    #[serde(rename = "startDate")]
    pub start_date: Timestamp,
    /// `stopDate`.
    #[serde(rename = "stopDate", default, skip_serializing_if = "Option::is_none")]
    pub stop_date: Option<Timestamp>,
}

/// The model's `ListStateMachineAliasesInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListStateMachineAliasesInput {
    /// `stateMachineArn`.
    #[serde(
        rename = "stateMachineArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_arn: Option<String>,
    /// `nextToken`.
    #[serde(rename = "nextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// `maxResults`.
    #[serde(
        rename = "maxResults",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_results: Option<i64>,
}

/// The model's `ListStateMachineAliasesOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListStateMachineAliasesOutput {
    /// `stateMachineAliases`.
    #[serde(rename = "stateMachineAliases")]
    pub state_machine_aliases: Vec<StateMachineAliasListItem>,
    /// `nextToken`.
    #[serde(rename = "nextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `StateMachineAliasListItem`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateMachineAliasListItem {
    /// `stateMachineAliasArn`.
    #[serde(rename = "stateMachineAliasArn")]
    pub state_machine_alias_arn: String,
    /// `creationDate`.
    #[serde(rename = "creationDate")]
    pub creation_date: Timestamp,
}

/// The model's `ListStateMachineVersionsInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListStateMachineVersionsInput {
    /// `stateMachineArn`.
    #[serde(
        rename = "stateMachineArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_arn: Option<String>,
    /// `nextToken`.
    #[serde(rename = "nextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// `maxResults`.
    #[serde(
        rename = "maxResults",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_results: Option<i64>,
}

/// The model's `ListStateMachineVersionsOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListStateMachineVersionsOutput {
    /// `stateMachineVersions`.
    #[serde(rename = "stateMachineVersions")]
    pub state_machine_versions: Vec<StateMachineVersionListItem>,
    /// `nextToken`.
    #[serde(rename = "nextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `StateMachineVersionListItem`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateMachineVersionListItem {
    /// `stateMachineVersionArn`.
    #[serde(rename = "stateMachineVersionArn")]
    pub state_machine_version_arn: String,
    /// `creationDate`.
    #[serde(rename = "creationDate")]
    pub creation_date: Timestamp,
}

/// The model's `ListStateMachinesInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListStateMachinesInput {
    /// `maxResults`.
    #[serde(
        rename = "maxResults",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_results: Option<i64>,
    /// `nextToken`.
    #[serde(rename = "nextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `ListStateMachinesOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListStateMachinesOutput {
    /// `stateMachines`.
    #[serde(rename = "stateMachines")]
    pub state_machines: Vec<StateMachineListItem>,
    /// `nextToken`.
    #[serde(rename = "nextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `StateMachineListItem`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateMachineListItem {
    /// `stateMachineArn`.
    #[serde(rename = "stateMachineArn")]
    pub state_machine_arn: String,
    /// `name`.
    #[serde(rename = "name")]
    pub name: String,
    /// `type`.
    #[serde(rename = "type")]
    pub r#type: String,
    /// `creationDate`.
    #[serde(rename = "creationDate")]
    pub creation_date: Timestamp,
}

/// The model's `ListTagsForResourceInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListTagsForResourceInput {
    /// `resourceArn`.
    #[serde(
        rename = "resourceArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub resource_arn: Option<String>,
}

/// The model's `ListTagsForResourceOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListTagsForResourceOutput {
    /// `tags`.
    #[serde(rename = "tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
}

/// The model's `PublishStateMachineVersionInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PublishStateMachineVersionInput {
    /// `stateMachineArn`.
    #[serde(
        rename = "stateMachineArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_arn: Option<String>,
    /// `revisionId`.
    #[serde(
        rename = "revisionId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub revision_id: Option<String>,
    /// `description`.
    #[serde(
        rename = "description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
}

/// The model's `PublishStateMachineVersionOutput`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishStateMachineVersionOutput {
    /// `creationDate`.
    #[serde(rename = "creationDate")]
    pub creation_date: Timestamp,
    /// `stateMachineVersionArn`.
    #[serde(rename = "stateMachineVersionArn")]
    pub state_machine_version_arn: String,
}

/// The model's `RedriveExecutionInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RedriveExecutionInput {
    /// `executionArn`.
    #[serde(
        rename = "executionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub execution_arn: Option<String>,
    /// `clientToken`.
    #[serde(
        rename = "clientToken",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_token: Option<String>,
}

/// The model's `RedriveExecutionOutput`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RedriveExecutionOutput {
    /// `redriveDate`.
    #[serde(rename = "redriveDate")]
    pub redrive_date: Timestamp,
}

/// The model's `SendTaskFailureInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SendTaskFailureInput {
    /// `taskToken`.
    #[serde(rename = "taskToken", default, skip_serializing_if = "Option::is_none")]
    pub task_token: Option<String>,
    /// `error`.
    #[serde(rename = "error", default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// `cause`.
    #[serde(rename = "cause", default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
}

/// The model's `SendTaskFailureOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SendTaskFailureOutput {}

/// The model's `SendTaskHeartbeatInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SendTaskHeartbeatInput {
    /// `taskToken`.
    #[serde(rename = "taskToken", default, skip_serializing_if = "Option::is_none")]
    pub task_token: Option<String>,
}

/// The model's `SendTaskHeartbeatOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SendTaskHeartbeatOutput {}

/// The model's `SendTaskSuccessInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SendTaskSuccessInput {
    /// `taskToken`.
    #[serde(rename = "taskToken", default, skip_serializing_if = "Option::is_none")]
    pub task_token: Option<String>,
    /// `output`.
    #[serde(rename = "output", default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
}

/// The model's `SendTaskSuccessOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SendTaskSuccessOutput {}

/// The model's `StartExecutionInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StartExecutionInput {
    /// `stateMachineArn`.
    #[serde(
        rename = "stateMachineArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_arn: Option<String>,
    /// `name`.
    #[serde(rename = "name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `input`.
    #[serde(rename = "input", default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// `traceHeader`.
    #[serde(
        rename = "traceHeader",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub trace_header: Option<String>,
}

/// The model's `StartExecutionOutput`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StartExecutionOutput {
    /// `executionArn`.
    #[serde(rename = "executionArn")]
    pub execution_arn: String,
    /// `startDate`.
    #[serde(rename = "startDate")]
    pub start_date: Timestamp,
}

/// The model's `StartSyncExecutionInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StartSyncExecutionInput {
    /// `stateMachineArn`.
    #[serde(
        rename = "stateMachineArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_arn: Option<String>,
    /// `name`.
    #[serde(rename = "name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `input`.
    #[serde(rename = "input", default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// `traceHeader`.
    #[serde(
        rename = "traceHeader",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub trace_header: Option<String>,
    /// `includedData`.
    #[serde(
        rename = "includedData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub included_data: Option<String>,
}

/// The model's `StartSyncExecutionOutput`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StartSyncExecutionOutput {
    /// `executionArn`.
    #[serde(rename = "executionArn")]
    pub execution_arn: String,
    /// `stateMachineArn`.
    #[serde(
        rename = "stateMachineArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_arn: Option<String>,
    /// `name`.
    #[serde(rename = "name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `startDate`.
    #[serde(rename = "startDate")]
    pub start_date: Timestamp,
    /// `stopDate`.
    #[serde(rename = "stopDate")]
    pub stop_date: Timestamp,
    /// `status`.
    #[serde(rename = "status")]
    pub status: String,
    /// `error`.
    #[serde(rename = "error", default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// `cause`.
    #[serde(rename = "cause", default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// `input`.
    #[serde(rename = "input", default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// `inputDetails`.
    #[serde(
        rename = "inputDetails",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub input_details: Option<CloudWatchEventsExecutionDataDetails>,
    /// `output`.
    #[serde(rename = "output", default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// `outputDetails`.
    #[serde(
        rename = "outputDetails",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub output_details: Option<CloudWatchEventsExecutionDataDetails>,
    /// `traceHeader`.
    #[serde(
        rename = "traceHeader",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub trace_header: Option<String>,
    /// `billingDetails`.
    #[serde(
        rename = "billingDetails",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub billing_details: Option<BillingDetails>,
}

/// The model's `BillingDetails`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BillingDetails {
    /// `billedMemoryUsedInMB`.
    #[serde(
        rename = "billedMemoryUsedInMB",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub billed_memory_used_in_mb: Option<i64>,
    /// `billedDurationInMilliseconds`.
    #[serde(
        rename = "billedDurationInMilliseconds",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub billed_duration_in_milliseconds: Option<i64>,
}

/// The model's `StopExecutionInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StopExecutionInput {
    /// `executionArn`.
    #[serde(
        rename = "executionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub execution_arn: Option<String>,
    /// `error`.
    #[serde(rename = "error", default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// `cause`.
    #[serde(rename = "cause", default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
}

/// The model's `StopExecutionOutput`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StopExecutionOutput {
    /// `stopDate`.
    #[serde(rename = "stopDate")]
    pub stop_date: Timestamp,
}

/// The model's `TagResourceInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TagResourceInput {
    /// `resourceArn`.
    #[serde(
        rename = "resourceArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub resource_arn: Option<String>,
    /// `tags`.
    #[serde(rename = "tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
}

/// The model's `TagResourceOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TagResourceOutput {}

/// The model's `TestStateInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TestStateInput {
    /// `definition`.
    #[serde(
        rename = "definition",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub definition: Option<String>,
    /// `roleArn`.
    #[serde(rename = "roleArn", default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// `input`.
    #[serde(rename = "input", default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// `inspectionLevel`.
    #[serde(
        rename = "inspectionLevel",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub inspection_level: Option<String>,
    /// `revealSecrets`.
    #[serde(
        rename = "revealSecrets",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reveal_secrets: Option<bool>,
    /// `variables`.
    #[serde(rename = "variables", default, skip_serializing_if = "Option::is_none")]
    pub variables: Option<String>,
    /// `stateName`.
    #[serde(rename = "stateName", default, skip_serializing_if = "Option::is_none")]
    pub state_name: Option<String>,
    /// `mock`.
    #[serde(rename = "mock", default, skip_serializing_if = "Option::is_none")]
    pub mock: Option<MockInput>,
    /// `context`.
    #[serde(rename = "context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// `stateConfiguration`.
    #[serde(
        rename = "stateConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_configuration: Option<TestStateConfiguration>,
}

/// The model's `MockInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MockInput {
    /// `result`.
    #[serde(rename = "result", default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// `errorOutput`.
    #[serde(
        rename = "errorOutput",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub error_output: Option<MockErrorOutput>,
    /// `fieldValidationMode`.
    #[serde(
        rename = "fieldValidationMode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub field_validation_mode: Option<String>,
}

/// The model's `MockErrorOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MockErrorOutput {
    /// `error`.
    #[serde(rename = "error", default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// `cause`.
    #[serde(rename = "cause", default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
}

/// The model's `TestStateConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TestStateConfiguration {
    /// `retrierRetryCount`.
    #[serde(
        rename = "retrierRetryCount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub retrier_retry_count: Option<i64>,
    /// `errorCausedByState`.
    #[serde(
        rename = "errorCausedByState",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub error_caused_by_state: Option<String>,
    /// `mapIterationFailureCount`.
    #[serde(
        rename = "mapIterationFailureCount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub map_iteration_failure_count: Option<i64>,
    /// `mapItemReaderData`.
    #[serde(
        rename = "mapItemReaderData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub map_item_reader_data: Option<String>,
}

/// The model's `TestStateOutput`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TestStateOutput {
    /// `output`.
    #[serde(rename = "output", default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// `error`.
    #[serde(rename = "error", default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// `cause`.
    #[serde(rename = "cause", default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// `inspectionData`.
    #[serde(
        rename = "inspectionData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub inspection_data: Option<Value>,
    /// `nextState`.
    #[serde(rename = "nextState", default, skip_serializing_if = "Option::is_none")]
    pub next_state: Option<String>,
    /// `status`.
    #[serde(rename = "status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// The model's `InspectionData`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InspectionData {
    /// `input`.
    #[serde(rename = "input", default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// `afterArguments`.
    #[serde(
        rename = "afterArguments",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub after_arguments: Option<String>,
    /// `afterInputPath`.
    #[serde(
        rename = "afterInputPath",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub after_input_path: Option<String>,
    /// `afterParameters`.
    #[serde(
        rename = "afterParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub after_parameters: Option<String>,
    /// `result`.
    #[serde(rename = "result", default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// `afterResultSelector`.
    #[serde(
        rename = "afterResultSelector",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub after_result_selector: Option<String>,
    /// `afterResultPath`.
    #[serde(
        rename = "afterResultPath",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub after_result_path: Option<String>,
    /// `request`.
    #[serde(rename = "request", default, skip_serializing_if = "Option::is_none")]
    pub request: Option<InspectionDataRequest>,
    /// `response`.
    #[serde(rename = "response", default, skip_serializing_if = "Option::is_none")]
    pub response: Option<InspectionDataResponse>,
    /// `variables`.
    #[serde(rename = "variables", default, skip_serializing_if = "Option::is_none")]
    pub variables: Option<String>,
    /// `errorDetails`.
    #[serde(
        rename = "errorDetails",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub error_details: Option<InspectionErrorDetails>,
    /// `afterItemsPath`.
    #[serde(
        rename = "afterItemsPath",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub after_items_path: Option<String>,
    /// `afterItemSelector`.
    #[serde(
        rename = "afterItemSelector",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub after_item_selector: Option<String>,
    /// `afterItemBatcher`.
    #[serde(
        rename = "afterItemBatcher",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub after_item_batcher: Option<String>,
    /// `afterItemsPointer`.
    #[serde(
        rename = "afterItemsPointer",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub after_items_pointer: Option<String>,
    /// `toleratedFailureCount`.
    #[serde(
        rename = "toleratedFailureCount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tolerated_failure_count: Option<i64>,
    /// `toleratedFailurePercentage`.
    #[serde(
        rename = "toleratedFailurePercentage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tolerated_failure_percentage: Option<f64>,
    /// `maxConcurrency`.
    #[serde(
        rename = "maxConcurrency",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_concurrency: Option<i64>,
}

/// The model's `InspectionDataRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InspectionDataRequest {
    /// `protocol`.
    #[serde(rename = "protocol", default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    /// `method`.
    #[serde(rename = "method", default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// `url`.
    #[serde(rename = "url", default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `headers`.
    #[serde(rename = "headers", default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<String>,
    /// `body`.
    #[serde(rename = "body", default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

/// The model's `InspectionDataResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InspectionDataResponse {
    /// `protocol`.
    #[serde(rename = "protocol", default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    /// `statusCode`.
    #[serde(
        rename = "statusCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub status_code: Option<String>,
    /// `statusMessage`.
    #[serde(
        rename = "statusMessage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub status_message: Option<String>,
    /// `headers`.
    #[serde(rename = "headers", default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<String>,
    /// `body`.
    #[serde(rename = "body", default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

/// The model's `InspectionErrorDetails`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InspectionErrorDetails {
    /// `catchIndex`.
    #[serde(
        rename = "catchIndex",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub catch_index: Option<i64>,
    /// `retryIndex`.
    #[serde(
        rename = "retryIndex",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub retry_index: Option<i64>,
    /// `retryBackoffIntervalSeconds`.
    #[serde(
        rename = "retryBackoffIntervalSeconds",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub retry_backoff_interval_seconds: Option<i64>,
}

/// The model's `UntagResourceInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UntagResourceInput {
    /// `resourceArn`.
    #[serde(
        rename = "resourceArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub resource_arn: Option<String>,
    /// `tagKeys`.
    #[serde(rename = "tagKeys", default, skip_serializing_if = "Option::is_none")]
    pub tag_keys: Option<Vec<String>>,
}

/// The model's `UntagResourceOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UntagResourceOutput {}

/// The model's `UpdateMapRunInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateMapRunInput {
    /// `mapRunArn`.
    #[serde(rename = "mapRunArn", default, skip_serializing_if = "Option::is_none")]
    pub map_run_arn: Option<String>,
    /// `maxConcurrency`.
    #[serde(
        rename = "maxConcurrency",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_concurrency: Option<i64>,
    /// `toleratedFailurePercentage`.
    #[serde(
        rename = "toleratedFailurePercentage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tolerated_failure_percentage: Option<f64>,
    /// `toleratedFailureCount`.
    #[serde(
        rename = "toleratedFailureCount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tolerated_failure_count: Option<i64>,
}

/// The model's `UpdateMapRunOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateMapRunOutput {}

/// The model's `UpdateStateMachineInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateStateMachineInput {
    /// `stateMachineArn`.
    #[serde(
        rename = "stateMachineArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_arn: Option<String>,
    /// `definition`.
    #[serde(
        rename = "definition",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub definition: Option<String>,
    /// `roleArn`.
    #[serde(rename = "roleArn", default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// `loggingConfiguration`.
    #[serde(
        rename = "loggingConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub logging_configuration: Option<LoggingConfiguration>,
    /// `tracingConfiguration`.
    #[serde(
        rename = "tracingConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tracing_configuration: Option<TracingConfiguration>,
    /// `publish`.
    #[serde(rename = "publish", default, skip_serializing_if = "Option::is_none")]
    pub publish: Option<bool>,
    /// `versionDescription`.
    #[serde(
        rename = "versionDescription",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub version_description: Option<String>,
    /// `encryptionConfiguration`.
    #[serde(
        rename = "encryptionConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub encryption_configuration: Option<EncryptionConfiguration>,
}

/// The model's `UpdateStateMachineOutput`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdateStateMachineOutput {
    /// `updateDate`.
    #[serde(rename = "updateDate")]
    pub update_date: Timestamp,
    /// `revisionId`.
    #[serde(
        rename = "revisionId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub revision_id: Option<String>,
    /// `stateMachineVersionArn`.
    #[serde(
        rename = "stateMachineVersionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_version_arn: Option<String>,
}

/// The model's `UpdateStateMachineAliasInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateStateMachineAliasInput {
    /// `stateMachineAliasArn`.
    #[serde(
        rename = "stateMachineAliasArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_machine_alias_arn: Option<String>,
    /// `description`.
    #[serde(
        rename = "description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// `routingConfiguration`.
    #[serde(
        rename = "routingConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub routing_configuration: Option<Vec<RoutingConfigurationListItem>>,
}

/// The model's `UpdateStateMachineAliasOutput`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdateStateMachineAliasOutput {
    /// `updateDate`.
    #[serde(rename = "updateDate")]
    pub update_date: Timestamp,
}

/// The model's `ValidateStateMachineDefinitionInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ValidateStateMachineDefinitionInput {
    /// `definition`.
    #[serde(
        rename = "definition",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub definition: Option<String>,
    /// `type`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// `severity`.
    #[serde(rename = "severity", default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    /// `maxResults`.
    #[serde(
        rename = "maxResults",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_results: Option<i64>,
}

/// The model's `ValidateStateMachineDefinitionOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ValidateStateMachineDefinitionOutput {
    /// `result`.
    #[serde(rename = "result")]
    pub result: String,
    /// `diagnostics`.
    #[serde(rename = "diagnostics")]
    pub diagnostics: Vec<ValidateStateMachineDefinitionDiagnostic>,
    /// `truncated`.
    #[serde(rename = "truncated", default, skip_serializing_if = "Option::is_none")]
    pub truncated: Option<bool>,
}

/// The model's `ValidateStateMachineDefinitionDiagnostic`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ValidateStateMachineDefinitionDiagnostic {
    /// `severity`.
    #[serde(rename = "severity")]
    pub severity: String,
    /// `code`.
    #[serde(rename = "code")]
    pub code: String,
    /// `message`.
    #[serde(rename = "message")]
    pub message: String,
    /// `location`.
    #[serde(rename = "location", default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}
