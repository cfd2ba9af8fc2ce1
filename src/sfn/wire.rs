//! Structures shared by several Step Functions operations, in their wire form.

use crate::engine::history::epoch_seconds;
use serde::{Deserialize, Serialize, Serializer};
use time::OffsetDateTime;

/// A point in time, sent as epoch seconds with millisecond precision (awsJson's timestamp form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(OffsetDateTime);

impl From<OffsetDateTime> for Timestamp {
    fn from(time: OffsetDateTime) -> Self {
        Timestamp(time)
    }
}

impl Timestamp {
    /// The point in time.
    pub fn time(self) -> OffsetDateTime {
        self.0
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(epoch_seconds(self.0))
    }
}

/// A resource tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// Tag key, 1-128 characters.
    #[serde(default)]
    pub key: Option<String>,
    /// Tag value, 0-256 characters.
    #[serde(default)]
    pub value: Option<String>,
}

/// Where and how much an execution logs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggingConfiguration {
    /// ALL, ERROR, FATAL or OFF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Whether execution data is logged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_execution_data: Option<bool>,
    /// At most one CloudWatch Logs destination.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destinations: Option<Vec<LogDestination>>,
}

/// One log destination.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogDestination {
    /// The log group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud_watch_logs_log_group: Option<LogGroup>,
}

/// A CloudWatch Logs log group reference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogGroup {
    /// `arn:aws:logs:<region>:<account>:log-group:<name>:*`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_group_arn: Option<String>,
}

impl LoggingConfiguration {
    /// What AWS reports for a state machine created without one.
    pub fn off() -> Self {
        LoggingConfiguration {
            level: Some("OFF".into()),
            include_execution_data: Some(false),
            destinations: None,
        }
    }
}

/// X-Ray tracing switch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TracingConfiguration {
    /// Whether tracing is on.
    #[serde(default)]
    pub enabled: Option<bool>,
}

/// KMS encryption settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EncryptionConfiguration {
    /// Key id, alias or ARN (customer-managed keys only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
    /// 60-900 seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_data_key_reuse_period_seconds: Option<i64>,
    /// AWS_OWNED_KEY or CUSTOMER_MANAGED_KMS_KEY.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// An operation's empty result, `{}`.
#[derive(Debug, Serialize)]
pub struct Empty {}
