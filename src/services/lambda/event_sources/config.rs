//! A mapping's settings as Lambda keeps and reports them, and the request members that set
//! them.

use serde::Deserialize;
use serde_json::{Map, Value, json};
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

impl Mapping {
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
    }

    /// The mapping as Lambda's operations answer it, in `state` (`Creating`, `Enabled`, ...),
    /// with its ARN in `prefix`'s region and account (`arn:aws:lambda:<region>:<account>`).
    pub fn render(&self, state: &str, prefix: &str) -> Value {
        let types: Vec<&str> = match self.report_failures {
            true => vec!["ReportBatchItemFailures"],
            false => Vec::new(),
        };
        let mut out = json!({
            "UUID": self.uuid,
            "BatchSize": self.batch_size,
            "MaximumBatchingWindowInSeconds": self.window,
            "EventSourceArn": self.queue.arn,
            "FunctionArn": self.function_arn,
            "LastModified": self.last_modified,
            "State": state,
            "StateTransitionReason": "USER_INITIATED",
            "FunctionResponseTypes": types,
            "EventSourceMappingArn": format!("{prefix}:event-source-mapping:{}", self.uuid),
        });
        if let Some(n) = self.max_concurrency {
            out["ScalingConfig"] = json!({ "MaximumConcurrency": n });
        }
        out
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
