//! The checks Lambda makes of an SQS mapping beyond the model's constraints (ranges, the
//! response-type enum), which the protocol layer has already applied.

use super::config::{Mapping, MappingRequest, QueueArn};
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

/// Members that do not apply to SQS, or that Stepstone does not run.
pub fn sqs_members(request: &MappingRequest) -> LambdaResult<()> {
    // AWS's message, as reported by users of its API.
    if request.starting_position.is_some() || request.starting_position_timestamp.is_some() {
        return Err(LambdaError::InvalidParameterValue(
            "StartingPosition is not valid for SQS event sources.".to_owned(),
        ));
    }
    let other = request.other.iter().find(|(_, value)| !value.is_null());
    match other {
        Some((name, _)) => Err(LambdaError::Unsupported(format!(
            "Stepstone does not run {name} on event source mappings yet"
        ))),
        None => Ok(()),
    }
}

/// The batching rules for the mapping's queue type.
pub fn batching(mapping: &Mapping) -> LambdaResult<()> {
    let invalid = |message: &str| Err(LambdaError::InvalidParameterValue(message.to_owned()));
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
    use super::*;

    fn mapping(queue: &str, batch_size: u32, window: u32) -> Mapping {
        Mapping {
            uuid: "u".into(),
            queue: QueueArn::parse(&format!("arn:aws:sqs:us-east-1:123456789012:{queue}")).unwrap(),
            function_arn: "arn:aws:lambda:us-east-1:123456789012:function:f".into(),
            function_name: "f".into(),
            batch_size,
            window,
            max_concurrency: None,
            report_failures: false,
            enabled: true,
            last_modified: 0.0,
            tags: Default::default(),
        }
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
        let mut request = MappingRequest::default();
        request
            .other
            .insert("FilterCriteria".into(), serde_json::json!({}));
        assert!(message(sqs_members(&request)).contains("FilterCriteria"));
        request
            .other
            .insert("FilterCriteria".into(), serde_json::Value::Null);
        assert!(sqs_members(&request).is_ok());
    }
}
