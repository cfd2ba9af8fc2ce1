//! Requests and responses of the Lambda operations, as the rest-json bodies spell them.
//! Members bound to the URI, query string or headers are separate arguments of the operations.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A function version's configuration, as `GetFunctionConfiguration` returns it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct FunctionConfiguration {
    /// The function's name.
    pub function_name: String,
    /// The function's ARN; qualified with the version for published versions.
    pub function_arn: String,
    /// e.g. `python3.12`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runtime: Option<String>,
    /// The execution role.
    pub role: String,
    /// e.g. `handler.handler`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handler: Option<String>,
    /// The zip's size in bytes.
    pub code_size: u64,
    /// Free text.
    pub description: String,
    /// Seconds an invocation may run.
    pub timeout: u32,
    /// Megabytes.
    pub memory_size: u32,
    /// `2024-01-01T00:00:00.000+0000`.
    pub last_modified: String,
    /// Base64 SHA-256 of the zip.
    pub code_sha256: String,
    /// `$LATEST` or a version number.
    pub version: String,
    /// Environment variables, when any were set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment: Option<Environment>,
    /// X-Ray mode.
    pub tracing_config: TracingConfig,
    /// Changes with every update; guards conditional updates.
    pub revision_id: String,
    /// Layers, as ARNs (their content is not used).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub layers: Vec<LayerReference>,
    /// Always `Active`: functions are ready as soon as they are created.
    pub state: String,
    /// Always `Successful`.
    pub last_update_status: String,
    /// Always `Zip`.
    pub package_type: String,
    /// `x86_64` or `arm64` (recorded, not enforced).
    pub architectures: Vec<String>,
    /// `/tmp` size.
    pub ephemeral_storage: EphemeralStorage,
    /// Always off.
    pub snap_start: SnapStart,
    /// Log format and group.
    pub logging_config: LoggingConfig,
}

/// Environment variables.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Environment {
    /// Name to value.
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
}

/// X-Ray tracing mode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TracingConfig {
    /// `PassThrough` or `Active`.
    pub mode: String,
}

/// A layer attached to a function.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LayerReference {
    /// The layer version ARN.
    pub arn: String,
    /// Unknown here: always 0.
    pub code_size: u64,
}

/// `/tmp` size in MB.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EphemeralStorage {
    /// 512 to 10240.
    pub size: u32,
}

/// SnapStart settings (never applied).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SnapStart {
    /// `None`.
    pub apply_on: String,
    /// `Off`.
    pub optimization_status: String,
}

/// Logging settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LoggingConfig {
    /// `Text` or `JSON`.
    #[serde(default = "text_format")]
    pub log_format: String,
    /// `/aws/lambda/<name>` unless set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_group: Option<String>,
    /// JSON format only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_log_level: Option<String>,
    /// JSON format only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_log_level: Option<String>,
}

fn text_format() -> String {
    "Text".to_owned()
}

/// Where a function's code comes from.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct FunctionCode {
    /// The zip, base64-encoded.
    pub zip_file: Option<String>,
    /// S3 is not served by Stepstone; naming a bucket is an error.
    pub s3_bucket: Option<String>,
    /// See `s3_bucket`.
    pub s3_key: Option<String>,
    /// Container images are not run; naming one is an error.
    pub image_uri: Option<String>,
}

/// `CreateFunction`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateFunction {
    /// Required.
    pub function_name: Option<String>,
    /// Required for zip packages.
    pub runtime: Option<String>,
    /// Required.
    pub role: Option<String>,
    /// Required for zip packages.
    pub handler: Option<String>,
    /// Required.
    pub code: Option<FunctionCode>,
    /// Free text.
    pub description: Option<String>,
    /// Seconds, default 3.
    pub timeout: Option<u32>,
    /// MB, default 128.
    pub memory_size: Option<u32>,
    /// Publish version 1 at once.
    #[serde(default)]
    pub publish: bool,
    /// Environment variables.
    pub environment: Option<Environment>,
    /// Tags.
    pub tags: Option<BTreeMap<String, String>>,
    /// Layer version ARNs.
    pub layers: Option<Vec<String>>,
    /// `x86_64` or `arm64`.
    pub architectures: Option<Vec<String>>,
    /// `Zip` or `Image`.
    pub package_type: Option<String>,
    /// X-Ray mode.
    pub tracing_config: Option<TracingConfig>,
    /// `/tmp` size.
    pub ephemeral_storage: Option<EphemeralStorage>,
    /// Logging settings.
    pub logging_config: Option<LoggingConfig>,
}

/// `UpdateFunctionConfiguration`: every member optional; absent ones keep their value.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateFunctionConfiguration {
    /// New role.
    pub role: Option<String>,
    /// New handler.
    pub handler: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New timeout.
    pub timeout: Option<u32>,
    /// New memory size.
    pub memory_size: Option<u32>,
    /// Replaces all variables.
    pub environment: Option<Environment>,
    /// New runtime.
    pub runtime: Option<String>,
    /// Replaces all layers.
    pub layers: Option<Vec<String>>,
    /// Only if the function's revision is still this one.
    pub revision_id: Option<String>,
    /// New tracing mode.
    pub tracing_config: Option<TracingConfig>,
    /// New `/tmp` size.
    pub ephemeral_storage: Option<EphemeralStorage>,
    /// New logging settings.
    pub logging_config: Option<LoggingConfig>,
}

/// `UpdateFunctionCode`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateFunctionCode {
    /// The new zip, base64-encoded.
    pub zip_file: Option<String>,
    /// Not served (see [`FunctionCode`]).
    pub s3_bucket: Option<String>,
    /// Not served.
    pub s3_key: Option<String>,
    /// Not run.
    pub image_uri: Option<String>,
    /// Publish a version after the update.
    #[serde(default)]
    pub publish: bool,
    /// Validate only.
    #[serde(default)]
    pub dry_run: bool,
    /// Only if the function's revision is still this one.
    pub revision_id: Option<String>,
    /// New architectures.
    pub architectures: Option<Vec<String>>,
}

/// `PublishVersion`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PublishVersion {
    /// Only if `$LATEST`'s code has this digest.
    pub code_sha256: Option<String>,
    /// The version's description (defaults to the function's).
    pub description: Option<String>,
    /// Only if the function's revision is still this one.
    pub revision_id: Option<String>,
}

/// `GetFunction`'s response.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetFunctionOutput {
    /// The version's configuration.
    pub configuration: Arc<FunctionConfiguration>,
    /// Where the package could be downloaded from.
    pub code: CodeLocation,
    /// The function's tags, when it has any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<BTreeMap<String, String>>,
    /// Its reserved concurrency, when one is set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concurrency: Option<serde_json::Value>,
}

/// `GetFunction`'s `Code`: nowhere, as packages never go to S3 here.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CodeLocation {
    /// Always `S3`.
    pub repository_type: &'static str,
    /// Always empty.
    pub location: &'static str,
}

/// `ListFunctions`' response.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListFunctionsOutput {
    /// The page of configurations.
    pub functions: Vec<Arc<FunctionConfiguration>>,
    /// Where the next page starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_marker: Option<String>,
}

/// `ListVersionsByFunction`'s response.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListVersionsByFunctionOutput {
    /// The page of configurations, `$LATEST` first.
    pub versions: Vec<Arc<FunctionConfiguration>>,
    /// Where the next page starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_marker: Option<String>,
}

/// `ListAliases`' response.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListAliasesOutput {
    /// The page of aliases.
    pub aliases: Vec<AliasConfiguration>,
    /// Where the next page starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_marker: Option<String>,
}

/// An alias, as the alias operations return it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AliasConfiguration {
    /// `<function arn>:<alias>`.
    pub alias_arn: String,
    /// The alias name.
    pub name: String,
    /// The version it points to.
    pub function_version: String,
    /// Free text.
    pub description: String,
    /// Weighted routing to a second version, when set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routing_config: Option<RoutingConfig>,
    /// Changes with every update.
    pub revision_id: String,
}

/// An alias's weighted routing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RoutingConfig {
    /// Version to weight (0.0 to 1.0).
    #[serde(default)]
    pub additional_version_weights: BTreeMap<String, f64>,
}

/// `CreateAlias`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateAlias {
    /// Required.
    pub name: Option<String>,
    /// Required.
    pub function_version: Option<String>,
    /// Free text.
    pub description: Option<String>,
    /// Weighted routing.
    pub routing_config: Option<RoutingConfig>,
}

/// `UpdateAlias`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateAlias {
    /// New version.
    pub function_version: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New routing (an empty map removes it).
    pub routing_config: Option<RoutingConfig>,
    /// Only if the alias's revision is still this one.
    pub revision_id: Option<String>,
}

/// `TagResource`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TagResource {
    /// Tags to add or overwrite.
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}
