//! The checks Lambda makes of an SQS mapping beyond the model's constraints (ranges, the
//! response-type enum), which the protocol layer has already applied.

use super::config::{Mapping, MappingRequest, PollerConfig, Pollers, QueueArn};
use super::filters::Filters;
use crate::services::lambda::error::{LambdaError, LambdaResult};

/// The queue a Create request names: SQS is the one source Stepstone polls.
pub fn source(arn: Option<&str>) -> LambdaResult<QueueArn> {
    // AWS's words for a mapping without a source (older API documentation; Kafka sources,
    // which need none, are not run here).
    let arn = arn.ok_or_else(|| {
        LambdaError::InvalidParameterValue(
            "Unrecognized event source, must be kinesis, dynamodb stream or sqs.".to_owned(),
        )
    })?;
    QueueArn::parse(arn).ok_or_else(|| {
        LambdaError::Unsupported(format!(
            "Stepstone runs event source mappings from SQS queues only, not from {arn}"
        ))
    })
}

/// Members that do not apply to SQS: those of streams, Kafka, MQ and DocumentDB sources
/// (`DestinationConfig`, `MaximumRetryAttempts`, `LoggingConfig`, ...), and the Kafka-only
/// parts of members SQS takes.
pub fn sqs_members(request: &MappingRequest) -> LambdaResult<()> {
    // AWS's message, as reported by users of its API.
    if request.starting_position.is_some() || request.starting_position_timestamp.is_some() {
        return invalid("StartingPosition is not valid for SQS event sources.");
    }
    let other = request.other.iter().find(|(_, value)| !value.is_null());
    if let Some((name, _)) = other {
        return Err(unsupported(name));
    }
    let metrics = request.metrics_config.as_ref();
    let metrics = metrics
        .and_then(|m| m.metrics.as_deref())
        .unwrap_or_default();
    if let Some(metric) = metrics.iter().find(|m| *m != "EventCount") {
        // The guide: ErrorCount and KafkaMetrics are for Kafka sources. The words are a guess
        // in the form of AWS's refusal of members.
        return invalid(&format!(
            "Unsupported metric '{metric}' for given event source mapping type."
        ));
    }
    let pollers = request.provisioned_poller_config.as_ref();
    match pollers.and_then(|p| p.poller_group_name.as_ref()) {
        Some(_) => Err(unsupported("PollerGroupName")),
        None => Ok(()),
    }
}

/// AWS's refusal of a member the source type does not take, the member named in camelCase:
/// the words users quote for `destinationConfig` on a source without destinations (via
/// CloudFormation) and for Kafka's `ConsumptionMode`; that Lambda words every such member so
/// for SQS is by analogy.
fn unsupported(member: &str) -> LambdaError {
    let mut name = member.to_owned();
    if let Some(first) = name.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    LambdaError::InvalidParameterValue(format!(
        "Unsupported '{name}' parameter for given event source mapping type."
    ))
}

fn invalid<T>(message: &str) -> LambdaResult<T> {
    Err(LambdaError::InvalidParameterValue(message.to_owned()))
}

/// The checked settings of a request that `Mapping::apply` cannot take unchecked.
#[derive(Debug, Default)]
pub struct Checked {
    /// New filters (`Some(None)` clears them).
    filters: Option<Option<Filters>>,
    /// New provisioned pollers (`Some(None)` leaves provisioned mode).
    pollers: Option<Option<Pollers>>,
}

impl Checked {
    /// Puts the settings into `mapping`.
    pub fn apply_to(self, mapping: &mut Mapping) {
        if let Some(filters) = self.filters {
            mapping.filters = filters;
        }
        if let Some(pollers) = self.pollers {
            mapping.pollers = pollers;
        }
    }
}

/// Checks the request's `FilterCriteria` and `ProvisionedPollerConfig`.
pub fn settings(request: &MappingRequest) -> LambdaResult<Checked> {
    let filters = request
        .filter_criteria
        .as_ref()
        .map(Filters::parse)
        .transpose()?;
    let pollers = request.provisioned_poller_config.as_ref().map(pollers);
    Ok(Checked {
        filters,
        pollers: pollers.transpose()?,
    })
}

/// `ProvisionedPollerConfig` for SQS; an empty one leaves provisioned mode, as an empty
/// `ScalingConfig` removes it (AWS documents the latter only).
fn pollers(config: &PollerConfig) -> LambdaResult<Option<Pollers>> {
    if config.minimum_pollers.is_none() && config.maximum_pollers.is_none() {
        return Ok(None);
    }
    // The API reference's SQS defaults and ranges: at least 2 pollers, 200 at most by
    // default. The words of the refusals are a guess.
    let pollers = Pollers {
        minimum: config.minimum_pollers.unwrap_or(2),
        maximum: config.maximum_pollers.unwrap_or(200),
    };
    if pollers.minimum < 2 || pollers.maximum < 2 {
        return invalid(
            "The minimum and maximum number of pollers for Amazon SQS event source mappings must be at least 2.",
        );
    }
    if pollers.minimum > pollers.maximum {
        return invalid("MinimumPollers must be less than or equal to MaximumPollers.");
    }
    Ok(Some(pollers))
}

/// The guide's "maximum concurrency settings or provisioned mode. These are mutually
/// exclusive options"; the words of the refusal are a guess.
pub fn scaling(mapping: &Mapping) -> LambdaResult<()> {
    match (mapping.max_concurrency, mapping.pollers) {
        (Some(_), Some(_)) => invalid(
            "ScalingConfig and ProvisionedPollerConfig cannot both be set for an Amazon SQS event source mapping.",
        ),
        _ => Ok(()),
    }
}

/// The batching rules for the mapping's queue type.
pub fn batching(mapping: &Mapping) -> LambdaResult<()> {
    if mapping.queue.fifo() {
        // AWS's message, as CloudFormation reports it (after its "Invalid request provided: "),
        // for a FIFO mapping with both a window and a batch over 10: the window is named first.
        if mapping.window > 0 {
            return invalid("Batching window is not supported for FIFO queues");
        }
        // AWS's message for SQS batches over 10 from before standard queues took more; that
        // FIFO queues still get it is a guess.
        if mapping.batch_size > 10 {
            return invalid("Maximum batch size must be between 1 and 10 inclusive");
        }
    }
    // AWS's message, as users of its API report it.
    if mapping.batch_size > 10 && mapping.window < 1 {
        return invalid(
            "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10",
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::config::MetricsConfig;
    use super::super::filters::{FilterCriteria, FilterEntry};
    use super::*;

    fn mapping(queue: &str, batch_size: u32, window: u32) -> Mapping {
        let queue = QueueArn::parse(&format!("arn:aws:sqs:us-east-1:123456789012:{queue}"));
        let function = (
            "arn:aws:lambda:us-east-1:123456789012:function:f".into(),
            "f".into(),
        );
        let mut mapping = Mapping::new("u".into(), queue.unwrap(), function, 0.0);
        (mapping.batch_size, mapping.window) = (batch_size, window);
        mapping
    }

    fn message(result: LambdaResult<()>) -> String {
        result.unwrap_err().message().to_owned()
    }

    #[test]
    fn standard_queues_take_large_batches_only_with_a_window() {
        assert!(batching(&mapping("q", 10, 0)).is_ok());
        assert!(batching(&mapping("q", 10_000, 1)).is_ok());
        assert!(message(batching(&mapping("q", 11, 0))).starts_with("Maximum batch window"));
    }

    #[test]
    fn fifo_queues_take_ten_at_most_and_no_window() {
        assert!(batching(&mapping("q.fifo", 10, 0)).is_ok());
        assert!(message(batching(&mapping("q.fifo", 11, 0))).contains("between 1 and 10"));
        assert!(message(batching(&mapping("q.fifo", 11, 5))).contains("not supported"));
    }

    #[test]
    fn sources_other_than_sqs_and_stream_settings_are_refused() {
        let code = |r: LambdaResult<QueueArn>| r.unwrap_err().code();
        assert_eq!(code(source(None)), "InvalidParameterValueException");
        let stream = source(Some("arn:aws:kinesis:us-east-1:123456789012:stream/s"));
        assert_eq!(code(stream), "NotImplemented");
        let request = MappingRequest {
            starting_position: Some("LATEST".into()),
            ..MappingRequest::default()
        };
        assert_eq!(
            message(sqs_members(&request)),
            "StartingPosition is not valid for SQS event sources."
        );
        assert!(sqs_members(&MappingRequest::default()).is_ok());
    }

    #[test]
    fn members_of_other_sources_are_refused_as_aws_refuses_them() {
        let mut request = MappingRequest::default();
        let on_failure = serde_json::json!({"OnFailure": {"Destination": "arn:aws:sqs:us-east-1:123456789012:dlq"}});
        request.other.insert("DestinationConfig".into(), on_failure);
        assert_eq!(
            message(sqs_members(&request)),
            "Unsupported 'destinationConfig' parameter for given event source mapping type."
        );
        request
            .other
            .insert("DestinationConfig".into(), serde_json::Value::Null);
        request
            .other
            .insert("MaximumRetryAttempts".into(), 2.into());
        assert!(message(sqs_members(&request)).contains("'maximumRetryAttempts'"));
    }

    #[test]
    fn sqs_takes_event_count_metrics_and_provisioned_pollers_of_two_or_more() {
        let metrics = |names: &[&str]| MappingRequest {
            metrics_config: Some(MetricsConfig {
                metrics: Some(names.iter().map(|n| n.to_string()).collect()),
            }),
            ..MappingRequest::default()
        };
        assert!(sqs_members(&metrics(&["EventCount"])).is_ok());
        assert!(message(sqs_members(&metrics(&["ErrorCount"]))).contains("'ErrorCount'"));
        let pollers = |minimum, maximum| MappingRequest {
            provisioned_poller_config: Some(PollerConfig {
                minimum_pollers: minimum,
                maximum_pollers: maximum,
                poller_group_name: None,
            }),
            ..MappingRequest::default()
        };
        let mut mapping = mapping("q", 10, 0);
        settings(&pollers(None, Some(50)))
            .unwrap()
            .apply_to(&mut mapping);
        assert_eq!(
            mapping.pollers,
            Some(Pollers {
                minimum: 2,
                maximum: 50
            })
        );
        assert!(settings(&pollers(Some(1), None)).is_err());
        assert!(settings(&pollers(Some(20), Some(10))).is_err());
        mapping.max_concurrency = Some(5);
        assert!(message(scaling(&mapping)).contains("cannot both be set"));
        settings(&pollers(None, None))
            .unwrap()
            .apply_to(&mut mapping);
        assert_eq!(
            mapping.pollers, None,
            "an empty config leaves provisioned mode"
        );
        assert!(scaling(&mapping).is_ok());
    }

    #[test]
    fn filter_criteria_are_checked_set_and_cleared() {
        let criteria = |patterns: &[&str]| MappingRequest {
            filter_criteria: Some(FilterCriteria {
                filters: Some(
                    patterns
                        .iter()
                        .map(|p| FilterEntry {
                            pattern: Some(p.to_string()),
                        })
                        .collect(),
                ),
            }),
            ..MappingRequest::default()
        };
        let mut mapping = mapping("q", 10, 0);
        settings(&criteria(&[r#"{"body":["x"]}"#]))
            .unwrap()
            .apply_to(&mut mapping);
        assert!(mapping.filters.is_some());
        settings(&MappingRequest::default())
            .unwrap()
            .apply_to(&mut mapping);
        assert!(
            mapping.filters.is_some(),
            "an update without criteria keeps them"
        );
        settings(&criteria(&[])).unwrap().apply_to(&mut mapping);
        assert!(mapping.filters.is_none(), "an empty list clears them");
        let bad = settings(&criteria(&["{"])).unwrap_err();
        assert_eq!(bad.message(), "Invalid filter pattern definition.");
    }
}
