//! A mapping's settings as Lambda keeps and reports them, and the request members that set
//! them.

use super::filters::{FilterCriteria, Filters};
use crate::aws::numbers;
use crate::services::lambda::types;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// SQS's default batch size.
pub const DEFAULT_BATCH_SIZE: u32 = 10;

/// An SQS queue's ARN, read into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueArn {
    /// The ARN as the client wrote it.
    pub arn: String,
    /// Its region.
    pub region: String,
    /// The account that owns the queue.
    pub account: String,
    /// The queue's name.
    pub name: String,
}

impl QueueArn {
    /// Reads `arn:<partition>:sqs:<region>:<account>:<name>`; `None` for any other ARN.
    pub fn parse(arn: &str) -> Option<QueueArn> {
        let parts: Vec<&str> = arn.split(':').collect();
        match parts.as_slice() {
            ["arn", _, "sqs", region, account, name] if !name.is_empty() => Some(QueueArn {
                arn: arn.to_owned(),
                region: (*region).to_owned(),
                account: (*account).to_owned(),
                name: (*name).to_owned(),
            }),
            _ => None,
        }
    }

    /// Whether the queue is FIFO: SQS requires FIFO queues' names to end so.
    pub fn fifo(&self) -> bool {
        self.name.ends_with(".fifo")
    }
}

/// One mapping from an SQS queue to a function.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// Its identifier.
    pub uuid: String,
    /// The queue it polls.
    pub queue: QueueArn,
    /// The function's ARN, with the qualifier (version or alias) it was given.
    pub function_arn: String,
    /// The function's name, for messages.
    pub function_name: String,
    /// The most messages one invocation gets.
    pub batch_size: u32,
    /// How long, in seconds, to gather a batch before invoking.
    pub window: u32,
    /// `ScalingConfig.MaximumConcurrency`: the most invocations at once.
    pub max_concurrency: Option<u32>,
    /// Whether the function reports failed items (`ReportBatchItemFailures`).
    pub report_failures: bool,
    /// `FilterCriteria`: the messages the function gets; `None` passes every one.
    pub filters: Option<Filters>,
    /// The customer managed key AWS would encrypt the filter criteria with.
    pub kms_key_arn: Option<String>,
    /// `MetricsConfig` `["EventCount"]`: CloudWatch metrics AWS would publish.
    pub event_count_metrics: bool,
    /// `ProvisionedPollerConfig`: AWS's provisioned mode, kept and reported (a local poller
    /// needs no reserved capacity).
    pub pollers: Option<Pollers>,
    /// Whether the mapping polls.
    pub enabled: bool,
    /// When it last changed, in seconds since the epoch.
    pub last_modified: f64,
    /// Its tags (`Tags` on Create, then TagResource and UntagResource on its ARN).
    pub tags: BTreeMap<String, String>,
}

/// The members of a Create or Update request that apply to SQS; any other member present is
/// kept in `other`, to be refused.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MappingRequest {
    /// The queue (Create only).
    pub event_source_arn: Option<String>,
    /// The function, in any form `FunctionName` takes.
    pub function_name: Option<String>,
    /// Whether to poll.
    pub enabled: Option<bool>,
    /// Messages per invocation.
    pub batch_size: Option<u32>,
    /// Seconds to gather a batch.
    pub maximum_batching_window_in_seconds: Option<u32>,
    /// `MaximumConcurrency`.
    pub scaling_config: Option<ScalingConfig>,
    /// `["ReportBatchItemFailures"]` or `[]`.
    pub function_response_types: Option<Vec<String>>,
    /// Tags (Create only).
    pub tags: Option<BTreeMap<String, String>>,
    /// The filters; an empty list clears them.
    pub filter_criteria: Option<FilterCriteria>,
    /// The key for the filter criteria; empty clears it.
    #[serde(rename = "KMSKeyArn")]
    pub kms_key_arn: Option<String>,
    /// The metrics to publish.
    pub metrics_config: Option<MetricsConfig>,
    /// Provisioned mode's pollers.
    pub provisioned_poller_config: Option<PollerConfig>,
    /// Streams only: refused for SQS.
    pub starting_position: Option<String>,
    /// Streams only: refused for SQS.
    pub starting_position_timestamp: Option<Value>,
    /// Members for other sources or features Stepstone does not run.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// `ScalingConfig`.
#[derive(Debug, Default, Clone, Copy, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ScalingConfig {
    /// The most concurrent invocations, 2 to 1,000 (the model checks the range).
    pub maximum_concurrency: Option<u32>,
}

/// `MetricsConfig`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MetricsConfig {
    /// Metric names (the model checks the enum).
    pub metrics: Option<Vec<String>>,
}

/// `ProvisionedPollerConfig` as a request sends it.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PollerConfig {
    /// At least this many pollers.
    pub minimum_pollers: Option<u32>,
    /// At most this many pollers.
    pub maximum_pollers: Option<u32>,
    /// Kafka only: a group of mappings sharing pollers.
    pub poller_group_name: Option<String>,
}

/// A mapping's provisioned pollers, with AWS's SQS defaults filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pollers {
    /// `MinimumPollers`.
    pub minimum: u32,
    /// `MaximumPollers`.
    pub maximum: u32,
}

impl Mapping {
    /// A new mapping from `queue` to the function, with Lambda's defaults for SQS: enabled,
    /// batches of [`DEFAULT_BATCH_SIZE`] gathered for no time, no filters or options.
    pub fn new(
        uuid: String,
        queue: QueueArn,
        (function_arn, function_name): (String, String),
        last_modified: f64,
    ) -> Self {
        Mapping {
            uuid,
            queue,
            function_arn,
            function_name,
            batch_size: DEFAULT_BATCH_SIZE,
            window: 0,
            max_concurrency: None,
            report_failures: false,
            filters: None,
            kms_key_arn: None,
            event_count_metrics: false,
            pollers: None,
            enabled: true,
            last_modified,
            tags: BTreeMap::new(),
        }
    }

    /// The settings `request` changes, applied to these.
    pub fn apply(&mut self, request: &MappingRequest) {
        if let Some(enabled) = request.enabled {
            self.enabled = enabled;
        }
        if let Some(size) = request.batch_size {
            self.batch_size = size;
        }
        if let Some(window) = request.maximum_batching_window_in_seconds {
            self.window = window;
        }
        if let Some(scaling) = request.scaling_config {
            self.max_concurrency = scaling.maximum_concurrency;
        }
        if let Some(types) = &request.function_response_types {
            self.report_failures = types.iter().any(|t| t == "ReportBatchItemFailures");
        }
        if let Some(key) = &request.kms_key_arn {
            self.kms_key_arn = Some(key.clone()).filter(|k| !k.is_empty());
        }
        if let Some(metrics) = &request.metrics_config {
            let names = metrics.metrics.as_deref().unwrap_or_default();
            self.event_count_metrics = names.iter().any(|m| m == "EventCount");
        }
    }

    /// The mapping as Lambda's operations answer it, in `state` (`Creating`, `Enabled`, ...),
    /// with its ARN in `prefix`'s region and account (`arn:aws:lambda:<region>:<account>`).
    /// The optional settings are present only when set, as AWS leaves unset members out (that
    /// a cleared `FilterCriteria` or `MetricsConfig` is left out too is a guess).
    pub fn render(&self, state: &str, prefix: &str) -> types::EventSourceMappingConfiguration {
        let response_types = match self.report_failures {
            true => vec!["ReportBatchItemFailures".to_owned()],
            false => Vec::new(),
        };
        let metrics = self
            .event_count_metrics
            .then(|| types::EventSourceMappingMetricsConfig {
                metrics: Some(vec!["EventCount".to_owned()]),
            });
        let pollers = self.pollers.map(|p| types::ProvisionedPollerConfig {
            minimum_pollers: Some(numbers::int(p.minimum)),
            maximum_pollers: Some(numbers::int(p.maximum)),
            poller_group_name: None,
        });
        types::EventSourceMappingConfiguration {
            uuid: Some(self.uuid.clone()),
            batch_size: Some(numbers::int(self.batch_size)),
            maximum_batching_window_in_seconds: Some(numbers::int(self.window)),
            event_source_arn: Some(self.queue.arn.clone()),
            function_arn: Some(self.function_arn.clone()),
            last_modified: Some(self.last_modified),
            state: Some(state.to_owned()),
            state_transition_reason: Some("USER_INITIATED".to_owned()),
            function_response_types: Some(response_types),
            event_source_mapping_arn: Some(format!("{prefix}:event-source-mapping:{}", self.uuid)),
            scaling_config: self.max_concurrency.map(|n| types::ScalingConfig {
                maximum_concurrency: Some(numbers::int(n)),
            }),
            filter_criteria: self.filters.as_ref().map(Filters::render),
            kms_key_arn: self.kms_key_arn.clone(),
            metrics_config: metrics,
            provisioned_poller_config: pollers,
            ..types::EventSourceMappingConfiguration::default()
        }
    }

    /// The state a settled mapping reports.
    pub fn settled_state(&self) -> &'static str {
        match self.enabled {
            true => "Enabled",
            false => "Disabled",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_arns_are_read_and_fifo_queues_known_by_name() {
        let arn = QueueArn::parse("arn:aws:sqs:us-east-1:123456789012:jobs.fifo").unwrap();
        assert_eq!(
            (arn.region.as_str(), arn.account.as_str(), arn.name.as_str()),
            ("us-east-1", "123456789012", "jobs.fifo")
        );
        assert!(arn.fifo());
        for other in [
            "arn:aws:kinesis:us-east-1:123456789012:stream/s",
            "arn:aws:sqs:us-east-1:123456789012:",
            "arn:aws:sqs:us-east-1:123456789012:a:b",
            "jobs",
        ] {
            assert_eq!(QueueArn::parse(other), None, "{other}");
        }
    }
}
