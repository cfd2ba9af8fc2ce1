//! Operation types of `models/lambda.json` (CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions, DeleteFunction:input, UpdateFunctionConfiguration, UpdateFunctionCode, PublishVersion, ListVersionsByFunction, CreateAlias, GetAlias, UpdateAlias, DeleteAlias:input, ListAliases, ListTags, TagResource:input, UntagResource:input, PutFunctionConcurrency, GetFunctionConcurrency, DeleteFunctionConcurrency:input, GetAccountSettings, CreateEventSourceMapping:output, GetEventSourceMapping, UpdateEventSourceMapping:output, DeleteEventSourceMapping, ListEventSourceMappings), written by
//! `tools/gen_types.py`: do not edit; change the script or its targets and run it again.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The model's `CreateFunctionRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateFunctionRequest {
    /// `FunctionName`.
    #[serde(rename = "FunctionName")]
    pub function_name: String,
    /// `Runtime`.
    #[serde(rename = "Runtime", default, skip_serializing_if = "Option::is_none")]
    pub runtime: Option<String>,
    /// `Role`.
    #[serde(rename = "Role")]
    pub role: String,
    /// `Handler`.
    #[serde(rename = "Handler", default, skip_serializing_if = "Option::is_none")]
    pub handler: Option<String>,
    /// `Code`.
    #[serde(rename = "Code")]
    pub code: FunctionCode,
    /// `Description`.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// `Timeout`.
    #[serde(rename = "Timeout", default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<i32>,
    /// `MemorySize`.
    #[serde(
        rename = "MemorySize",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub memory_size: Option<i32>,
    /// `Publish`.
    #[serde(rename = "Publish", default, skip_serializing_if = "Option::is_none")]
    pub publish: Option<bool>,
    /// `PublishTo`.
    #[serde(rename = "PublishTo", default, skip_serializing_if = "Option::is_none")]
    pub publish_to: Option<String>,
    /// `VpcConfig`.
    #[serde(rename = "VpcConfig", default, skip_serializing_if = "Option::is_none")]
    pub vpc_config: Option<VpcConfig>,
    /// `PackageType`.
    #[serde(
        rename = "PackageType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub package_type: Option<String>,
    /// `DeadLetterConfig`.
    #[serde(
        rename = "DeadLetterConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub dead_letter_config: Option<DeadLetterConfig>,
    /// `Environment`.
    #[serde(
        rename = "Environment",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub environment: Option<Environment>,
    /// `KMSKeyArn`.
    #[serde(rename = "KMSKeyArn", default, skip_serializing_if = "Option::is_none")]
    pub kms_key_arn: Option<String>,
    /// `TracingConfig`.
    #[serde(
        rename = "TracingConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tracing_config: Option<TracingConfig>,
    /// `Tags`.
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<BTreeMap<String, String>>,
    /// `Layers`.
    #[serde(rename = "Layers", default, skip_serializing_if = "Option::is_none")]
    pub layers: Option<Vec<String>>,
    /// `FileSystemConfigs`.
    #[serde(
        rename = "FileSystemConfigs",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub file_system_configs: Option<Vec<FileSystemConfig>>,
    /// `CodeSigningConfigArn`.
    #[serde(
        rename = "CodeSigningConfigArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub code_signing_config_arn: Option<String>,
    /// `ImageConfig`.
    #[serde(
        rename = "ImageConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub image_config: Option<ImageConfig>,
    /// `Architectures`.
    #[serde(
        rename = "Architectures",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub architectures: Option<Vec<String>>,
    /// `EphemeralStorage`.
    #[serde(
        rename = "EphemeralStorage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ephemeral_storage: Option<EphemeralStorage>,
    /// `SnapStart`.
    #[serde(rename = "SnapStart", default, skip_serializing_if = "Option::is_none")]
    pub snap_start: Option<SnapStart>,
    /// `LoggingConfig`.
    #[serde(
        rename = "LoggingConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub logging_config: Option<LoggingConfig>,
    /// `TenancyConfig`.
    #[serde(
        rename = "TenancyConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tenancy_config: Option<TenancyConfig>,
    /// `CapacityProviderConfig`.
    #[serde(
        rename = "CapacityProviderConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub capacity_provider_config: Option<CapacityProviderConfig>,
    /// `DurableConfig`.
    #[serde(
        rename = "DurableConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub durable_config: Option<DurableConfig>,
    /// `RuntimeConfig`.
    #[serde(
        rename = "RuntimeConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub runtime_config: Option<FunctionRuntimeConfig>,
    /// `AcceleratorConfig`.
    #[serde(
        rename = "AcceleratorConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub accelerator_config: Option<AcceleratorConfig>,
}

/// The model's `FunctionCode`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FunctionCode {
    /// `ZipFile`.
    #[serde(rename = "ZipFile", default, skip_serializing_if = "Option::is_none")]
    pub zip_file: Option<String>,
    /// `S3Bucket`.
    #[serde(rename = "S3Bucket", default, skip_serializing_if = "Option::is_none")]
    pub s3_bucket: Option<String>,
    /// `S3Key`.
    #[serde(rename = "S3Key", default, skip_serializing_if = "Option::is_none")]
    pub s3_key: Option<String>,
    /// `S3ObjectVersion`.
    #[serde(
        rename = "S3ObjectVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub s3_object_version: Option<String>,
    /// `S3ObjectStorageMode`.
    #[serde(
        rename = "S3ObjectStorageMode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub s3_object_storage_mode: Option<String>,
    /// `ImageUri`.
    #[serde(rename = "ImageUri", default, skip_serializing_if = "Option::is_none")]
    pub image_uri: Option<String>,
    /// `SourceKMSKeyArn`.
    #[serde(
        rename = "SourceKMSKeyArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub source_kms_key_arn: Option<String>,
}

/// The model's `VpcConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VpcConfig {
    /// `SubnetIds`.
    #[serde(rename = "SubnetIds", default, skip_serializing_if = "Option::is_none")]
    pub subnet_ids: Option<Vec<String>>,
    /// `SecurityGroupIds`.
    #[serde(
        rename = "SecurityGroupIds",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub security_group_ids: Option<Vec<String>>,
    /// `Ipv6AllowedForDualStack`.
    #[serde(
        rename = "Ipv6AllowedForDualStack",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ipv6_allowed_for_dual_stack: Option<bool>,
}

/// The model's `DeadLetterConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeadLetterConfig {
    /// `TargetArn`.
    #[serde(rename = "TargetArn", default, skip_serializing_if = "Option::is_none")]
    pub target_arn: Option<String>,
}

/// The model's `Environment`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Environment {
    /// `Variables`.
    #[serde(rename = "Variables", default, skip_serializing_if = "Option::is_none")]
    pub variables: Option<BTreeMap<String, String>>,
}

/// The model's `TracingConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TracingConfig {
    /// `Mode`.
    #[serde(rename = "Mode", default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
}

/// The model's `FileSystemConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FileSystemConfig {
    /// `Arn`.
    #[serde(rename = "Arn")]
    pub arn: String,
    /// `LocalMountPath`.
    #[serde(rename = "LocalMountPath")]
    pub local_mount_path: String,
    /// `S3FilesConfig`.
    #[serde(
        rename = "S3FilesConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub s3_files_config: Option<S3FilesConfig>,
}

/// The model's `S3FilesConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct S3FilesConfig {
    /// `DirectS3Read`.
    #[serde(
        rename = "DirectS3Read",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub direct_s3_read: Option<String>,
}

/// The model's `ImageConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImageConfig {
    /// `EntryPoint`.
    #[serde(
        rename = "EntryPoint",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub entry_point: Option<Vec<String>>,
    /// `Command`.
    #[serde(rename = "Command", default, skip_serializing_if = "Option::is_none")]
    pub command: Option<Vec<String>>,
    /// `WorkingDirectory`.
    #[serde(
        rename = "WorkingDirectory",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub working_directory: Option<String>,
}

/// The model's `EphemeralStorage`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EphemeralStorage {
    /// `Size`.
    #[serde(rename = "Size")]
    pub size: i32,
}

/// The model's `SnapStart`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SnapStart {
    /// `ApplyOn`.
    #[serde(rename = "ApplyOn", default, skip_serializing_if = "Option::is_none")]
    pub apply_on: Option<String>,
}

/// The model's `LoggingConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LoggingConfig {
    /// `LogFormat`.
    #[serde(rename = "LogFormat", default, skip_serializing_if = "Option::is_none")]
    pub log_format: Option<String>,
    /// `ApplicationLogLevel`.
    #[serde(
        rename = "ApplicationLogLevel",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub application_log_level: Option<String>,
    /// `SystemLogLevel`.
    #[serde(
        rename = "SystemLogLevel",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub system_log_level: Option<String>,
    /// `LogGroup`.
    #[serde(rename = "LogGroup", default, skip_serializing_if = "Option::is_none")]
    pub log_group: Option<String>,
}

/// The model's `TenancyConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TenancyConfig {
    /// `TenantIsolationMode`.
    #[serde(rename = "TenantIsolationMode")]
    pub tenant_isolation_mode: String,
}

/// The model's `CapacityProviderConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CapacityProviderConfig {
    /// `LambdaManagedInstancesCapacityProviderConfig`.
    #[serde(rename = "LambdaManagedInstancesCapacityProviderConfig")]
    pub lambda_managed_instances_capacity_provider_config:
        LambdaManagedInstancesCapacityProviderConfig,
}

/// The model's `LambdaManagedInstancesCapacityProviderConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LambdaManagedInstancesCapacityProviderConfig {
    /// `CapacityProviderArn`.
    #[serde(rename = "CapacityProviderArn")]
    pub capacity_provider_arn: String,
    /// `PerExecutionEnvironmentMaxConcurrency`.
    #[serde(
        rename = "PerExecutionEnvironmentMaxConcurrency",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub per_execution_environment_max_concurrency: Option<i32>,
    /// `ExecutionEnvironmentMemoryGiBPerVCpu`.
    #[serde(
        rename = "ExecutionEnvironmentMemoryGiBPerVCpu",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub execution_environment_memory_gi_b_per_v_cpu: Option<f64>,
}

/// The model's `DurableConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DurableConfig {
    /// `KMSKeyArn`.
    #[serde(rename = "KMSKeyArn", default, skip_serializing_if = "Option::is_none")]
    pub kms_key_arn: Option<String>,
    /// `RetentionPeriodInDays`.
    #[serde(
        rename = "RetentionPeriodInDays",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub retention_period_in_days: Option<i32>,
    /// `ExecutionTimeout`.
    #[serde(
        rename = "ExecutionTimeout",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub execution_timeout: Option<i32>,
}

/// The model's `FunctionRuntimeConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FunctionRuntimeConfig {
    /// `RuntimeArn`.
    #[serde(rename = "RuntimeArn")]
    pub runtime_arn: String,
    /// `RuntimeAlias`.
    #[serde(rename = "RuntimeAlias")]
    pub runtime_alias: String,
}

/// The model's `AcceleratorConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AcceleratorConfig {
    /// `AcceleratorMemorySize`.
    #[serde(rename = "AcceleratorMemorySize")]
    pub accelerator_memory_size: i32,
}

/// The model's `FunctionConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FunctionConfiguration {
    /// `FunctionName`.
    #[serde(
        rename = "FunctionName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub function_name: Option<String>,
    /// `FunctionArn`.
    #[serde(
        rename = "FunctionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub function_arn: Option<String>,
    /// `Runtime`.
    #[serde(rename = "Runtime", default, skip_serializing_if = "Option::is_none")]
    pub runtime: Option<String>,
    /// `Role`.
    #[serde(rename = "Role", default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// `Handler`.
    #[serde(rename = "Handler", default, skip_serializing_if = "Option::is_none")]
    pub handler: Option<String>,
    /// `CodeSize`.
    #[serde(rename = "CodeSize", default, skip_serializing_if = "Option::is_none")]
    pub code_size: Option<i64>,
    /// `Description`.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// `Timeout`.
    #[serde(rename = "Timeout", default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<i32>,
    /// `MemorySize`.
    #[serde(
        rename = "MemorySize",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub memory_size: Option<i32>,
    /// `LastModified`.
    #[serde(
        rename = "LastModified",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified: Option<String>,
    /// `CodeSha256`.
    #[serde(
        rename = "CodeSha256",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub code_sha256: Option<String>,
    /// `Version`.
    #[serde(rename = "Version", default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// `VpcConfig`.
    #[serde(rename = "VpcConfig", default, skip_serializing_if = "Option::is_none")]
    pub vpc_config: Option<VpcConfigResponse>,
    /// `DeadLetterConfig`.
    #[serde(
        rename = "DeadLetterConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub dead_letter_config: Option<DeadLetterConfig>,
    /// `Environment`.
    #[serde(
        rename = "Environment",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub environment: Option<EnvironmentResponse>,
    /// `KMSKeyArn`.
    #[serde(rename = "KMSKeyArn", default, skip_serializing_if = "Option::is_none")]
    pub kms_key_arn: Option<String>,
    /// `TracingConfig`.
    #[serde(
        rename = "TracingConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tracing_config: Option<TracingConfigResponse>,
    /// `MasterArn`.
    #[serde(rename = "MasterArn", default, skip_serializing_if = "Option::is_none")]
    pub master_arn: Option<String>,
    /// `RevisionId`.
    #[serde(
        rename = "RevisionId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub revision_id: Option<String>,
    /// `Layers`.
    #[serde(rename = "Layers", default, skip_serializing_if = "Option::is_none")]
    pub layers: Option<Vec<Layer>>,
    /// `State`.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// `StateReason`.
    #[serde(
        rename = "StateReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_reason: Option<String>,
    /// `StateReasonCode`.
    #[serde(
        rename = "StateReasonCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_reason_code: Option<String>,
    /// `LastUpdateStatus`.
    #[serde(
        rename = "LastUpdateStatus",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_update_status: Option<String>,
    /// `LastUpdateStatusReason`.
    #[serde(
        rename = "LastUpdateStatusReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_update_status_reason: Option<String>,
    /// `LastUpdateStatusReasonCode`.
    #[serde(
        rename = "LastUpdateStatusReasonCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_update_status_reason_code: Option<String>,
    /// `FileSystemConfigs`.
    #[serde(
        rename = "FileSystemConfigs",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub file_system_configs: Option<Vec<FileSystemConfig>>,
    /// `SigningProfileVersionArn`.
    #[serde(
        rename = "SigningProfileVersionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub signing_profile_version_arn: Option<String>,
    /// `SigningJobArn`.
    #[serde(
        rename = "SigningJobArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub signing_job_arn: Option<String>,
    /// `PackageType`.
    #[serde(
        rename = "PackageType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub package_type: Option<String>,
    /// `ImageConfigResponse`.
    #[serde(
        rename = "ImageConfigResponse",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub image_config_response: Option<ImageConfigResponse>,
    /// `Architectures`.
    #[serde(
        rename = "Architectures",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub architectures: Option<Vec<String>>,
    /// `EphemeralStorage`.
    #[serde(
        rename = "EphemeralStorage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ephemeral_storage: Option<EphemeralStorage>,
    /// `SnapStart`.
    #[serde(rename = "SnapStart", default, skip_serializing_if = "Option::is_none")]
    pub snap_start: Option<SnapStartResponse>,
    /// `RuntimeVersionConfig`.
    #[serde(
        rename = "RuntimeVersionConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub runtime_version_config: Option<RuntimeVersionConfig>,
    /// `LoggingConfig`.
    #[serde(
        rename = "LoggingConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub logging_config: Option<LoggingConfig>,
    /// `TenancyConfig`.
    #[serde(
        rename = "TenancyConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tenancy_config: Option<TenancyConfig>,
    /// `CapacityProviderConfig`.
    #[serde(
        rename = "CapacityProviderConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub capacity_provider_config: Option<CapacityProviderConfig>,
    /// `ConfigSha256`.
    #[serde(
        rename = "ConfigSha256",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub config_sha256: Option<String>,
    /// `DurableConfig`.
    #[serde(
        rename = "DurableConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub durable_config: Option<DurableConfig>,
    /// `RuntimeConfig`.
    #[serde(
        rename = "RuntimeConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub runtime_config: Option<FunctionRuntimeConfig>,
    /// `AcceleratorConfig`.
    #[serde(
        rename = "AcceleratorConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub accelerator_config: Option<AcceleratorConfig>,
}

/// The model's `VpcConfigResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VpcConfigResponse {
    /// `SubnetIds`.
    #[serde(rename = "SubnetIds", default, skip_serializing_if = "Option::is_none")]
    pub subnet_ids: Option<Vec<String>>,
    /// `SecurityGroupIds`.
    #[serde(
        rename = "SecurityGroupIds",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub security_group_ids: Option<Vec<String>>,
    /// `VpcId`.
    #[serde(rename = "VpcId", default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
    /// `Ipv6AllowedForDualStack`.
    #[serde(
        rename = "Ipv6AllowedForDualStack",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ipv6_allowed_for_dual_stack: Option<bool>,
}

/// The model's `EnvironmentResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnvironmentResponse {
    /// `Variables`.
    #[serde(rename = "Variables", default, skip_serializing_if = "Option::is_none")]
    pub variables: Option<BTreeMap<String, String>>,
    /// `Error`.
    #[serde(rename = "Error", default, skip_serializing_if = "Option::is_none")]
    pub error: Option<EnvironmentError>,
}

/// The model's `EnvironmentError`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnvironmentError {
    /// `ErrorCode`.
    #[serde(rename = "ErrorCode", default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// `Message`.
    #[serde(rename = "Message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The model's `TracingConfigResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TracingConfigResponse {
    /// `Mode`.
    #[serde(rename = "Mode", default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
}

/// The model's `Layer`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Layer {
    /// `Arn`.
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// `CodeSize`.
    #[serde(rename = "CodeSize", default, skip_serializing_if = "Option::is_none")]
    pub code_size: Option<i64>,
    /// `SigningProfileVersionArn`.
    #[serde(
        rename = "SigningProfileVersionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub signing_profile_version_arn: Option<String>,
    /// `SigningJobArn`.
    #[serde(
        rename = "SigningJobArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub signing_job_arn: Option<String>,
}

/// The model's `ImageConfigResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImageConfigResponse {
    /// `ImageConfig`.
    #[serde(
        rename = "ImageConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub image_config: Option<ImageConfig>,
    /// `Error`.
    #[serde(rename = "Error", default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ImageConfigError>,
}

/// The model's `ImageConfigError`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImageConfigError {
    /// `ErrorCode`.
    #[serde(rename = "ErrorCode", default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// `Message`.
    #[serde(rename = "Message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The model's `SnapStartResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SnapStartResponse {
    /// `ApplyOn`.
    #[serde(rename = "ApplyOn", default, skip_serializing_if = "Option::is_none")]
    pub apply_on: Option<String>,
    /// `OptimizationStatus`.
    #[serde(
        rename = "OptimizationStatus",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub optimization_status: Option<String>,
}

/// The model's `RuntimeVersionConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RuntimeVersionConfig {
    /// `RuntimeVersionArn`.
    #[serde(
        rename = "RuntimeVersionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub runtime_version_arn: Option<String>,
    /// `Error`.
    #[serde(rename = "Error", default, skip_serializing_if = "Option::is_none")]
    pub error: Option<RuntimeVersionError>,
}

/// The model's `RuntimeVersionError`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RuntimeVersionError {
    /// `ErrorCode`.
    #[serde(rename = "ErrorCode", default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// `Message`.
    #[serde(rename = "Message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The model's `GetFunctionRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetFunctionRequest {
    /// `FunctionName`.
    #[serde(rename = "FunctionName")]
    pub function_name: String,
    /// `Qualifier`.
    #[serde(rename = "Qualifier", default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
}

/// The model's `GetFunctionResponse`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct GetFunctionResponse {
    /// `Configuration`.
    #[serde(
        rename = "Configuration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub configuration: Option<Arc<FunctionConfiguration>>,
    /// `Code`.
    #[serde(rename = "Code", default, skip_serializing_if = "Option::is_none")]
    pub code: Option<FunctionCodeLocation>,
    /// `Tags`.
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<BTreeMap<String, String>>,
    /// `TagsError`.
    #[serde(rename = "TagsError", default, skip_serializing_if = "Option::is_none")]
    pub tags_error: Option<TagsError>,
    /// `Concurrency`.
    #[serde(
        rename = "Concurrency",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub concurrency: Option<Concurrency>,
}

/// The model's `FunctionCodeLocation`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FunctionCodeLocation {
    /// `RepositoryType`.
    #[serde(
        rename = "RepositoryType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub repository_type: Option<String>,
    /// `Location`.
    #[serde(rename = "Location", default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// `ImageUri`.
    #[serde(rename = "ImageUri", default, skip_serializing_if = "Option::is_none")]
    pub image_uri: Option<String>,
    /// `ResolvedImageUri`.
    #[serde(
        rename = "ResolvedImageUri",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub resolved_image_uri: Option<String>,
    /// `ResolvedS3Object`.
    #[serde(
        rename = "ResolvedS3Object",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub resolved_s3_object: Option<ResolvedS3Object>,
    /// `SourceKMSKeyArn`.
    #[serde(
        rename = "SourceKMSKeyArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub source_kms_key_arn: Option<String>,
    /// `Error`.
    #[serde(rename = "Error", default, skip_serializing_if = "Option::is_none")]
    pub error: Option<FunctionCodeLocationError>,
}

/// The model's `ResolvedS3Object`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResolvedS3Object {
    /// `S3Bucket`.
    #[serde(rename = "S3Bucket", default, skip_serializing_if = "Option::is_none")]
    pub s3_bucket: Option<String>,
    /// `S3Key`.
    #[serde(rename = "S3Key", default, skip_serializing_if = "Option::is_none")]
    pub s3_key: Option<String>,
    /// `S3ObjectVersion`.
    #[serde(
        rename = "S3ObjectVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub s3_object_version: Option<String>,
}

/// The model's `FunctionCodeLocationError`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FunctionCodeLocationError {
    /// `ErrorCode`.
    #[serde(rename = "ErrorCode", default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// `Message`.
    #[serde(rename = "Message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The model's `TagsError`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TagsError {
    /// `ErrorCode`.
    #[serde(rename = "ErrorCode")]
    pub error_code: String,
    /// `Message`.
    #[serde(rename = "Message")]
    pub message: String,
}

/// The model's `Concurrency`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Concurrency {
    /// `ReservedConcurrentExecutions`.
    #[serde(
        rename = "ReservedConcurrentExecutions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reserved_concurrent_executions: Option<i32>,
}

/// The model's `GetFunctionConfigurationRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetFunctionConfigurationRequest {
    /// `FunctionName`.
    #[serde(rename = "FunctionName")]
    pub function_name: String,
    /// `Qualifier`.
    #[serde(rename = "Qualifier", default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
}

/// The model's `ListFunctionsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListFunctionsRequest {
    /// `MasterRegion`.
    #[serde(
        rename = "MasterRegion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub master_region: Option<String>,
    /// `FunctionVersion`.
    #[serde(
        rename = "FunctionVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub function_version: Option<String>,
    /// `Marker`.
    #[serde(rename = "Marker", default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// `MaxItems`.
    #[serde(rename = "MaxItems", default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<i32>,
}

/// The model's `ListFunctionsResponse`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ListFunctionsResponse {
    /// `NextMarker`.
    #[serde(
        rename = "NextMarker",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_marker: Option<String>,
    /// `Functions`.
    #[serde(rename = "Functions", default, skip_serializing_if = "Option::is_none")]
    pub functions: Option<Vec<Arc<FunctionConfiguration>>>,
}

/// The model's `DeleteFunctionRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteFunctionRequest {
    /// `FunctionName`.
    #[serde(rename = "FunctionName")]
    pub function_name: String,
    /// `Qualifier`.
    #[serde(rename = "Qualifier", default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
}

/// The model's `UpdateFunctionConfigurationRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateFunctionConfigurationRequest {
    /// `FunctionName`.
    #[serde(rename = "FunctionName")]
    pub function_name: String,
    /// `Role`.
    #[serde(rename = "Role", default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// `Handler`.
    #[serde(rename = "Handler", default, skip_serializing_if = "Option::is_none")]
    pub handler: Option<String>,
    /// `Description`.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// `Timeout`.
    #[serde(rename = "Timeout", default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<i32>,
    /// `MemorySize`.
    #[serde(
        rename = "MemorySize",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub memory_size: Option<i32>,
    /// `VpcConfig`.
    #[serde(rename = "VpcConfig", default, skip_serializing_if = "Option::is_none")]
    pub vpc_config: Option<VpcConfig>,
    /// `Environment`.
    #[serde(
        rename = "Environment",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub environment: Option<Environment>,
    /// `Runtime`.
    #[serde(rename = "Runtime", default, skip_serializing_if = "Option::is_none")]
    pub runtime: Option<String>,
    /// `DeadLetterConfig`.
    #[serde(
        rename = "DeadLetterConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub dead_letter_config: Option<DeadLetterConfig>,
    /// `KMSKeyArn`.
    #[serde(rename = "KMSKeyArn", default, skip_serializing_if = "Option::is_none")]
    pub kms_key_arn: Option<String>,
    /// `TracingConfig`.
    #[serde(
        rename = "TracingConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tracing_config: Option<TracingConfig>,
    /// `RevisionId`.
    #[serde(
        rename = "RevisionId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub revision_id: Option<String>,
    /// `Layers`.
    #[serde(rename = "Layers", default, skip_serializing_if = "Option::is_none")]
    pub layers: Option<Vec<String>>,
    /// `FileSystemConfigs`.
    #[serde(
        rename = "FileSystemConfigs",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub file_system_configs: Option<Vec<FileSystemConfig>>,
    /// `ImageConfig`.
    #[serde(
        rename = "ImageConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub image_config: Option<ImageConfig>,
    /// `EphemeralStorage`.
    #[serde(
        rename = "EphemeralStorage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ephemeral_storage: Option<EphemeralStorage>,
    /// `SnapStart`.
    #[serde(rename = "SnapStart", default, skip_serializing_if = "Option::is_none")]
    pub snap_start: Option<SnapStart>,
    /// `LoggingConfig`.
    #[serde(
        rename = "LoggingConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub logging_config: Option<LoggingConfig>,
    /// `CapacityProviderConfig`.
    #[serde(
        rename = "CapacityProviderConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub capacity_provider_config: Option<CapacityProviderConfig>,
    /// `DurableConfig`.
    #[serde(
        rename = "DurableConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub durable_config: Option<DurableConfig>,
    /// `RuntimeConfig`.
    #[serde(
        rename = "RuntimeConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub runtime_config: Option<FunctionRuntimeConfig>,
    /// `AcceleratorConfig`.
    #[serde(
        rename = "AcceleratorConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub accelerator_config: Option<AcceleratorConfig>,
}

/// The model's `UpdateFunctionCodeRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateFunctionCodeRequest {
    /// `FunctionName`.
    #[serde(rename = "FunctionName")]
    pub function_name: String,
    /// `ZipFile`.
    #[serde(rename = "ZipFile", default, skip_serializing_if = "Option::is_none")]
    pub zip_file: Option<String>,
    /// `S3Bucket`.
    #[serde(rename = "S3Bucket", default, skip_serializing_if = "Option::is_none")]
    pub s3_bucket: Option<String>,
    /// `S3Key`.
    #[serde(rename = "S3Key", default, skip_serializing_if = "Option::is_none")]
    pub s3_key: Option<String>,
    /// `S3ObjectVersion`.
    #[serde(
        rename = "S3ObjectVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub s3_object_version: Option<String>,
    /// `S3ObjectStorageMode`.
    #[serde(
        rename = "S3ObjectStorageMode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub s3_object_storage_mode: Option<String>,
    /// `ImageUri`.
    #[serde(rename = "ImageUri", default, skip_serializing_if = "Option::is_none")]
    pub image_uri: Option<String>,
    /// `Architectures`.
    #[serde(
        rename = "Architectures",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub architectures: Option<Vec<String>>,
    /// `Publish`.
    #[serde(rename = "Publish", default, skip_serializing_if = "Option::is_none")]
    pub publish: Option<bool>,
    /// `PublishTo`.
    #[serde(rename = "PublishTo", default, skip_serializing_if = "Option::is_none")]
    pub publish_to: Option<String>,
    /// `DryRun`.
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    /// `RevisionId`.
    #[serde(
        rename = "RevisionId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub revision_id: Option<String>,
    /// `SourceKMSKeyArn`.
    #[serde(
        rename = "SourceKMSKeyArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub source_kms_key_arn: Option<String>,
}

/// The model's `PublishVersionRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PublishVersionRequest {
    /// `FunctionName`.
    #[serde(rename = "FunctionName")]
    pub function_name: String,
    /// `CodeSha256`.
    #[serde(
        rename = "CodeSha256",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub code_sha256: Option<String>,
    /// `Description`.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// `RevisionId`.
    #[serde(
        rename = "RevisionId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub revision_id: Option<String>,
    /// `PublishTo`.
    #[serde(rename = "PublishTo", default, skip_serializing_if = "Option::is_none")]
    pub publish_to: Option<String>,
}

/// The model's `ListVersionsByFunctionRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListVersionsByFunctionRequest {
    /// `FunctionName`.
    #[serde(rename = "FunctionName")]
    pub function_name: String,
    /// `Marker`.
    #[serde(rename = "Marker", default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// `MaxItems`.
    #[serde(rename = "MaxItems", default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<i32>,
}

/// The model's `ListVersionsByFunctionResponse`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ListVersionsByFunctionResponse {
    /// `NextMarker`.
    #[serde(
        rename = "NextMarker",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_marker: Option<String>,
    /// `Versions`.
    #[serde(rename = "Versions", default, skip_serializing_if = "Option::is_none")]
    pub versions: Option<Vec<Arc<FunctionConfiguration>>>,
}

/// The model's `CreateAliasRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateAliasRequest {
    /// `FunctionName`.
    #[serde(rename = "FunctionName")]
    pub function_name: String,
    /// `Name`.
    #[serde(rename = "Name")]
    pub name: String,
    /// `FunctionVersion`.
    #[serde(rename = "FunctionVersion")]
    pub function_version: String,
    /// `Description`.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// `RoutingConfig`.
    #[serde(
        rename = "RoutingConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub routing_config: Option<AliasRoutingConfiguration>,
}

/// The model's `AliasRoutingConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AliasRoutingConfiguration {
    /// `AdditionalVersionWeights`.
    #[serde(
        rename = "AdditionalVersionWeights",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub additional_version_weights: Option<BTreeMap<String, f64>>,
}

/// The model's `AliasConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AliasConfiguration {
    /// `AliasArn`.
    #[serde(rename = "AliasArn", default, skip_serializing_if = "Option::is_none")]
    pub alias_arn: Option<String>,
    /// `Name`.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `FunctionVersion`.
    #[serde(
        rename = "FunctionVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub function_version: Option<String>,
    /// `Description`.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// `RoutingConfig`.
    #[serde(
        rename = "RoutingConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub routing_config: Option<AliasRoutingConfiguration>,
    /// `RevisionId`.
    #[serde(
        rename = "RevisionId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub revision_id: Option<String>,
}

/// The model's `GetAliasRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetAliasRequest {
    /// `FunctionName`.
    #[serde(rename = "FunctionName")]
    pub function_name: String,
    /// `Name`.
    #[serde(rename = "Name")]
    pub name: String,
}

/// The model's `UpdateAliasRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateAliasRequest {
    /// `FunctionName`.
    #[serde(rename = "FunctionName")]
    pub function_name: String,
    /// `Name`.
    #[serde(rename = "Name")]
    pub name: String,
    /// `FunctionVersion`.
    #[serde(
        rename = "FunctionVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub function_version: Option<String>,
    /// `Description`.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// `RoutingConfig`.
    #[serde(
        rename = "RoutingConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub routing_config: Option<AliasRoutingConfiguration>,
    /// `RevisionId`.
    #[serde(
        rename = "RevisionId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub revision_id: Option<String>,
}

/// The model's `DeleteAliasRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteAliasRequest {
    /// `FunctionName`.
    #[serde(rename = "FunctionName")]
    pub function_name: String,
    /// `Name`.
    #[serde(rename = "Name")]
    pub name: String,
}

/// The model's `ListAliasesRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListAliasesRequest {
    /// `FunctionName`.
    #[serde(rename = "FunctionName")]
    pub function_name: String,
    /// `FunctionVersion`.
    #[serde(
        rename = "FunctionVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub function_version: Option<String>,
    /// `Marker`.
    #[serde(rename = "Marker", default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// `MaxItems`.
    #[serde(rename = "MaxItems", default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<i32>,
}

/// The model's `ListAliasesResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListAliasesResponse {
    /// `NextMarker`.
    #[serde(
        rename = "NextMarker",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_marker: Option<String>,
    /// `Aliases`.
    #[serde(rename = "Aliases", default, skip_serializing_if = "Option::is_none")]
    pub aliases: Option<Vec<AliasConfiguration>>,
}

/// The model's `ListTagsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListTagsRequest {
    /// `Resource`.
    #[serde(rename = "Resource")]
    pub resource: String,
}

/// The model's `ListTagsResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListTagsResponse {
    /// `Tags`.
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<BTreeMap<String, String>>,
}

/// The model's `TagResourceRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TagResourceRequest {
    /// `Resource`.
    #[serde(rename = "Resource")]
    pub resource: String,
    /// `Tags`.
    #[serde(rename = "Tags")]
    pub tags: BTreeMap<String, String>,
}

/// The model's `UntagResourceRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UntagResourceRequest {
    /// `Resource`.
    #[serde(rename = "Resource")]
    pub resource: String,
    /// `TagKeys`.
    #[serde(rename = "TagKeys")]
    pub tag_keys: Vec<String>,
}

/// The model's `PutFunctionConcurrencyRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PutFunctionConcurrencyRequest {
    /// `FunctionName`.
    #[serde(rename = "FunctionName")]
    pub function_name: String,
    /// `ReservedConcurrentExecutions`.
    #[serde(rename = "ReservedConcurrentExecutions")]
    pub reserved_concurrent_executions: i32,
}

/// The model's `GetFunctionConcurrencyRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetFunctionConcurrencyRequest {
    /// `FunctionName`.
    #[serde(rename = "FunctionName")]
    pub function_name: String,
}

/// The model's `GetFunctionConcurrencyResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetFunctionConcurrencyResponse {
    /// `ReservedConcurrentExecutions`.
    #[serde(
        rename = "ReservedConcurrentExecutions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reserved_concurrent_executions: Option<i32>,
}

/// The model's `DeleteFunctionConcurrencyRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteFunctionConcurrencyRequest {
    /// `FunctionName`.
    #[serde(rename = "FunctionName")]
    pub function_name: String,
}

/// The model's `GetAccountSettingsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetAccountSettingsRequest {}

/// The model's `GetAccountSettingsResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetAccountSettingsResponse {
    /// `AccountLimit`.
    #[serde(
        rename = "AccountLimit",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub account_limit: Option<AccountLimit>,
    /// `AccountUsage`.
    #[serde(
        rename = "AccountUsage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub account_usage: Option<AccountUsage>,
}

/// The model's `AccountLimit`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountLimit {
    /// `TotalCodeSize`.
    #[serde(
        rename = "TotalCodeSize",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub total_code_size: Option<i64>,
    /// `CodeSizeUnzipped`.
    #[serde(
        rename = "CodeSizeUnzipped",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub code_size_unzipped: Option<i64>,
    /// `CodeSizeZipped`.
    #[serde(
        rename = "CodeSizeZipped",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub code_size_zipped: Option<i64>,
    /// `ConcurrentExecutions`.
    #[serde(
        rename = "ConcurrentExecutions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub concurrent_executions: Option<i32>,
    /// `UnreservedConcurrentExecutions`.
    #[serde(
        rename = "UnreservedConcurrentExecutions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub unreserved_concurrent_executions: Option<i32>,
}

/// The model's `AccountUsage`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountUsage {
    /// `TotalCodeSize`.
    #[serde(
        rename = "TotalCodeSize",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub total_code_size: Option<i64>,
    /// `FunctionCount`.
    #[serde(
        rename = "FunctionCount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub function_count: Option<i64>,
}

/// The model's `EventSourceMappingConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventSourceMappingConfiguration {
    /// `UUID`.
    #[serde(rename = "UUID", default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// `StartingPosition`.
    #[serde(
        rename = "StartingPosition",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub starting_position: Option<String>,
    /// `StartingPositionTimestamp`.
    #[serde(
        rename = "StartingPositionTimestamp",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub starting_position_timestamp: Option<f64>,
    /// `BatchSize`.
    #[serde(rename = "BatchSize", default, skip_serializing_if = "Option::is_none")]
    pub batch_size: Option<i32>,
    /// `MaximumBatchingWindowInSeconds`.
    #[serde(
        rename = "MaximumBatchingWindowInSeconds",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub maximum_batching_window_in_seconds: Option<i32>,
    /// `ParallelizationFactor`.
    #[serde(
        rename = "ParallelizationFactor",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub parallelization_factor: Option<i32>,
    /// `EventSourceArn`.
    #[serde(
        rename = "EventSourceArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_source_arn: Option<String>,
    /// `FilterCriteria`.
    #[serde(
        rename = "FilterCriteria",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub filter_criteria: Option<FilterCriteria>,
    /// `FilterCriteriaError`.
    #[serde(
        rename = "FilterCriteriaError",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub filter_criteria_error: Option<FilterCriteriaError>,
    /// `KMSKeyArn`.
    #[serde(rename = "KMSKeyArn", default, skip_serializing_if = "Option::is_none")]
    pub kms_key_arn: Option<String>,
    /// `MetricsConfig`.
    #[serde(
        rename = "MetricsConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub metrics_config: Option<EventSourceMappingMetricsConfig>,
    /// `LoggingConfig`.
    #[serde(
        rename = "LoggingConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub logging_config: Option<EventSourceMappingLoggingConfig>,
    /// `ScalingConfig`.
    #[serde(
        rename = "ScalingConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub scaling_config: Option<ScalingConfig>,
    /// `FunctionArn`.
    #[serde(
        rename = "FunctionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub function_arn: Option<String>,
    /// `LastModified`.
    #[serde(
        rename = "LastModified",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified: Option<f64>,
    /// `LastProcessingResult`.
    #[serde(
        rename = "LastProcessingResult",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_processing_result: Option<String>,
    /// `State`.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// `StateTransitionReason`.
    #[serde(
        rename = "StateTransitionReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_transition_reason: Option<String>,
    /// `DestinationConfig`.
    #[serde(
        rename = "DestinationConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub destination_config: Option<DestinationConfig>,
    /// `Topics`.
    #[serde(rename = "Topics", default, skip_serializing_if = "Option::is_none")]
    pub topics: Option<Vec<String>>,
    /// `Queues`.
    #[serde(rename = "Queues", default, skip_serializing_if = "Option::is_none")]
    pub queues: Option<Vec<String>>,
    /// `SourceAccessConfigurations`.
    #[serde(
        rename = "SourceAccessConfigurations",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub source_access_configurations: Option<Vec<SourceAccessConfiguration>>,
    /// `SelfManagedEventSource`.
    #[serde(
        rename = "SelfManagedEventSource",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub self_managed_event_source: Option<SelfManagedEventSource>,
    /// `MaximumRecordAgeInSeconds`.
    #[serde(
        rename = "MaximumRecordAgeInSeconds",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub maximum_record_age_in_seconds: Option<i32>,
    /// `BisectBatchOnFunctionError`.
    #[serde(
        rename = "BisectBatchOnFunctionError",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub bisect_batch_on_function_error: Option<bool>,
    /// `MaximumRetryAttempts`.
    #[serde(
        rename = "MaximumRetryAttempts",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub maximum_retry_attempts: Option<i32>,
    /// `TumblingWindowInSeconds`.
    #[serde(
        rename = "TumblingWindowInSeconds",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tumbling_window_in_seconds: Option<i32>,
    /// `FunctionResponseTypes`.
    #[serde(
        rename = "FunctionResponseTypes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub function_response_types: Option<Vec<String>>,
    /// `AmazonManagedKafkaEventSourceConfig`.
    #[serde(
        rename = "AmazonManagedKafkaEventSourceConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub amazon_managed_kafka_event_source_config: Option<AmazonManagedKafkaEventSourceConfig>,
    /// `SelfManagedKafkaEventSourceConfig`.
    #[serde(
        rename = "SelfManagedKafkaEventSourceConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub self_managed_kafka_event_source_config: Option<SelfManagedKafkaEventSourceConfig>,
    /// `DocumentDBEventSourceConfig`.
    #[serde(
        rename = "DocumentDBEventSourceConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub document_db_event_source_config: Option<DocumentDBEventSourceConfig>,
    /// `EventSourceMappingArn`.
    #[serde(
        rename = "EventSourceMappingArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_source_mapping_arn: Option<String>,
    /// `ProvisionedPollerConfig`.
    #[serde(
        rename = "ProvisionedPollerConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub provisioned_poller_config: Option<ProvisionedPollerConfig>,
}

/// The model's `FilterCriteria`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FilterCriteria {
    /// `Filters`.
    #[serde(rename = "Filters", default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<Vec<Filter>>,
}

/// The model's `Filter`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    /// `Pattern`.
    #[serde(rename = "Pattern", default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
}

/// The model's `FilterCriteriaError`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FilterCriteriaError {
    /// `ErrorCode`.
    #[serde(rename = "ErrorCode", default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// `Message`.
    #[serde(rename = "Message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The model's `EventSourceMappingMetricsConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventSourceMappingMetricsConfig {
    /// `Metrics`.
    #[serde(rename = "Metrics", default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<Vec<String>>,
}

/// The model's `EventSourceMappingLoggingConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventSourceMappingLoggingConfig {
    /// `SystemLogLevel`.
    #[serde(
        rename = "SystemLogLevel",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub system_log_level: Option<String>,
}

/// The model's `ScalingConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScalingConfig {
    /// `MaximumConcurrency`.
    #[serde(
        rename = "MaximumConcurrency",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub maximum_concurrency: Option<i32>,
}

/// The model's `DestinationConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DestinationConfig {
    /// `OnSuccess`.
    #[serde(rename = "OnSuccess", default, skip_serializing_if = "Option::is_none")]
    pub on_success: Option<OnSuccess>,
    /// `OnFailure`.
    #[serde(rename = "OnFailure", default, skip_serializing_if = "Option::is_none")]
    pub on_failure: Option<OnFailure>,
}

/// The model's `OnSuccess`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OnSuccess {
    /// `Destination`.
    #[serde(
        rename = "Destination",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub destination: Option<String>,
}

/// The model's `OnFailure`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OnFailure {
    /// `Destination`.
    #[serde(
        rename = "Destination",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub destination: Option<String>,
}

/// The model's `SourceAccessConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceAccessConfiguration {
    /// `Type`.
    #[serde(rename = "Type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// `URI`.
    #[serde(rename = "URI", default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
}

/// The model's `SelfManagedEventSource`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SelfManagedEventSource {
    /// `Endpoints`.
    #[serde(rename = "Endpoints", default, skip_serializing_if = "Option::is_none")]
    pub endpoints: Option<BTreeMap<String, Vec<String>>>,
}

/// The model's `AmazonManagedKafkaEventSourceConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AmazonManagedKafkaEventSourceConfig {
    /// `ConsumerGroupId`.
    #[serde(
        rename = "ConsumerGroupId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub consumer_group_id: Option<String>,
    /// `SchemaRegistryConfig`.
    #[serde(
        rename = "SchemaRegistryConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub schema_registry_config: Option<KafkaSchemaRegistryConfig>,
}

/// The model's `KafkaSchemaRegistryConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KafkaSchemaRegistryConfig {
    /// `SchemaRegistryURI`.
    #[serde(
        rename = "SchemaRegistryURI",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub schema_registry_uri: Option<String>,
    /// `EventRecordFormat`.
    #[serde(
        rename = "EventRecordFormat",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_record_format: Option<String>,
    /// `AccessConfigs`.
    #[serde(
        rename = "AccessConfigs",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub access_configs: Option<Vec<KafkaSchemaRegistryAccessConfig>>,
    /// `SchemaValidationConfigs`.
    #[serde(
        rename = "SchemaValidationConfigs",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub schema_validation_configs: Option<Vec<KafkaSchemaValidationConfig>>,
}

/// The model's `KafkaSchemaRegistryAccessConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KafkaSchemaRegistryAccessConfig {
    /// `Type`.
    #[serde(rename = "Type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// `URI`.
    #[serde(rename = "URI", default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
}

/// The model's `KafkaSchemaValidationConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KafkaSchemaValidationConfig {
    /// `Attribute`.
    #[serde(rename = "Attribute", default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<String>,
}

/// The model's `SelfManagedKafkaEventSourceConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SelfManagedKafkaEventSourceConfig {
    /// `ConsumerGroupId`.
    #[serde(
        rename = "ConsumerGroupId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub consumer_group_id: Option<String>,
    /// `SchemaRegistryConfig`.
    #[serde(
        rename = "SchemaRegistryConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub schema_registry_config: Option<KafkaSchemaRegistryConfig>,
    /// `ConsumptionMode`.
    #[serde(
        rename = "ConsumptionMode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub consumption_mode: Option<String>,
}

/// The model's `DocumentDBEventSourceConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentDBEventSourceConfig {
    /// `DatabaseName`.
    #[serde(
        rename = "DatabaseName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub database_name: Option<String>,
    /// `CollectionName`.
    #[serde(
        rename = "CollectionName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub collection_name: Option<String>,
    /// `FullDocument`.
    #[serde(
        rename = "FullDocument",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub full_document: Option<String>,
}

/// The model's `ProvisionedPollerConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProvisionedPollerConfig {
    /// `MinimumPollers`.
    #[serde(
        rename = "MinimumPollers",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub minimum_pollers: Option<i32>,
    /// `MaximumPollers`.
    #[serde(
        rename = "MaximumPollers",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub maximum_pollers: Option<i32>,
    /// `PollerGroupName`.
    #[serde(
        rename = "PollerGroupName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub poller_group_name: Option<String>,
}

/// The model's `GetEventSourceMappingRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetEventSourceMappingRequest {
    /// `UUID`.
    #[serde(rename = "UUID")]
    pub uuid: String,
}

/// The model's `DeleteEventSourceMappingRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteEventSourceMappingRequest {
    /// `UUID`.
    #[serde(rename = "UUID")]
    pub uuid: String,
}

/// The model's `ListEventSourceMappingsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListEventSourceMappingsRequest {
    /// `EventSourceArn`.
    #[serde(
        rename = "EventSourceArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_source_arn: Option<String>,
    /// `FunctionName`.
    #[serde(
        rename = "FunctionName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub function_name: Option<String>,
    /// `Marker`.
    #[serde(rename = "Marker", default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// `MaxItems`.
    #[serde(rename = "MaxItems", default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<i32>,
}

/// The model's `ListEventSourceMappingsResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListEventSourceMappingsResponse {
    /// `NextMarker`.
    #[serde(
        rename = "NextMarker",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_marker: Option<String>,
    /// `EventSourceMappings`.
    #[serde(
        rename = "EventSourceMappings",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_source_mappings: Option<Vec<EventSourceMappingConfiguration>>,
}
