//! Requests and responses of the Lambda operations, as the rest-json bodies spell them.
//! Members bound to the URI, query string or headers are separate arguments of the operations.

use super::types;
use crate::aws::numbers;
use std::collections::BTreeMap;

/// A function version's configuration, as `GetFunctionConfiguration` returns it.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionConfiguration {
    /// The function's name.
    pub function_name: String,
    /// The function's ARN; qualified with the version for published versions.
    pub function_arn: String,
    /// e.g. `python3.12`.
    pub runtime: Option<String>,
    /// The execution role.
    pub role: String,
    /// e.g. `handler.handler`.
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
    pub environment: Option<Environment>,
    /// X-Ray mode.
    pub tracing_config: TracingConfig,
    /// Changes with every update; guards conditional updates.
    pub revision_id: String,
    /// Layers, as ARNs (their content is not used).
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
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Environment {
    /// Name to value.
    pub variables: BTreeMap<String, String>,
}

/// X-Ray tracing mode.
#[derive(Debug, Clone, PartialEq)]
pub struct TracingConfig {
    /// `PassThrough` or `Active`.
    pub mode: String,
}

/// A layer attached to a function.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerReference {
    /// The layer version ARN.
    pub arn: String,
    /// Unknown here: always 0.
    pub code_size: u64,
}

/// `/tmp` size in MB.
#[derive(Debug, Clone, PartialEq)]
pub struct EphemeralStorage {
    /// 512 to 10240.
    pub size: u32,
}

/// SnapStart settings (never applied).
#[derive(Debug, Clone, PartialEq)]
pub struct SnapStart {
    /// `None`.
    pub apply_on: String,
    /// `Off`.
    pub optimization_status: String,
}

/// Logging settings.
#[derive(Debug, Clone, PartialEq)]
pub struct LoggingConfig {
    /// `Text` or `JSON`.
    pub log_format: String,
    /// `/aws/lambda/<name>` unless set.
    pub log_group: Option<String>,
    /// JSON format only.
    pub application_log_level: Option<String>,
    /// JSON format only.
    pub system_log_level: Option<String>,
}

fn text_format() -> String {
    "Text".to_owned()
}

/// An alias, as the alias operations return it.
#[derive(Debug, Clone, PartialEq)]
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
    pub routing_config: Option<RoutingConfig>,
    /// Changes with every update.
    pub revision_id: String,
}

/// An alias's weighted routing.
#[derive(Debug, Clone, PartialEq)]
pub struct RoutingConfig {
    /// Version to weight (0.0 to 1.0).
    pub additional_version_weights: BTreeMap<String, f64>,
}

impl FunctionConfiguration {
    /// The configuration as the model's `FunctionConfiguration` answers it.
    pub fn to_wire(&self) -> types::FunctionConfiguration {
        let layers = self.layers.iter().map(|layer| types::Layer {
            arn: Some(layer.arn.clone()),
            code_size: Some(numbers::long(layer.code_size)),
            ..types::Layer::default()
        });
        types::FunctionConfiguration {
            function_name: Some(self.function_name.clone()),
            function_arn: Some(self.function_arn.clone()),
            runtime: self.runtime.clone(),
            role: Some(self.role.clone()),
            handler: self.handler.clone(),
            code_size: Some(numbers::long(self.code_size)),
            description: Some(self.description.clone()),
            timeout: Some(numbers::int(self.timeout)),
            memory_size: Some(numbers::int(self.memory_size)),
            last_modified: Some(self.last_modified.clone()),
            code_sha256: Some(self.code_sha256.clone()),
            version: Some(self.version.clone()),
            environment: self
                .environment
                .as_ref()
                .map(|e| types::EnvironmentResponse {
                    variables: Some(e.variables.clone()),
                    error: None,
                }),
            tracing_config: Some(types::TracingConfigResponse {
                mode: Some(self.tracing_config.mode.clone()),
            }),
            revision_id: Some(self.revision_id.clone()),
            layers: (!self.layers.is_empty()).then(|| layers.collect()),
            state: Some(self.state.clone()),
            last_update_status: Some(self.last_update_status.clone()),
            package_type: Some(self.package_type.clone()),
            architectures: Some(self.architectures.clone()),
            ephemeral_storage: Some(types::EphemeralStorage {
                size: numbers::int(self.ephemeral_storage.size),
            }),
            snap_start: Some(types::SnapStartResponse {
                apply_on: Some(self.snap_start.apply_on.clone()),
                optimization_status: Some(self.snap_start.optimization_status.clone()),
            }),
            logging_config: Some(self.logging_config.to_wire()),
            ..types::FunctionConfiguration::default()
        }
    }
}

impl LoggingConfig {
    fn to_wire(&self) -> types::LoggingConfig {
        types::LoggingConfig {
            log_format: Some(self.log_format.clone()),
            application_log_level: self.application_log_level.clone(),
            system_log_level: self.system_log_level.clone(),
            log_group: self.log_group.clone(),
        }
    }
}

impl AliasConfiguration {
    /// The alias as the model's `AliasConfiguration` answers it.
    pub fn to_wire(&self) -> types::AliasConfiguration {
        types::AliasConfiguration {
            alias_arn: Some(self.alias_arn.clone()),
            name: Some(self.name.clone()),
            function_version: Some(self.function_version.clone()),
            description: Some(self.description.clone()),
            routing_config: self.routing_config.as_ref().map(|routing| {
                types::AliasRoutingConfiguration {
                    additional_version_weights: Some(routing.additional_version_weights.clone()),
                }
            }),
            revision_id: Some(self.revision_id.clone()),
        }
    }
}

impl From<types::Environment> for Environment {
    fn from(environment: types::Environment) -> Self {
        Environment {
            variables: environment.variables.unwrap_or_default(),
        }
    }
}

impl From<types::TracingConfig> for TracingConfig {
    fn from(tracing: types::TracingConfig) -> Self {
        TracingConfig {
            mode: tracing.mode.unwrap_or_else(|| "PassThrough".to_owned()),
        }
    }
}

impl From<types::EphemeralStorage> for EphemeralStorage {
    fn from(storage: types::EphemeralStorage) -> Self {
        // The model's range (512 to 10,240) is checked before the service is called.
        EphemeralStorage {
            size: u32::try_from(storage.size).unwrap_or(512),
        }
    }
}

impl From<types::LoggingConfig> for LoggingConfig {
    fn from(logging: types::LoggingConfig) -> Self {
        LoggingConfig {
            log_format: logging.log_format.unwrap_or_else(text_format),
            log_group: logging.log_group,
            application_log_level: logging.application_log_level,
            system_log_level: logging.system_log_level,
        }
    }
}

impl From<types::AliasRoutingConfiguration> for RoutingConfig {
    fn from(routing: types::AliasRoutingConfiguration) -> Self {
        RoutingConfig {
            additional_version_weights: routing.additional_version_weights.unwrap_or_default(),
        }
    }
}
