//! Structures shared by several Step Functions operations, in their wire form.

use crate::engine::history::epoch_seconds;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
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

impl<'de> Deserialize<'de> for Timestamp {
    /// Reads epoch seconds, as awsJson sends them (for answers read back, as tests do).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let seconds = f64::deserialize(deserializer)?;
        let nanos = (seconds * 1e9).round() as i128;
        OffsetDateTime::from_unix_timestamp_nanos(nanos)
            .map(Timestamp)
            .map_err(serde::de::Error::custom)
    }
}

pub use super::types::{
    CloudWatchLogsLogGroup, EncryptionConfiguration, LogDestination, LoggingConfiguration, Tag,
    TracingConfiguration,
};

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
